import { useCallback, useEffect, useState } from 'react';
import { DrilldownPanel } from '../features/drilldown/components/DrilldownPanel';
import { MetricsDocument } from '../features/drilldown/components/MetricsDocument';
import { OverviewScreen, type OverviewReady } from '../features/overview/components/Overview';
import { usePortfolio } from '../features/portfolio/api';
import { FileMenu } from '../features/portfolio/components/FileMenu';
import { PortfolioStatus, PortfolioTitle } from '../features/portfolio/components/PortfolioSummary';
import type { DrillTarget, OpenDocument, OpenDrill } from '../lib/drilldown';
import { useSelfTest } from './self-test';

/** Explaining is what the side panel shows: one figure, or the whole metrics document. */
type Explaining =
  | { kind: 'figure'; target: DrillTarget; opener: HTMLElement | null; seq: number }
  | { kind: 'document'; opener: HTMLElement | null };

/** App is the shell: top bar with the File menu, navigation, the current screen and the status line. */
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
        <FileMenu />
        <div className="topbar__title">
          <PortfolioTitle />
        </div>
      </header>
      <nav className="sidenav" aria-label="Screens">
        <ul className="sidenav__list">
          <li>
            <a className="sidenav__link sidenav__link--active" href="#main" aria-current="page">
              Overview
            </a>
          </li>
        </ul>
      </nav>
      <main className="main" id="main" tabIndex={-1}>
        <OverviewScreen onReady={setReady} onDrill={openDrill} onOpenDocument={openDocument} />
      </main>
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
