// The Chat screen as an agent uses it, against a fake socket the test plays the server on: an
// offer accepted opens the chat; the transcript stays in seq order without duplicates across a
// reconnect and resume; a message not acknowledged goes again with the same client_id; transfer,
// typing, read receipts, notes and End send the frames docs/chat.md names; hostile text stays
// text; and the screen speaks Hindi.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../api/types';
import { useChatStore } from '../../stores/chat';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import {
  ev,
  FakeChatSockets,
  ME,
  msg,
  summary,
  SYSTEM,
  T0,
  VISITOR,
  type FakeWebSocket,
} from '../../testing/fakeChatSocket';
import { agent, group } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import ChatScreen from './ChatScreen.vue';

let api: FakeApi;
let sockets: FakeChatSockets;

function serve(language: Language = 'en') {
  api = new FakeApi().install();
  api.on('GET', '/api/v1/auth/me', { agent: agent({ id: 7, name: 'Meera Rao', language }), csrf_token: 'c' });
  api.on('GET', '/api/v1/agents', {
    data: [
      agent({ id: 7, name: 'Meera Rao' }),
      agent({ id: 9, name: 'Deepak Verma', language: 'hi' }),
      agent({ id: 11, name: 'Old Hand', active: false }),
    ],
    next_cursor: null,
  });
  api.on('GET', '/api/v1/groups', { data: [group({ id: 2, name: 'Shipping' })], next_cursor: null });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(T0 + 60_000);
  serve();
  sockets = new FakeChatSockets().install();
});

afterEach(() => {
  useChatStore().reset();
  vi.useRealTimers();
});

async function mount(path = '/chat', locale: Language = 'en'): Promise<VueWrapper> {
  const { wrapper } = await mountScreen(ChatScreen, { path, locale });
  await flushPromises();
  return wrapper;
}

/** Connects with the chat #31 taken by this agent and its first `n` events delivered. */
async function withActiveChat(events: object[]): Promise<FakeWebSocket> {
  const ws = sockets.connect({ conversations: [summary({ last_seq: events.length })] });
  for (const e of events) ws.receive(e);
  await flushPromises();
  return ws;
}

const texts = (w: VueWrapper) => w.findAll('[data-testid="chat-message"] [data-testid="chat-text"]').map((x) => x.text());

describe('ChatScreen', () => {
  it('shows an offer with its countdown; Accept opens the chat', async () => {
    const w = await mount();
    const ws = sockets.connect({ capacity: 3 });
    expect(ws.sent[0]).toEqual({ type: 'hello' });
    ws.receive({ type: 'queue', waiting: [{ conversation_id: 31, since: T0, language: 'hi', group_id: null, status: 'offered', offered_agent_id: 7 }] });
    // Offered from the middle of the conversation: the console asks for what came before.
    ws.receive(ev(2, { kind: 'offered', author: SYSTEM, agent: { id: 7, name: 'Meera Rao' }, expires_at: T0 + 90_000 }));
    expect(ws.frames('resume')).toEqual([{ type: 'resume', conversation_id: 31, after: 0 }]);
    ws.receive(msg(1, 'मेरा ऑर्डर कहाँ है?'));
    ws.receive(ev(2, { kind: 'offered', author: SYSTEM, agent: { id: 7, name: 'Meera Rao' }, expires_at: T0 + 90_000 }));
    await flushPromises();

    const offer = w.get('[data-testid="chat-offer"]');
    expect(offer.get('h3').text()).toBe('Chat with Asha Kulkarni');
    expect(offer.get('[data-testid="chat-offer-text"]').text()).toBe('मेरा ऑर्डर कहाँ है?');
    expect(offer.get('[data-testid="chat-offer-countdown"]').text()).toBe('30 s left');
    expect(w.get('[data-testid="chat-load"]').text()).toBe('1 of 3 chats');
    vi.advanceTimersByTime(5_000);
    await flushPromises();
    expect(w.get('[data-testid="chat-offer-countdown"]').text()).toBe('25 s left');

    await w.get('[data-testid="chat-accept"]').trigger('click');
    expect(ws.frames('accept')).toEqual([{ type: 'accept', conversation_id: 31 }]);
    ws.receive(ev(3, { kind: 'joined', author: ME }));
    ws.receive({ type: 'queue', waiting: [] });
    await flushPromises();

    expect(w.find('[data-testid="chat-offer"]').exists()).toBe(false);
    expect(w.get('[data-testid="chat-panel-title"]').text()).toBe('Asha Kulkarni');
    expect(w.get('[data-testid="chat-tab"]').attributes('aria-selected')).toBe('true');
    expect(texts(w)).toEqual(['मेरा ऑर्डर कहाँ है?']);
    expect(w.get('[data-testid="chat-transcript"]').text()).toContain('Meera Rao joined the chat');
    w.unmount();
  });

  it('declines an offer and a lapsed offer disappears', async () => {
    const w = await mount();
    const ws = sockets.connect();
    ws.receive(msg(1, 'hello'));
    ws.receive(ev(2, { kind: 'offered', author: SYSTEM, agent: { id: 7, name: 'Meera Rao' }, expires_at: T0 + 70_000 }));
    ws.receive(ev(1, { conversation_id: 32, kind: 'message', text: 'second', author: { kind: 'visitor', id: 502, name: 'Ravi' } }));
    ws.receive(ev(2, { conversation_id: 32, kind: 'offered', author: SYSTEM, agent: { id: 7, name: 'Meera Rao' }, expires_at: T0 + 65_000 }));
    await flushPromises();
    expect(w.findAll('[data-testid="chat-offer"]')).toHaveLength(2);
    await w.findAll('[data-testid="chat-decline"]')[1]!.trigger('click');
    expect(ws.frames('decline')).toEqual([{ type: 'decline', conversation_id: 31 }]);
    await flushPromises();
    expect(w.findAll('[data-testid="chat-offer"]')).toHaveLength(1);
    vi.advanceTimersByTime(6_000);
    await flushPromises();
    expect(w.find('[data-testid="chat-offer"]').exists()).toBe(false);
    w.unmount();
  });

  it('keeps the transcript in seq order without duplicates across a reconnect', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const w = await mount();
    const ws = sockets.connect({ conversations: [summary({ last_seq: 3 })] });
    // The chat's history is asked for once, from the start.
    expect(ws.frames('resume')).toEqual([{ type: 'resume', conversation_id: 31, after: 0 }]);
    ws.receive(msg(1, 'एक'));
    ws.receive(ev(2, { kind: 'joined', author: ME }));
    ws.receive(msg(3, 'दो'));
    await flushPromises();
    expect(texts(w)).toEqual(['एक', 'दो']);

    ws.drop(1006);
    await flushPromises();
    expect(w.get('[data-testid="chat-connection"]').text()).toContain('Reconnecting in 1 s');
    vi.advanceTimersByTime(600);
    await flushPromises();
    const ws2 = sockets.last;
    expect(ws2).not.toBe(ws);
    ws2.open();
    expect(ws2.sent[0]).toEqual({ type: 'hello', resume: { '31': 3 } });
    ws2.receive({ type: 'welcome', agent_id: 7, presence: 'online', capacity: 3, languages: ['hi'], conversations: [summary({ last_seq: 5 })] });
    // Overlapping and out of order, as a resume and live delivery can be.
    ws2.receive(msg(5, 'चार'));
    ws2.receive(msg(3, 'दो'));
    ws2.receive(msg(4, 'तीन'));
    ws2.receive(msg(4, 'तीन'));
    await flushPromises();
    expect(ws2.frames('resume')).toEqual([]);
    expect(texts(w)).toEqual(['एक', 'दो', 'तीन', 'चार']);
    expect(w.findAll('[data-testid="chat-message"]').map((li) => li.attributes('data-seq'))).toEqual(['1', '3', '4', '5']);
    expect(w.get('[data-testid="chat-connection"]').text()).toBe('Connected');
    w.unmount();
  });

  it('sends with Enter, keeps Shift+Enter as a new line, and resends unacknowledged messages with the same client_id', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const w = await mount();
    const ws = await withActiveChat([msg(1, 'नमस्ते'), ev(2, { kind: 'joined', author: ME })]);
    const input = w.get('[data-testid="chat-input"]');
    await input.setValue('पहली पंक्ति');
    await input.trigger('keydown', { key: 'Enter', shiftKey: true });
    expect(ws.frames('send')).toEqual([]);
    await input.setValue('पहली पंक्ति\nदूसरी पंक्ति');
    await input.trigger('keydown', { key: 'Enter' });
    const [sent] = ws.frames('send');
    expect(sent).toMatchObject({ type: 'send', conversation_id: 31, text: 'पहली पंक्ति\nदूसरी पंक्ति' });
    expect(sent!.internal).toBeUndefined();
    const clientId = sent!.client_id as string;
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect((input.element as HTMLTextAreaElement).value).toBe('');
    expect(w.get('[data-testid="chat-pending"]').text()).toContain('Sending…');

    // The line drops before the ack: after the reconnect the same frame goes again.
    ws.drop(1006);
    vi.advanceTimersByTime(600);
    await flushPromises();
    const ws2 = sockets.last;
    ws2.open();
    ws2.receive({ type: 'welcome', agent_id: 7, presence: 'online', capacity: 3, languages: [], conversations: [summary({ last_seq: 2 })] });
    await flushPromises();
    expect(ws2.frames('send')).toEqual([sent]);
    expect(w.findAll('[data-testid="chat-pending"]')).toHaveLength(1);

    ws2.receive({ type: 'ack', client_id: clientId, conversation_id: 31, seq: 3 });
    ws2.receive(msg(3, 'पहली पंक्ति\nदूसरी पंक्ति', { author: ME, client_id: clientId }));
    await flushPromises();
    expect(w.findAll('[data-testid="chat-pending"]')).toHaveLength(0);
    expect(texts(w)).toEqual(['नमस्ते', 'पहली पंक्ति\nदूसरी पंक्ति']);
    w.unmount();
  });

  it('shows a refused message with Send again, which keeps its client_id', async () => {
    const w = await mount();
    const ws = await withActiveChat([msg(1, 'hi'), ev(2, { kind: 'joined', author: ME })]);
    await w.get('[data-testid="chat-input"]').setValue('hello there');
    await w.get('[data-testid="chat-composer"]').trigger('submit');
    const clientId = ws.frames('send')[0]!.client_id;
    ws.receive({ type: 'error', code: 'rate_limited', message: 'slow down', ref: clientId });
    await flushPromises();
    expect(w.get('[data-testid="chat-pending"]').text()).toContain('Too much at once.');
    await w.get('[data-testid="chat-retry"]').trigger('click');
    expect(ws.frames('send').map((f) => f.client_id)).toEqual([clientId, clientId]);
    w.unmount();
  });

  it('sends an internal note when the toggle is on', async () => {
    const w = await mount();
    const ws = await withActiveChat([msg(1, 'hi'), ev(2, { kind: 'joined', author: ME })]);
    await w.get('[data-testid="chat-note-toggle"]').setValue(true);
    expect(w.get('[data-testid="chat-send"]').text()).toBe('Add note');
    await w.get('[data-testid="chat-input"]').setValue('Customer is a VIP');
    await w.get('[data-testid="chat-composer"]').trigger('submit');
    expect(ws.frames('send')[0]).toMatchObject({ text: 'Customer is a VIP', internal: true });
    // No typing indicator goes to the visitor for a note.
    expect(ws.frames('typing')).toEqual([]);
    w.unmount();
  });

  it('attaches files to a message, files alone allowed, and says when an upload fails', async () => {
    let next = 500;
    api.on('POST', '/api/v1/attachments', () =>
      json(201, { id: next++, filename: 'रसीद.pdf', mime_type: 'application/pdf', size: 1200 }));
    const w = await mount();
    const ws = await withActiveChat([msg(1, 'hi'), ev(2, { kind: 'joined', author: ME })]);
    const input = w.get('[data-testid="chat-file"]');
    const choose = async (...names: string[]) => {
      Object.defineProperty(input.element, 'files', {
        configurable: true,
        value: names.map((n) => new File(['%PDF'], n, { type: 'application/pdf' })),
      });
      await input.trigger('change');
      await flushPromises();
    };
    expect(w.get('[data-testid="chat-send"]').attributes('disabled')).toBeDefined();
    await choose('रसीद.pdf');
    expect(w.findAll('[data-testid="chat-attached"] span').map((x) => x.text())).toEqual(['रसीद.pdf']);
    expect(w.get('[data-testid="chat-send"]').attributes('disabled')).toBeUndefined();
    await w.get('[data-testid="chat-composer"]').trigger('submit');
    expect(ws.frames('send')[0]).toMatchObject({ text: '', attachments: [500] });
    expect(w.find('[data-testid="chat-attached"]').exists()).toBe(false);
    expect(w.get('[data-testid="chat-pending"]').text()).toContain('रसीद.pdf');

    api.on('POST', '/api/v1/attachments', problem(413, 'payload-too-large', 'too large'));
    await choose('huge.pdf');
    expect(w.get('[data-testid="chat-upload-error"]').text()).toContain('huge.pdf could not be attached');
    expect(w.find('[data-testid="chat-attached"]').exists()).toBe(false);
    w.unmount();
  });

  it('transfers to an agent or a group with the right frame', async () => {
    const w = await mount();
    const ws = await withActiveChat([msg(1, 'hi'), ev(2, { kind: 'joined', author: ME })]);
    await w.get('[data-testid="chat-transfer"]').trigger('click');
    await flushPromises();
    const options = w.findAll('[data-testid="chat-transfer-target"] option').map((o) => o.text());
    // Active agents other than oneself, then groups.
    expect(options).toEqual(['Choose an agent or a group', 'Deepak Verma', 'Shipping']);
    await w.get('[data-testid="chat-transfer-target"]').setValue('agent:9');
    await w.get('[data-testid="chat-transfer-form"]').trigger('submit');
    expect(ws.frames('transfer')).toEqual([{ type: 'transfer', conversation_id: 31, agent_id: 9 }]);

    ws.receive({ type: 'error', code: 'bad_request', message: 'agent_id: already has the chat', ref: 'transfer' });
    await flushPromises();
    expect(w.get('[data-testid="chat-error"]').text()).toBe('The server did not accept this.');

    await w.get('[data-testid="chat-transfer"]').trigger('click');
    await flushPromises();
    await w.get('[data-testid="chat-transfer-target"]').setValue('group:2');
    await w.get('[data-testid="chat-transfer-form"]').trigger('submit');
    expect(ws.frames('transfer')[1]).toEqual({ type: 'transfer', conversation_id: 31, group_id: 2 });

    ws.receive(ev(3, { kind: 'transferred', author: ME, to: { kind: 'group', id: 2, name: 'Shipping' } }));
    ws.receive(ev(4, { kind: 'queued', author: SYSTEM, position: 1 }));
    await flushPromises();
    expect(w.get('[data-testid="chat-notice"]').text()).toBe('Chat transferred to Shipping.');
    expect(w.find('[data-testid="chat-tab"]').exists()).toBe(false);
    expect(w.find('[data-testid="chat-panel"]').exists()).toBe(false);
    w.unmount();
  });

  it('tells the visitor it is typing and shows when the visitor types and has read', async () => {
    const w = await mount();
    const ws = await withActiveChat([msg(1, 'hi'), ev(2, { kind: 'joined', author: ME })]);
    // Reading the open chat tells the server how far.
    vi.advanceTimersByTime(400);
    expect(ws.frames('read')).toEqual([{ type: 'read', conversation_id: 31, seq: 2 }]);

    const input = w.get('[data-testid="chat-input"]');
    await input.setValue('Let me check');
    await input.setValue('Let me check your order');
    expect(ws.frames('typing')).toEqual([{ type: 'typing', conversation_id: 31, active: true }]);
    vi.advanceTimersByTime(4_100);
    expect(ws.frames('typing')[1]).toEqual({ type: 'typing', conversation_id: 31, active: false });

    ws.receive({ type: 'typing', conversation_id: 31, author: VISITOR, active: true });
    await flushPromises();
    expect(w.get('[data-testid="chat-typing"]').text()).toBe('Asha Kulkarni is typing…');
    ws.receive({ type: 'typing', conversation_id: 31, author: VISITOR, active: false });
    await flushPromises();
    expect(w.get('[data-testid="chat-typing"]').text()).toBe('');

    ws.receive(msg(3, 'Thanks', { author: ME }));
    await flushPromises();
    expect(w.find('[data-testid="chat-seen"]').exists()).toBe(false);
    ws.receive({ type: 'read', conversation_id: 31, author: VISITOR, seq: 3 });
    await flushPromises();
    expect(w.get('[data-testid="chat-seen"]').text()).toBe('Seen');
    w.unmount();
  });

  it('counts unread messages of the chats not open', async () => {
    const w = await mount();
    const ws = sockets.connect({
      conversations: [summary({ conversation_id: 31, last_seq: 1 }), summary({ conversation_id: 32, last_seq: 1 })],
    });
    ws.receive(msg(1, 'first chat'));
    ws.receive(msg(1, 'second chat', { conversation_id: 32, author: { kind: 'visitor', id: 502, name: 'Ravi' } }));
    await flushPromises();
    const tabs = () => w.findAll('[data-testid="chat-tab"]');
    expect(tabs().map((t) => t.find('.tab-name').text())).toEqual(['Asha Kulkarni', 'Ravi']);
    expect(tabs()[0]!.attributes('aria-selected')).toBe('true');
    // What was there before the page opened is not news; what arrives now is.
    expect(w.find('[data-testid="chat-unread"]').exists()).toBe(false);
    ws.receive(msg(2, 'are you there?', { conversation_id: 32, author: { kind: 'visitor', id: 502, name: 'Ravi' } }));
    ws.receive(msg(3, 'hello?', { conversation_id: 32, author: { kind: 'visitor', id: 502, name: 'Ravi' } }));
    await flushPromises();
    expect(tabs()[1]!.get('[data-testid="chat-unread"]').text()).toContain('2');
    await tabs()[1]!.trigger('click');
    await flushPromises();
    expect(w.find('[data-testid="chat-unread"]').exists()).toBe(false);
    expect(ws.frames('read')).toContainEqual({ type: 'read', conversation_id: 32, seq: 3 });
    w.unmount();
  });

  it('shows hostile text as text and only safe links', async () => {
    const w = await mount();
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await withActiveChat([
      msg(1, hostile, {
        author: { kind: 'visitor', id: 501, name: '<b onmouseover=alert(1)>Eve</b>' },
        attachments: [
          { id: 5, name: 'bill.pdf', size: 2048, content_type: 'application/pdf', url: '/api/v1/attachments/5/content' },
          { id: 6, name: '<i>x</i>.png', size: 10, content_type: 'image/png', url: 'javascript:alert(1)' },
        ],
      }),
      ev(2, { kind: 'joined', author: ME }),
    ]);
    const transcript = w.get('[data-testid="chat-transcript"]');
    expect(transcript.find('img').exists()).toBe(false);
    expect(transcript.find('script').exists()).toBe(false);
    expect(transcript.find('b').exists()).toBe(false);
    expect(texts(w)).toEqual([hostile]);
    expect(w.get('[data-testid="chat-panel-title"]').text()).toBe('<b onmouseover=alert(1)>Eve</b>');
    const files = w.findAll('[data-testid="chat-file"]');
    expect(files[0]!.element.tagName).toBe('A');
    expect(files[0]!.attributes('href')).toBe(`${window.location.origin}/api/v1/attachments/5/content`);
    expect(files[0]!.attributes('rel')).toBe('noopener noreferrer');
    expect(files[1]!.element.tagName).toBe('SPAN');
    expect(files[1]!.text()).toBe('<i>x</i>.png');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    w.unmount();
  });

  it('ends a chat after a question; the ended chat keeps its ticket link until closed', async () => {
    const w = await mount();
    const ws = await withActiveChat([msg(1, 'bye'), ev(2, { kind: 'joined', author: ME })]);
    await w.get('[data-testid="chat-end"]').trigger('click');
    expect(ws.frames('end')).toEqual([]);
    await w.get('.confirm-ask .button.danger').trigger('click');
    expect(ws.frames('end')).toEqual([{ type: 'end', conversation_id: 31 }]);
    ws.receive(ev(3, { kind: 'ended', author: ME, by: 'agent', ticket_id: 1042 }));
    await flushPromises();
    expect(w.get('[data-testid="chat-ended"]').text()).toBe('This chat has ended. Its transcript is on the ticket.');
    expect(w.get('[data-testid="chat-ticket-link"]').text()).toBe('Ticket #1042');
    expect(w.get('[data-testid="chat-ticket-link"]').attributes('href')).toBe('/tickets/1042');
    expect((w.get('[data-testid="chat-input"]').element as HTMLTextAreaElement).disabled).toBe(true);
    await w.get('[data-testid="chat-close"]').trigger('click');
    expect(w.find('[data-testid="chat-tab"]').exists()).toBe(false);
    w.unmount();
  });

  it('switches presence and shows the queue with live waiting times', async () => {
    const w = await mount();
    const ws = sockets.connect({ presence: 'away', capacity: 4 });
    ws.receive({
      type: 'queue',
      waiting: [{ conversation_id: 40, since: T0 - 5_000, language: 'kn', group_id: 2, status: 'queued', offered_agent_id: null }],
    });
    await flushPromises();
    expect((w.get('[data-testid="presence-away"]').element as HTMLInputElement).checked).toBe(true);
    expect(w.get('[data-testid="chat-load"]').text()).toBe('0 of 4 chats');
    expect(w.get('[data-testid="chat-queue-wait"]').text()).toBe('Waiting 1:05');
    expect(w.get('[data-testid="chat-queue-item"]').text()).toContain('ಕನ್ನಡ');
    expect(w.get('[data-testid="chat-queue-item"]').text()).toContain('Shipping');
    vi.advanceTimersByTime(1_000);
    await flushPromises();
    expect(w.get('[data-testid="chat-queue-wait"]').text()).toBe('Waiting 1:06');
    await w.get('[data-testid="presence-online"]').setValue(true);
    expect(ws.frames('presence')).toEqual([{ type: 'presence', state: 'online' }]);
    w.unmount();
  });

  it('names the visitor in the queue and the offer before the history arrives', async () => {
    const w = await mount();
    const ws = sockets.connect({ capacity: 3 });
    ws.receive({
      type: 'queue',
      waiting: [{ conversation_id: 31, since: T0, language: 'hi', group_id: null, status: 'offered', offered_agent_id: 7, visitor: { id: 501, name: 'ಸುಮಾ' }, ticket_id: 1042 }],
    });
    ws.receive(ev(3, { kind: 'offered', author: SYSTEM, agent: { id: 7, name: 'Meera Rao' }, expires_at: T0 + 90_000, visitor: { id: 501, name: 'ಸುಮಾ' }, ticket_id: 1042 } as object));
    await flushPromises();
    expect(w.get('[data-testid="chat-queue-visitor"]').text()).toBe('ಸುಮಾ');
    expect(w.get('[data-testid="chat-offer"] h3').text()).toBe('Chat with ಸುಮಾ');
    w.unmount();
  });

  it('shows read receipts again after a reload, from the welcome', async () => {
    const w = await mount();
    const ws = sockets.connect({ conversations: [] });
    ws.receive({
      type: 'welcome', agent_id: 7, presence: 'online', capacity: 3, languages: ['hi'],
      conversations: [{ ...summary({ last_seq: 3 }), visitor: { id: 501, name: 'Asha Kulkarni' }, read_seq_visitor: 3, read_seq_agent: 3 }],
    });
    for (const e of [msg(1, 'hi'), ev(2, { kind: 'joined', author: ME }), msg(3, 'Thanks', { author: ME })]) ws.receive(e);
    await flushPromises();
    expect(w.get('[data-testid="chat-panel-title"]').text()).toBe('Asha Kulkarni');
    expect(w.get('[data-testid="chat-seen"]').text()).toBe('Seen');
    w.unmount();
  });

  it('follows a presence change made in another tab', async () => {
    const w = await mount();
    const ws = sockets.connect({ presence: 'online' });
    await flushPromises();
    expect((w.get('[data-testid="presence-online"]').element as HTMLInputElement).checked).toBe(true);
    ws.receive({ type: 'presence', agent_id: 7, state: 'away' });
    await flushPromises();
    expect((w.get('[data-testid="presence-away"]').element as HTMLInputElement).checked).toBe(true);
    w.unmount();
  });

  it('says when the session has ended (4401) and does not reconnect', async () => {
    const w = await mount();
    const ws = sockets.connect();
    ws.drop(4401);
    vi.advanceTimersByTime(60_000);
    await flushPromises();
    expect(sockets.sockets).toHaveLength(1);
    expect(w.get('[data-testid="chat-connection"]').text()).toBe('Your session has ended. Sign in again to chat.');
    w.unmount();
  });

  it('speaks Hindi', async () => {
    serve('hi');
    const w = await mount('/chat', 'hi');
    const ws = sockets.connect();
    ws.receive(msg(1, 'मेरा पार्सल कहाँ है?'));
    ws.receive(ev(2, { kind: 'offered', author: SYSTEM, agent: { id: 7, name: 'Meera Rao' }, expires_at: T0 + 80_000 }));
    await flushPromises();
    expect(w.get('h1').text()).toBe('चैट');
    expect(w.get('[data-testid="chat-connection"]').text()).toBe('जुड़ा हुआ');
    expect(w.get('.presence-switch').text()).toContain('ऑनलाइन');
    expect(w.get('[data-testid="chat-offer"] h3').text()).toBe('Asha Kulkarni के साथ चैट');
    expect(w.get('[data-testid="chat-offer-countdown"]').text()).toBe('20 सेकंड बाकी');
    expect(w.get('[data-testid="chat-accept"]').text()).toBe('स्वीकार करें');
    expect(w.get('[data-testid="chat-queue-empty"]').text()).toBe('कोई प्रतीक्षा में नहीं है।');
    w.unmount();
  });
});
