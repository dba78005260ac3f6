// Fakes for the widget's tests: a WebSocket class the test drives, a chat server that keeps
// the promises of docs/chat.md (events stored with seq, one seq per client_id, resume), a
// fetch that answers from a table, and memory storage shared across "page loads".
import type { Env, SocketLike, StorageLike } from '../env';

export type Frame = Record<string, unknown>;

export class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  /** Every frame the widget sent on this socket, parsed. */
  readonly sent: Frame[] = [];
  closedByClient = false;
  onSend: ((f: Frame) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) {
      throw new Error('send on a socket that is not open');
    }
    const f = JSON.parse(data) as Frame;
    this.sent.push(f);
    this.onSend?.(f);
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = 3;
  }

  // The server's side.
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  receive(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }

  serverClose(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }

  types(): unknown[] {
    return this.sent.map((f) => f.type);
  }
}

export class MemoryStorage implements StorageLike {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

export interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

type Route = { status: number; body?: unknown } | ((c: Call) => { status: number; body?: unknown });

/** A fetch answering `METHOD path` (path without the query) from routes; 404 otherwise. */
export function fakeFetch(routes: Record<string, Route>, calls: Call[]): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const call: Call = {
      url,
      method,
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
    };
    calls.push(call);
    const route = routes[`${method} ${new URL(url).pathname}`];
    const r = typeof route === 'function' ? route(call) : (route ?? { status: 404 });
    if (r.status === 0) {
      throw new TypeError('Failed to fetch');
    }
    return {
      status: r.status,
      ok: r.status >= 200 && r.status < 300,
      json: async () => r.body,
    } as Response;
  }) as typeof fetch;
}

interface StoredEvent extends Frame {
  seq: number;
}

/**
 * One workspace with one visitor and at most one conversation. Opens each new socket on the
 * next timer tick unless `refuse` is set, and answers frames as docs/chat.md says.
 */
export class FakeChatServer {
  readonly sockets: FakeSocket[] = [];
  token = 'vt_secret';
  conversationId = 'conv-1';
  events: StoredEvent[] = [];
  /** Store what arrives but answer nothing (the connection dies before the ack). */
  silent = false;
  /** Send the visitor's own message back as an event as well as the ack. */
  echo = true;
  /** A close code to answer a hello with instead of a welcome, or null. */
  closeHello: (hello: Frame) => number | null = () => null;
  /** An error code to answer a start or send with instead of storing it, or null. */
  reject: (f: Frame) => string | null = () => null;
  /** A close code to answer a start or send with, refusing the frame itself, or null. */
  closeOn: (f: Frame) => number | null = () => null;
  online = true;
  expectedWait: number | null = 120;
  private byClientId = new Map<string, number>();

  constructor(private readonly env: Pick<Env, 'setTimeout'>) {}

  readonly WebSocket = ((server: FakeChatServer) =>
    class extends FakeSocket {
      constructor(url: string) {
        super(url);
        server.sockets.push(this);
        // Like a real socket, answers arrive later, never inside send().
        this.onSend = (f) =>
          server.env.setTimeout(() => this.readyState === 1 && server.handle(this, f), 0);
        server.env.setTimeout(() => this.open(), 0);
      }
    })(this);

  get last(): FakeSocket {
    return this.sockets[this.sockets.length - 1]!;
  }

  /** All frames of a type the widget sent, across sockets. */
  sent(type: string): Frame[] {
    return this.sockets.flatMap((s) => s.sent.filter((f) => f.type === type));
  }

  /** Stores an event and delivers it to the open socket. */
  store(event: Frame, deliver = true): StoredEvent {
    const e: StoredEvent = {
      type: 'event',
      conversation_id: this.conversationId,
      seq: this.events.length + 1,
      at: Date.UTC(2025, 0, 6, 10, this.events.length),
      ...event,
    };
    this.events.push(e);
    if (deliver) {
      this.deliver(e);
    }
    return e;
  }

  /** The team's own message (a shipment notice): author kind system, named after the business. */
  teamSays(text: string, deliver = true): StoredEvent {
    return this.store(
      { kind: 'message', author: { kind: 'system', id: 0, name: 'Acme Courier' }, text },
      deliver,
    );
  }

  /** The welcome's `conversations`: the one conversation, once it has events. */
  summaries(): Frame[] {
    if (this.events.length === 0) {
      return [];
    }
    const ended = this.events.some((e) => e.kind === 'ended');
    const status = ended ? 'ended' : 'active';
    return [{ conversation_id: this.conversationId, status, last_seq: this.events.length }];
  }

  agentSays(text: string, extra: Frame = {}): StoredEvent {
    return this.store({
      kind: 'message',
      author: { kind: 'agent', id: 7, name: 'Kavya Bhat' },
      text,
      attachments: [],
      ...extra,
    });
  }

  deliver(frame: object): void {
    const ws = this.last;
    if (ws && ws.readyState === 1 && !this.silent) {
      ws.receive(frame);
    }
  }

  private handle(ws: FakeSocket, f: Frame): void {
    switch (f.type) {
      case 'hello': {
        const code = this.closeHello(f);
        if (code !== null) {
          ws.serverClose(code);
          return;
        }
        if (f.token !== undefined && f.token !== this.token) {
          ws.serverClose(4401);
          return;
        }
        ws.receive({
          type: 'welcome',
          ...(f.token ? {} : { token: this.token }),
          online: this.online,
          expected_wait_seconds: this.expectedWait,
          conversations: this.summaries(),
        });
        const resume = (f.resume ?? {}) as Record<string, number>;
        for (const [id, after] of Object.entries(resume)) {
          for (const e of this.events) {
            if (id === e.conversation_id && e.seq > after) {
              ws.receive(e);
            }
          }
        }
        return;
      }
      case 'start':
      case 'send': {
        const id = String(f.client_id);
        const close = this.closeOn(f);
        if (close !== null) {
          ws.serverClose(close);
          return;
        }
        const error = this.reject(f);
        if (error) {
          ws.receive({ type: 'error', code: error, message: error, ref: id });
          return;
        }
        let seq = this.byClientId.get(id);
        if (seq === undefined) {
          const e = this.store({
            kind: 'message',
            author: { kind: 'visitor', id: 1, name: f.name ?? null },
            text: f.text,
            client_id: id,
            attachments: ((f.attachments as unknown[]) ?? []).map((a) => ({
              id: a,
              name: 'photo.png',
              size: 2048,
              content_type: 'image/png',
              // As the server signs them for visitors (docs/chat.md, "Attachment links").
              url: `/api/v1/chat/attachments/${String(a)}?w=1&c=7&e=1800000000&s=sig_${String(a)}`,
            })),
          }, this.echo);
          seq = e.seq;
          this.byClientId.set(id, seq);
        }
        if (!this.silent) {
          ws.receive({ type: 'ack', client_id: id, conversation_id: this.conversationId, seq });
        }
        return;
      }
      case 'resume':
        for (const e of this.events) {
          if (String(f.conversation_id) === e.conversation_id && e.seq > Number(f.after)) {
            ws.receive(e);
          }
        }
        return;
      case 'ping':
        if (!this.silent) {
          ws.receive({ type: 'pong' });
        }
        return;
    }
  }
}

/** An Env over the fakes; ids are predictable (`00000000-0000-4000-8000-00000000000N`). */
export function fakeEnv(
  server: FakeChatServer,
  routes: Record<string, Route>,
  opts: { storage?: MemoryStorage; calls?: Call[]; visible?: () => boolean } = {},
): Env & { storage: MemoryStorage; calls: Call[] } {
  let n = 0;
  const calls = opts.calls ?? [];
  return {
    WebSocket: server.WebSocket,
    fetch: fakeFetch(routes, calls),
    storage: opts.storage ?? new MemoryStorage(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id),
    random: () => 0.5,
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    pageUrl: () => 'https://shop.example/cart?item=42',
    pageVisible: opts.visible ?? (() => true),
    calls,
  };
}
