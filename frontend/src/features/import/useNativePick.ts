import { useEffect, useMemo, useRef } from 'react';
import { nativeFilePicker } from '../../lib/backend';
import type { Candidate, SkippedFile } from './files';
import { stagedCandidates } from './staged';

/**
 * useNativePick returns, in the desktop window, a call that shows the native dialog for files to
 * import and hands the picked files to onFiles exactly as dropped files are (it rejects with the
 * reason when the dialog fails). In a browser it returns undefined: the page's own
 * <input type=file multiple> does the job there.
 */
export function useNativePick(onFiles: (candidates: Candidate[], skipped: SkippedFile[]) => void): (() => Promise<void>) | undefined {
  const handler = useRef(onFiles);
  useEffect(() => {
    handler.current = onFiles;
  });
  const pick = useMemo(() => nativeFilePicker(), []);
  return useMemo(() => {
    if (!pick) return undefined;
    return async () => {
      const files = await pick();
      if (files.length === 0) return; // cancelled
      const { candidates, skipped } = await stagedCandidates(files);
      handler.current(candidates, skipped);
    };
  }, [pick]);
}
