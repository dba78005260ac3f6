// What survives a page load, in localStorage under a key per widget key: the visitor token, the
// current conversation, how far the widget has seen, sent `read` for and knows the agent has
// read, the transcript shown (the last MAX_ITEMS entries) and the messages not yet acknowledged.
import type { StorageLike } from './env';
import type { Attachment, ConversationId } from './protocol';
import type { MessageKey } from './locales/en';

/** One line of the transcript: a message or a notice (queued, joined …). */
export interface Item {
  /** `c:<client_id>` for the visitor's messages, `s:<seq>` for everything else. */
  key: string;
  kind: 'message' | 'queued' | 'joined' | 'left' | 'transferred' | 'ended';
  mine: boolean;
  seq?: number;
  at?: number;
  author?: string;
  text?: string;
  position?: number;
  attachments?: Attachment[];
  /** The visitor's messages: pending until the `ack`, failed after an `error` for it. */
  status?: 'pending' | 'sent' | 'failed';
  error?: MessageKey;
  /** A failed message that may be sent again (rate limited, an unexplained error). */
  retry?: Outgoing;
}

/** A message the server has not acknowledged; sent again, unchanged, after a reconnect. */
export interface Outgoing {
  client_id: string;
  text: string;
  attachments: Attachment[];
  /** A `start` (opens the conversation) rather than a `send`. */
  start?: { name?: string; email?: string };
}

export interface Saved {
  token?: string;
  conversationId?: ConversationId;
  lastSeq: number;
  readSent: number;
  agentRead: number;
  ended: boolean;
  items: Item[];
  outbox: Outgoing[];
  /**
   * The ended conversation the visitor put away with "Start a new chat", and how far they had
   * seen it: the team may still write there (a shipment notice), and the widget shows that.
   */
  dismissed?: { id: ConversationId; seq: number };
}

export const MAX_ITEMS = 200;
const VERSION = 1;

export function emptySaved(token?: string): Saved {
  return {
    ...(token ? { token } : {}),
    lastSeq: 0,
    readSent: 0,
    agentRead: 0,
    ended: false,
    items: [],
    outbox: [],
  };
}

export function storageKey(widgetKey: string): string {
  return `sahayak-chat:${widgetKey}`;
}

export function load(storage: StorageLike | null, key: string): Saved {
  try {
    const raw = storage?.getItem(key);
    const v = raw ? (JSON.parse(raw) as Partial<Saved> & { v?: number }) : null;
    if (v && v.v === VERSION && Array.isArray(v.items) && Array.isArray(v.outbox)) {
      return { ...emptySaved(), ...v };
    }
  } catch {
    // unreadable: start afresh
  }
  return emptySaved();
}

export function save(storage: StorageLike | null, key: string, s: Saved): void {
  try {
    storage?.setItem(key, JSON.stringify({ v: VERSION, ...s, items: s.items.slice(-MAX_ITEMS) }));
  } catch {
    // full or blocked: the chat still works for this page
  }
}
