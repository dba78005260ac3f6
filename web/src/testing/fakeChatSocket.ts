// A stand-in for the server's chat socket in unit tests (docs/chat.md): `WebSocket` is replaced
// by a class whose instances the test drives — it opens them, sends them the server's frames
// and closes them — and which records every frame the console sent, parsed.
import { vi } from 'vitest';
import type { ChatEvent, ConversationSummary } from '../api/chat';
import type { SocketLike } from '../api/chatSocket';

export type Frame = Record<string, unknown>;

export class FakeWebSocket implements SocketLike {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  readonly sent: Frame[] = [];
  closedByClient = false;

  constructor(
    readonly url: string,
    server: FakeChatSockets,
  ) {
    server.sockets.push(this);
  }

  send(data: string): void {
    if (this.readyState !== 1) {
      throw new Error('send on a socket that is not open');
    }
    this.sent.push(JSON.parse(data) as Frame);
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = 3;
  }

  // ------------------------------------------------------------ the server's side

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  receive(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }

  /** The server (or the network) closed the socket. */
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }

  /** The frames of one type the console sent on this socket. */
  frames(type: string): Frame[] {
    return this.sent.filter((f) => f.type === type);
  }
}

/** Every socket the console opened in this test; `install()` makes it the global WebSocket. */
export class FakeChatSockets {
  readonly sockets: FakeWebSocket[] = [];

  install(): this {
    const server = this;
    vi.stubGlobal(
      'WebSocket',
      class extends FakeWebSocket {
        constructor(url: string) {
          super(url, server);
        }
      },
    );
    return this;
  }

  get last(): FakeWebSocket {
    const ws = this.sockets[this.sockets.length - 1];
    if (!ws) throw new Error('no socket was opened');
    return ws;
  }

  /** Frames of one type sent across all sockets. */
  sent(type: string): Frame[] {
    return this.sockets.flatMap((s) => s.frames(type));
  }

  /** Opens the last socket and answers its hello with a welcome. */
  connect(welcome: Partial<WelcomeInit> = {}): FakeWebSocket {
    const ws = this.last;
    ws.open();
    ws.receive(welcomeFrame(welcome));
    return ws;
  }
}

export interface WelcomeInit {
  agent_id: number;
  presence: string;
  capacity: number;
  languages: string[];
  conversations: ConversationSummary[];
}

export function welcomeFrame(over: Partial<WelcomeInit> = {}): Frame {
  return {
    type: 'welcome',
    agent_id: 7,
    presence: 'online',
    capacity: 3,
    languages: ['en', 'hi'],
    conversations: [],
    ...over,
  };
}

export const T0 = Date.UTC(2026, 11, 1, 10, 0, 0);

export function summary(over: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    conversation_id: 31,
    status: 'active',
    ticket_id: 1042,
    last_seq: 0,
    language: 'hi',
    group_id: null,
    agent_id: 7,
    offered_agent_id: null,
    offer_expires_at: null,
    created_at: T0,
    visitor_name: '',
    read_seq_visitor: 0,
    read_seq_agent: 0,
    wait_ms: null,
    first_response_ms: null,
    ...over,
  };
}

export const VISITOR = { kind: 'visitor', id: 501, name: 'Asha Kulkarni' } as const;
export const ME = { kind: 'agent', id: 7, name: 'Meera Rao' } as const;
export const SYSTEM = { kind: 'system', id: 0, name: '' } as const;

type EventInit = Partial<Omit<ChatEvent, 'author'>> & { author?: { kind: string; id: number; name: string } };

export function ev(seq: number, over: EventInit = {}): Frame {
  return {
    type: 'event',
    conversation_id: 31,
    seq,
    at: T0 + seq * 1000,
    kind: 'message',
    author: VISITOR,
    ...over,
  };
}

/** A message event; `text` as given, author the visitor unless said otherwise. */
export function msg(seq: number, text: string, over: EventInit = {}): Frame {
  return ev(seq, { kind: 'message', text, client_id: `c-${seq}`, internal: false, attachments: [], ...over });
}
