// itemTypes.ts gathers the raw item types no built-in table knows across the previewed files (one
// row per type, compared as the backend compares them) and turns the user's choices into the
// "types" field every preview and the import send.
import type { FileReport, ItemType } from './api';

/** ITEM_TYPE_LABELS name the item types as the select shows them. */
export const ITEM_TYPE_LABELS: Record<ItemType, string> = {
  epic: 'Epic',
  feature: 'Feature',
  story: 'Story',
  bug: 'Bug',
  enabler: 'Enabler',
  task: 'Task',
  risk: 'Risk',
  debt: 'Debt',
  subtask: 'Sub-task',
};

/** TypeRow is one unknown raw type across the files. */
export interface TypeRow {
  key: string;
  /** rawType is the first spelling seen. */
  rawType: string;
  count: number;
  /** type is what the backend took it as in the last previews ("" = its rows are rejected). */
  type: ItemType | '';
  sourceSystems: string[];
  /** files are the names of the files it was seen in. */
  files: string[];
}

/** TypeChoice is the item type the user chose for a raw type, with the spelling to send. */
export interface TypeChoice {
  rawType: string;
  type: ItemType;
}

/**
 * typeKey compares raw types as the backend does (imports.TypeKey): ignoring case, with spaces,
 * '-', '_' and '/' as word separators ("Sub-task" = "sub task").
 */
export function typeKey(raw: string): string {
  return raw
    .toLowerCase()
    .split(/[\s\-_/]+/)
    .filter(Boolean)
    .join(' ');
}

/**
 * gatherTypes merges the files' unknown types, most rows first, then by name. The order never
 * depends on a type being settled: a row that moved when its type was chosen would take the
 * keyboard focus with it.
 */
export function gatherTypes(reports: readonly { name: string; report: FileReport }[]): TypeRow[] {
  const rows = new Map<string, TypeRow>();
  for (const { name, report } of reports) {
    for (const u of report.unknownTypes) {
      const key = typeKey(u.rawType);
      if (!key) continue;
      const row = rows.get(key);
      if (!row) {
        rows.set(key, { key, rawType: u.rawType, count: u.count, type: u.type, sourceSystems: [u.sourceSystem], files: [name] });
        continue;
      }
      row.count += u.count;
      if (!row.type) row.type = u.type;
      if (!row.sourceSystems.includes(u.sourceSystem)) row.sourceSystems.push(u.sourceSystem);
      if (!row.files.includes(name)) row.files.push(name);
    }
  }
  return [...rows.values()].sort((a, b) => b.count - a.count || a.rawType.localeCompare(b.rawType));
}

/** typesToSend writes the choices as the "types" field: raw type → item type. */
export function typesToSend(choices: ReadonlyMap<string, TypeChoice>): Record<string, ItemType> {
  const out: Record<string, ItemType> = {};
  for (const c of choices.values()) out[c.rawType] = c.type;
  return out;
}

/** reportHasType tells whether a file's report lists the raw type (by key). */
export function reportHasType(report: FileReport | undefined, key: string): boolean {
  return !!report?.unknownTypes.some((u) => typeKey(u.rawType) === key);
}
