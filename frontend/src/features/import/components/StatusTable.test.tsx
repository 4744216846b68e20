import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jiraReport } from '../../../testing/import-fixtures';
import { STAGES, decodeFileReport } from '../api';
import { gatherStatuses, statusKey, type StatusRow } from '../statuses';
import { StatusTable, SYNTHETIC_NOTE } from './StatusTable';

function row(status: string, synthetic = false, sourceSystem = 'jira'): StatusRow {
  return {
    key: statusKey(sourceSystem, 'Payments', status),
    sourceSystem,
    team: 'Payments',
    status,
    count: 3,
    stage: 'backlog',
    proposed: false,
    files: ['jira.csv'],
    synthetic,
  };
}

describe('StatusTable', () => {
  it('explains the synthetic Created status on its row only', () => {
    render(
      <StatusTable
        rows={[row('Created', true), row('To Do'), row('Created', false, 'ado')]}
        stages={STAGES}
        choices={new Map()}
        teams={[]}
        disabled={false}
        onChoose={() => {}}
      />,
    );
    const [created, todo, adoCreated] = screen.getAllByTestId('status-row');
    expect(within(created!).getByTestId('status-synthetic-note')).toHaveTextContent(
      'the status from the item’s Created date until its next change (rebuilt history)',
    );
    expect(within(created!).getByRole('rowheader')).toHaveTextContent(`Created${SYNTHETIC_NOTE}`);
    // A status the file names, even one called Created (an Azure DevOps state, a changelog's), has no note.
    expect(within(todo!).queryByTestId('status-synthetic-note')).not.toBeInTheDocument();
    expect(within(adoCreated!).queryByTestId('status-synthetic-note')).not.toBeInTheDocument();
    expect(screen.getAllByText(SYNTHETIC_NOTE)).toHaveLength(1);
    // The select keeps its short name.
    expect(within(created!).getByTestId('status-stage-select')).toHaveAccessibleName('Stage for “Created” (Payments)');
  });
});

describe('synthetic statuses from the reports', () => {
  const created = { sourceSystem: 'jira', team: 'Payments', status: 'Created', category: 'To Do', count: 2, firstRow: 2, stage: 'backlog', proposed: true };

  it('reads the flag, false when the backend leaves it out', () => {
    const rows = gatherStatuses([
      { name: 'a.csv', report: decodeFileReport(jiraReport({ statuses: [{ ...created, synthetic: true }] })) },
      { name: 'b.csv', report: decodeFileReport(jiraReport()) },
    ]);
    expect(rows.find((r) => r.status === 'Created')?.synthetic).toBe(true);
    expect(rows.filter((r) => r.synthetic).map((r) => r.status)).toEqual(['Created']);
  });

  it('keeps it when one file has the synthetic status and another names a status Created', () => {
    const rows = gatherStatuses([
      { name: 'history.csv', report: decodeFileReport(jiraReport({ statuses: [{ ...created, status: 'created' }] })) },
      { name: 'items.csv', report: decodeFileReport(jiraReport({ statuses: [{ ...created, synthetic: true }] })) },
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'created', count: 4, synthetic: true, files: ['history.csv', 'items.csv'] });
  });
});
