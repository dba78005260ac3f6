// Admin → Mailboxes, as an admin uses it: the list, the form in sections with write-only
// passwords, the server tests answering in words, and deletion after a question.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../api/mailboxes';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import MailboxesAdmin from './MailboxesAdmin.vue';

const T0 = '2026-11-23T10:00:00.000Z';

function mailbox(over: Partial<Mailbox> = {}): Mailbox {
  return {
    id: 3,
    name: 'Support',
    address: 'support@acme-courier.test',
    from_name: 'Acme Support',
    group_id: 2,
    enabled: true,
    inbound: 'imap',
    imap_host: 'imap.acme-courier.test',
    imap_port: 993,
    imap_security: 'tls',
    imap_username: 'support',
    imap_password_set: true,
    imap_folder: 'INBOX',
    imap_after: 'flag',
    imap_move_to: '',
    imap_poll_seconds: 60,
    smtp_host: 'smtp.acme-courier.test',
    smtp_port: 587,
    smtp_security: 'starttls',
    smtp_username: 'support',
    smtp_password_set: true,
    tls_verify: true,
    auto_ack: true,
    auto_ack_templates: { hi: { subject: 'आपका टिकट', body: 'धन्यवाद' } },
    last_fetch_at: T0,
    last_error: '',
    created_at: T0,
    updated_at: T0,
    version: 4,
    ...over,
  };
}

let server: FakeApi;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/groups', { data: [group({ id: 2, name: 'Shipping' })], next_cursor: null });
  server.on('GET', '/api/v1/mailboxes', {
    data: [
      mailbox(),
      mailbox({
        id: 4, name: 'Billing', address: 'billing@acme-courier.test', group_id: null, inbound: 'lmtp',
        imap_host: '', smtp_host: '', last_fetch_at: null,
        last_error: 'imap.example.in:993 refused the login: Authentication failed.',
      }),
    ],
    next_cursor: null,
  });
});

describe('MailboxesAdmin', () => {
  it('lists mailboxes with group, inbound way and the last error', async () => {
    const { wrapper } = await mountScreen(MailboxesAdmin, { path: '/admin/mailboxes', locale: 'en' });
    const rows = wrapper.findAll('[data-testid="mailbox-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('support@acme-courier.test');
    expect(rows[0]!.text()).toContain('Shipping');
    expect(rows[0]!.text()).toContain('IMAP (imap.acme-courier.test)');
    expect(rows[1]!.text()).toContain('LMTP / mail-deliver');
    expect(rows[1]!.text()).toContain("The workspace's first group");
    expect(rows[1]!.get('[data-testid="mailbox-last-error"]').text()).toBe(
      'Last error: imap.example.in:993 refused the login: Authentication failed.',
    );
    expect(rows[1]!.get('[data-testid="mailbox-last-error"]').classes()).toContain('form-error');
    // A mailbox without IMAP offers neither "Test incoming" nor "Fetch now".
    expect(rows[1]!.find('[data-testid="mailbox-test-imap"]').exists()).toBe(false);
    expect(rows[1]!.find('[data-testid="mailbox-fetch-now"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('creates a mailbox with its passwords and templates, and shows field errors', async () => {
    server.on('POST', '/api/v1/mailboxes', (call) => {
      const body = call.body as Record<string, unknown>;
      if (body.imap_poll_seconds === 5) {
        return problem(422, 'validation', 'invalid', [
          { field: 'imap_poll_seconds', message: 'must be from 10 to 3600 seconds' },
          { field: 'address', message: 'is not an e-mail address' },
        ]);
      }
      return json(201, mailbox({ id: 9, name: body.name as string, address: body.address as string }));
    });
    const { wrapper } = await mountScreen(MailboxesAdmin, { path: '/admin/mailboxes', locale: 'en' });
    await wrapper.get('[data-testid="mailbox-create"]').trigger('click');
    const form = wrapper.get('[data-testid="mailbox-form"]');
    expect(form.findAll('legend').map((l) => l.text())).toEqual([
      'Address and group', 'Incoming mail (IMAP)', 'Outgoing mail (SMTP)', 'Auto-acknowledgement',
    ]);
    await wrapper.get('#mailbox-name').setValue('Sales');
    await wrapper.get('#mailbox-address').setValue('sales@acme');
    await wrapper.get('#mailbox-group').setValue('2');
    await wrapper.get('#mailbox-imap-host').setValue('imap.acme-courier.test');
    await wrapper.get('#mailbox-imap-username').setValue('sales');
    await wrapper.get('#mailbox-imap-password').setValue('imap-pass');
    await wrapper.get('#mailbox-imap-poll').setValue('5');
    await wrapper.get('#mailbox-ack-kn-subject').setValue('ನಿಮ್ಮ ಟಿಕೆಟ್');
    await wrapper.get('#mailbox-ack-kn-body').setValue('ಧನ್ಯವಾದಗಳು');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#mailbox-imap-poll').attributes('aria-invalid')).toBe('true');
    expect(wrapper.text()).toContain('must be from 10 to 3600 seconds');
    expect(wrapper.text()).toContain('Enter a valid email address.');

    await wrapper.get('#mailbox-imap-poll').setValue('120');
    await wrapper.get('#mailbox-address').setValue('sales@acme-courier.test');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const sent = server.callsTo('POST', '/api/v1/mailboxes')[1]!.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      name: 'Sales',
      address: 'sales@acme-courier.test',
      group_id: 2,
      imap_host: 'imap.acme-courier.test',
      imap_username: 'sales',
      imap_password: 'imap-pass',
      imap_poll_seconds: 120,
      auto_ack_templates: { kn: { subject: 'ನಿಮ್ಮ ಟಿಕೆಟ್', body: 'ಧನ್ಯವಾದಗಳು' } },
    });
    expect(sent).not.toHaveProperty('smtp_password');
    expect(wrapper.get('[role="status"]').text()).toBe('Mailbox Sales added.');
    wrapper.unmount();
    }, 20_000); // many fields to fill: slow on 2 shared cores

  it('edits with write-only passwords: empty keeps, the checkbox clears', async () => {
    server.on('PATCH', '/api/v1/mailboxes/3', (call) =>
      json(200, mailbox({ ...(call.body as object), version: 5 })),
    );
    const { wrapper } = await mountScreen(MailboxesAdmin, { path: '/admin/mailboxes', locale: 'en' });
    await wrapper.findAll('[data-testid="mailbox-row"]')[0]!.findAll('button')
      .find((b) => b.text().startsWith('Edit'))!.trigger('click');
    expect(wrapper.get('#mailbox-imap-password').attributes('placeholder')).toBe('set — leave empty to keep');
    expect((wrapper.get('#mailbox-ack-hi-subject').element as HTMLInputElement).value).toBe('आपका टिकट');
    await wrapper.get('#mailbox-from-name').setValue('Acme Help');
    await wrapper.findAll('label').filter((l) => l.text() === 'Remove the saved password')[1]!
      .get('input').setValue(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const call = server.callsTo('PATCH', '/api/v1/mailboxes/3')[0]!;
    expect(call.body).toEqual({ from_name: 'Acme Help', smtp_password: '' });
    expect(call.headers.get('If-Match')).toBe('"4"');
    wrapper.unmount();
  });

  it('tests incoming and outgoing mail and says what happened, in Hindi too', async () => {
    server.on('POST', '/api/v1/mailboxes/3/test-imap', { ok: true, messages_pending: 2 });
    server.on('POST', '/api/v1/mailboxes/3/test-smtp', {
      ok: false, error: 'smtp.acme-courier.test:587 refused the login: 535 5.7.8 Error: authentication failed',
    });
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language: 'hi' }), csrf_token: 'c' });
    server.on('POST', '/api/v1/mailboxes/3/fetch-now', problem(503, 'fetching-not-running', 'IMAP fetching is not running'));
    const { wrapper } = await mountScreen(MailboxesAdmin, { path: '/admin/mailboxes', locale: 'hi' });
    const row = () => wrapper.findAll('[data-testid="mailbox-row"]')[0]!;
    await row().get('[data-testid="mailbox-test-imap"]').trigger('click');
    await flushPromises();
    expect(row().get('[data-testid="mailbox-result"]').text()).toBe(
      'IMAP सर्वर में साइन इन हुआ; 2 संदेश प्रतीक्षा में हैं।',
    );
    await row().get('[data-testid="mailbox-test-smtp"]').trigger('click');
    await row().get('[data-testid="mailbox-test-smtp-form"] input').setValue('ravi.kumar@example.in');
    await row().get('[data-testid="mailbox-test-smtp-form"]').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/mailboxes/3/test-smtp')[0]!.body).toEqual({ to: 'ravi.kumar@example.in' });
    const result = row().get('[data-testid="mailbox-result"]');
    expect(result.text()).toBe(
      'परीक्षण संदेश नहीं भेजा गया: smtp.acme-courier.test:587 refused the login: 535 5.7.8 Error: authentication failed',
    );
    expect(result.classes()).toContain('form-error');
    await row().get('[data-testid="mailbox-fetch-now"]').trigger('click');
    await flushPromises();
    expect(row().get('[data-testid="mailbox-result"]').text()).toBe('इस सर्वर पर IMAP से मेल लाना चालू नहीं है।');
    wrapper.unmount();
  });

  it('asks before deleting', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language: 'kn' }), csrf_token: 'c' });
    server.on('DELETE', '/api/v1/mailboxes/4', json(204, null));
    const { wrapper } = await mountScreen(MailboxesAdmin, { path: '/admin/mailboxes', locale: 'kn' });
    const row = wrapper.findAll('[data-testid="mailbox-row"]')[1]!;
    await row.findAll('button').find((b) => b.text() === 'ಅಳಿಸಿ')!.trigger('click');
    expect(wrapper.text()).toContain('ಮೇಲ್‌ಬಾಕ್ಸ್ Billing ಅಳಿಸಬೇಕೇ?');
    expect(server.callsTo('DELETE', '/api/v1/mailboxes/4')).toHaveLength(0);
    await wrapper.get('.confirm-ask .button.danger').trigger('click');
    await flushPromises();
    expect(server.callsTo('DELETE', '/api/v1/mailboxes/4')).toHaveLength(1);
    expect(wrapper.findAll('[data-testid="mailbox-row"]')).toHaveLength(1);
    expect(wrapper.get('[role="status"]').text()).toBe('ಮೇಲ್‌ಬಾಕ್ಸ್ Billing ಅಳಿಸಲಾಗಿದೆ.');
    wrapper.unmount();
  });
});
