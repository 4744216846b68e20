import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { callsTo, mockApi } from '../../../testing/api-mock';
import { demoPortfolio, recentPortfolios } from '../../../testing/fixtures';
import { renderWithApp } from '../../../testing/render';
import { FileMenu } from './FileMenu';

const newPortfolio = { ...demoPortfolio, name: 'Q3 review', demo: false, path: '/data/q3.throughline' };

function routes() {
  return mockApi({
    'GET /api/portfolio': { body: demoPortfolio },
    'GET /api/recent': { body: { recent: recentPortfolios } },
    'POST /api/portfolio/open': ({ body }) =>
      (body as { path: string }).path === '/data/missing.throughline'
        ? { status: 404, body: { error: { code: 'not_found', message: 'No portfolio file at /data/missing.throughline.' } } }
        : { body: { ...newPortfolio, path: (body as { path: string }).path } },
    'POST /api/portfolio/new': { body: newPortfolio },
  });
}

async function openMenu() {
  const user = userEvent.setup();
  await user.click(screen.getByTestId('file-menu'));
  return { user, menu: screen.getByRole('menu') };
}

describe('FileMenu', () => {
  it('opens with the keyboard, moves with arrows and closes with Escape', async () => {
    routes();
    renderWithApp(<FileMenu />);
    const user = userEvent.setup();
    const button = screen.getByTestId('file-menu');
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');

    button.focus();
    await user.keyboard('{ArrowDown}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const menu = screen.getByRole('menu');
    await within(menu).findByRole('menuitem', { name: /Retail/ });
    expect(within(menu).getByRole('menuitem', { name: /New portfolio/ })).toHaveFocus();

    await user.keyboard('{ArrowDown}');
    expect(within(menu).getByRole('menuitem', { name: /Open portfolio/ })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(within(menu).getByRole('menuitem', { name: /Retail/ })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    const gone = within(menu).getByRole('menuitem', { name: /Gone/ });
    expect(gone).toHaveFocus();
    expect(gone).toHaveAttribute('aria-disabled', 'true');
    await user.keyboard('{ArrowDown}');
    expect(within(menu).getByRole('menuitem', { name: /New portfolio/ })).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(gone).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
  });

  it('chooses with Enter, and Enter on a missing recent file does nothing', async () => {
    const fetchMock = routes();
    const { client } = renderWithApp(<FileMenu />);
    await waitFor(() => expect(client.getQueryData(['recent'])).toHaveLength(2));
    const user = userEvent.setup();
    screen.getByTestId('file-menu').focus();
    await user.keyboard('{ArrowUp}');
    const gone = await within(screen.getByRole('menu')).findByRole('menuitem', { name: /Gone/ });
    expect(gone).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('menu')).toBeInTheDocument();
    expect(callsTo(fetchMock, 'POST /api/portfolio/open')).toHaveLength(0);

    await user.keyboard('{Home}{ArrowDown}{Enter}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Open portfolio' })).toBeInTheDocument();
    // Escape closes the dialog and gives focus back to the File button.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('file-menu')).toHaveFocus();
  });

  it('shows the shortcuts and groups the recent files', async () => {
    routes();
    renderWithApp(<FileMenu />);
    const { menu } = await openMenu();
    expect(within(menu).getByRole('menuitem', { name: /New portfolio/ })).toHaveAttribute('aria-keyshortcuts', 'Control+N');
    expect(within(menu).getByRole('menuitem', { name: /Open portfolio/ })).toHaveTextContent('Ctrl+O');
    const recent = within(menu).getByRole('group', { name: 'Recent' });
    await within(recent).findByRole('menuitem', { name: /Retail/ });
    expect(within(recent).getAllByRole('menuitem')).toHaveLength(2);
  });

  it('in a browser, Open asks for a path and posts it', async () => {
    const fetchMock = routes();
    renderWithApp(<FileMenu />);
    const { user, menu } = await openMenu();
    await user.click(within(menu).getByRole('menuitem', { name: /Open portfolio/ }));

    const dialog = screen.getByRole('dialog', { name: 'Open portfolio' });
    const input = within(dialog).getByLabelText('Portfolio file path');
    expect(input).toHaveFocus();
    await user.type(input, '  /data/retail.throughline ');
    await user.click(within(dialog).getByRole('button', { name: 'Open' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(callsTo(fetchMock, 'POST /api/portfolio/open')).toEqual([{ path: '/data/retail.throughline' }]);
  });

  it('keeps the dialog open with the API message when the file cannot be opened', async () => {
    routes();
    renderWithApp(<FileMenu />);
    const { user, menu } = await openMenu();
    await user.click(within(menu).getByRole('menuitem', { name: /Open portfolio/ }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText('Portfolio file path'), '/data/missing.throughline{Enter}');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('No portfolio file at /data/missing.throughline.');
  });

  it('asks for a path before posting anything', async () => {
    const fetchMock = routes();
    renderWithApp(<FileMenu />);
    const { user, menu } = await openMenu();
    await user.click(within(menu).getByRole('menuitem', { name: /Open portfolio/ }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Open' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Enter the path of the portfolio file.');
    expect(callsTo(fetchMock, 'POST /api/portfolio/open')).toHaveLength(0);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('in a browser, New asks for a name and a path and posts both', async () => {
    const fetchMock = routes();
    renderWithApp(<FileMenu />);
    const { user, menu } = await openMenu();
    await user.click(within(menu).getByRole('menuitem', { name: /New portfolio/ }));
    const dialog = screen.getByRole('dialog', { name: 'New portfolio' });
    await user.type(within(dialog).getByLabelText('Name'), 'Q3 review');
    await user.type(within(dialog).getByLabelText('New file path'), '/data/q3.throughline');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(callsTo(fetchMock, 'POST /api/portfolio/new')).toEqual([{ path: '/data/q3.throughline', name: 'Q3 review' }]);
  });

  it('Ctrl+O opens the dialog', async () => {
    routes();
    renderWithApp(<FileMenu />);
    await userEvent.keyboard('{Control>}o{/Control}');
    expect(screen.getByRole('dialog', { name: 'Open portfolio' })).toBeInTheDocument();
  });

  it('opens a recent portfolio and refreshes everything; missing files are disabled', async () => {
    const fetchMock = routes();
    renderWithApp(<FileMenu />);
    const { user, menu } = await openMenu();
    await user.click(await within(menu).findByRole('menuitem', { name: /Gone/ }));
    expect(screen.getByRole('menu')).toBeInTheDocument();
    expect(callsTo(fetchMock, 'POST /api/portfolio/open')).toHaveLength(0);

    await user.click(within(menu).getByRole('menuitem', { name: /Retail/ }));
    await waitFor(() => expect(callsTo(fetchMock, 'POST /api/portfolio/open')).toEqual([{ path: '/data/retail.throughline' }]));
    // The recent list belonged to the previous portfolio: it is fetched again.
    await waitFor(() => expect(callsTo(fetchMock, 'GET /api/recent')).toHaveLength(2));
  });

  it('in the desktop window, Open uses the native dialog and no modal', async () => {
    const fetchMock = routes();
    const OpenPortfolioDialog = vi.fn(async () => true);
    window.go = { app: { Shell: { OpenPortfolioDialog, NewPortfolioDialog: vi.fn(async () => false), Report: vi.fn(async () => {}) } } };
    renderWithApp(<FileMenu />);
    const { user, menu } = await openMenu();
    await user.click(within(menu).getByRole('menuitem', { name: /Open portfolio/ }));

    expect(OpenPortfolioDialog).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(callsTo(fetchMock, 'GET /api/recent')).toHaveLength(2));
  });

  it('in the desktop window, shows why the native dialog failed', async () => {
    routes();
    window.go = {
      app: {
        Shell: {
          OpenPortfolioDialog: vi.fn(async () => true),
          NewPortfolioDialog: vi.fn(async () => Promise.reject('The folder is read-only.')),
          Report: vi.fn(async () => {}),
        },
      },
    };
    renderWithApp(<FileMenu />);
    const { user, menu } = await openMenu();
    await user.click(within(menu).getByRole('menuitem', { name: /New portfolio/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The folder is read-only.');
  });
});
