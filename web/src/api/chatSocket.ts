// The console's live-chat socket (docs/chat.md, GET /api/v1/chat/agent): one WebSocket that
// says `hello` when it opens, pings every 25 s, and after a close reconnects with exponential
// backoff and jitter (capped at 30 s; at least 5 s after 4429), until stopped. A 4401 (the
// session is not valid) stops it: signing in again is the agent's move. What frames mean is
// the chat store's business (src/stores/chat.ts).
//
// The browser sends the session cookie with the upgrade and the server checks that Origin is
// its own, so the socket goes to the host the console was loaded from.
import { parseServerFrame, type ClientFrame, type ServerFrame } from './chat';

/** The part of WebSocket this module uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type TimerId = ReturnType<typeof setTimeout>;

export interface ChatSocketEnv {
  WebSocket: new (url: string) => SocketLike;
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId | undefined): void;
  random(): number;
}

/** The browser's, looked up when used, so a test's stubbed globals and fake timers apply. */
export const browserEnv: ChatSocketEnv = {
  get WebSocket() {
    return globalThis.WebSocket as unknown as new (url: string) => SocketLike;
  },
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id),
  random: () => Math.random(),
};

/**
 * idle: no socket and none planned; connecting: opened, no `welcome` yet; ready: frames may be
 * sent; waiting: a reconnect is scheduled (`retryAt`); signedOut: refused with 4401; stopped.
 */
export type ChatSocketState = 'idle' | 'connecting' | 'ready' | 'waiting' | 'signedOut' | 'stopped';

export interface ChatSocketHooks {
  /** The `hello` for a socket that has just opened (with `resume` for what the console knows). */
  hello(): ClientFrame;
  frame(f: ServerFrame): void;
  stateChanged(state: ChatSocketState, retryInMs: number | null): void;
}

export const PING_MS = 25_000;
export const PONG_TIMEOUT_MS = 10_000;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 30_000;
export const RATE_LIMITED_WAIT_MS = 5_000;
/** A close without a close frame, as browsers report a refused upgrade or a dropped line. */
const ABNORMAL = 1006;

export function agentSocketUrl(loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api/v1/chat/agent`;
}

export class ChatSocket {
  state: ChatSocketState = 'idle';
  /** The code of the last close, for the connection line. */
  lastClose: number | null = null;
  private ws: SocketLike | null = null;
  private attempt = 0;
  private retryTimer: TimerId | undefined;
  private pingTimer: TimerId | undefined;
  private pongTimer: TimerId | undefined;

  constructor(
    private readonly url: string,
    private readonly env: ChatSocketEnv,
    private readonly hooks: ChatSocketHooks,
  ) {}

  /** Opens a socket unless one is open or opening; brings a scheduled reconnect forward. */
  connect(): void {
    if (this.ws || this.state === 'stopped') {
      return;
    }
    this.env.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    let ws: SocketLike;
    try {
      ws = new this.env.WebSocket(this.url);
    } catch {
      this.onClosed(ABNORMAL);
      return;
    }
    this.ws = ws;
    this.setState('connecting', null);
    ws.onopen = () => {
      if (this.ws === ws) {
        ws.send(JSON.stringify(this.hooks.hello()));
      }
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) {
        return;
      }
      this.env.clearTimeout(this.pongTimer);
      this.pongTimer = undefined;
      const f = parseServerFrame(ev.data);
      if (!f) {
        return;
      }
      if (f.type === 'welcome') {
        this.attempt = 0;
        this.setState('ready', null);
        this.schedulePing();
      }
      this.hooks.frame(f);
    };
    ws.onclose = (ev) => {
      if (this.ws === ws) {
        this.onClosed(ev.code);
      }
    };
    // An error is always followed by a close.
    ws.onerror = null;
  }

  /** Sends when the socket is ready; false when it is not (the caller decides what to keep). */
  send(frame: ClientFrame): boolean {
    if (this.state !== 'ready' || !this.ws) {
      return false;
    }
    try {
      this.ws.send(JSON.stringify(frame));
    } catch {
      return false;
    }
    return true;
  }

  /** Closes for good: no reconnect, no timers. */
  stop(): void {
    this.drop(1000);
    this.env.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.setState('stopped', null);
  }

  private setState(s: ChatSocketState, retryInMs: number | null): void {
    if (this.state !== s || retryInMs !== null) {
      this.state = s;
      this.hooks.stateChanged(s, retryInMs);
    }
  }

  private drop(code?: number): void {
    this.env.clearTimeout(this.pingTimer);
    this.env.clearTimeout(this.pongTimer);
    this.pingTimer = this.pongTimer = undefined;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close(code);
      } catch {
        // already closed
      }
    }
  }

  private schedulePing(): void {
    this.env.clearTimeout(this.pingTimer);
    this.pingTimer = this.env.setTimeout(() => {
      if (this.send({ type: 'ping' })) {
        // Any frame clears this; a silent socket is dead even when the browser has not noticed.
        this.env.clearTimeout(this.pongTimer);
        this.pongTimer = this.env.setTimeout(() => this.onClosed(ABNORMAL), PONG_TIMEOUT_MS);
        this.schedulePing();
      }
    }, PING_MS);
  }

  private onClosed(code: number): void {
    this.drop();
    this.lastClose = code;
    if (this.state === 'stopped') {
      return;
    }
    if (code === 4401) {
      this.setState('signedOut', null);
      return;
    }
    // Equal jitter: half the exponential step fixed, half random, so consoles spread out after
    // a server restart.
    const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    this.attempt += 1;
    let delay = step / 2 + (this.env.random() * step) / 2;
    if (code === 4429) {
      delay = Math.max(delay, RATE_LIMITED_WAIT_MS + this.env.random() * RATE_LIMITED_WAIT_MS);
    }
    this.retryTimer = this.env.setTimeout(() => {
      this.retryTimer = undefined;
      this.connect();
    }, delay);
    this.setState('waiting', delay);
  }
}
