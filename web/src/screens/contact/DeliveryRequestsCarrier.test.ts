// A delivery request's way to the carrier's own system, as the shipment card shows it: sent,
// retrying, not delivered (with the carrier's answer), and an admin's "send again".
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import type { CarrierDelivery } from '../../api/delivery';
import type { Shipment } from '../../api/shipments';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import ShipmentCard from './ShipmentCard.vue';
import { deliveryRequest, deliveryShipment } from './testData';

let server: FakeApi;
const HISTORY = '/api/v1/shipments/12/delivery-requests';
const RETRY = '/api/v1/shipments/12/delivery-requests/3/retry';
const current = ref<Shipment>(deliveryShipment());

const Host = defineComponent({
  setup: () => () => h(ShipmentCard, { shipment: current.value }),
});

function carrier(over: Partial<CarrierDelivery> = {}): CarrierDelivery {
  return {
    state: 'sent',
    attempts: 1,
    sent_at: '2026-12-04T04:31:00Z',
    last_error: null,
    response_status: 200,
    next_attempt_at: null,
    ...over,
  };
}

function serve(role: 'admin' | 'agent', language: Language = 'en') {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ role, language }), csrf_token: 'csrf-t' });
  server.on('GET', HISTORY, {
    data: [
      deliveryRequest({
        id: 3,
        kind: 'safe_place',
        details: { safe_place: 'With the guard' },
        created_at: '2026-12-04T05:00:00Z',
        carrier: carrier({
          state: 'dead',
          sent_at: null,
          response_status: 400,
          last_error: 'HTTP 400: {"error": "unknown AWB"}',
        }),
      }),
      deliveryRequest({ id: 2, created_at: '2026-12-04T04:50:00Z', carrier: carrier({ state: 'pending', attempts: 3, sent_at: null, last_error: 'HTTP 503: busy' }) }),
      deliveryRequest({ id: 1, carrier: carrier() }),
      deliveryRequest({ id: 0, created_at: '2026-12-04T04:00:00Z', carrier: null }),
    ],
  });
}

async function open(locale: Language = 'en'): Promise<VueWrapper> {
  current.value = deliveryShipment();
  const { wrapper } = await mountScreen(Host, { path: '/contacts/31', locale });
  await wrapper.get('[data-testid=delivery-toggle]').trigger('click');
  await flushPromises();
  return wrapper;
}

function states(w: VueWrapper): string[] {
  return w.findAll('[data-testid=delivery-request]').map((i) => {
    const c = i.find('[data-testid=delivery-request-carrier]');
    return c.exists() ? c.text().replace(/\s+/g, ' ').trim() : '';
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-04T05:30:00.000Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('DeliveryRequests at the carrier', () => {
  it('says where each request stands with the carrier, oldest first', async () => {
    serve('agent');
    const wrapper = await open();
    expect(states(wrapper)).toEqual([
      '', // the carrier had no endpoint then
      'Sent to Blue Dart',
      'Retrying to reach Blue Dart (3 attempts so far)',
      'Not delivered to Blue Dart: HTTP 400: {"error": "unknown AWB"}',
    ]);
    // Agents do not send again; only admins do.
    expect(wrapper.find('[data-testid=delivery-request-retry]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('speaks Hindi and Kannada too', async () => {
    serve('agent', 'hi');
    let wrapper = await open('hi');
    expect(states(wrapper)[1]).toBe('Blue Dart को भेजा गया');
    expect(states(wrapper)[2]).toBe('Blue Dart तक पहुँचने की फिर कोशिश (अब तक 3 प्रयास)');
    wrapper.unmount();
    serve('agent', 'kn');
    wrapper = await open('kn');
    expect(states(wrapper)[3]).toBe('Blue Dart ಗೆ ತಲುಪಲಿಲ್ಲ: HTTP 400: {"error": "unknown AWB"}');
    wrapper.unmount();
  });

  it('lets an admin send a dead request again', async () => {
    serve('admin');
    server.on('POST', RETRY, () =>
      json(200, deliveryRequest({ id: 3, carrier: carrier({ state: 'pending', attempts: 0, sent_at: null }) })),
    );
    const wrapper = await open();
    const buttons = wrapper.findAll('[data-testid=delivery-request-retry]');
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.text()).toBe('Send to Blue Dart again');
    await buttons[0]!.trigger('click');
    await flushPromises();
    const calls = server.callsTo('POST', RETRY);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.get('X-CSRF-Token')).toBe('csrf-t');
    expect(states(wrapper)[3]).toBe('Waiting to go to Blue Dart');
    expect(wrapper.find('[data-testid=delivery-request-retry]').exists()).toBe(false);
    expect(wrapper.get('[data-testid=delivery-notice]').text()).toBe(
      'The request will be sent to Blue Dart again.',
    );
    wrapper.unmount();
  });

  it('shows why the server refused to send it again', async () => {
    serve('admin');
    server.on('POST', RETRY, problem(409, 'conflict', 'the request is sent, not dead'));
    const wrapper = await open();
    await wrapper.get('[data-testid=delivery-request-retry]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid=delivery-refusal]').text()).not.toBe('');
    expect(states(wrapper)[3]).toContain('Not delivered to Blue Dart');
    wrapper.unmount();
  });
});
