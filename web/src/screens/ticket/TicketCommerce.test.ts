import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { invoice, linkedInvoice, linkedOrder, order } from '../commerce/testData';
import TicketCommerce from './TicketCommerce.vue';

let server: FakeApi;
const ORDERS = '/api/v1/tickets/1042/orders';
const INVOICES = '/api/v1/tickets/1042/invoices';

const Host = defineComponent({
  setup: () => () => h(TicketCommerce, { ticketId: 1042 }),
});

const autoOrder = linkedOrder(order());
const agentOrder = linkedOrder(
  order({ id: 8, number: 'OD0998', status: 'delivered', payment_status: 'paid', shipments: [] }),
  { by: 'agent', linked_at: '2026-12-03T10:15:00Z' },
);
const autoInvoice = linkedInvoice(invoice());

function serve(language: Language) {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'csrf-t' });
  server.on('GET', ORDERS, { data: [autoOrder, agentOrder] });
  server.on('GET', INVOICES, { data: [autoInvoice] });
}

async function mountPanel(locale: Language = 'en'): Promise<VueWrapper> {
  const { wrapper } = await mountScreen(Host, { path: '/tickets/1042', locale });
  return wrapper;
}

function orderNumbers(wrapper: VueWrapper): string[] {
  return wrapper.findAll('[data-testid=order-card]').map((c) => c.get('.commerce-number').text());
}

function invoiceNumbers(wrapper: VueWrapper): string[] {
  return wrapper.findAll('[data-testid=invoice-card]').map((c) => c.get('.commerce-number').text());
}

async function link(wrapper: VueWrapper, form: 'order' | 'invoice', number: string): Promise<void> {
  await wrapper.get(`[data-testid=${form}-link-form] input`).setValue(number);
  await wrapper.get(`[data-testid=${form}-link-form]`).trigger('submit');
  await flushPromises();
}

function notice(wrapper: VueWrapper): string {
  return wrapper.get('.ticket-commerce > [role=status]').text();
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-04T05:30:00.000Z'));
  serve('en');
});

afterEach(() => {
  vi.useRealTimers();
});

describe('TicketCommerce', () => {
  it('lists the linked orders and invoices as the customer panel shows them, saying how each was linked', async () => {
    const wrapper = await mountPanel();
    expect(wrapper.get('h2').text()).toBe('Linked orders and invoices');
    expect(wrapper.findAll('h3').map((h3) => h3.text())).toEqual(['Orders', 'Invoices']);
    // Oldest link first, as the server sends them.
    expect(orderNumbers(wrapper)).toEqual(['OD1001', 'OD0998']);
    const [auto, manual] = wrapper.findAll('[data-testid=order-card]');
    const autoLink = auto!.get('[data-testid=commerce-linked]');
    expect(autoLink.text()).toBe('Linked automatically');
    expect(autoLink.attributes('data-by')).toBe('auto');
    expect(autoLink.attributes('title')).toMatch(/^Linked on Dec 3, 2026/);
    expect(auto!.get('[data-testid=order-status]').text()).toBe('Shipped');
    expect(manual!.get('[data-testid=commerce-linked]').text()).toBe('Linked by an agent');
    expect(manual!.get('[data-testid=commerce-unlink]').attributes('aria-label')).toBe(
      'Unlink order OD0998 from this ticket',
    );

    expect(invoiceNumbers(wrapper)).toEqual(['INV/2026-27/0042']);
    const inv = wrapper.get('[data-testid=invoice-card]');
    expect(inv.get('[data-testid=commerce-linked]').text()).toBe('Linked automatically');
    expect(inv.get('[data-testid=invoice-state]').text()).toBe('Overdue');
    expect(inv.classes()).toContain('invoice-overdue');
    expect(inv.get('a[download]').attributes('href')).toBe('/api/v1/invoices/5/pdf');
    expect(inv.get('[data-testid=commerce-unlink]').attributes('aria-label')).toBe(
      'Unlink invoice INV/2026-27/0042 from this ticket',
    );
    wrapper.unmount();
  });

  it('links an order by its number and shows its card', async () => {
    server.on('GET', ORDERS, { data: [] });
    server.on('POST', ORDERS, () =>
      json(201, linkedOrder(order({ id: 20, number: 'OD2020', status: 'confirmed' }), { by: 'agent' })),
    );
    const wrapper = await mountPanel();
    expect(wrapper.get('[data-testid=ticket-orders-empty]').text()).toBe('No orders are linked to this ticket.');

    await link(wrapper, 'order', '  OD2020 ');
    const posts = server.callsTo('POST', ORDERS);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ number: 'OD2020' });
    expect(posts[0]!.headers.get('X-CSRF-Token')).toBe('csrf-t');
    expect(orderNumbers(wrapper)).toEqual(['OD2020']);
    const card = wrapper.get('[data-testid=order-card]');
    expect(card.get('[data-testid=order-status]').text()).toBe('Confirmed');
    expect(card.get('[data-testid=commerce-linked]').text()).toBe('Linked by an agent');
    expect((wrapper.get('[data-testid=order-link-form] input').element as HTMLInputElement).value).toBe('');
    expect(wrapper.find('[data-testid=ticket-orders-empty]').exists()).toBe(false);
    expect(notice(wrapper)).toBe('Order OD2020 linked.');
    wrapper.unmount();
  });

  it('links an invoice by its number at the end of the list', async () => {
    server.on('POST', INVOICES, () =>
      json(201, linkedInvoice(invoice({ id: 6, number: 'INV/2026-27/0050', state: 'open' }), { by: 'agent' })),
    );
    const wrapper = await mountPanel();
    await link(wrapper, 'invoice', 'inv/2026-27/0050');
    expect(server.callsTo('POST', INVOICES)[0]!.body).toEqual({ number: 'inv/2026-27/0050' });
    expect(invoiceNumbers(wrapper)).toEqual(['INV/2026-27/0042', 'INV/2026-27/0050']);
    expect(notice(wrapper)).toBe('Invoice INV/2026-27/0050 linked.');
    wrapper.unmount();
  });

  it('a number already linked stays one card (200), with the link the server had', async () => {
    server.on('POST', ORDERS, () => json(200, autoOrder));
    const wrapper = await mountPanel();
    await link(wrapper, 'order', 'OD1001');
    expect(orderNumbers(wrapper)).toEqual(['OD1001', 'OD0998']);
    expect(wrapper.get('[data-testid=commerce-linked]').text()).toBe('Linked automatically');
    expect(notice(wrapper)).toBe('Order OD1001 was already linked.');
    wrapper.unmount();
  });

  it('says “No order with that number” on a 404, and keeps what was typed', async () => {
    server.on('POST', ORDERS, problem(404, 'not-found', 'No order has the number OD404.'));
    const wrapper = await mountPanel();
    await link(wrapper, 'order', 'OD404');
    const form = wrapper.get('[data-testid=order-link-form]');
    expect(form.get('[role=alert]').text()).toBe('No order with that number.');
    const input = form.get('input');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get(`#${input.attributes('aria-describedby')}`).text()).toBe('No order with that number.');
    expect((input.element as HTMLInputElement).value).toBe('OD404');
    expect(orderNumbers(wrapper)).toEqual(['OD1001', 'OD0998']);
    wrapper.unmount();
  });

  it('says “No invoice with that number” for invoices, and the server’s reason for a refused number', async () => {
    server.on('POST', INVOICES, problem(404, 'not-found'));
    const wrapper = await mountPanel();
    await link(wrapper, 'invoice', 'INV-9');
    expect(wrapper.get('[data-testid=invoice-link-form] [role=alert]').text()).toBe('No invoice with that number.');
    expect(wrapper.find('[data-testid=order-link-form] [role=alert]').exists()).toBe(false);

    server.on(
      'POST',
      INVOICES,
      problem(422, 'validation', 'bad', [{ field: 'number', message: 'may only hold A-Z 0-9 - / _ .' }]),
    );
    await link(wrapper, 'invoice', 'INV 9!');
    expect(wrapper.get('[data-testid=invoice-link-form] [role=alert]').text()).toBe(
      'It could not be linked: may only hold A-Z 0-9 - / _ .',
    );
    wrapper.unmount();
  });

  it('unlinks an order and an invoice and removes their cards', async () => {
    server.on('DELETE', `${ORDERS}/8`, () => json(204, null));
    server.on('DELETE', `${INVOICES}/5`, () => json(204, null));
    const wrapper = await mountPanel();
    await wrapper.get('[data-testid=ticket-orders] [data-testid=order-card]:nth-of-type(2) [data-testid=commerce-unlink]').trigger('click');
    await flushPromises();
    expect(server.callsTo('DELETE', `${ORDERS}/8`)).toHaveLength(1);
    expect(orderNumbers(wrapper)).toEqual(['OD1001']);
    expect(notice(wrapper)).toBe('Order OD0998 unlinked.');

    await wrapper.get('[data-testid=ticket-invoices] [data-testid=commerce-unlink]').trigger('click');
    await flushPromises();
    expect(server.callsTo('DELETE', `${INVOICES}/5`)).toHaveLength(1);
    expect(invoiceNumbers(wrapper)).toEqual([]);
    expect(wrapper.get('[data-testid=ticket-invoices-empty]').text()).toBe('No invoices are linked to this ticket.');
    expect(notice(wrapper)).toBe('Invoice INV/2026-27/0042 unlinked.');
    wrapper.unmount();
  });

  it('keeps the card and says why when unlinking fails; one already gone counts as unlinked', async () => {
    server.on('DELETE', `${ORDERS}/7`, problem(503, 'unavailable'));
    server.on('DELETE', `${INVOICES}/5`, problem(404, 'not-found'));
    const wrapper = await mountPanel();
    await wrapper.get('[data-testid=ticket-orders] [data-testid=commerce-unlink]').trigger('click');
    await flushPromises();
    expect(orderNumbers(wrapper)).toEqual(['OD1001', 'OD0998']);
    expect(wrapper.get('[data-testid=ticket-orders] [role=alert]').text()).toBe(
      'The server is busy or under maintenance. Try again shortly.',
    );

    await wrapper.get('[data-testid=ticket-invoices] [data-testid=commerce-unlink]').trigger('click');
    await flushPromises();
    expect(invoiceNumbers(wrapper)).toEqual([]);
    wrapper.unmount();
  });

  it('says in words when the linked orders and invoices cannot be loaded, and tries again', async () => {
    server.on('GET', INVOICES, problem(403, 'forbidden'));
    const wrapper = await mountPanel();
    expect(wrapper.get('[role=alert]').text()).toBe('Your role does not allow this.');
    expect(wrapper.find('[data-testid=ticket-orders-empty]').exists()).toBe(false);
    server.on('GET', INVOICES, { data: [autoInvoice] });
    await wrapper.get('.ticket-commerce > button.secondary').trigger('click');
    await flushPromises();
    expect(wrapper.find('[role=alert]').exists()).toBe(false);
    expect(orderNumbers(wrapper)).toEqual(['OD1001', 'OD0998']);
    expect(invoiceNumbers(wrapper)).toEqual(['INV/2026-27/0042']);
    wrapper.unmount();
  });

  it('says it is loading until both answers come', async () => {
    let answer: (r: Response) => void = () => {};
    server.on('GET', ORDERS, () => new Promise<Response>((resolve) => (answer = resolve)));
    const wrapper = await mountPanel();
    expect(wrapper.get('.ticket-commerce > [role=status].muted').text()).toBe(
      'Loading linked orders and invoices…',
    );
    expect(wrapper.get('[data-testid=ticket-commerce]').attributes('aria-busy')).toBe('true');
    answer(json(200, { data: [] }));
    await flushPromises();
    expect(wrapper.get('[data-testid=ticket-commerce]').attributes('aria-busy')).toBe('false');
    expect(wrapper.find('[data-testid=ticket-orders-empty]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('speaks Hindi', async () => {
    serve('hi');
    server.on('POST', ORDERS, problem(404, 'not-found'));
    const wrapper = await mountPanel('hi');
    expect(wrapper.get('h2').text()).toBe('जुड़े हुए ऑर्डर और इनवॉइस');
    expect(wrapper.findAll('[data-testid=commerce-linked]').map((l) => l.text())).toEqual([
      'अपने-आप जोड़ा गया',
      'एजेंट ने जोड़ा',
      'अपने-आप जोड़ा गया',
    ]);
    expect(wrapper.get('[data-testid=invoice-state]').text()).toBe('अतिदेय');
    expect(wrapper.get('[data-testid=order-link-form] h4').text()).toBe('ऑर्डर जोड़ें');
    expect(wrapper.get('[data-testid=invoice-link-form] label').text()).toBe('इनवॉइस नंबर');
    await link(wrapper, 'order', 'OD404');
    expect(wrapper.get('[data-testid=order-link-form] [role=alert]').text()).toBe('इस नंबर का कोई ऑर्डर नहीं मिला।');
    wrapper.unmount();
  });
});
