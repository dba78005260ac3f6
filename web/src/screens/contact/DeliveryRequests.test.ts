import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import type { DeliveryRequestCreate, ShipmentDelivery } from '../../api/delivery';
import type { Shipment } from '../../api/shipments';
import type { Language } from '../../api/types';
import { FakeApi, json, problem, type Call } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { shipment as plainShipment } from '../../testing/shipmentFixtures';
import ShipmentCard from './ShipmentCard.vue';
import { address, deliveryRequest, deliveryShipment, shipmentDelivery } from './testData';

let server: FakeApi;
const HISTORY = '/api/v1/shipments/12/delivery-requests';
const current = ref<Shipment>(deliveryShipment());

/** One shipment card, as the shipments panel and the ticket's linked shipments show it. */
const Host = defineComponent({
  setup: () => () => h(ShipmentCard, { shipment: current.value }),
});

function serve(language: Language = 'en') {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'csrf-t' });
  server.on('GET', HISTORY, {
    // Newest first, as the server lists them; the card shows them oldest first.
    data: [
      deliveryRequest({ id: 2, kind: 'safe_place', details: { safe_place: 'With the guard' }, created_at: '2026-12-04T05:00:00Z' }),
      deliveryRequest(),
    ],
  });
}

/**
 * The server's answer to a request: it records it as the agent's from the console and answers
 * with the shipment as the request left it.
 */
function accept(change: (body: DeliveryRequestCreate) => Partial<ShipmentDelivery>) {
  return (call: Call) => {
    const body = call.body as DeliveryRequestCreate;
    const { kind, ...details } = body;
    return json(201, {
      request: deliveryRequest({
        id: 10,
        kind,
        details: details as never,
        by: { type: 'agent', id: 7, name: 'Meera Rao' },
        via: 'console',
        created_at: '2026-12-04T05:30:00Z',
      }),
      shipment: deliveryShipment({ ...(current.value.delivery ?? {}), ...change(body) }, { version: 5 }),
    });
  };
}

async function mountCard(s: Shipment = deliveryShipment(), locale: Language = 'en') {
  current.value = s;
  const { wrapper } = await mountScreen(Host, { path: '/contacts/31', locale });
  return wrapper;
}

function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function block(w: VueWrapper) {
  return w.get('[data-testid=shipment-delivery]');
}

function facts(w: VueWrapper): string[][] {
  return block(w)
    .findAll('.delivery-facts > div')
    .map((d) => [words(d.get('dt').text()), words(d.get('dd').text())]);
}

async function expand(w: VueWrapper): Promise<void> {
  await w.get('[data-testid=delivery-toggle]').trigger('click');
  await flushPromises();
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-04T05:30:00.000Z'));
  serve();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('DeliveryRequests (the shipment card’s delivery block)', () => {
  it('shows what the customer asked for, and their usual hours', async () => {
    const wrapper = await mountCard(
      deliveryShipment({
        date: '2026-12-08',
        window: { from: '10:00', until: '14:00' },
        address: address({ name: 'Asha Rao', line1: 'Flat 4, Lake View' }),
        safe_place: 'With the guard at gate 2',
      }),
    );
    expect(block(wrapper).attributes('aria-label')).toBe('Delivery of shipment BD123456789IN');
    expect(facts(wrapper)).toEqual([
      ['Asked-for date', 'Dec 8, 2026'],
      ['Window', '10:00–14:00 (Asia/Kolkata)'],
      ['Deliver to', 'Asha Rao Flat 4, Lake View Bengaluru 560001 IN +919800000000'],
      ['Safe place', 'With the guard at gate 2'],
      ["Customer's delivery hours", 'Mon–Sat 07:00–16:00'],
    ]);
    expect(block(wrapper).get('[data-testid=delivery-date] time').attributes('datetime')).toBe('2026-12-08');
    expect(wrapper.find('.delivery-as-booked').exists()).toBe(false);
    // Nothing is fetched until the agent opens the requests.
    expect(server.callsTo('GET', HISTORY)).toHaveLength(0);
    wrapper.unmount();
  });

  it('says when the customer asked for nothing', async () => {
    const wrapper = await mountCard();
    expect(facts(wrapper)).toEqual([["Customer's delivery hours", 'Mon–Sat 07:00–16:00']]);
    expect(wrapper.get('.delivery-as-booked').text()).toBe('No changes asked for: delivery as booked.');
    wrapper.unmount();
  });

  it('loads the requests so far when opened, once, oldest first, with who asked and how', async () => {
    const wrapper = await mountCard();
    const toggle = wrapper.get('[data-testid=delivery-toggle]');
    expect(toggle.text()).toBe('Delivery requests');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    await expand(wrapper);
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(toggle.text()).toBe('Hide delivery requests');
    const items = wrapper.findAll('[data-testid=delivery-request]');
    expect(items.map((i) => words(i.get('.delivery-request-what').text()))).toEqual([
      'Rescheduled to Dec 8, 2026',
      'Leave at: With the guard',
    ]);
    // The time is the agent's own (the browser's zone), like every instant in the console.
    expect(words(items[0]!.get('.delivery-request-meta').text())).toMatch(
      /^by Asha, the customer via the portal Dec 4, 2026, \d+:\d\d [AP]M$/,
    );
    expect(items[0]!.get('time').attributes('datetime')).toBe('2026-12-04T04:30:00Z');
    await toggle.trigger('click');
    await expand(wrapper);
    expect(server.callsTo('GET', HISTORY)).toHaveLength(1);
    wrapper.unmount();
  });

  it('reschedules for the customer to one of the allowed dates', async () => {
    server.on('POST', HISTORY, accept((b) => ({ date: b.kind === 'reschedule' ? b.date : null })));
    const wrapper = await mountCard();
    await expand(wrapper);
    expect(wrapper.get('.delivery-for').text()).toBe(
      "You ask on the customer's behalf; the request is recorded as made from the console.",
    );
    const form = wrapper.get('[data-testid=delivery-reschedule]');
    const select = form.get<HTMLSelectElement>('select');
    expect(wrapper.get(`label[for="${select.attributes('id')}"]`).text()).toBe('New delivery date');
    expect(select.findAll('option').map((o) => [o.attributes('value'), o.text()])).toEqual([
      ['2026-12-05', 'Saturday, December 5, 2026'],
      ['2026-12-07', 'Monday, December 7, 2026'],
      ['2026-12-08', 'Tuesday, December 8, 2026'],
    ]);
    await select.setValue('2026-12-07');
    await form.trigger('submit');
    await flushPromises();

    const post = server.callsTo('POST', HISTORY)[0]!;
    expect(post.body).toEqual({ kind: 'reschedule', date: '2026-12-07' });
    expect(post.headers.get('X-Sahayak-Via')).toBe('console');
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-t');
    // The card shows the shipment the server answered with; the request joins the list.
    expect(facts(wrapper)[0]).toEqual(['Asked-for date', 'Dec 7, 2026']);
    expect(wrapper.get('[data-testid=delivery-notice]').text()).toBe('Delivery moved to Dec 7, 2026.');
    const items = wrapper.findAll('[data-testid=delivery-request]');
    expect(items).toHaveLength(3);
    expect(words(items[2]!.text())).toContain('Rescheduled to Dec 7, 2026 by Meera Rao, an agent from the console');
    wrapper.unmount();
  });

  it('offers only what the shipment’s status still allows', async () => {
    let wrapper = await mountCard(
      deliveryShipment({ allowed: { reschedule: true, window: false, address: false, safe_place: true }, allowed_dates: [] }),
    );
    await expand(wrapper);
    // No dates to choose: no reschedule either.
    expect(wrapper.find('[data-testid=delivery-reschedule]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=delivery-window-form]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=delivery-address-actions]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=delivery-safe-place-form]').exists()).toBe(true);
    wrapper.unmount();

    wrapper = await mountCard(
      deliveryShipment({ allowed: { reschedule: false, window: false, address: false, safe_place: false } }),
    );
    await expand(wrapper);
    expect(wrapper.get('[data-testid=delivery-locked]').text()).toBe(
      'The delivery of this shipment can no longer be changed.',
    );
    expect(wrapper.find('.delivery-panel form').exists()).toBe(false);
    // The history still shows.
    expect(wrapper.findAll('[data-testid=delivery-request]')).toHaveLength(2);
    wrapper.unmount();
  });

  it('sends the customer’s alternate address, and back to the booked one', async () => {
    server.on(
      'POST',
      HISTORY,
      accept((b) => ({ address: b.kind === 'address' && b.address !== null ? address() : null })),
    );
    const wrapper = await mountCard();
    await expand(wrapper);
    expect(wrapper.find('[data-testid=delivery-use-booked]').exists()).toBe(false);
    await wrapper.get('[data-testid=delivery-use-alternate]').trigger('click');
    await flushPromises();
    expect(server.callsTo('POST', HISTORY)[0]!.body).toEqual({ kind: 'address', address: 'alternate' });
    expect(wrapper.get('[data-testid=delivery-address] dd').text()).toContain('12 MG Road');
    expect(wrapper.get('[data-testid=delivery-notice]').text()).toBe('The parcel will go to the alternate address.');

    await wrapper.get('[data-testid=delivery-use-booked]').trigger('click');
    await flushPromises();
    expect(server.callsTo('POST', HISTORY)[1]!.body).toEqual({ kind: 'address', address: null });
    expect(wrapper.find('[data-testid=delivery-address]').exists()).toBe(false);
    expect(wrapper.get('[data-testid=delivery-notice]').text()).toBe('The parcel will go to the booked address.');
    wrapper.unmount();
  });

  it('shows the server’s reason when the status no longer allows the change (409)', async () => {
    server.on(
      'POST',
      HISTORY,
      problem(409, 'conflict', 'The parcel is already out for delivery; the address can no longer change.'),
    );
    const wrapper = await mountCard();
    await expand(wrapper);
    await wrapper.get('[data-testid=delivery-use-alternate]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid=delivery-refusal]').attributes('role')).toBe('alert');
    expect(wrapper.get('[data-testid=delivery-refusal]').text()).toBe(
      'Not possible: The parcel is already out for delivery; the address can no longer change.',
    );
    expect(wrapper.get('[data-testid=delivery-notice]').text()).toBe('');
    expect(wrapper.find('[data-testid=delivery-address]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('checks a window before sending it, sets a good one and clears it', async () => {
    server.on('POST', HISTORY, accept((b) => ({ window: b.kind === 'window' ? b.window : null })));
    const wrapper = await mountCard();
    await expand(wrapper);
    const form = wrapper.get('[data-testid=delivery-window-form]');
    const [from, until] = form.findAll<HTMLInputElement>('input[type=time]');
    expect(from!.attributes('min')).toBe('07:00');
    expect(until!.attributes('max')).toBe('21:00');
    await from!.setValue('08:00');
    await until!.setValue('09:00');
    await form.trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', HISTORY)).toHaveLength(0);
    expect(from!.attributes('aria-invalid')).toBe('true');
    expect(form.get('.field-error').text()).toBe('Choose a window between 07:00 and 21:00, at least 2 hours long.');

    await until!.setValue('12:00');
    await form.trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', HISTORY)[0]!.body).toEqual({
      kind: 'window',
      window: { from: '08:00', until: '12:00' },
    });
    expect(from!.attributes('aria-invalid')).toBeUndefined();
    expect(facts(wrapper)[0]).toEqual(['Window', '08:00–12:00 (Asia/Kolkata)']);
    expect(wrapper.get('[data-testid=delivery-notice]').text()).toBe('Delivery window set to 08:00–12:00.');

    await wrapper.get('[data-testid=delivery-clear-window]').trigger('click');
    await flushPromises();
    expect(server.callsTo('POST', HISTORY)[1]!.body).toEqual({ kind: 'window', window: null });
    expect(wrapper.find('[data-testid=delivery-window]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('saves a safe place, and names a refused one beside its field (422)', async () => {
    server.on(
      'POST',
      HISTORY,
      problem(422, 'validation', 'bad', [{ field: 'safe_place', message: 'must have at most 200 characters' }]),
    );
    const wrapper = await mountCard();
    await expand(wrapper);
    const form = wrapper.get('[data-testid=delivery-safe-place-form]');
    const input = form.get<HTMLInputElement>('input[type=text]');
    expect(input.attributes('maxlength')).toBe('200');
    expect(form.get('button[type=submit]').attributes('disabled')).toBeDefined();
    await input.setValue('Behind the blue gate');
    await form.trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', HISTORY)[0]!.body).toEqual({ kind: 'safe_place', safe_place: 'Behind the blue gate' });
    expect(input.attributes('aria-invalid')).toBe('true');
    const described = input.attributes('aria-describedby')!.split(' ');
    expect(wrapper.get(`[id="${described[1]}"]`).text()).toBe('This is too long.');

    server.on('POST', HISTORY, accept((b) => ({ safe_place: b.kind === 'safe_place' ? b.safe_place : '' })));
    await form.trigger('submit');
    await flushPromises();
    expect(input.attributes('aria-invalid')).toBeUndefined();
    expect(wrapper.get('[data-testid=delivery-safe-place] dd').text()).toBe('Behind the blue gate');
    expect(wrapper.get('[data-testid=delivery-notice]').text()).toBe('Safe place saved.');
    wrapper.unmount();
  });

  it('copes with what the server may leave out or null, and shows no block without `delivery`', async () => {
    const partial = {
      date: null,
      window: null,
      address: null,
      safe_place: '',
      time_zone: '',
    } as unknown as ShipmentDelivery;
    let wrapper = await mountCard(plainShipment({ delivery: partial }));
    expect(facts(wrapper)).toEqual([]);
    await expand(wrapper);
    expect(wrapper.find('[data-testid=delivery-locked]').exists()).toBe(true);
    expect(wrapper.text()).not.toMatch(/null|undefined|NaN/);
    wrapper.unmount();

    wrapper = await mountCard(plainShipment());
    expect(wrapper.find('[data-testid=shipment-delivery]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('says in words when the history cannot be loaded, and tries again', async () => {
    server.on('GET', HISTORY, problem(503, 'unavailable'));
    const wrapper = await mountCard();
    await expand(wrapper);
    expect(wrapper.get('[data-testid=delivery-history]').text()).toContain('The server is busy or under maintenance.');
    server.on('GET', HISTORY, { data: [] });
    await wrapper.get('[data-testid=delivery-history] button').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid=delivery-history]').text()).toContain('No delivery requests yet.');
    wrapper.unmount();
  });

  it('speaks Hindi and Kannada', async () => {
    serve('hi');
    let wrapper = await mountCard(deliveryShipment({ date: '2026-12-08' }), 'hi');
    expect(facts(wrapper)[0]![0]).toBe('माँगी गई तारीख़');
    await expand(wrapper);
    expect(wrapper.get('[data-testid=delivery-reschedule] button').text()).toBe('तारीख़ बदलें');
    expect(words(wrapper.get('[data-testid=delivery-request]').text())).toContain('(ग्राहक) द्वारा पोर्टल से');
    wrapper.unmount();

    serve('kn');
    wrapper = await mountCard(shipmentDeliveryCard(), 'kn');
    expect(wrapper.get('.delivery-as-booked').text()).toBe('ಯಾವುದೇ ಬದಲಾವಣೆ ಕೇಳಿಲ್ಲ: ಬುಕಿಂಗ್‌ನಂತೆ ವಿತರಣೆ.');
    await expand(wrapper);
    expect(wrapper.get('[data-testid=delivery-use-alternate]').text()).toBe('ಉಳಿಸಿದ ಪರ್ಯಾಯ ವಿಳಾಸಕ್ಕೆ ತಲುಪಿಸಿ');
    wrapper.unmount();
  });
});

function shipmentDeliveryCard(): Shipment {
  return plainShipment({ delivery: shipmentDelivery({ windows: [] }) });
}
