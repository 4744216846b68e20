import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../testing/api-mock';
import { demoOverview, demoPortfolio } from '../testing/fixtures';
import { csvFile, importHistory, jiraReport, mappingsAnswer } from '../testing/import-fixtures';
import { demoMetrics } from '../testing/metrics-fixtures';
import { renderWithApp } from '../testing/render';
import { App } from './App';

// jsdom cannot draw: a stand-in ECharts that reports "finished" after each setOption.
vi.mock('../components/ui/echarts', () => ({
  init: () => {
    const handlers = new Map<string, () => void>();
    return {
      on: (event: string, handler: () => void) => void handlers.set(event, handler),
      off: (event: string) => void handlers.delete(event),
      setOption: () => void setTimeout(() => handlers.get('finished')?.(), 0),
      resize: () => {},
      dispose: () => {},
      isDisposed: () => false,
    };
  },
}));

function routes() {
  return mockApi({
    'GET /api/portfolio': { body: demoPortfolio },
    'GET /api/overview': { body: demoOverview },
    'GET /api/recent': { body: { recent: [] } },
    'GET /api/metrics': { body: demoMetrics },
    'GET /api/mappings': { body: mappingsAnswer },
    'GET /api/imports': { body: importHistory },
    'POST /api/import': () => ({ body: { files: [jiraReport()] } }),
  });
}

afterEach(() => {
  window.location.hash = '';
});

describe('the Import screen in the shell', () => {
  it('is the second entry of the navigation, and the screens follow the URL hash', async () => {
    routes();
    renderWithApp(<App />);
    const nav = screen.getByRole('navigation', { name: 'Screens' });
    const overviewLink = within(nav).getByRole('link', { name: /Overview/ });
    const importLink = within(nav).getByTestId('import-nav');
    expect(importLink).toHaveTextContent('Import');
    expect(importLink).toHaveAttribute('aria-keyshortcuts', 'G I');
    expect(overviewLink).toHaveAttribute('aria-current', 'page');

    await userEvent.click(importLink);
    expect(await screen.findByTestId('import-screen')).toBeVisible();
    expect(importLink).toHaveAttribute('aria-current', 'page');
    expect(window.location.hash).toBe('#/import');
    expect(screen.queryByTestId('overview')).not.toBeInTheDocument();
    expect(document.getElementById('main')).toHaveFocus();

    // Back (the browser's Back changes the hash): the overview returns; the Import screen
    // stays mounted, hidden, keeping its files.
    act(() => {
      window.location.hash = '#/overview';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByTestId('overview')).toBeInTheDocument();
    expect(screen.getByTestId('import-screen')).not.toBeVisible();
  });

  it('goes there with g then i, and back with g then o, but not while typing', async () => {
    routes();
    renderWithApp(<App />);
    const user = userEvent.setup();
    await user.keyboard('gi');
    expect(await screen.findByTestId('import-screen')).toBeVisible();
    await user.keyboard('go');
    expect(await screen.findByTestId('overview')).toBeInTheDocument();
    await user.keyboard('gi');
    await waitFor(() => expect(screen.getByTestId('import-screen')).toBeVisible());

    // Typing "go" in the default-team field types it.
    await user.upload(screen.getByTestId('import-file-input'), [csvFile('jira.csv')]);
    const field = await screen.findByLabelText('Default team');
    await user.type(field, 'go');
    expect(field).toHaveValue('go');
    expect(screen.getByTestId('import-screen')).toBeVisible();
  });

  it('File › Import… opens the Import screen and its file dialog', async () => {
    routes();
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {});
    renderWithApp(<App />);
    const user = userEvent.setup();
    await user.click(screen.getByTestId('file-menu'));
    await user.click(screen.getByRole('menuitem', { name: /Import…/ }));
    expect(await screen.findByTestId('import-screen')).toBeVisible();
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(click.mock.contexts[0]).toBe(screen.getByTestId('import-file-input'));
    expect(screen.getByRole('button', { name: 'Choose files…' })).toHaveFocus();
  });

  it('takes files dropped anywhere on the window to the Import screen and previews them', async () => {
    routes();
    renderWithApp(<App />);
    await screen.findByTestId('overview');
    const dataTransfer = {
      types: ['Files'],
      items: [{ kind: 'file', getAsFile: () => csvFile('jira.csv') }],
      files: [],
      dropEffect: 'none',
    };
    fireEvent.dragEnter(screen.getByTestId('overview'), { dataTransfer });
    expect(screen.getByText('Drop to preview these files on the Import screen')).toBeInTheDocument();
    fireEvent.drop(screen.getByTestId('overview'), { dataTransfer });
    const card = await screen.findByTestId('import-file-card');
    expect(screen.getByTestId('import-screen')).toBeVisible();
    expect(within(card).getByRole('heading', { name: 'jira.csv' })).toBeInTheDocument();
    expect(await within(card).findByTestId('import-preview-table')).toBeInTheDocument();
    expect(screen.queryByText('Drop to preview these files on the Import screen')).not.toBeInTheDocument();
  });

  it('leaves drags of text alone', async () => {
    routes();
    renderWithApp(<App />);
    await screen.findByTestId('overview');
    const drag = fireEvent.dragOver(screen.getByTestId('overview'), { dataTransfer: { types: ['text/plain'] } });
    expect(drag).toBe(true); // not prevented: the page does not accept it
    expect(screen.queryByText('Drop to preview these files on the Import screen')).not.toBeInTheDocument();
  });
});
