// The ticket page's calls beyond the core client: attachments, custom-field definitions, the
// ticket's history, merge, and presence (who else has the ticket open). Shapes follow
// docs/api/README.md; presence follows the contract of POST/DELETE /tickets/{id}/presence.
import {
  api,
  ApiError,
  isApiError,
  problemFromResponse,
  type ApiClient,
  type Actor,
  type CustomFieldValue,
  type Id,
  type Page,
  type Ticket,
  type TicketChanges,
  type Timestamp,
} from './client';

/** What PATCH /tickets/{id} takes from the ticket page: the core members and custom fields. */
export type TicketUpdate = TicketChanges & { custom_fields?: Record<string, CustomFieldValue> };

export interface Attachment {
  id: Id;
  filename: string;
  mime_type: string;
  size: number;
  sha256: string;
  created_at: Timestamp;
}

export type CustomFieldType = 'text' | 'number' | 'date' | 'dropdown' | 'checkbox';

export interface CustomField {
  id: Id;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  required: boolean;
  active: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

/** One entry of a ticket's history: `changes` holds each changed member as `[old, new]`. */
export interface AuditEvent {
  id: Id;
  actor: Actor;
  action: string;
  entity_type: string;
  entity_id: Id;
  changes: Record<string, unknown>;
  ip: string;
  created_at: Timestamp;
}

export type PresenceState = 'viewing' | 'replying';

/** Another agent who has the ticket open now. */
export interface PresenceEntry {
  agent_id: Id;
  name: string;
  state: PresenceState;
  since: Timestamp;
  last_seen_at: Timestamp;
}

/** The content URL of an attachment: images show from it, other files download from it. */
export function attachmentContentUrl(id: Id): string {
  return `/api/v1/attachments/${id}/content`;
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** Whether the console shows the attachment as a picture (only types browsers render safely). */
export function isImage(mimeType: string): boolean {
  return IMAGE_TYPES.has(mimeType.toLowerCase());
}

/**
 * Uploads one file as multipart/form-data (field `file`). The shared client only speaks JSON,
 * so this is a plain fetch with the session's CSRF token. Throws ApiError (413 too large,
 * 415 type refused, network…); an aborted upload rejects with the AbortError.
 */
export async function uploadAttachment(
  file: File,
  signal?: AbortSignal,
  client: ApiClient = api,
): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json' };
  const csrf = client.getCsrfToken();
  if (csrf) {
    headers['X-CSRF-Token'] = csrf;
  }
  let res: Response;
  try {
    const init: RequestInit = { method: 'POST', credentials: 'same-origin', headers, body: form };
    if (signal) {
      init.signal = signal;
    }
    res = await fetch('/api/v1/attachments', init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError({ status: 0, type: '/problems/network', detail: String(e) });
  }
  if (!res.ok) {
    throw await problemFromResponse(res);
  }
  return (await res.json()) as Attachment;
}

/** Every custom-field definition (active and not), a few pages at most. */
export async function listCustomFields(client: ApiClient = api): Promise<CustomField[]> {
  const out: CustomField[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10; i += 1) {
    const page: Page<CustomField> = await client.get<Page<CustomField>>('/api/v1/custom-fields', {
      query: { limit: 100, cursor },
    });
    out.push(...page.data);
    cursor = page.next_cursor;
    if (!cursor) {
      break;
    }
  }
  return out;
}

/** A page of the ticket's history, newest first. */
export function listTicketEvents(
  ticketId: Id,
  cursor: string | null = null,
  client: ApiClient = api,
): Promise<Page<AuditEvent>> {
  return client.get<Page<AuditEvent>>(`/api/v1/tickets/${ticketId}/events`, {
    query: { limit: 50, cursor },
  });
}

/** Merges `ticketId` into `targetId`; answers the surviving (target) ticket. */
/** The ticket agents call "#number" (GET /tickets/by-number/{number}); null when none has it. */
export async function getTicketByNumber(number: number, client: ApiClient = api): Promise<Ticket | null> {
  try {
    return await client.get<Ticket>(`/api/v1/tickets/by-number/${number}`);
  } catch (e) {
    if (isApiError(e, '/problems/not-found')) {
      return null;
    }
    throw e;
  }
}

export function mergeTicket(ticketId: Id, targetId: Id, client: ApiClient = api): Promise<Ticket> {
  return client.post<Ticket>(`/api/v1/tickets/${ticketId}/merge`, { target_id: targetId });
}

/** The requester's tickets, newest first: the likely candidates of a merge. */
export function listRequesterTickets(requesterId: Id, client: ApiClient = api): Promise<Page<Ticket>> {
  return client.listTickets({ requester: requesterId }, { limit: 25 });
}

/** Says this agent is on the ticket (a heartbeat); answers the OTHER agents present now. */
export async function heartbeatPresence(
  ticketId: Id,
  state: PresenceState,
  client: ApiClient = api,
): Promise<PresenceEntry[]> {
  const res = await client.post<{ data: PresenceEntry[] } | undefined>(
    `/api/v1/tickets/${ticketId}/presence`,
    { state },
  );
  return res?.data ?? [];
}

/**
 * Says this agent left the ticket. Best effort: `keepalive` lets it finish while the page
 * unloads (sendBeacon cannot carry the CSRF header); failures are ignored, the entry expires.
 */
export function leavePresence(ticketId: Id, client: ApiClient = api): void {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const csrf = client.getCsrfToken();
  if (csrf) {
    headers['X-CSRF-Token'] = csrf;
  }
  try {
    void fetch(`/api/v1/tickets/${ticketId}/presence`, {
      method: 'DELETE',
      credentials: 'same-origin',
      headers,
      keepalive: true,
    }).catch(() => undefined);
  } catch {
    // Nothing to do: the server forgets the entry 30 seconds after the last heartbeat.
  }
}
