// Shapes of the REST API v1 resources, as docs/api/README.md and docs/api/openapi.yaml define
// them. Only what the agent console reads is typed; unknown members are ignored.

/** RFC 3339 UTC with milliseconds, e.g. "2026-11-23T18:46:45.123Z". */
export type Timestamp = string;
export type Id = number;

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TICKET_TYPES = ['question', 'incident', 'complaint', 'problem', 'task'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const CHANNELS = ['email', 'chat', 'phone', 'social', 'web', 'portal', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LANGUAGES = ['en', 'hi', 'kn'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The ticket lifecycle of docs/api/README.md: the statuses a ticket may move to from each
 * status. The server refuses anything else with 422 `/problems/invalid-transition`.
 */
export const STATUS_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export interface RequesterSummary {
  id: Id;
  name: string;
  email: string | null;
}

export type CustomFieldValue = string | number | boolean | null;

export interface Ticket {
  id: Id;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  type: TicketType;
  channel: Channel;
  requester_id: Id;
  requester: RequesterSummary;
  assignee_id: Id | null;
  group_id: Id | null;
  organisation_id: Id | null;
  tags: string[];
  custom_fields: Record<string, CustomFieldValue>;
  language: string;
  merged_into_id: Id | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  first_response_at: Timestamp | null;
  solved_at: Timestamp | null;
  /** The next due time of a running SLA clock (api/sla.ts); absent from older servers. */
  sla_due_at?: Timestamp | null;
  /** Whether any SLA clock of the ticket is breached. */
  sla_breached?: boolean;
  version: number;
}

/** The members `PATCH /api/v1/tickets/{id}` accepts; only those sent change. */
export interface TicketChanges {
  subject?: string;
  status?: TicketStatus;
  priority?: Priority;
  type?: TicketType;
  assignee_id?: Id | null;
  group_id?: Id | null;
  tags?: string[];
}

export interface Actor {
  type: 'agent' | 'contact' | 'system';
  /** The agent's or contact's id; 0 for the system. */
  id: number;
  name: string;
}

export interface AttachmentSummary {
  id: Id;
  filename: string;
  mime_type: string;
  size: number;
}

export interface Message {
  id: Id;
  ticket_id: Id;
  /** false for an internal note, which the customer never sees. */
  public: boolean;
  author: Actor;
  /** Plain text. */
  body: string;
  /** HTML the server has already sanitised; empty when the message had none. */
  html: string;
  channel: Channel;
  attachments: AttachmentSummary[];
  created_at: Timestamp;
}

export interface MessageCreate {
  body: string;
  public: boolean;
  html?: string;
  attachment_ids?: Id[];
}

export interface Agent {
  id: Id;
  name: string;
  email: string;
  role: 'admin' | 'agent';
  language: Language;
  time_zone: string;
  active: boolean;
  group_ids: Id[];
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface Group {
  id: Id;
  name: string;
  description: string;
  agent_ids: Id[];
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

/** A page of a list: pass `next_cursor` back as `cursor` for the next page. */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** What `POST /auth/login` and `GET /auth/me` answer. `csrf_token` is null for API tokens. */
export interface Session {
  agent: Agent;
  csrf_token: string | null;
}

/** Filters of `GET /api/v1/tickets`. */
export interface TicketFilters {
  /** One status or several. */
  status?: TicketStatus | readonly TicketStatus[];
  /** An agent id, or 'none' for unassigned tickets. */
  assignee?: Id | 'none';
  group?: Id;
  tag?: string;
  requester?: Id;
  organisation?: Id;
}

export interface FieldError {
  field: string;
  message: string;
}

/** The stable problem types of docs/api/README.md, plus `network` for a failed fetch. */
export type ProblemType =
  | '/problems/malformed-json'
  | '/problems/invalid-utf8'
  | '/problems/validation'
  | '/problems/invalid-transition'
  | '/problems/not-found'
  | '/problems/method-not-allowed'
  | '/problems/already-exists'
  | '/problems/idempotency-key-reused'
  | '/problems/precondition-failed'
  | '/problems/payload-too-large'
  | '/problems/unsupported-media-type'
  | '/problems/unauthenticated'
  | '/problems/invalid-credentials'
  | '/problems/account-locked'
  | '/problems/forbidden'
  | '/problems/csrf'
  | '/problems/rate-limited'
  | '/problems/unavailable'
  | '/problems/internal'
  | '/problems/network'
  | (string & {});
