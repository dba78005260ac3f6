// Live chat (docs/chat.md): the frames of the agents' socket (GET /api/v1/chat/agent) and the
// REST calls around it — the workspace's chat settings and widget key (admins) and agents' chat
// profiles. The shapes follow src/api/handlers_chat.cc, src/api/chat_endpoint.cc and
// src/services/chat/chat_frames.cc. Frames from the server are checked member by member
// before the console uses them (parseServerFrame): a frame that does not fit is dropped.
import { api as defaultApi, type ApiClient } from './client';
import type { Id, Page, Timestamp } from './types';

// ------------------------------------------------------------------ REST

export const CHAT_ROUTINGS = ['round_robin', 'least_busy'] as const;
export type ChatRouting = (typeof CHAT_ROUTINGS)[number];

export interface ChatSettings {
  enabled: boolean;
  /** Public, in the business's page; null until the settings were first saved. */
  widget_key: string | null;
  /** Normalised origins: "https://shop.example.in". */
  allowed_origins: string[];
  /** The widget asks for a name and an e-mail address first. */
  prechat: boolean;
  routing: ChatRouting;
  default_group_id: Id | null;
  /** The business hours the widget is online in; null: the default group's, else the
   * workspace's default schedule. */
  business_hours_id: Id | null;
  /** 5–600. */
  offer_timeout_seconds: number;
  /** 0–3600. */
  agent_grace_seconds: number;
  updated_at: Timestamp | null;
  /** 0: never saved (the defaults). */
  version: number;
}

export type ChatSettingsUpdate = Partial<
  Pick<
    ChatSettings,
    | 'enabled'
    | 'allowed_origins'
    | 'prechat'
    | 'routing'
    | 'default_group_id'
    | 'business_hours_id'
    | 'offer_timeout_seconds'
    | 'agent_grace_seconds'
  >
>;

export interface ChatProfile {
  agent_id: Id;
  /** Live chats (taken plus offered) the agent holds at once: 0–50. */
  capacity: number;
  /** Languages the agent chats in: en, hi, kn. */
  languages: string[];
  updated_at: Timestamp | null;
  version: number;
}

export type ChatProfileUpdate = Partial<Pick<ChatProfile, 'capacity' | 'languages'>>;

export const OFFER_TIMEOUT_RANGE = [5, 600] as const;
export const AGENT_GRACE_RANGE = [0, 3600] as const;
export const CAPACITY_RANGE = [0, 50] as const;
export const MAX_ALLOWED_ORIGINS = 20;
/** A message's text: code points after NFC. */
export const MAX_MESSAGE_CHARS = 4000;

function ifMatch(version: number | undefined): { headers: Record<string, string> } {
  return { headers: version === undefined ? {} : { 'If-Match': `"${version}"` } };
}

export function chatApi(client: ApiClient = defaultApi) {
  return {
    getSettings: () => client.get<ChatSettings>('/api/v1/chat/settings'),
    /** Only the members sent change; the first save makes the widget key. */
    updateSettings: (changes: ChatSettingsUpdate, version?: number) =>
      client.patch<ChatSettings>('/api/v1/chat/settings', changes, ifMatch(version)),
    /** A new widget key; the old one stops working at once. */
    rotateWidgetKey: () => client.post<ChatSettings>('/api/v1/chat/widget-key'),
    /** Supervisors (admins): the workspace's live chats, oldest first, a page at a time. */
    listLive: (cursor: string | null = null, limit = 100) =>
      client
        .get<Page<unknown>>('/api/v1/chat/conversations', {
          query: cursor ? { limit: String(limit), cursor } : { limit: String(limit) },
        })
        .then((p) => ({
          data: (Array.isArray(p.data) ? p.data : []).map(summary).filter((x): x is ConversationSummary => x !== null),
          next_cursor: p.next_cursor ?? null,
        })),
    getProfile: (agentId: Id) => client.get<ChatProfile>(`/api/v1/agents/${agentId}/chat-profile`),
    updateProfile: (agentId: Id, changes: ChatProfileUpdate, version?: number) =>
      client.patch<ChatProfile>(`/api/v1/agents/${agentId}/chat-profile`, changes, ifMatch(version)),
  };
}

export type ChatApi = ReturnType<typeof chatApi>;

/**
 * `line` as the server keeps an allowed origin (NormaliseOrigin in
 * src/services/webforms/web_form_service.cc): http(s), a host of a-z 0-9 . -, maybe a port,
 * lower-cased, without a trailing slash; null when it is not one (a path, a wildcard, a user).
 */
export function normaliseOrigin(line: string): string | null {
  const m = /^(https?:\/\/)([a-z0-9.-]+)(?::(\d{1,5}))?\/?$/.exec(line.trim().toLowerCase());
  if (!m) {
    return null;
  }
  const [, scheme, host = '', port] = m;
  if (host.length > 253 || /^[.-]|\.$|\.\./.test(host)) {
    return null;
  }
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    return null;
  }
  return `${scheme}${host}${port !== undefined ? `:${port}` : ''}`;
}

/** The one script tag a business pastes into its pages. */
export function embedSnippet(serverOrigin: string, widgetKey: string): string {
  return `<script src="${serverOrigin}/widget.js" data-key="${widgetKey}" async></script>`;
}

// ------------------------------------------------------------------ socket frames

export type ChatPresence = 'online' | 'away' | 'offline';
export const CHAT_PRESENCES: readonly ChatPresence[] = ['online', 'away', 'offline'];

export type ConversationStatus = 'queued' | 'offered' | 'active' | 'ended' | 'missed';
const STATUSES: readonly string[] = ['queued', 'offered', 'active', 'ended', 'missed'];

export interface ChatAuthor {
  kind: 'visitor' | 'agent' | 'system';
  id: Id;
  name: string;
}

export interface ChatAttachment {
  id: Id;
  name: string;
  size: number;
  content_type: string;
  url: string;
}

export interface ChatEvent {
  type: 'event';
  conversation_id: Id;
  seq: number;
  /** ms since the epoch. */
  at: number;
  /** message | queued | offered | joined | left | transferred | ended (others are kept, not shown). */
  kind: string;
  author: ChatAuthor;
  // message
  text?: string;
  client_id?: string;
  internal?: boolean;
  attachments?: ChatAttachment[];
  // queued
  position?: number;
  // offered
  agent?: { id: Id; name: string };
  expires_at?: number;
  visitor?: { id: Id; name: string };
  read_seq_visitor?: number;
  read_seq_agent?: number;
  // joined
  supervisor?: boolean;
  // left
  reason?: string;
  // transferred
  to?: { kind: 'agent' | 'group'; id: Id; name: string };
  // ended
  by?: string;
  ticket_id?: Id;
}

export interface ConversationSummary {
  conversation_id: Id;
  status: ConversationStatus;
  ticket_id: Id;
  last_seq: number;
  language: string;
  group_id: Id | null;
  agent_id: Id | null;
  offered_agent_id: Id | null;
  offer_expires_at: number | null;
  created_at: number;
  visitor_name: string;
  /** How far the visitor, and the furthest agent, have read. */
  read_seq_visitor: number;
  read_seq_agent: number;
  /** Start to accept, start to the first agent message: null until known. */
  wait_ms: number | null;
  first_response_ms: number | null;
}

export interface WaitingChat {
  conversation_id: Id;
  /** When it last went into the queue, ms since the epoch. */
  since: number;
  language: string;
  group_id: Id | null;
  status: 'queued' | 'offered';
  offered_agent_id: Id | null;
  visitor_name: string;
  ticket_id: Id | null;
}

export interface WelcomeFrame {
  type: 'welcome';
  agent_id: Id;
  presence: ChatPresence;
  capacity: number;
  languages: string[];
  conversations: ConversationSummary[];
}

export interface AckFrame {
  type: 'ack';
  client_id: string;
  conversation_id: Id;
  seq: number;
}

export interface TypingFrame {
  type: 'typing';
  conversation_id: Id;
  author: ChatAuthor;
  active: boolean;
}

export interface ReadFrame {
  type: 'read';
  conversation_id: Id;
  author: ChatAuthor;
  seq: number;
}

export interface QueueFrame {
  type: 'queue';
  waiting: WaitingChat[];
}

export interface ErrorFrame {
  type: 'error';
  /** bad_request, not_found, too_long, ended, rate_limited, forbidden, unavailable. */
  code: string;
  /** English, for logs; never shown. */
  message: string;
  /** The client_id or the frame type it answers. */
  ref: string;
  /** The conversation the refused frame was about, when it was about one. */
  conversation_id: Id | null;
}

/** This agent's presence, changed here or in another tab. */
export interface PresenceFrame {
  type: 'presence';
  state: ChatPresence;
}

export interface PongFrame {
  type: 'pong';
}

export type ServerFrame =
  | WelcomeFrame
  | ChatEvent
  | AckFrame
  | TypingFrame
  | ReadFrame
  | QueueFrame
  | ErrorFrame
  | PresenceFrame
  | PongFrame;

/** What the console sends. */
export type ClientFrame =
  | { type: 'hello'; resume?: Record<string, number> }
  | { type: 'resume'; conversation_id: Id; after: number }
  | {
      type: 'send';
      conversation_id: Id;
      client_id: string;
      text: string;
      internal?: boolean;
      attachments?: Id[];
    }
  | { type: 'typing'; conversation_id: Id; active: boolean }
  | { type: 'read'; conversation_id: Id; seq: number }
  | { type: 'ping' }
  | { type: 'presence'; state: ChatPresence }
  | { type: 'accept' | 'decline' | 'join' | 'end'; conversation_id: Id }
  | { type: 'transfer'; conversation_id: Id; agent_id: Id }
  | { type: 'transfer'; conversation_id: Id; group_id: Id };

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isId = (v: unknown): v is number => isNum(v) && Number.isInteger(v) && v >= 0;
const idOrNull = (v: unknown): Id | null => (isId(v) ? v : null);
const numOrNull = (v: unknown): number | null => (isNum(v) ? v : null);

function author(v: unknown): ChatAuthor | null {
  if (!isObj(v)) {
    return null;
  }
  const kind = v.kind === 'visitor' || v.kind === 'agent' ? v.kind : 'system';
  return { kind, id: isId(v.id) ? v.id : 0, name: isStr(v.name) ? v.name : '' };
}

function attachment(v: unknown): ChatAttachment | null {
  if (!isObj(v) || !isId(v.id)) {
    return null;
  }
  return {
    id: v.id,
    name: isStr(v.name) ? v.name : '',
    size: isNum(v.size) ? v.size : 0,
    content_type: isStr(v.content_type) ? v.content_type : '',
    url: isStr(v.url) ? v.url : '',
  };
}

function event(f: Obj): ChatEvent | null {
  const a = author(f.author) ?? { kind: 'system' as const, id: 0, name: '' };
  if (!isId(f.conversation_id) || !isId(f.seq) || f.seq < 1 || !isStr(f.kind)) {
    return null;
  }
  const e: ChatEvent = {
    type: 'event',
    conversation_id: f.conversation_id,
    seq: f.seq,
    at: isNum(f.at) ? f.at : 0,
    kind: f.kind,
    author: a,
  };
  switch (f.kind) {
    case 'message':
      e.text = isStr(f.text) ? f.text : '';
      e.client_id = isStr(f.client_id) ? f.client_id : '';
      e.internal = f.internal === true;
      e.attachments = Array.isArray(f.attachments)
        ? f.attachments.map(attachment).filter((x): x is ChatAttachment => x !== null)
        : [];
      break;
    case 'queued':
      if (isNum(f.position)) e.position = f.position;
      break;
    case 'offered':
      if (isObj(f.agent) && isId(f.agent.id)) {
        e.agent = { id: f.agent.id, name: isStr(f.agent.name) ? f.agent.name : '' };
      }
      if (isNum(f.expires_at)) e.expires_at = f.expires_at;
      if (isObj(f.visitor) && isId(f.visitor.id)) {
        e.visitor = { id: f.visitor.id, name: isStr(f.visitor.name) ? f.visitor.name : '' };
      }
      if (isId(f.ticket_id)) e.ticket_id = f.ticket_id;
      if (isNum(f.read_seq_visitor)) e.read_seq_visitor = f.read_seq_visitor;
      if (isNum(f.read_seq_agent)) e.read_seq_agent = f.read_seq_agent;
      break;
    case 'joined':
      e.supervisor = f.supervisor === true;
      break;
    case 'left':
      if (isStr(f.reason)) e.reason = f.reason;
      break;
    case 'transferred':
      if (isObj(f.to) && isId(f.to.id) && (f.to.kind === 'agent' || f.to.kind === 'group')) {
        e.to = { kind: f.to.kind, id: f.to.id, name: isStr(f.to.name) ? f.to.name : '' };
      }
      break;
    case 'ended':
      if (isStr(f.by)) e.by = f.by;
      if (isId(f.ticket_id)) e.ticket_id = f.ticket_id;
      break;
    default:
      break;
  }
  return e;
}

function summary(v: unknown): ConversationSummary | null {
  if (!isObj(v) || !isId(v.conversation_id) || !isStr(v.status) || !STATUSES.includes(v.status)) {
    return null;
  }
  return {
    conversation_id: v.conversation_id,
    status: v.status as ConversationStatus,
    ticket_id: isId(v.ticket_id) ? v.ticket_id : 0,
    last_seq: isId(v.last_seq) ? v.last_seq : 0,
    language: isStr(v.language) ? v.language : '',
    group_id: idOrNull(v.group_id),
    agent_id: idOrNull(v.agent_id),
    offered_agent_id: idOrNull(v.offered_agent_id),
    offer_expires_at: numOrNull(v.offer_expires_at),
    created_at: isNum(v.created_at) ? v.created_at : 0,
    visitor_name: visitorName(v.visitor),
    read_seq_visitor: isNum(v.read_seq_visitor) ? v.read_seq_visitor : 0,
    read_seq_agent: isNum(v.read_seq_agent) ? v.read_seq_agent : 0,
    wait_ms: numOrNull(v.wait_ms),
    first_response_ms: numOrNull(v.first_response_ms),
  };
}

function visitorName(v: unknown): string {
  return isObj(v) && isStr(v.name) ? v.name : '';
}

function waiting(v: unknown): WaitingChat | null {
  if (!isObj(v) || !isId(v.conversation_id)) {
    return null;
  }
  return {
    conversation_id: v.conversation_id,
    since: isNum(v.since) ? v.since : 0,
    language: isStr(v.language) ? v.language : '',
    group_id: idOrNull(v.group_id),
    status: v.status === 'offered' ? 'offered' : 'queued',
    offered_agent_id: idOrNull(v.offered_agent_id),
    visitor_name: visitorName(v.visitor),
    ticket_id: idOrNull(v.ticket_id),
  };
}

function presence(v: unknown): ChatPresence {
  return v === 'away' || v === 'offline' ? v : 'online';
}

/** A text frame from the agents' socket, or null when it is not one the console knows. */
export function parseServerFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') {
    return null;
  }
  let f: unknown;
  try {
    f = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isObj(f) || !isStr(f.type)) {
    return null;
  }
  switch (f.type) {
    case 'welcome':
      if (!isId(f.agent_id)) return null;
      return {
        type: 'welcome',
        agent_id: f.agent_id,
        presence: presence(f.presence),
        capacity: isId(f.capacity) ? f.capacity : 0,
        languages: Array.isArray(f.languages) ? f.languages.filter(isStr) : [],
        conversations: Array.isArray(f.conversations)
          ? f.conversations.map(summary).filter((x): x is ConversationSummary => x !== null)
          : [],
      };
    case 'event':
      return event(f);
    case 'ack':
      if (!isStr(f.client_id) || !isId(f.conversation_id) || !isId(f.seq)) return null;
      return { type: 'ack', client_id: f.client_id, conversation_id: f.conversation_id, seq: f.seq };
    case 'typing': {
      const a = author(f.author);
      if (!isId(f.conversation_id) || !a) return null;
      return { type: 'typing', conversation_id: f.conversation_id, author: a, active: f.active === true };
    }
    case 'read': {
      const a = author(f.author);
      if (!isId(f.conversation_id) || !a || !isId(f.seq)) return null;
      return { type: 'read', conversation_id: f.conversation_id, author: a, seq: f.seq };
    }
    case 'queue':
      return {
        type: 'queue',
        waiting: Array.isArray(f.waiting)
          ? f.waiting.map(waiting).filter((x): x is WaitingChat => x !== null)
          : [],
      };
    case 'error':
      return {
        type: 'error',
        code: isStr(f.code) ? f.code : 'unavailable',
        message: isStr(f.message) ? f.message : '',
        ref: isStr(f.ref) ? f.ref : '',
        conversation_id: idOrNull(f.conversation_id),
      };
    case 'presence':
      return { type: 'presence', state: presence(f.state) };
    case 'pong':
      return { type: 'pong' };
    default:
      return null;
  }
}

/** Code points after NFC, as the server counts a message's length. */
export function messageLength(text: string): number {
  return [...text.normalize('NFC')].length;
}

/**
 * An attachment's address as a link the console may open: same-origin paths and http(s) URLs;
 * anything else (javascript:, data:) gives null and is shown as a name only.
 */
export function attachmentHref(url: string, base: string): string | null {
  if (!url) {
    return null;
  }
  try {
    const u = new URL(url, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
