// The chat API's pure parts: frames from the server checked member by member, allowed origins
// as the server normalises them, safe attachment links, and message length as the server counts.
import { describe, expect, it } from 'vitest';
import { attachmentHref, embedSnippet, messageLength, normaliseOrigin, parseServerFrame } from './chat';

const frame = (f: object) => parseServerFrame(JSON.stringify(f));

describe('parseServerFrame', () => {
  it('reads an agent welcome with its conversations', () => {
    expect(
      frame({
        type: 'welcome',
        agent_id: 7,
        presence: 'away',
        capacity: 3,
        languages: ['hi', 5],
        conversations: [
          { conversation_id: 31, status: 'active', ticket_id: 9, last_seq: 4, language: 'hi', group_id: null, agent_id: 7, offered_agent_id: null, offer_expires_at: null, created_at: 1, visitor: { id: 3, name: 'मीरा' }, read_seq_visitor: 3, read_seq_agent: 4, wait_ms: 900 },
          { conversation_id: 'x', status: 'active' },
          { conversation_id: 32, status: 'weird' },
        ],
      }),
    ).toEqual({
      type: 'welcome',
      agent_id: 7,
      presence: 'away',
      capacity: 3,
      languages: ['hi'],
      conversations: [
        { conversation_id: 31, status: 'active', ticket_id: 9, last_seq: 4, language: 'hi', group_id: null, agent_id: 7, offered_agent_id: null, offer_expires_at: null, created_at: 1, visitor_name: 'मीरा', read_seq_visitor: 3, read_seq_agent: 4, wait_ms: 900, first_response_ms: null },
      ],
    });
  });

  it('reads events by kind and keeps only the members of that kind', () => {
    expect(
      frame({
        type: 'event', conversation_id: 31, seq: 2, at: 5, kind: 'message',
        author: { kind: 'visitor', id: 1, name: 'Asha' }, text: 'नमस्ते', client_id: 'c1', internal: false,
        attachments: [{ id: 5, name: 'a.pdf', size: 10, content_type: 'application/pdf', url: '/x' }, { id: 'bad' }],
      }),
    ).toEqual({
      type: 'event', conversation_id: 31, seq: 2, at: 5, kind: 'message',
      author: { kind: 'visitor', id: 1, name: 'Asha' }, text: 'नमस्ते', client_id: 'c1', internal: false,
      attachments: [{ id: 5, name: 'a.pdf', size: 10, content_type: 'application/pdf', url: '/x' }],
    });
    expect(frame({ type: 'event', conversation_id: 31, seq: 3, at: 6, kind: 'transferred', author: { kind: 'agent', id: 7, name: 'M' }, to: { kind: 'group', id: 2, name: 'Shipping' }, text: 'ignored' }))
      .toEqual({ type: 'event', conversation_id: 31, seq: 3, at: 6, kind: 'transferred', author: { kind: 'agent', id: 7, name: 'M' }, to: { kind: 'group', id: 2, name: 'Shipping' } });
    // An author of an unknown kind is the system; a missing seq drops the frame.
    expect(frame({ type: 'event', conversation_id: 31, seq: 4, kind: 'queued', author: { kind: 'robot' }, position: 2 }))
      .toMatchObject({ author: { kind: 'system', id: 0, name: '' }, position: 2, at: 0 });
    expect(frame({ type: 'event', conversation_id: 31, kind: 'message' })).toBeNull();
    expect(frame({ type: 'event', conversation_id: 31, seq: 0, kind: 'message' })).toBeNull();
  });

  it('reads ack, typing, read, queue, error and pong; drops the rest', () => {
    expect(frame({ type: 'ack', client_id: 'c1', conversation_id: 31, seq: 9 })).toEqual({ type: 'ack', client_id: 'c1', conversation_id: 31, seq: 9 });
    expect(frame({ type: 'typing', conversation_id: 31, author: { kind: 'visitor', id: 1, name: 'A' }, active: 'yes' })).toMatchObject({ active: false });
    expect(frame({ type: 'read', conversation_id: 31, author: { kind: 'visitor', id: 1, name: 'A' }, seq: 3 })).toMatchObject({ seq: 3 });
    expect(frame({ type: 'queue', waiting: [{ conversation_id: 40, since: 1, language: 'kn', group_id: 2, status: 'offered', offered_agent_id: 9, visitor: { id: 5, name: 'ರವಿ' }, ticket_id: 77 }, {}] }))
      .toEqual({ type: 'queue', waiting: [{ conversation_id: 40, since: 1, language: 'kn', group_id: 2, status: 'offered', offered_agent_id: 9, visitor_name: 'ರವಿ', ticket_id: 77 }] });
    expect(frame({ type: 'error', code: 'forbidden', message: 'no', ref: 'accept' })).toEqual({ type: 'error', code: 'forbidden', message: 'no', ref: 'accept', conversation_id: null });
    expect(frame({ type: 'error', code: 'not_found', message: 'no', ref: 'c1', conversation_id: 31 })).toMatchObject({ conversation_id: 31 });
    expect(frame({ type: 'presence', state: 'away' })).toEqual({ type: 'presence', state: 'away' });
    expect(frame({ type: 'pong' })).toEqual({ type: 'pong' });
    expect(frame({ type: 'surprise' })).toBeNull();
    expect(parseServerFrame('not json')).toBeNull();
    expect(parseServerFrame('[1,2]')).toBeNull();
    expect(parseServerFrame(new ArrayBuffer(2))).toBeNull();
  });
});

describe('normaliseOrigin', () => {
  it('keeps scheme, host and port, as the server does', () => {
    expect(normaliseOrigin(' https://Shop.Example.in/ ')).toBe('https://shop.example.in');
    expect(normaliseOrigin('http://localhost:8081')).toBe('http://localhost:8081');
    expect(normaliseOrigin('https://shop.example.in:443')).toBe('https://shop.example.in:443');
  });

  it('refuses paths, wildcards, users, other schemes and bad ports', () => {
    for (const bad of ['https://shop.example.in/chat', 'https://*.example.in', '*', 'ftp://a.in', 'https://u@a.in', 'https://a.in:0', 'https://a.in:70000', 'shop.example.in', 'https://.a.in', 'https://a..in', 'https://a.in?x=1']) {
      expect(normaliseOrigin(bad), bad).toBeNull();
    }
  });
});

describe('attachmentHref', () => {
  it('links same-origin paths and http(s), nothing else', () => {
    expect(attachmentHref('/api/v1/attachments/5/content', 'https://help.example.in')).toBe('https://help.example.in/api/v1/attachments/5/content');
    expect(attachmentHref('https://cdn.example.in/a.png', 'https://help.example.in')).toBe('https://cdn.example.in/a.png');
    expect(attachmentHref('javascript:alert(1)', 'https://help.example.in')).toBeNull();
    expect(attachmentHref('data:text/html,x', 'https://help.example.in')).toBeNull();
    expect(attachmentHref('', 'https://help.example.in')).toBeNull();
  });
});

describe('messageLength and embedSnippet', () => {
  it('counts code points after NFC', () => {
    expect(messageLength('नमस्ते')).toBe(6);
    expect(messageLength('e\u0301')).toBe(1);
    expect(messageLength('😀')).toBe(1);
  });

  it('makes the one script tag', () => {
    expect(embedSnippet('https://help.example.in', 'wk_1')).toBe('<script src="https://help.example.in/widget.js" data-key="wk_1" async></script>');
  });
});
