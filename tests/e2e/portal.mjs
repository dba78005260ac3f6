// End-to-end: the customer portal (docs/portal.md). A customer asks for a sign-in link; the
// link is taken from the mail actually sent (real Postfix + Dovecot on loopback, started by
// tests/e2e/mail_sidecar.py; the workspace's mailbox sends through that Postfix); they open it,
// sign in, open a request with an attachment; an agent answers through the API; the customer
// sees the answer. Without Postfix/Dovecot (or not as root) the mail part cannot run: the test
// says why and passes without checking it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO, apiSession, fail, unique, visible } from './lib.mjs';

const CUSTOMER = 'customer@example.in'; // a mailbox user of tests/integration/mailservers.py

/** The mail sidecar: { info, wait(address, needle), stop() }. */
async function startMail() {
  const proc = spawn('/usr/bin/python3', [path.join(REPO, 'tests/e2e/mail_sidecar.py')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: proc.stdout });
  const queue = [];
  let waiter = null;
  lines.on('line', (l) => {
    if (waiter) {
      const w = waiter;
      waiter = null;
      w(l);
    } else {
      queue.push(l);
    }
  });
  const next = () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => { waiter = r; }));
  const exited = once(proc, 'exit').then(() => '{"error": "the mail sidecar exited"}');
  const info = JSON.parse(await Promise.race([next(), exited]));
  return {
    info,
    async wait(address, needle, seconds = 60) {
      proc.stdin.write(`wait ${address} ${needle} ${seconds}\n`);
      return JSON.parse(await Promise.race([next(), exited]));
    },
    async stop() {
      proc.stdin.end();
      const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
      await once(proc, 'exit').catch(() => {});
      clearTimeout(timer);
    },
  };
}

export const tests = [
  {
    name: 'portal: a customer signs in by the link in the mail, opens a request with a file and reads the answer',
    async run({ page, base, newContext, screenshot }) {
      const mail = await startMail();
      try {
        if (mail.info.skip) {
          console.log(`      (portal mail part skipped: ${mail.info.skip})`);
          return;
        }
        if (mail.info.error) fail(`the mail servers did not start: ${mail.info.error}`);
        const admin = await apiSession(await newContext());
        // The workspace sends through the test's Postfix: a mailbox named to sort first.
        await admin.post('/api/v1/mailboxes', {
          name: `0-portal-${unique('mb').toLowerCase()}`,
          address: `support-${Date.now()}@acme-courier.test`,
          from_name: 'Acme Support',
          smtp_host: '127.0.0.1',
          smtp_port: mail.info.smtp_port,
          smtp_security: 'none',
        });
        const existing = await admin.get(`/api/v1/contacts?email=${encodeURIComponent(CUSTOMER)}`);
        if (!(existing.data ?? []).length) {
          await admin.post('/api/v1/contacts', { name: 'Priya Sharma', email: CUSTOMER, language: 'en' });
        }

        // Ask for a link.
        await page.goto('/portal');
        if (!new URL(page.url()).pathname.startsWith('/portal/sign-in')) fail(`/portal without a session went to ${page.url()}, not the sign-in page`);
        await page.locator('#le').fill(CUSTOMER);
        await page.getByRole('button', { name: 'Send me a link' }).click();
        await visible(page, page.getByRole('heading', { name: 'Check your e-mail' }), 'the "check your e-mail" page');

        // The link, from the mail that Postfix delivered to the customer's mailbox.
        const got = await mail.wait(CUSTOMER, '/portal/sign-in/', 90);
        if (!got.text) fail(`no sign-in mail reached ${CUSTOMER}: ${got.error}`);
        const m = got.text.match(/https?:\/\/[^\s]+\/portal\/sign-in\/[A-Za-z0-9_-]+/);
        if (!m) fail(`the sign-in mail has no link:\n${got.text}`);
        const link = new URL(m[0]);
        if (link.origin !== new URL(base).origin) fail(`the link points to ${link.origin}, not this server (${base})`);
        await page.goto(link.pathname);
        await page.getByRole('button', { name: 'Sign me in' }).click();
        await visible(page, page.getByRole('heading', { name: /Hello, Priya/ }), 'the portal home after signing in');
        await visible(page, page.locator('#panel-shipments'), 'the shipments panel');
        await screenshot('portal-home');

        // A new request with an attachment.
        const subject = `Parcel damaged ${unique('pd')}`;
        await page.getByRole('link', { name: 'New request' }).first().click();
        // First the topic (the demo's help-centre categories), then its form.
        await page.getByRole('link', { name: 'Shipping & tracking' }).click();
        await visible(page, page.getByText('Topic: Shipping & tracking'), 'the chosen topic on the form');
        await page.getByLabel('AWB number').fill('SHY123456789IN');
        await page.locator('#ns').fill(subject);
        await page.locator('#nb').fill('The box arrived crushed. Photo attached.');
        await page.locator('#nf').setInputFiles({ name: 'box.txt', mimeType: 'text/plain', buffer: Buffer.from('photo of the box\n') });
        await page.getByRole('button', { name: 'Send request' }).click();
        await visible(page, page.getByRole('heading', { name: subject }), 'the new request\'s page');
        await visible(page, page.getByRole('link', { name: 'box.txt' }), 'the attached file on the request');
        const number = Number(new URL(page.url()).pathname.split('/').pop());

        // An agent answers through the API; the customer sees it.
        const ticket = await admin.get(`/api/v1/tickets/by-number/${number}`);
        if (ticket.channel !== 'portal') fail(`the request's channel is ${ticket.channel}, not portal`);
        if (ticket.custom_fields?.awb_number !== 'SHY123456789IN') {
          fail(`the request's AWB number is ${JSON.stringify(ticket.custom_fields)}, not the one typed`);
        }
        const answer = `We are sending a replacement today ${unique('ans')}`;
        await admin.post(`/api/v1/tickets/${ticket.id}/messages`, { body: answer });
        await page.reload();
        await visible(page, page.getByText(answer), 'the agent\'s answer on the customer\'s page');
        await screenshot('portal-ticket');
      } finally {
        await mail.stop();
      }
    },
  },
];
