// Helpers for the end-to-end tests: elements by data-testid, waiting assertions that say what
// the user would have seen, sign-in, and test data made through the public API.
//
// playwright-core has no `expect`; these helpers wait with Playwright's own waiting
// (locator.waitFor, page.waitForFunction) up to the page's default timeout, never with sleeps.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built console the server serves: $SAHAYAK_WEB_ROOT, else web/dist. */
export const DIST = path.resolve(process.env.SAHAYAK_WEB_ROOT || path.join(REPO, 'web', 'dist'));

export const ADMIN_EMAIL = 'admin@demo.sahayak.local';
export const DEMO_PASSWORD = 'sahayak-demo';

export class UserVisibleFailure extends Error {}

/** Fails the test with a sentence about what the user would have seen. */
export function fail(message) {
  throw new UserVisibleFailure(message);
}

/** The element(s) carrying data-testid="name" (optionally within another locator). */
export function tid(scope, name) {
  return scope.locator(`[data-testid="${name}"]`);
}

/** A short description of what is on the page now, for failure messages. */
export async function pageSummary(page) {
  try {
    const heading = (await page.locator('h1').first().innerText({ timeout: 1000 })).trim();
    return `the page was ${new URL(page.url()).pathname} with the heading "${heading}"`;
  } catch {
    return `the page was ${page.url()} (no heading)`;
  }
}

/** Waits until the element is visible; otherwise fails with `what` ("the sign-in button"). */
export async function visible(page, locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible' });
  } catch {
    fail(`${what} never appeared; ${await pageSummary(page)}`);
  }
  return locator.first();
}

/** Like visible() for an element that may legitimately be absent: true when it is there. */
export async function present(locator) {
  return (await locator.count()) > 0;
}

/** Waits until the URL's path matches `re`. */
export async function atPath(page, re, what) {
  try {
    await page.waitForURL((url) => re.test(url.pathname));
  } catch {
    fail(`${what}: expected to be at ${re}, but ${await pageSummary(page)}`);
  }
}

/** Waits until one of the elements shows text matching `re`; the failure quotes what was shown. */
export async function textMatches(page, locator, re, what) {
  await visible(page, locator, what);
  try {
    await locator.filter({ hasText: re }).first().waitFor({ state: 'visible' });
  } catch {
    const shown = ((await locator.first().textContent().catch(() => '')) ?? '').trim().slice(0, 200);
    fail(`${what} showed "${shown}", which does not match ${re}`);
  }
}

/** The CSS selector of data-testid="name", plus `more` (e.g. '[data-view="mine"]'). */
export function sel(name, more = '') {
  return `[data-testid="${name}"]${more}`;
}

/** Waits until the first form control matching `selector` has the value `value`. */
export async function hasValue(page, selector, value, what) {
  await visible(page, page.locator(selector), what);
  try {
    await page.waitForFunction(
      ([s, v]) => document.querySelector(s)?.value === v,
      [selector, String(value)],
    );
  } catch {
    const now = await page.locator(selector).first().inputValue().catch(() => '?');
    fail(`${what} shows the value "${now}", expected "${value}"`);
  }
}

/** Waits until at least `min` elements match the CSS `selector`; returns how many there are. */
export async function atLeast(page, selector, min, what) {
  await visible(page, page.locator(selector), what);
  try {
    await page.waitForFunction(([s, n]) => document.querySelectorAll(s).length >= n, [selector, min]);
  } catch {
    fail(`expected at least ${min} of ${what}, saw ${await page.locator(selector).count()}`);
  }
  return page.locator(selector).count();
}

/** The selected option's visible text of a <select>. */
export async function selectedText(locator) {
  return locator.evaluate((el) => el.selectedOptions[0]?.textContent?.trim() ?? '');
}

/**
 * Signs in through the sign-in page (which the test opens) and waits for the inbox. With
 * `landing` the page is opened at that path first and sign-in brings the agent back there.
 */
export async function signIn(page, { email = ADMIN_EMAIL, password = DEMO_PASSWORD, landing = '/' } = {}) {
  await page.goto(landing);
  await atPath(page, /^\/login$/, 'opening the console without a session should ask for sign-in');
  await (await visible(page, tid(page, 'login-email'), 'the e-mail field on the sign-in page')).fill(email);
  await tid(page, 'login-password').fill(password);
  await tid(page, 'login-submit').click();
  try {
    await page.waitForURL((url) => url.pathname !== '/login');
  } catch {
    const err = await tid(page, 'login-error').textContent().catch(() => null);
    fail(`signing in as ${email} did not leave the sign-in page${err ? ` (it said "${err.trim()}")` : ''}`);
  }
}

/**
 * An API session in the test's browser context (same cookies as the page), for test data the
 * flow under test does not cover. Returns { post, patch, get } that send the CSRF token.
 */
export async function apiSession(context, email = ADMIN_EMAIL, password = DEMO_PASSWORD) {
  const r = await context.request.post('/api/v1/auth/login', { data: { email, password } });
  if (r.status() !== 200) {
    throw new Error(`setup: API sign-in as ${email} gave ${r.status()}: ${await r.text()}`);
  }
  const { csrf_token: csrf, agent } = await r.json();
  const send = async (method, path, data) => {
    const res = await context.request.fetch(path, {
      method,
      data,
      headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' },
    });
    const body = res.headers()['content-type']?.includes('json') ? await res.json() : await res.text();
    if (res.status() >= 300) {
      throw new Error(`setup: ${method} ${path} gave ${res.status()}: ${JSON.stringify(body)}`);
    }
    return body;
  };
  return {
    agent,
    get: (path) => send('GET', path),
    post: (path, data) => send('POST', path, data),
    patch: (path, data) => send('PATCH', path, data),
  };
}

let counter = 0;
/** A short token that makes this run's texts unique. */
export function unique(prefix) {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}${counter}`;
}

/** Creates an unassigned open ticket through the API; returns its JSON. */
export async function createTicket(api, subject) {
  return api.post('/api/v1/tickets', {
    subject,
    message: { body: `${subject}: where is my parcel? AWB SHY123456789IN` },
    requester: { email: `${unique('e2e').toLowerCase()}@example.in`, name: 'Ravi Kumar' },
  });
}
