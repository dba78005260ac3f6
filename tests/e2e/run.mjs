#!/usr/bin/env node
// End-to-end tests of the agent console in Debian's Chromium, driven by playwright-core.
//
//   node tests/e2e/run.mjs [path/to/sahayak] [-k SUBSTRING]
//
// Starts the server on 127.0.0.1 (a free port) with a fresh temp data folder seeded with the
// demo business (300 tickets) and web/dist as its web root, runs every test of tests.mjs in a
// fresh browser context, prints one line per test and a last line "N passed, N failed", and
// saves screenshots of the main screens in $SAHAYAK_TEST_OUT/e2e (default
// build/test-output/e2e). Exit code 0 only when nothing failed. Without /usr/bin/chromium
// (or $CHROMIUM) every test is skipped, saying so. No browser is ever downloaded.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tests as coreTests } from './tests.mjs';
import { tests as mailTests } from './mail_display.mjs';
import { tests as mailboxTests } from './mailboxes_admin.mjs';
import { tests as searchTests } from './search.mjs';
import { tests as kbTests } from './kb.mjs';
import { tests as consolePortalTests } from './console_portal.mjs';
import { tests as webFormTests } from './web_form.mjs';
import { tests as portalTests } from './portal.mjs';
import { tests as helpTests } from './help_centre.mjs';
import { tests as deliveryTests } from './delivery.mjs';
import { tests as importTests } from './imports.mjs';
import { tests as reportTests } from './reports.mjs';
import { tests as carrierTests } from './carriers.mjs';
import { tests as chatTests } from './chat.mjs';
import { tests as macroTests } from './macros.mjs';
import { tests as slaTests } from './sla.mjs';
import { tests as ruleTests } from './rules.mjs';
import { DIST, REPO, UserVisibleFailure } from './lib.mjs';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TEST_TIMEOUT_MS = 90_000; // a hung test fails instead of hanging the suite
const ACTION_TIMEOUT_MS = 15_000; // how long an element may take to appear (2 shared cores)

// --- arguments ----------------------------------------------------------------------------
const args = process.argv.slice(2);
let filter = null;
let binary = process.env.SAHAYAK_BIN || null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '-k') filter = args[++i];
  else if (args[i] === '-h' || args[i] === '--help') {
    console.log('usage: node tests/e2e/run.mjs [path/to/sahayak] [-k SUBSTRING]');
    process.exit(0);
  } else binary = args[i];
}
binary = path.resolve(binary || path.join(REPO, 'build/release/sahayak'));
const OUT = process.env.SAHAYAK_TEST_OUT
  ? path.join(path.resolve(process.env.SAHAYAK_TEST_OUT), 'e2e')
  : path.join(REPO, 'build/test-output/e2e');
const tests = [...coreTests, ...mailTests, ...mailboxTests, ...searchTests, ...kbTests, ...consolePortalTests, ...webFormTests, ...portalTests, ...helpTests, ...deliveryTests, ...importTests, ...reportTests, ...carrierTests, ...chatTests, ...macroTests, ...slaTests, ...ruleTests];
const selected = tests.filter((t) => !filter || t.name.includes(filter));

if (!selected.length) {
  console.log(`e2e: no test name contains "${filter}"`);
  console.log('0 passed, 1 failed');
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.log(`e2e: skipped: ${CHROMIUM} is missing (scripts/install-deps installs Debian's chromium)`);
  console.log(`0 passed, 0 failed, ${selected.length} skipped`);
  process.exit(0);
}
for (const [what, p] of [['the server binary', binary], ['the built console (scripts/build-web)', path.join(DIST, 'index.html')]]) {
  if (!existsSync(p)) {
    console.log(`e2e: ${what} is missing: ${p}`);
    console.log(`0 passed, 1 failed`);
    process.exit(1);
  }
}

let chromium;
try {
  ({ chromium } = createRequire(path.join(REPO, 'web', 'package.json'))('playwright-core'));
} catch {
  console.log('e2e: playwright-core is not installed in web/node_modules (scripts/build-web runs npm ci)');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// --- server -------------------------------------------------------------------------------
const work = mkdtempSync(path.join(tmpdir(), 'sahayak-e2e-'));
const data = path.join(work, 'data');
mkdirSync(OUT, { recursive: true });
for (const f of readdirSync(OUT)) {
  if (f.endsWith('.png') || f === 'report.json') rmSync(path.join(OUT, f)); // a previous run's
}
const serverLog = path.join(OUT, 'server.log');
let server = null;

function cli(...rest) {
  const r = spawnSync(binary, ['--data', data, ...rest], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) {
    throw new Error(`sahayak ${rest.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
}

async function startServer() {
  mkdirSync(data, { recursive: true });
  cli('migrate');
  cli('seed-demo', '--tickets', '300');
  const portFile = path.join(work, 'port');
  const log = openSync(serverLog, 'w');
  server = spawn(binary, ['--data', data, 'serve', '--listen', '127.0.0.1:0', '--port-file', portFile], {
    stdio: ['ignore', log, log],
    // Deflection attempts count at once instead of after 30 minutes (help_centre.mjs).
    env: { ...process.env, SAHAYAK_WEB_ROOT: DIST, SAHAYAK_RATE_LIMIT_PER_MINUTE: '0', SAHAYAK_DEFLECTION_SETTLE_SECONDS: '0' },
  });
  const exited = new Promise((resolve) => server.once('exit', (code, sig) => resolve(code ?? sig)));
  const deadline = Date.now() + 30_000;
  let base = null;
  while (Date.now() < deadline) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 50))]);
    if (code !== undefined) {
      throw new Error(`the server exited (${code}) while starting:\n${tail(serverLog)}`);
    }
    if (!base && existsSync(portFile)) {
      const port = readFileSync(portFile, 'utf8').trim();
      if (port) base = `http://127.0.0.1:${port}`;
    }
    if (base) {
      const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
      if (ok) return base;
    }
  }
  throw new Error(`the server was not ready after 30 s:\n${tail(serverLog)}`);
}

function tail(file, n = 3000) {
  try {
    return readFileSync(file, 'utf8').slice(-n);
  } catch {
    return '(no log)';
  }
}

async function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    const gone = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  }
  if (process.env.SAHAYAK_KEEP_DATA !== '1') rmSync(work, { recursive: true, force: true });
}

// Interrupted (Ctrl-C, a CI timeout): the server goes too.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  });
}

// --- tests --------------------------------------------------------------------------------
async function runOne(browser, base, test) {
  const context = await browser.newContext({
    baseURL: base,
    viewport: test.viewport ?? { width: 1280, height: 800 },
    locale: 'en-IN',
    timezoneId: 'Asia/Kolkata',
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS * 2);
  const origin = new URL(base).origin;
  // The server, and local origins a test serves itself (t.allowOrigin: a shop embedding a form).
  const allowed = new Set([origin]);
  const requests = [];
  const foreign = [];
  context.on('request', (r) => {
    const url = r.url();
    requests.push(url);
    if (!url.startsWith('data:') && !url.startsWith('blob:') && !allowed.has(new URL(url).origin)) {
      foreign.push(url);
    }
  });
  // Nothing may leave the machine: a request elsewhere is refused (and reported below).
  await context.route((url) => !allowed.has(url.origin), (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const shots = [];
  const extraContexts = [];
  const t = {
    page,
    context,
    base,
    requests,
    /** The server's data folder (its SQLite database is sahayak.db there). */
    dataDir: data,
    /** Saves a screenshot of the page as OUT/<name>.png. */
    async screenshot(name) {
      const file = path.join(OUT, `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      shots.push(file);
    },
    /** Runs `sahayak --data <the server's folder> ...args` with `input` on stdin: { status, stdout, stderr }. */
    cli: (args, input = '') => spawnSync(binary, ['--data', data, ...args], { input, encoding: 'utf8', timeout: 60_000 }),
    /** Lets the page load from `o` too: an http://127.0.0.1:PORT origin the test serves itself. */
    allowOrigin(o) {
      if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(o)) throw new Error(`allowOrigin: ${o} is not a local origin`);
      allowed.add(o);
    },
    /** Opens a new page in the same context (same session). */
    newPage: () => context.newPage(),
    /** A second browser context on the same server (another agent's browser); closed after the test. */
    async newContext() {
      const other = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 }, locale: 'en-IN' });
      other.setDefaultTimeout(ACTION_TIMEOUT_MS);
      await other.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
      extraContexts.push(other);
      return other;
    },
  };
  let error = null;
  let timer;
  try {
    await Promise.race([
      test.run(t),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new UserVisibleFailure(`the test did not finish within ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS);
      }),
    ]);
  } catch (e) {
    error = e;
  } finally {
    clearTimeout(timer);
  }
  // Whatever the test checked: nothing from elsewhere, no uncaught error.
  const extra = [];
  if (foreign.length) extra.push(`the page tried to load from another origin than the server: ${[...new Set(foreign)].join(', ')}`);
  if (pageErrors.length) extra.push(`the page threw an uncaught error: ${pageErrors[0]}`);
  if (extra.length) {
    const first = error ? [describe(error)] : [];
    error = new UserVisibleFailure([...first, ...extra].join('\n      '));
  }
  if (error) {
    const file = path.join(OUT, `FAILED-${test.name.replace(/[^a-z0-9]+/gi, '-')}.png`);
    await page.screenshot({ path: file }).then(() => shots.push(file), () => {});
  }
  for (const other of extraContexts) await other.close().catch(() => {});
  await context.close().catch(() => {});
  return { error, shots, pageErrors };
}

function describe(error) {
  if (error instanceof UserVisibleFailure) return error.message;
  // Playwright's own errors carry a long call log; the first lines say what went wrong.
  return String(error?.stack || error).split('\n').slice(0, 6).join('\n      ');
}

let passed = 0;
let failed = 0;
let browser = null;
let exitCode = 1;
try {
  const base = await startServer();
  console.log(`e2e: server ${base} (data ${data}), ${selected.length} tests, chromium ${CHROMIUM}`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run'],
  });
  const report = [];
  for (const test of selected) {
    const t0 = Date.now();
    const { error, shots } = await runOne(browser, base, test);
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (error) {
      failed += 1;
      console.log(`FAIL  ${test.name} (${secs} s)\n      ${describe(error)}`);
    } else {
      passed += 1;
      console.log(`ok    ${test.name} (${secs} s)`);
    }
    report.push({ name: test.name, ok: !error, error: error ? describe(error) : null, shots });
    if (server.exitCode !== null || server.signalCode !== null) {
      console.log(`e2e: the server stopped (${server.exitCode ?? server.signalCode}) during "${test.name}":\n${tail(serverLog)}`);
      failed += Math.max(1, selected.length - report.length); // the rest cannot run
      break;
    }
  }
  writeFileSync(path.join(OUT, 'report.json'), JSON.stringify(report, null, 2));
  console.log(`e2e: screenshots and the server log are in ${OUT}`);
  exitCode = failed ? 1 : 0;
} catch (e) {
  failed += 1;
  console.log(`FAIL  setting up the end-to-end run\n      ${e instanceof UserVisibleFailure ? e.message : String(e?.message ?? e)}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  await stopServer();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
