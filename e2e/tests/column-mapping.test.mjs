// Browser end-to-end for the column-mapping editor: in Chromium against the real backend
// (`throughline serve`) on the demo portfolio, add a team's own tracker whose headers no format
// recognises, map its columns to the items template's roles in the dialog, save the mapping as a
// profile, apply it (the file is read again with it), import, and see the items created, the
// profile saved and the profile offered under Options for the next file. Then the same dialog by
// keyboard alone: Tab order, Escape, Enter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine } from '../lib/exports.mjs';
import { ART, addFile, openImport, openPage, previewsRead, runImport, useDemoSession, workItems } from '../lib/harness.mjs';

const session = useDemoSession();

const PROFILE = 'Ops crew tracker';

/** opsTracker writes a CSV whose headers no format knows: Ticket, What, Kind, Squad, State, Opened. */
function opsTracker(dir) {
  const rows = [
    ['Ticket', 'What', 'Kind', 'Squad', 'State', 'Opened'],
    ['OPS-101', 'Zertifikate erneuern (Zoë)', 'Task', 'Ops Crew', 'Done', '2026-09-01'],
    ['OPS-102', 'Pager-Sturm nach Deploy – Jürgen', 'Bug', 'Ops Crew', 'In Progress', '2026-09-03'],
    ['OPS-103', 'Runbook für Failover, "Region B"', 'Story', 'Ops Crew', 'To Do', '2026-09-07'],
    ['OPS-104', '監視アラートの整理', 'Task', 'Ops Crew', 'Done', '2026-09-10'],
    ['OPS-105', 'Backups prüfen: Łódź', 'Story', 'Ops Crew', 'In Progress', '2026-09-14'],
  ];
  const text = rows.map(csvLine).join('\n') + '\n';
  const path = join(dir, 'Ops Crew tracker.csv');
  writeFileSync(path, text);
  return path;
}

test('map the columns of an unrecognised spreadsheet, save them as a profile, apply, import', async () => {
  const { server, tmp } = session();
  const { page, errors } = await openPage(session());
  const before = await workItems(page);

  await openImport(page);
  const card = await addFile(page, opsTracker(tmp.dir));

  // No format knows these headers: the card says so and offers to map them.
  assert.match(await card.innerText(), /the columns were not recognised/);
  const prompt = card.getByTestId('import-map-prompt');
  await prompt.click();
  const dialog = page.getByRole('dialog', { name: 'Map the columns of Ops Crew tracker.csv' });
  await dialog.waitFor();
  const format = dialog.getByTestId('column-mapper-format');
  await format.waitFor();
  assert.equal(await format.inputValue(), 'template', 'an unrecognised table opens on the items template');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'column-mapper-format');

  // Each column with its letter, header and first values; "State" is proposed as the status.
  const rows = dialog.getByTestId('column-mapper-row');
  assert.equal(await rows.count(), 6);
  assert.match(await rows.nth(1).innerText(), /B\s+What\s+Zertifikate erneuern \(Zoë\) · Pager-Sturm nach Deploy – Jürgen/);
  assert.equal(await dialog.getByTestId('column-mapper-role-E').inputValue(), 'status');
  const check = dialog.getByTestId('column-mapper-check');
  assert.match(await check.innerText(), /Still to map for Throughline's items template: Key, Type, Title, Team, Created/);
  await page.screenshot({ path: join(ART, 'column-mapping-dialog-open.png') });

  // Map the rest with the keyboard-reachable selects, name the profile, and see the mapping complete.
  for (const [letter, role] of [['A', 'key'], ['B', 'title'], ['C', 'type'], ['D', 'team'], ['F', 'created']]) {
    await dialog.getByTestId(`column-mapper-role-${letter}`).selectOption(role);
  }
  assert.match(await check.innerText(), /Every column the format needs is mapped/);
  assert.match(await dialog.getByTestId('column-mapper-needs').innerText(), /Key: column A.*Created: column F/s);
  await dialog.getByLabel('Save as profile (optional)').fill(PROFILE);
  await page.screenshot({ path: join(ART, 'column-mapping-dialog.png') });

  // Enter in the name field saves the profile and applies the mapping; the file is read again with it.
  await dialog.getByLabel('Save as profile (optional)').press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await previewsRead(page);
  assert.match(await card.innerText(), new RegExp(`Columns mapped by you \\(profile “${PROFILE}”\\) as Throughline template: work items`));
  assert.match(await card.innerText(), /Would add 5 items/);
  assert.equal(await card.getByTestId('import-mapping-note').count(), 1);
  await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(ART, 'column-mapping-applied.png') });

  // The profile is saved, and offered under Options for the next file.
  const profiles = await (await page.request.get(`${server.url}/api/mappings/profiles`)).json();
  const saved = profiles.profiles.find((p) => p.name === PROFILE);
  assert.deepEqual(saved && saved.columns, { Ticket: 'key', What: 'title', Kind: 'type', Squad: 'team', State: 'status', Opened: 'created' });
  assert.equal(saved.format, 'template');
  assert.ok(await page.getByTestId('import-profile').locator('option', { hasText: PROFILE }).count() === 1);

  // Import: the real request carries the mapping too.
  const result = await runImport(page);
  assert.match(await result.innerText(), /1 file of 1 imported\./);
  assert.match(await result.innerText(), /Added 5 items/);
  await result.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(ART, 'column-mapping-result.png') });

  const history = await (await page.request.get(`${server.url}/api/imports`)).json();
  const batch = history.imports.find((b) => b.fileName === 'Ops Crew tracker.csv');
  assert.equal(batch?.status, 'applied');
  assert.equal(batch.format, 'template');
  assert.equal(batch.result.itemsCreated, 5);

  await page.getByTestId('overview-nav').click();
  assert.equal(await workItems(page), before + 5, 'work items grew by the mapped items');
  assert.deepEqual(errors, [], 'no page or console errors');
});

/** focused describes the element with the focus: its test id, else its label, and whether it is in the dialog. */
function focused(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'body';
    const label = a.getAttribute('aria-label') ?? (a.id ? document.querySelector(`label[for="${CSS.escape(a.id)}"]`)?.textContent : null) ?? a.textContent;
    const name = a.getAttribute('data-testid') ?? (label ?? '').trim();
    return a.closest('[role="dialog"]') ? `dialog: ${name}` : name;
  });
}

test('the column-mapping dialog by keyboard: Tab stays inside in order, Escape closes and gives focus back, Enter saves', async () => {
  const { server, tmp } = session();
  const { page, errors } = await openPage(session());
  await openImport(page);
  const path = join(tmp.dir, 'Keyboard crew.csv');
  writeFileSync(path, 'Ticket,What,Kind,Squad,State,Opened\nKB-1,Labels prüfen,Task,Keyboard Crew,Done,2026-10-01\nKB-2,Tab order,Bug,Keyboard Crew,To Do,2026-10-02\n');
  const card = await addFile(page, path);
  const prompt = card.getByTestId('import-map-prompt');
  await prompt.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Map the columns of Keyboard crew.csv' });
  await dialog.getByTestId('column-mapper-format').waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'column-mapper-format');

  // Tab goes top to bottom and wraps inside the dialog; Shift+Tab goes back the same way.
  const picker = (await dialog.getByLabel('Start from a saved profile').count()) > 0 ? ['dialog: Start from a saved profile'] : [];
  const expected = [
    ...picker,
    ...['A', 'B', 'C', 'D', 'E', 'F'].map((letter) => `dialog: column-mapper-role-${letter}`),
    'dialog: column-mapper-name',
    'dialog: Cancel',
    'dialog: column-mapper-apply',
    'dialog: column-mapper-format',
  ];
  const order = [];
  for (let i = 0; i < expected.length; i++) {
    await page.keyboard.press('Tab');
    order.push(await focused(page));
  }
  assert.deepEqual(order, expected);
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'dialog: column-mapper-apply');

  // Escape closes without applying, and the prompt that opened the dialog has the focus again.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'import-map-prompt');

  // Enter in the name field: with columns missing it says what (the dialog stays); once they are mapped it saves and applies.
  await page.keyboard.press('Enter');
  await dialog.getByTestId('column-mapper-name').waitFor();
  await dialog.getByTestId('column-mapper-name').focus();
  await page.keyboard.type('Keyboard crew');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'dialog: column-mapper-check');
  assert.match(await dialog.getByTestId('column-mapper-check').innerText(), /Still to map/);
  for (const [letter, role] of [['A', 'key'], ['B', 'title'], ['C', 'type'], ['D', 'team'], ['F', 'created']]) {
    await dialog.getByTestId(`column-mapper-role-${letter}`).selectOption(role);
  }
  await dialog.getByTestId('column-mapper-name').focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  // The prompt is gone with the mapping: the file's heading has the focus.
  await page.waitForFunction(() => document.activeElement?.classList.contains('file-card__title'));
  assert.equal(await focused(page), 'Keyboard crew.csv');
  const profiles = await (await page.request.get(`${server.url}/api/mappings/profiles`)).json();
  assert.ok(profiles.names.includes('Keyboard crew'), `saved: ${profiles.names}`);
  await previewsRead(page);
  assert.match(await card.innerText(), /Would add 2 items/);
  assert.deepEqual(errors, [], 'no page or console errors');
});
