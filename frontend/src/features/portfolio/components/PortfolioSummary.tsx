import { Badge } from '../../../components/ui/Badge';
import { errorMessage } from '../../../lib/backend';
import { formatCivilDate, formatCount } from '../../../lib/format';
import { usePortfolio, type Portfolio } from '../api';

/** demoBadgeText is the badge text for a demo portfolio: "Demo data · as of 20 Nov 2026". */
export function demoBadgeText(portfolio: Pick<Portfolio, 'asOf'>): string {
  return portfolio.asOf ? `Demo data · as of ${formatCivilDate(portfolio.asOf)}` : 'Demo data';
}

/** PortfolioTitle shows the open portfolio's name in the top bar, and the demo badge when it is demo data. */
export function PortfolioTitle() {
  const { data, isPending, isError } = usePortfolio();
  if (isPending) return <span className="topbar__portfolio topbar__portfolio--none">Loading…</span>;
  if (isError || !data) return <span className="topbar__portfolio topbar__portfolio--none">No portfolio open</span>;
  return (
    <>
      <span className="topbar__portfolio" title={data.path}>
        {data.name || data.fileName}
      </span>
      {data.demo ? (
        <Badge tone="accent" testId="demo-badge" title="A generated example portfolio, not real data">
          {demoBadgeText(data)}
        </Badge>
      ) : null}
    </>
  );
}

function countOf(value: number | null, one: string, many: string): string {
  return `${formatCount(value)} ${value === 1 ? one : many}`;
}

/** statusParts lists what the status line says about a portfolio, in order. */
export function statusParts(p: Portfolio): string[] {
  const parts = [
    p.fileName || p.path,
    countOf(p.counts.programs, 'program', 'programs'),
    countOf(p.counts.teams, 'team', 'teams'),
    countOf(p.counts.items, 'work item', 'work items'),
    countOf(p.counts.statusChanges, 'status change', 'status changes'),
    countOf(p.counts.deployments, 'deployment', 'deployments'),
  ];
  if (p.asOf) parts.push(`as of ${formatCivilDate(p.asOf)}`);
  return parts;
}

/** PortfolioStatus is the status line: file name and counts, or why the portfolio could not be read. */
export function PortfolioStatus() {
  const { data, error, isPending, isError, refetch, isFetching } = usePortfolio();
  if (isPending) return <span className="statusbar__text">Loading portfolio…</span>;
  if (isError || !data) {
    return (
      <span className="statusbar__text statusbar__text--error" role="alert">
        {errorMessage(error)}{' '}
        <button type="button" className="link-button" onClick={() => void refetch()} disabled={isFetching}>
          Retry
        </button>
      </span>
    );
  }
  return (
    <span className="statusbar__text" title={data.path} data-testid="status-line">
      {statusParts(data).join(' · ')}
    </span>
  );
}
