// One live-chat conversation as the console keeps it (docs/chat.md): its events by `seq`, each
// kept once however often it arrives, the messages still pending, and its state (queued,
// offered, active, ended), which follows its newest event so that an old event replayed by a
// resume never undoes a newer one. Pure functions over plain objects; the chat store
// (stores/chat.ts) makes them reactive and talks to the socket.
import type { ChatEvent, ConversationStatus, ConversationSummary } from '../api/chat';
import type { Id } from '../api/types';

export interface PendingMessage {
  clientId: string;
  text: string;
  internal: boolean;
  /** Files uploaded for it (POST /api/v1/attachments), sent by id. */
  files: { id: Id; name: string }[];
  /** sending: not acknowledged (sent again after a reconnect); failed: refused (`error`). */
  state: 'sending' | 'failed';
  /** The refusal's code: too_long, ended, forbidden, rate_limited, unavailable … */
  error: string | null;
  at: number;
}

export interface ConversationState {
  id: Id;
  status: ConversationStatus;
  /** The seq of the newest event (or summary) the state came from; 0: nothing heard yet. */
  stateSeq: number;
  ticketId: Id | null;
  language: string;
  groupId: Id | null;
  agentId: Id | null;
  agentName: string;
  /** An agent took it at some point (ended without: missed). */
  taken: boolean;
  offeredAgentId: Id | null;
  offerExpiresAt: number | null;
  createdAt: number | null;
  /** When it last went into the queue (from `queue` frames). */
  queuedSince: number | null;
  /** Events by seq, each once. */
  events: ChatEvent[];
  highestSeq: number;
  /** The history before what the socket delivered by itself was asked for. */
  historyAsked: boolean;
  /** How far this agent has read; `readSent` is what the server was told. */
  readSeq: number;
  readSent: number;
  /** How far the visitor has read (their `read` frames). */
  visitorReadSeq: number;
  visitorName: string;
  /** Start to accept, from the server's summary (supervisors' list); null until known. */
  waitMs: number | null;
  typing: { name: string; until: number } | null;
  supervisors: Id[];
  pending: PendingMessage[];
  /** This agent's chat (taken or joined); stays so after it ends, until its tab is closed. */
  mine: boolean;
  dismissed: boolean;
  /** The last refusal of an action on this chat (accept, transfer, end, join …). */
  error: { action: string; code: string } | null;
}

const LIVE: readonly ConversationStatus[] = ['queued', 'offered', 'active'];
export const isLive = (c: Pick<ConversationState, 'status'>): boolean => LIVE.includes(c.status);

export function blankConversation(id: Id): ConversationState {
  return {
    id,
    status: 'queued',
    stateSeq: 0,
    ticketId: null,
    language: '',
    groupId: null,
    agentId: null,
    agentName: '',
    taken: false,
    offeredAgentId: null,
    offerExpiresAt: null,
    createdAt: null,
    queuedSince: null,
    events: [],
    highestSeq: 0,
    historyAsked: false,
    readSeq: 0,
    readSent: 0,
    visitorReadSeq: 0,
    visitorName: '',
    waitMs: null,
    typing: null,
    supervisors: [],
    pending: [],
    mine: false,
    dismissed: false,
    error: null,
  };
}

/** A UUID for a message's client_id, also on plain-http origins without crypto.randomUUID. */
export function newClientId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') {
    return c.randomUUID();
  }
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The highest seq up to which every event is here (agents are shown every event). */
export function contiguousSeq(c: Pick<ConversationState, 'events'>): number {
  let n = 0;
  for (const e of c.events) {
    if (e.seq !== n + 1) break;
    n = e.seq;
  }
  return n;
}

const isAgent = (a: { kind: string; id: Id }, me: Id | null) => a.kind === 'agent' && a.id === me;

/** Messages of others after how far this agent has read. */
export function unreadCount(c: ConversationState, me: Id | null): number {
  let n = 0;
  for (const e of c.events) {
    if (e.kind === 'message' && e.seq > c.readSeq && !isAgent(e.author, me)) n += 1;
  }
  return n;
}

/** What an event meant beyond the conversation's own state, for the store to act on. */
export interface EventOutcome {
  /** False: this seq was here already, nothing changed. */
  added: boolean;
  /** This agent joined (took or supervised) the chat with this event. */
  joinedByMe: boolean;
  /** This agent handed the chat to someone (their name). */
  transferredTo: string | null;
}

/**
 * Adds `e` to its conversation: in its place by seq, once; a message removes its pending
 * line; the newest event sets the state. `me` is this agent.
 */
export function addEvent(c: ConversationState, e: ChatEvent, me: Id | null): EventOutcome {
  const out: EventOutcome = { added: false, joinedByMe: false, transferredTo: null };
  // Events almost always arrive in order: append; otherwise find the place (binary search).
  const last = c.events[c.events.length - 1];
  if (!last || last.seq < e.seq) {
    c.events.push(e);
  } else {
    let lo = 0;
    let hi = c.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c.events[mid]!.seq < e.seq) lo = mid + 1;
      else hi = mid;
    }
    if (c.events[lo]?.seq === e.seq) {
      return out;
    }
    c.events.splice(lo, 0, e);
  }
  out.added = true;
  c.highestSeq = Math.max(c.highestSeq, e.seq);
  if (e.seq === 1 && e.at > 0) {
    c.createdAt = e.at;
  } else if (c.createdAt === null && e.at > 0) {
    c.createdAt = e.at;
  }
  if (e.author.kind === 'visitor' && e.author.name) {
    c.visitorName = e.author.name;
  }
  if (e.kind === 'offered') {
    // The offer says who is waiting and how far each side has read (docs/chat.md, "Events").
    if (e.visitor?.name) c.visitorName = e.visitor.name;
    if (e.ticket_id) c.ticketId = e.ticket_id;
    c.visitorReadSeq = Math.max(c.visitorReadSeq, e.read_seq_visitor ?? 0);
  }
  if (e.kind === 'message') {
    if (e.client_id) {
      c.pending = c.pending.filter((p) => p.clientId !== e.client_id);
    }
    if (c.typing && e.author.kind !== 'system' && !isAgent(e.author, me)) {
      c.typing = null;
    }
  }
  if (e.seq > c.stateSeq) {
    c.stateSeq = e.seq;
    applyState(c, e, me, out);
  }
  return out;
}

function applyState(c: ConversationState, e: ChatEvent, me: Id | null, out: EventOutcome): void {
  switch (e.kind) {
    case 'queued':
      c.status = 'queued';
      c.offeredAgentId = null;
      c.offerExpiresAt = null;
      break;
    case 'offered':
      c.status = 'offered';
      c.offeredAgentId = e.agent?.id ?? null;
      c.offerExpiresAt = e.expires_at ?? null;
      break;
    case 'joined':
      if (e.supervisor) {
        if (!c.supervisors.includes(e.author.id)) c.supervisors.push(e.author.id);
      } else {
        c.status = 'active';
        c.taken = true;
        c.agentId = e.author.id;
        c.agentName = e.author.name;
        c.offeredAgentId = null;
        c.offerExpiresAt = null;
      }
      out.joinedByMe = isAgent(e.author, me);
      break;
    case 'left':
      if (c.agentId === e.author.id) {
        c.agentId = null;
        c.agentName = '';
      }
      c.supervisors = c.supervisors.filter((id) => id !== e.author.id);
      break;
    case 'transferred':
      c.agentId = null;
      c.agentName = '';
      if (e.to?.kind === 'group') c.groupId = e.to.id;
      if (isAgent(e.author, me) && e.to) out.transferredTo = e.to.name;
      break;
    case 'ended':
      c.status = c.taken ? 'ended' : 'missed';
      c.offeredAgentId = null;
      c.offerExpiresAt = null;
      c.typing = null;
      if (e.ticket_id) c.ticketId = e.ticket_id;
      break;
    default:
      break;
  }
  refreshMine(c, me);
}

/** A summary from `welcome`: the state at its last_seq, unless a newer event said otherwise. */
/**
 * `listedForMe`: the summary comes from this agent's `welcome` (their chats); false for the
 * supervisors' list of every live chat, which says nothing about this agent.
 */
export function applySummary(c: ConversationState, s: ConversationSummary, me: Id, listedForMe = true): void {
  if (s.last_seq >= c.stateSeq) {
    c.status = s.status;
    c.stateSeq = s.last_seq;
    c.agentId = s.agent_id;
    c.offeredAgentId = s.offered_agent_id;
    c.offerExpiresAt = s.offer_expires_at;
    c.groupId = s.group_id;
  }
  if (s.status === 'active' || s.status === 'ended') c.taken = true;
  c.ticketId = s.ticket_id || c.ticketId;
  c.language = s.language || c.language;
  c.createdAt = s.created_at || c.createdAt;
  c.visitorName = s.visitor_name || c.visitorName;
  c.waitMs = s.wait_ms ?? c.waitMs;
  // Read receipts survive a reload: the server keeps how far each side read.
  c.visitorReadSeq = Math.max(c.visitorReadSeq, s.read_seq_visitor);
  if (s.agent_id === me || c.supervisors.includes(me)) {
    c.readSeq = Math.max(c.readSeq, s.read_seq_agent);
    c.readSent = Math.max(c.readSent, s.read_seq_agent);
  }
  if (listedForMe && s.status === 'active' && s.agent_id !== me && !c.supervisors.includes(me)) {
    // The agent's list holds it, yet another agent has it: a chat this supervisor joined.
    c.supervisors.push(me);
  }
  refreshMine(c, me);
}

/** Whether the chat is this agent's: theirs while active or joined; after it ends, unchanged. */
export function refreshMine(c: ConversationState, me: Id | null): void {
  if (me === null) {
    return;
  }
  if ((c.status === 'active' && c.agentId === me) || (isLive(c) && c.supervisors.includes(me))) {
    c.mine = true;
  } else if (isLive(c)) {
    // Transferred away, back in the queue after a disconnect, or offered to someone else.
    c.mine = false;
  }
}
