// Browser end-to-end for item types no built-in table knows: in Chromium against the real backend
// (`throughline serve`) on the demo portfolio, add a Jira CSV whose Issue Type column says "Chore"
// on three rows and "Research" on one. Those rows are listed as rejected and the Item types table
// shows both types; choose Task for Chore and Enabler for Research, see the preview read again
// with nothing rejected, import, and see the overview grow by exactly the file's rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine } from '../lib/exports.mjs';
import { addFile, openImport, openPage, previewsRead, runImport, shot, useDemoSession, workItems } from '../lib/harness.mjs';

const session = useDemoSession();

const FILE = 'Lab Ops – Jira.csv';

/** TYPES are the Issue Type column, row by row: two known types, three Chore, one Research. */
const TYPES = ['Story', 'Chore', 'Bug', 'Chore', 'Research', 'Chore'];

/** labOps writes a Jira Cloud CSV of a new project (LAB), so every row is a new item. */
function labOps(dir) {
  const header = ['Summary', 'Issue key', 'Issue id', 'Issue Type', 'Status', 'Project key', 'Project name', 'Created', 'Updated', 'Resolved'];
  const titles = ['Labor-Dashboard für Zoë', 'Kühlschrank-Sensoren tauschen', 'Probe 17 falsch etikettiert',
    'Pipetten kalibrieren (Jürgen)', 'Spike: 試薬の在庫予測', 'Abzug reinigen, Raum B'];
  const statuses = ['Done', 'In Progress', 'To Do', 'Done', 'In Progress', 'To Do'];
  const rows = titles.map((title, i) => {
    const created = `${String(2 + i).padStart(2, '0')}/Sep/26 9:${String(10 + i).padStart(2, '0')} AM`;
    const updated = `${String(10 + i).padStart(2, '0')}/Oct/26 2:${String(20 + i).padStart(2, '0')} PM`;
    return [title, `LAB-${101 + i}`, String(70101 + i), TYPES[i], statuses[i], 'LAB', 'Lab Ops', created, updated,
      statuses[i] === 'Done' ? updated : ''];
  });
  const path = join(dir, FILE);
  writeFileSync(path, [header, ...rows].map(csvLine).join('\r\n') + '\r\n');
  return path;
}

/** rejectedRows lists the rows the file card's problems table marks rejected, as "row value". */
async function rejectedRows(card) {
  const rows = card.getByTestId('problem-row').filter({ hasText: 'Rejected' });
  const out = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = await rows.nth(i).locator('td').allInnerTexts();
    out.push(cells.join(' | '));
  }
  return out;
}

test('settle unknown item types: rejected rows listed, types chosen, preview clean, import adds every row', async () => {
  const { server, tmp } = session();
  const { page, errors } = await openPage(session());
  const before = await workItems(page);

  await openImport(page);
  const card = await addFile(page, labOps(tmp.dir));

  // The four rows of unknown types are rejected, each named by row, column and value.
  assert.match(await card.innerText(), /Jira export — 6 rows/);
  assert.match(await card.innerText(), /4 rows rejected/);
  const rejected = await rejectedRows(card);
  assert.equal(rejected.length, 4, rejected.join('\n'));
  for (const [row, value] of [[3, 'Chore'], [5, 'Chore'], [6, 'Research'], [7, 'Chore']]) {
    assert.ok(rejected.some((r) => r.includes(`${row} |`) && r.includes(value)), `row ${row} (${value}) is listed as rejected:\n${rejected.join('\n')}`);
  }
  await shot(page, card, 'import-types-1-rejected.png');

  // The Item types table lists both, with their row counts, and says what happens to their rows.
  const table = page.getByTestId('import-types');
  const typeRows = table.getByTestId('type-row');
  assert.equal(await typeRows.count(), 2);
  const chore = typeRows.filter({ hasText: 'Chore' });
  const research = typeRows.filter({ hasText: 'Research' });
  assert.match(await chore.innerText(), /Chore\s+Jira\s+3/);
  assert.match(await research.innerText(), /Research\s+Jira\s+1/);
  const section = page.getByRole('region', { name: 'Item types' });
  assert.match(await section.innerText(), /2 item types are not known to Throughline, so 4 rows are left out/);
  await shot(page, table, 'import-types-2-table.png');
  // Item types is numbered between Files and Statuses.
  assert.deepEqual(await page.locator('.import__section h2 .step').allInnerTexts(), ['1', '2', '3', '4', '5']);
  assert.match(await section.locator('h2').innerText(), /^2\s*Item types$/);
  // The "Created" the rebuilt history starts with says what it is; the file's own statuses say nothing.
  const statuses = page.getByTestId('import-statuses');
  assert.match(await statuses.getByTestId('status-row').filter({ hasText: 'Created' }).innerText(), /the status from the item’s Created date until its next change \(rebuilt history\)/);
  assert.equal(await statuses.getByTestId('status-synthetic-note').count(), 1);
  await shot(page, statuses, 'import-types-2b-statuses.png');

  // Choose with the keyboard-reachable selects; focus stays on the select while the file is read again.
  // (selectOption alone does not focus; a person reaches the select first.)
  const choreSelect = page.getByRole('combobox', { name: 'Item type for “Chore”' });
  const researchSelect = page.getByRole('combobox', { name: 'Item type for “Research”' });
  const xBefore = (await researchSelect.boundingBox()).x;
  await choreSelect.focus();
  await choreSelect.selectOption('task');
  await previewsRead(page);
  await page.waitForFunction(() => !document.querySelector('[data-testid="import-types"] [aria-invalid="true"][aria-label="Item type for “Chore”"]'));
  assert.equal((await researchSelect.boundingBox()).x, xBefore, 'the selects stay where they were when a note changes');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Item type for “Chore”', 'focus stays on the Chore select');
  assert.match(await card.innerText(), /1 row rejected/);
  await shot(page, table, 'import-types-3-chore-chosen.png');

  await researchSelect.focus();
  await researchSelect.selectOption('enabler');
  await previewsRead(page);
  assert.equal((await researchSelect.boundingBox()).x, xBefore, 'the selects stay where they were once every type is settled');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Item type for “Research”', 'focus stays on the Research select');
  assert.equal(await card.getByTestId('problem-row').filter({ hasText: 'Rejected' }).count(), 0, 'no row is rejected any more');
  assert.doesNotMatch(await card.innerText(), /rejected/);
  assert.match(await card.innerText(), /Would add 6 items/);
  assert.match(await section.innerText(), /Every item type is settled/);
  await shot(page, table, 'import-types-4-settled.png');
  await shot(page, card, 'import-types-5-preview-clean.png');

  // Import: every row of the file becomes an item.
  const result = await runImport(page);
  assert.match(await result.innerText(), /1 file of 1 imported\./);
  assert.match(await result.innerText(), /Added 6 items/);
  await shot(page, result, 'import-types-6-result.png');

  // The choices are saved for later imports.
  const history = await (await page.request.get(`${server.url}/api/imports`)).json();
  const batch = history.imports.find((b) => b.fileName === FILE);
  assert.equal(batch?.status, 'applied');
  assert.equal(batch.rejected, 0);
  assert.equal(batch.result.itemsCreated, 6);

  await page.getByTestId('overview-nav').click();
  assert.equal(await workItems(page), before + TYPES.length, 'work items grew by exactly the rows of the file');
  assert.deepEqual(errors, [], 'no page or console errors');
});
