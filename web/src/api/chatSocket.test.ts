// The chat socket's life: hello on open, ready on welcome, pings, reconnects with backoff (and
// longer after 4429), stops for good on 4401 and on stop().
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeChatSockets } from '../testing/fakeChatSocket';
import { agentSocketUrl, browserEnv, ChatSocket, PING_MS, PONG_TIMEOUT_MS, type ChatSocketState } from './chatSocket';

let sockets: FakeChatSockets;
let states: [ChatSocketState, number | null][];
let socket: ChatSocket;

beforeEach(() => {
  vi.useFakeTimers();
  sockets = new FakeChatSockets().install();
  states = [];
  socket = new ChatSocket('ws://console.test/api/v1/chat/agent', { ...browserEnv, random: () => 0 }, {
    hello: () => ({ type: 'hello' }),
    frame: () => {},
    stateChanged: (s, retry) => states.push([s, retry]),
  });
});

afterEach(() => {
  socket.stop();
  vi.useRealTimers();
});

describe('ChatSocket', () => {
  it('goes to the console host, says hello and is ready at welcome', () => {
    expect(agentSocketUrl({ protocol: 'https:', host: 'help.example.in' })).toBe('wss://help.example.in/api/v1/chat/agent');
    expect(agentSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/api/v1/chat/agent');
    socket.connect();
    expect(socket.send({ type: 'ping' })).toBe(false);
    sockets.connect();
    expect(sockets.last.sent).toEqual([{ type: 'hello' }]);
    expect(socket.state).toBe('ready');
    expect(socket.send({ type: 'ping' })).toBe(true);
  });

  it('pings, and a socket that stays silent is dropped and reopened', () => {
    socket.connect();
    const ws = sockets.connect();
    vi.advanceTimersByTime(PING_MS);
    expect(ws.frames('ping')).toHaveLength(1);
    vi.advanceTimersByTime(PONG_TIMEOUT_MS);
    expect(socket.state).toBe('waiting');
    expect(ws.closedByClient).toBe(true);
    vi.advanceTimersByTime(500);
    expect(sockets.sockets).toHaveLength(2);
  });

  it('backs off exponentially, resets after a welcome, and waits longer after 4429', () => {
    socket.connect();
    sockets.last.drop(1006);
    expect(states.at(-1)).toEqual(['waiting', 500]);
    vi.advanceTimersByTime(500);
    sockets.last.drop(1006);
    expect(states.at(-1)).toEqual(['waiting', 1000]);
    vi.advanceTimersByTime(1000);
    sockets.last.drop(1006);
    expect(states.at(-1)).toEqual(['waiting', 2000]);
    vi.advanceTimersByTime(2000);
    sockets.connect();
    sockets.last.drop(4429);
    expect(states.at(-1)).toEqual(['waiting', 5000]);
  });

  it('stops on 4401 and on stop()', () => {
    socket.connect();
    sockets.connect().drop(4401);
    expect(socket.state).toBe('signedOut');
    vi.advanceTimersByTime(60_000);
    expect(sockets.sockets).toHaveLength(1);
    socket.connect();
    sockets.connect();
    socket.stop();
    expect(sockets.last.closedByClient).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(sockets.sockets).toHaveLength(2);
    expect(socket.state).toBe('stopped');
  });
});
