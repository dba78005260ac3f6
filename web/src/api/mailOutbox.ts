// The mail outbox (admin): every e-mail Sahayak queued — agents' replies on e-mail tickets and
// acknowledgements of new tickets — with its state, and the dead letters an admin can queue
// again (docs/api/openapi.yaml, /api/v1/mail/outbox).
import { api as defaultApi, type ApiClient } from './client';
import type { Id, Page, Timestamp } from './types';

export const OUTBOX_STATES = ['queued', 'sending', 'sent', 'dead'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];
export type OutboxKind = 'reply' | 'auto_ack' | 'notification' | 'test';

export interface OutboxItem {
  id: Id;
  kind: OutboxKind;
  state: OutboxState;
  mailbox_id: Id | null;
  ticket_id: Id | null;
  message_row_id: Id | null;
  message_id: string;
  to: string;
  cc?: string[];
  subject?: string;
  attachments?: number;
  attempts: number;
  next_attempt_at: Timestamp;
  last_error: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  sent_at: Timestamp | null;
}

/** One page, newest first; `state` empty: every state. */
export function listMailOutbox(
  state: OutboxState | '',
  cursor: string | null,
  client: ApiClient = defaultApi,
): Promise<Page<OutboxItem>> {
  const query: Record<string, string> = { limit: '50' };
  if (state) {
    query.state = state;
  }
  if (cursor) {
    query.cursor = cursor;
  }
  return client.get<Page<OutboxItem>>('/api/v1/mail/outbox', { query });
}

/** Queues a dead (or waiting) mail again now. */
export function retryMailOutbox(id: Id, client: ApiClient = defaultApi): Promise<OutboxItem> {
  return client.post<OutboxItem>(`/api/v1/mail/outbox/${id}/retry`);
}
