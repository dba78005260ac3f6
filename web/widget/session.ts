// The visitor's side of docs/chat.md over one Connection: `hello` with the token and `resume`,
// `start`/`send` with a client_id kept until its `ack` (and sent again, unchanged, after a
// reconnect), events applied once by `seq`, typing and read receipts both ways. The state that
// must outlive the page is saved to storage on every change. No DOM here.
import { Connection } from './connection';
import type { Env, TimerId } from './env';
import type { Language } from './i18n';
import type { MessageKey } from './locales/en';
import {
  MAX_FRAME_BYTES,
  MAX_PAGE_CHARS,
  MAX_TEXT_CHARS,
  sameConversation,
  summaryOf,
  type Attachment,
  type EventFrame,
  type ServerFrame,
} from './protocol';
import { emptySaved, load, save, type Item, type Outgoing, type Saved } from './storage';

export interface SessionOptions {
  /** The visitor endpoint, ws: or wss:, with `?key=`. */
  url: string;
  language: Language;
  storageKey: string;
}

export interface SessionHooks {
  /** Keep a socket without a live conversation (the panel is open and the team online). */
  keepAlive(): boolean;
  /** The visitor can see the conversation now (panel open, page visible). */
  reading(): boolean;
}

/** Typing stops counting this long after the visitor's last keystroke. */
export const TYPING_IDLE_MS = 3_000;
/** An agent's typing indicator goes away by itself if no `active: false` comes. */
export const AGENT_TYPING_MAX_MS = 30_000;

const ERROR_TEXT: Record<string, MessageKey> = {
  too_long: 'tooLong',
  rate_limited: 'tooFast',
  ended: 'alreadyEnded',
  not_found: 'notFound',
};
const RETRYABLE: readonly (MessageKey | undefined)[] = ['tooFast', 'generic'];

/** Bytes of a string in UTF-8, to keep frames under the server's 16 KiB. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

export function canRetry(item: Item): boolean {
  return item.status === 'failed' && RETRYABLE.includes(item.error);
}

export class ChatSession {
  s: Saved;
  /** From `welcome`; null until the first one. */
  online: boolean | null = null;
  expectedWait: number | null = null;
  /** The name of the agent typing ('' when the server gave none), or null. */
  agentTyping: string | null = null;
  /** A notice for the visitor that belongs to no message (expired chat, an error). */
  notice: MessageKey | null = null;
  readonly conn: Connection;
  private readonly listeners = new Set<() => void>();
  private sentNow = new Set<string>();
  private lastSent: string | null = null;
  private helloHadToken = false;
  private typingSent = false;
  private typingTimer: TimerId | undefined;
  private agentTypingTimer: TimerId | undefined;
  /** The pre-chat answers of the last `start`, for another start if that one failed. */
  private profile: { name?: string; email?: string } = {};

  constructor(
    private readonly env: Env,
    private readonly opts: SessionOptions,
    private readonly hooks: SessionHooks,
  ) {
    this.s = load(env.storage, opts.storageKey);
    this.conn = new Connection(opts.url, env, {
      hello: () => this.hello(),
      frame: (f) => this.onFrame(f),
      closed: (code) => this.onClosed(code),
      wanted: () => this.live() || this.s.outbox.length > 0 || this.hooks.keepAlive(),
      stateChanged: () => this.emit(),
    });
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** A conversation exists (or is being opened), live or ended. */
  hasConversation(): boolean {
    return this.s.conversationId !== undefined || this.s.outbox.some((o) => o.start);
  }

  live(): boolean {
    return this.hasConversation() && !this.s.ended;
  }

  /**
   * An ended chat the team may have written in since (docs/chat.md, "Messages from the team"):
   * the widget connects on a page load to look, so the launcher can count what came.
   */
  mayHaveNews(): boolean {
    const s = this.s;
    return Boolean(s.token) && ((s.conversationId !== undefined && s.ended) || !!s.dismissed);
  }

  /** There is something to show: a conversation, or a first message that failed. */
  hasTranscript(): boolean {
    return this.hasConversation() || this.s.items.length > 0;
  }

  unread(): number {
    return this.s.items.filter((i) => !i.mine && i.kind === 'message' && i.seq! > this.s.readSent)
      .length;
  }

  connect(): void {
    this.conn.connect();
  }

  stop(): void {
    this.env.clearTimeout(this.typingTimer);
    this.env.clearTimeout(this.agentTypingTimer);
    this.conn.stop();
    this.listeners.clear();
  }

  /** Opens a conversation with its first message. Returns why it cannot, or null. */
  start(
    text: string,
    profile: { name?: string; email?: string },
    files: Attachment[] = [],
  ): MessageKey | null {
    if (this.hasConversation()) {
      return this.send(text, files);
    }
    const start: Outgoing['start'] = {};
    for (const k of ['name', 'email'] as const) {
      const v = profile[k]?.normalize('NFC').trim();
      if (v) {
        start[k] = v;
      }
    }
    this.profile = start;
    return this.enqueue(text, files, start);
  }

  /** Sends a message in the current conversation. Returns why it cannot, or null. */
  send(text: string, files: Attachment[] = []): MessageKey | null {
    if (!this.hasConversation()) {
      // The first message failed (shown with its error): this one opens the conversation.
      return this.start(text, this.profile, files);
    }
    if (this.s.ended) {
      return 'alreadyEnded';
    }
    this.typing(false);
    return this.enqueue(text, files);
  }

  retry(key: string): void {
    const item = this.s.items.find((i) => i.key === key);
    const o = item?.retry;
    if (!item || !o || !canRetry(item) || (o.start ? this.hasConversation() : !this.live())) {
      return;
    }
    item.status = 'pending';
    delete item.error;
    delete item.retry;
    this.s.outbox.push(o);
    this.commit();
    this.flush();
    this.conn.connect();
  }

  /** The visitor is (active) or has stopped typing; `false` is sent after TYPING_IDLE_MS. */
  typing(active: boolean): void {
    const cid = this.s.conversationId;
    this.env.clearTimeout(this.typingTimer);
    if (cid === undefined || this.s.ended || this.conn.state !== 'ready') {
      this.typingSent = false;
      return;
    }
    if (active) {
      if (!this.typingSent) {
        this.typingSent = this.sendOther({ type: 'typing', conversation_id: cid, active: true });
      }
      this.typingTimer = this.env.setTimeout(() => this.typing(false), TYPING_IDLE_MS);
    } else if (this.typingSent) {
      this.typingSent = false;
      this.sendOther({ type: 'typing', conversation_id: cid, active: false });
    }
  }

  /** Tells the server how far the visitor has read, when they can see the conversation. */
  markRead(): void {
    const s = this.s;
    if (s.conversationId === undefined || s.lastSeq <= s.readSent || !this.hooks.reading()) {
      return;
    }
    if (
      s.ended ||
      this.sendOther({ type: 'read', conversation_id: s.conversationId, seq: s.lastSeq })
    ) {
      s.readSent = s.lastSeq;
      this.commit();
    }
  }

  /** Forgets the ended (or lost) conversation, keeping the token and where the visitor left it. */
  newChat(): void {
    const s = this.s;
    const dismissed =
      s.conversationId !== undefined && s.ended
        ? { id: s.conversationId, seq: s.lastSeq }
        : s.dismissed;
    this.profile = {};
    this.s = { ...emptySaved(s.token), ...(dismissed ? { dismissed } : {}) };
    this.notice = null;
    this.commit();
  }

  private emit(): void {
    for (const fn of this.listeners) {
      fn();
    }
  }

  private commit(): void {
    save(this.env.storage, this.opts.storageKey, this.s);
    this.emit();
  }

  private enqueue(raw: string, files: Attachment[], start?: Outgoing['start']): MessageKey | null {
    const text = raw.normalize('NFC').trim();
    if (!text && files.length === 0) {
      return null;
    }
    this.notice = null;
    const o: Outgoing = { client_id: this.env.uuid(), text, attachments: files };
    if (start) {
      o.start = start;
    }
    const frame = this.frameFor(o) ?? { type: 'send', conversation_id: '', ...o };
    if ([...text].length > MAX_TEXT_CHARS || utf8Length(JSON.stringify(frame)) > MAX_FRAME_BYTES) {
      return 'tooLong';
    }
    this.s.outbox.push(o);
    this.s.items.push({
      key: `c:${o.client_id}`,
      kind: 'message',
      mine: true,
      text,
      attachments: files,
      status: 'pending',
    });
    this.commit();
    this.flush();
    this.conn.connect();
    return null;
  }

  private frameFor(o: Outgoing): object | null {
    const files = o.attachments.length ? { attachments: o.attachments.map((a) => a.id) } : {};
    if (o.start) {
      return { type: 'start', client_id: o.client_id, text: o.text, ...o.start, ...files };
    }
    if (this.s.conversationId === undefined) {
      return null;
    }
    const conversation_id = this.s.conversationId;
    return { type: 'send', conversation_id, client_id: o.client_id, text: o.text, ...files };
  }

  /** Sends, in order, what this socket has not carried; a `send` waits for its `start`'s ack. */
  private flush(): void {
    for (const o of this.s.outbox) {
      if (this.sentNow.has(o.client_id)) {
        continue;
      }
      const frame = this.frameFor(o);
      if (!frame || !this.conn.send(frame)) {
        return;
      }
      this.sentNow.add(o.client_id);
      this.lastSent = o.client_id;
    }
  }

  private sendOther(frame: object): boolean {
    const ok = this.conn.send(frame);
    if (ok) {
      this.lastSent = null;
    }
    return ok;
  }

  private hello(): object {
    this.sentNow = new Set();
    this.lastSent = null;
    this.typingSent = false;
    const s = this.s;
    this.helloHadToken = Boolean(s.token);
    return {
      type: 'hello',
      ...(s.token ? { token: s.token } : {}),
      language: this.opts.language,
      page: this.env.pageUrl().slice(0, MAX_PAGE_CHARS),
      ...(s.conversationId !== undefined && !s.ended
        ? { resume: { [String(s.conversationId)]: s.lastSeq } }
        : {}),
    };
  }

  private onClosed(code: number): boolean {
    this.setAgentTyping(null);
    if (code === 4401) {
      // The token is not valid (any more): start over without it, and say so if a chat is lost.
      const had = this.helloHadToken;
      if (this.hasConversation()) {
        this.notice = 'expired';
      }
      this.s = emptySaved();
      this.commit();
      return had;
    }
    if ((code === 1009 || code === 4400) && this.lastSent) {
      // The server refused this frame itself; sending it again would only repeat the close.
      this.fail(this.lastSent, code === 1009 ? 'tooLong' : 'generic');
    }
    this.emit();
    // 1000 follows the end of the visitor's last live chat: the next message reconnects.
    return code !== 1000 || this.live() || this.s.outbox.length > 0;
  }

  private onFrame(f: ServerFrame): void {
    const s = this.s;
    switch (f.type) {
      case 'welcome':
        if (typeof f.token === 'string' && f.token) {
          s.token = f.token;
        }
        if (typeof f.online === 'boolean') {
          this.online = f.online;
        }
        if (typeof f.expected_wait_seconds === 'number' || f.expected_wait_seconds === null) {
          this.expectedWait = f.expected_wait_seconds;
        }
        this.catchUp(f.conversations);
        this.flush();
        break;
      case 'event':
        this.onEvent(f);
        break;
      case 'ack': {
        const o = s.outbox.find((x) => x.client_id === f.client_id);
        if (o?.start && s.conversationId === undefined) {
          s.conversationId = f.conversation_id;
        }
        this.sent(f.client_id, f.seq);
        this.flush();
        break;
      }
      case 'typing':
        if (sameConversation(s.conversationId, f.conversation_id) && f.author?.kind !== 'visitor') {
          this.setAgentTyping(f.active ? (f.author?.name ?? '') : null);
          this.emit();
        }
        return;
      case 'read':
        if (
          sameConversation(s.conversationId, f.conversation_id) &&
          f.author?.kind !== 'visitor' &&
          f.seq > s.agentRead
        ) {
          s.agentRead = f.seq;
        }
        break;
      case 'error':
        this.onError(f.code, f.ref);
        break;
      case 'pong':
        return;
    }
    this.commit();
    this.markRead();
  }

  /**
   * After `welcome`: an ended conversation the team may write in (docs/chat.md, "Messages from
   * the team") — the one on screen, or the one put away with "Start a new chat" while no other
   * chat is open or being started — is resumed from where the visitor left it, so what came
   * since shows now and what comes later arrives live. A live one is resumed by the hello.
   */
  private catchUp(list: unknown): void {
    const s = this.s;
    const id = s.conversationId ?? (s.outbox.length === 0 ? s.dismissed?.id : undefined);
    if (id === undefined || (s.conversationId !== undefined && !s.ended)) {
      return;
    }
    const c = summaryOf(list, id);
    if (c) {
      const after = s.conversationId !== undefined ? s.lastSeq : s.dismissed!.seq;
      this.sendOther({ type: 'resume', conversation_id: c.conversation_id, after });
    }
  }

  /** The put-away conversation has something new: it is the one shown again, from there on. */
  private reopenDismissed(): void {
    const { token, dismissed } = this.s;
    const seen = dismissed!.seq;
    this.s = {
      ...emptySaved(token),
      conversationId: dismissed!.id,
      lastSeq: seen,
      readSent: seen,
      agentRead: seen,
      ended: true,
    };
  }

  private onEvent(f: EventFrame): void {
    const d = this.s.dismissed;
    if (
      this.s.conversationId === undefined &&
      this.s.outbox.length === 0 &&
      d &&
      sameConversation(d.id, f.conversation_id) &&
      f.seq > d.seq
    ) {
      this.reopenDismissed();
    }
    const s = this.s;
    const startOfOurs = s.outbox.some((o) => o.start && o.client_id === f.client_id);
    if (s.conversationId === undefined && f.kind === 'message' && startOfOurs) {
      s.conversationId = f.conversation_id;
    }
    if (!sameConversation(s.conversationId, f.conversation_id) || f.seq <= s.lastSeq) {
      return;
    }
    s.lastSeq = f.seq;
    if (f.internal) {
      return;
    }
    const name = typeof f.author?.name === 'string' && f.author.name ? f.author.name : undefined;
    const item: Item = {
      key: `s:${f.seq}`,
      kind: 'message',
      mine: false,
      seq: f.seq,
      ...(typeof f.at === 'number' ? { at: f.at } : {}),
      ...(name ? { author: name } : {}),
    };
    switch (f.kind) {
      case 'message':
        item.mine = f.author?.kind === 'visitor';
        item.text = typeof f.text === 'string' ? f.text : '';
        item.attachments = Array.isArray(f.attachments) ? f.attachments : [];
        if (item.mine) {
          item.status = 'sent';
          if (f.client_id) {
            item.key = `c:${f.client_id}`;
            this.sent(f.client_id, f.seq);
          }
        } else {
          this.setAgentTyping(null);
        }
        break;
      case 'queued':
        item.kind = 'queued';
        item.position = typeof f.position === 'number' ? f.position : 0;
        s.items = s.items.filter((i) => i.kind !== 'queued');
        break;
      case 'joined':
      case 'left':
      case 'transferred':
        item.kind = f.kind;
        break;
      case 'ended':
        item.kind = 'ended';
        s.ended = true;
        this.setAgentTyping(null);
        for (const o of [...s.outbox]) {
          this.fail(o.client_id, 'alreadyEnded');
        }
        break;
      default:
        return;
    }
    this.upsert(item);
  }

  private onError(code: string, ref: string | undefined): void {
    const s = this.s;
    const reason = ERROR_TEXT[code] ?? 'generic';
    const ours = ref !== undefined && s.outbox.some((o) => o.client_id === ref);
    if (ours) {
      this.fail(ref, reason);
    }
    if (code === 'not_found' && (ours || ref === 'hello' || ref === 'resume')) {
      // The server does not know this conversation for this visitor: it cannot be continued.
      this.s = emptySaved(s.token);
      this.notice = 'notFound';
    } else if (code === 'ended' && s.conversationId !== undefined) {
      s.ended = true;
      if (!ours) {
        this.notice = 'alreadyEnded';
      }
    } else if (!ours && ref !== 'typing' && ref !== 'read' && ref !== 'ping') {
      this.notice = reason;
    }
  }

  /** A message of the visitor's is stored: no longer pending, never sent again. */
  private sent(clientId: string, seq: number): void {
    const s = this.s;
    s.outbox = s.outbox.filter((o) => o.client_id !== clientId);
    const item = s.items.find((i) => i.key === `c:${clientId}`);
    if (item) {
      item.seq = seq;
      item.status = 'sent';
      delete item.error;
      this.sortItems();
    }
  }

  private fail(clientId: string, reason: MessageKey): void {
    const s = this.s;
    const o = s.outbox.find((x) => x.client_id === clientId);
    s.outbox = s.outbox.filter((x) => x.client_id !== clientId);
    this.sentNow.delete(clientId);
    const item = s.items.find((i) => i.key === `c:${clientId}`);
    if (item && item.status !== 'sent') {
      item.status = 'failed';
      item.error = reason;
      if (o) {
        item.retry = o;
      }
    }
  }

  private upsert(item: Item): void {
    const items = this.s.items;
    const at = items.findIndex(
      (i) => i.key === item.key || (i.seq !== undefined && i.seq === item.seq),
    );
    if (at >= 0) {
      items[at] = { ...items[at], ...item };
    } else {
      items.push(item);
    }
    this.sortItems();
  }

  /** In `seq` order; the visitor's messages still pending stay last, in the order written. */
  private sortItems(): void {
    const rank = (i: Item) => i.seq ?? Number.MAX_SAFE_INTEGER;
    this.s.items.sort((a, b) => rank(a) - rank(b));
  }

  private setAgentTyping(name: string | null): void {
    this.env.clearTimeout(this.agentTypingTimer);
    this.agentTyping = name;
    if (name !== null) {
      this.agentTypingTimer = this.env.setTimeout(() => {
        this.agentTyping = null;
        this.emit();
      }, AGENT_TYPING_MAX_MS);
    }
  }
}
