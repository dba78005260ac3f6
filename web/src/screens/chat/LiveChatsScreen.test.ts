// Supervisors' live view: every chat passing through the queue is followed (resumed from the
// start) and listed with its state, wait and agent; Join sends `join` and, once the server says
// the supervisor joined, opens the chat on the Chat screen. Agents who are not admins are sent
// elsewhere.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { RouterView, type Router } from 'vue-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../api/types';
import { useChatStore } from '../../stores/chat';
import { FakeApi, json } from '../../testing/fakeApi';
import { ev, FakeChatSockets, msg, SYSTEM, T0 } from '../../testing/fakeChatSocket';
import { agent, group } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import LiveChatsScreen from './LiveChatsScreen.vue';

let api: FakeApi;
let sockets: FakeChatSockets;
const ADMIN = { kind: 'agent', id: 1, name: 'Asha Admin' };
const DEEPAK = { kind: 'agent', id: 9, name: 'Deepak Verma' };

function serve(role: 'admin' | 'agent' = 'admin', language: Language = 'en') {
  api = new FakeApi().install();
  api.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, name: 'Asha Admin', role, language }), csrf_token: 'c' });
  api.on('GET', '/api/v1/agents', {
    data: [agent({ id: 1, name: 'Asha Admin', role: 'admin' }), agent({ id: 9, name: 'Deepak Verma' })],
    next_cursor: null,
  });
  api.on('GET', '/api/v1/groups', { data: [group()], next_cursor: null });
  api.on('GET', '/api/v1/chat/conversations', { data: [], next_cursor: null });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(T0 + 100_000);
  sessionStorage.clear();
  serve();
  sockets = new FakeChatSockets().install();
});

afterEach(() => {
  useChatStore().reset();
  vi.useRealTimers();
});

async function mount(locale: Language = 'en'): Promise<{ w: VueWrapper; router: Router }> {
  const Root = defineComponent({ render: () => h(RouterView) });
  const { wrapper, router } = await mountScreen(Root, { path: '/chat/live', locale });
  await flushPromises();
  return { w: wrapper, router };
}

const rows = (w: VueWrapper) =>
  w.findAll('[data-testid="chat-live-row"]').map((r) => [
    r.get('th span').text(),
    r.get('[data-testid="chat-live-state"]').text(),
    r.get('[data-testid="chat-live-wait"]').text(),
    r.get('[data-testid="chat-live-agent"]').text(),
  ]);

describe('LiveChatsScreen', () => {
  it('follows the queue, lists state, wait and agent, and joins a chat', async () => {
    const { w, router } = await mount();
    expect(w.findComponent(LiveChatsScreen).exists()).toBe(true);
    const ws = sockets.connect({ agent_id: 1 });
    ws.receive({
      type: 'queue',
      waiting: [
        { conversation_id: 40, since: T0, language: 'hi', group_id: null, status: 'queued', offered_agent_id: null },
        { conversation_id: 41, since: T0 + 40_000, language: 'kn', group_id: 2, status: 'offered', offered_agent_id: 9 },
      ],
    });
    await flushPromises();
    expect(ws.frames('resume')).toEqual([
      { type: 'resume', conversation_id: 40, after: 0 },
      { type: 'resume', conversation_id: 41, after: 0 },
    ]);
    expect(rows(w)).toEqual([
      ['Visitor', 'Waiting', 'Waiting 1:40', '—'],
      ['Visitor', 'Offered', 'Waiting 1:00', 'Offered to Deepak Verma'],
    ]);

    // Conversation 40's history arrives; Deepak takes it and the queue empties of it.
    ws.receive(msg(1, 'मदद चाहिए', { conversation_id: 40, at: T0 }));
    ws.receive(ev(2, { conversation_id: 40, kind: 'queued', author: SYSTEM, position: 1, at: T0 }));
    ws.receive(ev(3, { conversation_id: 40, kind: 'offered', author: SYSTEM, agent: { id: 9, name: 'Deepak Verma' }, expires_at: T0 + 130_000, at: T0 + 95_000 }));
    ws.receive(ev(4, { conversation_id: 40, kind: 'joined', author: DEEPAK, at: T0 + 97_000 }));
    ws.receive({
      type: 'queue',
      waiting: [{ conversation_id: 41, since: T0 + 40_000, language: 'kn', group_id: 2, status: 'offered', offered_agent_id: 9 }],
    });
    await flushPromises();
    expect(rows(w)).toEqual([
      ['Asha Kulkarni', 'In progress', 'Waited 1:37', 'Deepak Verma'],
      ['Visitor', 'Offered', 'Waiting 1:00', 'Offered to Deepak Verma'],
    ]);

    await w.findAll('[data-testid="chat-live-join"]')[0]!.trigger('click');
    expect(ws.frames('join')).toEqual([{ type: 'join', conversation_id: 40 }]);
    ws.receive(ev(5, { conversation_id: 40, kind: 'joined', author: ADMIN, supervisor: true }));
    // The Chat screen loads (a lazy route) and shows the chat.
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/chat/40'));
    await vi.waitFor(() => expect(w.find('[data-testid="chat-panel-title"]').exists()).toBe(true));
    expect(w.get('[data-testid="chat-panel-title"]').text()).toBe('Asha Kulkarni');
    expect(w.get('[data-testid="chat-transcript"]').text()).toContain('Asha Admin joined as supervisor');
    w.unmount();
  });

  it('a chat that ends leaves the list, and a refused join is said beside it', async () => {
    const { w } = await mount();
    const ws = sockets.connect({ agent_id: 1 });
    ws.receive({ type: 'queue', waiting: [{ conversation_id: 40, since: T0, language: 'en', group_id: null, status: 'queued', offered_agent_id: null }] });
    ws.receive(msg(1, 'hello', { conversation_id: 40 }));
    await flushPromises();
    await w.get('[data-testid="chat-live-join"]').trigger('click');
    ws.receive({ type: 'error', code: 'ended', message: 'the conversation has ended', ref: 'join' });
    await flushPromises();
    expect(w.get('[data-testid="chat-live-row"] [role="alert"]').text()).toBe('This chat has already ended.');
    ws.receive(ev(2, { conversation_id: 40, kind: 'ended', author: { kind: 'visitor', id: 501, name: 'Asha Kulkarni' }, by: 'visitor', ticket_id: 77 }));
    ws.receive({ type: 'queue', waiting: [] });
    await flushPromises();
    expect(w.find('[data-testid="chat-live-row"]').exists()).toBe(false);
    expect(w.get('[data-testid="chat-live-empty"]').text()).toBe('No live chats right now.');
    w.unmount();
  });

  it('lists the chats already running when it opens, then follows them live', async () => {
    const summary = (id: number, over: Record<string, unknown>) => ({
      conversation_id: id, status: 'active', ticket_id: 70 + id, last_seq: 4, language: 'hi', group_id: null,
      agent_id: 9, offered_agent_id: null, offer_expires_at: null, created_at: T0,
      visitor: { id: 500 + id, name: 'Meera Iyer' }, read_seq_visitor: 3, read_seq_agent: 4,
      queued_at: T0, accepted_at: T0 + 42_000, wait_ms: 42_000, first_response_ms: 50_000, ...over,
    });
    api.on('GET', '/api/v1/chat/conversations', (call) =>
      call.query.get('cursor')
        ? json(200, { data: [summary(2, { status: 'queued', agent_id: null, visitor: { id: 502, name: 'ರವಿ' }, wait_ms: null, last_seq: 2 })], next_cursor: null })
        : json(200, { data: [summary(1, {})], next_cursor: 'aTox' }),
    );
    const { w } = await mount();
    const ws = sockets.connect({ agent_id: 1 });
    await flushPromises();
    expect(api.callsTo('GET', '/api/v1/chat/conversations').length).toBe(2);
    expect(rows(w)).toEqual([
      ['Meera Iyer', 'In progress', 'Waited 0:42', 'Deepak Verma'],
      ['ರವಿ', 'Waiting', 'Waiting 1:40', '—'],
    ]);
    expect(w.find('[data-testid="chat-live-load-failed"]').exists()).toBe(false);
    // Running with another agent: the supervisor may join both, having joined neither.
    expect(w.findAll('[data-testid="chat-live-join"]')).toHaveLength(2);
    // Both are followed over the socket from the start, so their events keep the list true.
    const hello = ws.frames('hello')[0] as { resume?: Record<string, number> };
    const followed = [...Object.keys(hello.resume ?? {}).map(Number), ...ws.frames('resume').map((f) => f.conversation_id as number)];
    expect(followed.sort()).toEqual([1, 2]);
    ws.receive(ev(5, { conversation_id: 1, kind: 'ended', author: DEEPAK, by: 'agent', ticket_id: 71 }));
    await flushPromises();
    expect(rows(w).map((r) => r[0])).toEqual(['ರವಿ']);
    w.unmount();
  });

  it('says so when the running chats cannot be read', async () => {
    api.on('GET', '/api/v1/chat/conversations', () =>
      json(503, { type: '/problems/unavailable', title: 'x', status: 503 }, { 'Content-Type': 'application/problem+json' }));
    const { w } = await mount();
    sockets.connect({ agent_id: 1 });
    await flushPromises();
    expect(w.get('[data-testid="chat-live-load-failed"]').text()).toContain('could not be loaded');
    w.unmount();
  });

  it('is for admins only', async () => {
    serve('agent');
    const { w, router } = await mount();
    expect(router.currentRoute.value.name).toBe('inbox');
    w.unmount();
  });

  it('speaks Kannada', async () => {
    serve('admin', 'kn');
    const { w } = await mount('kn');
    const ws = sockets.connect({ agent_id: 1 });
    ws.receive({ type: 'queue', waiting: [{ conversation_id: 40, since: T0, language: 'kn', group_id: null, status: 'queued', offered_agent_id: null }] });
    await flushPromises();
    expect(w.get('h1').text()).toBe('ಲೈವ್ ಚಾಟ್‌ಗಳು');
    expect(rows(w)[0]).toEqual(['ಸಂದರ್ಶಕ', 'ಕಾಯುತ್ತಿದೆ', '1:40 ರಿಂದ ಕಾಯುತ್ತಿದೆ', '—']);
    expect(w.get('[data-testid="chat-live-join"]').text()).toBe('ಸೇರಿ');
    w.unmount();
  });
});
