// Everything the widget takes from the browser that a test wants to replace: the socket class,
// fetch, storage, timers, randomness and ids. The widget reads no global of these directly.

/** The part of the browser's WebSocket the widget uses. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = new (url: string) => SocketLike;

/** The part of the browser's Storage the widget uses. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type TimerId = ReturnType<typeof setTimeout>;

export interface Env {
  WebSocket: SocketFactory;
  fetch: typeof fetch;
  /** null when the page may not use storage (Safari private mode, blocked cookies). */
  storage: StorageLike | null;
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId | undefined): void;
  /** In [0, 1); only for backoff jitter. */
  random(): number;
  uuid(): string;
  /** The host page's address, sent in `hello.page`. */
  pageUrl(): string;
  /** False when the page is hidden (another tab, minimised): the visitor cannot read it. */
  pageVisible(): boolean;
}

/** A random RFC 4122 version 4 UUID, for browsers without crypto.randomUUID (http pages). */
export function fallbackUuid(bytes: (n: number) => Uint8Array): string {
  const b = bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  const part = (from: number, to?: number) => hex.slice(from, to);
  return `${part(0, 8)}-${part(8, 12)}-${part(12, 16)}-${part(16, 20)}-${part(20)}`;
}

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  if (globalThis.crypto?.getRandomValues) {
    globalThis.crypto.getRandomValues(out);
  } else {
    for (let i = 0; i < n; i++) {
      out[i] = Math.floor(Math.random() * 256);
    }
  }
  return out;
}

function browserStorage(): StorageLike | null {
  try {
    const s = window.localStorage;
    const probe = '__sahayak_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

/** The real browser. Globals are read when called, so test fake timers still apply. */
export function browserEnv(): Env {
  return {
    WebSocket: window.WebSocket as unknown as SocketFactory,
    fetch: (input, init) => window.fetch(input, init),
    storage: browserStorage(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id),
    random: () => Math.random(),
    uuid: () =>
      typeof globalThis.crypto?.randomUUID === 'function'
        ? globalThis.crypto.randomUUID()
        : fallbackUuid(randomBytes),
    pageUrl: () => window.location.href,
    pageVisible: () => document.visibilityState !== 'hidden',
  };
}
