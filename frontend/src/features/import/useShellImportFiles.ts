import { useEffect, useRef } from 'react';
import { onImportFiles } from '../../lib/backend';
import type { SkippedFile, Candidate } from './files';
import { stagedCandidates } from './staged';

/**
 * useShellImportFiles hands files picked with the native menu's File › Import Files… (desktop
 * window only) to onFiles, fetched and ready to add exactly as dropped files are. In a browser it
 * does nothing.
 */
export function useShellImportFiles(onFiles: (candidates: Candidate[], skipped: SkippedFile[]) => void): void {
  const handler = useRef(onFiles);
  useEffect(() => {
    handler.current = onFiles;
  });
  useEffect(() => {
    let live = true;
    const off = onImportFiles((files) => {
      if (files.length === 0) return;
      void stagedCandidates(files).then(({ candidates, skipped }) => {
        if (live) handler.current(candidates, skipped);
      });
    });
    return () => {
      live = false;
      off();
    };
  }, []);
}
