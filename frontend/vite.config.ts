import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vitest/config';

// The Content-Security-Policy in index.html forbids inline scripts. Vite's dev
// server (React Fast Refresh preamble) needs one, so the policy is relaxed for
// `vite dev` only; the built index.html keeps the strict policy unchanged.
function relaxCspForDevServer(): Plugin {
  return {
    name: 'throughline:relax-csp-for-dev-server',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The bundle is served from disk (Wails asset server or `throughline serve`);
    // no need for a modulepreload polyfill or source maps in the shipped app.
    modulePreload: { polyfill: false },
    sourcemap: false,
    // One chunk of ~800 kB (React ~200 kB, the modular ECharts ~470 kB) read from local disk;
    // splitting it would not make the first dashboard appear sooner.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    // `npm run dev` against a running `throughline serve` (default address).
    proxy: { '/api': 'http://127.0.0.1:8765' },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
    css: false,
  },
});
