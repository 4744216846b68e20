// columnMapping.ts: the column mappings of an import — which format's roles a file's columns play,
// what a mapping still lacks, the saved profiles and formats as queries, and the import options
// that carry a mapping (a saved profile by name, or one made for the file and sent with it).
import { useQuery } from '@tanstack/react-query';
import {
  getMappingFormats,
  getMappingProfiles,
  type MappingFormat,
  type MappingProfile,
  type MappingRole,
  type TableColumns,
} from '../../lib/backend';
import type { FileReport, ImportOptions } from './api';

/** ColumnMapping maps a file's columns: a saved profile by name, or a mapping made for the file (it may also have been saved). */
export type ColumnMapping = { kind: 'saved'; name: string } | { kind: 'inline'; profile: MappingProfile };

/** Columns maps headers (as the file writes them) to roles; a header left out is not imported. */
export type Columns = Record<string, string>;

export const mappingKeys = {
  formats: ['imports', 'formats'] as const,
  profiles: ['imports', 'profiles'] as const,
};

/** useMappingFormats loads the formats a table can be mapped to. */
export function useMappingFormats() {
  return useQuery({ queryKey: mappingKeys.formats, queryFn: getMappingFormats });
}

/** useMappingProfiles loads the saved column-mapping profiles. */
export function useMappingProfiles() {
  return useQuery({ queryKey: mappingKeys.profiles, queryFn: getMappingProfiles });
}

/** formatKey names a format and variant as one value ("jira_history/status-dates"). */
export function formatKey(f: { format: string; variant: string }): string {
  return f.variant ? `${f.format}/${f.variant}` : f.format;
}

/** variantOf is the variant a mapping of a format reads as: a Jira history mapping with a Field column is field changes. */
export function variantOf(format: string, columns: Columns): string {
  if (format !== 'jira_history') return '';
  return Object.values(columns).includes('field') ? 'field-changes' : 'status-dates';
}

/** findFormat finds a format entry; variant "" takes the format's first. */
export function findFormat(formats: readonly MappingFormat[], format: string, variant = ''): MappingFormat | undefined {
  return formats.find((f) => f.format === format && (!variant || f.variant === variant));
}

/** sortFormats puts the work-item layouts first (Throughline's template leading), then the other sheets, each in the backend's order. */
export function sortFormats(formats: readonly MappingFormat[]): MappingFormat[] {
  const rank = (f: MappingFormat) => (f.format === 'template' ? 0 : f.kind === 'items' ? 1 : f.kind === 'history' ? 2 : 3);
  return formats.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
}

/** roleLabel names a role in a choice: "Summary (title)", or "Key" when the name says it already. */
export function roleLabel(r: MappingRole): string {
  const plain = r.name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return plain === r.role.replace(/_/g, ' ') ? r.name : `${r.name} (${r.role})`;
}

/** SharedRole is a role that reads one column given to several headers. */
export interface SharedRole {
  role: MappingRole;
  headers: string[];
}

/** MappingCheck is what keeps a mapping from being used. */
export interface MappingCheck {
  /** missing are the required roles no column has. */
  missing: MappingRole[];
  /** anyOf lists the roles of which one is needed, when none is mapped; empty otherwise. */
  anyOf: MappingRole[];
  shared: SharedRole[];
}

/** checkMapping says what a mapping lacks for a format (the backend checks the same before it saves or imports). */
export function checkMapping(format: MappingFormat, columns: Columns): MappingCheck {
  const byRole = new Map<string, string[]>();
  for (const [header, role] of Object.entries(columns)) {
    if (role) byRole.set(role, [...(byRole.get(role) ?? []), header]);
  }
  const missing = format.roles.filter((r) => r.required && !byRole.has(r.role));
  const anyOf =
    format.anyOf.length > 0 && !format.anyOf.some((r) => byRole.has(r))
      ? format.roles.filter((r) => format.anyOf.includes(r.role))
      : [];
  const shared = format.roles
    .filter((r) => !r.repeated && (byRole.get(r.role)?.length ?? 0) > 1)
    .map((role) => ({ role, headers: byRole.get(role.role) ?? [] }));
  return { missing, anyOf, shared };
}

/** isComplete tells whether a check found nothing. */
export function isComplete(check: MappingCheck): boolean {
  return check.missing.length === 0 && check.anyOf.length === 0 && check.shared.length === 0;
}

/** checkSentences puts a check into sentences that say what to do. */
export function checkSentences(check: MappingCheck, format: MappingFormat): string[] {
  const out: string[] = [];
  if (check.missing.length > 0) {
    out.push(`Still to map for ${format.name}: ${check.missing.map((r) => r.name).join(', ')}. Choose the column that holds each.`);
  }
  if (check.anyOf.length > 0) {
    out.push(`Map a column to ${check.anyOf.map((r) => r.name).join(' or ')}: ${format.name} needs one of them.`);
  }
  for (const s of check.shared) {
    out.push(`${s.role.name} is given to ${s.headers.map((h) => `“${h}”`).join(' and ')}, but reads one column. Keep it on one.`);
  }
  return out;
}

/**
 * mergeForFormat keeps the choices that still make sense after the format changes (headers whose role
 * the new format also has) and fills the other columns from the proposal for the new format.
 */
export function mergeForFormat(format: MappingFormat, current: Columns, proposal: Columns): Columns {
  const roles = new Map(format.roles.map((r) => [r.role, r]));
  const out: Columns = {};
  for (const [h, r] of Object.entries(current)) if (roles.has(r)) out[h] = r;
  const taken = new Set(Object.values(out));
  for (const [h, r] of Object.entries(proposal)) {
    const role = roles.get(r);
    if (h in out || !role || (!role.repeated && taken.has(r))) continue;
    out[h] = r;
    taken.add(r);
  }
  return out;
}

/** effectiveMapping is a file's own mapping, else the saved profile chosen for every file, else none. */
export function effectiveMapping(own: ColumnMapping | undefined, profile: string): ColumnMapping | undefined {
  return own ?? (profile ? { kind: 'saved', name: profile } : undefined);
}

/** mappingOptions puts a column mapping into import options: a saved profile by name, or the mapping itself. */
export function mappingOptions(mapping: ColumnMapping | undefined): Pick<ImportOptions, 'profile' | 'profileInline'> {
  if (!mapping) return {};
  return mapping.kind === 'saved' ? { profile: mapping.name } : { profileInline: mapping.profile };
}

/** MappingStart is where the editor opens: a sheet, a format, the columns and the profile name. */
export interface MappingStart {
  sheet: number;
  format: MappingFormat;
  columns: Columns;
  name: string;
  /** absent are headers of the starting profile that this sheet does not have (left out). */
  absent: string[];
}

/** headersOf lists a sheet's named headers. */
export function headersOf(sheet: TableColumns | undefined): Set<string> {
  return new Set((sheet?.columns ?? []).map((c) => c.header).filter(Boolean));
}

/** onlyHeaders keeps the mapped headers a sheet has. */
export function onlyHeaders(columns: Columns, headers: Set<string>): Columns {
  return Object.fromEntries(Object.entries(columns).filter(([h]) => headers.has(h)));
}

/** proposalFor is the backend's starting mapping of a sheet for a format ({} when it sent none). */
export function proposalFor(sheet: TableColumns | undefined, format: MappingFormat): Columns {
  const p = sheet?.proposals.find((x) => x.format === format.format && x.variant === format.variant);
  return p ? { ...p.columns } : {};
}

/**
 * startingMapping decides where the editor opens: the mapping the file has (its own, or the saved
 * profile it uses), else the format the headers were recognised as with its proposal, else
 * Throughline's items template with its proposal. It returns undefined when formats is empty.
 */
export function startingMapping(
  sheets: readonly TableColumns[],
  formats: readonly MappingFormat[],
  initial: ColumnMapping | undefined,
  saved: readonly MappingProfile[],
): MappingStart | undefined {
  const index = Math.max(0, sheets.findIndex((s) => !s.error));
  const sheet = sheets[index];
  const headers = headersOf(sheet);
  const profile =
    initial?.kind === 'inline'
      ? initial.profile
      : initial?.kind === 'saved'
        ? saved.find((p) => p.name.toLowerCase() === initial.name.toLowerCase())
        : undefined;
  if (profile) {
    const format = findFormat(formats, profile.format, variantOf(profile.format, profile.columns));
    if (format) {
      const absent = Object.keys(profile.columns).filter((h) => !headers.has(h));
      return { sheet: index, format, columns: onlyHeaders(profile.columns, headers), name: profile.name, absent };
    }
  }
  const format =
    (sheet?.format ? findFormat(formats, sheet.format, sheet.variant) : undefined) ?? findFormat(formats, 'template') ?? formats[0];
  if (!format) return undefined;
  return { sheet: index, format, columns: proposalFor(sheet, format), name: '', absent: [] };
}

const UNRECOGNISED = /not recognised|map the columns|does not map every column/i;

/** needsMapping tells whether a file, or one of its sheets, was left out because no format knows its columns. */
export function needsMapping(report: FileReport | undefined): boolean {
  if (!report) return false;
  return UNRECOGNISED.test(report.error) || report.sheets.some((s) => UNRECOGNISED.test(s.skipped));
}
