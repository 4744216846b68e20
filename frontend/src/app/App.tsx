import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { DrilldownPanel } from '../features/drilldown/components/DrilldownPanel';
import { MetricsDocument } from '../features/drilldown/components/MetricsDocument';
import { DropOverlay } from '../features/import/components/DropOverlay';
import { ImportScreen, type IncomingFiles } from '../features/import/components/ImportScreen';
import { useShellImportFiles } from '../features/import/useShellImportFiles';
import { useWindowFileDrop } from '../features/import/useWindowFileDrop';
import { OverviewScreen, type OverviewReady } from '../features/overview/components/Overview';
import { usePortfolio } from '../features/portfolio/api';
import { FileMenu } from '../features/portfolio/components/FileMenu';
import { PortfolioStatus, PortfolioTitle } from '../features/portfolio/components/PortfolioSummary';
import type { DrillTarget, OpenDocument, OpenDrill } from '../lib/drilldown';
import { SCREEN_HASHES, useGoShortcuts, useScreen, type Screen } from './navigation';
import { useSelfTest } from './self-test';

/** Explaining is what the side panel shows: one figure, or the whole metrics document. */
type Explaining =
  | { kind: 'figure'; target: DrillTarget; opener: HTMLElement | null; seq: number }
  | { kind: 'document'; opener: HTMLElement | null };

/** NAV lists the screens in the side navigation, with their "g then letter" shortcut. */
const NAV: readonly { screen: Screen; label: string; key: string; testId: string }[] = [
  { screen: 'overview', label: 'Overview', key: 'o', testId: 'overview-nav' },
  { screen: 'import', label: 'Import', key: 'i', testId: 'import-nav' },
];

/**
 * App is the shell: top bar with the File menu, navigation, the current screen and the status
 * line. Files dropped anywhere on the window go to the Import screen. The Import screen, once
 * opened, stays mounted (hidden) so an import keeps running and its results stay while the
 * overview is looked at.
 */
export function App() {
  const portfolio = usePortfolio();
  const [ready, setReady] = useState<OverviewReady | null>(null);
  const portfolioCurrent = portfolio.isSuccess && !portfolio.isFetching;
  useSelfTest(portfolio.data, portfolioCurrent, ready);
  const [explaining, setExplaining] = useState<Explaining | null>(null);
  const openDrill = useCallback<OpenDrill>(
    (target, opener) => setExplaining((prev) => ({ kind: 'figure', target, opener: opener ?? null, seq: prev?.kind === 'figure' ? prev.seq + 1 : 0 })),
    [],
  );
  const openDocument = useCallback<OpenDocument>((opener) => setExplaining({ kind: 'document', opener: opener ?? null }), []);
  const close = useCallback(() => setExplaining(null), []);

  const [screen, go] = useScreen();
  const [importOpened, setImportOpened] = useState(screen === 'import');
  if (screen === 'import' && !importOpened) setImportOpened(true);
  const [incoming, setIncoming] = useState<IncomingFiles | null>(null);
  const [chooseRequest, setChooseRequest] = useState(0);
  const mainRef = useRef<HTMLElement>(null);

  /** navigate shows a screen and moves focus to it, so a screen reader starts reading there. */
  const navigate = useCallback(
    (next: Screen) => {
      go(next);
      mainRef.current?.focus({ preventScroll: true });
    },
    [go],
  );
  const dragging = useWindowFileDrop((candidates) => {
    go('import');
    setIncoming((prev) => ({ seq: (prev?.seq ?? 0) + 1, candidates }));
  });
  // File › Import Files… in the desktop window's native menu: the picked files, as if dropped.
  useShellImportFiles((candidates, skipped) => {
    go('import');
    setIncoming((prev) => ({ seq: (prev?.seq ?? 0) + 1, candidates, skipped }));
  });
  const startImport = useCallback(() => {
    navigate('import');
    setChooseRequest((n) => n + 1);
  }, [navigate]);
  useGoShortcuts({ o: () => navigate('overview'), i: () => navigate('import') });

  const onNavClick = (event: MouseEvent<HTMLAnchorElement>, target: Screen) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(target);
  };

  const name = portfolio.data?.name;
  useEffect(() => {
    document.title = name ? `${name} — Throughline` : 'Throughline';
  }, [name]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="topbar__brand">Throughline</span>
        <FileMenu onImport={startImport} />
        <div className="topbar__title">
          <PortfolioTitle />
        </div>
      </header>
      <nav className="sidenav" aria-label="Screens">
        <ul className="sidenav__list">
          {NAV.map((entry) => {
            const current = entry.screen === screen;
            return (
              <li key={entry.screen}>
                <a
                  className={current ? 'sidenav__link sidenav__link--active' : 'sidenav__link'}
                  href={SCREEN_HASHES[entry.screen]}
                  aria-current={current ? 'page' : undefined}
                  aria-keyshortcuts={`G ${entry.key.toUpperCase()}`}
                  title={`${entry.label} (press G, then ${entry.key.toUpperCase()})`}
                  data-testid={entry.testId}
                  onClick={(event) => onNavClick(event, entry.screen)}
                >
                  <span>{entry.label}</span>
                  <kbd className="sidenav__key" aria-hidden="true">{`G ${entry.key.toUpperCase()}`}</kbd>
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <main className="main" id="main" tabIndex={-1} ref={mainRef}>
        {screen === 'overview' ? (
          <OverviewScreen onReady={setReady} onDrill={openDrill} onOpenDocument={openDocument} onImport={startImport} />
        ) : null}
        {importOpened ? (
          <div hidden={screen !== 'import'}>
            <ImportScreen dragging={dragging} incoming={incoming} chooseRequest={chooseRequest} />
          </div>
        ) : null}
      </main>
      {dragging && screen !== 'import' ? <DropOverlay /> : null}
      {explaining?.kind === 'figure' ? (
        <DrilldownPanel
          key={explaining.seq}
          target={explaining.target}
          returnFocus={explaining.opener}
          onClose={close}
          onOpenDocument={() => openDocument(explaining.opener)}
        />
      ) : null}
      {explaining?.kind === 'document' ? <MetricsDocument returnFocus={explaining.opener} onClose={close} /> : null}
      <footer className="statusbar">
        <PortfolioStatus />
      </footer>
    </div>
  );
}
