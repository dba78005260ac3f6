// The widget as a visitor meets it, over a fake socket and a fake fetch: what they see and
// what reaches the server. docs/chat.md is the contract these follow.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './testing/fakes';
import {
  $,
  $$,
  banner,
  button,
  composerInput,
  fill,
  launcher,
  mount,
  newServer,
  say,
  tick,
  transcript,
  type MountOptions,
} from './testing/harness';
import type { Widget } from './widget';

const OFFLINE = {
  status: 200,
  body: { online: false, expected_wait_seconds: null, prechat: false },
};
const KAVYA = { kind: 'agent', id: 7, name: 'Kavya Bhat' };
const mounted: Widget[] = [];

async function open(o: MountOptions = {}) {
  const m = await mount(o);
  mounted.push(m.w);
  m.w.open();
  await tick();
  return m;
}

function stored(storage: MemoryStorage): Record<string, unknown> {
  return JSON.parse(storage.getItem('sahayak-chat:wk_test') ?? '{}') as Record<string, unknown>;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  for (const w of mounted.splice(0)) {
    w.destroy();
  }
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe('chatting', () => {
  it('shows a message as sending until its ack, then sent, then seen by the agent', async () => {
    const { w, server } = await open();
    expect($(w, '.head p')?.textContent).toBe('Expected wait: about 2 minutes');
    expect($(w, '.intro')?.textContent).toBe('We are online. Ask us anything.');

    server.silent = true;
    await say(w, 'Cafe\u0301 order 17?');
    expect(transcript(w)).toEqual(['You: Café order 17? [Sending…]']);
    expect(composerInput(w).value).toBe('');

    const hello = server.last.sent[0]!;
    expect(hello).toEqual({
      type: 'hello',
      language: 'en',
      page: 'https://shop.example/cart?item=42',
    });
    const start = server.sent('start')[0]!;
    expect(start.text).toBe('Caf\u00e9 order 17?'); // NFC
    expect(start.client_id).toMatch(/^[0-9a-f-]{36}$/);

    server.silent = false;
    server.last.receive({
      type: 'ack',
      client_id: start.client_id,
      conversation_id: 'conv-1',
      seq: 1,
    });
    expect(transcript(w)).toEqual(['You: Café order 17? [Sent]']);

    server.store({ kind: 'joined', author: KAVYA });
    server.agentSays('Hello! Let me look.');
    expect(transcript(w)).toEqual([
      'You: Café order 17? [Sent]',
      'Kavya Bhat joined the chat.',
      'Kavya Bhat: Hello! Let me look.',
    ]);
    expect($(w, '.head p')?.textContent).toBe(''); // no wait shown once an agent is here

    server.deliver({ type: 'read', conversation_id: 'conv-1', author: KAVYA, seq: 3 });
    expect(transcript(w)[0]).toBe('You: Café order 17? [Seen]');
  });

  it('reconnects after a drop and resumes without showing anything twice', async () => {
    const { w, server } = await open();
    await say(w, 'Where is my order?');
    server.agentSays('Let me check.');
    server.last.serverClose(1006);
    expect(banner(w)).toBe('Connection lost. Reconnecting…');

    server.agentSays('It ships today.'); // stored while the visitor is away
    await tick(1000);
    expect(server.sockets).toHaveLength(2);
    expect(server.last.sent[0]).toMatchObject({
      type: 'hello',
      token: 'vt_secret',
      resume: { 'conv-1': 2 },
    });
    expect(banner(w)).toBe('');

    // A server that replays more than asked changes nothing.
    for (const e of server.events) {
      server.last.receive(e);
    }
    expect(transcript(w)).toEqual([
      'You: Where is my order? [Sent]',
      'Kavya Bhat: Let me check.',
      'Kavya Bhat: It ships today.',
    ]);
  });

  it('sends an unacknowledged message again after reconnecting, same client_id', async () => {
    const { w, server } = await open();
    server.echo = false;
    await say(w, 'First');
    server.silent = true; // stored, but the connection dies before the ack
    await say(w, 'Second');
    expect(transcript(w)).toEqual(['You: First [Sent]', 'You: Second [Sending…]']);

    server.last.serverClose(1006);
    server.silent = false;
    await tick(1000);

    const sends = server.sent('send');
    expect(sends).toHaveLength(2);
    expect(sends[1]!.client_id).toBe(sends[0]!.client_id);
    expect(server.events.filter((e) => e.text === 'Second')).toHaveLength(1);
    expect(transcript(w)).toEqual(['You: First [Sent]', 'You: Second [Sent]']);
  });

  it('shows typing both ways and sends typing false after a pause', async () => {
    const { w, server } = await open();
    await say(w, 'Hi');
    const input = composerInput(w);
    for (const v of ['W', 'Wh', 'Wha']) {
      input.value = v;
      input.dispatchEvent(new Event('input'));
    }
    await tick();
    expect(server.sent('typing')).toEqual([
      { type: 'typing', conversation_id: 'conv-1', active: true },
    ]);
    await tick(3000);
    expect(server.sent('typing').map((f) => f.active)).toEqual([true, false]);

    server.deliver({
      type: 'typing',
      conversation_id: 'conv-1',
      author: KAVYA,
      active: true,
    });
    expect($(w, '.typing')?.textContent).toBe('Kavya Bhat is typing…');
    server.agentSays('Here you go.');
    expect($(w, '.typing')?.textContent).toBe('');
  });

  it('sends read only while the panel is open, and counts unread on the launcher', async () => {
    const { w, server } = await open();
    await say(w, 'Hi');
    server.agentSays('One moment.');
    expect(server.sent('read').at(-1)).toEqual({ type: 'read', conversation_id: 'conv-1', seq: 2 });

    const reads = server.sent('read').length;
    w.close();
    server.agentSays('Found it.');
    await tick();
    expect(server.sent('read')).toHaveLength(reads);
    expect($(w, '.badge')?.textContent).toBe('1');
    expect(launcher(w).getAttribute('aria-label')).toBe('Open chat. Unread messages: 1');

    w.open();
    await tick();
    expect(server.sent('read').at(-1)).toEqual({ type: 'read', conversation_id: 'conv-1', seq: 3 });
    expect(launcher(w).getAttribute('aria-label')).toBe('Open chat');
  });

  it('does not send read while the page is hidden', async () => {
    let visible = true;
    const { w, server } = await open({ visible: () => visible });
    await say(w, 'Hi');
    visible = false;
    server.agentSays('Are you there?');
    await tick();
    expect(server.sent('read').map((f) => f.seq)).not.toContain(2);
    visible = true;
    document.dispatchEvent(new Event('visibilitychange'));
    await tick();
    expect(server.sent('read').at(-1)?.seq).toBe(2);
  });

  it('uploads an attachment with the visitor token and shows received files as links', async () => {
    const { w, server, env } = await open({
      routes: {
        'POST /api/v1/chat/attachments': {
          status: 201,
          body: { id: 'att-5', name: 'label.png', size: 2048, content_type: 'image/png' },
        },
      },
    });
    const picker = $(w, 'input[type=file]') as HTMLInputElement;
    const file = new File(['x'.repeat(2048)], 'label.png', { type: 'image/png' });
    Object.defineProperty(picker, 'files', { value: [file], configurable: true });
    picker.dispatchEvent(new Event('change'));
    await tick();

    const call = env.calls.find((c) => c.url.includes('/attachments'))!;
    expect(call.url).toBe('https://help.example.com/api/v1/chat/attachments?key=wk_test');
    expect(call.headers).toEqual({ Authorization: 'Bearer vt_secret' });
    expect(((call.body as FormData).get('file') as File).name).toBe('label.png');
    expect($(w, '.chips')?.textContent).toBe('label.png');

    await say(w, 'Here is the label');
    expect(server.sent('start')[0]).toMatchObject({ attachments: ['att-5'] });
    expect(transcript(w)).toEqual(['You: Here is the label <photo.png (2 kB)> [Sent]']);
    const link = $(w, '.files a') as HTMLAnchorElement;
    // The signed link opens as a plain link on the server, its signature intact.
    expect(link.href).toBe('https://help.example.com/api/v1/chat/attachments/att-5?w=1&c=7&e=1800000000&s=sig_att-5');
    expect(link.rel).toBe('noopener noreferrer');
    expect($(w, '.chips')?.textContent).toBe('');

    const big = new File(['x'], 'video.mov');
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 });
    Object.defineProperty(picker, 'files', { value: [big], configurable: true });
    picker.dispatchEvent(new Event('change'));
    await tick();
    expect($(w, '.err[role=alert]')?.textContent).toBe('video.mov is larger than 10 MB.');
    expect(env.calls.filter((c) => c.url.includes('/attachments'))).toHaveLength(1);
  });

  it('shows an error for a message politely and lets the visitor try again', async () => {
    const { w, server } = await open();
    await say(w, 'Hi');
    server.reject = () => 'rate_limited';
    await say(w, 'Are you there?');
    expect(transcript(w)[1]).toBe(
      'You: Are you there? [Not sent. You are sending messages too quickly. Please wait a moment.]',
    );
    server.reject = () => null;
    button(w, 'Try again').click();
    await tick();
    const sends = server.sent('send');
    expect(sends).toHaveLength(2);
    expect(sends[1]!.client_id).toBe(sends[0]!.client_id);
    expect(transcript(w)).toEqual(['You: Hi [Sent]', 'You: Are you there? [Sent]']);
  });

  it('shows the end of a chat and offers a new one', async () => {
    const { w, server } = await open();
    await say(w, 'Thanks, that was all');
    server.store({ kind: 'ended', author: KAVYA, by: 'agent', ticket_id: 12 });
    expect(transcript(w).at(-1)).toBe('The chat has ended.');
    expect($(w, '.composer')).toBeNull();
    expect(w.root.activeElement).toBe(button(w, 'Start a new chat'));

    server.last.serverClose(1000); // the server closes after the last live chat ends
    await tick(60_000);
    expect(server.sockets).toHaveLength(1);

    button(w, 'Start a new chat').click();
    await tick();
    expect(transcript(w)).toEqual([]);
    expect(w.root.activeElement).toBe(composerInput(w));
    await say(w, 'One more question');
    expect(server.sockets).toHaveLength(2);
    expect(server.last.sent[0]).toMatchObject({ type: 'hello', token: 'vt_secret' });
    expect(server.sent('start')).toHaveLength(2);
  });
});

describe('forms', () => {
  it('offers "leave a message" when the team is offline and posts it', async () => {
    const { w, server, env } = await open({
      status: OFFLINE,
      routes: { 'POST /api/v1/chat/offline': { status: 201, body: { ticket_id: 77 } } },
    });
    expect($(w, '.intro')?.textContent).toBe(
      'We are away right now. Leave a message and we will reply by e-mail.',
    );
    button(w, 'Send message').click();
    await tick();
    expect($$(w, '.err').map((e) => e.textContent).filter(Boolean)).toEqual([
      'Please fill in this field.',
      'Please fill in this field.',
      'Please fill in this field.',
    ]);
    expect(w.root.activeElement).toBe(fill(w, 'Your name', ''));

    fill(w, 'Your name', ' Asha Rao ');
    fill(w, 'E-mail address', 'asha@');
    fill(w, 'Message', 'My parcel has not come.');
    button(w, 'Send message').click();
    await tick();
    expect($$(w, '.err').map((e) => e.textContent).filter(Boolean)).toEqual([
      'Please enter a valid e-mail address.',
    ]);
    expect(env.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    fill(w, 'E-mail address', 'asha@example.in');
    button(w, 'Send message').click();
    await tick();
    const post = env.calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('https://help.example.com/api/v1/chat/offline?key=wk_test');
    expect(post.body).toEqual({
      name: 'Asha Rao',
      email: 'asha@example.in',
      text: 'My parcel has not come.',
      language: 'en',
    });
    expect($(w, '.body')?.textContent).toBe(
      'Thank you. We have your message and will reply to asha@example.in.',
    );
    expect(server.sockets).toHaveLength(0);
  });

  it('says when the team is back outside business hours', async () => {
    const { w } = await open({
      status: {
        status: 200,
        body: { online: false, open: false, opens_at: '2026-12-07T03:30:00Z', prechat: false },
      },
    });
    const when = new Intl.DateTimeFormat('en', { weekday: 'long', hour: 'numeric', minute: '2-digit' })
      .format(Date.parse('2026-12-07T03:30:00Z'));
    expect($(w, '.intro')?.textContent).toBe(
      `We are away right now and back on ${when}. Leave a message and we will reply by e-mail.`,
    );
    expect(when).toMatch(/Monday/);
  });

  it('keeps the offline message when posting fails', async () => {
    const { w } = await open({
      status: OFFLINE,
      routes: { 'POST /api/v1/chat/offline': { status: 429 } },
    });
    fill(w, 'Your name', 'Asha');
    fill(w, 'E-mail address', 'asha@example.in');
    fill(w, 'Message', 'Hello');
    button(w, 'Send message').click();
    await tick();
    expect($(w, '.err[role=alert]')?.textContent).toBe(
      'Too many requests. Please wait a moment and try again.',
    );
    expect(fill(w, 'Message', 'Hello').value).toBe('Hello');
  });

  it('asks the pre-chat questions and starts the chat with them', async () => {
    const { w, server } = await open({
      status: { status: 200, body: { online: true, expected_wait_seconds: 30, prechat: true } },
    });
    expect($(w, '.intro')?.textContent).toBe('Tell us who you are, then ask your question.');
    expect($(w, '.head p')?.textContent).toBe('Expected wait: less than a minute');
    fill(w, 'Your name', 'Deepak Verma');
    fill(w, 'E-mail address', 'deepak@example.in');
    fill(w, 'Message', 'Namaste');
    button(w, 'Start chat').click();
    await tick();
    expect(server.sent('start')[0]).toMatchObject({
      type: 'start',
      name: 'Deepak Verma',
      email: 'deepak@example.in',
      text: 'Namaste',
    });
    expect(transcript(w)).toEqual(['You: Namaste [Sent]']);
    expect(w.root.activeElement).toBe(composerInput(w));
  });

  it('keeps a first message that failed on screen, and retries it with the answers', async () => {
    const { w, server } = await open({
      status: { status: 200, body: { online: true, expected_wait_seconds: 30, prechat: true } },
    });
    server.reject = () => 'rate_limited';
    fill(w, 'Your name', 'Deepak Verma');
    fill(w, 'E-mail address', 'deepak@example.in');
    fill(w, 'Message', 'Namaste');
    button(w, 'Start chat').click();
    await tick();
    expect(transcript(w)).toEqual([
      'You: Namaste [Not sent. You are sending messages too quickly. Please wait a moment.]',
    ]);
    server.reject = () => null;
    button(w, 'Try again').click();
    await tick();
    expect(server.sent('start').map((f) => [f.name, f.client_id])).toEqual([
      ['Deepak Verma', server.sent('start')[0]!.client_id],
      ['Deepak Verma', server.sent('start')[0]!.client_id],
    ]);
    expect(transcript(w)).toEqual(['You: Namaste [Sent]']);
  });

  it('says when the status cannot be read and tries again', async () => {
    let up = false;
    const { w } = await open({
      status: () => (up ? { status: 200, body: { online: false } } : { status: 0 }),
    });
    expect($(w, '.body')?.textContent).toContain('Chat is not available right now.');
    up = true;
    button(w, 'Try again').click();
    await tick();
    expect($(w, '.intro')?.textContent).toContain('We are away right now.');
  });

  it('shows nothing on a page whose origin or key the server refuses', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await mount({ status: { status: 403 } });
    expect(document.querySelector('[data-sahayak-chat]')).toBeNull();
    expect(warn).toHaveBeenCalled();
  });
});

describe('safety', () => {
  it('shows hostile text from the server as text', async () => {
    const { w, server } = await open();
    await say(w, 'Hi');
    const hostile = '<img src=x onerror="globalThis.__pwned=1">Hi';
    server.deliver({
      type: 'typing',
      conversation_id: 'conv-1',
      author: { kind: 'agent', name: '<b onmouseover=alert(1)>Eve</b>' },
      active: true,
    });
    expect($(w, '.typing')?.textContent).toBe('<b onmouseover=alert(1)>Eve</b> is typing…');
    server.agentSays(hostile, {
      author: { kind: 'agent', id: 9, name: '<b onmouseover=alert(1)>Eve</b>' },
      attachments: [
        {
          id: 1,
          name: '<svg onload=alert(1)>.png',
          size: 10,
          content_type: 'image/png',
          url: 'javascript:alert(1)',
        },
      ],
    });
    expect(transcript(w)[1]).toBe(
      '<b onmouseover=alert(1)>Eve</b>: <img src=x onerror="globalThis.__pwned=1">Hi' +
        ' <<svg onload=alert(1)>.png (0.1 kB)>',
    );
    expect(w.root.querySelector('img, b, [onerror], [onload], [onmouseover]')).toBeNull();
    expect(w.root.querySelector('a')).toBeNull(); // a javascript: URL is no link
    await tick();
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
  });
});

describe('languages', () => {
  it('speaks Hindi', async () => {
    const { w, server } = await open({
      language: 'hi',
      status: { status: 200, body: { online: true, expected_wait_seconds: 180, prechat: false } },
    });
    expect(launcher(w).getAttribute('aria-label')).toBe('चैट खोलें');
    expect($(w, '#sw-title')?.textContent).toBe('हमसे चैट करें');
    expect($(w, '.head p')?.textContent).toBe('अनुमानित प्रतीक्षा: लगभग 3 मिनट');
    expect(composerInput(w).getAttribute('aria-label')).toBe('संदेश');
    await say(w, 'नमस्ते, मेरा ऑर्डर कहाँ है?');
    expect(server.last.sent[0]).toMatchObject({ language: 'hi' });
    server.store({ kind: 'queued', position: 2 });
    expect(transcript(w)).toEqual([
      'आप: नमस्ते, मेरा ऑर्डर कहाँ है? [भेजा गया]',
      'कतार में आपका नंबर 2 है।',
    ]);
    expect($(w, '.sw')?.getAttribute('lang')).toBe('hi');
  });

  it('speaks Kannada', async () => {
    const { w, server } = await open({
      language: 'kn',
      status: { status: 200, body: { online: true, expected_wait_seconds: 180, prechat: false } },
    });
    expect($(w, '#sw-title')?.textContent).toBe('ನಮ್ಮೊಂದಿಗೆ ಚಾಟ್ ಮಾಡಿ');
    expect($(w, '.head p')?.textContent).toBe('ಅಂದಾಜು ಕಾಯುವ ಸಮಯ: ಸುಮಾರು 3 ನಿಮಿಷಗಳು');
    await say(w, 'ನಮಸ್ಕಾರ');
    server.store({ kind: 'joined', author: { ...KAVYA, name: 'ಕಾವ್ಯಾ' } });
    server.agentSays('ನಮಸ್ಕಾರ! ಹೇಳಿ.', { author: { ...KAVYA, name: 'ಕಾವ್ಯಾ' } });
    expect(transcript(w)).toEqual([
      'ನೀವು: ನಮಸ್ಕಾರ [ಕಳುಹಿಸಲಾಗಿದೆ]',
      'ಕಾವ್ಯಾ ಚಾಟ್‌ಗೆ ಸೇರಿದ್ದಾರೆ.',
      'ಕಾವ್ಯಾ: ನಮಸ್ಕಾರ! ಹೇಳಿ.',
    ]);
  });

  it('asks for an offline message in Kannada', async () => {
    const { w } = await open({ language: 'kn', status: OFFLINE });
    expect($$(w, 'label').map((l) => l.firstChild?.textContent)).toEqual([
      'ನಿಮ್ಮ ಹೆಸರು',
      'ಇಮೇಲ್ ವಿಳಾಸ',
      'ಸಂದೇಶ',
    ]);
    expect(button(w, 'ಸಂದೇಶ ಕಳುಹಿಸಿ')).toBeTruthy();
  });
});

describe('a page reload', () => {
  it('keeps the conversation, resumes it and sends what was not acknowledged', async () => {
    const storage = new MemoryStorage();
    const server = newServer();
    const first = await open({ server, storage });
    await say(first.w, 'Hello');
    server.agentSays('Hi! One moment.');
    server.silent = true;
    await say(first.w, 'Thanks');
    const pending = server.sent('send')[0]!;
    first.w.destroy(); // the visitor goes to another page
    server.silent = false;
    server.agentSays('Back with an answer.');

    expect(stored(storage)).toMatchObject({
      token: 'vt_secret',
      conversationId: 'conv-1',
      lastSeq: 2,
      outbox: [{ client_id: pending.client_id, text: 'Thanks' }],
    });

    const second = await mount({ server, storage }); // connects by itself: the chat is live
    mounted.push(second.w);
    await tick();
    expect(server.sockets).toHaveLength(2);
    expect(server.last.sent[0]).toMatchObject({ token: 'vt_secret', resume: { 'conv-1': 2 } });
    expect(server.last.sent[1]).toMatchObject({
      type: 'send',
      client_id: pending.client_id,
      text: 'Thanks',
    });
    expect(transcript(second.w)).toEqual([
      'You: Hello [Sent]',
      'Kavya Bhat: Hi! One moment.',
      'You: Thanks [Sent]',
      'Kavya Bhat: Back with an answer.',
    ]);
    expect($(second.w, '.badge')?.textContent).toBe('1');
    expect(server.events).toHaveLength(4);
  });
});

describe('messages from the team after a chat ended', () => {
  const NOTICE = 'Your Blue Dart parcel BD12345678IN is out for delivery today.';

  /** A chat that ended, the socket closed by the server, the page left. */
  async function endedChat(storage: MemoryStorage, server = newServer()) {
    const first = await open({ server, storage });
    await say(first.w, 'Where is my parcel?');
    server.agentSays('It leaves the hub tonight.');
    server.store({ kind: 'ended', author: KAVYA, by: 'agent', ticket_id: 12 });
    server.last.serverClose(1000);
    await tick();
    return { first, server };
  }

  it('shows a notice the team posted after the end, on the next page, with a badge', async () => {
    const storage = new MemoryStorage();
    const { first, server } = await endedChat(storage);
    first.w.destroy();
    server.teamSays(NOTICE, false); // posted while the visitor was away

    const second = await mount({ server, storage }); // panel closed: it looks by itself
    mounted.push(second.w);
    await tick();
    expect(server.sockets).toHaveLength(2);
    expect(server.last.sent[0]).not.toHaveProperty('resume'); // the hello resumes live chats only
    expect(server.sent('resume').at(-1)).toEqual({
      type: 'resume',
      conversation_id: 'conv-1',
      after: 3,
    });
    expect(transcript(second.w).slice(-2)).toEqual([
      'The chat has ended.',
      `Acme Courier: ${NOTICE}`,
    ]);
    expect($(second.w, '.badge')?.textContent).toBe('1');

    // The socket stays: the next notice arrives live.
    const delivered = 'Your parcel BD12345678IN has been delivered.';
    server.teamSays(delivered);
    expect(transcript(second.w).at(-1)).toBe(`Acme Courier: ${delivered}`);
    expect($(second.w, '.badge')?.textContent).toBe('2');
    second.w.open();
    await tick();
    expect($(second.w, '.badge')?.textContent).toBe('');
    expect(button(second.w, 'Start a new chat')).toBeTruthy();
  });

  it('brings back a chat put away with "Start a new chat" when the team writes there', async () => {
    const storage = new MemoryStorage();
    const { first, server } = await endedChat(storage);
    button(first.w, 'Start a new chat').click();
    await tick();
    expect(transcript(first.w)).toEqual([]);
    first.w.destroy();

    // Nothing new: the next page shows no old chat.
    const quiet = await mount({ server, storage });
    expect(transcript(quiet.w)).toEqual([]);
    quiet.w.destroy();

    server.teamSays(NOTICE, false);
    const next = await mount({ server, storage });
    mounted.push(next.w);
    await tick();
    expect(transcript(next.w)).toEqual([`Acme Courier: ${NOTICE}`]); // only what is new
    expect($(next.w, '.badge')?.textContent).toBe('1');
    next.w.open();
    await tick();
    button(next.w, 'Start a new chat').click();
    await tick();
    await say(next.w, 'Can it come after 6 pm?');
    expect(server.sent('start').at(-1)).toMatchObject({ text: 'Can it come after 6 pm?' });
  });

  it('a visitor who never chatted opens no socket on page load', async () => {
    const { server } = await mount({ storage: new MemoryStorage() });
    await tick(1000);
    expect(server.sockets).toHaveLength(0);
  });
});

describe('close codes', () => {
  it('4401: starts over without the token, saying so, and reconnects without it', async () => {
    const { w, server, env } = await open();
    await say(w, 'Hello');
    server.token = 'vt_new'; // the old token is no longer valid
    server.last.serverClose(1006);
    await tick(1000);
    expect(banner(w)).toBe('Your previous chat can no longer be opened. You can start a new one.');
    expect(transcript(w)).toEqual([]);
    expect(stored(env.storage).token).toBeUndefined();
    expect(stored(env.storage).conversationId).toBeUndefined();

    await tick(30_000);
    const hellos = server.sent('hello');
    expect(hellos).toHaveLength(3);
    expect(hellos[2]!.token).toBeUndefined();
    expect(stored(env.storage).token).toBe('vt_new');
  });

  it('4401 on a hello without a token: no reconnecting in a loop', async () => {
    const server = newServer();
    server.closeHello = () => 4401;
    await open({ server });
    await tick(120_000);
    expect(server.sockets).toHaveLength(1);
  });

  it('4408: reconnects soon and resumes', async () => {
    const { w, server } = await open();
    await say(w, 'Hello');
    server.last.serverClose(4408);
    await tick(1000);
    expect(server.sockets).toHaveLength(2);
    expect(server.last.sent[0]).toMatchObject({ resume: { 'conv-1': 1 } });
  });

  it('4429: waits at least five seconds before reconnecting', async () => {
    const { w, server } = await open();
    await say(w, 'Hello');
    server.last.serverClose(4429);
    await tick(4900);
    expect(server.sockets).toHaveLength(1);
    expect(banner(w)).toBe('Connection lost. Reconnecting…');
    await tick(5200);
    expect(server.sockets).toHaveLength(2);
    expect(server.last.sent[0]).toMatchObject({ resume: { 'conv-1': 1 } });
  });

  it('1009: marks the refused message and does not send it again', async () => {
    const { w, server } = await open();
    await say(w, 'Hello');
    server.closeOn = () => 1009;
    await say(w, 'Something the server found too big');
    server.closeOn = () => null;
    await tick(2000);
    expect(server.sockets).toHaveLength(2);
    expect(server.sent('send')).toHaveLength(1);
    expect(transcript(w)[1]).toBe(
      'You: Something the server found too big' +
        ' [Not sent. This message is too long. Please shorten it.]',
    );
  });
});

describe('keyboard and screen readers', () => {
  it('opens with focus in the panel and closes with Escape, back to the launcher', async () => {
    const { w } = await open();
    expect(launcher(w).getAttribute('aria-expanded')).toBe('true');
    expect($(w, '[role=dialog]')?.hidden).toBe(false);
    expect(w.root.activeElement).toBe(composerInput(w));
    composerInput(w).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect($(w, '[role=dialog]')?.hidden).toBe(true);
    expect(launcher(w).getAttribute('aria-expanded')).toBe('false');
    expect(w.root.activeElement).toBe(launcher(w));
    expect($(w, '.log')?.getAttribute('role')).toBe('log');
    expect(button(w, 'Close chat')).toBeTruthy();
  });

  it('keeps too long a message in the composer and says why', async () => {
    const { w, server } = await open();
    await say(w, 'ಅ'.repeat(4001));
    expect($(w, '.err[role=alert]')?.textContent).toBe(
      'This message is too long. Please shorten it.',
    );
    expect(composerInput(w).value).toHaveLength(4001);
    expect(server.sent('start')).toHaveLength(0);
  });
});

describe('the source', () => {
  it('never parses HTML', () => {
    const sources = import.meta.glob<string>(['./**/*.ts', '!./**/*.test.ts'], {
      query: '?raw',
      import: 'default',
      eager: true,
    });
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    for (const [path, text] of Object.entries(sources)) {
      const code = text.replace(/\/\/.*$/gm, '');
      expect(code, path).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });
});
