// End-to-end: a web form embedded in a shop's own site. A tiny static server on another origin
// (allowed in the form) serves a page with the snippet; the page shows the form in an iframe,
// typing a subject shows help-centre suggestions, and sending the form creates a web ticket.
import { createServer } from 'node:http';
import { apiSession, fail, unique } from './lib.mjs';

/** Serves `html` at / on 127.0.0.1 (a free port); resolves to { origin, close }. */
function shopServer(html) {
  return new Promise((resolve, reject) => {
    const srv = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html);
    });
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      resolve({ origin: `http://127.0.0.1:${srv.address().port}`, close: () => srv.close() });
    });
  });
}

export const tests = [
  {
    name: 'web form: the embed snippet on a shop page shows the form, suggests articles and creates a web ticket',
    async run({ page, base, allowOrigin, screenshot }) {
      const admin = await apiSession(page.context());
      // The shop's origin must be known before the form lists it: reserve it first.
      let shop = await shopServer('');
      const shopOrigin = shop.origin;
      shop.close();
      const form = await admin.post('/api/v1/web-forms', {
        name: 'Contact Acme Shop',
        allowed_origins: [shopOrigin],
        min_fill_seconds: 1,
      });
      const port = Number(new URL(shopOrigin).port);
      shop = await new Promise((resolve, reject) => {
        const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Shop</title></head>
<body><h1>Acme Shop: contact</h1>
${form.snippet.replace(/src="[^"]*\/forms\/embed\.js"/, `src="${base}/forms/embed.js"`)}
</body></html>`;
        const srv = createServer((req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          res.end(html);
        });
        srv.once('error', reject);
        srv.listen(port, '127.0.0.1', () => resolve({ close: () => srv.close() }));
      });
      try {
        allowOrigin(shopOrigin);
        await page.goto(shopOrigin + '/');
        const frameEl = page.locator('iframe[src*="/forms/"]');
        await frameEl.waitFor({ state: 'attached' }).catch(() => fail('the snippet put no iframe on the shop page'));
        const frame = page.frameLocator('iframe[src*="/forms/"]');
        await frame.locator('h1', { hasText: 'Contact Acme Shop' }).waitFor()
          .catch(() => fail('the iframe never showed the form (frame-ancestors refused the shop?)'));

        // Typing a subject shows suggestions from the demo help centre.
        const subject = frame.locator('input[name="subject"]');
        await subject.pressSequentially('tracking parcel', { delay: 30 });
        const link = frame.locator('[data-deflect-list] a').first();
        await link.waitFor({ state: 'visible' }).catch(() => fail('typing "tracking parcel" showed no article suggestions'));
        if ((await link.getAttribute('target')) !== '_blank') fail('a suggestion does not open in a new tab');
        const href = await link.getAttribute('href');
        if (!/^\/help\/en\/articles\/\d+\?d=[A-Za-z0-9_-]+$/.test(href)) fail(`a suggestion links to ${href}`);
        const token = await frame.locator('input[name="deflection"]').inputValue();
        if (!href.endsWith(`?d=${token}`)) fail('the deflection token was not kept in the form');
        await screenshot('web-form-embedded-suggestions');

        // Send it; the ticket is a web ticket.
        const email = `${unique('shop').toLowerCase()}@example.in`;
        await frame.locator('input[name="name"]').fill('Meera Nair');
        await frame.locator('input[name="email"]').fill(email);
        await frame.locator('textarea[name="message"]').fill('My parcel SHY123456789IN has not moved for three days.');
        await page.waitForTimeout(1100); // the form's minimum fill time
        await frame.locator('button[type="submit"]').click();
        const thanks = frame.locator('p[role="status"]');
        await thanks.waitFor().catch(() => fail('sending the form showed no thanks page'));
        const text = await thanks.textContent();
        const m = /#(\d+)/.exec(text);
        if (!m) fail(`the thanks page does not name the request: "${text}"`);
        const ticket = await admin.get(`/api/v1/tickets/by-number/${m[1]}`);
        if (ticket.channel !== 'web') fail(`the ticket's channel is ${ticket.channel}, not web`);
        if (ticket.subject !== 'tracking parcel') fail(`the ticket's subject is "${ticket.subject}"`);
        await screenshot('web-form-embedded-thanks');
      } finally {
        shop.close();
      }
    },
  },
];
