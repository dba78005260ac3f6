import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api/client';
import { FakeApi, problem } from '../testing/fakeApi';
import { agent, group, ticket } from '../testing/fixtures';
import { useDirectoryStore } from './directory';
import { buildViews, COUNT_LIMIT, PAGE_SIZE, useInboxStore } from './inbox';
import { useSessionStore } from './session';

let server: FakeApi;

beforeEach(async () => {
  setActivePinia(createPinia());
  server = new FakeApi().install();
  api.setCsrfToken(null);
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 7, group_ids: [2, 5] }), csrf_token: 'c' });
  await useSessionStore().restore();
});

describe('views', () => {
  it('are mine, unassigned, each of my groups by name, pending, on hold, recently solved', () => {
    const names = new Map([
      [2, 'Shipping'],
      [5, 'Accounts Receivable'],
    ]);
    const views = buildViews(7, [2, 5], names);
    expect(views.map((v) => v.id)).toEqual([
      'mine',
      'unassigned',
      'group-5',
      'group-2',
      'pending',
      'on-hold',
      'solved',
    ]);
    expect(views[0]!.filters).toEqual({ assignee: 7, status: ['new', 'open'] });
    expect(views[1]!.filters.assignee).toBe('none');
    expect(views[2]).toMatchObject({ kind: 'group', groupName: 'Accounts Receivable', filters: { group: 5 } });
  });

  it('name my groups from GET /groups once the directory is loaded', async () => {
    server.on('GET', '/api/v1/agents', { data: [agent()], next_cursor: null });
    server.on('GET', '/api/v1/groups', {
      data: [group({ id: 2, name: 'Shipping' }), group({ id: 5, name: 'Repairs' }), group({ id: 9, name: 'Sales' })],
      next_cursor: null,
    });
    const inbox = useInboxStore();
    expect(inbox.views.find((v) => v.id === 'group-5')?.groupName).toBe('#5');
    await useDirectoryStore().load();
    const groupViews = inbox.views.filter((v) => v.kind === 'group').map((v) => v.groupName);
    expect(groupViews).toEqual(['Repairs', 'Shipping']);
  });
});

describe('counts', () => {
  it('ask the count endpoint with each view\'s filters and show 10,000+ when capped', async () => {
    server.on('GET', '/api/v1/tickets/count', (call) => {
      const status = call.query.get('status');
      const body =
        status === 'pending' ? { count: COUNT_LIMIT, capped: true } : { count: 2, capped: false };
      if (status === 'solved') {
        return problem(503, 'unavailable');
      }
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    });
    const inbox = useInboxStore();
    await inbox.refreshCounts();
    const calls = server.callsTo('GET', '/api/v1/tickets/count');
    expect(calls).toHaveLength(inbox.views.length);
    expect(calls.every((c) => c.query.get('limit') === null)).toBe(true);
    expect(server.callsTo('GET', '/api/v1/tickets')).toHaveLength(0);
    expect(inbox.counts.mine).toEqual({ count: 2, more: false });
    expect(inbox.counts.pending).toEqual({ count: 10_000, more: true });
    expect(inbox.counts.solved).toBeUndefined();
  });
});

describe('pages', () => {
  it('follow next_cursor forward and the remembered cursors back', async () => {
    server.on('GET', '/api/v1/tickets', (call) => {
      const cursor = call.query.get('cursor');
      const page =
        cursor === null
          ? { data: [ticket({ id: 3 })], next_cursor: 'p2' }
          : cursor === 'p2'
            ? { data: [ticket({ id: 2 })], next_cursor: 'p3' }
            : { data: [ticket({ id: 1 })], next_cursor: null };
      return new Response(JSON.stringify(page), { headers: { 'Content-Type': 'application/json' } });
    });
    const inbox = useInboxStore();
    await inbox.openView('unassigned');
    expect(inbox.tickets.map((t) => t.id)).toEqual([3]);
    expect(inbox.hasPrevious).toBe(false);
    const first = server.calls.at(-1)!;
    expect(first.query.get('assignee')).toBe('none');
    expect(first.query.get('limit')).toBe(String(PAGE_SIZE));

    await inbox.nextPage();
    await inbox.nextPage();
    expect(inbox.tickets.map((t) => t.id)).toEqual([1]);
    expect(inbox.hasNext).toBe(false);
    expect(server.calls.at(-1)!.query.get('cursor')).toBe('p3');

    await inbox.previousPage();
    expect(inbox.tickets.map((t) => t.id)).toEqual([2]);
    expect(server.calls.at(-1)!.query.get('cursor')).toBe('p2');
    expect(inbox.hasNext).toBe(true);
  });

  it('keep the error of a failed page for the screen to show', async () => {
    server.on('GET', '/api/v1/tickets', problem(429, 'rate-limited', '', [], { 'Retry-After': '3' }));
    const inbox = useInboxStore();
    await inbox.openView('mine');
    expect(inbox.error?.type).toBe('/problems/rate-limited');
    expect(inbox.tickets).toEqual([]);
    expect(inbox.loading).toBe(false);
  });

  it('show only the latest view when the agent switches views quickly', async () => {
    let release: (() => void) | undefined;
    server.on('GET', '/api/v1/tickets', (call) => {
      const body = JSON.stringify({ data: [ticket({ id: call.query.get('status') === 'pending' ? 20 : 10 })], next_cursor: null });
      const res = new Response(body, { headers: { 'Content-Type': 'application/json' } });
      if (call.query.get('status') === 'pending') {
        return res;
      }
      return new Promise<Response>((resolve) => {
        release = () => resolve(res);
      });
    });
    const inbox = useInboxStore();
    const slow = inbox.openView('mine');
    await inbox.openView('pending');
    release?.();
    await slow;
    expect(inbox.currentViewId).toBe('pending');
    expect(inbox.tickets.map((t) => t.id)).toEqual([20]);
  });
});

describe('count freshness', () => {
  it('keeps counts younger than maxAgeMs, and refreshes when asked outright', async () => {
    server.on('GET', '/api/v1/tickets/count', { count: 1, capped: false });
    const inbox = useInboxStore();
    await inbox.refreshCounts({ maxAgeMs: 60_000 });
    const first = server.callsTo('GET', '/api/v1/tickets/count').length;
    expect(first).toBe(inbox.views.length);
    await inbox.refreshCounts({ maxAgeMs: 60_000 });
    expect(server.callsTo('GET', '/api/v1/tickets/count')).toHaveLength(first);
    await inbox.refreshCounts();
    expect(server.callsTo('GET', '/api/v1/tickets/count')).toHaveLength(2 * first);
  });
});
