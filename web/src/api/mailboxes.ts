// Mailboxes (admin): the addresses a workspace receives e-mail at and replies from, with their
// IMAP and SMTP servers (docs/api/openapi.yaml, /api/v1/mailboxes). Passwords are write-only:
// the server never sends them back, only whether one is set.
import { api as defaultApi, type ApiClient } from './client';
import type { Id, Language, Page, Timestamp } from './types';

export const SECURITIES = ['tls', 'starttls', 'none'] as const;
export type Security = (typeof SECURITIES)[number];
export const IMAP_AFTER = ['flag', 'move', 'delete'] as const;
export type ImapAfter = (typeof IMAP_AFTER)[number];

export interface AckTemplate {
  subject: string;
  body: string;
}
export type AckTemplates = Partial<Record<Language, AckTemplate>>;

export interface Mailbox {
  id: Id;
  name: string;
  address: string;
  from_name: string;
  group_id: Id | null;
  enabled: boolean;
  /** "imap" when it has an IMAP host; "lmtp" when mail is delivered to Sahayak. */
  inbound: 'imap' | 'lmtp';
  imap_host: string;
  imap_port: number;
  imap_security: Security;
  imap_username: string;
  imap_password_set: boolean;
  imap_folder: string;
  imap_after: ImapAfter;
  imap_move_to: string;
  imap_poll_seconds: number;
  smtp_host: string;
  smtp_port: number;
  smtp_security: Security;
  smtp_username: string;
  smtp_password_set: boolean;
  tls_verify: boolean;
  auto_ack: boolean;
  auto_ack_templates: AckTemplates;
  last_fetch_at: Timestamp | null;
  /** The last fetch's or send's error; '' when it worked. */
  last_error: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

/** What a create or update sends; a password '' clears it, an absent one keeps it. */
export interface MailboxInput {
  name?: string;
  address?: string;
  from_name?: string;
  group_id?: Id | null;
  enabled?: boolean;
  imap_host?: string;
  imap_port?: number;
  imap_security?: Security;
  imap_username?: string;
  imap_password?: string;
  imap_folder?: string;
  imap_after?: ImapAfter;
  imap_move_to?: string;
  imap_poll_seconds?: number;
  smtp_host?: string;
  smtp_port?: number;
  smtp_security?: Security;
  smtp_username?: string;
  smtp_password?: string;
  tls_verify?: boolean;
  auto_ack?: boolean;
  auto_ack_templates?: AckTemplates;
}

/** The answer of a test: `ok`, or the server's words in `error`. */
export interface MailboxTestResult {
  ok: boolean;
  messages_pending?: number;
  server_reply?: string;
  error?: string;
}

export function mailboxesApi(client: ApiClient = defaultApi) {
  return {
    list: async () => (await client.get<Page<Mailbox>>('/api/v1/mailboxes')).data,
    create: (body: MailboxInput) => client.post<Mailbox>('/api/v1/mailboxes', body),
    update: (id: Id, changes: MailboxInput, version?: number) =>
      client.patch<Mailbox>(`/api/v1/mailboxes/${id}`, changes, {
        headers: version === undefined ? {} : { 'If-Match': `"${version}"` },
      }),
    remove: (id: Id) => client.delete(`/api/v1/mailboxes/${id}`),
    testImap: (id: Id) => client.post<MailboxTestResult>(`/api/v1/mailboxes/${id}/test-imap`),
    testSmtp: (id: Id, to: string) =>
      client.post<MailboxTestResult>(`/api/v1/mailboxes/${id}/test-smtp`, { to }),
    fetchNow: (id: Id) => client.post<{ ok: boolean }>(`/api/v1/mailboxes/${id}/fetch-now`),
  };
}

export type MailboxesApi = ReturnType<typeof mailboxesApi>;
