import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api/client';
import { savedView } from '../screens/inbox/savedViewFixture';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { agent, group, ticket } from '../testing/fixtures';
import { useDirectoryStore } from './directory';
import { buildViews, COUNT_LIMIT, PAGE_SIZE, useInboxStore } from './inbox';
import { useSessionStore } from './session';
import { useViewsStore } from './views';

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
  it('count the built-in views at once and a saved view when it arrives, each view once', async () => {
    const asked: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    server.on('GET', '/api/v1/tickets/count', async (call) => {
      asked.push(call.query.toString());
      await gate;
      return json(200, { count: 3, capped: false });
    });
    server.on('GET', '/api/v1/views', {
      data: [savedView({ id: 12, filters: { tag: 'damaged' } })],
      next_cursor: null,
    });
    const inbox = useInboxStore();
    const builtIn = inbox.refreshCounts({ maxAgeMs: 60_000 });
    const builtInAsked = asked.length;
    expect(builtInAsked).toBe(inbox.views.length);
    await useViewsStore().load();
    const saved = inbox.refreshCounts({ maxAgeMs: 60_000 });
    // Only the saved view is new; the built-in ones are still being counted and not asked again.
    expect(asked.length).toBe(builtInAsked + 1);
    expect(asked.at(-1)).toContain('tag=damaged');
    release();
    await Promise.all([builtIn, saved]);
    expect(inbox.counts['saved-12']).toEqual({ count: 3, more: false });
    expect(inbox.counts.mine).toEqual({ count: 3, more: false });
  });

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

describe('saved views in the inbox', () => {
  it('follow the built-in ones, with "me" resolved and their own order and columns', async () => {
    server.on('GET', '/api/v1/views', {
      data: [
        savedView({ id: 12, filters: { assignee: 'me', priority: ['urgent'], channel: ['phone', 'chat'] } }),
        savedView({ id: 13, name: 'Team', shared: true, owner_id: 1, position: 0 }),
      ],
      next_cursor: null,
    });
    server.on('GET', '/api/v1/tickets', { data: [ticket()], next_cursor: 'n' });
    server.on('GET', '/api/v1/tickets/count', { count: 3, capped: false });
    await useViewsStore().load();
    const inbox = useInboxStore();
    const saved = inbox.views.filter((v) => v.kind === 'saved');
    expect(saved.map((v) => [v.id, v.section])).toEqual([
      ['saved-12', 'mine'],
      ['saved-13', 'shared'],
    ]);
    expect(saved[0]!.filters).toMatchObject({ assignee: 7, priority: ['urgent'] });

    await inbox.openView('saved-12');
    const list = server.callsTo('GET', '/api/v1/tickets').at(-1)!;
    expect(list.query.get('assignee')).toBe('7');
    expect(list.query.get('priority')).toBe('urgent');
    expect(list.query.get('channel')).toBe('phone,chat');
    expect(list.query.get('sort')).toBe('-created_at');
    expect(inbox.columns).toEqual(['number', 'subject', 'priority']);

    await inbox.refreshCounts();
    const count = server.callsTo('GET', '/api/v1/tickets/count').find((c) => c.query.get('channel') === 'phone,chat');
    expect(count?.query.get('assignee')).toBe('7');
    expect(inbox.counts['saved-12']).toEqual({ count: 3, more: false });
  });

  it('"Recently solved" asks for the newest solved first; a new order starts at page one', async () => {
    server.on('GET', '/api/v1/tickets', { data: [ticket()], next_cursor: 'c2' });
    const inbox = useInboxStore();
    await inbox.openView('solved');
    expect(server.calls.at(-1)!.query.get('sort')).toBe('-solved_at');
    await inbox.nextPage();
    expect(server.calls.at(-1)!.query.get('cursor')).toBe('c2');
    await inbox.setSort('created_at');
    const last = server.calls.at(-1)!;
    expect(last.query.get('sort')).toBe('created_at');
    expect(last.query.get('cursor')).toBeNull();
    expect(inbox.pageIndex).toBe(0);
  });

  it('turn the open view into a draft with "me" for the agent', async () => {
    server.on('GET', '/api/v1/tickets', { data: [], next_cursor: null });
    const inbox = useInboxStore();
    await inbox.openView('mine');
    expect(inbox.draftOfCurrent()).toEqual({
      filters: { assignee: 'me', status: ['new', 'open'] },
      sort: '-updated_at',
      columns: ['number', 'subject', 'requester', 'status', 'priority', 'assignee', 'updated_at'],
    });
  });
});

describe('bulk changes', () => {
  async function openWith(tickets: ReturnType<typeof ticket>[]) {
    server.on('GET', '/api/v1/tickets', { data: tickets, next_cursor: null });
    server.on('GET', '/api/v1/tickets/count', { count: 1, capped: false });
    const inbox = useInboxStore();
    await inbox.openView('unassigned');
    return inbox;
  }

  it('show the change at once and take the server\'s tickets, then recount', async () => {
    const inbox = await openWith([ticket({ id: 1, status: 'new', assignee_id: null }), ticket({ id: 2, assignee_id: null })]);
    let release: (() => void) | undefined;
    server.on('POST', '/api/v1/tickets/bulk', (call) => {
      const { ids } = call.body as { ids: number[] };
      return new Promise<Response>((resolve) => {
        release = () =>
          resolve(json(200, { data: ids.map((id) => ticket({ id, status: 'open', assignee_id: 9, version: 9 })) }));
      });
    });
    inbox.selectAll(true);
    const pending = inbox.applyBulk({ assignee_id: 9, add_tags: ['vip'] });
    expect(inbox.tickets.map((t) => [t.assignee_id, t.status])).toEqual([
      [9, 'open'],
      [9, 'open'],
    ]);
    expect(inbox.tickets[0]!.tags).toContain('vip');
    release?.();
    await expect(pending).resolves.toEqual({ ok: true, count: 2 });
    expect(server.callsTo('POST', '/api/v1/tickets/bulk')[0]!.body).toEqual({
      ids: [1, 2],
      changes: { assignee_id: 9, add_tags: ['vip'] },
    });
    expect(inbox.tickets.every((t) => t.version === 9)).toBe(true);
    expect(inbox.selected.size).toBe(0);
    await Promise.resolve();
    expect(server.callsTo('GET', '/api/v1/tickets/count').length).toBeGreaterThan(0);
  });

  it('roll back when the server refuses, naming the failing tickets', async () => {
    const inbox = await openWith([
      ticket({ id: 1, number: 1001, status: 'open' }),
      ticket({ id: 2, number: 1002, status: 'closed' }),
    ]);
    server.on(
      'POST',
      '/api/v1/tickets/bulk',
      problem(422, 'validation', 'some tickets could not be changed; none were', [
        { field: 'ids[1]', message: '2: cannot move from closed to pending' },
      ]),
    );
    inbox.selectAll(true);
    const result = await inbox.applyBulk({ status: 'pending' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failing.map((t) => t.number)).toEqual([1002]);
    }
    expect(inbox.tickets.map((t) => t.status)).toEqual(['open', 'closed']);
    expect(inbox.selected.size).toBe(2);
  });

  it('merge the others into the kept ticket one by one, and stop at a refusal', async () => {
    const inbox = await openWith([ticket({ id: 1 }), ticket({ id: 2 }), ticket({ id: 3 })]);
    server.on('POST', '/api/v1/tickets/2/merge', json(200, ticket({ id: 1 })));
    server.on('POST', '/api/v1/tickets/3/merge', problem(422, 'validation'));
    inbox.selectAll(true);
    const progress: string[] = [];
    const result = await inbox.mergeSelected(1, (done, total) => progress.push(`${done}/${total}`));
    expect(progress).toEqual(['0/2', '1/2']);
    expect(result).toMatchObject({ ok: false, merged: [2], failed: 3 });
    expect(server.callsTo('POST', '/api/v1/tickets/2/merge')[0]!.body).toEqual({ target_id: 1 });
  });
});
