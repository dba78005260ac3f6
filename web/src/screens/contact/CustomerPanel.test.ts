import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import type { Ticket } from '../../api/types';
import { FakeApi, problem } from '../../testing/fakeApi';
import { agent, group, ticket } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { shipment } from '../../testing/shipmentFixtures';
import { contract, invoice, order, summary } from '../commerce/testData';
import CustomerPanel from './CustomerPanel.vue';
import { contact, organisation } from './testData';

let server: FakeApi;
const contactId = ref(31);

/** The panel as the ticket sidebar mounts it, for ticket 1042 of contact `contactId`. */
const Host = defineComponent({
  setup: () => () => h(CustomerPanel, { contactId: contactId.value, currentTicketId: 1042 }),
});

function tickets(n: number): Ticket[] {
  return Array.from({ length: n }, (_, i) =>
    ticket({
      id: 1042 - i,
      number: 1042 - i,
      subject: `Parcel ${i}`,
      status: i === 1 ? 'solved' : 'open',
      channel: i === 1 ? 'phone' : 'email',
      created_at: '2026-11-20T08:35:00.000Z',
    }),
  );
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T08:35:00.000Z'));
  contactId.value = 31;
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language: 'en' }), csrf_token: 'csrf-t' });
  server.on('GET', '/api/v1/agents', {
    data: [agent(), agent({ id: 8, name: 'Arjun Shetty' })],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/groups', { data: [group()], next_cursor: null });
  server.on('GET', '/api/v1/contacts/31', contact());
  server.on('GET', '/api/v1/contacts/31/tickets', { data: tickets(3), next_cursor: null });
  server.on('GET', '/api/v1/organisations/3', organisation());
  server.on('GET', '/api/v1/contacts/31/shipments', {
    data: [shipment({ status: 'in_transit', late: false })],
  });
  server.on('GET', '/api/v1/contacts/31/commerce', summary());
});

afterEach(() => {
  vi.useRealTimers();
});

describe('CustomerPanel', () => {
  it('shows who the customer is, how to reach them and the time where they are', async () => {
    const { wrapper } = await mountScreen(Host, { path: '/tickets/1042', locale: 'en' });
    const panel = wrapper.get('[data-testid=customer-panel]');
    const link = panel.get('[data-testid=customer-link]');
    expect(link.text()).toBe('रवि कुमार');
    expect(link.attributes('href')).toBe('/contacts/31');
    expect(link.attributes('lang')).toBe('hi');

    const facts = panel.get('dl').text();
    expect(facts).toContain('ravi@example.in');
    expect(panel.get('a[href="tel:+919845012345"]').text()).toBe('+919845012345');
    const identities = panel.findAll('.identities li').map((li) => li.text());
    expect(identities).toEqual([
      'Email ravi@example.in',
      'Phone +919845012345',
      'Social media @ravi_k',
    ]);
    // The language is named in its own script, the time is the customer's.
    expect(panel.get('dd[lang=hi]').text()).toBe('हिन्दी');
    expect(panel.get('.local-time').text()).toBe('2:05 PM in Asia/Kolkata');
    expect(panel.find('.quiet-hours').exists()).toBe(false);

    expect(facts).toContain('Dakshin Logistics');
    expect(panel.get('[data-testid=org-tier]').text()).toBe('Premium');
    expect(facts).toContain('Arjun Shetty');
    wrapper.unmount();
  });

  it('lists the other tickets of the customer, newest first, without the one open', async () => {
    const { wrapper } = await mountScreen(Host, { path: '/tickets/1042', locale: 'en' });
    const items = wrapper.findAll('[data-testid=customer-ticket]');
    expect(items).toHaveLength(2);
    expect(items[0]!.get('a').attributes('href')).toBe('/tickets/1041');
    expect(items[0]!.text()).toContain('#1041');
    expect(items[0]!.text()).toContain('Parcel 1');
    expect(items[0]!.get('.status-badge').text()).toBe('Solved');
    expect(items[0]!.text()).toContain('via phone');
    expect(items[0]!.get('time').text()).toBe('3 days ago');
    expect(items[1]!.text()).toContain('#1040');
    expect(wrapper.find('.customer-show-all').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows five and links to the contact page when there are more', async () => {
    server.on('GET', '/api/v1/contacts/31/tickets', { data: tickets(7), next_cursor: 'c2' });
    const { wrapper } = await mountScreen(Host, { path: '/tickets/1042', locale: 'en' });
    expect(wrapper.findAll('[data-testid=customer-ticket]')).toHaveLength(5);
    const all = wrapper.get('.customer-show-all');
    expect(all.attributes('href')).toBe('/contacts/31');
    expect(all.text()).toBe('Show all their tickets');
    wrapper.unmount();
  });

  it('shows the customer’s orders, invoices and organisation’s contracts under the shipments', async () => {
    const { wrapper } = await mountScreen(Host, { path: '/tickets/1042', locale: 'en' });
    const panel = wrapper.get('[data-testid=customer-panel]');
    const headings = panel.findAll('h3').map((h) => h.text());
    expect(headings.slice(-4)).toEqual(['Shipments', 'Orders', 'Invoices', 'Contracts']);
    expect(server.callsTo('GET', '/api/v1/contacts/31/commerce')).toHaveLength(1);

    const orderCard = panel.get('[data-testid=orders-panel] [data-testid=order-card]');
    expect(orderCard.get('.commerce-number').text()).toBe('OD1001');
    expect(orderCard.get('[data-testid=order-status]').text()).toBe('Shipped');
    const invoiceCard = panel.get('[data-testid=invoices-panel] [data-testid=invoice-card]');
    expect(invoiceCard.get('[data-testid=invoice-state]').text()).toBe('Overdue');
    expect(invoiceCard.classes()).toContain('invoice-overdue');
    expect(invoiceCard.get('a[download]').attributes('href')).toBe('/api/v1/invoices/5/pdf');
    const contractItem = panel.get('[data-testid=contract-card] [data-testid=contract]');
    expect(contractItem.get('[data-testid=contract-plan]').text()).toBe('Business Annual');
    // The organisation's tier is still the one the facts show first.
    expect(panel.get('[data-testid=org-tier]').text()).toBe('Premium');
    wrapper.unmount();
  });

  it('speaks the agent’s language: tier, shipments, orders, invoices, contracts, local time', async () => {
    vi.setSystemTime(new Date('2026-11-23T17:00:00.000Z')); // 22:30 in Kolkata
    server.on('GET', '/api/v1/auth/me', { agent: agent({ language: 'hi' }), csrf_token: 'csrf-t' });
    server.on('GET', '/api/v1/contacts/31/commerce', summary({
      orders: [order({ status: 'delivered', payment_status: 'paid' })],
      invoices: [invoice({ state: 'paid', balance: '0.00', amount_paid: '11800.00' })],
      contracts: [contract()],
    }));
    const { wrapper } = await mountScreen(Host, { path: '/tickets/1042', locale: 'hi' });
    expect(wrapper.get('h2').text()).toBe('ग्राहक');
    expect(wrapper.get('[data-testid=org-tier]').text()).toBe('प्रीमियम');
    expect(wrapper.get('.local-time').text()).toContain('Asia/Kolkata में अभी 10:30 pm');
    expect(wrapper.get('.quiet-hours').text()).toContain('कॉल न करें');
    const shipments = wrapper.get('[data-testid=shipments-panel]');
    expect(shipments.get('h3').text()).toBe('शिपमेंट');
    expect(shipments.get('[data-testid=shipment-status]').text()).toBe('रास्ते में');

    const orders = wrapper.get('[data-testid=orders-panel]');
    expect(orders.get('h3').text()).toBe('ऑर्डर');
    expect(orders.get('[data-testid=order-status]').text()).toBe('डिलीवर हो गया');
    expect(orders.get('[data-testid=order-payment]').text()).toBe('भुगतान हो गया');
    const invoices = wrapper.get('[data-testid=invoices-panel]');
    expect(invoices.get('h3').text()).toBe('इनवॉइस');
    expect(invoices.get('[data-testid=invoice-state]').text()).toBe('भुगतान हो गया');
    expect(invoices.get('[data-testid=invoice-pdf]').text()).toBe('PDF डाउनलोड करें');
    const contracts = wrapper.get('[data-testid=contract-card]');
    expect(contracts.get('h3').text()).toBe('अनुबंध');
    expect(contracts.get('[data-testid=contract-state]').text()).toBe('सक्रिय');
    expect(contracts.get('[data-testid=contract-tier]').text()).toBe('एंटरप्राइज़');
    wrapper.unmount();
  });

  it('does not ask the server again when the agent comes back to the same customer', async () => {
    server.on('GET', '/api/v1/contacts/32', contact({ id: 32, name: 'Anita Rao', organisation_id: null }));
    server.on('GET', '/api/v1/contacts/32/tickets', { data: [], next_cursor: null });
    server.on('GET', '/api/v1/contacts/32/commerce', summary({ orders: [], invoices: [], contracts: [] }));
    const { wrapper } = await mountScreen(Host, { path: '/tickets/1042', locale: 'en' });
    contactId.value = 32;
    await flushPromises();
    expect(wrapper.get('[data-testid=customer-link]').text()).toBe('Anita Rao');
    // The new customer's orders, not the last one's; no organisation, so no contracts card.
    expect(wrapper.get('[data-testid=orders-empty]').text()).toBe('No orders yet.');
    expect(wrapper.get('[data-testid=invoices-empty]').text()).toBe('No invoices yet.');
    expect(wrapper.find('[data-testid=contract-card]').exists()).toBe(false);
    expect(wrapper.get('.customer-tickets').text()).toContain('No other tickets from this customer.');
    expect(wrapper.get('dl').text()).toContain('Not part of an organisation');
    expect(wrapper.find('[data-testid=org-tier]').exists()).toBe(false);

    contactId.value = 31;
    await flushPromises();
    expect(wrapper.get('[data-testid=customer-link]').text()).toBe('रवि कुमार');
    expect(server.callsTo('GET', '/api/v1/contacts/31')).toHaveLength(1);
    expect(server.callsTo('GET', '/api/v1/contacts/31/tickets')).toHaveLength(1);
    expect(server.callsTo('GET', '/api/v1/organisations/3')).toHaveLength(1);
    wrapper.unmount();
  });

  it('says so when the customer cannot be found', async () => {
    server.on('GET', '/api/v1/contacts/31', problem(404, 'not-found'));
    server.on('GET', '/api/v1/contacts/31/tickets', problem(404, 'not-found'));
    const { wrapper } = await mountScreen(Host, { path: '/tickets/1042', locale: 'en' });
    expect(wrapper.get('[role=alert]').text()).toContain('This customer was not found.');
    expect(wrapper.find('[data-testid=customer-link]').exists()).toBe(false);
    wrapper.unmount();
  });
});
