import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { onPortfolioChanged } from '../lib/backend';

/**
 * createQueryClient sets the cache policy: answers stay fresh until the portfolio changes
 * (the only writer is this app, which invalidates everything on a switch), and a failed load is
 * shown at once with a Retry button instead of being retried silently against a local backend.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}

/** AppProvider supplies the query cache and refreshes it when the desktop menu switches portfolio. */
export function AppProvider({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const [queryClient] = useState(() => client ?? createQueryClient());
  useEffect(() => onPortfolioChanged(() => void queryClient.invalidateQueries()), [queryClient]);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
