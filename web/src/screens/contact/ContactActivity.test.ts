import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { shipment } from '../../testing/shipmentFixtures';
import ContactActivity from './ContactActivity.vue';
import ContactScreen from './ContactScreen.vue';
import { activityEntry, contact, deliveryPreferences, organisation } from './testData';

let server: FakeApi;
const PATH = '/api/v1/contacts/31/activity';

const Host = defineComponent({
  setup: () => () => h(ContactActivity, { contactId: 31 }),
});

const meera = { kind: 'agent' as const, id: 7, name: 'Meera Rao' };

/** A customer's log, newest first, with every action the console knows and one it does not. */
const page1 = [
  activityEntry(),
  activityEntry({
    id: 8,
    changes: { kind: 'window', tracking_number: 'DL5550001', window: [null, { from: '10:00', until: '14:00' }], via: 'console' },
    actor: meera,
    created_at: '2026-12-04T04:00:00Z',
  }),
  activityEntry({
    id: 7,
    changes: { kind: 'address', tracking_number: 'BD123456789IN', address: 'alternate', via: 'portal' },
    created_at: '2026-12-03T12:00:00Z',
  }),
  activityEntry({
    id: 6,
    entity: { type: 'shipment', id: 44 },
    changes: { kind: 'safe_place', safe_place: ['With the guard', ''] },
    created_at: '2026-12-03T11:00:00Z',
  }),
  activityEntry({
    id: 5,
    action: 'contact.delivery_preferences',
    actor: meera,
    entity: { type: 'contact', id: 31 },
    changes: { safe_place: ['', 'With the guard'], quiet_hours: [null, { from: '21:00', until: '08:00' }] },
    created_at: '2026-12-02T09:00:00Z',
  }),
  activityEntry({
    id: 4,
    action: 'contact.updated',
    actor: meera,
    entity: { type: 'contact', id: 31 },
    changes: { phone: ['+919845012345', '+919800000000'], language: ['hi', 'kn'] },
    created_at: '2026-12-01T09:00:00Z',
  }),
  activityEntry({
    id: 3,
    action: 'portal.signed_in',
    entity: { type: 'contact', id: 31 },
    changes: { method: 'link' },
    created_at: '2026-11-30T09:00:00Z',
  }),
];

const page2 = [
  activityEntry({
    id: 2,
    action: 'contact.shipment_updates',
    entity: { type: 'contact', id: 31 },
    changes: { shipment_updates: ['on', 'off'] },
    created_at: '2026-11-20T09:00:00Z',
  }),
  activityEntry({
    id: 1,
    action: 'contact.created',
    actor: { kind: 'system', id: null, name: '' },
    entity: { type: 'contact', id: 31 },
    changes: { name: [null, 'रवि कुमार'] },
    created_at: '2026-11-01T09:00:00Z',
  }),
  activityEntry({
    id: 0,
    action: 'contact.merged',
    actor: meera,
    entity: { type: 'contact', id: 31 },
    changes: {},
    created_at: '2026-10-01T09:00:00Z',
  }),
];

function serve(language: Language = 'en') {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'csrf-t' });
  server.on('GET', PATH, (call) =>
    call.query.get('cursor') === 'c2'
      ? json(200, { data: page2, next_cursor: null })
      : json(200, { data: page1, next_cursor: 'c2' }),
  );
}

async function mountList(locale: Language = 'en') {
  const { wrapper } = await mountScreen(Host, { path: '/contacts/31', locale });
  return wrapper;
}

function sentences(w: VueWrapper): string[] {
  return w.findAll('[data-testid=activity-entry] .activity-what').map((e) => e.text());
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-04T05:30:00.000Z'));
  serve();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ContactActivity', () => {
  it('tells what happened to the customer, newest first, in words', async () => {
    const wrapper = await mountList();
    expect(wrapper.get('h2').text()).toBe('Activity');
    expect(sentences(wrapper)).toEqual([
      'Asha rescheduled BD123456789IN to Dec 8, 2026',
      'Meera Rao set the delivery window of DL5550001 to 10:00–14:00',
      'Asha asked for BD123456789IN to go to the alternate address',
      'Asha cleared the safe place of shipment 44',
      'Meera Rao changed the delivery preferences: safe place and quiet hours',
      'Meera Rao changed: phone and language',
      'Asha signed in to the customer portal',
    ]);
    const first = wrapper.get('[data-testid=activity-entry]');
    expect(first.attributes('data-action')).toBe('shipment.delivery_request');
    expect(first.get('.activity-via').text()).toBe('via the portal');
    expect(first.get('time').text()).toBe('1 hour ago');
    expect(first.get('time').attributes('datetime')).toBe('2026-12-04T04:30:00Z');
    expect(wrapper.findAll('.activity-via').map((v) => v.text())).toEqual([
      'via the portal',
      'from the console',
      'via the portal',
    ]);
    expect(server.calls.filter((c) => c.path === PATH)[0]!.query.has('cursor')).toBe(false);
    wrapper.unmount();
  });

  it('loads older entries by cursor, and names actions it does not know', async () => {
    const wrapper = await mountList();
    const more = wrapper.get('[data-testid=activity-more]');
    expect(more.text()).toBe('Load older activity');
    await more.trigger('click');
    await flushPromises();
    expect(server.callsTo('GET', PATH)[1]!.query.get('cursor')).toBe('c2');
    expect(sentences(wrapper).slice(7)).toEqual([
      'Asha turned shipment updates off',
      'Sahayak created this customer',
      'Meera Rao: contact.merged',
    ]);
    expect(wrapper.find('[data-testid=activity-more]').exists()).toBe(false);
    expect(wrapper.text()).not.toMatch(/null|undefined|NaN/);
    wrapper.unmount();
  });

  it('reads a request whose details are missing or new without failing', async () => {
    server.on('GET', PATH, {
      data: [
        activityEntry({ id: 3, actor: { kind: 'contact', id: 31, name: '' }, changes: {} }),
        activityEntry({ id: 2, changes: { kind: 'parcel_locker', tracking_number: 'BD1' } }),
        activityEntry({ id: 1, changes: { window: null, tracking_number: 'BD2' } }),
      ],
      next_cursor: null,
    });
    const wrapper = await mountList();
    expect(sentences(wrapper)).toEqual([
      'The customer asked for a change to the delivery of shipment 12',
      'Asha asked for a change to the delivery of BD1',
      'Asha cleared the delivery window of BD2',
    ]);
    wrapper.unmount();
  });

  it('says when there is nothing yet', async () => {
    server.on('GET', PATH, { data: [], next_cursor: null });
    const wrapper = await mountList();
    expect(wrapper.get('[data-testid=activity-empty]').text()).toBe('No activity yet.');
    expect(wrapper.find('button').exists()).toBe(false);
    wrapper.unmount();
  });

  it('says in words when the log cannot be loaded, and tries again', async () => {
    server.on('GET', PATH, problem(503, 'unavailable'));
    const wrapper = await mountList();
    expect(wrapper.get('[role=alert]').text()).toBe('The server is busy or under maintenance. Try again shortly.');
    server.on('GET', PATH, { data: [activityEntry()], next_cursor: null });
    await wrapper.get('button').trigger('click');
    await flushPromises();
    expect(wrapper.find('[role=alert]').exists()).toBe(false);
    expect(sentences(wrapper)).toEqual(['Asha rescheduled BD123456789IN to Dec 8, 2026']);
    wrapper.unmount();
  });

  it('speaks Hindi and Kannada', async () => {
    serve('hi');
    let wrapper = await mountList('hi');
    expect(wrapper.get('h2').text()).toBe('गतिविधि');
    expect(sentences(wrapper)[0]).toBe('Asha ने BD123456789IN की डिलीवरी 8 दिस॰ 2026 पर कर दी');
    expect(wrapper.get('.activity-via').text()).toBe('पोर्टल से');
    wrapper.unmount();

    serve('kn');
    wrapper = await mountList('kn');
    expect(sentences(wrapper)[6]).toBe('Asha ಗ್ರಾಹಕ ಪೋರ್ಟಲ್‌ಗೆ ಸೈನ್ ಇನ್ ಮಾಡಿದರು');
    wrapper.unmount();
  });
});

describe('the contact page', () => {
  it('shows the delivery preferences and the activity beside the tickets', async () => {
    server.on('GET', '/api/v1/agents', { data: [agent()], next_cursor: null });
    server.on('GET', '/api/v1/groups', { data: [group()], next_cursor: null });
    server.on('GET', '/api/v1/contacts/31', contact());
    server.on('GET', '/api/v1/contacts/31/tickets', { data: [], next_cursor: null });
    server.on('GET', '/api/v1/organisations/3', organisation());
    server.on('GET', '/api/v1/contacts/31/shipments', { data: [shipment()] });
    server.on('GET', '/api/v1/contacts/31/delivery-preferences', deliveryPreferences());
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/31', locale: 'en' });
    const main = wrapper.get('.contact-main');
    expect(main.findAll('h2').map((h2) => h2.text())).toEqual([
      'Profile',
      'Tickets',
      'Delivery preferences',
      'Activity',
    ]);
    expect(main.get('[data-testid=pref-windows] dd').text()).toBe('Mon–Sat 07:00–16:00');
    expect(main.findAll('[data-testid=activity-entry]')).toHaveLength(7);
    wrapper.unmount();
  });
});
