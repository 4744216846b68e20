// Browser end-to-end for the in-file progress of an import: in Chromium against the real backend
// (`throughline serve`) on the demo portfolio, add a 60,000-row Jira CSV made here, import it and
// watch the run panel count the rows read (polling the DOM) before the report arrives; then add
// another such file, press Cancel while its rows are being read, and check the backend stored
// nothing of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ART, addFile, num, openImport, openPage, runReady, useDemoSession } from '../lib/harness.mjs';

const session = useDemoSession();

const ROWS = 60000;

/** bigJira writes a Jira-like CSV of ROWS new issues (project key `key`) and returns its path. */
function bigJira(dir, name, key) {
  const statuses = ['To Do', 'In Progress', 'Done'];
  const lines = ['Issue key,Issue Type,Summary,Status,Created'];
  for (let i = 1; i <= ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const minute = String(i % 60).padStart(2, '0');
    lines.push(`${key}-${i},${i % 5 === 0 ? 'Bug' : 'Story'},"Item ${i}, for Zoë",${statuses[i % 3]},${day}/Sep/26 9:${minute} AM`);
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}

/** addAndPreview adds a file and waits until its preview (a dry run) is read and the Import button is ready. */
async function addAndPreview(page, path) {
  await addFile(page, path, 60000);
  await runReady(page, 60000);
}

/** rowsShown reads the rows count of the run panel's progress line ("Reading x.csv — 25,000 of about 60,000 rows"), 0 when none. */
async function rowsShown(page) {
  const text = page.getByTestId('import-row-progress-text');
  if ((await text.count()) === 0) return { rows: 0, text: '' };
  const s = await text.innerText().catch(() => '');
  const m = s.match(/— ([\d,]+) (?:of about [\d,]+ )?rows?/);
  return { rows: m ? num(m[1]) : 0, text: s };
}

test('a large file: the run panel counts the rows read before the report arrives', async () => {
  const { tmp } = session();
  const { page, errors } = await openPage(session());
  await openImport(page);
  await addAndPreview(page, bigJira(tmp.dir, 'Portfolio – Jira 60k.csv', 'BIG'));
  assert.match(await page.getByTestId('import-file-card').innerText(), /60,000 rows/);

  await page.getByTestId('import-run').click();
  // Poll the DOM until the report is in; note every rows count shown before it.
  const seen = [];
  let shot = false;
  let storedShot = false;
  const result = page.getByTestId('import-result');
  for (const end = Date.now() + 120000; Date.now() < end; ) {
    if ((await result.count()) > 0) break;
    const { rows, text } = await rowsShown(page);
    if (rows > 0) {
      seen.push(rows);
      if (!shot) {
        const bar = page.getByTestId('import-row-progress');
        assert.equal(await bar.getAttribute('role'), 'progressbar');
        // A text file's bytes read give an estimate, so the bar is measured.
        assert.match(String(await bar.getAttribute('aria-valuenow')), /^\d+$/, `aria-valuenow while "${text}"`);
        assert.match(text, /^Reading Portfolio – Jira 60k\.csv — [\d,]+ of about [\d,]+ rows(, [\d,]+ items stored)?$/);
        await page.getByTestId('import-progress').evaluate((el) => el.closest('section, .panel, .run')?.scrollIntoView({ block: 'center' }));
        await page.screenshot({ path: join(ART, 'import-progress-rows.png') });
        shot = true;
      } else if (!storedShot && /items stored/.test(text)) {
        await page.screenshot({ path: join(ART, 'import-progress-stored.png') });
        storedShot = true;
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await result.waitFor({ timeout: 5000 });
  assert.ok(seen.length > 0 && seen[0] > 0, 'a rows count was shown before the report arrived');
  assert.ok(seen.every((n, i) => i === 0 || n >= seen[i - 1]), `the count never goes back: ${seen.join(' ')}`);
  assert.match(await result.innerText(), /1 file of 1 imported\./);
  assert.match(await result.innerText(), /Added 60,000 items/);
  await result.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(ART, 'import-progress-done.png') });
  assert.deepEqual(errors, [], 'no page or console errors (the progress polls answer 200)');
});

test('Cancel while a large file is read: nothing of it is stored', async () => {
  const { server, tmp } = session();
  const { page, errors } = await openPage(session());
  let token = '';
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/api/import' && u.searchParams.get('dryRun') === 'false') token = u.searchParams.get('progress') ?? '';
  });
  await openImport(page);
  const name = 'Cancelled – Jira 60k.csv';
  await addAndPreview(page, bigJira(tmp.dir, name, 'CAN'));

  await page.getByTestId('import-run').click();
  for (const end = Date.now() + 60000; (await rowsShown(page)).rows === 0; ) {
    assert.ok(Date.now() < end, 'rows are shown being read');
    await new Promise((r) => setTimeout(r, 50));
  }
  await page.getByTestId('import-cancel').click();
  const result = page.getByTestId('import-result');
  await result.waitFor({ timeout: 30000 });
  assert.match(await result.innerText(), /Import cancelled/);
  assert.match(await result.innerText(), /Stopped by Cancel while it was being imported/);

  // The backend notices the request went away, stops reading and rolls the file back; its
  // progress then says done. Only then is the history final.
  assert.match(token, /^[\w-]{8,64}$/, 'the real import carried a progress token');
  for (const end = Date.now() + 60000; ; ) {
    const { progress } = await (await page.request.get(`${server.url}/api/import/progress/${token}`)).json();
    if (progress?.stage === 'done') break;
    assert.ok(Date.now() < end, `the cancelled import ends on the server (last: ${JSON.stringify(progress)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const history = await (await page.request.get(`${server.url}/api/imports`)).json();
  assert.equal(history.imports.filter((b) => b.fileName === name).length, 0, 'no batch of the cancelled file');
  await result.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(ART, 'import-progress-cancelled.png') });
  assert.deepEqual(errors, [], 'no page or console errors');
});
