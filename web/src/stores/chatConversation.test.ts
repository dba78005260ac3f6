// A conversation's events kept by seq, once each, whatever order they come in; its state from
// its newest event; pending lines gone when their message arrives.
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../api/chat';
import { addEvent, applySummary, blankConversation, contiguousSeq, unreadCount } from './chatConversation';

const ME = 7;
function e(seq: number, over: Partial<ChatEvent> = {}): ChatEvent {
  return { type: 'event', conversation_id: 31, seq, at: 1000 * seq, kind: 'message', author: { kind: 'visitor', id: 1, name: 'Asha' }, text: `m${seq}`, ...over };
}

const EXTRA = { visitor_name: '', read_seq_visitor: 0, read_seq_agent: 0, wait_ms: null, first_response_ms: null };

describe('addEvent', () => {
  it('keeps each seq once, in order', () => {
    const c = blankConversation(31);
    for (const s of [3, 1, 2, 3, 5, 1, 4]) addEvent(c, e(s), ME);
    expect(c.events.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(c.highestSeq).toBe(5);
    expect(addEvent(c, e(4), ME).added).toBe(false);
    expect(contiguousSeq(c)).toBe(5);
    expect(contiguousSeq({ events: [e(2), e(3)] })).toBe(0);
  });

  it('takes the state from the newest event, not from one replayed', () => {
    const c = blankConversation(31);
    addEvent(c, e(2, { kind: 'offered', author: { kind: 'system', id: 0, name: '' }, agent: { id: ME, name: 'Me' }, expires_at: 9 }), ME);
    expect(c).toMatchObject({ status: 'offered', offeredAgentId: ME, offerExpiresAt: 9, mine: false });
    const joined = addEvent(c, e(3, { kind: 'joined', author: { kind: 'agent', id: ME, name: 'Me' } }), ME);
    expect(joined.joinedByMe).toBe(true);
    expect(c).toMatchObject({ status: 'active', agentId: ME, mine: true });
    // The resume replays seq 1 and 2: the chat stays active.
    addEvent(c, e(1), ME);
    addEvent(c, e(2, { kind: 'queued', author: { kind: 'system', id: 0, name: '' } }), ME);
    expect(c.events.map((x) => x.seq)).toEqual([1, 2, 3]);
    expect(c.status).toBe('active');
    const t = addEvent(c, e(4, { kind: 'transferred', author: { kind: 'agent', id: ME, name: 'Me' }, to: { kind: 'agent', id: 9, name: 'Deepak' } }), ME);
    expect(t.transferredTo).toBe('Deepak');
    expect(c.mine).toBe(false);
    addEvent(c, e(5, { kind: 'ended', author: { kind: 'visitor', id: 1, name: 'Asha' }, by: 'visitor', ticket_id: 77 }), ME);
    expect(c).toMatchObject({ status: 'ended', ticketId: 77 });
    const never = blankConversation(33);
    addEvent(never, e(1), ME);
    addEvent(never, e(2, { kind: 'ended', author: { kind: 'visitor', id: 1, name: 'Asha' }, by: 'visitor' }), ME);
    expect(never.status).toBe('missed');
  });

  it('a message removes its pending line; unread counts others after the read position', () => {
    const c = blankConversation(31);
    c.pending.push({ clientId: 'x', text: 'hi', internal: false, files: [], state: 'sending', error: null, at: 0 });
    addEvent(c, e(1), ME);
    addEvent(c, e(2, { author: { kind: 'agent', id: ME, name: 'Me' }, client_id: 'x' }), ME);
    addEvent(c, e(3), ME);
    expect(c.pending).toEqual([]);
    expect(unreadCount(c, ME)).toBe(2);
    c.readSeq = 2;
    expect(unreadCount(c, ME)).toBe(1);
  });

  it('a summary brings the visitor name, the wait and both read positions', () => {
    const c = blankConversation(33);
    applySummary(c, { conversation_id: 33, status: 'active', ticket_id: 9, last_seq: 5, language: 'hi', group_id: null, agent_id: ME, offered_agent_id: null, offer_expires_at: null, created_at: 1, ...EXTRA, visitor_name: 'मीरा', read_seq_visitor: 4, read_seq_agent: 5, wait_ms: 30_000 }, ME);
    expect([c.visitorName, c.visitorReadSeq, c.readSeq, c.waitMs]).toEqual(['मीरा', 4, 5, 30_000]);
    // Another agent's read position is not this agent's.
    const d = blankConversation(34);
    applySummary(d, { conversation_id: 34, status: 'active', ticket_id: 9, last_seq: 5, language: 'hi', group_id: null, agent_id: 999, offered_agent_id: null, offer_expires_at: null, created_at: 1, ...EXTRA, read_seq_agent: 5 }, ME);
    expect(d.readSeq).toBe(0);
  });

  it('a welcome summary sets the state unless a newer event did', () => {
    const c = blankConversation(31);
    addEvent(c, e(6, { kind: 'ended', author: { kind: 'agent', id: ME, name: 'Me' }, by: 'agent' }), ME);
    applySummary(c, { conversation_id: 31, status: 'active', ticket_id: 9, last_seq: 5, language: 'hi', group_id: null, agent_id: ME, offered_agent_id: null, offer_expires_at: null, created_at: 1, ...EXTRA }, ME);
    expect(c.status).not.toBe('active');
    expect(c.ticketId).toBe(9);
    const d = blankConversation(32);
    applySummary(d, { conversation_id: 32, status: 'active', ticket_id: 10, last_seq: 3, language: 'kn', group_id: null, agent_id: 9, offered_agent_id: null, offer_expires_at: null, created_at: 1, ...EXTRA }, ME);
    // Listed for this agent while another has it: joined as a supervisor.
    expect(d).toMatchObject({ status: 'active', supervisors: [ME], mine: true });
  });
});
