import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api/client';
import type { CustomField } from '../api/admin';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { useAdminCustomFieldsStore } from './adminCustomFields';
import { useAdminTokensStore } from './adminTokens';
import { useAdminWorkspaceStore } from './adminWorkspace';

const T0 = '2026-11-23T10:00:00.000Z';

function field(over: Partial<CustomField> = {}): CustomField {
  return {
    id: 1,
    key: 'awb_number',
    label: 'AWB number',
    type: 'text',
    options: [],
    required: true,
    active: true,
    customer_visible: true,
    portal_topics: [],
    created_at: T0,
    updated_at: T0,
    version: 1,
    ...over,
  };
}

let server: FakeApi;

beforeEach(() => {
  setActivePinia(createPinia());
  api.setCsrfToken('csrf');
  server = new FakeApi().install();
  server.on('GET', '/api/v1/custom-fields', {
    data: [field({ id: 2, key: 'delivery_slot', type: 'dropdown', options: ['ಬೆಳಿಗ್ಗೆ', 'ಸಂಜೆ'] }), field()],
    next_cursor: null,
  });
});

describe('custom fields store', () => {
  it('lists fields in the order they were defined', async () => {
    const store = useAdminCustomFieldsStore();
    await store.load();
    expect(store.fields.map((f) => f.key)).toEqual(['awb_number', 'delivery_slot']);
  });

  it('defines a dropdown with its ordered choices', async () => {
    server.on('POST', '/api/v1/custom-fields', (call) => json(201, field({ id: 3, ...(call.body as object) })));
    const store = useAdminCustomFieldsStore();
    await store.load();
    await store.create({ key: 'refund_mode', label: 'Refund mode', type: 'dropdown', options: ['UPI', 'NEFT'], required: false });
    expect(server.callsTo('POST', '/api/v1/custom-fields')[0]!.body).toMatchObject({ options: ['UPI', 'NEFT'] });
    expect(store.fields.at(-1)!.key).toBe('refund_mode');
  });

  it('deactivates at once and rolls back when refused', async () => {
    server.on('DELETE', '/api/v1/custom-fields/1', problem(403, 'forbidden'));
    const store = useAdminCustomFieldsStore();
    await store.load();
    await expect(store.deactivate(1)).rejects.toMatchObject({ status: 403 });
    expect(store.fields.find((f) => f.id === 1)!.active).toBe(true);

    server.on('DELETE', '/api/v1/custom-fields/1', json(204, null));
    await store.deactivate(1);
    expect(store.fields.find((f) => f.id === 1)!.active).toBe(false);
    expect(store.fields).toHaveLength(2);
  });
});

describe('API tokens store', () => {
  it('keeps the secret out of the list and puts a refused revocation back', async () => {
    server.on('GET', '/api/v1/api-tokens', {
      data: [{ id: 4, name: 'CRM', agent_id: 1, created_at: T0, last_used_at: null }],
      next_cursor: null,
    });
    server.on('POST', '/api/v1/api-tokens', json(201, { id: 5, name: 'Courier sync', agent_id: 1, created_at: T0, last_used_at: null, token: 'shy_secret' }));
    server.on('DELETE', '/api/v1/api-tokens/4', problem(404, 'not-found'));
    const store = useAdminTokensStore();
    await store.load();
    const created = await store.create('Courier sync');
    expect(created.token).toBe('shy_secret');
    expect(server.callsTo('POST', '/api/v1/api-tokens')[0]!.body).toEqual({ name: 'Courier sync' });
    expect(store.tokens.map((t) => t.name)).toEqual(['Courier sync', 'CRM']);
    expect(JSON.stringify(store.tokens)).not.toContain('shy_secret');
    await expect(store.revoke(4)).rejects.toMatchObject({ status: 404 });
    expect(store.tokens.map((t) => t.id)).toEqual([5, 4]);
  });
});

describe('workspace store', () => {
  it('sends only what changed', async () => {
    server.on('GET', '/api/v1/workspace', { id: 1, name: 'Sahayak', default_language: 'en', time_zone: 'Asia/Kolkata' });
    server.on('PATCH', '/api/v1/workspace', (call) =>
      json(200, { id: 1, name: 'Sahayak', default_language: 'en', time_zone: 'Asia/Kolkata', ...(call.body as object) }),
    );
    const store = useAdminWorkspaceStore();
    await store.load();
    await store.save({ default_language: 'kn' });
    expect(server.callsTo('PATCH', '/api/v1/workspace')[0]!.body).toEqual({ default_language: 'kn' });
    expect(store.workspace!.default_language).toBe('kn');
  });
});
