import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group, message, ticket } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { invoice, linkedInvoice, linkedOrder, order, summary } from '../commerce/testData';
import { contact, organisation } from '../contact/testData';
import TicketScreen from './TicketScreen.vue';

let server: FakeApi;

function serve(language: Language) {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'csrf-t' });
  server.on('GET', '/api/v1/agents', {
    data: [agent(), agent({ id: 8, name: 'Arjun Shetty' }), agent({ id: 9, name: 'Gone', active: false })],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/groups', { data: [group(), group({ id: 3, name: 'Repairs' })], next_cursor: null });
  server.on('GET', '/api/v1/tickets/1042', ticket());
  server.on('GET', '/api/v1/tickets/1042/messages', {
    data: [
      message({
        id: 1,
        body: 'Hello <b>there</b>, parcel SHY123',
        html: '<p>Hello <b>there</b>, parcel <a href="https://track.example/SHY123">SHY123</a></p>',
        channel: 'email',
      }),
      message({
        id: 2,
        public: false,
        author: { type: 'agent', id: 7, name: 'Meera Rao' },
        body: 'Customer pasted <img src=x onerror=alert(1)> in chat',
        html: '',
        channel: 'chat',
      }),
      message({
        id: 3,
        author: { type: 'agent', id: 7, name: 'Meera Rao' },
        body: 'आपका पार्सल आज पहुँचेगा।',
        channel: 'email',
        attachments: [{ id: 77, filename: 'invoice.pdf', mime_type: 'application/pdf', size: 2048 }],
      }),
    ],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/tickets/1042/shipments', { data: [] });
  server.on('GET', '/api/v1/tickets/1042/orders', { data: [linkedOrder(order())] });
  server.on('GET', '/api/v1/tickets/1042/invoices', { data: [] });
}

describe('TicketScreen', () => {
  beforeEach(() => serve('en'));

  it('shows the conversation: replies and notes apart, channel, only server HTML as HTML', async () => {
    const { wrapper } = await mountScreen(TicketScreen, { path: '/tickets/1042', locale: 'en' });
    expect(wrapper.get('h1').text()).toContain('#1042');
    expect(wrapper.get('h1').text()).toContain('मेरा पार्सल कहाँ है?');
    expect(wrapper.get('.ticket-meta').text()).toContain('Requested by Ravi Kumar');

    const messages = wrapper.findAll('article.message');
    expect(messages).toHaveLength(3);
    expect(messages[0]!.classes()).toContain('message-public');
    expect(messages[0]!.get('.message-kind').text()).toBe('Customer');
    expect(messages[0]!.get('.message-channel').text()).toBe('via email');
    expect(messages[0]!.get('.message-html b').text()).toBe('there');
    expect(messages[0]!.get('.message-html a').attributes('href')).toBe('https://track.example/SHY123');

    expect(messages[1]!.classes()).toContain('message-note');
    expect(messages[1]!.get('.message-kind').text()).toBe('Internal note');
    expect(messages[1]!.get('.message-channel').text()).toBe('via chat');
    expect(messages[1]!.find('img').exists()).toBe(false);
    expect(messages[1]!.get('.message-text').text()).toContain('<img src=x onerror=alert(1)>');

    expect(messages[2]!.classes()).toContain('message-public');
    expect(messages[2]!.get('.message-kind').text()).toBe('Public reply');
    expect(messages[2]!.get('.attachments a').attributes('href')).toBe('/api/v1/attachments/77/content');
    expect(messages[2]!.get('.attachments').text()).toContain('2 KB');
    // The conversation carries the ticket's language for fonts and screen readers.
    expect(wrapper.get('.conversation [lang]').attributes('lang')).toBe('hi');
    wrapper.unmount();
  });

  it('shows the fields in the sidebar with the moves the lifecycle allows', async () => {
    const { wrapper } = await mountScreen(TicketScreen, { path: '/tickets/1042', locale: 'en' });
    const status = wrapper.get<HTMLSelectElement>('#field-status');
    expect(status.element.value).toBe('open');
    expect(status.findAll('option').map((o) => o.text())).toEqual(['Open', 'Pending', 'On hold', 'Solved']);
    expect(wrapper.get<HTMLSelectElement>('#field-assignee').element.selectedOptions[0]!.text).toBe('Meera Rao');
    expect(wrapper.get('#field-assignee').text()).not.toContain('Gone');
    expect(wrapper.get<HTMLSelectElement>('#field-group').element.selectedOptions[0]!.text).toBe('Shipping');
    expect(wrapper.get('.tags').text()).toContain('delivery_delay');
    expect(wrapper.get('.sidebar-actions button[type=submit]').attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('saves only what changed, with If-Match and the CSRF token', async () => {
    server.on('PATCH', '/api/v1/tickets/1042', (call) =>
      json(200, ticket({ ...(call.body as object), version: 4 })),
    );
    const { wrapper } = await mountScreen(TicketScreen, { path: '/tickets/1042', locale: 'en' });
    await wrapper.get('#field-priority').setValue('urgent');
    await wrapper.get('#field-assignee').setValue('8');
    await wrapper.get('#field-new-tag').setValue('ಪಾರ್ಸೆಲ್');
    await wrapper.get('#field-new-tag').trigger('keydown', { key: 'Enter' });
    await wrapper.get('form.ticket-sidebar').trigger('submit');
    await flushPromises();
    const patch = server.callsTo('PATCH', '/api/v1/tickets/1042')[0]!;
    expect(patch.body).toEqual({ priority: 'urgent', assignee_id: 8, tags: ['delivery_delay', 'ಪಾರ್ಸೆಲ್'] });
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(patch.headers.get('X-CSRF-Token')).toBe('csrf-t');
    expect(wrapper.get('.ticket-sidebar [role=status]').text()).toBe('Changes saved.');
    wrapper.unmount();
  });

  it('adds an internal note from the reply box', async () => {
    server.on('POST', '/api/v1/tickets/1042/messages', (call) =>
      json(201, message({ id: 4, public: false, body: (call.body as { body: string }).body, author: { type: 'agent', id: 7, name: 'Meera Rao' } })),
    );
    const { wrapper } = await mountScreen(TicketScreen, { path: '/tickets/1042', locale: 'en' });
    expect(wrapper.get('label[for=reply-body]').text()).toBe('Reply to Ravi Kumar');
    await wrapper.get('input[value=note]').setValue(true);
    expect(wrapper.get('.reply-box button[type=submit]').text()).toBe('Add note');
    await wrapper.get('#reply-body').setValue('Called the hub in Hubballi');
    await wrapper.get('form.reply-box').trigger('submit');
    await flushPromises();
    const post = server.callsTo('POST', '/api/v1/tickets/1042/messages')[0]!;
    expect(post.body).toEqual({ body: 'Called the hub in Hubballi', public: false });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
    expect(wrapper.findAll('article.message')).toHaveLength(4);
    expect(wrapper.findAll('article.message').at(-1)!.classes()).toContain('message-note');
    expect((wrapper.get('#reply-body').element as HTMLTextAreaElement).value).toBe('');
    wrapper.unmount();
  });

  it('shows the linked orders and invoices in the sidebar, under the linked shipments and above the customer', async () => {
    server.on('GET', '/api/v1/tickets/1042/invoices', {
      data: [linkedInvoice(invoice(), { by: 'agent' })],
    });
    server.on('GET', '/api/v1/contacts/31', contact());
    server.on('GET', '/api/v1/contacts/31/tickets', { data: [], next_cursor: null });
    server.on('GET', '/api/v1/contacts/31/shipments', { data: [] });
    server.on('GET', '/api/v1/organisations/3', organisation());
    server.on('GET', '/api/v1/contacts/31/commerce', summary());
    const { wrapper } = await mountScreen(TicketScreen, { path: '/tickets/1042', locale: 'en' });
    const aside = wrapper.get('.ticket-aside');
    const panels = aside.findAll(':scope > *').map((el) => el.attributes('data-testid') ?? el.classes()[0]);
    expect(panels.indexOf('ticket-commerce')).toBe(panels.indexOf('ticket-shipments') + 1);
    expect(panels.indexOf('customer-panel')).toBeGreaterThan(panels.indexOf('ticket-commerce'));

    const linked = aside.get('[data-testid=ticket-commerce]');
    expect(linked.get('h2').text()).toBe('Linked orders and invoices');
    expect(linked.get('[data-testid=order-card] .commerce-number').text()).toBe('OD1001');
    expect(linked.get('[data-testid=order-card] [data-testid=commerce-linked]').text()).toBe('Linked automatically');
    expect(linked.get('[data-testid=invoice-card] [data-testid=commerce-linked]').text()).toBe('Linked by an agent');
    // The customer's own orders and invoices show in their panel too.
    const customer = aside.get('[data-testid=customer-panel]');
    expect(customer.find('[data-testid=orders-panel] [data-testid=order-card]').exists()).toBe(true);
    expect(customer.get('[data-testid=invoices-panel] [data-testid=invoice-state]').text()).toBe('Overdue');
    wrapper.unmount();
  });

  it('renders in Kannada', async () => {
    serve('kn');
    const { wrapper } = await mountScreen(TicketScreen, { path: '/tickets/1042', locale: 'en' });
    const messages = wrapper.findAll('article.message');
    expect(messages[0]!.get('.message-kind').text()).toBe('ಗ್ರಾಹಕರು');
    expect(messages[2]!.get('.message-kind').text()).toBe('ಸಾರ್ವಜನಿಕ ಉತ್ತರ');
    expect(messages[1]!.get('.message-kind').text()).toBe('ಆಂತರಿಕ ಟಿಪ್ಪಣಿ');
    expect(messages[0]!.get('.message-channel').text()).toBe('ಇಮೇಲ್ ಮೂಲಕ');
    expect(wrapper.get('.ticket-sidebar h2').text()).toBe('ಟಿಕೆಟ್ ವಿವರಗಳು');
    expect(wrapper.get<HTMLSelectElement>('#field-status').element.selectedOptions[0]!.text).toBe('ತೆರೆದಿದೆ');
    expect(wrapper.get('label[for=reply-body]').text()).toBe('Ravi Kumar ಅವರಿಗೆ ಉತ್ತರಿಸಿ');
    expect(wrapper.get('.ticket-meta').text()).toContain('ರಚಿಸಲಾಗಿದೆ');
    wrapper.unmount();
  });
});

describe('TicketScreen errors', () => {
  beforeEach(() => serve('hi'));

  it('names the refused fields in the agent’s language', async () => {
    server.on(
      'PATCH',
      '/api/v1/tickets/1042',
      problem(422, 'validation', 'invalid', [
        { field: 'priority', message: 'bad' },
        { field: 'tags', message: 'too long' },
      ]),
    );
    const { wrapper } = await mountScreen(TicketScreen, { path: '/tickets/1042', locale: 'en' });
    await wrapper.get('#field-priority').setValue('high');
    await wrapper.get('form.ticket-sidebar').trigger('submit');
    await flushPromises();
    expect(wrapper.get('.ticket-sidebar [role=alert]').text()).toBe(
      'ये मान स्वीकार नहीं किए गए: प्राथमिकता और टैग।',
    );
    wrapper.unmount();
  });

  it('keeps the draft and says so when a reply cannot be sent', async () => {
    server.on('POST', '/api/v1/tickets/1042/messages', problem(503, 'unavailable'));
    const { wrapper } = await mountScreen(TicketScreen, { path: '/tickets/1042', locale: 'en' });
    await wrapper.get('#reply-body').setValue('आपका पार्सल आज पहुँचेगा।');
    await wrapper.get('form.reply-box').trigger('submit');
    await flushPromises();
    expect(wrapper.get('.reply-box [role=alert]').text()).toBe(
      'सर्वर व्यस्त है या उसका रखरखाव चल रहा है। थोड़ी देर बाद फिर से कोशिश करें।',
    );
    expect((wrapper.get('#reply-body').element as HTMLTextAreaElement).value).toBe('आपका पार्सल आज पहुँचेगा।');
    wrapper.unmount();
  });
});
