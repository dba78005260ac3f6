// The socket's lifecycle on its own: backoff, the ping, and when not to reconnect.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Connection, type ConnectionHooks } from './connection';
import type { Env } from './env';
import { FakeSocket } from './testing/fakes';

let sockets: FakeSocket[];
let random: number;

function env(): Env {
  return {
    WebSocket: class extends FakeSocket {
      constructor(url: string) {
        super(url);
        sockets.push(this);
      }
    },
    fetch: () => Promise.reject(new Error('no fetch')),
    storage: null,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id),
    random: () => random,
    uuid: () => 'id',
    pageUrl: () => 'https://shop.example/',
    pageVisible: () => true,
  };
}

function connection(over: Partial<ConnectionHooks> = {}): Connection {
  return new Connection('wss://h.example/api/v1/chat/visitor?key=k', env(), {
    hello: () => ({ type: 'hello' }),
    frame: () => {},
    closed: () => true,
    wanted: () => true,
    stateChanged: () => {},
    ...over,
  });
}

/** Times, in ms, at which each new socket was opened, failing every one at once. */
async function reconnectTimes(n: number): Promise<number[]> {
  const start = Date.now();
  const times: number[] = [];
  connection().connect();
  while (times.length < n) {
    const s = sockets.at(-1)!;
    if (!s.closedByClient && s.readyState !== 3) {
      times.push(Date.now() - start);
      s.serverClose(1006);
    }
    await vi.advanceTimersByTimeAsync(50);
  }
  return times;
}

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  random = 0.5;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Connection', () => {
  it('backs off exponentially, with jitter, up to 30 seconds', async () => {
    random = 0.999;
    const times = await reconnectTimes(9);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // Equal jitter at random≈1: the whole step (1, 2, 4 … s), capped at 30 s.
    expect(gaps.map((g) => Math.round(g / 1000))).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
  });

  it('spreads clients out: at random 0 the wait is half the step', async () => {
    random = 0;
    const times = await reconnectTimes(4);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps.map((g) => Math.round(g / 100) / 10)).toEqual([0.5, 1, 2]);
  });

  it('starts the backoff again after a welcome', async () => {
    const c = connection();
    c.connect();
    sockets[0]!.open();
    sockets[0]!.serverClose(1006);
    await vi.advanceTimersByTimeAsync(1000);
    sockets[1]!.open();
    sockets[1]!.receive({ type: 'welcome' });
    expect(c.state).toBe('ready');
    sockets[1]!.serverClose(1006);
    await vi.advanceTimersByTimeAsync(760);
    expect(sockets).toHaveLength(3);
  });

  it('says hello first, pings every 25 seconds, and drops a socket that stays silent', async () => {
    const c = connection();
    c.connect();
    const s = sockets[0]!;
    s.open();
    expect(s.sent).toEqual([{ type: 'hello' }]);
    expect(c.send({ type: 'typing' })).toBe(false); // not before the welcome
    s.receive({ type: 'welcome' });
    await vi.advanceTimersByTimeAsync(25_000);
    expect(s.types()).toEqual(['hello', 'ping']);
    s.receive({ type: 'pong' });
    await vi.advanceTimersByTimeAsync(25_000);
    expect(s.types()).toEqual(['hello', 'ping', 'ping']);
    await vi.advanceTimersByTimeAsync(10_000); // no pong this time
    expect(s.closedByClient).toBe(true);
    expect(c.state).toBe('waiting');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(2);
  });

  it('does not reconnect when told not to, or when nothing needs the socket', async () => {
    const refused = connection({ closed: () => false });
    refused.connect();
    sockets[0]!.serverClose(4401);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
    expect(refused.state).toBe('idle');

    const idle = connection({ wanted: () => false });
    idle.connect();
    sockets[1]!.serverClose(1000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(2);
  });

  it('stops for good', async () => {
    const c = connection();
    c.connect();
    sockets[0]!.serverClose(1006);
    c.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
    expect(c.state).toBe('stopped');
  });
});
