// End-to-end: macros in the console. On a Hindi ticket the agent opens the macro picker, finds
// the demo's "Close: resolved" by typing, reads the preview (status to Solved, the Hindi reply
// with the customer's first name), applies it: the reply box holds the rendered reply and the
// ticket is solved, with nothing sent yet. Then the Macros screen shows the use counted.
import { apiSession, atPath, fail, signIn, textMatches, tid, unique, visible } from './lib.mjs';

export const tests = [
  {
    name: 'macros: preview and apply "Close: resolved" on a Hindi ticket; the reply fills the box',
    async run({ page, screenshot, newContext }) {
      const admin = await apiSession(await newContext());
      const ticket = await admin.post('/api/v1/tickets', {
        subject: `पार्सल मिल गया ${unique('m')}`,
        message: { body: 'पार्सल मिल गया, धन्यवाद।' },
        language: 'hi',
        requester: { email: `${unique('mac').toLowerCase()}@example.in`, name: 'सुनीता शर्मा' },
      });
      await signIn(page, { landing: `/tickets/${ticket.id}` });
      await atPath(page, new RegExp(`^/tickets/${ticket.id}$`), 'sign-in should come back to the ticket');
      await (await visible(page, tid(page, 'macro-open'), 'the Macros button on the ticket page')).click();
      await (await visible(page, tid(page, 'macro-search'), 'the macro search box')).fill('close');
      await (await visible(page, tid(page, 'macro-item').first(), 'the "Close: resolved" macro')).click();
      const preview = await visible(page, tid(page, 'macro-preview'), 'the macro preview');
      await textMatches(page, preview, /Solved/, 'the preview naming the new status');
      await textMatches(page, preview, /नमस्ते सुनीता/, 'the Hindi reply with the first name');
      await screenshot('macro-preview');
      await tid(page, 'macro-apply').click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="reply-body"]')?.value.includes('नमस्ते सुनीता'),
        null,
        { timeout: 10_000 },
      ).catch(() => fail('applying the macro did not put its reply in the reply box'));
      const after = await admin.get(`/api/v1/tickets/${ticket.id}`);
      if (after.status !== 'solved') fail(`the ticket is ${after.status} after "Close: resolved", not solved`);
      const messages = await admin.get(`/api/v1/tickets/${ticket.id}/messages`);
      if (messages.data.length !== 1) fail('applying without sending posted a message');

      await page.goto('/macros');
      const row = page.locator('[data-testid="macro-row"]').filter({ hasText: 'Close: resolved' });
      await textMatches(page, row, /Used [1-9]\d* times/, 'the use counted on the Macros screen');
    },
  },
];
