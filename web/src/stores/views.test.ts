import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api/client';
import { savedView } from '../screens/inbox/savedViewFixture';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { useViewsStore } from './views';

let server: FakeApi;

beforeEach(() => {
  setActivePinia(createPinia());
  server = new FakeApi().install();
  api.setCsrfToken(null);
});

describe('saved views', () => {
  it('load once, in their position order', async () => {
    server.on('GET', '/api/v1/views', {
      data: [savedView({ id: 2, name: 'B', position: 2 }), savedView({ id: 1, name: 'A', position: 1 })],
      next_cursor: null,
    });
    const views = useViewsStore();
    await Promise.all([views.load(), views.load()]);
    await views.load();
    expect(views.sorted.map((v) => v.name)).toEqual(['A', 'B']);
    expect(server.callsTo('GET', '/api/v1/views')).toHaveLength(1);
  });

  it('keep the error when the list cannot be loaded, without throwing', async () => {
    server.on('GET', '/api/v1/views', problem(503, 'unavailable'));
    const views = useViewsStore();
    await views.load();
    expect(views.error?.type).toBe('/problems/unavailable');
    expect(views.loaded).toBe(false);
  });

  it('create a view and throw the duplicate-name problem for the dialog', async () => {
    server.on('POST', '/api/v1/views', (call) =>
      (call.body as { name: string }).name === 'Taken'
        ? problem(409, 'already-exists')
        : json(201, savedView({ id: 30, name: (call.body as { name: string }).name })),
    );
    const views = useViewsStore();
    const created = await views.create({ name: 'Mine', filters: {}, sort: '-updated_at', columns: ['subject'] });
    expect(created.id).toBe(30);
    expect(views.views.map((v) => v.id)).toEqual([30]);
    await expect(
      views.create({ name: 'Taken', filters: {}, sort: '-updated_at', columns: ['subject'] }),
    ).rejects.toMatchObject({ type: '/problems/already-exists' });
    expect(views.views).toHaveLength(1);
  });

  it('update with If-Match of the version they have', async () => {
    server.on('GET', '/api/v1/views', { data: [savedView()], next_cursor: null });
    server.on('PATCH', '/api/v1/views/12', (call) => json(200, savedView({ ...(call.body as object), version: 5 })));
    const views = useViewsStore();
    await views.load();
    await views.update(12, { name: 'Renamed' });
    const call = server.callsTo('PATCH', '/api/v1/views/12')[0]!;
    expect(call.headers.get('If-Match')).toBe('"4"');
    expect(views.byId(12)).toMatchObject({ name: 'Renamed', version: 5 });
  });

  it('delete at once and come back when the server refuses', async () => {
    server.on('GET', '/api/v1/views', { data: [savedView()], next_cursor: null });
    server.on('DELETE', '/api/v1/views/12', problem(403, 'forbidden'));
    const views = useViewsStore();
    await views.load();
    const pending = views.remove(12);
    expect(views.views).toHaveLength(0);
    await expect(pending).rejects.toMatchObject({ type: '/problems/forbidden' });
    expect(views.views.map((v) => v.id)).toEqual([12]);

    server.on('DELETE', '/api/v1/views/12', json(204, null));
    await views.remove(12);
    expect(views.views).toHaveLength(0);
  });
});
