// The end-to-end flows of the agent console, each as a user would check it: what the page
// shows, and what is still there after a reload. Elements are found by their data-testid (the
// contract in tests/e2e/README.md). Every test gets a fresh browser context (no cookies, no
// localStorage) on the same server with the demo business.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ADMIN_EMAIL,
  DEMO_PASSWORD,
  DIST,
  apiSession,
  atLeast,
  atPath,
  createTicket,
  fail,
  hasValue,
  present,
  sel,
  selectedText,
  signIn,
  textMatches,
  tid,
  unique,
  visible,
} from './lib.mjs';
import { tests as shipmentTests } from './shipments.mjs';

const DEVANAGARI = /[\u0900-\u097F]/;
const KANNADA = /[\u0C80-\u0CFF]/;
const LANGUAGE_AGENT = 'deepak.verma@demo.sahayak.local';
const KAVYA_EMAIL = 'kavya.bhat@demo.sahayak.local';

/** The first option of a <select> whose value is not empty, not "none" and not `current`. */
async function otherOption(select, current) {
  // The list is shown before its options (agents, groups) have loaded: give them 5 s.
  let choice;
  for (let i = 0; i < 50 && !choice; i += 1) {
    if (i > 0) await new Promise((done) => setTimeout(done, 100));
    const options = await select.locator('option').evaluateAll((els) =>
      els.map((o) => ({ value: o.value, text: (o.textContent ?? '').trim() })),
    );
    choice = options.find((o) => o.value !== '' && o.value !== 'none' && o.value !== String(current ?? ''));
  }
  if (!choice) fail(`the list ${await select.getAttribute('data-testid')} offered nothing to choose`);
  return choice;
}

/** Waits for the PATCH of ticket `id` that `action` causes; fails when the server refused it. */
async function patchOf(page, id, action, what) {
  const response = page.waitForResponse(
    (r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname === `/api/v1/tickets/${id}`,
  );
  await action();
  let r;
  try {
    r = await response;
  } catch {
    fail(`${what}: the console never sent the change to the server`);
  }
  if (!r.ok()) fail(`${what}: the server refused the change (${r.status()})`);
}

/** Opens a ticket page and waits until its reply box is there. */
async function openTicket(page, id) {
  await page.goto(`/tickets/${id}`);
  await visible(page, tid(page, 'reply-body'), `the reply box of ticket ${id}`);
}

/** Sends a reply or note from the ticket page and waits for it in the timeline. */
async function sendReply(page, mode, text) {
  const modeControl = tid(page, mode === 'public' ? 'reply-mode-public' : 'reply-mode-note');
  await (await visible(page, modeControl, `the "${mode}" choice of the reply box`)).click();
  await tid(page, 'reply-body').fill(text);
  const posted = page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/api\/v1\/tickets\/\d+\/messages$/.test(new URL(r.url()).pathname),
  );
  await tid(page, 'reply-send').click();
  const r = await posted.catch(() => null);
  if (!r) fail(`pressing send did not send the ${mode} message`);
  if (!r.ok()) fail(`the server refused the ${mode} message (${r.status()})`);
  await textMatches(page, tid(page, 'timeline-message'), new RegExp(escape(text)), `the ${mode} message in the timeline`);
}

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The timeline message showing `text`, and its data-public. */
async function messageVisibility(page, text, what) {
  const message = tid(page, 'timeline-message').filter({ hasText: text });
  await visible(page, message, what);
  return message.first().getAttribute('data-public');
}

export const tests = [
  {
    name: 'sign-in: a wrong password shows an error, the right one opens the inbox',
    async run({ page, screenshot }) {
      await page.goto('/');
      await atPath(page, /^\/login$/, 'opening / without a session');
      await visible(page, tid(page, 'login-email'), 'the e-mail field');
      await visible(page, tid(page, 'remember-me'), 'the "remember me" box');
      await screenshot('login');
      await tid(page, 'login-email').fill(ADMIN_EMAIL);
      await tid(page, 'login-password').fill('not-the-password');
      await tid(page, 'login-submit').click();
      await textMatches(page, tid(page, 'login-error'), /password is wrong/i, 'the error after a wrong password');
      if (new URL(page.url()).pathname !== '/login') fail('a wrong password let the agent in');
      await tid(page, 'login-password').fill(DEMO_PASSWORD);
      await tid(page, 'login-submit').click();
      await atPath(page, /^\/views\/mine$/, 'after signing in');
      await visible(page, tid(page, 'view-link'), 'the list of views');
    },
  },
  {
    name: 'inbox: a view shows its count and its tickets, and a ticket opens from it',
    async run({ page, screenshot }) {
      await signIn(page);
      const view = page.locator(sel('view-link', '[data-view="unassigned"]'));
      await (await visible(page, view, 'the "Unassigned" view in the left column')).click();
      await atPath(page, /^\/views\/unassigned$/, 'clicking the Unassigned view');
      await textMatches(page, view.locator(sel('view-count')), /\d/, 'the count badge of the Unassigned view');
      const rows = await atLeast(page, sel('ticket-row'), 1, 'ticket rows in the Unassigned view');
      if (rows < 1) fail('the Unassigned view shows no tickets');
      await screenshot('inbox');
      const firstRow = tid(page, 'ticket-row').first();
      const id = await firstRow.getAttribute('data-ticket-id');
      const subject = (await tid(firstRow, 'ticket-link').innerText()).trim();
      await tid(firstRow, 'ticket-link').click();
      await atPath(page, new RegExp(`^/tickets/${id}$`), `clicking ticket ${id} in the list`);
      await textMatches(page, page.locator('h1'), new RegExp(escape(subject.slice(0, 40))), 'the ticket page heading');
    },
  },
  {
    name: 'ticket: a public reply and an internal note appear in the timeline and stay after reload',
    async run({ page, context, screenshot }) {
      const api = await apiSession(context);
      const ticket = await createTicket(api, unique('Parcel not delivered'));
      await openTicket(page, ticket.id);
      const reply = unique('Your parcel is out for delivery today');
      const note = unique('Called the courier hub, ETA 6 pm');
      await sendReply(page, 'public', reply);
      await sendReply(page, 'note', note);
      if ((await messageVisibility(page, reply, 'the public reply')) !== 'true') {
        fail('the public reply is not shown as public (data-public is not "true")');
      }
      if ((await messageVisibility(page, note, 'the internal note')) !== 'false') {
        fail('the internal note is not shown as a note (data-public is not "false")');
      }
      // "Shown differently": a different background or border, not only the attribute.
      const look = (text) => tid(page, 'timeline-message').filter({ hasText: text }).first().evaluate((el) => {
        const c = getComputedStyle(el);
        return `background ${c.backgroundColor}, border ${c.borderLeftColor} ${c.borderTopStyle}`;
      });
      const [noteLook, replyLook] = [await look(note), await look(reply)];
      if (noteLook === replyLook) fail(`the note looks the same as the public reply (${noteLook})`);
      await screenshot('ticket');
      await page.reload();
      if ((await messageVisibility(page, reply, 'the public reply after reload')) !== 'true') {
        fail('after reload the public reply is no longer public');
      }
      if ((await messageVisibility(page, note, 'the internal note after reload')) !== 'false') {
        fail('after reload the internal note is no longer a note');
      }
    },
  },
  {
    name: 'collision: an agent sees who else has the ticket open, and when they start replying',
    async run({ page, context, newContext }) {
      const api = await apiSession(context);
      const ticket = await createTicket(api, unique('Parcel arrived damaged'));
      await openTicket(page, ticket.id);
      // Kavya Bhat opens the same ticket in her own browser.
      const kavyaContext = await newContext();
      await apiSession(kavyaContext, KAVYA_EMAIL);
      const kavya = await kavyaContext.newPage();
      await openTicket(kavya, ticket.id);
      // Presence is polled every 10 s, so allow two rounds.
      const presence = tid(page, 'presence');
      const seen = async (re, what) => {
        try {
          await presence.filter({ hasText: re }).first().waitFor({ state: 'visible', timeout: 25_000 });
        } catch {
          const shown = ((await presence.first().textContent().catch(() => '')) ?? '').trim();
          fail(`${what}: the ticket page showed "${shown}" instead`);
        }
      };
      await seen(/Kavya Bhat is viewing/, 'the other agent viewing the ticket should be shown');
      await tid(kavya, 'reply-body').fill('Checking with the Hubballi hub');
      await seen(/Kavya Bhat is replying/, 'the other agent typing a reply should be shown');
      // She goes back to her inbox: after her DELETE and the next poll she is no longer listed.
      await kavya.goto('/views/mine');
      try {
        await presence.filter({ hasText: /Kavya Bhat/ }).first().waitFor({ state: 'hidden', timeout: 25_000 });
      } catch {
        fail('the other agent was still shown 25 s after closing the ticket');
      }
    },
  },
  {
    name: 'ticket: reassigning and changing the status in the sidebar stay after reload',
    async run({ page, context }) {
      const api = await apiSession(context);
      const ticket = await createTicket(api, unique('Refund for damaged item'));
      await openTicket(page, ticket.id);
      const assignee = await visible(page, tid(page, 'sidebar-assignee'), 'the assignee list in the sidebar');
      const status = await visible(page, tid(page, 'sidebar-status'), 'the status list in the sidebar');
      const agent = await otherOption(assignee, ticket.assignee_id);
      const newStatus = ticket.status === 'pending' ? 'open' : 'pending';
      const saveButton = tid(page, 'sidebar-save');
      if (await present(saveButton)) {
        await assignee.selectOption(agent.value);
        await status.selectOption(newStatus);
        await patchOf(page, ticket.id, () => saveButton.click(), 'saving the sidebar');
      } else {
        await patchOf(page, ticket.id, () => assignee.selectOption(agent.value), `assigning to ${agent.text}`);
        await patchOf(page, ticket.id, () => status.selectOption(newStatus), `setting the status to ${newStatus}`);
      }
      await page.reload();
      await hasValue(page, sel('sidebar-assignee'), agent.value, 'after reload, the assignee');
      const shown = await selectedText(tid(page, 'sidebar-assignee'));
      if (shown !== agent.text) fail(`after reload the assignee reads "${shown}", expected "${agent.text}"`);
      await hasValue(page, sel('sidebar-status'), newStatus, 'after reload, the status');
    },
  },
  {
    name: 'inbox: bulk-assigning two tickets from the list stays after reload',
    async run({ page, context }) {
      const api = await apiSession(context);
      const a = await createTicket(api, unique('Bulk A: COD amount mismatch'));
      const b = await createTicket(api, unique('Bulk B: pickup missed'));
      await page.goto('/views/unassigned');
      for (const t of [a, b]) {
        const row = page.locator(sel('ticket-row', `[data-ticket-id="${t.id}"]`));
        await visible(page, row, `ticket ${t.id} (just created, unassigned) in the Unassigned view`);
        await (await visible(page, tid(row, 'row-select'), `the checkbox of ticket ${t.id}`)).check();
      }
      await visible(page, tid(page, 'bulk-bar'), 'the bulk actions bar after selecting two tickets');
      await textMatches(page, tid(page, 'bulk-bar'), /2/, 'the bulk bar (it should say two are selected)');
      const choice = await otherOption(tid(page, 'bulk-assignee'), null);
      await tid(page, 'bulk-assignee').selectOption(choice.value);
      const done = page.waitForResponse((r) => ['PATCH', 'POST'].includes(r.request().method())
        && new URL(r.url()).pathname.startsWith('/api/v1/tickets'));
      await tid(page, 'bulk-apply').click();
      const r = await done.catch(() => null);
      if (!r) fail('pressing apply in the bulk bar sent nothing to the server');
      if (!r.ok()) fail(`the server refused the bulk change (${r.status()})`);
      // Done, as the agent sees it: each row leaves the Unassigned view or shows its assignee.
      try {
        await page.waitForFunction(([ids, name]) => ids.every((id) => {
          const row = document.querySelector(`[data-testid="ticket-row"][data-ticket-id="${id}"]`);
          return !row || (row.textContent ?? '').includes(name);
        }), [[a.id, b.id], choice.text]);
      } catch {
        fail(`after the bulk assign to ${choice.text}, the two tickets still show as unassigned in the list`);
      }
      for (const t of [a, b]) {
        const other = await context.newPage();
        await other.goto(`/tickets/${t.id}`);
        await hasValue(other, sel('sidebar-assignee'), choice.value, `ticket ${t.id}'s assignee after the bulk assign`);
        await other.close();
      }
    },
  },
  {
    name: 'views: a saved view appears in the left column and opens',
    async run({ page }) {
      await signIn(page, { landing: '/views/pending' });
      await atPath(page, /^\/views\/pending$/, 'signing in from the Pending view');
      await (await visible(page, tid(page, 'save-view'), 'the "save view" button')).click();
      const name = unique('Pending COD');
      await (await visible(page, tid(page, 'view-name'), 'the name field for the new view')).fill(name);
      await tid(page, 'view-save-confirm').click();
      const link = page.locator(sel('view-link', '[data-view^="saved-"]')).filter({ hasText: name });
      await visible(page, link, `the saved view "${name}" in the left column`);
      await page.reload();
      await (await visible(page, link, `the saved view "${name}" after reload`)).click();
      await atPath(page, /^\/views\/saved-\d+$/, `opening the saved view "${name}"`);
      await textMatches(page, page.locator('h1'), new RegExp(escape(name)), 'the heading of the saved view');
    },
  },
  {
    name: 'language: Hindi and Kannada change the screen to their script, with the app\'s fonts',
    async run({ page, screenshot, requests }) {
      // An agent no other test signs in as: the choice of language may be kept on the server.
      await signIn(page, { email: LANGUAGE_AGENT });
      await visible(page, tid(page, 'view-link'), 'the list of views');
      const switcher = await visible(page, tid(page, 'language-switcher'), 'the language switcher in the header');
      await switcher.selectOption('en');
      await textMatches(page, page.locator('h1'), /^[^\u0900-\u097F\u0C80-\u0CFF]*[A-Za-z][^\u0900-\u097F\u0C80-\u0CFF]*$/, 'the heading in English');
      await switcher.selectOption('hi');
      await textMatches(page, page.locator('h1'), DEVANAGARI, 'the heading in Hindi');
      await textMatches(page, page.locator(sel('view-link')), DEVANAGARI, 'the views in Hindi');
      if ((await page.locator('html').getAttribute('lang')) !== 'hi') fail('<html lang> is not "hi" in Hindi');
      await page.evaluate(() => document.fonts.ready);
      await screenshot('inbox-hindi');
      await tid(page, 'language-switcher').selectOption('kn');
      await textMatches(page, page.locator('h1'), KANNADA, 'the heading in Kannada');
      await textMatches(page, page.locator(sel('view-link')), KANNADA, 'the views in Kannada');
      await page.evaluate(() => document.fonts.ready);
      await screenshot('inbox-kannada');
      await page.reload();
      await textMatches(page, page.locator('h1'), KANNADA, 'the heading after reload (the choice is kept)');
      // The Indic faces come from the app itself (/assets/...woff2), not from the system.
      const loaded = await page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, ''));
      });
      for (const family of ['Noto Sans Devanagari', 'Noto Sans Kannada']) {
        if (!loaded.includes(family) && !requests.some((u) => u.includes(family.toLowerCase().replace(/ /g, '-')))) {
          fail(`the ${family} font was never loaded (loaded: ${loaded.join(', ') || 'none'})`);
        }
      }
      const fonts = requests.filter((u) => /\.woff2?(\?|$)/.test(u));
      if (!fonts.length) fail('no web font was fetched from the app');
      const bad = fonts.filter((u) => !new URL(u).pathname.startsWith('/assets/'));
      if (bad.length) fail(`fonts were fetched from outside the app's /assets/: ${bad.join(', ')}`);
    },
  },
  {
    name: 'admin: the admin area opens for the admin and lists the agents',
    async run({ page, screenshot }) {
      await signIn(page);
      await (await visible(page, tid(page, 'admin-link'), 'the admin link in the header')).click();
      await atPath(page, /^\/admin(\/.*)?$/, 'clicking the admin link');
      await visible(page, tid(page, 'admin-nav'), 'the admin navigation');
      const n = await atLeast(page, sel('agent-row'), 2, 'agents in the agents table (the demo has 13)');
      if (n < 2) fail(`the agents table lists ${n} agents`);
      await textMatches(page, tid(page, 'agent-row'), /Kavya Bhat|Deepak Verma|@demo\.sahayak\.local/, 'the agents table');
      await screenshot('admin');
    },
  },
  {
    name: 'admin: a new API token is shown once and works',
    async run({ page, context }) {
      await signIn(page);
      await (await visible(page, tid(page, 'admin-link'), 'the admin link in the header')).click();
      await visible(page, tid(page, 'admin-nav'), 'the admin navigation');
      // admin-nav is the navigation or each of its links
      const link = page.locator(`${sel('admin-nav', '[href="/admin/api-tokens"]')}, ${sel('admin-nav')} a[href="/admin/api-tokens"]`);
      await (await visible(page, link, 'the API tokens page in the admin navigation')).click();
      await atPath(page, /^\/admin\/api-tokens$/, 'opening API tokens');
      const create = await visible(page, tid(page, 'token-create'), 'the "create token" button');
      const name = unique('e2e-script');
      await page.locator('form').filter({ has: create }).locator('input[type="text"]').first().fill(name);
      await create.click();
      const value = await visible(page, tid(page, 'token-value'), 'the new token');
      const token = (await value.innerText()).trim();
      if (token.length < 20 || /\s/.test(token)) fail(`the new token reads "${token}", which does not look like a token`);
      const r = await context.request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${token}` }, failOnStatusCode: false });
      if (r.status() !== 200) fail(`the token shown does not work: GET /api/v1/auth/me with it gave ${r.status()}`);
      await page.reload();
      await textMatches(page, tid(page, 'token-row'), new RegExp(escape(name)), 'the list of tokens after reload');
      if (await page.getByText(token).count()) fail('after reload the secret token is still shown');
    },
  },
  {
    name: 'sign-out: back to the sign-in page, and / asks for sign-in again',
    async run({ page }) {
      await signIn(page);
      await (await visible(page, tid(page, 'sign-out'), 'the sign-out button')).click();
      await atPath(page, /^\/login$/, 'after signing out');
      await visible(page, tid(page, 'login-email'), 'the sign-in form after signing out');
      await page.goto('/');
      await atPath(page, /^\/login$/, 'opening / after signing out');
      await visible(page, tid(page, 'login-email'), 'the sign-in form when opening / after signing out');
      await page.goto('/views/unassigned');
      await atPath(page, /^\/login$/, 'opening a view after signing out');
    },
  },
  {
    name: 'phone: the inbox at 360 px wide has no horizontal scroll',
    viewport: { width: 360, height: 740 },
    async run({ page, screenshot }) {
      await signIn(page, { landing: '/views/unassigned' });
      await atPath(page, /^\/views\/unassigned$/, 'signing in from the Unassigned view');
      await visible(page, tid(page, 'ticket-row'), 'a ticket in the Unassigned view at 360 px');
      const { scroll, width } = await page.evaluate(() => ({
        scroll: document.scrollingElement.scrollWidth,
        width: window.innerWidth,
      }));
      await screenshot('inbox-phone-360');
      if (scroll > width) fail(`the inbox is ${scroll} px wide on a ${width} px screen: the agent must scroll sideways`);
    },
  },
  {
    name: 'fonts: the built CSS uses only the app\'s own woff2 files, and the server serves them',
    async run({ context }) {
      const assets = path.join(DIST, 'assets');
      const css = readdirSync(assets).filter((f) => f.endsWith('.css')).map((f) => readFileSync(path.join(assets, f), 'utf8')).join('\n');
      const faces = css.match(/@font-face\{[^}]*\}/g) ?? [];
      for (const family of ['Noto Sans', 'Noto Sans Devanagari', 'Noto Sans Kannada']) {
        if (!faces.some((f) => f.includes(`font-family:${family};`) || f.includes(`font-family:"${family}"`))) {
          fail(`the built CSS declares no @font-face for ${family}`);
        }
      }
      const urls = faces.flatMap((f) => [...f.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1].replace(/["']/g, '')));
      if (!urls.length) fail('the @font-face rules name no font file');
      for (const u of urls) {
        if (!/^\/assets\/[^/]+\.woff2$/.test(u)) fail(`a font comes from ${u}, not a woff2 file of the app`);
        if (!existsSync(path.join(DIST, u))) fail(`the font ${u} is not in web/dist`);
        const r = await context.request.get(u);
        if (r.status() !== 200) fail(`the server answers ${r.status()} for the font ${u}`);
      }
      if (!faces.every((f) => f.includes('unicode-range'))) {
        fail('an @font-face has no unicode-range, so every page would download it');
      }
    },
  },
];

// Shipment tracking (shipments.mjs) runs with these.
tests.push(...shipmentTests);
