import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { callsTo, mockApi, type Route } from '../../../testing/api-mock';
import { demoOverview } from '../../../testing/fixtures';
import { csvFile, importHistory, jiraReport, mappingsAnswer, storedReport } from '../../../testing/import-fixtures';
import { renderWithApp } from '../../../testing/render';
import type { ColumnMapping } from '../columnMapping';
import { ColumnMapper } from './ColumnMapper';
import { ImportScreen } from './ImportScreen';

const role = (r: string, name: string, required = false, repeated = false) => ({ role: r, name, required, repeated });

/** formats is a GET /api/import/formats answer with the layouts the tests use. */
const formats = {
  formats: [
    {
      format: 'jira_history',
      variant: 'status-dates',
      name: 'Jira history (changelog) table — status dates',
      kind: 'history',
      anyOf: [],
      roles: [role('key', 'Issue key', true), role('status', 'Status', true), role('changed_at', 'Date', true)],
    },
    {
      format: 'template',
      variant: '',
      name: "Throughline's items template",
      kind: 'items',
      anyOf: [],
      roles: [
        role('key', 'Key', true),
        role('type', 'Type', true),
        role('title', 'Title', true),
        role('team', 'Team', true),
        role('program', 'Program'),
        role('status', 'Status', true),
        role('created', 'Created', true),
        role('points', 'Points'),
      ],
    },
    {
      format: 'incidents',
      variant: '',
      name: 'Incidents export',
      kind: 'incidents',
      anyOf: null,
      roles: [role('key', 'Incident ID', true), role('opened', 'Opened At', true), role('state', 'State'), role('title', 'Title')],
    },
  ],
};

/** opsColumns is POST /api/import/columns for a team's own tracker, which no format recognises. */
const opsColumns = {
  file: 'ops.csv',
  sheets: [
    {
      sheet: '',
      headerRow: 1,
      format: '',
      columns: [
        { letter: 'A', header: 'Ticket', samples: ['OPS-1', 'OPS-2'] },
        { letter: 'B', header: 'What', samples: ['Rotate certificates', 'Zoë’s <b>pager</b> storm'] },
        { letter: 'C', header: 'Kind', samples: ['Task', 'Bug'] },
        { letter: 'D', header: 'Squad', samples: ['Ops Crew'] },
        { letter: 'E', header: 'State', samples: ['Done', 'In Progress'] },
        { letter: 'F', header: 'Opened', samples: ['2026-03-02'] },
        { letter: 'G', header: '', samples: [] },
      ],
      proposals: [
        { format: 'template', columns: { State: 'status' } },
        { format: 'incidents', columns: { State: 'state', Opened: 'opened' } },
        { format: 'jira_history', variant: 'status-dates', columns: {} },
      ],
    },
  ],
};

const saved = {
  names: ['Ops tracker', 'Broken'],
  profiles: [
    { name: 'Broken', format: 'template', columns: { A: 'key' }, problem: 'The mapping profile "Broken" cannot be used.' },
    {
      name: 'Ops tracker',
      format: 'template',
      columns: { Ticket: 'key', What: 'title', Kind: 'type', Squad: 'team', State: 'status', Opened: 'created', Gone: 'points' },
    },
  ],
};

const complete = { Ticket: 'key', What: 'title', Kind: 'type', Squad: 'team', State: 'status', Opened: 'created' };

function mapperRoutes(extra: Record<string, Route> = {}) {
  return mockApi({
    'GET /api/import/formats': { body: formats },
    'GET /api/mappings/profiles': { body: { names: [], profiles: [] } },
    'POST /api/import/columns': { body: opsColumns },
    ...extra,
  });
}

function renderMapper(initial?: ColumnMapping) {
  const onApply = vi.fn();
  const onClose = vi.fn();
  renderWithApp(<ColumnMapper file={csvFile('ops.csv')} fileName="ops.csv" initial={initial} onApply={onApply} onClose={onClose} />);
  return { onApply, onClose, user: userEvent.setup() };
}

async function mapRest(user: ReturnType<typeof userEvent.setup>) {
  for (const [letter, r] of [['A', 'key'], ['B', 'title'], ['C', 'type'], ['D', 'team'], ['F', 'created']] as const) {
    await user.selectOptions(screen.getByTestId(`column-mapper-role-${letter}`), r);
  }
}

describe('ColumnMapper', () => {
  it('lists each column with its letter, header and first values, starts from the proposal, and marks what is missing', async () => {
    mapperRoutes();
    renderMapper();
    expect(screen.getByRole('status')).toHaveTextContent('Reading the columns of ops.csv…');
    const dialog = await screen.findByRole('dialog', { name: 'Map the columns of ops.csv' });
    const format = await within(dialog).findByTestId('column-mapper-format');
    // Nothing recognised the headers: the items template, filled in as far as the headers allow.
    expect(format).toHaveValue('template');
    await waitFor(() => expect(format).toHaveFocus());
    // The work-item layouts come first.
    expect(within(format).getAllByRole('option').map((o) => o.textContent)).toEqual([
      "Throughline's items template",
      'Jira history (changelog) table — status dates',
      'Incidents export',
    ]);

    const rows = within(dialog).getAllByTestId('column-mapper-row');
    expect(rows).toHaveLength(7);
    expect(rows[1]).toHaveTextContent('B');
    expect(rows[1]).toHaveTextContent('What');
    // Text from the file stays text.
    expect(rows[1]).toHaveTextContent('Rotate certificates · Zoë’s <b>pager</b> storm');
    expect(rows[1]!.querySelector('b')).toBeNull();
    expect(screen.getByTestId('column-mapper-role-E')).toHaveValue('status');
    expect(screen.getByTestId('column-mapper-role-A')).toHaveValue('');
    expect(screen.getByTestId('column-mapper-role-A')).toHaveAccessibleName('What column A (“Ticket”) holds');
    expect(within(screen.getByTestId('column-mapper-role-A')).getByRole('option', { name: 'Key — required' })).toBeInTheDocument();
    // A column without a header cannot be mapped, and says so.
    expect(screen.getByTestId('column-mapper-role-G')).toBeDisabled();
    expect(screen.getByTestId('column-mapper-role-G')).toHaveAccessibleDescription('No header, so it cannot be mapped.');

    const needs = screen.getByTestId('column-mapper-needs');
    expect(needs).toHaveTextContent('Status: column E');
    expect(needs).toHaveTextContent('Key: not mapped');
    expect(screen.getByTestId('column-mapper-check')).toHaveTextContent(
      "Still to map for Throughline's items template: Key, Type, Title, Team, Created. Choose the column that holds each.",
    );
  });

  it('will not apply an incomplete mapping, says why, and applies once every needed column is mapped', async () => {
    const fetchMock = mapperRoutes();
    const { onApply, user } = renderMapper();
    const apply = await screen.findByTestId('column-mapper-apply');
    expect(apply).toHaveTextContent('Apply');
    await user.click(apply);
    expect(onApply).not.toHaveBeenCalled();
    const check = screen.getByTestId('column-mapper-check');
    expect(check).toHaveFocus();
    expect(check).toHaveClass('form__problem');

    await mapRest(user);
    // A role that reads one column, given twice: said on the row and in the summary.
    await user.selectOptions(screen.getByTestId('column-mapper-role-C'), 'title');
    expect(screen.getByTestId('column-mapper-role-C')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('column-mapper-role-C')).toHaveAccessibleDescription('Title reads one column; it is also given to “What”.');
    expect(check).toHaveTextContent('Title is given to “What” and “Kind”, but reads one column. Keep it on one.');
    expect(within(screen.getByTestId('column-mapper-role-D')).getByRole('option', { name: 'Title — required, now on column B' })).toBeInTheDocument();
    await user.selectOptions(screen.getByTestId('column-mapper-role-C'), 'type');

    expect(check).toHaveTextContent('Every column the format needs is mapped.');
    await user.click(apply);
    expect(onApply).toHaveBeenCalledWith({ kind: 'inline', profile: { name: '', format: 'template', columns: complete } });
    // Nothing was saved: no name was given.
    expect(callsTo(fetchMock, 'PUT /api/mappings/profiles')).toEqual([]);
  });

  it('saves the mapping under a name with Enter, then applies it', async () => {
    const fetchMock = mapperRoutes({
      'PUT /api/mappings/profiles': (init) => ({ body: { profile: init.body } }),
    });
    const { onApply, user } = renderMapper();
    await screen.findByTestId('column-mapper-apply');
    await mapRest(user);
    await user.type(screen.getByLabelText('Save as profile (optional)'), 'Ops tracker{Enter}');
    await waitFor(() => expect(onApply).toHaveBeenCalled());
    expect(callsTo(fetchMock, 'PUT /api/mappings/profiles')).toEqual([{ name: 'Ops tracker', format: 'template', columns: complete }]);
    expect(onApply).toHaveBeenCalledWith({ kind: 'inline', profile: { name: 'Ops tracker', format: 'template', columns: complete } });
  });

  it('shows why a profile could not be saved, and keeps the dialog open', async () => {
    mapperRoutes({
      'PUT /api/mappings/profiles': { status: 400, body: { error: { code: 'invalid', message: 'The profile name "x" is longer than 80 characters; choose a shorter one.' } } },
    });
    const { onApply, user } = renderMapper();
    await screen.findByTestId('column-mapper-apply');
    await mapRest(user);
    await user.type(screen.getByLabelText('Save as profile (optional)'), 'x');
    await user.click(screen.getByRole('button', { name: 'Save and apply' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('longer than 80 characters; choose a shorter one.');
    expect(onApply).not.toHaveBeenCalled();
  });

  it('keeps the choices the new format can use when the format changes, and fills in its proposal', async () => {
    mapperRoutes();
    const { user } = renderMapper();
    await screen.findByTestId('column-mapper-apply');
    await user.selectOptions(screen.getByTestId('column-mapper-role-A'), 'key');
    await user.selectOptions(screen.getByTestId('column-mapper-role-B'), 'title');
    await user.selectOptions(screen.getByTestId('column-mapper-role-C'), 'type');
    await user.selectOptions(screen.getByTestId('column-mapper-format'), 'incidents');
    expect(screen.getByTestId('column-mapper-role-A')).toHaveValue('key');
    expect(screen.getByTestId('column-mapper-role-B')).toHaveValue('title');
    expect(screen.getByTestId('column-mapper-role-C')).toHaveValue('');
    expect(screen.getByTestId('column-mapper-role-F')).toHaveValue('opened');
    // "status" is not an incidents column: the proposal gives State its own role.
    expect(screen.getByTestId('column-mapper-role-E')).toHaveValue('state');
    expect(screen.getByTestId('column-mapper-check')).toHaveTextContent('Every column the format needs is mapped.');
  });

  it('starts from a saved profile, says which of its headers this sheet lacks, and replaces it when saved again', async () => {
    mapperRoutes({ 'GET /api/mappings/profiles': { body: saved } });
    const { user } = renderMapper();
    const picker = await screen.findByLabelText('Start from a saved profile');
    expect(within(picker).getByRole('option', { name: 'Broken (cannot be used)' })).toBeDisabled();
    await user.selectOptions(picker, 'Ops tracker');
    expect(screen.getByTestId('column-mapper-role-A')).toHaveValue('key');
    expect(screen.getByTestId('column-mapper-role-F')).toHaveValue('created');
    expect(screen.getByText('Not in this sheet, so left out of the mapping: “Gone”.')).toBeInTheDocument();
    expect(screen.getByLabelText('Save as profile (optional)')).toHaveValue('Ops tracker');
    expect(screen.getByText('Replaces the saved profile “Ops tracker”.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save and apply' })).toBeInTheDocument();
  });

  it('deletes a saved profile after asking', async () => {
    const fetchMock = mapperRoutes({
      'GET /api/mappings/profiles': { body: saved },
      'DELETE /api/mappings/profiles/Ops%20tracker': { body: { deleted: 'Ops tracker' } },
    });
    const { user } = renderMapper();
    await user.selectOptions(await screen.findByLabelText('Start from a saved profile'), 'Ops tracker');
    await user.click(screen.getByRole('button', { name: 'Delete…' }));
    const confirm = screen.getByRole('group', { name: 'Delete the profile Ops tracker' });
    expect(within(confirm).getByRole('button', { name: 'Keep it' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('The profile “Ops tracker” was deleted.')).toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([url, init]) => init?.method === 'DELETE' && String(url) === '/api/mappings/profiles/Ops%20tracker')).toBe(true);
  });

  it('opens on the file’s own mapping, and closes with Escape', async () => {
    mapperRoutes();
    const { onClose, user } = renderMapper({ kind: 'inline', profile: { name: '', format: 'incidents', columns: { Ticket: 'key', Opened: 'opened' } } });
    const format = await screen.findByTestId('column-mapper-format');
    expect(format).toHaveValue('incidents');
    expect(screen.getByTestId('column-mapper-role-A')).toHaveValue('key');
    expect(screen.getByTestId('column-mapper-role-E')).toHaveValue('');
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });

  it('says when the columns cannot be read', async () => {
    mapperRoutes({ 'POST /api/import/columns': { status: 400, body: { error: { code: 'invalid', message: 'ops.csv is empty.' } } } });
    renderMapper();
    expect(await screen.findByRole('alert')).toHaveTextContent('The columns of ops.csv could not be read: ops.csv is empty.');
  });
});

describe('Import screen with a column mapping', () => {
  const unrecognised = jiraReport({
    path: 'ops.csv',
    format: '',
    error: 'ops.csv: the columns were not recognised as any known export (found: Ticket, What). Map the columns yourself and save the mapping as a profile.',
    rows_read: 0,
    items_created: 0,
    items_updated: 0,
    history_added: 0,
    rejected: [],
    warnings: [],
    statuses: [],
    sheets: [],
  });
  const mapped = jiraReport({ path: 'ops.csv', format: 'template', rows_read: 2, items_created: 2, items_updated: 0, history_added: 2, rejected: [], warnings: [], statuses: [] });

  function screenRoutes(profiles: unknown = { names: [], profiles: [] }, extra: Record<string, Route> = {}) {
    const calls: { dryRun: boolean; query: URLSearchParams; profile: unknown }[] = [];
    mockApi({
      'GET /api/overview': { body: demoOverview },
      'GET /api/mappings': { body: mappingsAnswer },
      'GET /api/imports': { body: importHistory },
      'GET /api/import/formats': { body: formats },
      'GET /api/mappings/profiles': { body: profiles },
      'POST /api/import/columns': { body: opsColumns },
      'POST /api/import': (init) => {
        const p = init.form?.get('profile');
        const call = { dryRun: init.query.get('dryRun') === 'true', query: init.query, profile: typeof p === 'string' ? JSON.parse(p) : undefined };
        calls.push(call);
        const withMapping = call.profile !== undefined || init.query.get('profile') !== null;
        const report = withMapping ? mapped : unrecognised;
        return { body: { files: [call.dryRun ? report : storedReport(report, 9)] } };
      },
      ...extra,
    });
    return calls;
  }

  it('maps an unrecognised file from its card, reads it again with the mapping, and imports with it', async () => {
    const calls = screenRoutes();
    renderWithApp(<ImportScreen />);
    const user = userEvent.setup();
    await user.upload(screen.getByTestId('import-file-input'), [csvFile('ops.csv')]);
    const prompt = await screen.findByTestId('import-map-prompt');
    expect(screen.getByTestId('import-file-card')).toHaveTextContent('This file cannot be imported: ops.csv: the columns were not recognised');

    await user.click(prompt);
    await screen.findByTestId('column-mapper-apply');
    await mapRest(user);
    await user.click(screen.getByTestId('column-mapper-apply'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The prompt that opened the dialog is gone (the file is mapped): focus goes to the file's heading.
    await waitFor(() => expect(screen.getByRole('heading', { name: 'ops.csv' })).toHaveFocus());

    await waitFor(() => expect(calls.filter((c) => c.dryRun)).toHaveLength(2));
    expect(calls[1]!.profile).toEqual({ name: '', format: 'template', columns: complete });
    const card = screen.getByTestId('import-file-card');
    await waitFor(() => expect(card).toHaveTextContent('Would add 2 items'));
    expect(within(card).getByTestId('import-mapping-note')).toHaveTextContent('Columns mapped by you as Throughline template: work items.');
    expect(within(card).getByLabelText('Read as')).toBeDisabled();

    await user.click(screen.getByTestId('import-run'));
    await screen.findByTestId('import-result');
    const real = calls.filter((c) => !c.dryRun);
    expect(real).toHaveLength(1);
    expect(real[0]!.profile).toEqual({ name: '', format: 'template', columns: complete });
  });

  it('after saving a profile, focus goes to the heading of the file whose prompt is gone', async () => {
    // The profile is saved a while after Enter: the dialog closes later than the key press.
    const slowSave: Route = (init) => new Promise((resolve) => setTimeout(() => resolve({ body: { profile: init.body } }), 40));
    screenRoutes(undefined, { 'PUT /api/mappings/profiles': slowSave });
    // In a browser the next frame may come before React has closed the dialog; here it always does.
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
      cb(performance.now());
      return 0;
    });
    renderWithApp(<ImportScreen />);
    const user = userEvent.setup();
    await user.upload(screen.getByTestId('import-file-input'), [csvFile('ops.csv')]);
    await user.click(await screen.findByTestId('import-map-prompt'));
    await screen.findByTestId('column-mapper-apply');
    await mapRest(user);
    await user.type(screen.getByLabelText('Save as profile (optional)'), 'Ops tracker{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(screen.getByRole('heading', { name: 'ops.csv' })).toHaveFocus());
    expect(screen.queryByTestId('import-map-prompt')).toBeNull();
  });

  it('gives focus back to “Map columns…” when the dialog opened from it closes, applied or not', async () => {
    screenRoutes();
    renderWithApp(<ImportScreen />);
    const user = userEvent.setup();
    await user.upload(screen.getByTestId('import-file-input'), [csvFile('ops.csv')]);
    await screen.findByTestId('import-map-prompt');
    const button = screen.getByTestId('import-map-columns');

    await user.click(button);
    await screen.findByTestId('column-mapper-apply');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(button).toHaveFocus();

    await user.keyboard('{Enter}');
    await screen.findByTestId('column-mapper-apply');
    await mapRest(user);
    await user.click(screen.getByTestId('column-mapper-apply'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByTestId('import-map-columns')).toHaveFocus();
  });

  it('reads every file with the saved profile chosen under Options, until the choice is taken back', async () => {
    const calls = screenRoutes(saved);
    renderWithApp(<ImportScreen />);
    const user = userEvent.setup();
    await user.upload(screen.getByTestId('import-file-input'), [csvFile('ops.csv')]);
    await screen.findByTestId('import-map-prompt');

    const picker = screen.getByTestId('import-profile');
    await waitFor(() => expect(picker).toBeEnabled());
    await user.selectOptions(picker, 'Ops tracker');
    expect(screen.getByText('Every file is read with “Ops tracker”, except files whose columns you mapped yourself.')).toBeInTheDocument();
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.query.get('profile')).toBe('Ops tracker');
    expect(calls[1]!.profile).toBeUndefined();
    const card = screen.getByTestId('import-file-card');
    await waitFor(() => expect(card).toHaveTextContent('Columns mapped by the saved profile “Ops tracker”'));

    await user.selectOptions(picker, '');
    await waitFor(() => expect(calls).toHaveLength(3));
    expect(calls[2]!.query.get('profile')).toBeNull();
  });
});
