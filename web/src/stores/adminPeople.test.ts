import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api/client';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { agent, group } from '../testing/fixtures';
import { useAdminPeopleStore } from './adminPeople';
import { useDirectoryStore } from './directory';

let server: FakeApi;

beforeEach(() => {
  setActivePinia(createPinia());
  api.setCsrfToken('csrf');
  server = new FakeApi().install();
  server.on('GET', '/api/v1/agents', {
    data: [agent({ id: 7, name: 'Meera Rao', group_ids: [2], version: 4 }), agent({ id: 1, name: 'Admin', role: 'admin', group_ids: [] })],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/groups', {
    data: [group({ id: 2, name: 'Shipping', agent_ids: [7] }), group({ id: 3, name: 'Accounts', agent_ids: [], version: 2 })],
    next_cursor: null,
  });
});

describe('admin people store', () => {
  it('loads every agent and group, sorted by name, 100 at a time', async () => {
    const store = useAdminPeopleStore();
    await store.load();
    expect(store.agents.map((a) => a.name)).toEqual(['Admin', 'Meera Rao']);
    expect(store.groups.map((g) => g.name)).toEqual(['Accounts', 'Shipping']);
    expect(server.callsTo('GET', '/api/v1/agents')[0]!.query.get('limit')).toBe('100');
  });

  it('invites an agent without a password and adds them to their groups', async () => {
    server.on('POST', '/api/v1/agents', (call) =>
      json(201, agent({ ...(call.body as object), id: 12, group_ids: [3] })),
    );
    const store = useAdminPeopleStore();
    await store.load();
    await store.inviteAgent({ name: 'Kavya Bhat', email: 'kavya@example.in', language: 'kn', group_ids: [3] });
    const body = server.callsTo('POST', '/api/v1/agents')[0]!.body as Record<string, unknown>;
    expect(body).toEqual({ name: 'Kavya Bhat', email: 'kavya@example.in', language: 'kn', group_ids: [3] });
    expect('password' in body).toBe(false);
    expect(store.agents.map((a) => a.name)).toContain('Kavya Bhat');
    expect(store.groups.find((g) => g.id === 3)!.agent_ids).toEqual([12]);
  });

  it('shows a change at once, sends it at the version, and rolls it back when refused', async () => {
    const store = useAdminPeopleStore();
    await store.load();
    let release!: (r: Response) => void;
    server.on('PATCH', '/api/v1/agents/7', () => new Promise<Response>((r) => (release = r)));
    const pending = store.updateAgent(7, { active: false });
    await Promise.resolve();
    expect(store.agents.find((a) => a.id === 7)!.active).toBe(false);
    release(problem(422, 'self-lockout', 'you cannot deactivate yourself', [{ field: 'active', message: 'would lock you out' }]));
    await expect(pending).rejects.toMatchObject({ type: '/problems/self-lockout' });
    expect(store.agents.find((a) => a.id === 7)!.active).toBe(true);
    expect(server.callsTo('PATCH', '/api/v1/agents/7')[0]!.headers.get('If-Match')).toBe('"4"');
  });

  it('sets a new password without showing it anywhere, and reloads the directory', async () => {
    const directory = useDirectoryStore();
    await directory.load();
    const store = useAdminPeopleStore();
    await store.load();
    server.on('PATCH', '/api/v1/agents/7', json(200, agent({ id: 7, name: 'Meera Rao', version: 5 })));
    const before = server.callsTo('GET', '/api/v1/agents').length;
    await store.updateAgent(7, { password: 'a long new password' });
    expect(server.callsTo('PATCH', '/api/v1/agents/7')[0]!.body).toEqual({ password: 'a long new password' });
    expect(JSON.stringify(store.agents)).not.toContain('a long new password');
    expect(server.callsTo('GET', '/api/v1/agents').length).toBe(before + 1);
  });

  it('puts a group back where it was when the server refuses to delete it', async () => {
    server.on('DELETE', '/api/v1/groups/2', problem(422, 'group-in-use', 'the group still has tickets'));
    const store = useAdminPeopleStore();
    await store.load();
    await expect(store.deleteGroup(2)).rejects.toMatchObject({ type: '/problems/group-in-use' });
    expect(store.groups.map((g) => g.name)).toEqual(['Accounts', 'Shipping']);
    expect(store.agents.find((a) => a.id === 7)!.group_ids).toEqual([2]);
  });

  it('deletes a group and takes it off its members', async () => {
    server.on('DELETE', '/api/v1/groups/2', json(204, null));
    const store = useAdminPeopleStore();
    await store.load();
    await store.deleteGroup(2);
    expect(store.groups.map((g) => g.name)).toEqual(['Accounts']);
    expect(store.agents.find((a) => a.id === 7)!.group_ids).toEqual([]);
  });

  it('changes members of a group and keeps agents in step', async () => {
    server.on('PATCH', '/api/v1/groups/3', (call) =>
      json(200, group({ id: 3, name: 'Accounts', ...(call.body as object), version: 3 })),
    );
    const store = useAdminPeopleStore();
    await store.load();
    await store.updateGroup(3, { agent_ids: [1, 7] });
    expect(server.callsTo('PATCH', '/api/v1/groups/3')[0]!.headers.get('If-Match')).toBe('"2"');
    expect(store.agents.find((a) => a.id === 7)!.group_ids).toEqual([2, 3]);
    expect(store.agents.find((a) => a.id === 1)!.group_ids).toEqual([3]);
  });
});

describe('admin people store, stale versions', () => {
  it('loads the list again when someone else changed the agent first', async () => {
    server.on('PATCH', '/api/v1/agents/7', problem(412, 'precondition-failed'));
    const store = useAdminPeopleStore();
    await store.load();
    server.on('GET', '/api/v1/agents', { data: [agent({ id: 7, name: 'Meera R.', version: 5 })], next_cursor: null });
    await expect(store.updateAgent(7, { role: 'admin' })).rejects.toMatchObject({ status: 412 });
    await vi.waitFor(() => expect(store.agents.map((a) => a.name)).toEqual(['Meera R.']));
  });
});
