// End-to-end: a customer changes their own delivery in the portal (docs/portal.md, "Your
// parcels"; docs/shipments.md, "Delivery preferences and self-service"). A parcel of the demo
// carrier "Sahayak Express" is on its way to a new customer, through a hub with a Kannada name.
// Before signing in, the public tracking page finds it by number and PIN code. The customer
// then signs in by the link the portal mailed (read from the server's mail queue),
// finds the parcel on the portal's home page, reads its timeline, moves the delivery to another
// day and asks for an afternoon window; a reload shows both kept. An agent then opens the
// customer in the console and sees the new day on the shipment card and the requests on the
// customer's timeline.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { apiSession, fail, signIn, textMatches, tid, unique, visible } from './lib.mjs';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const HUB = 'ಮೈಸೂರು ಹಬ್';

function ist(ms) {
  return `${new Date(ms + 5.5 * HOUR).toISOString().slice(0, 19)}+05:30`;
}

function istDate(days) {
  return new Date(Date.now() + days * DAY + 5.5 * HOUR).toISOString().slice(0, 10);
}

/** The path of the newest sign-in link the server queued for `email`. */
function signInLink(dataDir, email) {
  const db = path.join(dataDir, 'sahayak.db');
  const quoted = email.replace(/'/g, "''");
  const r = spawnSync('sqlite3', ['-readonly', db,
    `SELECT payload FROM mail_outbox WHERE to_email = '${quoted}' ORDER BY id DESC LIMIT 1`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`setup: reading the mail queue failed: ${r.stderr}`);
  const text = r.stdout.trim() ? JSON.parse(r.stdout).text ?? '' : '';
  const m = text.match(/\/portal\/sign-in\/[A-Za-z0-9_-]+/);
  if (!m) fail(`no sign-in link was queued for ${email}`);
  return m[0];
}

export const tests = [
  {
    name: 'delivery: a customer moves their parcel to another day and an afternoon window in the portal; the agent sees it',
    async run({ page, newContext, dataDir, screenshot }) {
      const admin = await apiSession(await newContext());
      const email = `${unique('kavitha').toLowerCase()}@example.in`;
      const contact = await admin.post('/api/v1/contacts', { name: 'Kavitha Rao', email, language: 'en' });
      let awb = '';
      for (let i = 0; i < 20 && !awb; i++) {
        const n = `SHY${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}IN`;
        const found = await admin.get(`/api/v1/shipments?tracking_number=${n}`);
        if (!(found.data ?? []).length) awb = n;
      }
      const shipment = await admin.post('/api/v1/shipments', {
        carrier: 'shy', tracking_number: awb, contact_id: contact.id, promised_date: istDate(2),
        destination: { city: 'Bengaluru', pin: '560011', country: 'IN' },
      });
      await admin.post('/api/v1/tracking-events', {
        events: [
          { carrier: 'shy', tracking_number: awb, event_id: `${awb}-1`, status: 'picked_up', occurred_at: ist(Date.now() - DAY), place: 'Pune' },
          { carrier: 'shy', tracking_number: awb, event_id: `${awb}-2`, status: 'in_transit', occurred_at: ist(Date.now() - 2 * HOUR), place: HUB, description: 'Arrived at the hub' },
        ],
      });

      // Anyone with the number and the PIN code sees where it is, without signing in.
      await page.goto('/portal/sign-in');
      await page.getByRole('link', { name: /Track it without signing in/ }).click();
      await page.getByLabel('Tracking number').fill(awb.toLowerCase());
      await page.getByLabel('PIN code of the delivery address').fill('560011');
      await page.getByRole('button', { name: 'Track', exact: true }).click();
      await visible(page, page.getByRole('heading', { name: `Parcel ${awb}` }), 'the parcel found by number and PIN');
      await textMatches(page, page.locator('ol.timeline li').first(), new RegExp(HUB), 'the newest scan on the public page');
      if (await page.getByText('Kavitha').count()) fail('the public tracking page shows the customer\'s name');

      // Sign in to the portal by the link.
      await page.goto('/portal/sign-in');
      await page.locator('#le').fill(email);
      await page.getByRole('button', { name: 'Send me a link' }).click();
      await visible(page, page.getByRole('heading', { name: 'Check your e-mail' }), 'the "check your e-mail" page');
      await page.goto(signInLink(dataDir, email));
      await page.getByRole('button', { name: 'Sign me in' }).click();
      await visible(page, page.getByRole('heading', { name: /Hello, Kavitha/ }), 'the portal home after signing in');

      // The parcel on the home page, and its page.
      const panel = page.locator('#panel-shipments');
      await visible(page, panel.getByRole('link', { name: new RegExp(awb) }), `the parcel ${awb} on the home page`);
      await panel.getByRole('link', { name: new RegExp(awb) }).click();
      await visible(page, page.getByRole('heading', { name: `Parcel ${awb}` }), 'the parcel\'s page');
      await textMatches(page, page.locator('.shipment-status'), /In transit/, 'the parcel\'s status');
      const timeline = page.locator('ol.timeline li');
      await textMatches(page, timeline.first(), new RegExp(`${HUB}`), 'the newest scan, at the Kannada-named hub');
      if ((await timeline.count()) !== 2) fail(`the timeline has ${await timeline.count()} entries, not the 2 scans`);

      // Another day: the third one offered.
      const day = page.getByLabel('Deliver on another day');
      const offered = await day.locator('option').evaluateAll((els) => els.map((o) => o.value));
      if (offered[0] !== istDate(1)) fail(`the first day offered is ${offered[0]}, not tomorrow (${istDate(1)})`);
      const chosen = offered[2];
      await day.selectOption(chosen);
      await page.getByRole('button', { name: 'Change the day' }).click();
      await visible(page, page.getByText(/your delivery choice is saved/), 'the confirmation after changing the day');

      // An afternoon window.
      await page.locator('#wf').selectOption('14:00');
      await page.locator('#wu').selectOption('18:00');
      await page.getByRole('button', { name: 'Set the time' }).click();
      await visible(page, page.getByText(/your delivery choice is saved/), 'the confirmation after setting the time');
      await page.reload();
      const facts = page.locator('section[aria-labelledby="h-delivery"] dl');
      await textMatches(page, facts, /14:00–18:00/, 'the window after a reload');
      const kept = await admin.get(`/api/v1/shipments/${shipment.id}`);
      if (kept.delivery?.date !== chosen) fail(`the server kept the day ${kept.delivery?.date}, not ${chosen}`);
      await screenshot('portal-parcel-delivery');

      // The agent sees it on the customer's page.
      const agentPage = await (await newContext()).newPage();
      await signIn(agentPage, { landing: `/contacts/${contact.id}` });
      await visible(agentPage, tid(agentPage, 'contact-activity'), 'the customer\'s timeline');
      const requests = tid(agentPage, 'contact-activity').locator('[data-action="shipment.delivery_request"]');
      await visible(agentPage, requests.first(), 'the delivery requests on the customer\'s timeline');
      if ((await requests.count()) !== 2) fail(`the timeline shows ${await requests.count()} delivery requests, not 2`);
      const shown = tid(agentPage, 'delivery-date').locator('time').first();
      await visible(agentPage, shown, 'the new delivery day on the shipment card');
      if ((await shown.getAttribute('datetime')) !== chosen) {
        fail(`the shipment card shows the day ${await shown.getAttribute('datetime')}, not ${chosen}`);
      }
    },
  },
];
