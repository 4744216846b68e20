import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { FileReport, UnknownType } from '../api';
import { gatherTypes, typeKey, typesToSend, type TypeChoice, type TypeRow } from '../itemTypes';
import { TypeTable } from './TypeTable';

function row(rawType: string, count: number, type: TypeRow['type'] = '', files = ['ops.csv']): TypeRow {
  return { key: typeKey(rawType), rawType, count, type, sourceSystems: ['jira'], files };
}

function report(unknownTypes: UnknownType[]): FileReport {
  return { unknownTypes } as FileReport;
}

describe('TypeTable', () => {
  it('lists each unknown type with its rows, asks for a type and says what happens to its rows', () => {
    render(<TypeTable rows={[row('Chore', 3), row('Research', 1)]} choices={new Map()} disabled={false} onChoose={() => {}} />);
    const rows = screen.getAllByTestId('type-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('Chore');
    expect(within(rows[0]!).getByText('3')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('Jira')).toBeInTheDocument();
    const select = within(rows[0]!).getByRole('combobox', { name: 'Item type for “Chore”' });
    expect(select).toHaveValue('');
    expect(select).toHaveAttribute('aria-invalid', 'true');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Choose a type…',
      'Epic',
      'Feature',
      'Story',
      'Bug',
      'Enabler',
      'Task',
      'Risk',
      'Debt',
      'Sub-task',
    ]);
    expect(within(rows[0]!).getByText(/its rows are left out until you choose a type/)).toBeInTheDocument();
    expect(screen.getByText(/2 item types are not known to Throughline, so 4 rows are left out/)).toBeInTheDocument();
  });

  it('hands the choice up with the raw spelling, and shows it as the user’s', async () => {
    const onChoose = vi.fn();
    const { rerender } = render(<TypeTable rows={[row('Chore', 3)]} choices={new Map()} disabled={false} onChoose={onChoose} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Item type for “Chore”' }), 'task');
    expect(onChoose).toHaveBeenCalledWith('chore', 'Chore', 'task');

    const choices = new Map<string, TypeChoice>([['chore', { rawType: 'Chore', type: 'task' }]]);
    rerender(<TypeTable rows={[row('Chore', 3, 'task')]} choices={choices} disabled={false} onChoose={onChoose} />);
    const select = screen.getByRole('combobox', { name: 'Item type for “Chore”' });
    expect(select).toHaveValue('task');
    expect(select).not.toHaveAttribute('aria-invalid');
    expect(within(select).queryByRole('option', { name: 'Choose a type…' })).not.toBeInTheDocument();
    expect(screen.getByText('your choice')).toBeInTheDocument();
    expect(screen.getByText(/Every item type is settled/)).toBeInTheDocument();
  });

  it('shows a type settled by an earlier import as saved, and locks the selects while importing', () => {
    render(<TypeTable rows={[row('Chore', 2, 'debt')]} choices={new Map()} disabled onChoose={() => {}} />);
    const select = screen.getByRole('combobox', { name: 'Item type for “Chore”' });
    expect(select).toHaveValue('debt');
    expect(select).toBeDisabled();
    expect(screen.getByText('saved')).toBeInTheDocument();
  });
});

describe('item types across files', () => {
  it('merges spellings as the backend compares them, most rows first whether settled or not', () => {
    const rows = gatherTypes([
      { name: 'a.csv', report: report([{ sourceSystem: 'jira', rawType: 'Sub_Chore', count: 2, firstRow: 4, type: '' }]) },
      {
        name: 'b.csv',
        report: report([
          { sourceSystem: 'ado', rawType: 'sub-chore', count: 1, firstRow: 2, type: '' },
          { sourceSystem: 'ado', rawType: 'Research', count: 9, firstRow: 3, type: 'enabler' },
        ]),
      },
    ]);
    expect(rows.map((r) => [r.rawType, r.count, r.type, r.sourceSystems, r.files])).toEqual([
      ['Research', 9, 'enabler', ['ado'], ['b.csv']],
      ['Sub_Chore', 3, '', ['jira', 'ado'], ['a.csv', 'b.csv']],
    ]);
  });

  it('sends the choices as raw type → item type', () => {
    const choices = new Map<string, TypeChoice>([
      ['chore', { rawType: 'Chore', type: 'task' }],
      ['research', { rawType: 'Research', type: 'enabler' }],
    ]);
    expect(typesToSend(choices)).toEqual({ Chore: 'task', Research: 'enabler' });
  });
});
