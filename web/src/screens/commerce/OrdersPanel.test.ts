import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import OrdersPanel from './OrdersPanel.vue';
import { commerceHost, order, summary } from './testData';

let server: FakeApi;
const PATH = '/api/v1/contacts/31/commerce';
const contactId = ref(31);
const Host = commerceHost(OrdersPanel, 'contact', contactId);

const second = order({
  id: 8,
  number: 'OD0998',
  status: 'placed',
  payment_status: 'pending',
  currency: 'INR',
  items: [{ sku: 'MUG', name: 'Mug', quantity: 1, unit_price: '1250.00', amount: '1250.00' }],
  subtotal: '1250.00',
  shipping: '0.00',
  discount: '100.00',
  tax: '60.00',
  total: '1210.00',
  placed_at: '2026-11-20T12:00:00Z',
  shipments: [],
});

function serve(language: Language) {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'csrf-t' });
  server.on('GET', PATH, summary({ orders: [order(), second] }));
}

async function mountPanel(locale: Language = 'en'): Promise<VueWrapper> {
  const { wrapper } = await mountScreen(Host, { path: '/tickets/1042', locale });
  return wrapper;
}

/** Text as a reader sees it, whatever spaces Intl chose. */
function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** An order's price breakdown as [term, value] pairs. */
function breakdown(card: DOMWrapper<Element>): string[][] {
  const list = card.get('[data-testid=order-breakdown]');
  const values = list.findAll('dd').map((d) => words(d.text()));
  return list.findAll('dt').map((d, i) => [words(d.text()), values[i]!]);
}

/** A card's facts as [term, value] pairs. */
function facts(card: DOMWrapper<Element>): string[][] {
  return card
    .findAll('.commerce-facts > div')
    .map((d) => [words(d.get('dt').text()), words(d.get('dd').text())]);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-04T05:30:00.000Z'));
  contactId.value = 31;
  serve('en');
});

afterEach(() => {
  vi.useRealTimers();
});

describe('OrdersPanel', () => {
  it('lists the orders in the server’s order with number, total, status, payment, date and item count', async () => {
    const wrapper = await mountPanel();
    expect(wrapper.get('h3').text()).toBe('Orders');
    const cards = wrapper.findAll('[data-testid=order-card]');
    expect(cards.map((c) => c.get('.commerce-number').text())).toEqual(['OD1001', 'OD0998']);

    const [first, other] = cards;
    expect(first!.attributes('aria-label')).toBe('Order OD1001');
    expect(first!.get('[data-testid=order-total]').text()).toBe('₹2,298.00');
    const status = first!.get('[data-testid=order-status]');
    expect(status.text()).toBe('Shipped');
    expect(status.classes()).toContain('tone-moving');
    expect(facts(first!)).toEqual([
      ['Placed', 'Dec 1, 2026'],
      ['Payment', 'Cash on delivery'],
      // Two T-shirts and a shawl.
      ['Items', '3 items'],
    ]);
    expect(first!.get('time').attributes('datetime')).toBe('2026-12-01T10:00:00Z');

    expect(other!.get('[data-testid=order-status]').text()).toBe('Placed');
    expect(other!.get('[data-testid=order-payment]').text()).toBe('Pending');
    expect(other!.get('[data-testid=order-item-count]').text()).toBe('1 item');
    expect(other!.get('[data-testid=order-total]').text()).toBe('₹1,210.00');
    expect(server.callsTo('GET', PATH)).toHaveLength(1);
    wrapper.unmount();
  });

  it('shows an order’s items, price breakdown and parcels on request', async () => {
    const wrapper = await mountPanel();
    const [first, other] = wrapper.findAll('[data-testid=order-card]');
    const toggle = first!.get('[data-testid=order-toggle]');
    expect(toggle.text()).toBe('Items and parcels');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(first!.get('[data-testid=order-details]').isVisible()).toBe(false);

    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(toggle.text()).toBe('Hide items and parcels');
    expect(first!.get('[data-testid=order-details]').isVisible()).toBe(true);
    expect(first!.findAll('thead th').map((th) => th.text())).toEqual(['Item', 'Qty', 'Price', 'Amount']);
    const items = first!.findAll('[data-testid=order-item]');
    expect(items.map((r) => r.findAll('td').map((td) => words(td.text())))).toEqual([
      ['T-shirt, medium TSHIRT-M', '2', '₹499.00', '₹998.00'],
      ['ಕೈಮಗ್ಗದ ಶಾಲು', '1', '₹1,250.00', '₹1,250.00'],
    ]);
    // Only what the order has: no discount or tax rows at zero.
    expect(breakdown(first!)).toEqual([
      ['Subtotal', '₹2,248.00'],
      ['Shipping', '₹50.00'],
      ['Total', '₹2,298.00'],
    ]);
    const parcel = first!.get('[data-testid=order-parcel]');
    expect(parcel.get('.commerce-number').text()).toBe('12345678901');
    expect(parcel.get('[data-testid=order-parcel-status]').text()).toBe('In transit');
    expect(parcel.get('[data-testid=order-parcel-eta]').text()).toBe('Expected Dec 6, 2026');

    await other!.get('[data-testid=order-toggle]').trigger('click');
    expect(breakdown(other!)).toEqual([
      ['Subtotal', '₹1,250.00'],
      ['Discount', '-₹100.00'],
      ['Tax', '₹60.00'],
      ['Total', '₹1,210.00'],
    ]);
    expect(other!.get('[data-testid=order-details]').text()).toContain('No parcels for this order yet.');
    wrapper.unmount();
  });

  it('formats each order in its own currency, and a parcel without an estimate says so', async () => {
    server.on('GET', PATH, summary({
      orders: [
        order({
          currency: 'USD',
          total: '12.50',
          shipments: [{ id: 4, carrier: '', tracking_number: 'XB1', status: 'booked', eta: null }],
        }),
      ],
    }));
    const wrapper = await mountPanel();
    expect(wrapper.get('[data-testid=order-total]').text()).toBe('$12.50');
    await wrapper.get('[data-testid=order-toggle]').trigger('click');
    expect(wrapper.get('[data-testid=order-parcel-eta]').text()).toBe('No delivery estimate yet');
    expect(wrapper.find('.order-parcel-carrier').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows a status the console does not know yet as the server sent it', async () => {
    server.on('GET', PATH, summary({ orders: [order({ status: 'on_hold' as never })] }));
    const wrapper = await mountPanel();
    const status = wrapper.get('[data-testid=order-status]');
    expect(status.text()).toBe('on_hold');
    expect(status.classes()).toContain('tone-over');
    wrapper.unmount();
  });

  it('says when the customer has no orders', async () => {
    server.on('GET', PATH, summary({ orders: [] }));
    const wrapper = await mountPanel();
    expect(wrapper.get('[data-testid=orders-empty]').text()).toBe('No orders yet.');
    expect(wrapper.find('[data-testid=order-card]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('says it is loading until the answer comes', async () => {
    let answer: (r: Response) => void = () => {};
    server.on('GET', PATH, () => new Promise<Response>((resolve) => (answer = resolve)));
    const wrapper = await mountPanel();
    expect(wrapper.get('[role=status]').text()).toBe('Loading orders…');
    expect(wrapper.get('[data-testid=orders-panel]').attributes('aria-busy')).toBe('true');
    answer(json(200, summary()));
    await flushPromises();
    expect(wrapper.get('[data-testid=orders-panel]').attributes('aria-busy')).toBe('false');
    expect(wrapper.findAll('[data-testid=order-card]')).toHaveLength(1);
    wrapper.unmount();
  });

  it('says in words when the orders cannot be loaded, and tries again on request', async () => {
    server.on('GET', PATH, problem(503, 'unavailable'));
    const wrapper = await mountPanel();
    expect(wrapper.get('[role=alert]').text()).toBe(
      'The server is busy or under maintenance. Try again shortly.',
    );
    const retry = wrapper.get('button.secondary');
    expect(retry.text()).toBe('Try again');
    server.on('GET', PATH, summary());
    await retry.trigger('click');
    await flushPromises();
    expect(wrapper.find('[role=alert]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid=order-card]')).toHaveLength(1);
    expect(server.callsTo('GET', PATH)).toHaveLength(2);
    wrapper.unmount();
  });

  it('speaks Hindi, with Indian digit grouping for large amounts', async () => {
    serve('hi');
    server.on('GET', PATH, summary({ orders: [order({ total: '1250000.00' }), second] }));
    const wrapper = await mountPanel('hi');
    expect(wrapper.get('h3').text()).toBe('ऑर्डर');
    const [first, other] = wrapper.findAll('[data-testid=order-card]');
    expect(first!.get('[data-testid=order-total]').text()).toBe('₹12,50,000.00');
    expect(first!.get('[data-testid=order-status]').text()).toBe('भेज दिया गया');
    expect(first!.get('[data-testid=order-payment]').text()).toBe('कैश ऑन डिलीवरी');
    expect(first!.get('[data-testid=order-item-count]').text()).toBe('3 सामान');
    expect(other!.get('[data-testid=order-status]').text()).toBe('ऑर्डर किया गया');
    await first!.get('[data-testid=order-toggle]').trigger('click');
    expect(first!.get('[data-testid=order-toggle]').text()).toBe('सामान और पार्सल छिपाएँ');
    expect(first!.get('[data-testid=order-parcel-status]').text()).toBe('रास्ते में');
    wrapper.unmount();
  });

  it('speaks Kannada too', async () => {
    serve('kn');
    const wrapper = await mountPanel('kn');
    expect(wrapper.get('h3').text()).toBe('ಆರ್ಡರ್‌ಗಳು');
    expect(wrapper.get('[data-testid=order-status]').text()).toBe('ರವಾನಿಸಲಾಗಿದೆ');
    expect(wrapper.get('[data-testid=order-item-count]').text()).toBe('3 ವಸ್ತುಗಳು');
    wrapper.unmount();
  });
});
