#!/usr/bin/env node
// bench/console_load.mjs: what the agent console costs a browser. Figures, not tests.
//
//   node bench/console_load.mjs [--base http://127.0.0.1:PORT] [--runs 10] [--md FILE]
//
// 1. Size of web/dist, gzipped as the wire would carry it: all JavaScript (beside the 300 KB
//    budget), CSS and fonts, and the JavaScript the first screens really load (sign-in page,
//    inbox), read from what Chromium fetched.
// 2. Time from navigation start to a usable inbox with 1,000,000 tickets, in Debian's
//    Chromium (playwright-core): N cold navigations (a fresh browser context each, so nothing
//    is cached; the session cookie is carried over) to /views/mine and /views/unassigned until
//    the first ticket row and the view counts are shown, and N warm ones (a reload in the same
//    context). Beside them, the ceiling from the same server in the same run: the same
//    navigation to a static file (/favicon.svg).
//
// Without --base it serves a data folder itself: $BENCH_CONSOLE_DATA (default
// build/console-bench-data, kept between runs), seeded with $BENCH_TICKETS (default 1,000,000)
// demo tickets the first time (~90 s). bench/run.sh passes --base with its own server.
// Signs in as a demo agent with tickets of her own ($BENCH_AGENT, default Kavya Bhat).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.SAHAYAK_WEB_ROOT || path.join(ROOT, 'web/dist'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SAHAYAK = path.resolve(process.env.SAHAYAK_BIN || path.join(ROOT, 'build/release/sahayak'));
const AGENT = process.env.BENCH_AGENT || 'kavya.bhat@demo.sahayak.local';
const PASSWORD = 'sahayak-demo';
const BUDGET_KB = 300;
// The contract's test ids; the class names are what the first console had.
const ROW = '[data-testid="ticket-row"], .ticket-table tbody tr';
const COUNT = '[data-testid="view-count"], .view-count';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
let base = opt('--base', null);
const RUNS = Number(opt('--runs', process.env.BENCH_CONSOLE_RUNS || 10));
const MD = opt('--md', path.join(ROOT, 'bench/out/console.md'));

for (const [what, p] of [['chromium', CHROMIUM], ['the built console (scripts/build-web)', path.join(DIST, 'index.html')]]) {
  if (!existsSync(p)) {
    console.error(`console_load: ${what} is missing: ${p}`);
    process.exit(1);
  }
}
const require = createRequire(path.join(ROOT, 'web/package.json'));
const { chromium } = require('playwright-core');

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const ms = (x) => `${x.toFixed(0)} ms`;
const lines = [];
const say = (s = '') => {
  console.log(s);
  lines.push(s);
};

// --- 1. sizes -----------------------------------------------------------------------------
const assets = path.join(DIST, 'assets');
const files = readdirSync(assets);
const sum = (pred, f) => files.filter(pred).reduce((n, name) => n + f(path.join(assets, name)), 0);
const jsGz = sum((f) => f.endsWith('.js'), gz);
const jsRaw = sum((f) => f.endsWith('.js'), (p) => statSync(p).size);
const cssGz = sum((f) => f.endsWith('.css'), gz);
const fontRaw = sum((f) => /\.woff2?$/.test(f), (p) => statSync(p).size);
const fontCount = files.filter((f) => /\.woff2?$/.test(f)).length;
const gzOf = (urls) => [...new Set(urls)].reduce((n, u) => {
  const p = path.join(DIST, new URL(u).pathname);
  return n + (existsSync(p) ? gz(p) : 0);
}, 0);

// --- server (unless --base) -----------------------------------------------------------------
let server = null;
let work = null;
async function serveOwn() {
  const data = path.resolve(process.env.BENCH_CONSOLE_DATA || path.join(ROOT, 'build/console-bench-data'));
  const tickets = process.env.BENCH_TICKETS || '1000000';
  const run = (...a) => {
    const r = spawnSync(SAHAYAK, ['--data', data, ...a], { stdio: 'inherit', timeout: 3_600_000 });
    if (r.status !== 0) throw new Error(`sahayak ${a.join(' ')} failed`);
  };
  if (!existsSync(path.join(data, 'sahayak.db'))) {
    mkdirSync(data, { recursive: true });
    run('migrate');
    console.log(`console_load: seeding ${tickets} demo tickets into ${data} (kept for the next run)`);
    const t0 = Date.now();
    run('seed-demo', '--tickets', tickets, '--seed', '42');
    console.log(`console_load: seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } else {
    run('migrate'); // the folder may predate the binary's migrations
  }
  work = mkdtempSync(path.join(tmpdir(), 'sahayak-console-bench-'));
  const portFile = path.join(work, 'port');
  const log = openSync(path.join(work, 'server.log'), 'w');
  server = spawn(SAHAYAK, ['--data', data, 'serve', '--listen', '127.0.0.1:0', '--port-file', portFile], {
    stdio: ['ignore', log, log],
    env: { ...process.env, SAHAYAK_WEB_ROOT: DIST, SAHAYAK_RATE_LIMIT_PER_MINUTE: '0' },
  });
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited: ${readFileSync(path.join(work, 'server.log'), 'utf8').slice(-2000)}`);
    if (existsSync(portFile) && readFileSync(portFile, 'utf8').trim()) {
      const url = `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}`;
      if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) return url;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not become ready in 60 s');
}
function stopOwn() {
  if (server && server.exitCode === null) server.kill('SIGTERM');
  if (work) rmSync(work, { recursive: true, force: true });
}
process.on('SIGINT', () => {
  stopOwn();
  process.exit(130);
});

// --- 2. navigation timing -----------------------------------------------------------------
async function usableAt(page, url) {
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  // Resolved in the page at the first frame where a ticket row and the view counts are shown;
  // performance.now() counts from the navigation's start.
  const handle = await page.waitForFunction(
    ([row, count]) => {
      const shown = (el) => el && el.getClientRects().length > 0;
      const counts = [...document.querySelectorAll(count)].filter((el) => /\d/.test(el.textContent ?? ''));
      return shown(document.querySelector(row)) && counts.some(shown) ? performance.now() : false;
    },
    [ROW, COUNT],
    { polling: 'raf', timeout: 60_000 },
  );
  return { page: await handle.jsonValue(), wall: Date.now() - t0 };
}

async function staticAt(page, url) {
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  const inPage = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
  return { page: inPage, wall: Date.now() - t0 };
}

let browser = null;
let exit = 0;
try {
  if (!base) base = await serveOwn();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run'],
  });
  const newContext = (storageState) => browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 }, storageState });

  // What the sign-in page and the inbox load.
  const probe = await newContext();
  const loaded = [];
  probe.on('requestfinished', (r) => {
    if (new URL(r.url()).pathname.endsWith('.js')) loaded.push(r.url());
  });
  const p0 = await probe.newPage();
  await p0.goto('/login', { waitUntil: 'networkidle' });
  const loginJs = [...loaded];
  const login = await probe.request.post('/api/v1/auth/login', { data: { email: AGENT, password: PASSWORD } });
  if (login.status() !== 200) throw new Error(`sign-in as ${AGENT} gave ${login.status()}`);
  const state = await probe.storageState();
  loaded.length = 0;
  const p1 = await probe.newPage();
  await p1.goto('/views/mine', { waitUntil: 'commit' });
  await p1.waitForSelector(ROW, { timeout: 60_000 });
  await p1.waitForLoadState('networkidle');
  const inboxJs = [...loaded];
  await probe.close();

  say(`## Console (bench/console_load.mjs), ${new Date().toISOString().slice(0, 16)}Z`);
  say();
  say(`Server ${base}; Chromium ${browser.version()} headless; signed in as ${AGENT}; ${RUNS} runs each.`);
  say();
  say('| shipped (web/dist/assets) | size | budget |');
  say('| --- | --- | --- |');
  say(`| JavaScript, all chunks, gzipped | ${kb(jsGz)} (${kb(jsRaw)} raw, ${files.filter((f) => f.endsWith('.js')).length} files) | ${BUDGET_KB} KB: ${jsGz / 1024 <= BUDGET_KB ? 'within' : 'OVER'} |`);
  say(`| JavaScript the sign-in page loads, gzipped | ${kb(gzOf(loginJs))} (${new Set(loginJs).size} files) | |`);
  say(`| JavaScript the inbox loads (cold, signed in), gzipped | ${kb(gzOf(inboxJs))} (${new Set(inboxJs).size} files) | |`);
  say(`| CSS, gzipped | ${kb(cssGz)} | |`);
  say(`| fonts (woff2, already compressed) | ${kb(fontRaw)} in ${fontCount} files; a page fetches only the faces of the writing systems it shows | |`);
  say();

  const series = [];
  for (const view of ['mine', 'unassigned']) {
    const cold = [];
    const warm = [];
    for (let i = 0; i < RUNS; i++) {
      const ctx = await newContext(state);
      const page = await ctx.newPage();
      cold.push(await usableAt(page, `/views/${view}`));
      warm.push(await usableAt(page, `/views/${view}`)); // again: the scripts are cached now
      await ctx.close();
    }
    series.push({ name: `/views/${view}, cold (fresh context)`, xs: cold });
    series.push({ name: `/views/${view}, warm (same context)`, xs: warm });
  }
  // Switching views inside the console, as agents do all day: from a click on a view in the
  // left column until the new view's first row is on screen (the two views share no ticket).
  {
    const ctx = await newContext(state);
    const page = await ctx.newPage();
    await usableAt(page, '/views/mine');
    const switches = [];
    for (let i = 0; i < RUNS * 2; i++) {
      const to = i % 2 === 0 ? 'unassigned' : 'mine';
      const took = await page.evaluate(([view, row]) => new Promise((resolve) => {
        const before = document.querySelector(row)?.getAttribute('data-ticket-id') ?? null;
        const link = document.querySelector(`[data-testid="view-link"][data-view="${view}"]`);
        const t0 = performance.now();
        link.click();
        const poll = () => {
          const first = document.querySelector(row);
          const id = first?.getAttribute('data-ticket-id') ?? null;
          if (location.pathname === `/views/${view}` && id !== null && id !== before) resolve(performance.now() - t0);
          else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      }), [to, '[data-testid="ticket-row"]']);
      switches.push({ page: took, wall: took });
    }
    await ctx.close();
    series.push({ name: 'switching view in the console (click → new rows shown)', xs: switches });
  }
  const ceilingCold = [];
  const ceilingWarm = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await newContext(state);
    const page = await ctx.newPage();
    ceilingCold.push(await staticAt(page, '/favicon.svg'));
    ceilingWarm.push(await staticAt(page, '/favicon.svg'));
    await ctx.close();
  }
  series.push({ name: 'ceiling: /favicon.svg, cold', xs: ceilingCold });
  series.push({ name: 'ceiling: /favicon.svg, warm', xs: ceilingWarm });

  // Where a cold navigation's time goes: the slowest requests of one more run.
  const ctx = await newContext(state);
  const page = await ctx.newPage();
  const one = await usableAt(page, '/views/unassigned');
  const firstApi = await page.evaluate(() => Math.min(...performance.getEntriesByType('resource')
    .filter((r) => new URL(r.name).pathname.startsWith('/api/')).map((r) => r.startTime)));
  const slow = await page.evaluate((at) => performance.getEntriesByType('resource')
    .filter((r) => r.startTime < at)
    .map((r) => ({ path: new URL(r.name).pathname + new URL(r.name).search, start: r.startTime, end: r.responseEnd }))
    .sort((a, b) => (b.end - b.start) - (a.end - a.start))
    .slice(0, 6), one.page);
  await ctx.close();

  say('| navigation until the first ticket row and the view counts are shown | median | p95 | wall-clock median | wall-clock p95 |');
  say('| --- | --- | --- | --- | --- |');
  for (const s of series) {
    const inPage = s.xs.map((x) => x.page).filter((x) => Number.isFinite(x));
    const wall = s.xs.map((x) => x.wall);
    say(`| ${s.name} | ${ms(quantile(inPage, 0.5))} | ${ms(quantile(inPage, 0.95))} | ${ms(quantile(wall, 0.5))} | ${ms(quantile(wall, 0.95))} |`);
  }
  say();
  say(`One more cold /views/unassigned (usable at ${ms(one.page)}; its first API request started at ${ms(firstApi)}, after the scripts loaded and ran): its slowest requests, start → end in ms from navigation start: `
    + slow.map((r) => `\`${r.path.length > 70 ? `${r.path.slice(0, 67)}...` : r.path}\` ${r.start.toFixed(0)} → ${r.end.toFixed(0)}`).join('; ') + '.');
  say();
  say(`Load average (1/5/15 min) at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')} on this machine's CPUs, shared with the browser and the server.`);
  say();
  say('"median"/"p95": performance.now() in the page, from the navigation\'s start; wall-clock: around page.goto + the wait, as the test driver sees it.');
  mkdirSync(path.dirname(MD), { recursive: true });
  writeFileSync(MD, `${lines.join('\n')}\n`);
  console.log(`\n(written to ${MD})`);
} catch (e) {
  console.error(`console_load: ${e?.stack || e}`);
  exit = 1;
} finally {
  if (browser) await browser.close().catch(() => {});
  stopOwn();
}
process.exit(exit);
