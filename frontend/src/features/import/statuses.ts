// statuses.ts gathers the raw statuses of every previewed file into one list (one row per
// tool, team and status) and turns the stages the user chose into the mappings the real
// import saves first.
import type { FileReport, Stage, StatusMapping, TeamName } from './api';

/** StatusRow is one raw status across the files: where it comes from, how often, and how it maps. */
export interface StatusRow {
  key: string;
  sourceSystem: string;
  team: string;
  status: string;
  count: number;
  /** stage is what the backend maps it to today ("" = nothing yet). */
  stage: Stage | '';
  /** proposed: stage is a default the import will save. */
  proposed: boolean;
  /** files are the names of the files the status was seen in. */
  files: string[];
  /** synthetic: some file's rebuilt history starts with this status (see StatusReport.synthetic). */
  synthetic: boolean;
}

/** statusKey identifies a status the way the backend matches mappings: tool, team and status, ignoring case. */
export function statusKey(sourceSystem: string, team: string, status: string): string {
  return [sourceSystem.toLowerCase(), team.trim().toLowerCase(), status.trim().toLowerCase()].join('\u0000');
}

/**
 * gatherStatuses merges the statuses of the files' reports. Unmapped statuses come first, then
 * by how many rows have them.
 */
export function gatherStatuses(reports: readonly { name: string; report: FileReport }[]): StatusRow[] {
  const rows = new Map<string, StatusRow>();
  for (const { name, report } of reports) {
    for (const s of report.statuses) {
      const key = statusKey(s.sourceSystem, s.team, s.status);
      const row = rows.get(key);
      if (row) {
        row.count += s.count;
        if (!row.files.includes(name)) row.files.push(name);
        row.synthetic ||= s.synthetic;
        if (!row.stage && s.stage) {
          row.stage = s.stage;
          row.proposed = s.proposed;
        }
        continue;
      }
      rows.set(key, {
        key,
        sourceSystem: s.sourceSystem,
        team: s.team,
        status: s.status,
        count: s.count,
        stage: s.stage,
        proposed: s.proposed,
        files: [name],
        synthetic: s.synthetic,
      });
    }
  }
  return [...rows.values()].sort((a, b) => Number(a.stage !== '') - Number(b.stage !== '') || b.count - a.count || a.status.localeCompare(b.status));
}

/** teamIdOf finds an existing team by name (ignoring case); 0 for a team the import will create. */
export function teamIdOf(teams: readonly TeamName[], name: string): number {
  const n = name.trim().toLowerCase();
  if (!n) return 0;
  return teams.find((t) => t.name.trim().toLowerCase() === n)?.id ?? 0;
}

/**
 * mappingsToSave lists the stages the user chose that differ from what the backend would use:
 * for an existing team the mapping is that team's; for a new team (id 0) it applies to every
 * team of that tool without a mapping of its own.
 */
export function mappingsToSave(
  rows: readonly StatusRow[],
  choices: ReadonlyMap<string, Stage>,
  teams: readonly TeamName[],
): StatusMapping[] {
  const out: StatusMapping[] = [];
  for (const row of rows) {
    const chosen = choices.get(row.key);
    if (!chosen || chosen === row.stage) continue;
    out.push({ teamId: teamIdOf(teams, row.team), sourceSystem: row.sourceSystem, rawStatus: row.status, stage: chosen });
  }
  return out;
}
