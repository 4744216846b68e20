// Browser end-to-end: the real frontend in Chromium against the real backend
// (`throughline serve`) on a real demo portfolio file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ART, num, openPage, useDemoSession } from '../lib/harness.mjs';

const session = useDemoSession();

test('overview shows the demo portfolio figures and the throughput chart', async () => {
  const { page, errors } = await openPage(session());

  const { url } = session().server;
  const api = await (await page.request.get(`${url}/api/overview`)).json();
  const info = await (await page.request.get(`${url}/api/portfolio`)).json();

  // The demo marker is visible.
  assert.match(await page.getByTestId('demo-badge').innerText(), /demo/i);

  // Cards show the backend's figures, and they are real: thousands of items.
  const items = num(await page.getByTestId('card-items').innerText());
  assert.equal(items, info.counts.items, 'items card = items in the portfolio file');
  assert.ok(items >= 3000, `items ${items} >= 3000`);
  assert.equal(num(await page.getByTestId('card-done').innerText()), api.totals.done);
  assert.equal(num(await page.getByTestId('card-wip').innerText()), api.totals.wip);
  assert.ok(api.totals.done > 0 && api.totals.wip > 0);

  // The chart drew on a canvas with non-blank pixels.
  const chart = page.getByTestId('throughput-chart');
  await chart.locator('canvas').first().waitFor();
  const inked = await chart.locator('canvas').first().evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  assert.ok(inked > 1000, `chart has ${inked} drawn pixels`);

  // One row per program, with its teams on expanding it.
  const rows = page.getByTestId('program-row');
  assert.equal(await rows.count(), api.programs.length);
  assert.ok(api.programs.length >= 3);

  // Expand the first program to show its teams.
  await rows.first().getByRole('button').first().click();
  const teamRows = page.getByTestId('team-row');
  assert.equal(await teamRows.count(), api.programs[0].teams.length);

  await page.screenshot({ path: join(ART, 'browser-overview.png') });
  await page.screenshot({ path: join(ART, 'browser-overview-full.png'), fullPage: true });
  assert.deepEqual(errors, [], 'no page or console errors');
});
