// useImportProgress polls the progress of the request sent with a token while it is in flight.
import { useEffect, useState } from 'react';
import { fetchImportProgress, PROGRESS_POLL_MS, type ImportProgress } from './progress';

/**
 * useImportProgress asks GET /api/import/progress/{token} every PROGRESS_POLL_MS (the next
 * question only once the last is answered) and returns the latest answer; null before the
 * first, and whenever token is null (nothing in flight). A failed question is skipped: the
 * import's own answer is what counts.
 */
export function useImportProgress(token: string | null): ImportProgress | null {
  const [latest, setLatest] = useState<{ token: string; progress: ImportProgress } | null>(null);

  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      try {
        const progress = await fetchImportProgress(token, controller.signal);
        if (progress && !controller.signal.aborted) setLatest({ token, progress });
      } catch {
        // Skipped: the next question may be answered.
      }
      if (!controller.signal.aborted) timer = setTimeout(ask, PROGRESS_POLL_MS);
    };
    timer = setTimeout(ask, PROGRESS_POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [token]);

  return token && latest?.token === token ? latest.progress : null;
}
