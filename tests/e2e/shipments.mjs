// End-to-end: shipment tracking in the agent console (docs/shipments.md). The admin feeds
// tracking events for a new AWB of the demo carrier "Sahayak Express" (booked, picked up, in
// transit through a hub with a Hindi name, delivery failed with a reason), sets a promised date
// that has passed, and a customer writes about the parcel. The agent then sees, beside the
// ticket, the shipment linked automatically: carrier, the AWB as a link to the carrier's page,
// "Delivery failed" with the reason, the Late flag and the timeline newest first; links another
// shipment by typing its number and unlinks it again (a reload shows the server kept both
// changes); finds the customer's shipments on their contact page; and reads the card in Hindi.
// Every test makes its own shipments and ticket through the API.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, apiSession, fail, signIn, textMatches, tid, unique, visible } from './lib.mjs';

const CARRIER = { code: 'shy', name: 'Sahayak Express', url: 'https://track.demo.sahayak.local/{number}' };
const REASON = 'Customer not at home';
// "Ghaziabad hub", sent with the precomposed ज़ (U+095B): NFC has no such character (it is a
// composition exclusion), so the server stores and the card shows ज + nukta (U+091C U+093C).
const HINDI_PLACE_SENT = 'ग़ाज़ियाबाद हब'.replace(/\u091C\u093C/g, '\u095B');
const HINDI_PLACE = HINDI_PLACE_SENT.normalize('NFC');
// An English-speaking demo agent no other test signs in as (switching language is kept on the server).
const SWITCHING_AGENT = 'lakshmi.narayanan@demo.sahayak.local';
const DEVANAGARI = /[\u0900-\u097F]/;

const text = (lang) =>
  JSON.parse(readFileSync(path.join(REPO, 'web/src/i18n/parts', `shipments.${lang}.json`), 'utf8')).shipments;
const EN = text('en');
const HI = text('hi');

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** `ms` as an RFC 3339 time in India (+05:30), as a carrier in India reports it. */
function ist(ms) {
  return `${new Date(ms + 5.5 * HOUR).toISOString().slice(0, 19)}+05:30`;
}

/** The calendar date (YYYY-MM-DD) in India `days` days from now. */
function istDate(days) {
  return new Date(Date.now() + days * DAY + 5.5 * HOUR).toISOString().slice(0, 10);
}

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A text that is exactly `s` (surrounding white space aside). */
function exactly(s) {
  return new RegExp(`^\\s*${escape(s)}\\s*$`);
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
}

/** A tracking number `prefix` + 9 digits + IN that no shipment of the workspace has yet. */
async function freshNumber(api, prefix) {
  for (let i = 0; i < 20; i++) {
    const n = `${prefix}${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}IN`;
    const found = await api.get(`/api/v1/shipments?tracking_number=${n}`);
    if (!(found.data ?? found.items ?? []).length) return n;
  }
  throw new Error('setup: no unused tracking number after 20 tries');
}

/**
 * The scenario every test starts from: a Sahayak Express parcel whose delivery failed, past
 * its promised date, and a ticket from its customer that mentions the AWB (in lower case, in a
 * Hindi sentence). Returns { awb, shipment, ticket }.
 */
async function failedParcelTicket(admin) {
  const awb = await freshNumber(admin, 'SHY');
  const booked = Date.now() - 5 * DAY;
  const ev = (id, status, at, place, description, extra = {}) => ({
    carrier: CARRIER.code, tracking_number: awb, event_id: `${awb}-${id}`, status,
    occurred_at: ist(at), place, description, ...extra,
  });
  // Sent out of order, as carriers resend: the status follows the newest by time.
  const events = [
    ev(3, 'in_transit', booked + DAY, HINDI_PLACE_SENT, 'Arrived at the hub'),
    ev(4, 'delivery_failed', booked + 2 * DAY, 'Delhi', 'Delivery attempted', { reason: REASON }),
    ev(1, 'booked', booked, 'Jaipur Hub', 'Shipment booked'),
    ev(2, 'picked_up', booked + 5 * HOUR, 'Jaipur Hub', 'Picked up from the sender'),
  ];
  const fed = await admin.post('/api/v1/tracking-events', { events });
  if (fed.accepted !== 4) throw new Error(`setup: the tracking events gave ${JSON.stringify(fed)}`);
  const shipmentId = fed.results[0].shipment_id;

  const ticket = await admin.post('/api/v1/tickets', {
    subject: unique('पार्सल नहीं मिला'),
    message: { body: `नमस्ते, मेरा पार्सल अभी तक नहीं आया। AWB ${awb.toLowerCase()}, कृपया देखिए।` },
    requester: { email: `${unique('parcel').toLowerCase()}@example.in`, name: 'Sunita Yadav' },
  });
  // Promised three days after booking (two days ago): the parcel is late. It is the customer's.
  const shipment = await admin.patch(`/api/v1/shipments/${shipmentId}`, {
    promised_date: istDate(-2),
    contact_id: ticket.requester_id,
    destination: { city: 'Delhi', pin: '110001', country: 'IN' },
    order_ref: unique('ORD'),
  });
  return { awb, shipment, ticket };
}

/** The card of shipment `number` in `scope` (the ticket's linked shipments, a panel). */
function cardOf(scope, number) {
  return scope.locator(`[data-testid="shipment-card"][data-tracking-number="${number}"]`);
}

/** The tracking numbers of the cards in `scope`, in the order shown. */
async function cardNumbers(scope) {
  return tid(scope, 'shipment-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-tracking-number')));
}

/** Opens the ticket and waits for its linked shipments to have loaded. */
async function openTicketShipments(page, ticketId) {
  await page.goto(`/tickets/${ticketId}`);
  const section = await visible(page, tid(page, 'ticket-shipments'), `the linked shipments of ticket ${ticketId}`);
  try {
    await page.waitForFunction(
      () => document.querySelector('[data-testid="ticket-shipments"]')?.getAttribute('aria-busy') === 'false'
        && !!document.querySelector('[data-testid="ticket-shipments"] [data-testid="shipment-card"], [data-testid="ticket-shipments-empty"]'),
    );
  } catch {
    fail(`the linked shipments of ticket ${ticketId} never finished loading: "${(await section.innerText()).slice(0, 200)}"`);
  }
  return section;
}

/** Waits until the timeline of `card` is open and returns its events' statuses, places, reasons. */
async function openTimeline(page, card, toggleLabel, what) {
  const toggle = await visible(page, tid(card, 'shipment-timeline-toggle'), `the "${toggleLabel}" button of ${what}`);
  await textMatches(page, toggle, exactly(toggleLabel), `the timeline button of ${what}`);
  await toggle.click();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') fail(`the timeline of ${what} did not open`);
  await visible(page, tid(card, 'shipment-event'), `the tracking events of ${what}`);
  return tid(card, 'shipment-event').evaluateAll((els) => els.map((e) => ({
    status: e.querySelector('.shipment-event-status')?.textContent?.trim() ?? '',
    place: e.querySelector('.shipment-event-place')?.textContent?.trim() ?? '',
    reason: e.querySelector('.shipment-event-reason')?.textContent?.trim() ?? '',
    time: e.querySelector('.shipment-event-time')?.textContent?.trim() ?? '',
  })));
}

export const tests = [
  {
    name: 'shipments: a ticket mentioning an AWB shows its shipment: carrier, tracking link, delivery failed with the reason, late, timeline newest first',
    async run({ page, newContext, screenshot }) {
      const admin = await apiSession(await newContext());
      const { awb, ticket } = await failedParcelTicket(admin);

      await signIn(page, { landing: `/tickets/${ticket.id}` });
      const section = await openTicketShipments(page, ticket.id);
      await textMatches(page, section.locator('h2'), exactly(EN.ticket.heading), 'the heading of the linked shipments');
      const numbers = await cardNumbers(section);
      if (numbers.length !== 1 || numbers[0] !== awb) {
        fail(`the ticket whose message says "AWB ${awb.toLowerCase()}" shows the linked shipments ${JSON.stringify(numbers)}, expected [${awb}]`);
      }
      const card = cardOf(section, awb);
      const what = `the card of ${awb}`;

      await textMatches(page, card.locator('.shipment-carrier'), exactly(CARRIER.name), `the carrier on ${what}`);
      const track = await visible(page, tid(card, 'shipment-track'), `the tracking number on ${what} as a link`);
      const href = await track.getAttribute('href');
      if (href !== CARRIER.url.replace('{number}', awb)) fail(`the tracking number links to ${href}, not the carrier's page for ${awb}`);
      if ((await track.innerText()).trim() !== awb) fail(`the tracking link reads "${(await track.innerText()).trim()}", not ${awb}`);
      if ((await track.getAttribute('target')) !== '_blank') fail('the carrier\'s page does not open in a new tab');
      if (!/\bnoopener\b/.test((await track.getAttribute('rel')) ?? '')) fail('the link to the carrier\'s page lacks rel="noopener"');

      await textMatches(page, tid(card, 'shipment-status'), exactly(EN.status.delivery_failed), `the status on ${what}`);
      await textMatches(page, card.locator('.shipment-status-reason'), exactly(REASON), `the reason the delivery failed on ${what}`);
      await textMatches(page, tid(card, 'shipment-late'), exactly(EN.card.late), `the late flag on ${what} (promised ${istDate(-2)})`);
      const linked = await visible(page, tid(card, 'shipment-linked'), `how ${awb} came to be on the ticket`);
      await textMatches(page, linked, exactly(EN.card.linkedAuto), `how ${awb} came to be on the ticket`);
      if ((await linked.getAttribute('data-by')) !== 'auto') fail(`the link of ${awb} is by "${await linked.getAttribute('data-by')}", not auto`);
      await textMatches(page, tid(card, 'shipment-last-event'),
        new RegExp(`${escape(fill(EN.card.lastEventWhere, { status: EN.status.delivery_failed, place: 'Delhi' }))}`),
        `the last update on ${what}`);

      const events = await openTimeline(page, card, fill(EN.card.showTimeline, { n: 4 }), what);
      const statuses = events.map((e) => e.status);
      const expected = ['delivery_failed', 'in_transit', 'picked_up', 'booked'].map((s) => EN.status[s]);
      if (JSON.stringify(statuses) !== JSON.stringify(expected)) {
        fail(`the timeline shows ${JSON.stringify(statuses)}, expected newest first ${JSON.stringify(expected)}`);
      }
      if (events[1].place !== HINDI_PLACE) {
        fail(`the in-transit event shows the place ${JSON.stringify(events[1].place)} (${[...events[1].place].map((c) => c.codePointAt(0).toString(16)).join(' ')}), expected the NFC text ${JSON.stringify(HINDI_PLACE)}`);
      }
      if (events[1].place.normalize('NFC') !== events[1].place) fail('the Hindi place in the timeline is not NFC');
      if (events[0].reason !== fill(EN.card.reason, { reason: REASON })) {
        fail(`the failed delivery in the timeline says ${JSON.stringify(events[0].reason)}, expected the reason "${REASON}"`);
      }
      if (!events.every((e) => e.time.endsWith('(+05:30)'))) {
        fail(`the event times do not keep the carrier's +05:30: ${JSON.stringify(events.map((e) => e.time))}`);
      }
      // The linked shipments sit below the ticket's details: scroll them to the top.
      await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot('ticket-shipment');
    },
  },
  {
    name: 'shipments: an agent links a shipment by its tracking number and unlinks it; a reload shows the server kept both',
    async run({ page, newContext }) {
      const admin = await apiSession(await newContext());
      const { awb, ticket } = await failedParcelTicket(admin);
      const other = await admin.post('/api/v1/shipments', {
        carrier: 'indiapost',
        tracking_number: await freshNumber(admin, 'EE'),
        destination: { city: 'Mysuru', pin: '570001', country: 'IN' },
      });
      const number = other.tracking_number;

      await signIn(page, { landing: `/tickets/${ticket.id}` });
      const section = await openTicketShipments(page, ticket.id);
      await visible(page, cardOf(section, awb), `the automatically linked ${awb}`);
      if (await cardOf(section, number).count()) fail(`${number} is shown as linked before anyone linked it`);

      // Typed as an agent copies it from a customer's message: lower case.
      const form = tid(section, 'shipment-link-form');
      const input = await visible(page, form.locator('input'), 'the tracking number field of "Link a shipment"');
      await input.fill(number.toLowerCase());
      const posted = page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/tickets/${ticket.id}/shipments`,
      );
      await form.locator('button[type="submit"]').click();
      const r = await posted.catch(() => null);
      if (!r) fail('pressing Link sent nothing to the server');
      if (r.status() !== 201) fail(`the server answered ${r.status()} to linking ${number}, not 201 (newly linked)`);
      const added = cardOf(section, number);
      await visible(page, added, `the card of ${number} after linking it`);
      await textMatches(page, tid(added, 'shipment-linked'), exactly(EN.card.linkedAgent), `how ${number} came to be on the ticket`);
      await textMatches(page, added.locator('.shipment-carrier'), exactly('India Post'), `the carrier of ${number}`);
      await textMatches(page, tid(added, 'shipment-status'), exactly(EN.status.booked), `the status of ${number}`);
      if (await tid(added, 'shipment-track').count()) fail(`${number} links to a tracking page, but India Post has none`);
      if ((await input.inputValue()) !== '') fail(`the tracking number field still holds "${await input.inputValue()}" after linking`);

      // A reload shows the server's links: both, the new one by an agent.
      await page.reload();
      const again = await openTicketShipments(page, ticket.id);
      const after = await cardNumbers(again);
      if (after.length !== 2 || !after.includes(awb) || !after.includes(number)) {
        fail(`after a reload the ticket lists ${JSON.stringify(after)}, expected ${awb} and ${number}`);
      }
      await textMatches(page, tid(cardOf(again, number), 'shipment-linked'), exactly(EN.card.linkedAgent), `the link of ${number} after a reload`);
      await textMatches(page, tid(cardOf(again, awb), 'shipment-linked'), exactly(EN.card.linkedAuto), `the link of ${awb} after a reload`);

      // Unlink it: its card goes, the other stays, also after a reload; the shipment itself stays.
      const unlink = tid(cardOf(again, number), 'shipment-unlink');
      if ((await unlink.getAttribute('aria-label')) !== fill(EN.ticket.unlinkLabel, { number })) {
        fail(`the Unlink button of ${number} is labelled "${await unlink.getAttribute('aria-label')}"`);
      }
      const deleted = page.waitForResponse(
        (res) => res.request().method() === 'DELETE'
          && new URL(res.url()).pathname === `/api/v1/tickets/${ticket.id}/shipments/${other.id}`,
      );
      await unlink.click();
      const d = await deleted.catch(() => null);
      if (!d) fail('pressing Unlink sent nothing to the server');
      if (!d.ok()) fail(`the server refused to unlink ${number} (${d.status()})`);
      try {
        await cardOf(again, number).waitFor({ state: 'detached' });
      } catch {
        fail(`the card of ${number} is still shown after unlinking it`);
      }
      await page.reload();
      const last = await openTicketShipments(page, ticket.id);
      const remaining = await cardNumbers(last);
      if (JSON.stringify(remaining) !== JSON.stringify([awb])) {
        fail(`after unlinking ${number} and a reload the ticket lists ${JSON.stringify(remaining)}, expected [${awb}]`);
      }
      const server = await admin.get(`/api/v1/tickets/${ticket.id}/shipments`);
      const serverNumbers = (server.data ?? []).map((s) => s.tracking_number);
      if (JSON.stringify(serverNumbers) !== JSON.stringify([awb])) fail(`the server lists ${JSON.stringify(serverNumbers)} on the ticket`);
      const kept = await admin.get(`/api/v1/shipments/${other.id}`);
      if (kept.tracking_number !== number) fail(`unlinking ${number} from the ticket deleted the shipment`);
    },
  },
  {
    name: 'shipments: the customer panel and the contact page list the contact\'s shipments',
    async run({ page, newContext }) {
      const admin = await apiSession(await newContext());
      const { awb, ticket } = await failedParcelTicket(admin);
      // A second, delivered parcel of the same customer (booked after the first: listed above it).
      const second = await freshNumber(admin, 'SHY');
      const delivered = await admin.post('/api/v1/tracking-events', {
        events: [
          { carrier: CARRIER.code, tracking_number: second, status: 'booked', occurred_at: ist(Date.now() - 2 * DAY), place: 'Pune' },
          { carrier: CARRIER.code, tracking_number: second, status: 'delivered', occurred_at: ist(Date.now() - HOUR), place: 'लखनऊ' },
        ],
      });
      await admin.patch(`/api/v1/shipments/${delivered.results[0].shipment_id}`, { contact_id: ticket.requester_id });
      const expected = [second, awb];

      await signIn(page, { landing: `/tickets/${ticket.id}` });
      const panel = await visible(page, tid(tid(page, 'customer-panel'), 'shipments-panel'), 'the Shipments part of the customer panel');
      await visible(page, cardOf(panel, second), `the delivered parcel ${second} in the customer panel`);
      const inPanel = await cardNumbers(panel);
      if (JSON.stringify(inPanel) !== JSON.stringify(expected)) {
        fail(`the customer panel lists the shipments ${JSON.stringify(inPanel)}, expected newest first ${JSON.stringify(expected)}`);
      }
      await textMatches(page, tid(cardOf(panel, second), 'shipment-status'), exactly(EN.status.delivered), `the status of ${second} in the customer panel`);

      // The customer's name opens their page, which lists the same shipments.
      await (await visible(page, tid(page, 'customer-link'), 'the customer\'s name in the customer panel')).click();
      await page.waitForURL((u) => u.pathname === `/contacts/${ticket.requester_id}`)
        .catch(() => fail(`the customer's name did not open /contacts/${ticket.requester_id}`));
      await textMatches(page, tid(page, 'contact-name'), /Sunita Yadav/, 'the contact page heading');
      const onPage = await visible(page, tid(page, 'shipments-panel'), 'the Shipments card of the contact page');
      await textMatches(page, onPage.locator('h2'), exactly(EN.panel.heading), 'the heading of the Shipments card');
      await visible(page, cardOf(onPage, awb), `${awb} on the contact page`);
      const listed = await cardNumbers(onPage);
      if (JSON.stringify(listed) !== JSON.stringify(expected)) {
        fail(`the contact page lists the shipments ${JSON.stringify(listed)}, expected newest first ${JSON.stringify(expected)}`);
      }
      const failed = cardOf(onPage, awb);
      await textMatches(page, tid(failed, 'shipment-status'), exactly(EN.status.delivery_failed), `the status of ${awb} on the contact page`);
      await textMatches(page, tid(failed, 'shipment-late'), exactly(EN.card.late), `the late flag of ${awb} on the contact page`);
      await textMatches(page, tid(failed, 'shipment-destination'), exactly('Delhi 110001'), `the destination of ${awb}`);
      if (await tid(onPage, 'shipment-unlink').count()) fail('the contact page offers to unlink shipments from a ticket');
    },
  },
  {
    name: 'shipments: with the console switched to Hindi the shipment card speaks Hindi',
    async run({ page, newContext }) {
      const admin = await apiSession(await newContext());
      const { awb, ticket } = await failedParcelTicket(admin);
      // This agent works in English until they switch (another run of this test may have left Hindi).
      const agent = await apiSession(await newContext(), SWITCHING_AGENT);
      await agent.patch('/api/v1/auth/me', { language: 'en' });

      await signIn(page, { email: SWITCHING_AGENT, landing: `/tickets/${ticket.id}` });
      let section = await openTicketShipments(page, ticket.id);
      let card = cardOf(section, awb);
      await textMatches(page, tid(card, 'shipment-status'), exactly(EN.status.delivery_failed), 'the status in English before switching');

      const switcher = await visible(page, tid(page, 'language-switcher'), 'the language switcher in the header');
      await switcher.selectOption('hi');
      const what = `the card of ${awb} in Hindi`;
      const check = async (when) => {
        await textMatches(page, section.locator('h2'), exactly(HI.ticket.heading), `the heading of the linked shipments ${when}`);
        await textMatches(page, tid(card, 'shipment-status'), exactly(HI.status.delivery_failed), `the status on ${what} ${when}`);
        await textMatches(page, tid(card, 'shipment-late'), exactly(HI.card.late), `the late flag on ${what} ${when}`);
        await textMatches(page, tid(card, 'shipment-linked'), exactly(HI.card.linkedAuto), `how it was linked, on ${what} ${when}`);
        await textMatches(page, tid(card, 'shipment-last-event').locator('dt'), exactly(HI.card.lastEvent), `the "last update" label on ${what} ${when}`);
        await textMatches(page, tid(card, 'shipment-unlink'), exactly(HI.ticket.unlink), `the Unlink button on ${what} ${when}`);
        const track = tid(card, 'shipment-track');
        const label = fill(HI.card.trackLabel, { number: awb, carrier: CARRIER.name });
        if ((await track.getAttribute('aria-label')) !== label) fail(`the tracking link is labelled "${await track.getAttribute('aria-label')}" ${when}`);
      };
      if (!DEVANAGARI.test(HI.status.delivery_failed + HI.card.late)) fail('shipments.hi.json has no Hindi for the status or the late flag');
      await check('after switching');
      if ((await page.locator('html').getAttribute('lang')) !== 'hi') fail('<html lang> is not "hi" after switching to Hindi');

      // The choice stays after a reload, and the timeline is in Hindi too.
      await page.reload();
      section = await openTicketShipments(page, ticket.id);
      card = cardOf(section, awb);
      await check('after a reload');
      const events = await openTimeline(page, card, fill(HI.card.showTimeline, { n: 4 }), what);
      const expected = ['delivery_failed', 'in_transit', 'picked_up', 'booked'].map((s) => HI.status[s]);
      if (JSON.stringify(events.map((e) => e.status)) !== JSON.stringify(expected)) {
        fail(`the Hindi timeline shows ${JSON.stringify(events.map((e) => e.status))}, expected ${JSON.stringify(expected)}`);
      }
      if (events[0].reason !== fill(HI.card.reason, { reason: REASON })) fail(`the Hindi timeline gives the reason as ${JSON.stringify(events[0].reason)}`);
      if (events[1].place !== HINDI_PLACE) fail(`the Hindi timeline shows the place ${JSON.stringify(events[1].place)}`);
    },
  },
];
