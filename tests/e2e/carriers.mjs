// End-to-end: Admin → Carriers and a delivery request reaching the carrier (docs/shipments.md,
// "Telling the carrier"). An admin adds a carrier with a requests endpoint — a small HTTP
// receiver this test runs on loopback — and copies the signing secret shown once. A parcel of
// that carrier is moved to another day; the receiver gets one POST whose signature checks with
// that secret, and the agent sees "Sent to …" beside the request on the customer's page.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { apiSession, fail, signIn, textMatches, tid, unique, visible } from './lib.mjs';

/** An HTTP server on 127.0.0.1 that answers 200 and keeps every request it gets. */
async function receiver() {
  const got = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { got, url: `http://127.0.0.1:${server.address().port}/sahayak/requests`, close: () => server.close() };
}

export const tests = [
  {
    name: 'carriers: an admin gives a carrier a requests endpoint; a rescheduled parcel reaches it signed and the agent sees it sent',
    async run({ page, newContext, screenshot }) {
      const sink = await receiver();
      try {
        const code = unique('ekart').toLowerCase().replace(/[^a-z0-9-]/g, '').slice(0, 30);
        const name = `Ekart ${code.slice(-6)}`;

        await signIn(page, { landing: '/admin/carriers' });
        await visible(page, tid(page, 'carrier-add'), 'the "add a carrier" button');
        await tid(page, 'carrier-add').click();
        await page.locator('#carrier-code').fill(code);
        await page.locator('#carrier-name').fill(name);
        await tid(page, 'carrier-requests-url').fill(sink.url);
        await tid(page, 'carrier-save').click();
        await visible(page, tid(page, 'carrier-secret'), 'the signing secret, shown once');
        const secret = (await tid(page, 'carrier-secret-value').innerText()).trim();
        if (!/^crsec_/.test(secret)) fail(`the secret shown is not a requests secret: "${secret}"`);
        await screenshot('carrier-secret');
        await tid(page, 'carrier-secret-done').click();
        if (await tid(page, 'carrier-secret').count()) fail('the secret is still shown after "done"');
        const row = tid(page, 'carrier-row').filter({ hasText: name });
        await textMatches(page, row, new RegExp(sink.url.replace(/[.]/g, '\\.')), 'the endpoint in the carrier\'s row');
        await page.reload();
        if (await page.getByText(secret).count()) fail('the secret is shown again after a reload');

        // A customer's parcel of that carrier, moved to its first allowed day.
        const api = await apiSession(await newContext());
        const contact = await api.post('/api/v1/contacts', {
          name: 'ಸುಮಾ ಹೆಗ್ಡೆ', email: `${unique('suma').toLowerCase()}@example.in`, language: 'kn',
        });
        const awb = `EK${Date.now().toString().slice(-9)}IN`;
        const shipment = await api.post('/api/v1/shipments', {
          carrier: code, tracking_number: awb, contact_id: contact.id,
          destination: { city: 'Mysuru', pin: '570001', country: 'IN' },
        });
        const full = await api.get(`/api/v1/shipments/${shipment.id}`);
        const day = full.delivery?.allowed_dates?.[0];
        if (!day) fail('the new parcel offers no day to move its delivery to');
        const made = await api.post(`/api/v1/shipments/${shipment.id}/delivery-requests`, { kind: 'reschedule', date: day });
        const requestId = made.request?.id;

        for (let i = 0; i < 100 && sink.got.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
        if (sink.got.length !== 1) fail(`the carrier's endpoint got ${sink.got.length} requests, not 1`);
        const post = sink.got[0];
        const ts = post.headers['x-sahayak-timestamp'];
        const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${post.body}`).digest('hex')}`;
        if (post.headers['x-sahayak-signature'] !== expected) {
          fail(`the signature ${post.headers['x-sahayak-signature']} does not check with the secret shown`);
        }
        const body = JSON.parse(post.body);
        if (body.kind !== 'reschedule' || body.details?.date !== day || body.shipment?.tracking_number !== awb) {
          fail(`the carrier got the wrong request: ${post.body}`);
        }
        if (String(post.headers['idempotency-key']) !== String(requestId)) {
          fail(`the Idempotency-Key ${post.headers['idempotency-key']} is not the request's id ${requestId}`);
        }

        // The agent sees the request sent, on the customer's page.
        const agent = await (await newContext()).newPage();
        await signIn(agent, { landing: `/contacts/${contact.id}` });
        await visible(agent, tid(agent, 'delivery-toggle').first(), 'the shipment card\'s delivery button');
        await tid(agent, 'delivery-toggle').first().click();
        const state = tid(agent, 'delivery-request-carrier').first();
        await visible(agent, state, 'the carrier state of the request');
        await textMatches(agent, state, new RegExp(`Sent to ${name}`), 'the request marked sent to the carrier');
      } finally {
        sink.close();
      }
    },
  },
];
