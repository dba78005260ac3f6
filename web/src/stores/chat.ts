// Live chat as the agent sees it (docs/chat.md): presence, capacity, the queue, offers, the
// chats the agent has (several at once) with their transcripts, and what supervisors watch.
//
// The transcript of a conversation is its events by `seq`, each kept once however often it
// arrives (a resume after a reconnect sends what came after the highest seq seen, and asking
// for history again overlaps). A message is shown as pending from the moment it is sent until
// its event (or `ack`) arrives; one not acknowledged when the socket dropped is sent again with
// the same client_id once the socket is back, so the server stores it once. The state of a
// conversation (queued, offered, active, ended) follows its newest event, so an old event
// replayed never undoes a newer one.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import {
  chatApi,
  MAX_MESSAGE_CHARS,
  messageLength,
  type ChatEvent,
  type ChatPresence,
  type ClientFrame,
  type ConversationSummary,
  type ServerFrame,
  type WaitingChat,
} from '../api/chat';
import {
  agentSocketUrl,
  browserEnv,
  ChatSocket,
  type ChatSocketEnv,
  type ChatSocketState,
} from '../api/chatSocket';
import type { Id } from '../api/types';
import {
  addEvent,
  applySummary,
  blankConversation,
  contiguousSeq,
  isLive,
  newClientId,
  refreshMine,
  unreadCount,
  type ConversationState,
  type PendingMessage,
} from './chatConversation';

export { isLive, type ConversationState, type PendingMessage };

/** A notice for the live region: a catalogue key and its values. */
export interface ChatNotice {
  key: string;
  values: Record<string, string | number>;
  at: number;
}

const TYPING_SHOW_MS = 8_000;
const TYPING_REPEAT_MS = 3_000;
const TYPING_IDLE_MS = 4_000;
const READ_DELAY_MS = 300;
const MAX_RESUME = 50;
const ACTIONS = ['accept', 'decline', 'transfer', 'join', 'end'] as const;
type Action = Exclude<(typeof ACTIONS)[number], 'transfer'>;

function watchKey(agentId: Id): string {
  return `sahayak.chat.watch.${agentId}`;
}

export const useChatStore = defineStore('chat', () => {
  const connection = ref<ChatSocketState>('idle');
  /** When the next reconnect is due (ms since the epoch), while `waiting`. */
  const retryAt = ref<number | null>(null);
  const lastClose = ref<number | null>(null);
  /** Whether a `welcome` arrived since the page loaded. */
  const welcomed = ref(false);
  const agentId = ref<Id | null>(null);
  const presence = ref<ChatPresence>('online');
  const capacity = ref(0);
  const languages = ref<string[]>([]);
  const conversations = ref<Record<Id, ConversationState>>({});
  const queue = ref<WaitingChat[]>([]);
  const selectedId = ref<Id | null>(null);
  /** The Chat screen is on screen (and the page visible): arriving messages count as read. */
  const viewing = ref(false);
  /** Supervisors' live view is open: every chat that passes through the queue is followed. */
  const supervising = ref(false);
  const notice = shallowRef<ChatNotice | null>(null);
  const presenceError = ref<string | null>(null);
  const now = ref(Date.now());

  let socket: ChatSocket | null = null;
  let ticker: ReturnType<typeof setInterval> | undefined;
  /** The conversation each action was last sent for: an `error` names only the frame type. */
  const lastAction = new Map<string, Id>();
  const accepting = new Set<Id>();
  const joining = new Set<Id>();
  const typingSent = new Map<Id, { at: number; idle: ReturnType<typeof setTimeout> | undefined }>();
  let readTimer: ReturnType<typeof setTimeout> | undefined;
  /** Conversations summarised by the first `welcome` of this page: read up to their last seq. */
  let firstWelcome = true;
  /** Conversations the last `hello` resumed: the server sends what they miss by itself. */
  let resumedInHello = new Set<Id>();

  // ---------------------------------------------------------------- derived

  const list = computed(() => Object.values(conversations.value));

  const myChats = computed(() =>
    list.value
      .filter((c) => c.mine && !c.dismissed)
      .sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || a.id - b.id),
  );

  /** Live chats counted against capacity: the ones taken plus the offers held. */
  const load = computed(
    () =>
      list.value.filter(
        (c) =>
          (c.status === 'active' && c.agentId === agentId.value) ||
          (c.status === 'offered' && c.offeredAgentId === agentId.value),
      ).length,
  );

  const offers = computed(() =>
    list.value
      .filter(
        (c) =>
          c.status === 'offered' &&
          c.offeredAgentId !== null &&
          c.offeredAgentId === agentId.value &&
          (c.offerExpiresAt === null || c.offerExpiresAt > now.value),
      )
      .sort((a, b) => (a.offerExpiresAt ?? 0) - (b.offerExpiresAt ?? 0)),
  );

  const selected = computed(() =>
    selectedId.value === null ? null : (conversations.value[selectedId.value] ?? null),
  );

  function unread(c: ConversationState): number {
    return unreadCount(c, agentId.value);
  }

  /** The chats the live view lists: what the queue holds, then the other live chats followed. */
  const liveChats = computed(() => {
    const out = new Map<Id, ConversationState>();
    for (const w of queue.value) {
      out.set(w.conversation_id, conversations.value[w.conversation_id] ?? waitingOnly(w));
    }
    for (const c of list.value) {
      // (A chat asked for but not heard of yet has no state: stateSeq 0.)
      if (isLive(c) && c.stateSeq > 0 && !out.has(c.id)) {
        out.set(c.id, c);
      }
    }
    return [...out.values()].sort((a, b) => (a.createdAt ?? a.queuedSince ?? 0) - (b.createdAt ?? b.queuedSince ?? 0));
  });

  function waitingOnly(w: WaitingChat): ConversationState {
    return {
      ...blankConversation(w.conversation_id),
      status: w.status,
      language: w.language,
      groupId: w.group_id,
      offeredAgentId: w.offered_agent_id,
      queuedSince: w.since,
      visitorName: w.visitor_name,
      ticketId: w.ticket_id,
    };
  }

  function isMe(a: { kind: string; id: Id }): boolean {
    return a.kind === 'agent' && a.id === agentId.value;
  }

  // ---------------------------------------------------------------- connection

  /** Connects (once) and keeps the socket up until `stop`. */
  function start(env: ChatSocketEnv = browserEnv, url: string = agentSocketUrl()): void {
    if (socket) {
      socket.connect();
      return;
    }
    socket = new ChatSocket(url, env, {
      hello,
      frame: handle,
      stateChanged(state, retryInMs) {
        connection.value = state;
        retryAt.value = retryInMs === null ? null : Date.now() + retryInMs;
        lastClose.value = socket?.lastClose ?? null;
        if (state !== 'ready') {
          for (const c of list.value) {
            c.typing = null;
          }
        }
      },
    });
    ticker = setInterval(() => {
      now.value = Date.now();
    }, 1000);
    socket.connect();
  }

  /** Reconnects at once (the agent asked to, or the page came back online). */
  function reconnectNow(): void {
    socket?.connect();
  }

  function stop(): void {
    socket?.stop();
    socket = null;
    clearInterval(ticker);
    ticker = undefined;
    clearTimeout(readTimer);
    for (const t of typingSent.values()) {
      clearTimeout(t.idle);
    }
    typingSent.clear();
  }

  /** Forgets everything (sign-out). */
  function reset(): void {
    stop();
    connection.value = 'idle';
    retryAt.value = null;
    lastClose.value = null;
    welcomed.value = false;
    agentId.value = null;
    presence.value = 'online';
    capacity.value = 0;
    languages.value = [];
    conversations.value = {};
    queue.value = [];
    selectedId.value = null;
    viewing.value = false;
    supervising.value = false;
    notice.value = null;
    presenceError.value = null;
    lastAction.clear();
    accepting.clear();
    joining.clear();
    firstWelcome = true;
  }

  function send(frame: ClientFrame): boolean {
    return socket?.send(frame) ?? false;
  }

  /** `hello`, resuming every conversation this console follows from the highest seq it has. */
  function hello(): ClientFrame {
    const resume: Record<string, number> = {};
    const follow = list.value
      .filter(
        (c) =>
          c.pending.some((p) => p.state === 'sending') ||
          (isLive(c) && (c.mine || c.offeredAgentId === agentId.value || supervising.value)),
      )
      .sort((a, b) => b.id - a.id)
      .slice(0, MAX_RESUME);
    for (const c of follow) {
      resume[String(c.id)] = contiguousSeq(c);
      c.historyAsked = true;
    }
    resumedInHello = new Set(Object.keys(resume).map(Number));
    return resumedInHello.size > 0 ? { type: 'hello', resume } : { type: 'hello' };
  }

  // ---------------------------------------------------------------- frames in

  function handle(f: ServerFrame): void {
    switch (f.type) {
      case 'welcome':
        return onWelcome(f.agent_id, f.presence, f.capacity, f.languages, f.conversations);
      case 'event':
        return onEvent(f);
      case 'ack':
        return onAck(f.conversation_id, f.client_id);
      case 'typing': {
        const c = conversations.value[f.conversation_id];
        if (!c || isMe(f.author)) return;
        c.typing = f.active ? { name: f.author.name, until: Date.now() + TYPING_SHOW_MS } : null;
        return;
      }
      case 'read': {
        const c = conversations.value[f.conversation_id];
        if (c && f.author.kind === 'visitor') {
          c.visitorReadSeq = Math.max(c.visitorReadSeq, f.seq);
        }
        return;
      }
      case 'queue':
        return onQueue(f.waiting);
      case 'error':
        return onError(f.code, f.ref, f.conversation_id);
      case 'presence':
        // Changed here or in another tab of this agent: every tab shows the same.
        presence.value = f.state;
        presenceError.value = null;
        return;
      case 'pong':
        return;
    }
  }

  function ensure(id: Id): ConversationState {
    let c = conversations.value[id];
    if (!c) {
      conversations.value[id] = blankConversation(id);
      c = conversations.value[id]!;
    }
    return c;
  }

  function onWelcome(
    me: Id,
    state: ChatPresence,
    cap: number,
    langs: string[],
    summaries: ConversationSummary[],
  ): void {
    agentId.value = me;
    presence.value = state;
    capacity.value = cap;
    languages.value = langs;
    welcomed.value = true;
    presenceError.value = null;
    for (const s of summaries) {
      const c = ensure(s.conversation_id);
      applySummary(c, s, me);
      if (firstWelcome && s.status === 'active' && s.agent_id === me) {
        // The server does not say how far this agent had read; what happened before this page
        // opened is not counted as unread (the server is still told once the chat is open).
        c.readSeq = Math.max(c.readSeq, s.last_seq);
      }
      // The server follows it from its last seq on; what came before, this console asks for.
      if (!resumedInHello.has(c.id) && contiguousSeq(c) < s.last_seq) {
        askHistory(c);
      }
    }
    firstWelcome = false;
    if (supervising.value) {
      // After a reload: the chats this tab followed before, which may be with other agents now.
      for (const id of storedWatch(me)) {
        if (!conversations.value[id]) askHistory(ensure(id));
      }
      followQueue();
      // Chats the list (loadLive) brought before the socket was ready.
      for (const c of list.value) {
        if (isLive(c) && !c.historyAsked && !resumedInHello.has(c.id)) askHistory(c);
      }
    }
    // What was sent but never acknowledged goes again, with the same client_id.
    for (const c of list.value) {
      for (const p of c.pending) {
        if (p.state === 'sending') {
          sendMessageFrame(c.id, p);
        }
      }
    }
    if (selectedId.value === null && myChats.value.length > 0) {
      selectedId.value = myChats.value[0]!.id;
    }
  }

  /** Asks for the events this console has not seen (all of them the first time). */
  function askHistory(c: ConversationState): void {
    if (send({ type: 'resume', conversation_id: c.id, after: contiguousSeq(c) })) {
      c.historyAsked = true;
    }
  }

  function onEvent(e: ChatEvent): void {
    const c = ensure(e.conversation_id);
    const wasMine = c.mine;
    const out = addEvent(c, e, agentId.value);
    if (!out.added) {
      return;
    }
    if (out.joinedByMe && (accepting.delete(c.id) || joining.delete(c.id))) {
      // The agent took (or joined) this chat just now: it opens.
      selectedId.value = c.id;
      c.dismissed = false;
    }
    if (out.transferredTo !== null) {
      say('chat.notices.transferred', { name: out.transferredTo });
    }
    if (wasMine && !c.mine && selectedId.value === c.id) {
      selectedId.value = myChats.value[0]?.id ?? null;
    }
    // Seen from the middle (an offer, a transfer to us): the start is in the store.
    if (!c.historyAsked && e.seq > 1 && contiguousSeq(c) === 0) {
      askHistory(c);
    }
    if (viewing.value && selectedId.value === c.id) {
      scheduleRead();
    }
  }

  function onAck(conversationId: Id, clientId: string): void {
    const c = conversations.value[conversationId];
    if (!c) {
      return;
    }
    // The message itself arrives as an event (this socket watches the chat); if it already
    // has, the pending line is gone. Either way the server has it.
    c.pending = c.pending.filter((p) => p.clientId !== clientId);
  }

  function onQueue(waiting: WaitingChat[]): void {
    queue.value = waiting;
    const inQueue = new Map(waiting.map((w) => [w.conversation_id, w]));
    for (const c of list.value) {
      const w = inQueue.get(c.id);
      if (w) {
        c.queuedSince = w.since;
        c.language = c.language || w.language;
        c.visitorName = c.visitorName || w.visitor_name;
        c.ticketId = c.ticketId ?? w.ticket_id;
        // An offer that lapsed or was declined tells no event: the queue says it.
        if (w.status === 'queued' && c.status === 'offered') {
          c.status = 'queued';
          c.offeredAgentId = null;
          c.offerExpiresAt = null;
          refreshMine(c, agentId.value);
        }
      }
    }
    if (supervising.value) {
      followQueue();
    }
  }

  /** Supervisors follow each chat that enters the queue, to see who takes it and when it ends. */
  function followQueue(): void {
    for (const w of queue.value) {
      const c = ensure(w.conversation_id);
      if (c.queuedSince === null) c.queuedSince = w.since;
      if (c.status === 'queued' && c.stateSeq === 0) {
        c.status = w.status;
        c.offeredAgentId = w.offered_agent_id;
        c.language = w.language;
        c.groupId = w.group_id;
      }
      if (!c.historyAsked) {
        askHistory(c);
      }
    }
    rememberWatch();
  }

  function storedWatch(me: Id): Id[] {
    try {
      const v: unknown = JSON.parse(sessionStorage.getItem(watchKey(me)) ?? '[]');
      return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x) && x > 0) : [];
    } catch {
      return [];
    }
  }

  function rememberWatch(): void {
    if (agentId.value === null) return;
    const ids = list.value
      .filter(isLive)
      .map((c) => c.id)
      .sort((a, b) => b - a)
      .slice(0, MAX_RESUME);
    try {
      sessionStorage.setItem(watchKey(agentId.value), JSON.stringify(ids));
    } catch {
      // Storage refused: the view follows what passes through the queue from now on.
    }
  }

  function onError(code: string, ref: string, conversationId: Id | null = null): void {
    for (const c of list.value) {
      const p = c.pending.find((x) => x.clientId === ref);
      if (p) {
        p.state = 'failed';
        p.error = code;
        return;
      }
    }
    if (ref === 'presence') {
      presenceError.value = code;
      return;
    }
    if ((ACTIONS as readonly string[]).includes(ref)) {
      // The frame names its conversation; the last action of that type is the fallback.
      const id = conversationId ?? lastAction.get(ref);
      const c = id === undefined ? undefined : conversations.value[id];
      if (c) {
        c.error = { action: ref, code };
        accepting.delete(c.id);
        joining.delete(c.id);
        if (ref === 'accept' && (code === 'forbidden' || code === 'ended')) {
          // Taken back (lapsed) or over: the offer is no longer ours.
          c.status = code === 'ended' ? 'ended' : 'queued';
          c.offeredAgentId = null;
        }
      }
    }
    // Errors about resume, read and typing change nothing the agent sees.
  }

  // ---------------------------------------------------------------- actions

  function setPresence(state: ChatPresence): void {
    presence.value = state;
    presenceError.value = null;
    send({ type: 'presence', state });
  }

  function act(type: Action, id: Id): boolean {
    const c = conversations.value[id];
    if (c) c.error = null;
    lastAction.set(type, id);
    const ok = send({ type, conversation_id: id });
    if (!ok && c) {
      c.error = { action: type, code: 'offline' };
    }
    return ok;
  }

  function accept(id: Id): void {
    accepting.add(id);
    if (!act('accept', id)) accepting.delete(id);
  }

  function decline(id: Id): void {
    if (act('decline', id)) {
      // No event answers a decline: the offer goes, the next queue frame tells the rest.
      const c = conversations.value[id];
      if (c) {
        c.status = 'queued';
        c.offeredAgentId = null;
        c.offerExpiresAt = null;
      }
    }
  }

  function join(id: Id): void {
    ensure(id);
    joining.add(id);
    if (!act('join', id)) joining.delete(id);
  }

  function end(id: Id): void {
    act('end', id);
  }

  function transfer(id: Id, to: { agentId: Id } | { groupId: Id }): boolean {
    const c = conversations.value[id];
    if (c) c.error = null;
    lastAction.set('transfer', id);
    const ok = send(
      'agentId' in to
        ? { type: 'transfer', conversation_id: id, agent_id: to.agentId }
        : { type: 'transfer', conversation_id: id, group_id: to.groupId },
    );
    if (!ok && c) c.error = { action: 'transfer', code: 'offline' };
    return ok;
  }

  /**
   * Sends a message (or an internal note). It shows as pending until the server has it; false
   * (and nothing sent) when it is empty or longer than the server takes.
   */
  /** Sends a message with the files already uploaded for it; text may be empty with files. */
  function sendMessage(
    id: Id,
    text: string,
    internal = false,
    files: { id: Id; name: string }[] = [],
  ): boolean {
    const c = conversations.value[id];
    const body = text.trim();
    if (!c || (body === '' && files.length === 0) || messageLength(body) > MAX_MESSAGE_CHARS) {
      return false;
    }
    const p: PendingMessage = {
      clientId: newClientId(),
      text: body,
      internal,
      files: [...files],
      state: 'sending',
      error: null,
      at: Date.now(),
    };
    c.pending.push(p);
    stopTyping(id);
    sendMessageFrame(id, c.pending[c.pending.length - 1]!);
    return true;
  }

  function sendMessageFrame(id: Id, p: PendingMessage): void {
    const frame: ClientFrame = { type: 'send', conversation_id: id, client_id: p.clientId, text: p.text };
    if (p.internal) frame.internal = true;
    if (p.files.length > 0) frame.attachments = p.files.map((f) => f.id);
    // Not connected: it stays `sending` and goes with the next welcome.
    send(frame);
  }

  /** Sends a refused message again, with the same client_id. */
  function retry(id: Id, clientId: string): void {
    const p = conversations.value[id]?.pending.find((x) => x.clientId === clientId);
    if (p) {
      p.state = 'sending';
      p.error = null;
      sendMessageFrame(id, p);
    }
  }

  function discard(id: Id, clientId: string): void {
    const c = conversations.value[id];
    if (c) c.pending = c.pending.filter((p) => p.clientId !== clientId);
  }

  /** The agent typed in the composer: `typing` at most every 3 s, `active: false` after 4 s idle. */
  function typing(id: Id): void {
    const t = typingSent.get(id);
    const at = Date.now();
    if (!t || at - t.at >= TYPING_REPEAT_MS) {
      send({ type: 'typing', conversation_id: id, active: true });
    }
    clearTimeout(t?.idle);
    typingSent.set(id, {
      at: !t || at - t.at >= TYPING_REPEAT_MS ? at : t.at,
      idle: setTimeout(() => stopTyping(id), TYPING_IDLE_MS),
    });
  }

  function stopTyping(id: Id): void {
    const t = typingSent.get(id);
    if (!t) return;
    clearTimeout(t.idle);
    typingSent.delete(id);
    send({ type: 'typing', conversation_id: id, active: false });
  }

  function select(id: Id | null): void {
    selectedId.value = id;
    if (id !== null) {
      const c = conversations.value[id];
      if (c) c.dismissed = false;
      if (viewing.value) markRead(id);
    }
  }

  /** Tells the server (and the visitor) how far this agent has read the chat. */
  function markRead(id: Id): void {
    const c = conversations.value[id];
    if (!c) return;
    c.readSeq = Math.max(c.readSeq, c.highestSeq);
    if (c.highestSeq > c.readSent && c.mine && isLive(c) && send({ type: 'read', conversation_id: id, seq: c.highestSeq })) {
      c.readSent = c.highestSeq;
    }
  }

  function scheduleRead(): void {
    clearTimeout(readTimer);
    readTimer = setTimeout(() => {
      if (viewing.value && selectedId.value !== null) markRead(selectedId.value);
    }, READ_DELAY_MS);
  }

  function setViewing(on: boolean): void {
    viewing.value = on;
    if (on && selectedId.value !== null) markRead(selectedId.value);
  }

  /**
   * Supervisors: the live chats already running (GET /api/v1/chat/conversations), each then
   * followed over the socket like the chats that pass through the queue. Resolves to false
   * when the list could not be read.
   */
  async function loadLive(): Promise<boolean> {
    const me = agentId.value ?? -1;
    try {
      let cursor: string | null = null;
      for (let page = 0; page < 20; page += 1) {
        const got = await chatApi().listLive(cursor);
        for (const s of got.data) {
          const c = ensure(s.conversation_id);
          applySummary(c, s, me, false);
          if (c.queuedSince === null && (s.status === 'queued' || s.status === 'offered')) {
            c.queuedSince = s.created_at;
          }
          if (!c.historyAsked && connection.value === 'ready') askHistory(c);
        }
        cursor = got.next_cursor;
        if (!cursor) break;
      }
      rememberWatch();
      return true;
    } catch {
      return false;
    }
  }

  function setSupervising(on: boolean): void {
    supervising.value = on;
    if (on && connection.value === 'ready') followQueue();
  }

  /** Closes an ended chat's tab. */
  function dismiss(id: Id): void {
    const c = conversations.value[id];
    if (!c) return;
    c.dismissed = true;
    if (selectedId.value === id) {
      selectedId.value = myChats.value[0]?.id ?? null;
    }
  }

  function say(key: string, values: Record<string, string | number> = {}): void {
    notice.value = { key, values, at: Date.now() };
  }

  return {
    connection,
    retryAt,
    lastClose,
    welcomed,
    agentId,
    presence,
    presenceError,
    capacity,
    languages,
    conversations,
    queue,
    selectedId,
    selected,
    viewing,
    supervising,
    notice,
    now,
    myChats,
    offers,
    load,
    liveChats,
    unread,
    start,
    stop,
    reset,
    reconnectNow,
    setPresence,
    accept,
    decline,
    join,
    end,
    transfer,
    sendMessage,
    retry,
    discard,
    typing,
    stopTyping,
    select,
    markRead,
    setViewing,
    setSupervising,
    loadLive,
    dismiss,
  };
});
