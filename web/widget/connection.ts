// One visitor socket that stays up while the widget wants it: it says `hello` when it opens,
// pings every 25 s, and after a close reconnects with exponential backoff and jitter (capped at
// 30 s), as the close codes of docs/chat.md ask. What the frames mean is the session's business.
import type { Env, SocketLike, TimerId } from './env';
import { parseFrame, type ServerFrame } from './protocol';

export interface ConnectionHooks {
  /** The `hello` frame for a socket that has just opened. */
  hello(): object;
  /** Every frame the widget understands, in order. `welcome` arrives once the state is ready. */
  frame(f: ServerFrame): void;
  /** The socket closed with `code`; false forbids reconnecting (4401 without a token to drop). */
  closed(code: number): boolean;
  /** Whether a closed socket should be opened again. */
  wanted(): boolean;
  stateChanged(): void;
}

/**
 * idle: no socket and none planned; connecting: opened, `welcome` not yet seen; ready: frames
 * may be sent; waiting: a reconnect is scheduled; stopped: destroyed.
 */
export type ConnectionState = 'idle' | 'connecting' | 'ready' | 'waiting' | 'stopped';

export const PING_MS = 25_000;
export const PONG_TIMEOUT_MS = 10_000;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 30_000;
export const RATE_LIMITED_WAIT_MS = 5_000;
/** An abnormal close as the browser reports it (no close frame). */
const ABNORMAL = 1006;

export class Connection {
  state: ConnectionState = 'idle';
  private ws: SocketLike | null = null;
  private attempt = 0;
  private retryTimer: TimerId | undefined;
  private pingTimer: TimerId | undefined;
  private pongTimer: TimerId | undefined;

  constructor(
    private readonly url: string,
    private readonly env: Env,
    private readonly hooks: ConnectionHooks,
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
    this.setState('connecting');
    ws.onopen = () => ws.send(JSON.stringify(this.hooks.hello()));
    ws.onmessage = (ev) => {
      if (this.ws !== ws) {
        return;
      }
      this.env.clearTimeout(this.pongTimer);
      const f = parseFrame(ev.data);
      if (!f) {
        return;
      }
      if (f.type === 'welcome') {
        this.attempt = 0;
        this.setState('ready');
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

  /** Sends a frame when the socket is ready; false when it is not (the caller keeps it). */
  send(frame: object): boolean {
    if (this.state !== 'ready' || !this.ws) {
      return false;
    }
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Closes for good: no reconnect, no timers. */
  stop(): void {
    this.drop();
    this.env.clearTimeout(this.retryTimer);
    this.setState('stopped');
  }

  private setState(s: ConnectionState): void {
    if (this.state !== s) {
      this.state = s;
      this.hooks.stateChanged();
    }
  }

  private drop(): void {
    this.env.clearTimeout(this.pingTimer);
    this.env.clearTimeout(this.pongTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close();
      } catch {
        // already closed
      }
    }
  }

  private schedulePing(): void {
    this.env.clearTimeout(this.pingTimer);
    this.pingTimer = this.env.setTimeout(() => {
      if (this.send({ type: 'ping' })) {
        // Any frame clears this; a silent socket is dead even if the browser has not noticed.
        this.pongTimer = this.env.setTimeout(() => this.onClosed(ABNORMAL), PONG_TIMEOUT_MS);
        this.schedulePing();
      }
    }, PING_MS);
  }

  private onClosed(code: number): void {
    this.drop();
    const mayReconnect = this.hooks.closed(code);
    if (this.state === 'stopped') {
      return;
    }
    if (!mayReconnect || !this.hooks.wanted()) {
      this.setState('idle');
      return;
    }
    // Equal jitter: half the exponential step fixed, half random, so clients spread out.
    const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    this.attempt++;
    let delay = step / 2 + (this.env.random() * step) / 2;
    if (code === 4429) {
      delay = Math.max(delay, RATE_LIMITED_WAIT_MS + this.env.random() * RATE_LIMITED_WAIT_MS);
    }
    this.setState('waiting');
    this.retryTimer = this.env.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.hooks.wanted()) {
        this.connect();
      } else {
        this.setState('idle');
      }
    }, delay);
  }
}
