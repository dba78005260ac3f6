// End-to-end: how a customer's e-mail shows on the ticket page. A mail piped in through
// `sahayak mail-deliver` (as Postfix does) with a reply above Gmail's quoted history, a remote
// image and a failing DMARC verdict; the page must fold the history, warn about the sender,
// and fetch the image only when the agent asks. The image's URL is on the test server itself,
// so loading it is seen in the request log and is not a foreign request (which the harness
// fails on).
import { apiSession, fail, textMatches, tid, unique, visible } from './lib.mjs';

function gmailReply({ token, imageUrl }) {
  const boundary = `b-${token}`;
  const text = [
    `Still no refund for order ${token}.`,
    '',
    'On Mon, 3 Jun 2024 at 10:15, Acme Support <support@acme.in> wrote:',
    '> We have started your refund.',
  ].join('\r\n');
  const html =
    `<div dir="ltr">Still no refund for order ${token}.<br>` +
    `<img src="${imageUrl}" alt="photo of the receipt" width="64" height="64"></div><br>` +
    '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 3 Jun 2024 at 10:15, ' +
    'Acme Support &lt;support@acme.in&gt; wrote:<br></div>' +
    '<blockquote class="gmail_quote" style="margin:0 0 0 .8ex">We have started your refund.</blockquote></div>';
  return [
    'Authentication-Results: mx.sahayak.test;',
    '\tdkim=none (message not signed);',
    '\tspf=fail (mx.sahayak.test: domain of x@evil.test does not designate 203.0.113.9) smtp.mailfrom=evil.test;',
    '\tdmarc=fail (p=REJECT sp=REJECT dis=REJECT) header.from=evil.test',
    'Authentication-Results: mx.evil.test; spf=pass; dkim=pass; dmarc=pass',
    'From: "support@bank.in" <x@evil.test>',
    'To: Support <support@demo.sahayak.local>',
    `Subject: Refund ${token}`,
    `Message-ID: <${token}@evil.test>`,
    'Date: Tue, 04 Jun 2024 09:00:00 +0530',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    '',
    text,
    `--${boundary}`,
    'Content-Type: text/html; charset=UTF-8',
    '',
    html,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

export const tests = [
  {
    name: 'mail: quoted history folds, the spoofing warning shows, remote images load only on click',
    async run({ page, context, base, requests, cli, screenshot }) {
      const token = unique('RF');
      // Same origin as the console, so the harness can watch for it without it being foreign.
      const imageUrl = `${base}/favicon.svg?remote-image=${token}`;
      const delivered = cli(['mail-deliver'], gmailReply({ token, imageUrl }));
      if (delivered.status !== 0) {
        fail(`sahayak mail-deliver refused the mail (${delivered.status}): ${delivered.stderr}`);
      }
      const number = /ticket #(\d+) created/.exec(delivered.stdout)?.[1];
      if (!number) fail(`sahayak mail-deliver did not create a ticket: "${delivered.stdout.trim()}"`);
      const api = await apiSession(context);
      const ticket = await api.get(`/api/v1/tickets/by-number/${number}`);

      await page.goto(`/tickets/${ticket.id}`); // apiSession signed this context in
      const message = tid(page, 'timeline-message').filter({ hasText: `Still no refund for order ${token}` });
      await visible(page, message, 'the customer\'s mail in the timeline');

      // The sender warning, in words, and the DMARC badge.
      await textMatches(page, tid(message, 'mail-warning'), /failed the sender checks for evil\.test/,
        'the warning about the sender');
      await textMatches(page, tid(message, 'mail-warning'), /name shows an e-mail address, but the message came from x@evil\.test/,
        'the warning about the address in the sender\'s name');
      const dmarc = message.locator('[data-testid="mail-auth-badge"][data-method="dmarc"]');
      await textMatches(page, dmarc, /DMARC fail/, 'the DMARC badge');
      if (!(await dmarc.getAttribute('title'))?.includes('Checked by mx.sahayak.test')) {
        fail('the DMARC badge\'s tooltip does not say which server checked the mail (only the topmost header counts)');
      }

      // The quoted history is folded; the keyboard opens it.
      const quoted = message.getByText('We have started your refund.');
      if (await quoted.isVisible()) fail('the quoted history is shown unfolded');
      const toggle = await visible(page, tid(message, 'mail-fold-toggle'), 'the "Show quoted text" button');
      if ((await toggle.textContent())?.trim() !== 'Show quoted text') {
        fail(`the fold button says "${(await toggle.textContent())?.trim()}"`);
      }
      await toggle.focus();
      await page.keyboard.press('Enter');
      await visible(page, quoted, 'the quoted history after pressing Enter on "Show quoted text"');
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') fail('the open fold does not say aria-expanded="true"');

      // No remote image until asked.
      const image = message.locator('img[alt="photo of the receipt"]');
      await visible(page, tid(message, 'mail-images-notice'), 'the "Remote images are hidden" notice');
      await screenshot('ticket-mail');
      if (requests.some((u) => u.includes(`remote-image=${token}`))) {
        fail('the remote image was fetched before the agent asked for it');
      }
      if ((await image.getAttribute('src')) !== null) fail('the remote image has a src before "Show images"');
      const fetched = page.waitForRequest((r) => r.url().includes(`remote-image=${token}`));
      await tid(message, 'mail-images-show').click();
      await fetched.catch(() => fail('"Show images" did not load the remote image'));
      await page.waitForFunction(
        (el) => el.complete && el.naturalWidth > 0,
        await image.elementHandle(),
      ).catch(() => fail('the remote image did not load after "Show images"'));
      if (await tid(message, 'mail-images-notice').isVisible()) fail('the notice stays after "Show images"');
    },
  },
];
