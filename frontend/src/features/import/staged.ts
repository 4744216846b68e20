// staged.ts: files picked in the desktop window's native dialog (File › Import Files…, or the
// Import screen's button) arrive as ids Go handed out; this fetches each file's bytes once and
// turns them into the same candidates a drop gives, so they take the dropped files' path.
import { errorMessage, fetchStagedFile, type StagedFile } from '../../lib/backend';
import type { Candidate, SkippedFile } from './files';

/** PickedFiles are the picked files ready to add, and those that could not be read, with why. */
export interface PickedFiles {
  candidates: Candidate[];
  skipped: SkippedFile[];
}

/**
 * stagedCandidates fetches the picked files, in order. A file Go could not offer (a folder, gone,
 * too large) or whose fetch fails is listed as skipped with the reason, not thrown.
 */
export async function stagedCandidates(files: readonly StagedFile[], signal?: AbortSignal): Promise<PickedFiles> {
  const candidates: Candidate[] = [];
  const skipped: SkippedFile[] = [];
  for (const staged of files) {
    const path = staged.name || 'A picked file';
    if (staged.error || !staged.id) {
      skipped.push({ path, reason: 'unreadable', detail: staged.error });
      continue;
    }
    try {
      candidates.push({ file: await fetchStagedFile(staged, signal), path });
    } catch (err) {
      if (signal?.aborted) throw err;
      skipped.push({ path, reason: 'unreadable', detail: errorMessage(err) });
    }
  }
  return { candidates, skipped };
}
