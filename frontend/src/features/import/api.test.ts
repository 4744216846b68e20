import { describe, expect, it } from 'vitest';
import { mockApi, type RouteInit } from '../../testing/api-mock';
import { csvFile, jiraReport } from '../../testing/import-fixtures';
import { importFile } from './api';

/** sent records what POST /api/import received: the query and the multipart fields. */
function captureImport() {
  const seen: RouteInit[] = [];
  mockApi({
    'POST /api/import': (init) => {
      seen.push(init);
      return { body: { files: [jiraReport()] } };
    },
  });
  return seen;
}

function fields(form: FormData | undefined): string[] {
  return [...(form?.keys() ?? [])];
}

describe('importFile', () => {
  it('sends the file alone when nothing else is chosen, with the format "auto"', async () => {
    const seen = captureImport();
    const report = await importFile(csvFile('a.csv'), { dryRun: true });
    expect(report.path).toBe('jira.csv');
    expect(fields(seen[0]?.form)).toEqual(['file']);
    expect(seen[0]?.query.get('format')).toBe('auto');
    expect(seen[0]?.query.get('profile')).toBeNull();
  });

  it('sends status mappings, type choices and an inline column mapping as form fields', async () => {
    const seen = captureImport();
    const profileInline = { name: '', format: 'template', columns: { Ticket: 'key' } };
    await importFile(csvFile('ops.csv'), {
      dryRun: false,
      mappings: [{ teamId: 0, sourceSystem: 'jira', rawStatus: 'Parked', stage: 'waiting' }],
      types: { Chore: 'task' },
      profileInline,
    });
    const form = seen[0]?.form;
    expect(fields(form)).toEqual(['file', 'mappings', 'types', 'profile']);
    expect(JSON.parse(String(form?.get('profile')))).toEqual(profileInline);
    expect(JSON.parse(String(form?.get('types')))).toEqual({ Chore: 'task' });
    expect(seen[0]?.query.get('profile')).toBeNull();
    expect(seen[0]?.query.get('dryRun')).toBe('false');
  });

  it('names a saved profile in the query, not in the form', async () => {
    const seen = captureImport();
    await importFile(csvFile('ops.csv'), { dryRun: true, profile: 'Ops tracker' });
    expect(seen[0]?.query.get('profile')).toBe('Ops tracker');
    expect(fields(seen[0]?.form)).toEqual(['file']);
  });

  it('fails with the file name when the answer has no report', async () => {
    mockApi({ 'POST /api/import': { body: { files: [] } } });
    await expect(importFile(csvFile('empty.csv'), { dryRun: true })).rejects.toThrow('The backend sent no report for empty.csv.');
  });
});
