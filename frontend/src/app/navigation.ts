// navigation.ts: which screen the shell shows, kept in the URL hash ("#/import") so the
// browser's Back and Forward work and a reload stays put, and the "g then letter" shortcuts.
import { useCallback, useEffect, useRef, useState } from 'react';

/** Screen is a top-level screen of the app. */
export type Screen = 'overview' | 'import';

/** SCREEN_HASHES are the URL hashes of the screens. */
export const SCREEN_HASHES: Record<Screen, string> = { overview: '#/overview', import: '#/import' };

/** screenOfHash reads a hash; null for a hash that names no screen (such as the skip link's "#main"). */
export function screenOfHash(hash: string): Screen | null {
  if (hash === '' || hash === '#' || hash === '#/' || hash === SCREEN_HASHES.overview) return 'overview';
  if (hash === SCREEN_HASHES.import) return 'import';
  return null;
}

/** useScreen returns the current screen and a function to go to another. */
export function useScreen(): [Screen, (screen: Screen) => void] {
  const [screen, setScreen] = useState<Screen>(() => screenOfHash(window.location.hash) ?? 'overview');
  useEffect(() => {
    const onHashChange = () => {
      const next = screenOfHash(window.location.hash);
      if (next) setScreen(next);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  const go = useCallback((next: Screen) => {
    setScreen(next);
    if (screenOfHash(window.location.hash) !== next) window.location.hash = SCREEN_HASHES[next];
  }, []);
  return [screen, go];
}

/** SEQUENCE_MS is how long "g" waits for its second key. */
const SEQUENCE_MS = 1500;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * useGoShortcuts binds two-key shortcuts: "g" then a letter goes somewhere (g o: Overview,
 * g i: Import). They are ignored while typing in a field, with a modifier held, or while a
 * dialog is open.
 */
export function useGoShortcuts(targets: Readonly<Record<string, () => void>>) {
  const handlers = useRef(targets);
  useEffect(() => {
    handlers.current = targets;
  });
  useEffect(() => {
    let pendingSince = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      if (isTyping(event.target) || document.querySelector('[aria-modal="true"]')) {
        pendingSince = 0;
        return;
      }
      const key = event.key.toLowerCase();
      if (pendingSince && Date.now() - pendingSince <= SEQUENCE_MS) {
        pendingSince = 0;
        const go = handlers.current[key];
        if (go) {
          event.preventDefault();
          go();
        }
        return;
      }
      pendingSince = key === 'g' ? Date.now() : 0;
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
