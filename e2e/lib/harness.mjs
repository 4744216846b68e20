// Shared set-up for the browser tests: a demo portfolio made by the real CLI,
// `throughline serve` on a free loopback port, and Debian's Chromium driven by
// playwright-core (no browser download).
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const BIN = process.env.THROUGHLINE_BIN ?? 'build/bin/throughline';
export const ART = process.env.ART ?? 'build/ci';

/** Makes a temporary folder that is removed by the returned cleanup. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `throughline demo` into a new file and returns its path. */
export function makeDemo(dir, scale = 'demo') {
  const db = join(dir, `${scale}.db`);
  execFileSync(BIN, ['demo', '--db', db, '--scale', scale], { stdio: 'pipe' });
  return db;
}

/** Starts `throughline serve` and resolves with its base URL once it listens. */
export function serve(db, home) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['serve', '--db', db, '--addr', '127.0.0.1:0'], {
      env: { ...process.env, THROUGHLINE_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 30000);
    child.stdout.on('data', (b) => {
      out += b;
      const m = out.match(/LISTENING (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => child.kill('SIGTERM'), stderr: () => err });
      }
    });
    child.stderr.on('data', (b) => { err += b; });
    child.on('exit', (code) => { clearTimeout(timer); if (!out.includes('LISTENING')) reject(new Error(`serve exited ${code}: ${err}`)); });
  });
}

/** Launches headless Chromium with the flags this closed network needs. */
export async function browser() {
  const profile = tempDir('chromium-');
  const ctx = await chromium.launchPersistentContext(profile.dir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return { ctx, close: async () => { await ctx.close(); profile.cleanup(); } };
}

/** Parses a displayed number such as "3,512". */
export function num(text) {
  const n = Number(String(text).replace(/[^\d.-]/g, ''));
  if (!Number.isFinite(n)) throw new Error(`not a number: ${text}`);
  return n;
}

/**
 * demoSession starts what every browser test needs — a demo portfolio made by the CLI,
 * `throughline serve` on it and Chromium — and returns it with a stop function.
 */
export async function demoSession() {
  const tmp = tempDir('throughline-e2e-');
  mkdirSync(ART, { recursive: true });
  const db = makeDemo(tmp.dir);
  const server = await serve(db, join(tmp.dir, 'home'));
  const chrome = await browser();
  return {
    tmp, server, chrome,
    stop: async () => { await chrome.close(); server.stop(); tmp.cleanup(); },
  };
}

/**
 * useDemoSession registers the test file's before and after hooks: a demoSession started before
 * the first test and stopped after the last. It returns a getter for the running session.
 */
export function useDemoSession() {
  let session;
  before(async () => { session = await demoSession(); });
  after(async () => { await session?.stop(); });
  return () => session;
}

/** openPage opens the app and collects page and console errors into the returned list. */
export async function openPage(session) {
  const page = await session.chrome.ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(session.server.url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  return { page, errors };
}

/** openImport goes to the Import screen by its navigation link and waits for it. */
export async function openImport(page) {
  await page.getByTestId('import-nav').click();
  await page.getByTestId('import-screen').waitFor();
}

/** previewsRead waits until no file card is busy: every preview (a dry run) has been read. */
export async function previewsRead(page, timeout = 30000) {
  await page.waitForFunction(() => document.querySelectorAll('.file-card[aria-busy="true"]').length === 0, null, { timeout });
}

/** addFile adds one file through the Import screen's file input, waits for its card and its preview, and returns the card. */
export async function addFile(page, path, timeout = 30000) {
  await page.getByTestId('import-file-input').setInputFiles([path]);
  const card = page.getByTestId('import-file-card');
  await card.waitFor({ timeout });
  await previewsRead(page, timeout);
  return card;
}

/** runReady waits until the Import button can be pressed. */
export async function runReady(page, timeout = 30000) {
  await page.waitForFunction(() => {
    const b = document.querySelector('[data-testid="import-run"]');
    return b instanceof HTMLButtonElement && !b.disabled;
  }, null, { timeout });
}

/** runImport presses Import once it can be pressed, waits for the report and returns its panel. */
export async function runImport(page) {
  await runReady(page);
  await page.getByTestId('import-run').click();
  const result = page.getByTestId('import-result');
  await result.waitFor({ timeout: 60000 });
  return result;
}

/** workItems reads the overview's Work items card once the overview is current. */
export async function workItems(page) {
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  return num(await page.getByTestId('card-items').locator('[data-card-part="value"]').innerText());
}

/** shot scrolls the panel holding an element to the top and saves the viewport, so the picture shows it in context. */
export async function shot(page, locator, name) {
  await locator.evaluate((el) => (el.closest('article, section.panel') ?? el).scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(ART, name) });
}
