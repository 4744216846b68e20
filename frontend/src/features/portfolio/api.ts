// api.ts: the portfolio feature's contract with the backend (GET /api/portfolio,
// GET /api/recent, POST /api/portfolio/open and /new) as query hooks, plus the
// desktop-dialog variants of open and new.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, desktopShell } from '../../lib/backend';

/** Portfolio is the open portfolio file as GET /api/portfolio returns it. */
export interface Portfolio {
  name: string;
  path: string;
  fileName: string;
  demo: boolean;
  demoScale: string;
  /** asOf is a civil date "YYYY-MM-DD", or "" when the portfolio has no data yet. */
  asOf: string;
  timeZone: string;
  schemaVersion: number;
  counts: {
    programs: number | null;
    teams: number | null;
    items: number | null;
    statusChanges: number | null;
    deployments: number | null;
  };
}

/** RecentPortfolio is one entry of GET /api/recent; exists is false when the file is gone. */
export interface RecentPortfolio {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

interface RecentResponse {
  recent: RecentPortfolio[];
}

export const portfolioKeys = {
  current: ['portfolio'] as const,
  recent: ['recent'] as const,
};

/** usePortfolio loads the open portfolio's identity and counts. */
export function usePortfolio() {
  return useQuery({
    queryKey: portfolioKeys.current,
    queryFn: () => apiGet<Portfolio>('/api/portfolio'),
  });
}

/** useRecentPortfolios loads the recent-files list for the File menu. */
export function useRecentPortfolios() {
  return useQuery({
    queryKey: portfolioKeys.recent,
    queryFn: async () => (await apiGet<RecentResponse>('/api/recent')).recent ?? [],
  });
}

/**
 * portfolioSwitched refreshes everything after another portfolio was opened or created:
 * every cached answer belonged to the previous file.
 */
function portfolioSwitched(client: QueryClient, portfolio?: Portfolio) {
  if (portfolio) client.setQueryData(portfolioKeys.current, portfolio);
  return client.invalidateQueries();
}

/** useOpenPortfolio opens an existing portfolio file by path (browser modal and recent list). */
export function useOpenPortfolio() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (path: string) => apiPost<Portfolio>('/api/portfolio/open', { path }),
    onSuccess: (portfolio) => portfolioSwitched(client, portfolio),
  });
}

/** NewPortfolioInput is what the browser "New portfolio" modal asks for. */
export interface NewPortfolioInput {
  path: string;
  name: string;
}

/** useCreatePortfolio creates an empty portfolio file and opens it. */
export function useCreatePortfolio() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewPortfolioInput) => apiPost<Portfolio>('/api/portfolio/new', input),
    onSuccess: (portfolio) => portfolioSwitched(client, portfolio),
  });
}

/**
 * useDesktopDialog runs the native open or save dialog through the desktop bridge. It resolves
 * to false when the user cancelled; the portfolio has switched when it resolves to true.
 */
export function useDesktopDialog() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (kind: 'open' | 'new') => {
      const shell = desktopShell();
      if (!shell) throw new Error('The desktop file dialogs are not available in a browser.');
      return kind === 'open' ? shell.OpenPortfolioDialog() : shell.NewPortfolioDialog();
    },
    onSuccess: async (changed) => {
      if (changed) await portfolioSwitched(client);
    },
  });
}
