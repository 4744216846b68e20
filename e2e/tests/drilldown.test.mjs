// Browser end-to-end: from a headline figure to the rows behind it and its explanation,
// in Chromium against the real backend (`throughline serve`) on a real demo portfolio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ART, num, openPage, useDemoSession } from '../lib/harness.mjs';

// The trace table draws at most this many rows (frontend SortableTable's DEFAULT_ROW_LIMIT).
const ROW_LIMIT = 500;

const session = useDemoSession();

test('the cycle-time card opens the items behind it and how it is computed', async () => {
  const { page, errors } = await openPage(session());

  const api = await (await page.request.get(`${session().server.url}/api/metrics`)).json();
  const cycle = api.portfolio.cycle_time_days;
  assert.ok(cycle.count > 0, `cycle-time count ${cycle.count} > 0`);

  // The card shows the report's p85.
  const card = page.getByTestId('card-cycle-time');
  const value = card.locator('[data-card-part="value"]');
  await value.waitFor();
  assert.equal(num(await value.innerText()), cycle.p85);

  // Click: a modal side panel titled with the figure, on "Behind this figure".
  await card.click();
  const panel = page.getByTestId('drilldown-panel');
  await panel.waitFor();
  assert.equal(await panel.getAttribute('role'), 'dialog');
  assert.equal(await panel.getAttribute('aria-modal'), 'true');
  assert.match(await panel.locator('h2').innerText(), /Cycle time p85/);
  assert.equal(await page.getByTestId('drilldown-tab-trace').getAttribute('aria-selected'), 'true');

  // As many rows as the figure counts, up to the display cap, which is then said in words.
  const rows = page.getByTestId('trace-row');
  await rows.first().waitFor({ timeout: 30000 });
  assert.equal(await page.getByTestId('trace-table').count(), 1);
  assert.equal(await rows.count(), Math.min(cycle.count, ROW_LIMIT));
  assert.equal(num(await panel.locator('.trace__count strong').innerText()), cycle.count);
  if (cycle.count > ROW_LIMIT) {
    assert.match(await panel.innerText(), new RegExp(`Showing 500 of ${cycle.count.toLocaleString('en-GB')} items`));
  }
  await page.screenshot({ path: join(ART, 'browser-drilldown-trace.png') });

  // "How is this computed?": the documentation of cycle time, as text.
  await page.getByTestId('drilldown-tab-docs').click();
  const docs = page.getByTestId('docs-text');
  await docs.waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="docs-text"] [role="status"]'));
  assert.match(await docs.innerText(), /PERCENTILE|done( date)? − start( date)? \+ 1/);
  await page.screenshot({ path: join(ART, 'browser-drilldown-docs.png') });

  // Escape closes the panel and gives focus back to the card.
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.closest('[data-testid]')?.dataset.testid), 'card-cycle-time');
  assert.deepEqual(errors, [], 'no page or console errors');
});
