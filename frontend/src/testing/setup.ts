import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom has no canvas: make getContext answer null (as a browser without one would) instead of
// logging "not implemented"; the Chart wrapper then skips ECharts and renders its labelled box.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

afterEach(() => {
  cleanup();
  delete document.body.dataset.ready;
  delete window.go;
  delete window.runtime;
});
