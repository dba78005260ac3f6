import { flushPromises, type DOMWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { shipment, shipmentEvent } from '../../testing/shipmentFixtures';
import ShipmentsPanel from './ShipmentsPanel.vue';

let server: FakeApi;
const PATH = '/api/v1/contacts/31/shipments';

/** The panel as the customer panel mounts it, for contact 31. */
const Host = defineComponent({
  setup: () => () => h(ShipmentsPanel, { contactId: 31 }),
});

const older = shipment({
  id: 9,
  carrier: { code: 'delhivery', name: 'Delhivery' },
  tracking_number: 'DL5550001',
  status: 'delivered',
  status_reason: '',
  late: false,
  weight_grams: null,
  cod: null,
  promised_date: null,
  eta: null,
  tracking_url: null,
  last_event_at: null,
  order_ref: '',
  destination: { city: 'मैसूरु', pin: '', country: 'IN' },
  created_at: '2026-11-20T08:00:00Z',
  events: [],
});

function serve(language: Language) {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'csrf-t' });
  // The server's order is not trusted: the panel shows the newest first.
  server.on('GET', PATH, { data: [older, shipment()] });
}

async function mountPanel(locale: Language = 'en') {
  const { wrapper } = await mountScreen(Host, { path: '/tickets/1042', locale });
  return wrapper;
}

/** Text as a reader sees it, whatever spaces Intl chose. */
function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A card's facts as [term, value] pairs. */
function facts(card: DOMWrapper<Element>): string[][] {
  return card.findAll('.shipment-facts > div').map((d) => [words(d.get('dt').text()), words(d.get('dd').text())]);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-04T05:30:00.000Z'));
  serve('en');
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ShipmentsPanel', () => {
  it('lists the customer’s shipments newest first with status, late marker, last update, dates and destination', async () => {
    const wrapper = await mountPanel();
    expect(wrapper.get('h3').text()).toBe('Shipments');
    const cards = wrapper.findAll('[data-testid=shipment-card]');
    expect(cards.map((c) => c.get('.shipment-number').text())).toEqual(['BD123456789IN', 'DL5550001']);

    const first = cards[0]!;
    expect(first.get('.shipment-number').element.tagName).toBe('CODE');
    expect(first.get('.shipment-carrier').text()).toBe('Blue Dart');
    expect(first.get('[data-testid=shipment-status]').text()).toBe('Delivery failed');
    expect(first.get('[data-testid=shipment-status]').classes()).toContain('shipment-status-delivery_failed');
    expect(first.get('[data-testid=shipment-late]').text()).toBe('Late');
    expect(first.get('.shipment-status-reason').text()).toBe('Customer not available');
    expect(facts(first)).toEqual([
      // The newest event, at the time where it happened.
      ['Last update', 'Delivery failed, Bengaluru hub Dec 3, 2:05 PM (+05:30)'],
      ['Promised', 'Dec 5, 2026'],
      ['Expected', 'Dec 6, 2026'],
      ['Destination', 'Bengaluru 560001'],
      ['Cash on delivery', '₹499.00'],
      ['Order', 'ORD-1001'],
    ]);
    // The tracking number itself opens the carrier's page.
    const track = first.get('a[target=_blank]');
    expect(track.attributes('href')).toBe('https://track.example/BD123456789IN');
    expect(track.attributes('rel')).toContain('noopener');
    expect(track.get('.shipment-number').text()).toBe('BD123456789IN');
    expect(track.attributes('aria-label')).toBe(
      'BD123456789IN: open the Blue Dart tracking page (new tab)',
    );

    const second = cards[1]!;
    expect(second.get('[data-testid=shipment-status]').text()).toBe('Delivered');
    expect(second.find('[data-testid=shipment-late]').exists()).toBe(false);
    // Missing dates, COD and tracking page leave no empty rows; no events yet is said in words;
    // Indic text keeps its direction.
    expect(facts(second)).toEqual([
      ['Last update', 'No tracking updates yet.'],
      ['Destination', 'मैसूरु'],
    ]);
    expect(second.get('[data-testid=shipment-destination]').attributes('dir')).toBe('auto');
    // No tracking page: the number is plain text.
    expect(second.find('a[target=_blank]').exists()).toBe(false);
    expect(second.get('.shipment-number').element.tagName).toBe('CODE');
    expect(server.callsTo('GET', PATH)).toHaveLength(1);
    wrapper.unmount();
  });

  it('shows the tracking timeline on request, newest first, each time in its own offset', async () => {
    const wrapper = await mountPanel();
    const card = wrapper.findAll('[data-testid=shipment-card]')[0]!;
    const toggle = card.get('[data-testid=shipment-timeline-toggle]');
    expect(toggle.text()).toBe('Tracking history (3)');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(card.get('.shipment-timeline').isVisible()).toBe(false);

    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(toggle.text()).toBe('Hide tracking history');
    const events = card.findAll('[data-testid=shipment-event]');
    expect(events.map((e) => words(e.get('time').text()))).toEqual([
      // 14:05 where it happened (+05:30), not the agent's or UTC's 08:35.
      'Dec 3, 2:05 PM (+05:30)',
      'Dec 2, 3:10 AM (UTC)',
      'Dec 1, 6:30 PM (+05:30)',
    ]);
    expect(events[0]!.get('time').attributes('datetime')).toBe('2026-12-03T14:05:00+05:30');
    expect(events[0]!.get('.shipment-event-status').text()).toBe('Delivery failed');
    expect(events[0]!.get('.shipment-event-place').text()).toBe('Bengaluru hub');
    expect(events[0]!.get('.shipment-event-text').text()).toBe('Delivery attempted');
    expect(events[0]!.get('.shipment-event-reason').text()).toBe('Reason: Customer not available');
    expect(events[1]!.get('.shipment-event-status').text()).toBe('In transit');
    expect(events[1]!.get('.shipment-event-place').text()).toBe('ಬೆಂಗಳೂರು ವಿಂಗಡಣಾ ಕೇಂದ್ರ');
    expect(events[1]!.find('.shipment-event-reason').exists()).toBe(false);
    expect(events[2]!.get('.shipment-event-status').text()).toBe('Picked up');
    wrapper.unmount();
  });

  it('marks an attempt made outside the customer’s delivery hours', async () => {
    server.on('GET', PATH, {
      data: [
        shipment({
          events: [
            shipmentEvent({ id: 71, status: 'delivery_failed', occurred_at: '2026-12-03T17:00:00+05:30', outside_hours: true }),
            shipmentEvent({ id: 70, status: 'out_for_delivery', occurred_at: '2026-12-03T09:00:00+05:30', outside_hours: false }),
          ],
        }),
      ],
    });
    const wrapper = await mountPanel();
    const card = wrapper.findAll('[data-testid=shipment-card]')[0]!;
    await card.get('[data-testid=shipment-timeline-toggle]').trigger('click');
    const events = card.findAll('[data-testid=shipment-event]');
    expect(events[0]!.get('[data-testid=shipment-event-outside]').text()).toBe(
      "Attempted outside the customer's delivery hours",
    );
    expect(events[1]!.find('[data-testid=shipment-event-outside]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows the year of an event from another year, and an offset west of Greenwich', async () => {
    server.on('GET', PATH, {
      data: [shipment({ events: [shipmentEvent({ occurred_at: '2025-12-31T22:15:00-05:00' })] })],
    });
    const wrapper = await mountPanel();
    await wrapper.get('[data-testid=shipment-timeline-toggle]').trigger('click');
    expect(words(wrapper.get('[data-testid=shipment-event] time').text())).toBe(
      'Dec 31, 2025, 10:15 PM (-05:00)',
    );
    wrapper.unmount();
  });

  it('copes with what the server may leave null or empty', async () => {
    server.on('GET', PATH, {
      data: [
        shipment({
          status: 'booked',
          late: false,
          weight_grams: null,
          cod: null,
          eta: null,
          promised_date: '2026-12-09',
          tracking_url: null,
          contact_id: null,
          organisation_id: null,
          service: '',
          status_reason: '',
          order_ref: '',
          origin: { city: '', pin: '', country: '' },
          destination: { city: '', pin: '560001', country: 'IN' },
          // The timeline is capped; the newest event's time still shows.
          last_event_at: '2026-12-02T09:00:00+05:30',
          events: [],
        }),
        shipment({
          id: 13,
          created_at: '2026-11-01T08:00:00Z',
          events: [shipmentEvent({ status: 'in_transit', place: '', reason: '' })],
        }),
      ],
    });
    const wrapper = await mountPanel();
    const [first, second] = wrapper.findAll('[data-testid=shipment-card]');
    expect(facts(first!)).toEqual([
      ['Last update', 'Dec 2, 9:00 AM (+05:30)'],
      ['Promised', 'Dec 9, 2026'],
      ['Destination', '560001'],
    ]);
    expect(first!.find('.shipment-status-reason').exists()).toBe(false);
    expect(first!.find('[data-testid=shipment-late]').exists()).toBe(false);
    // An event with no place shows its status alone.
    expect(facts(second!)[0]).toEqual(['Last update', 'In transit Dec 3, 2:05 PM (+05:30)']);
    expect(wrapper.text()).not.toMatch(/null|undefined|NaN/);
    wrapper.unmount();
  });

  it('copies a tracking number', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    try {
      const wrapper = await mountPanel();
      const card = wrapper.findAll('[data-testid=shipment-card]')[0]!;
      const copy = card.get('.shipment-copy');
      expect(copy.attributes('aria-label')).toBe('Copy tracking number BD123456789IN');
      await copy.trigger('click');
      await flushPromises();
      expect(writeText).toHaveBeenCalledWith('BD123456789IN');
      expect(card.get('[role=status]').text()).toBe('Tracking number BD123456789IN copied.');
      wrapper.unmount();
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard');
    }
  });

  it('says when the customer has no shipments', async () => {
    server.on('GET', PATH, { data: [] });
    const wrapper = await mountPanel();
    expect(wrapper.get('[data-testid=shipments-empty]').text()).toBe('No shipments for this customer.');
    expect(wrapper.find('[data-testid=shipment-card]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('says in words when the shipments cannot be loaded, and tries again on request', async () => {
    server.on('GET', PATH, problem(503, 'unavailable'));
    const wrapper = await mountPanel();
    expect(wrapper.get('[role=alert]').text()).toBe(
      'The server is busy or under maintenance. Try again shortly.',
    );
    server.on('GET', PATH, { data: [shipment()] });
    await wrapper.get('button.secondary').trigger('click');
    await flushPromises();
    expect(wrapper.find('[role=alert]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid=shipment-card]')).toHaveLength(1);
    wrapper.unmount();
  });

  it('says it is loading until the answer comes', async () => {
    let answer: (r: Response) => void = () => {};
    server.on('GET', PATH, () => new Promise<Response>((resolve) => (answer = resolve)));
    const wrapper = await mountPanel();
    expect(wrapper.get('[role=status]').text()).toBe('Loading shipments…');
    expect(wrapper.get('[data-testid=shipments-panel]').attributes('aria-busy')).toBe('true');
    answer(json(200, { data: [] }));
    await flushPromises();
    expect(wrapper.get('[data-testid=shipments-panel]').attributes('aria-busy')).toBe('false');
    expect(wrapper.text()).toContain('No shipments for this customer.');
    wrapper.unmount();
  });

  it('shows five and all of them on request', async () => {
    const many = Array.from({ length: 7 }, (_, i) =>
      shipment({
        id: 100 + i,
        tracking_number: `BD00${i}IN`,
        created_at: `2026-11-0${i + 1}T08:00:00Z`,
      }),
    );
    server.on('GET', PATH, { data: many });
    const wrapper = await mountPanel();
    expect(wrapper.findAll('[data-testid=shipment-card]')).toHaveLength(5);
    expect(wrapper.get('.shipment-number').text()).toBe('BD006IN');
    const more = wrapper.get('[data-testid=shipments-show-all]');
    expect(more.text()).toBe('Show all (7)');
    await more.trigger('click');
    expect(wrapper.findAll('[data-testid=shipment-card]')).toHaveLength(7);
    expect(more.text()).toBe('Show fewer');
    wrapper.unmount();
  });

  it('speaks Hindi: status names, late marker, timeline', async () => {
    serve('hi');
    const wrapper = await mountPanel('hi');
    expect(wrapper.get('h3').text()).toBe('शिपमेंट');
    const cards = wrapper.findAll('[data-testid=shipment-card]');
    expect(cards.map((c) => c.get('[data-testid=shipment-status]').text())).toEqual([
      'डिलीवरी नहीं हो सकी',
      'डिलीवर हो गया',
    ]);
    expect(cards[0]!.get('[data-testid=shipment-late]').text()).toBe('देरी से');
    expect(cards[0]!.get('[data-testid=shipment-last-event] dt').text()).toBe('आख़िरी अपडेट');
    expect(words(cards[0]!.get('[data-testid=shipment-last-event] dd').text())).toBe(
      'डिलीवरी नहीं हो सकी, Bengaluru hub 3 दिस॰, 2:05 pm (+05:30)',
    );
    expect(words(cards[1]!.get('[data-testid=shipment-last-event] dd').text())).toBe(
      'अभी तक ट्रैकिंग की कोई जानकारी नहीं है।',
    );
    await cards[0]!.get('[data-testid=shipment-timeline-toggle]').trigger('click');
    const events = cards[0]!.findAll('[data-testid=shipment-event]');
    expect(events.map((e) => e.get('.shipment-event-status').text())).toEqual([
      'डिलीवरी नहीं हो सकी',
      'रास्ते में',
      'पिकअप हो गया',
    ]);
    expect(words(events[0]!.get('time').text())).toBe('3 दिस॰, 2:05 pm (+05:30)');
    expect(events[0]!.get('.shipment-event-reason').text()).toBe('कारण: Customer not available');
    wrapper.unmount();
  });

  it('speaks Kannada too', async () => {
    serve('kn');
    server.on('GET', PATH, { data: [shipment({ status: 'out_for_delivery', late: false })] });
    const wrapper = await mountPanel('kn');
    expect(wrapper.get('[data-testid=shipment-status]').text()).toBe('ವಿತರಣೆಗೆ ಹೊರಟಿದೆ');
    expect(wrapper.get('[data-testid=shipment-last-event] dt').text()).toBe('ಇತ್ತೀಚಿನ ಮಾಹಿತಿ');
    wrapper.unmount();
  });
});
