import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api/client';
import { contact, organisation } from '../screens/contact/testData';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { ticket } from '../testing/fixtures';
import { FRESH_MS, RECENT_LIMIT, TICKETS_PAGE_SIZE, useCustomerStore } from './customer';

let server: FakeApi;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T08:35:00.000Z'));
  setActivePinia(createPinia());
  server = new FakeApi().install();
  api.setCsrfToken('csrf');
  server.on('GET', '/api/v1/contacts/31', contact());
  server.on('GET', '/api/v1/contacts/31/tickets', {
    data: [ticket({ id: 1042 }), ticket({ id: 1001, number: 1001, status: 'solved' })],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/organisations/3', organisation());
});

afterEach(() => {
  vi.useRealTimers();
});

describe('customer store', () => {
  it('loads a contact with its newest tickets and its organisation', async () => {
    const store = useCustomerStore();
    await store.loadContact(31);
    const state = store.contactState(31);
    expect(state.contact?.name).toBe('रवि कुमार');
    expect(state.recent.map((t) => t.id)).toEqual([1042, 1001]);
    expect(state.recentHasMore).toBe(false);
    expect(server.callsTo('GET', '/api/v1/contacts/31/tickets')[0]!.query.get('limit')).toBe(
      String(RECENT_LIMIT),
    );
    expect(store.organisationState(3).organisation?.tier).toBe('premium');
    expect(state.loading).toBe(false);
  });

  it('does not ask again for a contact loaded a few seconds ago, and shares a load in flight', async () => {
    const store = useCustomerStore();
    await Promise.all([store.loadContact(31), store.loadContact(31)]);
    expect(server.callsTo('GET', '/api/v1/contacts/31')).toHaveLength(1);

    vi.setSystemTime(Date.now() + FRESH_MS - 1000);
    await store.loadContact(31);
    expect(server.callsTo('GET', '/api/v1/contacts/31')).toHaveLength(1);

    vi.setSystemTime(Date.now() + 2000);
    server.on('GET', '/api/v1/contacts/31', contact({ name: 'Ravi Kumar', version: 5 }));
    await store.loadContact(31);
    expect(server.callsTo('GET', '/api/v1/contacts/31')).toHaveLength(2);
    expect(store.contactState(31).contact?.name).toBe('Ravi Kumar');

    await store.loadContact(31, { force: true });
    expect(server.callsTo('GET', '/api/v1/contacts/31')).toHaveLength(3);
  });

  it('fetches an organisation once, whichever of its contacts asks', async () => {
    server.on('GET', '/api/v1/contacts/32', contact({ id: 32, name: 'Anita' }));
    server.on('GET', '/api/v1/contacts/32/tickets', { data: [], next_cursor: null });
    const store = useCustomerStore();
    await Promise.all([store.loadContact(31), store.loadContact(32)]);
    vi.setSystemTime(Date.now() + FRESH_MS * 2);
    await store.loadContact(31);
    expect(server.callsTo('GET', '/api/v1/organisations/3')).toHaveLength(1);
  });

  it('keeps a not-found error for the screen, and tries again next time', async () => {
    server.on('GET', '/api/v1/contacts/9', problem(404, 'not-found'));
    server.on('GET', '/api/v1/contacts/9/tickets', problem(404, 'not-found'));
    const store = useCustomerStore();
    await store.loadContact(9);
    expect(store.contactState(9).contact).toBeNull();
    expect(store.contactState(9).error?.type).toBe('/problems/not-found');
    await store.loadContact(9);
    expect(server.callsTo('GET', '/api/v1/contacts/9')).toHaveLength(2);
  });

  it('shows the contact even when its tickets could not be loaded', async () => {
    server.on('GET', '/api/v1/contacts/31/tickets', problem(503, 'unavailable'));
    const store = useCustomerStore();
    await store.loadContact(31);
    expect(store.contactState(31).contact?.id).toBe(31);
    expect(store.contactState(31).error).toBeNull();
    expect(store.contactState(31).recentError?.type).toBe('/problems/unavailable');
  });

  it('pages through every ticket of a contact', async () => {
    server.on('GET', '/api/v1/contacts/31/tickets', (call) =>
      call.query.get('cursor') === 'c2'
        ? json(200, { data: [ticket({ id: 1001 }), ticket({ id: 990 })], next_cursor: null })
        : json(200, { data: [ticket({ id: 1042 }), ticket({ id: 1001 })], next_cursor: 'c2' }),
    );
    const store = useCustomerStore();
    await store.loadTickets(31);
    expect(server.calls.at(-1)!.query.get('limit')).toBe(String(TICKETS_PAGE_SIZE));
    expect(store.ticketListState(31).cursor).toBe('c2');
    await store.loadMoreTickets(31);
    expect(server.calls.at(-1)!.query.get('cursor')).toBe('c2');
    const list = store.ticketListState(31);
    expect(list.tickets.map((t) => t.id)).toEqual([1042, 1001, 990]);
    expect(list.cursor).toBeNull();
    expect(list.loadingMore).toBe(false);
  });

  it('saves changes with If-Match and takes the contact the server returns', async () => {
    const store = useCustomerStore();
    await store.loadContact(31);
    server.on('PATCH', '/api/v1/contacts/31', (call) =>
      json(200, contact({ ...(call.body as object), version: 5 })),
    );
    await store.saveContact(31, { name: 'Ravi K.', time_zone: 'Asia/Dubai' });
    const patch = server.callsTo('PATCH', '/api/v1/contacts/31')[0]!;
    expect(patch.headers.get('If-Match')).toBe('"4"');
    expect(patch.headers.get('X-CSRF-Token')).toBe('csrf');
    expect(patch.body).toEqual({ name: 'Ravi K.', time_zone: 'Asia/Dubai' });
    expect(store.contactState(31).contact).toMatchObject({ name: 'Ravi K.', version: 5 });
    expect(store.contactState(31).saving).toBe(false);
  });

  it('shows a change at once and undoes it when the server refuses', async () => {
    const store = useCustomerStore();
    await store.loadContact(31);
    let seenDuringSave = '';
    server.on('PATCH', '/api/v1/contacts/31', () => {
      seenDuringSave = store.contactState(31).contact?.email ?? '';
      return problem(409, 'already-exists', 'taken', [{ field: 'email', message: 'is taken' }]);
    });
    await expect(store.saveContact(31, { email: 'anita@example.in' })).rejects.toMatchObject({
      status: 409,
    });
    expect(seenDuringSave).toBe('anita@example.in');
    expect(store.contactState(31).contact?.email).toBe('ravi@example.in');
  });

  it('reloads the contact when someone else changed it first (412)', async () => {
    const store = useCustomerStore();
    await store.loadContact(31);
    server.on('PATCH', '/api/v1/contacts/31', problem(412, 'precondition-failed'));
    server.on('GET', '/api/v1/contacts/31', contact({ phone: '+919800000000', version: 6 }));
    await expect(store.saveContact(31, { name: 'Ravi K.' })).rejects.toMatchObject({ status: 412 });
    expect(store.contactState(31).contact).toMatchObject({
      name: 'रवि कुमार',
      phone: '+919800000000',
      version: 6,
    });
  });
});
