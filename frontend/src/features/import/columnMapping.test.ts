import { describe, expect, it } from 'vitest';
import type { MappingFormat, TableColumns } from '../../lib/backend';
import { checkMapping, effectiveMapping, mappingOptions, mergeForFormat, needsMapping, roleLabel, sortFormats, startingMapping, variantOf } from './columnMapping';
import { decodeFileReport } from './api';

const role = (r: string, name: string, required = false, repeated = false) => ({ role: r, name, required, repeated });
const fmt = (format: string, kind: string, roles: MappingFormat['roles'], anyOf: string[] = [], variant = ''): MappingFormat => ({
  format,
  variant,
  name: format,
  kind,
  anyOf,
  roles,
});
const template = fmt('template', 'items', [role('key', 'Key', true), role('title', 'Title', true), role('labels', 'Labels', false, true)]);
const feedback = fmt('feedback', 'feedback', [role('program', 'Program'), role('product', 'Product'), role('score', 'Score', true)], ['program', 'product']);
const history = fmt('jira_history', 'history', [role('key', 'Issue key', true)], [], 'status-dates');
const jira = fmt('jira', 'items', [role('key', 'Issue key', true), role('title', 'Summary', true)]);

describe('checkMapping', () => {
  it.each([
    ['complete', template, { A: 'key', B: 'title' }, { missing: [], anyOf: [], shared: [] }],
    ['a required role missing', template, { A: 'key' }, { missing: ['title'], anyOf: [], shared: [] }],
    ['a one-column role twice', template, { A: 'key', B: 'title', C: 'title' }, { missing: [], anyOf: [], shared: ['title:B,C'] }],
    ['a repeated role twice is fine', template, { A: 'key', B: 'title', L1: 'labels', L2: 'labels' }, { missing: [], anyOf: [], shared: [] }],
    ['none of anyOf', feedback, { S: 'score' }, { missing: [], anyOf: ['program', 'product'], shared: [] }],
    ['one of anyOf', feedback, { S: 'score', P: 'product' }, { missing: [], anyOf: [], shared: [] }],
  ])('%s', (_, format, columns, want) => {
    const got = checkMapping(format, columns);
    expect({
      missing: got.missing.map((r) => r.role),
      anyOf: got.anyOf.map((r) => r.role),
      shared: got.shared.map((s) => `${s.role.role}:${s.headers.join(',')}`),
    }).toEqual(want);
  });
});

describe('mergeForFormat', () => {
  it('keeps the roles the format has, then fills the proposal without giving a one-column role twice', () => {
    expect(mergeForFormat(template, { A: 'key', B: 'opened' }, { B: 'title', C: 'key', D: 'labels', E: 'labels' })).toEqual({
      A: 'key',
      B: 'title',
      D: 'labels',
      E: 'labels',
    });
  });
});

describe('helpers', () => {
  it('reads a Jira history mapping with a Field column as field changes', () => {
    expect(variantOf('jira_history', { F: 'field' })).toBe('field-changes');
    expect(variantOf('jira_history', { S: 'status' })).toBe('status-dates');
    expect(variantOf('template', { F: 'field' })).toBe('');
  });
  it('names a role by its header, with the role when the header does not say it', () => {
    expect(roleLabel(role('key', 'Key'))).toBe('Key');
    expect(roleLabel(role('changed_at', 'Changed at'))).toBe('Changed at');
    expect(roleLabel(role('title', 'Summary'))).toBe('Summary (title)');
  });
  it('puts the items template first, then item layouts, history, the other sheets', () => {
    expect(sortFormats([feedback, history, jira, template]).map((f) => f.format)).toEqual(['template', 'jira', 'jira_history', 'feedback']);
  });
  it('tells an unrecognised file or sheet from other errors', () => {
    expect(needsMapping(decodeFileReport({ error: 'x.csv: the columns were not recognised (found: A).' }))).toBe(true);
    expect(needsMapping(decodeFileReport({ sheets: [{ name: 'S', skipped: 'Map the columns yourself.' }] }))).toBe(true);
    expect(needsMapping(decodeFileReport({ error: 'x.csv, row 3: a quote is not closed.' }))).toBe(false);
    expect(needsMapping(undefined)).toBe(false);
  });
});

describe('startingMapping', () => {
  const sheet = (over: Partial<TableColumns>): TableColumns => ({
    sheet: '',
    headerRow: 1,
    columns: [
      { letter: 'A', header: 'Issue key', samples: [] },
      { letter: 'B', header: 'Summary', samples: [] },
    ],
    format: '',
    variant: '',
    proposals: [
      { format: 'template', variant: '', columns: { 'Issue key': 'key' } },
      { format: 'jira', variant: '', columns: { 'Issue key': 'key', Summary: 'title' } },
    ],
    error: '',
    ...over,
  });
  const formats = [jira, template];
  it('opens a recognised sheet on its format with the proposal', () => {
    const s = startingMapping([sheet({ format: 'jira' })], formats, undefined, []);
    expect([s?.format.format, s?.columns]).toEqual(['jira', { 'Issue key': 'key', Summary: 'title' }]);
  });
  it('opens an unrecognised sheet on the items template, skipping a sheet that cannot be read', () => {
    const s = startingMapping([sheet({ error: 'no rows' }), sheet({ sheet: 'Data' })], formats, undefined, []);
    expect([s?.sheet, s?.format.format, s?.columns]).toEqual([1, 'template', { 'Issue key': 'key' }]);
  });
  it('opens on the saved profile the file uses, leaving out headers the sheet lacks', () => {
    const saved = [{ name: 'Ops', format: 'template', columns: { 'Issue key': 'key', Gone: 'title' } }];
    const s = startingMapping([sheet({})], formats, { kind: 'saved', name: 'ops' }, saved);
    expect([s?.name, s?.columns, s?.absent]).toEqual(['Ops', { 'Issue key': 'key' }, ['Gone']]);
  });
});

describe('mappingOptions', () => {
  const profile = { name: '', format: 'template', columns: { Ticket: 'key' } };
  it('sends a saved profile by name and a mapping made for the file inline', () => {
    expect(mappingOptions({ kind: 'saved', name: 'Ops tracker' })).toEqual({ profile: 'Ops tracker' });
    expect(mappingOptions({ kind: 'inline', profile })).toEqual({ profileInline: profile });
    expect(mappingOptions(undefined)).toEqual({});
  });
  it("prefers the file's own mapping to the profile chosen for every file", () => {
    expect(mappingOptions(effectiveMapping({ kind: 'inline', profile }, 'Ops tracker'))).toEqual({ profileInline: profile });
    expect(mappingOptions(effectiveMapping(undefined, 'Ops tracker'))).toEqual({ profile: 'Ops tracker' });
    expect(mappingOptions(effectiveMapping(undefined, ''))).toEqual({});
  });
});
