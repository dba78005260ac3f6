// The delivery calls: paths, methods, bodies and headers of the contract (If-Match on saves,
// X-Sahayak-Via on requests made for the customer), refusals as ApiErrors, and the helpers that
// read and format what the server sends.
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from './client';
import {
  addressLines,
  changedTo,
  createDeliveryRequest,
  dayRuns,
  formatCalendarDate,
  formatDays,
  formatWindow,
  getContactDeliveryPreferences,
  isRequestWindowValid,
  isSet,
  listContactActivity,
  listDeliveryRequests,
  saveContactDeliveryPreferences,
} from './delivery';
import { FakeApi, json, problem } from '../testing/fakeApi';
import {
  activityEntry,
  address,
  deliveryPreferences,
  deliveryRequest,
  deliveryShipment,
} from '../screens/contact/testData';

let server: FakeApi;
let client: ApiClient;

beforeEach(() => {
  server = new FakeApi().install();
  client = new ApiClient();
  client.setCsrfToken('csrf-1');
});

describe('delivery preferences', () => {
  it('reads a contact’s preferences', async () => {
    server.on('GET', '/api/v1/contacts/31/delivery-preferences', deliveryPreferences());
    const p = await getContactDeliveryPreferences(31, client);
    expect(server.calls[0]!.method).toBe('GET');
    expect(p.version).toBe(3);
    expect(p.inherited_from?.name).toBe('Dakshin Logistics');
    expect(p.effective.language).toBe('hi');
  });

  it('saves them with PUT, the whole set, If-Match and the CSRF token', async () => {
    server.on('PUT', '/api/v1/contacts/31/delivery-preferences', (c) =>
      json(200, deliveryPreferences({ ...(c.body as object), version: 4 })),
    );
    const body = {
      windows: [{ days: ['mon' as const], from: '09:00', until: '12:00' }],
      time_zone: 'Asia/Kolkata',
      language: 'kn' as const,
      safe_place: '',
      alternate_address: null,
      preferred_channel: 'sms' as const,
      quiet_hours: null,
    };
    const saved = await saveContactDeliveryPreferences(31, body, 3, client);
    const call = server.callsTo('PUT', '/api/v1/contacts/31/delivery-preferences')[0]!;
    expect(call.body).toEqual(body);
    expect(call.headers.get('If-Match')).toBe('"3"');
    expect(call.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(call.headers.get('Content-Type')).toBe('application/json');
    expect(saved.version).toBe(4);
  });

  it('leaves If-Match out when no version is given', async () => {
    server.on('PUT', '/api/v1/contacts/31/delivery-preferences', deliveryPreferences());
    await saveContactDeliveryPreferences(31, {}, undefined, client);
    expect(server.calls[0]!.headers.has('If-Match')).toBe(false);
  });

  it('turns a stale version and a refused field into ApiErrors', async () => {
    server.on('PUT', '/api/v1/contacts/31/delivery-preferences', problem(412, 'precondition-failed'));
    await expect(saveContactDeliveryPreferences(31, {}, 2, client)).rejects.toMatchObject({
      status: 412,
      type: '/problems/precondition-failed',
    });
    server.on(
      'PUT',
      '/api/v1/contacts/31/delivery-preferences',
      problem(422, 'validation', 'bad', [{ field: 'windows[0].until', message: 'must be after from' }]),
    );
    const e = await saveContactDeliveryPreferences(31, {}, 2, client).catch((x: unknown) => x);
    expect((e as { fieldError(f: string): string | undefined }).fieldError('windows[0].until')).toBe(
      'must be after from',
    );
  });
});

describe('delivery requests', () => {
  it('lists a shipment’s requests oldest first whatever order they came in', async () => {
    server.on('GET', '/api/v1/shipments/12/delivery-requests', {
      data: [
        deliveryRequest({ id: 2, created_at: '2026-12-04T06:00:00Z' }),
        deliveryRequest({ id: 1, created_at: '2026-12-04T04:30:00Z' }),
      ],
    });
    const list = await listDeliveryRequests(12, client);
    expect(list.map((r) => r.id)).toEqual([1, 2]);
  });

  it('asks for the customer with POST, the body of its kind and X-Sahayak-Via: console', async () => {
    server.on('POST', '/api/v1/shipments/12/delivery-requests', (c) =>
      json(201, {
        request: deliveryRequest({ id: 3, via: 'console', by: { type: 'agent', id: 7, name: 'Meera Rao' } }),
        shipment: deliveryShipment({ date: (c.body as { date: string }).date }),
      }),
    );
    const answer = await createDeliveryRequest(12, { kind: 'reschedule', date: '2026-12-07' }, client);
    const call = server.calls[0]!;
    expect(call.method).toBe('POST');
    expect(call.path).toBe('/api/v1/shipments/12/delivery-requests');
    expect(call.body).toEqual({ kind: 'reschedule', date: '2026-12-07' });
    expect(call.headers.get('X-Sahayak-Via')).toBe('console');
    expect(call.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(answer.request.id).toBe(3);
    expect(answer.shipment.delivery?.date).toBe('2026-12-07');

    await createDeliveryRequest(12, { kind: 'address', address: null }, client);
    await createDeliveryRequest(12, { kind: 'window', window: null }, client);
    expect(server.calls.slice(1).map((c) => c.body)).toEqual([
      { kind: 'address', address: null },
      { kind: 'window', window: null },
    ]);
  });

  it('keeps the server’s reason of a 409', async () => {
    server.on(
      'POST',
      '/api/v1/shipments/12/delivery-requests',
      problem(409, 'conflict', 'The parcel is already out for delivery.'),
    );
    await expect(
      createDeliveryRequest(12, { kind: 'address', address: 'alternate' }, client),
    ).rejects.toMatchObject({ status: 409, type: '/problems/conflict', detail: 'The parcel is already out for delivery.' });
  });
});

describe('contact activity', () => {
  it('asks for the first page without a cursor and the next with it', async () => {
    server.on('GET', '/api/v1/contacts/31/activity', { data: [activityEntry()], next_cursor: 'c2' });
    const first = await listContactActivity(31, null, client);
    expect(server.calls[0]!.query.has('cursor')).toBe(false);
    expect(first.next_cursor).toBe('c2');
    await listContactActivity(31, 'c2', client);
    expect(server.calls[1]!.query.get('cursor')).toBe('c2');
  });
});

describe('reading and formatting', () => {
  it('groups days into runs, Monday first', () => {
    expect(dayRuns(['sat', 'mon', 'tue', 'wed', 'thu', 'fri'])).toEqual([['mon', 'tue', 'wed', 'thu', 'fri', 'sat']]);
    expect(dayRuns(['mon', 'wed', 'thu', 'sun', 'xyz', 'mon'])).toEqual([['mon'], ['wed', 'thu'], ['sun']]);
    expect(dayRuns([])).toEqual([]);
  });

  it('writes windows as an agent says them, in the agent’s language', () => {
    expect(formatWindow({ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], from: '07:00', until: '16:00' }, 'en')).toBe(
      'Mon–Sat 07:00–16:00',
    );
    expect(formatDays(['mon', 'wed', 'thu', 'fri'], 'en')).toBe('Mon, Wed–Fri');
    expect(formatDays(['sat', 'sun'], 'en')).toBe('Sat, Sun');
    expect(formatDays(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], 'hi')).toBe('सोम–शनि');
    expect(formatWindow({ days: [], from: '10:00', until: '12:00' }, 'en')).toBe('10:00–12:00');
  });

  it('shows calendar dates without shifting them a day', () => {
    expect(formatCalendarDate('2026-12-08', 'en')).toBe('Dec 8, 2026');
    expect(formatCalendarDate('2026-12-08', 'en', 'full')).toBe('Tuesday, December 8, 2026');
    expect(formatCalendarDate('not a date', 'en')).toBe('not a date');
  });

  it('knows a window the server takes for one shipment', () => {
    expect(isRequestWindowValid({ from: '10:00', until: '14:00' })).toBe(true);
    expect(isRequestWindowValid({ from: '07:00', until: '21:00' })).toBe(true);
    expect(isRequestWindowValid({ from: '06:30', until: '10:00' })).toBe(false);
    expect(isRequestWindowValid({ from: '19:30', until: '21:30' })).toBe(false);
    expect(isRequestWindowValid({ from: '10:00', until: '11:30' })).toBe(false);
    expect(isRequestWindowValid({ from: '', until: '' })).toBe(false);
  });

  it('reads addresses, unset values and audit changes', () => {
    expect(addressLines(address())).toEqual(['Asha Rao', '12 MG Road', 'Bengaluru 560001', 'IN', '+919800000000']);
    expect(addressLines(null)).toEqual([]);
    expect([isSet(''), isSet([]), isSet(null), isSet('x'), isSet([1]), isSet({})]).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(changedTo({ phone: ['1', '2'], via: 'portal' }, 'phone')).toBe('2');
    expect(changedTo({ phone: ['1', '2'], via: 'portal' }, 'via')).toBe('portal');
    expect(changedTo(null, 'via')).toBeUndefined();
  });
});
