// describe.ts puts what an import read and changed into words: format names, stage labels,
// encodings and delimiters, "would add 1,180 items, update 24…".
import { formatCount } from '../../lib/format';
import type { FileReport, ImportBatch, ImportProblem, SheetReport, Stage } from './api';

/** STAGE_LABELS name the canonical stages as analysts know them. */
export const STAGE_LABELS: Record<Stage, string> = {
  backlog: 'Backlog',
  ready: 'Ready (committed)',
  active: 'Active',
  waiting: 'Waiting (queue/blocked)',
  done: 'Done',
  removed: 'Removed (cancelled)',
};

const FORMAT_LABELS: Record<string, string> = {
  jira: 'Jira export',
  jira_history: 'Jira status history',
  ado: 'Azure DevOps query export',
  rally: 'Rally export',
  stages: 'Stage dates (one column per stage)',
  template: 'Throughline template: work items',
  deployments: 'Deployments (CD log)',
  commits: 'Commits per deployment',
  incidents: 'Incidents (service desk)',
  pi_objectives: 'PI objectives',
  okr_updates: 'OKR updates',
  benefits: 'Benefits',
  feedback: 'CSAT / NPS',
  dependencies: 'Dependencies',
  epics: 'Portfolio epics',
  teams: 'Team register',
  sprints: 'Sprints',
};

/** FORMAT_CHOICES are the layouts a user can force for a file ("auto" detects per sheet). */
export const FORMAT_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'auto', label: 'Detected format' },
  { value: 'jira', label: 'Jira' },
  { value: 'ado', label: 'Azure DevOps' },
  { value: 'rally', label: 'Rally' },
  { value: 'stages', label: 'Stage dates' },
  { value: 'template', label: 'Throughline template' },
];

/** QUOTED_VALUE_MAX caps a value repeated at the start of a problem's sentence. */
const QUOTED_VALUE_MAX = 40;

/**
 * reasonText makes a problem's reason a sentence. The backend writes a reason about a value as the
 * rest of a sentence that starts with it ("is not an item type…"), so the value is put in front;
 * a reason that is a sentence already is kept as it is.
 */
export function reasonText(p: Pick<ImportProblem, 'value' | 'reason'>): string {
  const reason = p.reason.trim();
  if (!/^\p{Ll}/u.test(reason)) return reason;
  const value = p.value.trim();
  if (!value) return reason.charAt(0).toUpperCase() + reason.slice(1);
  const shown = [...value].length > QUOTED_VALUE_MAX ? `${[...value].slice(0, QUOTED_VALUE_MAX - 1).join('')}…` : value;
  return `“${shown}” ${reason}`;
}

/** formatLabel names a detected format; "jira+ado" (a workbook with both) names each. */
export function formatLabel(format: string): string {
  if (!format) return 'Not recognised';
  return format
    .split('+')
    .map((f) => FORMAT_LABELS[f] ?? f)
    .join(' + ');
}

const SOURCE_LABELS: Record<string, string> = { jira: 'Jira', ado: 'Azure DevOps', rally: 'Rally', template: 'Template' };

/** sourceLabel names a source system ("ado" → "Azure DevOps"). */
export function sourceLabel(source: string): string {
  return source ? (SOURCE_LABELS[source.toLowerCase()] ?? source) : 'Any tool';
}

/** delimiterLabel names a text file's delimiter. */
export function delimiterLabel(delimiter: string): string {
  switch (delimiter) {
    case ',':
      return 'comma-separated';
    case ';':
      return 'semicolon-separated';
    case '\t':
      return 'tab-separated';
    case '|':
      return 'pipe-separated';
    case '':
      return '';
    default:
      return `separated by “${delimiter}”`;
  }
}

/** encodingLabel writes an encoding as people know it ("utf-8-bom" → "UTF-8 with BOM"). */
export function encodingLabel(encoding: string): string {
  const e = encoding.trim().toLowerCase().replace(/_/g, '-');
  if (!e) return '';
  if (e === 'utf-8' || e === 'utf8') return 'UTF-8';
  if (e.startsWith('utf-8') && e.includes('bom')) return 'UTF-8 with BOM';
  if (e.startsWith('utf-16')) return e.toUpperCase().replace('-BOM', ' with BOM');
  return encoding;
}

/** textFileFacts lists a text file's encoding and delimiter ("UTF-8 with BOM · semicolon-separated"). */
export function textFileFacts(report: Pick<FileReport, 'encoding' | 'delimiter'>): string {
  return [encodingLabel(report.encoding), delimiterLabel(report.delimiter)].filter(Boolean).join(' · ');
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** sheetSummary describes a sheet as read: "Jira export — 1,204 rows, header on row 1". */
export function sheetSummary(sheet: SheetReport): string {
  if (sheet.skipped) return `skipped: ${sheet.skipped}`;
  const parts = [plural(sheet.rowsRead, 'row', 'rows')];
  if (sheet.headerRow > 0) parts.push(`header on row ${sheet.headerRow}`);
  return `${formatLabel(sheet.format)} — ${parts.join(', ')}`;
}

const KIND_LABELS: Record<string, [string, string]> = {
  teams: ['team', 'teams'],
  programs: ['program', 'programs'],
  epics: ['epic', 'epics'],
  deployments: ['deployment', 'deployments'],
  commits: ['commit', 'commits'],
  incidents: ['incident', 'incidents'],
  pi_objectives: ['PI objective', 'PI objectives'],
  kr_updates: ['key-result update', 'key-result updates'],
  benefits: ['benefit measurement', 'benefit measurements'],
  feedback: ['survey result', 'survey results'],
  dependencies: ['dependency', 'dependencies'],
  sprints: ['sprint', 'sprints'],
};

function kindNoun(kind: string, n: number): string {
  const [one, many] = KIND_LABELS[kind] ?? [kind.replace(/_/g, ' '), kind.replace(/_/g, ' ')];
  return plural(n, one, many);
}

/** ChangeParts are what a report added and updated, each a counted noun ("19 items"). */
export interface ChangeParts {
  added: string[];
  updated: string[];
}

/** changeParts lists what a report changed (or would change): items and status changes first, then other records. */
export function changeParts(report: FileReport): ChangeParts {
  const added: string[] = [];
  const updated: string[] = [];
  if (report.itemsCreated) added.push(plural(report.itemsCreated, 'item', 'items'));
  if (report.historyAdded) added.push(plural(report.historyAdded, 'status change', 'status changes'));
  if (report.itemsUpdated) updated.push(plural(report.itemsUpdated, 'item', 'items'));
  for (const [kind, c] of Object.entries(report.records).sort(([a], [b]) => a.localeCompare(b))) {
    if (c.created) added.push(kindNoun(kind, c.created));
    if (c.updated) updated.push(kindNoun(kind, c.updated));
  }
  return { added, updated };
}

function joinPhrases(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function unchangedCount(report: FileReport): number {
  return report.itemsUnchanged + Object.values(report.records).reduce((n, c) => n + c.unchanged, 0);
}

function clauses({ added, updated }: ChangeParts, add: string, update: string): string {
  const out: string[] = [];
  if (added.length) out.push(`${add} ${joinPhrases(added)}`);
  if (updated.length) out.push(`${update} ${joinPhrases(updated)}`);
  return out.join('; ');
}

/** wouldChange says what a dry run found: "Would add 1,180 items and 6,210 status changes; update 24 items." */
export function wouldChange(report: FileReport): string {
  const parts = changeParts(report);
  const unchanged = unchangedCount(report);
  const same = plural(unchanged, 'row matches', 'rows match');
  if (parts.added.length + parts.updated.length === 0) {
    return unchanged ? `Would change nothing: ${same} what is already stored.` : 'Would change nothing.';
  }
  return `Would ${clauses(parts, 'add', 'update')}.${unchanged ? ` ${same} what is already stored.` : ''}`;
}

/** didChange says what a real import stored: "Added 12 items and 40 status changes; updated 3 items." */
export function didChange(report: FileReport): string {
  const parts = changeParts(report);
  const unchanged = unchangedCount(report);
  const tail = unchanged ? ` ${formatCount(unchanged)} unchanged.` : '';
  if (parts.added.length + parts.updated.length === 0) return `Nothing changed.${tail}`;
  return `${clauses(parts, 'Added', 'updated')}.${tail}`;
}

/** undoQuestion is the confirmation of an undo, with what it will do. */
export function undoQuestion(batch: ImportBatch): string {
  const { itemsCreated, itemsUpdated } = batch.result;
  const created =
    itemsCreated === 1 ? 'The 1 item it created is deleted' : `The ${formatCount(itemsCreated)} items it created are deleted`;
  const updated =
    itemsUpdated === 1 ? 'the 1 it updated gets its previous values back' : `the ${formatCount(itemsUpdated)} it updated get their previous values back`;
  const question = `Undo the import of ${batch.fileName}?`;
  if (itemsCreated && itemsUpdated) return `${question} ${created} and ${updated}.`;
  if (itemsCreated) return `${question} ${created}.`;
  if (itemsUpdated) return `${question} ${updated.charAt(0).toUpperCase()}${updated.slice(1)}.`;
  return `${question} It created and updated no items; what else it stored is removed.`;
}

/** undoAlso lists what else an undo removes: "Its 29 status changes, the team and the program it created are removed too." */
export function undoAlso(batch: ImportBatch): string {
  const { historyAdded, teamsCreated, programsCreated } = batch.result;
  const parts: string[] = [];
  if (historyAdded) parts.push(`its ${plural(historyAdded, 'status change', 'status changes')}`);
  const made: string[] = [];
  if (teamsCreated) made.push(teamsCreated === 1 ? 'the team' : `the ${formatCount(teamsCreated)} teams`);
  if (programsCreated) made.push(programsCreated === 1 ? 'the program' : `the ${formatCount(programsCreated)} programs`);
  if (made.length) parts.push(`${joinPhrases(made)} it created`);
  if (parts.length === 0) return '';
  const sentence = joinPhrases(parts);
  const one = (historyAdded === 1 && made.length === 0) || (historyAdded === 0 && teamsCreated + programsCreated === 1);
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)} ${one ? 'is' : 'are'} removed too.`;
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** formatImportedAt writes an RFC 3339 time in the viewer's time zone: "20 Nov 2026, 14:05". */
export function formatImportedAt(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? dateTimeFormat.format(t) : iso;
}
