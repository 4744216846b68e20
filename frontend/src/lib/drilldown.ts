// drilldown.ts describes a figure someone asked about ("what is behind this number, and how
// is it computed?"). A screen that shows the figure builds the description; the drill-down
// panel, composed next to it by the app shell, shows it. Both sides speak this type so
// neither feature imports the other.
import type { TraceQuery } from './backend';

/** DrillTrace is one list of rows behind a figure. */
export interface DrillTrace {
  query: TraceQuery;
  /** label heads the list when a figure has more than one (e.g. "Failed deployments"). */
  label?: string;
  /**
   * keepTypes keeps only items of these types, for a figure narrower than the backend trace it
   * comes from (the Done column counts delivery items, the "done" trace every type). keepNote
   * says so in words above the table.
   */
  keepTypes?: readonly string[];
  keepNote?: string;
}

/** DrillConvention is one sentence of the report's conventions ("cycle_time": "done − start + 1 …"). */
export interface DrillConvention {
  key: string;
  text: string;
}

/** DrillTarget is a figure to explain. */
export interface DrillTarget {
  /** title names the figure: "Cycle time p85". */
  title: string;
  /** value is the figure as shown ("14 days"), when there is one. */
  value?: string;
  /** scope says where it applies: "Portfolio", "Digital Storefront · week 2026-W40". */
  scope: string;
  /** traces list the rows behind the figure; empty when the backend cannot list them. */
  traces: DrillTrace[];
  /** noTrace says why there is no list, when traces is empty. */
  noTrace?: string;
  /** docKeys are the report keys whose documentation explains the figure ("cycle_time_days"). */
  docKeys: string[];
  /** conventions are shown when the metrics document has no section on the figure yet. */
  conventions: DrillConvention[];
  /** teamNames names the teams of trace rows (by team id). */
  teamNames?: Readonly<Record<number, string>>;
}

/** DELIVERY_TYPES are the item types that count as delivery items (PRODUCT.md §4.0). */
export const DELIVERY_TYPES: readonly string[] = ['story', 'bug', 'enabler', 'task', 'risk', 'debt'];

/** OpenDrill asks the shell to explain a figure; opener gets focus back when the panel closes. */
export type OpenDrill = (target: DrillTarget, opener?: HTMLElement | null) => void;

/** OpenDocument asks the shell to show the whole "How is this computed?" document. */
export type OpenDocument = (opener?: HTMLElement | null) => void;
