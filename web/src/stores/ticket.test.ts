import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api/client';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { message, ticket } from '../testing/fixtures';
import { newIdempotencyKey, useTicketStore } from './ticket';

let server: FakeApi;

beforeEach(() => {
  setActivePinia(createPinia());
  server = new FakeApi().install();
  api.setCsrfToken('csrf');
  server.on('GET', '/api/v1/tickets/1042', ticket());
  server.on('GET', '/api/v1/tickets/1042/messages', {
    data: [message({ id: 1 }), message({ id: 2, public: false, author: { type: 'agent', id: 7, name: 'Meera' } })],
    next_cursor: 'm2',
  });
});

describe('ticket store', () => {
  it('loads the ticket and its conversation, and pages the conversation on', async () => {
    const store = useTicketStore();
    await store.load(1042);
    expect(store.ticket?.subject).toBe('मेरा पार्सल कहाँ है?');
    expect(store.messages.map((m) => m.id)).toEqual([1, 2]);
    expect(store.messagesCursor).toBe('m2');

    server.on('GET', '/api/v1/tickets/1042/messages', { data: [message({ id: 2 }), message({ id: 3 })], next_cursor: null });
    await store.loadMoreMessages();
    expect(server.calls.at(-1)!.query.get('cursor')).toBe('m2');
    expect(store.messages.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(store.messagesCursor).toBeNull();
  });

  it('keeps a not-found error for the screen', async () => {
    server.on('GET', '/api/v1/tickets/9', problem(404, 'not-found'));
    server.on('GET', '/api/v1/tickets/9/messages', problem(404, 'not-found'));
    const store = useTicketStore();
    await store.load(9);
    expect(store.ticket).toBeNull();
    expect(store.error?.type).toBe('/problems/not-found');
  });

  it('sends a public reply with an Idempotency-Key and shows it with the ticket as it is now', async () => {
    const store = useTicketStore();
    await store.load(1042);
    server.on('POST', '/api/v1/tickets/1042/messages', (call) =>
      json(201, message({ id: 3, body: (call.body as { body: string }).body, author: { type: 'agent', id: 7, name: 'Meera' } })),
    );
    server.on('GET', '/api/v1/tickets/1042', ticket({ first_response_at: '2026-11-23T10:05:00.000Z', version: 4 }));

    await store.reply('ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ ಇಂದು ತಲುಪುತ್ತದೆ.', true);
    const post = server.callsTo('POST', '/api/v1/tickets/1042/messages')[0]!;
    expect(post.body).toEqual({ body: 'ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ ಇಂದು ತಲುಪುತ್ತದೆ.', public: true });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/);
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf');
    expect(store.messages.at(-1)?.id).toBe(3);
    expect(store.ticket?.version).toBe(4);
  });

  it('retries a failed reply with the same key, and uses a new key for other text', async () => {
    const store = useTicketStore();
    await store.load(1042);
    server.on('POST', '/api/v1/tickets/1042/messages', problem(503, 'unavailable'));
    await expect(store.reply('Called the hub', false)).rejects.toMatchObject({ type: '/problems/unavailable' });
    await expect(store.reply('Called the hub', false)).rejects.toBeTruthy();
    await expect(store.reply('Called the hub in Hubballi', false)).rejects.toBeTruthy();
    const keys = server.callsTo('POST', '/api/v1/tickets/1042/messages').map((c) => c.headers.get('Idempotency-Key'));
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(store.sending).toBe(false);
  });

  it('updates with If-Match and takes the ticket the server returns', async () => {
    const store = useTicketStore();
    await store.load(1042);
    server.on('PATCH', '/api/v1/tickets/1042', ticket({ status: 'pending', version: 4 }));
    await store.update({ status: 'pending' });
    const patch = server.callsTo('PATCH', '/api/v1/tickets/1042')[0]!;
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(patch.body).toEqual({ status: 'pending' });
    expect(store.ticket?.status).toBe('pending');
  });

  it('reloads the ticket when someone else changed it first (412)', async () => {
    const store = useTicketStore();
    await store.load(1042);
    server.on('PATCH', '/api/v1/tickets/1042', problem(412, 'precondition-failed'));
    server.on('GET', '/api/v1/tickets/1042', ticket({ priority: 'urgent', version: 5 }));
    await expect(store.update({ priority: 'low' })).rejects.toMatchObject({ status: 412 });
    expect(store.ticket?.priority).toBe('urgent');
    expect(store.ticket?.version).toBe(5);
    expect(store.saving).toBe(false);
  });

  it('makes idempotency keys without crypto.randomUUID (plain http)', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });

  it('sends the ids of uploaded files with the reply', async () => {
    const store = useTicketStore();
    await store.load(1042);
    server.on('POST', '/api/v1/tickets/1042/messages', (call) => json(201, message({ id: 9, body: (call.body as { body: string }).body })));
    await store.reply('Invoice attached', true, [77, 78]);
    const post = server.callsTo('POST', '/api/v1/tickets/1042/messages')[0]!;
    expect(post.body).toEqual({ body: 'Invoice attached', public: true, attachment_ids: [77, 78] });
  });

  it('merges into another ticket and remembers which one was merged', async () => {
    const store = useTicketStore();
    await store.load(1042);
    server.on('POST', '/api/v1/tickets/1042/merge', ticket({ id: 1041, number: 1041, version: 8 }));
    const survivor = await store.merge(1041);
    expect(server.callsTo('POST', '/api/v1/tickets/1042/merge')[0]!.body).toEqual({ target_id: 1041 });
    expect(survivor.id).toBe(1041);
    expect(store.mergedFrom).toBe(1042);
    expect(store.saving).toBe(false);
  });

  it('loads the custom-field definitions once', async () => {
    server.on('GET', '/api/v1/custom-fields', {
      data: [{ id: 1, key: 'order_id', label: 'Order ID', type: 'text', options: [], required: true, active: true, created_at: '', updated_at: '', version: 1 }],
      next_cursor: null,
    });
    const store = useTicketStore();
    await Promise.all([store.loadFieldDefs(), store.loadFieldDefs()]);
    await store.loadFieldDefs();
    expect(store.fieldDefs.map((d) => d.key)).toEqual(['order_id']);
    expect(server.callsTo('GET', '/api/v1/custom-fields')).toHaveLength(1);
  });
});
