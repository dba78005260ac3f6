// End-to-end: an admin adds a mailbox in Admin → Mailboxes, finds its password kept but never
// shown after a reload, tests its outgoing server (a closed port here: the answer must be in
// words, in red, not a crash), and deletes it after the question.
import { apiSession, fail, sel, signIn, textMatches, tid, unique, visible } from './lib.mjs';

export const tests = [
  {
    name: 'admin: a mailbox is added, its password stays hidden, a failed test says why, it is deleted',
    async run({ page, context, screenshot }) {
      const name = unique('Desk');
      const address = `${name.toLowerCase()}@demo.sahayak.local`;
      // A port nothing listens on: 1 is reserved (tcpmux) and closed on a test machine.
      const closedPort = 1;
      await signIn(page, { landing: '/admin/mailboxes' });
      await visible(page, page.locator('h1', { hasText: 'Mailboxes' }), 'the Mailboxes heading');

      await tid(page, 'mailbox-create').click();
      await (await visible(page, page.locator('#mailbox-name'), 'the name field')).fill(name);
      await page.locator('#mailbox-address').fill(address);
      await page.locator('#mailbox-from-name').fill('Demo Desk');
      await page.locator('#mailbox-smtp-host').fill('127.0.0.1');
      await page.locator('#mailbox-smtp-port').fill(String(closedPort));
      await page.locator('#mailbox-smtp-security').selectOption('none');
      await page.locator('#mailbox-smtp-password').fill('e2e-smtp-secret');
      await page.locator('#mailbox-ack-kn-subject').fill('ನಿಮ್ಮ ಟಿಕೆಟ್ ದಾಖಲಾಗಿದೆ');
      await page.locator('#mailbox-ack-kn-body').fill('ಧನ್ಯವಾದಗಳು');
      await tid(page, 'mailbox-form').locator('button[type="submit"]').click();
      await textMatches(page, page.locator('.live-notice'), new RegExp(`Mailbox ${name} added`), 'the notice after adding');

      // After a reload the mailbox is listed, and its password is "set" but not shown.
      await page.reload();
      const row = tid(page, 'mailbox-row').filter({ hasText: address });
      await visible(page, row, `the row of ${address} after a reload`);
      await row.locator('button', { hasText: 'Edit' }).click();
      const password = await visible(page, page.locator('#mailbox-smtp-password'), 'the SMTP password field');
      if ((await password.inputValue()) !== '') fail('the saved SMTP password was filled into the form');
      const placeholder = await password.getAttribute('placeholder');
      if (placeholder !== 'set — leave empty to keep') {
        fail(`the SMTP password field said "${placeholder}" instead of that a password is set`);
      }
      const api = await apiSession(context);
      const listed = await api.get('/api/v1/mailboxes');
      if (JSON.stringify(listed).includes('e2e-smtp-secret')) fail('the API answered with the password');
      await tid(page, 'mailbox-form').locator('button', { hasText: 'Cancel' }).click();

      // Test outgoing against the closed port: the result is in words and marked as an error.
      await row.locator(sel('mailbox-test-smtp')).click();
      await (await visible(page, row.locator(sel('mailbox-test-smtp-form')).locator('input'), 'the test address field'))
        .fill('ravi.kumar@example.in');
      await row.locator(sel('mailbox-test-smtp-form')).locator('button[type="submit"]').click();
      await textMatches(page, row.locator(sel('mailbox-result')), /^The test message was not sent: .*127\.0\.0\.1:1/,
        'the result of the outgoing test');
      if (!(await row.locator(sel('mailbox-result')).getAttribute('class'))?.includes('form-error')) {
        fail('the failed test was not shown as an error');
      }
      await screenshot('admin-mailboxes');

      // Delete asks first.
      await row.locator('button', { hasText: 'Delete' }).first().click();
      await visible(page, page.locator('.confirm-ask'), 'the delete question');
      await page.locator('.confirm-ask .button.danger').click();
      await textMatches(page, page.locator('.live-notice'), new RegExp(`Mailbox ${name} deleted`), 'the notice after deleting');
      await page.reload();
      await visible(page, page.locator('h1', { hasText: 'Mailboxes' }), 'the Mailboxes heading after a reload');
      if ((await tid(page, 'mailbox-row').filter({ hasText: address }).count()) !== 0) {
        fail(`${address} was still listed after deleting it and reloading`);
      }
    },
  },
];
