// The frames of docs/chat.md ("The socket") that the visitor's side sends and reads.
// Incoming frames are checked only as far as the widget relies on them; anything else is
// ignored, so a newer server can add members and frame types.

/** Conversation ids are kept as the server sent them and compared as strings. */
export type ConversationId = string | number;

export interface Author {
  kind: 'visitor' | 'agent' | 'system';
  id?: string | number | null;
  name?: string | null;
}

export interface Attachment {
  id: string | number;
  name: string;
  size: number;
  content_type?: string;
  url?: string;
}

/** A conversation as `welcome` lists it (only what the widget reads). */
export interface ConversationSummary {
  conversation_id: ConversationId;
  status: string;
  last_seq: number;
}

export interface WelcomeFrame {
  type: 'welcome';
  token?: string;
  online?: boolean;
  expected_wait_seconds?: number | null;
  conversations?: ConversationSummary[];
}

export interface EventFrame {
  type: 'event';
  conversation_id: ConversationId;
  seq: number;
  at?: number;
  kind: string;
  author?: Author;
  text?: string;
  client_id?: string;
  internal?: boolean;
  attachments?: Attachment[];
  position?: number;
}

export interface AckFrame {
  type: 'ack';
  client_id: string;
  conversation_id: ConversationId;
  seq: number;
}

export interface TypingFrame {
  type: 'typing';
  conversation_id: ConversationId;
  author?: Author;
  active: boolean;
}

export interface ReadFrame {
  type: 'read';
  conversation_id: ConversationId;
  author?: Author;
  seq: number;
}

export interface ErrorFrame {
  type: 'error';
  code: string;
  message?: string;
  ref?: string;
}

export type ServerFrame =
  | WelcomeFrame
  | EventFrame
  | AckFrame
  | TypingFrame
  | ReadFrame
  | ErrorFrame
  | { type: 'pong' };

export function sameConversation(a: ConversationId | undefined, b: ConversationId | undefined) {
  return a !== undefined && b !== undefined && String(a) === String(b);
}

function isId(v: unknown): v is ConversationId {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

/** The summary of `id` in a welcome's `conversations`, if it lists one well formed. */
export function summaryOf(
  list: unknown,
  id: ConversationId | undefined,
): ConversationSummary | undefined {
  if (!Array.isArray(list) || id === undefined) {
    return undefined;
  }
  return (list as Partial<ConversationSummary>[]).find(
    (c): c is ConversationSummary =>
      typeof c === 'object' &&
      c !== null &&
      isId(c.conversation_id) &&
      sameConversation(c.conversation_id, id) &&
      typeof c.last_seq === 'number' &&
      typeof c.status === 'string',
  );
}

/** The frame in a text message, or null for one the widget does not understand. */
export function parseFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') {
    return null;
  }
  let f: Record<string, unknown>;
  try {
    const v: unknown = JSON.parse(data);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      return null;
    }
    f = v as Record<string, unknown>;
  } catch {
    return null;
  }
  const seqOk = typeof f.seq === 'number' && Number.isInteger(f.seq) && f.seq > 0;
  switch (f.type) {
    case 'welcome':
    case 'pong':
      return f as unknown as ServerFrame;
    case 'event':
      return seqOk && isId(f.conversation_id) && typeof f.kind === 'string'
        ? (f as unknown as EventFrame)
        : null;
    case 'ack':
      return seqOk && isId(f.conversation_id) && typeof f.client_id === 'string'
        ? (f as unknown as AckFrame)
        : null;
    case 'read':
      return seqOk && isId(f.conversation_id) ? (f as unknown as ReadFrame) : null;
    case 'typing':
      return isId(f.conversation_id) ? (f as unknown as TypingFrame) : null;
    case 'error':
      return typeof f.code === 'string' ? (f as unknown as ErrorFrame) : null;
    default:
      return null;
  }
}

/** Limits of docs/chat.md. */
export const MAX_FRAME_BYTES = 16 * 1024;
export const MAX_TEXT_CHARS = 4000;
export const MAX_PAGE_CHARS = 2000;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
