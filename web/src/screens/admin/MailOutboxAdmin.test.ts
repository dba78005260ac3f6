// Admin → Outgoing mail, as an admin uses it: the dead letters first with their reason, other
// states on request, and "Send again" queueing a mail once more.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../api/mailOutbox';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import MailOutboxAdmin from './MailOutboxAdmin.vue';

const T0 = '2026-11-23T10:00:00.000Z';

function item(over: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id: 7,
    kind: 'auto_ack',
    state: 'dead',
    mailbox_id: 1,
    ticket_id: 12,
    message_row_id: null,
    message_id: 'sahayak.abc@acme-courier.test',
    to: 'ghost@example.in',
    cc: [],
    subject: 'Re: पार्सल नहीं मिला [#12]',
    attachments: 0,
    attempts: 1,
    next_attempt_at: T0,
    last_error: '550 5.1.1 <ghost@example.in>: Recipient address rejected',
    created_at: T0,
    updated_at: T0,
    sent_at: null,
    ...over,
  };
}

let server: FakeApi;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/mail/outbox', (call) =>
    json(200, call.query.get('state') === 'sent'
      ? { data: [item({ id: 8, kind: 'reply', state: 'sent', to: 'priya@example.in', last_error: '',
        subject: 'Re: Refund [#3]', attempts: 1, sent_at: T0 })], next_cursor: null }
      : { data: [item()], next_cursor: null }));
});

describe('MailOutboxAdmin', () => {
  it('lists the mail that was not delivered, with the reason', async () => {
    const { wrapper } = await mountScreen(MailOutboxAdmin, { path: '/admin', locale: 'en' });
    expect(server.callsTo('GET', '/api/v1/mail/outbox')[0]!.query.get('state')).toBe('dead');
    const rows = wrapper.findAll('[data-testid="outbox-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text()).toContain('ghost@example.in');
    expect(rows[0]!.text()).toContain('Re: पार्सल नहीं मिला [#12]');
    expect(rows[0]!.text()).toContain('Acknowledgement');
    expect(rows[0]!.text()).toContain('Not delivered');
    expect(rows[0]!.text()).toContain('1 attempt');
    expect(rows[0]!.get('[data-testid="outbox-error"]').text()).toBe(
      'Last error: 550 5.1.1 <ghost@example.in>: Recipient address rejected',
    );
    wrapper.unmount();
  });

  it('shows sent mail on request, without "Send again"', async () => {
    const { wrapper } = await mountScreen(MailOutboxAdmin, { path: '/admin', locale: 'en' });
    await wrapper.get('[data-testid="outbox-state"]').setValue('sent');
    await flushPromises();
    const rows = wrapper.findAll('[data-testid="outbox-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text()).toContain('priya@example.in');
    expect(rows[0]!.text()).toContain('Sent');
    expect(rows[0]!.find('[data-testid="outbox-retry"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('sends a dead letter again, and says so', async () => {
    server.on('POST', '/api/v1/mail/outbox/7/retry',
      json(200, item({ state: 'queued', attempts: 0, last_error: '' })));
    const { wrapper } = await mountScreen(MailOutboxAdmin, { path: '/admin', locale: 'en' });
    const button = wrapper.get('[data-testid="outbox-retry"]');
    expect(button.attributes('aria-label')).toBe('Send the mail to ghost@example.in again');
    await button.trigger('click');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/mail/outbox/7/retry')).toHaveLength(1);
    const row = wrapper.get('[data-testid="outbox-row"]');
    expect(row.text()).toContain('Waiting');
    expect(row.find('[data-testid="outbox-error"]').exists()).toBe(false);
    expect(wrapper.get('[role="status"]').text()).toBe('The mail to ghost@example.in is queued again.');
    wrapper.unmount();
  });

  it('says why a retry was refused, in Hindi too', async () => {
    server.on('POST', '/api/v1/mail/outbox/7/retry',
      problem(404, 'not-found', 'outgoing mail 7 does not exist'));
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language: 'hi' }), csrf_token: 'c' });
    const { wrapper } = await mountScreen(MailOutboxAdmin, { path: '/admin', locale: 'hi' });
    expect(wrapper.get('h1').text()).toBe('भेजे जाने वाले ई-मेल');
    expect(wrapper.text()).toContain('नहीं पहुँचा');
    await wrapper.get('[data-testid="outbox-retry"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).not.toBe('');
    wrapper.unmount();
  });
});
