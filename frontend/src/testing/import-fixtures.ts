// import-fixtures.ts: answers of the import API as the backend sends them (snake_case file
// reports, camelCase history), for the Import screen's tests.

/** ApiFileReport is one entry of POST /api/import's `files`, as JSON. */
export type ApiFileReport = Record<string, unknown>;

/** jiraReport is a dry run of a Jira CSV: one unmapped status, one rejected row, one warning. */
export function jiraReport(overrides: ApiFileReport = {}): ApiFileReport {
  return {
    path: 'jira.csv',
    format: 'jira',
    rows_read: 24,
    items_created: 20,
    items_updated: 4,
    items_unchanged: 0,
    history_added: 61,
    records: {},
    rejected: [
      { sheet: '', row: 14, column: 'D', header: 'Created', value: '31/13/2026', reason: "'31/13/2026' is not a date; write it as 2026-12-31." },
    ],
    warnings: [
      {
        sheet: '',
        row: 5,
        column: '',
        value: 'Bereit zur Abnahme',
        reason: 'Status "Bereit zur Abnahme" (3 rows, first at row 5) is not mapped to a stage.',
      },
    ],
    statuses: [
      { sourceSystem: 'jira', team: 'Payments', status: 'In Progress', category: 'In Progress', count: 9, firstRow: 2, stage: 'active', proposed: false },
      { sourceSystem: 'jira', team: 'Payments', status: 'Bereit zur Abnahme', category: '', count: 3, firstRow: 5, stage: '', proposed: false },
      { sourceSystem: 'jira', team: 'Payments', status: 'Ready for QA', category: 'In Progress', count: 4, firstRow: 3, stage: 'waiting', proposed: true },
    ],
    ambiguous_dates: [],
    sheets: [
      {
        name: '',
        hidden: false,
        format: 'jira',
        confidence: 1,
        rows_read: 24,
        header_row: 1,
        preview: {
          columns: ['A (Issue key)', 'B (Summary)', 'C (Status)', 'D (Created)'],
          rows: [
            ['PAY-1', 'Zoë’s <b>checkout</b>', 'In Progress', '2026-02-03'],
            ['PAY-2', 'Jürgen’s refund', 'Bereit zur Abnahme', '2026-02-04'],
          ],
          row_numbers: [2, 3],
        },
      },
    ],
    sha256: 'ab12',
    encoding: 'utf-8',
    delimiter: ',',
    batch_id: 0,
    dry_run: true,
    stored: false,
    ...overrides,
  };
}

/** adoReport is a dry run of an Azure DevOps query export (tab-separated), every status mapped. */
export function adoReport(overrides: ApiFileReport = {}): ApiFileReport {
  return {
    path: 'ado.tsv',
    format: 'ado',
    rows_read: 12,
    items_created: 12,
    items_updated: 0,
    items_unchanged: 0,
    history_added: 30,
    records: {},
    rejected: [],
    warnings: [],
    statuses: [
      { sourceSystem: 'ado', team: 'Łódź Logistics', status: 'Active', category: '', count: 7, firstRow: 2, stage: 'active', proposed: false },
      { sourceSystem: 'ado', team: 'Łódź Logistics', status: 'Closed', category: '', count: 5, firstRow: 4, stage: 'done', proposed: false },
    ],
    ambiguous_dates: null,
    sheets: [
      {
        name: '',
        hidden: false,
        format: 'ado',
        confidence: 0.9,
        rows_read: 12,
        header_row: 1,
        preview: { columns: ['A (ID)', 'B (Work Item Type)', 'C (Title)', 'D (State)'], rows: [['101', 'User Story', 'Kraków pick list', 'Active']], row_numbers: [2] },
      },
    ],
    sha256: 'cd34',
    encoding: 'utf-16le',
    delimiter: '\t',
    batch_id: 0,
    dry_run: true,
    stored: false,
    ...overrides,
  };
}

/** storedReport turns a dry-run report into what the real import answers. */
export function storedReport(report: ApiFileReport, batchId: number): ApiFileReport {
  return { ...report, dry_run: false, stored: true, batch_id: batchId };
}

/** importHistory is a GET /api/imports answer: two applied imports and an undone one (oldest first, as stored). */
export const importHistory = {
  imports: [
    {
      id: 1,
      fileName: 'old.xlsx',
      sha256: 'ee',
      sizeBytes: 2048,
      format: 'template',
      sheet: 'Items',
      encoding: '',
      delimiter: '',
      rowsRead: 40,
      rejected: 0,
      appVersion: 'dev',
      status: 'undone',
      importedAt: '2026-11-18T09:00:00Z',
      result: { batchId: 1, itemsCreated: 40, itemsUpdated: 0, itemsUnchanged: 0, historyAdded: 80 },
    },
    {
      id: 2,
      fileName: 'jira.csv',
      sha256: 'ab12',
      sizeBytes: 512,
      format: 'jira',
      sheet: '',
      encoding: 'utf-8',
      delimiter: ',',
      rowsRead: 24,
      rejected: 1,
      appVersion: 'dev',
      status: 'applied',
      importedAt: '2026-11-19T10:00:00Z',
      result: { batchId: 2, itemsCreated: 20, itemsUpdated: 4, itemsUnchanged: 0, historyAdded: 61 },
    },
    {
      id: 3,
      fileName: 'ado.tsv',
      sha256: 'cd34',
      sizeBytes: 300,
      format: 'ado',
      sheet: '',
      encoding: 'utf-16le',
      delimiter: '\t',
      rowsRead: 12,
      rejected: 0,
      appVersion: 'dev',
      status: 'applied',
      importedAt: '2026-11-20T11:30:00Z',
      result: { batchId: 3, itemsCreated: 12, itemsUpdated: 0, itemsUnchanged: 0, historyAdded: 30 },
    },
  ],
};

/** mappingsAnswer is a GET /api/mappings answer. */
export const mappingsAnswer = {
  mappings: [{ id: 1, teamId: 11, sourceSystem: 'jira', rawStatus: 'In Progress', stage: 'active' }],
  stages: ['backlog', 'ready', 'active', 'waiting', 'done', 'removed'],
};

/** csvFile makes a File as the file dialog would give it. */
export function csvFile(name: string, text = 'Issue key,Summary\nPAY-1,Zoë\n'): File {
  return new File([text], name, { type: 'text/csv', lastModified: 1_700_000_000_000 });
}
