// End-to-end: SLAs in the console. A customer's chat-channel ticket falls under the demo's
// "Live chat" policy: the ticket page shows its first-response clock running, due a minute after
// it came; the agent answers and the clock shows it met. The admin's SLA policies screen lists
// the demo's three policies in order.
import { apiSession, fail, signIn, textMatches, tid, unique, visible } from './lib.mjs';

export const tests = [
  {
    name: 'sla: a chat ticket shows its one-minute clock, met by the reply; admins see the policies',
    async run({ page, screenshot, newContext }) {
      const admin = await apiSession(await newContext());
      const ticket = await admin.post('/api/v1/tickets', {
        subject: `चैट: पार्सल ${unique('s')}`,
        message: { body: 'मेरा पार्सल कहाँ है?' },
        channel: 'chat',
        language: 'hi',
        requester: { email: `${unique('sla').toLowerCase()}@example.in`, name: 'आशा' },
      });
      await signIn(page, { landing: `/tickets/${ticket.id}` });
      const panel = await visible(page, tid(page, 'sla-panel'), 'the SLA panel on the ticket page');
      await textMatches(page, tid(page, 'sla-policy'), /Live chat/, 'the policy that applies');
      const first = tid(page, 'sla-clock').first();
      await textMatches(page, first, /First response/i, 'the first-response clock');
      const states = await tid(page, 'sla-state').allTextContents();
      if (!states.some((s) => /running|due|active|overdue|breached/i.test(s))) {
        fail(`the first-response clock is not running: ${JSON.stringify(states)}`);
      }
      await screenshot('sla-running');

      const reply = await admin.post(`/api/v1/tickets/${ticket.id}/messages`, {
        body: 'नमस्ते आशा, आपका पार्सल आज पहुँचेगा।',
        public: true,
      });
      if (!reply.id) fail('the reply was not posted');
      const sla = await admin.get(`/api/v1/tickets/${ticket.id}/sla`);
      const clock = sla.clocks.find((c) => c.metric === 'first_response');
      if (!clock || !['achieved', 'breached'].includes(clock.state)) {
        fail(`after the reply the first response is ${clock?.state}`);
      }
      await page.reload();
      await visible(page, panel, 'the SLA panel after the reply');
      await textMatches(page, tid(page, 'sla-clock').first(), /met|achieved|late|breached/i,
        'the first-response clock met (or met late on a slow machine)');

      await page.goto('/admin/sla-policies');
      const rows = page.locator('[data-testid="sla-row"]');
      await visible(page, rows.first(), 'the SLA policies list');
      const names = await rows.allTextContents();
      if (!/Live chat/.test(names[0] ?? '') || !/Enterprise/.test(names[1] ?? '') || !/Standard/.test(names[2] ?? '')) {
        fail(`the policies are not the demo's three in order: ${JSON.stringify(names)}`);
      }
      await screenshot('sla-policies');
    },
  },
];
