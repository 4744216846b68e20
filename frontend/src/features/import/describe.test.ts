import { describe, expect, it } from 'vitest';
import { adoReport, importHistory, jiraReport } from '../../testing/import-fixtures';
import { decodeFileReport, decodeImportBatch, importQuery } from './api';
import { didChange, encodingLabel, formatLabel, reasonText, sheetSummary, textFileFacts, undoAlso, undoQuestion, wouldChange } from './describe';
import { gatherStatuses, mappingsToSave, statusKey } from './statuses';

describe('decoding the import API', () => {
  it('reads a file report, with null lists as empty ones', () => {
    const r = decodeFileReport(adoReport({ rejected: null, warnings: null, statuses: null }));
    expect(r).toMatchObject({ path: 'ado.tsv', format: 'ado', rowsRead: 12, itemsCreated: 12, encoding: 'utf-16le', delimiter: '\t' });
    expect(r.rejected).toEqual([]);
    expect(r.ambiguousDates).toEqual([]);
    expect(r.sheets[0]!.preview.rowNumbers).toEqual([2]);
  });

  it('reads a history entry', () => {
    const b = decodeImportBatch(importHistory.imports[1]);
    expect(b).toMatchObject({ id: 2, fileName: 'jira.csv', status: 'applied', rejected: 1 });
    expect(b.result).toEqual({ itemsCreated: 20, itemsUpdated: 4, itemsUnchanged: 0, historyAdded: 61, teamsCreated: 0, programsCreated: 0 });
  });

  it('writes the query: one flag per option, defaults left out', () => {
    expect(importQuery({ dryRun: true })).toBe('dryRun=true&format=auto');
    expect(importQuery({ dryRun: false, team: ' Søk & Finn ', program: '', format: 'jira', dateOrder: 'dmy', allOrNothing: true })).toBe(
      'dryRun=false&team=S%C3%B8k+%26+Finn&format=jira&dateOrder=dmy&allOrNothing=true',
    );
  });
});

describe('describing a report', () => {
  it('names formats, encodings and delimiters as people know them', () => {
    expect(formatLabel('ado')).toBe('Azure DevOps query export');
    expect(formatLabel('jira+jira_history')).toBe('Jira export + Jira status history');
    expect(formatLabel('')).toBe('Not recognised');
    expect(encodingLabel('utf-8-bom')).toBe('UTF-8 with BOM');
    expect(encodingLabel('utf-16le')).toBe('UTF-16LE');
    expect(textFileFacts({ encoding: 'utf-8', delimiter: ';' })).toBe('UTF-8 · semicolon-separated');
  });

  it('sums up a sheet, or why it was skipped', () => {
    const sheet = decodeFileReport(jiraReport()).sheets[0]!;
    expect(sheetSummary({ ...sheet, rowsRead: 1204 })).toBe('Jira export — 1,204 rows, header on row 1');
    expect(sheetSummary({ ...sheet, skipped: 'hidden sheet' })).toBe('skipped: hidden sheet');
  });

  it('says what would change and what changed, records included', () => {
    const r = decodeFileReport(adoReport({ records: { teams: { created: 1, updated: 0, unchanged: 2 }, deployments: { created: 0, updated: 3, unchanged: 0 } } }));
    expect(wouldChange(r)).toBe('Would add 12 items, 30 status changes and 1 team; update 3 deployments. 2 rows match what is already stored.');
    expect(didChange(r)).toBe('Added 12 items, 30 status changes and 1 team; updated 3 deployments. 2 unchanged.');
    const same = decodeFileReport(adoReport({ items_created: 0, history_added: 0, items_unchanged: 12 }));
    expect(wouldChange(same)).toBe('Would change nothing: 12 rows match what is already stored.');
    expect(didChange(same)).toBe('Nothing changed. 12 unchanged.');
  });

  it('asks before an undo with what it will do', () => {
    const b = decodeImportBatch(importHistory.imports[1]);
    expect(undoQuestion(b)).toBe('Undo the import of jira.csv? The 20 items it created are deleted and the 4 it updated get their previous values back.');
    expect(undoQuestion({ ...b, result: { ...b.result, itemsCreated: 1, itemsUpdated: 0 } })).toBe('Undo the import of jira.csv? The 1 item it created is deleted.');
    expect(undoQuestion({ ...b, result: { ...b.result, itemsCreated: 0, itemsUpdated: 1 } })).toBe(
      'Undo the import of jira.csv? The 1 it updated gets its previous values back.',
    );
    expect(undoAlso(b)).toBe('Its 61 status changes are removed too.');
    expect(undoAlso({ ...b, result: { ...b.result, historyAdded: 0, teamsCreated: 1 } })).toBe('The team it created is removed too.');
    expect(undoAlso({ ...b, result: { ...b.result, teamsCreated: 1, programsCreated: 1 } })).toBe(
      'Its 61 status changes and the team and the program it created are removed too.',
    );
  });
});

describe('statuses across files', () => {
  it('merges a status seen in two files (ignoring case), unmapped first', () => {
    const a = decodeFileReport(jiraReport());
    const b = decodeFileReport(
      jiraReport({
        statuses: [{ sourceSystem: 'jira', team: 'payments', status: 'bereit zur abnahme', count: 2, firstRow: 9, stage: '', proposed: false }],
      }),
    );
    const rows = gatherStatuses([
      { name: 'a.csv', report: a },
      { name: 'b.csv', report: b },
    ]);
    expect(rows.map((r) => [r.status, r.count, r.stage, r.files])).toEqual([
      ['Bereit zur Abnahme', 5, '', ['a.csv', 'b.csv']],
      ['In Progress', 9, 'active', ['a.csv']],
      ['Ready for QA', 4, 'waiting', ['a.csv']],
    ]);
  });

  it('saves only the stages chosen differently, for the team when it exists', () => {
    const rows = gatherStatuses([{ name: 'a.csv', report: decodeFileReport(jiraReport()) }]);
    const teams = [{ id: 11, name: 'Payments', program: 'Retail' }];
    const choices = new Map([
      [statusKey('jira', 'Payments', 'Bereit zur Abnahme'), 'done' as const],
      [statusKey('jira', 'Payments', 'In Progress'), 'active' as const],
    ]);
    expect(mappingsToSave(rows, choices, teams)).toEqual([{ teamId: 11, sourceSystem: 'jira', rawStatus: 'Bereit zur Abnahme', stage: 'done' }]);
    expect(mappingsToSave(rows, choices, [])).toEqual([{ teamId: 0, sourceSystem: 'jira', rawStatus: 'Bereit zur Abnahme', stage: 'done' }]);
  });
});

describe('reasonText', () => {
  it('puts the value in front of a reason that goes on from it', () => {
    expect(reasonText({ value: 'Chore', reason: 'is not an item type Throughline knows in Jira, so the row is rejected.' })).toBe(
      '“Chore” is not an item type Throughline knows in Jira, so the row is rejected.',
    );
  });
  it('keeps a reason that is a sentence already, and starts one without a value with a capital', () => {
    expect(reasonText({ value: '31/13/2026', reason: "'31/13/2026' is not a date; write it as 2026-12-31." })).toBe(
      "'31/13/2026' is not a date; write it as 2026-12-31.",
    );
    expect(reasonText({ value: '', reason: 'Status "Parked" is not mapped.' })).toBe('Status "Parked" is not mapped.');
    expect(reasonText({ value: '', reason: 'needs a key.' })).toBe('Needs a key.');
  });
  it('shortens a long value', () => {
    const text = reasonText({ value: 'Ü'.repeat(50), reason: 'is too long.' });
    expect(text).toBe(`“${'Ü'.repeat(39)}…” is too long.`);
  });
});
