import { useEffect, useRef, useState } from 'react';
import { MenuButton, type MenuEntry, type MenuItem } from '../../../components/ui/Menu';
import { desktopShell, errorMessage } from '../../../lib/backend';
import { useDesktopDialog, useOpenPortfolio, useRecentPortfolios, type RecentPortfolio } from '../api';
import { PortfolioDialog } from './PortfolioDialog';

function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/**
 * useFileShortcuts binds Ctrl+N / Ctrl+O (Cmd on macOS) for the lifetime of the component.
 * Browsers keep Ctrl+N for a new window, so there only the menu item works.
 */
function useFileShortcuts(onNew: () => void, onOpen: () => void) {
  const handlers = useRef({ onNew, onOpen });
  useEffect(() => {
    handlers.current = { onNew, onOpen };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.shiftKey || !(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'n') {
        event.preventDefault();
        handlers.current.onNew();
      } else if (key === 'o') {
        event.preventDefault();
        handlers.current.onOpen();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

function placeholder(id: string, label: string): MenuItem {
  return { kind: 'item', id, label, disabled: true, onSelect: () => {} };
}

/** recentMenuItems turns the recent list into menu items; files that are gone are disabled. */
function recentMenuItems(
  recent: RecentPortfolio[] | undefined,
  loading: boolean,
  failed: boolean,
  open: (entry: RecentPortfolio) => void,
): MenuItem[] {
  if (failed) return [placeholder('recent-error', 'Recent files could not be loaded')];
  if (!recent || recent.length === 0) {
    return [placeholder('recent-none', loading ? 'Loading…' : 'No recent portfolios')];
  }
  return recent.map((entry) => ({
    kind: 'item',
    id: `recent:${entry.path}`,
    label: entry.name || fileName(entry.path),
    detail: entry.exists ? entry.path : `${entry.path} (not found)`,
    disabled: !entry.exists,
    title: entry.exists ? entry.path : `File not found: ${entry.path}`,
    onSelect: () => open(entry),
  }));
}

/** FileMenuProps: onImport adds File › Import… (the shell knows where importing happens). */
export interface FileMenuProps {
  onImport?: () => void;
}

/**
 * FileMenu is the in-app File menu: New, Open, Import (when the shell offers it) and the recent
 * portfolios. In the desktop window New and Open use the native dialogs through the bridge; in a
 * browser they ask for a path.
 */
export function FileMenu({ onImport }: FileMenuProps = {}) {
  const recent = useRecentPortfolios();
  const openPortfolio = useOpenPortfolio();
  const desktopDialog = useDesktopDialog();
  const [dialog, setDialog] = useState<'open' | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const start = (kind: 'open' | 'new') => {
    setNotice(null);
    if (!desktopShell()) {
      setDialog(kind);
      return;
    }
    // A native dialog is modal; ignore a second request while one is up.
    if (desktopDialog.isPending) return;
    desktopDialog.mutate(kind, { onError: (err) => setNotice(errorMessage(err)) });
  };
  const startNew = () => start('new');
  const startOpen = () => start('open');
  useFileShortcuts(startNew, startOpen);

  const openRecent = (entry: RecentPortfolio) => {
    setNotice(null);
    openPortfolio.mutate(entry.path, { onError: (err) => setNotice(errorMessage(err)) });
  };

  const recentItems = recentMenuItems(recent.data, recent.isPending, recent.isError, openRecent);

  const entries: MenuEntry[] = [
    {
      kind: 'item',
      id: 'new',
      label: 'New portfolio…',
      shortcut: 'Ctrl+N',
      keyShortcut: 'Control+N',
      onSelect: startNew,
    },
    {
      kind: 'item',
      id: 'open',
      label: 'Open portfolio…',
      shortcut: 'Ctrl+O',
      keyShortcut: 'Control+O',
      onSelect: startOpen,
    },
    ...(onImport
      ? ([
          { kind: 'separator', id: 'sep-import' },
          { kind: 'item', id: 'import', label: 'Import…', shortcut: 'G then I', onSelect: onImport },
        ] satisfies MenuEntry[])
      : []),
    { kind: 'separator', id: 'sep' },
    { kind: 'group', id: 'recent', label: 'Recent', items: recentItems },
  ];

  return (
    <>
      <MenuButton label="File" entries={entries} testId="file-menu" />
      {dialog ? <PortfolioDialog key={dialog} mode={dialog} onClose={() => setDialog(null)} /> : null}
      {notice ? (
        <div className="notice" role="alert">
          <span className="notice__text">{notice}</span>
          <button type="button" className="button button--small" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
    </>
  );
}
