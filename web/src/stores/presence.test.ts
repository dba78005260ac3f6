import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api/client';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { HEARTBEAT_MS, usePresenceStore } from './presence';

let server: FakeApi;
let visibility: DocumentVisibilityState = 'visible';

const asha = {
  agent_id: 8,
  name: 'Asha Nair',
  state: 'viewing',
  since: '2026-11-23T10:00:00.000Z',
  last_seen_at: '2026-11-23T10:00:05.000Z',
};

beforeEach(() => {
  vi.useFakeTimers();
  setActivePinia(createPinia());
  server = new FakeApi().install();
  api.setCsrfToken('csrf');
  visibility = 'visible';
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
});

afterEach(() => {
  usePresenceStore().stop();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function beats() {
  return server.callsTo('POST', '/api/v1/tickets/1042/presence');
}

describe('presence store', () => {
  it('heartbeats every 10 seconds and shows the other agents the server names', async () => {
    server.on('POST', '/api/v1/tickets/1042/presence', { data: [asha] });
    const presence = usePresenceStore();
    presence.start(1042);
    await flushPromises();
    expect(beats()).toHaveLength(1);
    expect(beats()[0]!.body).toEqual({ state: 'viewing' });
    expect(beats()[0]!.headers.get('X-CSRF-Token')).toBe('csrf');
    expect(presence.others.map((o) => o.name)).toEqual(['Asha Nair']);

    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(beats()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(beats()).toHaveLength(3);
  });

  it('says "replying" at once when the reply box gets text, and "viewing" when it is emptied', async () => {
    server.on('POST', '/api/v1/tickets/1042/presence', { data: [] });
    const presence = usePresenceStore();
    presence.start(1042);
    await flushPromises();
    presence.setReplying(true);
    await flushPromises();
    presence.setReplying(true);
    await flushPromises();
    presence.setReplying(false);
    await flushPromises();
    expect(beats().map((c) => (c.body as { state: string }).state)).toEqual(['viewing', 'replying', 'viewing']);
  });

  it('does not heartbeat while the page is hidden, and catches up when it shows again', async () => {
    server.on('POST', '/api/v1/tickets/1042/presence', { data: [] });
    const presence = usePresenceStore();
    presence.start(1042);
    await flushPromises();
    visibility = 'hidden';
    await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_MS);
    expect(beats()).toHaveLength(1);
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await flushPromises();
    expect(beats()).toHaveLength(2);
  });

  it('shows nobody and stops asking when the server has no presence routes (404/405)', async () => {
    server.on('POST', '/api/v1/tickets/1042/presence', problem(405, 'method-not-allowed'));
    const presence = usePresenceStore();
    presence.start(1042);
    await flushPromises();
    expect(presence.supported).toBe(false);
    expect(presence.others).toEqual([]);
    await vi.advanceTimersByTimeAsync(5 * HEARTBEAT_MS);
    presence.setReplying(true);
    await flushPromises();
    expect(beats()).toHaveLength(1);
    presence.stop();
    expect(server.callsTo('DELETE', '/api/v1/tickets/1042/presence')).toHaveLength(0);
  });

  it('leaves with a keepalive DELETE and heartbeats no more', async () => {
    server.on('POST', '/api/v1/tickets/1042/presence', { data: [asha] });
    server.on('DELETE', '/api/v1/tickets/1042/presence', json(204, null));
    const presence = usePresenceStore();
    presence.start(1042);
    await flushPromises();
    presence.stop();
    await flushPromises();
    const del = server.callsTo('DELETE', '/api/v1/tickets/1042/presence');
    expect(del).toHaveLength(1);
    expect(del[0]!.headers.get('X-CSRF-Token')).toBe('csrf');
    const init = server.fetch.mock.calls.at(-1)![1] as RequestInit;
    expect(init.keepalive).toBe(true);
    expect(presence.others).toEqual([]);
    await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_MS);
    expect(beats()).toHaveLength(1);
  });

  it('moving to another ticket leaves the first one', async () => {
    server.on('POST', '/api/v1/tickets/1042/presence', { data: [asha] });
    server.on('POST', '/api/v1/tickets/1043/presence', { data: [] });
    server.on('DELETE', '/api/v1/tickets/1042/presence', json(204, null));
    const presence = usePresenceStore();
    presence.start(1042);
    await flushPromises();
    presence.start(1043);
    await flushPromises();
    expect(server.callsTo('DELETE', '/api/v1/tickets/1042/presence')).toHaveLength(1);
    expect(server.callsTo('POST', '/api/v1/tickets/1043/presence')).toHaveLength(1);
    expect(presence.others).toEqual([]);
  });
});
