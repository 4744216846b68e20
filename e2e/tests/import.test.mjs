// Browser end-to-end, the import issue's acceptance test: in Chromium against the real backend
// (`throughline serve`) on the demo portfolio, add a Jira CSV and an Azure DevOps CSV, see both
// previews and the status no default maps, choose its stage, import, see the overview grow by
// exactly the new items, undo both imports (newest first) and see the overview as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeExports, UNMAPPED_STATUS } from '../lib/exports.mjs';
import { ART, openPage, runReady, shot, useDemoSession, workItems } from '../lib/harness.mjs';

const session = useDemoSession();

/** until polls a condition of the test itself (not of the page) until it holds. */
async function until(condition, what, timeout = 30000) {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('import a Jira and an Azure DevOps export, map a status, see the overview change, undo both', async () => {
  const { server, tmp } = session();
  const { page, errors } = await openPage(session());
  const before = await workItems(page);
  assert.ok(before >= 3000, `demo portfolio has ${before} work items`);

  // To the Import screen with the keyboard shortcut (g, then i).
  await page.locator('main').focus();
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  const screen = page.getByTestId('import-screen');
  await screen.waitFor();
  assert.equal(await page.getByTestId('import-nav').getAttribute('aria-current'), 'page');

  // Add both exports through the file dialog's input.
  const files = writeExports(tmp.dir);
  await page.getByTestId('import-file-input').setInputFiles([files.jira, files.ado]);
  const cards = page.getByTestId('import-file-card');
  await cards.nth(1).waitFor();
  assert.equal(await cards.count(), 2);
  const run = page.getByTestId('import-run');
  await runReady(page);
  assert.equal(await run.innerText(), 'Import 2 files');

  // Both previews: the detected format, the first rows with lettered columns, what would change.
  const jira = cards.filter({ hasText: 'Catalogue Crew – Jira.csv' });
  const ado = cards.filter({ hasText: 'Checkout – Azure DevOps.csv' });
  assert.match(await jira.innerText(), /Jira export — 20 rows, header on row 1/);
  assert.match(await jira.innerText(), /UTF-8 · comma-separated/);
  assert.match(await jira.innerText(), /Would add 19 items/);
  assert.match(await ado.innerText(), /Azure DevOps query export — 13 rows, header on row 1/);
  assert.match(await ado.innerText(), /UTF-8 with BOM · comma-separated/);
  assert.match(await ado.innerText(), /Would add 13 items/);
  const jiraPreview = jira.getByTestId('import-preview-table');
  assert.ok(await jiraPreview.getByRole('columnheader', { name: 'B (Issue key)' }).isVisible());
  assert.ok(await jiraPreview.getByText('Größentabelle auf Produktseite').isVisible());
  assert.ok(await ado.getByTestId('import-preview-table').getByText('Apple Pay im Checkout für Łódź').isVisible());

  // The Jira file's rejected row names its row, column and value.
  const problems = jira.getByTestId('import-problems');
  assert.match(await problems.innerText(), /1 row rejected · 2 warnings/);
  // The demo team keeps sprints; the export names two it does not have, and the report says so once.
  assert.match(await problems.innerText(), /19 items name sprints their team does not have \("CAT Sprint 20", "CAT Sprint 21"\)/);
  const rejected = problems.getByTestId('problem-row').filter({ hasText: 'Rejected' });
  assert.match(await rejected.innerText(), /14\s+J \(Created\)\s+31\/Sep\/26 10:00 AM/);
  await shot(page, jira, 'import-preview.png');

  // The status no default maps is called out in words, with its select waiting for a choice.
  const statuses = page.getByTestId('import-statuses');
  const unmapped = statuses.getByTestId('status-row').filter({ hasText: UNMAPPED_STATUS });
  assert.match(await unmapped.innerText(), /Not mapped yet — choose a stage/);
  const select = unmapped.getByTestId('status-stage-select');
  assert.equal(await select.inputValue(), '');
  await shot(page, statuses, 'import-statuses.png');
  await select.selectOption('waiting');
  assert.match(await unmapped.innerText(), /your choice/);
  assert.doesNotMatch(await statuses.innerText(), /Not mapped yet/);
  await shot(page, statuses, 'import-statuses-chosen.png');

  // Import: one request per file, with a progress bar. Each real request is held until the
  // test has seen the bar at that file, then let through to the backend.
  const gates = [];
  const real = /\/api\/import\?dryRun=false/;
  await page.route(real, async (route) => {
    await new Promise((resolve) => gates.push(resolve));
    await route.continue();
  });
  await run.click();
  const bar = page.getByTestId('import-progress');
  await bar.waitFor();
  assert.equal(await bar.getAttribute('role'), 'progressbar');
  assert.equal(await bar.getAttribute('aria-valuemax'), '2');
  await until(() => gates.length === 1, 'the first file to be sent');
  assert.equal(await bar.getAttribute('aria-valuenow'), '0');
  assert.match(await page.locator('.run__label').innerText(), /Importing file 1 of 2: Catalogue Crew – Jira\.csv/);
  assert.ok(await page.getByTestId('import-cancel').isEnabled());
  await shot(page, bar, 'import-progress.png');
  gates[0]();
  await until(() => gates.length === 2, 'the second file to be sent');
  await page.waitForFunction(() => document.querySelector('[data-testid="import-progress"]')?.getAttribute('aria-valuenow') === '1');
  assert.match(await page.locator('.run__label').innerText(), /Importing file 2 of 2: Checkout – Azure DevOps\.csv/);
  gates[1]();

  // Then the result of each file.
  const result = page.getByTestId('import-result');
  await result.waitFor({ timeout: 60000 });
  await page.unroute(real);
  const outcomes = result.getByTestId('import-result-file');
  assert.equal(await outcomes.count(), 2);
  assert.match(await result.innerText(), /Import finished/);
  assert.match(await result.innerText(), /2 files of 2 imported\./);
  assert.match(await outcomes.filter({ hasText: 'Jira.csv' }).innerText(), /Added 19 items .*1 row rejected\./s);
  assert.match(await outcomes.filter({ hasText: 'Azure DevOps.csv' }).innerText(), /Added 13 items/);
  await shot(page, result, 'import-result.png');

  // The backend agrees: two applied batches, the chosen stage saved.
  const history = await (await page.request.get(`${server.url}/api/imports`)).json();
  const applied = history.imports.filter((b) => b.status === 'applied');
  assert.equal(applied.length, 2);
  const created = applied.reduce((n, b) => n + b.result.itemsCreated, 0);
  assert.equal(created, 19 + 13);
  const mappings = await (await page.request.get(`${server.url}/api/mappings`)).json();
  assert.ok(
    mappings.mappings.some((m) => m.rawStatus === UNMAPPED_STATUS && m.stage === 'waiting'),
    `the chosen stage for ${UNMAPPED_STATUS} was saved`,
  );

  // The overview counts the new items.
  await page.getByTestId('overview-nav').click();
  assert.equal(await workItems(page), before + created, 'work items grew by the items created');

  // Back to Import: the history lists both imports, newest first; undo them in that order.
  await page.getByTestId('import-nav').click();
  const rows = page.getByTestId('import-history-row');
  await rows.nth(1).waitFor();
  assert.match(await rows.nth(0).innerText(), /Azure DevOps\.csv/);
  assert.match(await rows.nth(1).innerText(), /Jira\.csv/);
  await shot(page, page.getByTestId('import-history'), 'import-history.png');

  for (const [i, name] of [[0, 'Checkout – Azure DevOps.csv'], [1, 'Catalogue Crew – Jira.csv']]) {
    await rows.nth(i).getByTestId('import-undo').click();
    const dialog = page.getByRole('dialog', { name: 'Undo import' });
    assert.match(await dialog.innerText(), new RegExp(`Undo the import of ${name}\\? The \\d+ items it created are deleted`));
    if (i === 0) await page.screenshot({ path: join(ART, 'import-undo-dialog.png') });
    await dialog.getByRole('button', { name: 'Undo import' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`The import of ${name} was undone.`).waitFor();
    await rows.nth(i).getByText('Undone').waitFor();
  }
  assert.equal(await page.getByTestId('import-undo').count(), 0);
  await shot(page, page.getByTestId('import-history'), 'import-history-undone.png');

  // The overview is back where it started.
  await page.getByTestId('overview-nav').click();
  assert.equal(await workItems(page), before, 'work items back to the original number');
  assert.deepEqual(errors, [], 'no page or console errors');
});
