// Canned answers in the chat composer: "/" at the start of the box searches the macros with a
// reply, Enter takes the first one, rendered for the chat's ticket (the macro preview, which
// writes nothing), and the text replaces "/…" in the box; the button opens the same list.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useChatStore } from '../../stores/chat';
import { FakeApi } from '../../testing/fakeApi';
import { ev, FakeChatSockets, ME, msg, summary, T0 } from '../../testing/fakeChatSocket';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import ChatScreen from './ChatScreen.vue';

let api: FakeApi;
let sockets: FakeChatSockets;

const macro = (id: number, name: string, reply: Record<string, string>) => ({
  id,
  name,
  description: '',
  shared: true,
  owner_agent_id: null,
  group_id: null,
  actions: [],
  reply,
  default_language: 'en',
  active: true,
  usage_count: 0,
  last_used_at: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 1,
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(T0 + 60_000);
  api = new FakeApi().install();
  api.on('GET', '/api/v1/auth/me', { agent: agent({ id: 7, name: 'Meera Rao' }), csrf_token: 'c' });
  api.on('GET', '/api/v1/agents', { data: [agent({ id: 7, name: 'Meera Rao' })], next_cursor: null });
  api.on('GET', '/api/v1/groups', { data: [], next_cursor: null });
  api.on('GET', '/api/v1/macros', {
    data: [
      macro(5, 'Where is my parcel — tracking link', { en: 'Track it', hi: 'ट्रैक करें' }),
      macro(6, 'Escalate (fields only)', {}),
      macro(7, 'Invoice copy sent', { en: 'Sent' }),
    ],
    next_cursor: null,
  });
  api.on('POST', '/api/v1/tickets/1042/macros/5/preview', {
    macro: { id: 5, name: 'Where is my parcel — tracking link', usage_count: 0 },
    ticket: { id: 1042, version: 1, status: 'open' },
    changes: {},
    notes: [],
    reply: 'नमस्ते आशा, अपना पार्सल यहाँ ट्रैक करें।',
    reply_language: 'hi',
    message: null,
  });
  sockets = new FakeChatSockets().install();
});

afterEach(() => {
  useChatStore().reset();
  vi.useRealTimers();
});

async function activeChat(): Promise<VueWrapper> {
  const { wrapper } = await mountScreen(ChatScreen, { path: '/chat', locale: 'en' });
  await flushPromises();
  const ws = sockets.connect({ conversations: [summary({ last_seq: 2 })] });
  ws.receive(msg(1, 'मेरा पार्सल कहाँ है?'));
  ws.receive(ev(2, { kind: 'joined', author: ME }));
  await flushPromises();
  return wrapper;
}

describe('Canned answers', () => {
  it('"/" searches the answers and Enter inserts the first, rendered for the chat\'s ticket', async () => {
    const w = await activeChat();
    const input = w.get('[data-testid="chat-input"]');
    await input.setValue('/parcel');
    await flushPromises();
    // Only macros with a reply are canned answers.
    expect(w.findAll('[data-testid="canned-item"]').map((b) => b.text())).toEqual([
      'Where is my parcel — tracking link',
    ]);
    await input.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(api.callsTo('POST', '/api/v1/tickets/1042/macros/5/preview')).toHaveLength(1);
    expect((input.element as HTMLTextAreaElement).value).toBe('नमस्ते आशा, अपना पार्सल यहाँ ट्रैक करें।');
    // Nothing was sent: the agent reads it first.
    expect(sockets.last.frames('send')).toEqual([]);
    w.unmount();
  });

  it('the button opens the list with its own search', async () => {
    const w = await activeChat();
    await w.get('[data-testid="canned-open"]').trigger('click');
    await flushPromises();
    expect(w.findAll('[data-testid="canned-item"]')).toHaveLength(2);
    await w.get('[data-testid="canned-search"]').setValue('invoice');
    expect(w.findAll('[data-testid="canned-item"]').map((b) => b.text())).toEqual(['Invoice copy sent']);
    w.unmount();
  });
});
