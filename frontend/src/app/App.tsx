import { useEffect, useState } from 'react';
import { OverviewScreen, type OverviewReady } from '../features/overview/components/Overview';
import { usePortfolio } from '../features/portfolio/api';
import { FileMenu } from '../features/portfolio/components/FileMenu';
import { PortfolioStatus, PortfolioTitle } from '../features/portfolio/components/PortfolioSummary';
import { useSelfTest } from './self-test';

/** App is the shell: top bar with the File menu, navigation, the current screen and the status line. */
export function App() {
  const portfolio = usePortfolio();
  const [ready, setReady] = useState<OverviewReady | null>(null);
  const portfolioCurrent = portfolio.isSuccess && !portfolio.isFetching;
  useSelfTest(portfolio.data, portfolioCurrent, ready);

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
        <OverviewScreen onReady={setReady} />
      </main>
      <footer className="statusbar">
        <PortfolioStatus />
      </footer>
    </div>
  );
}
