// Changing many tickets at once: POST /api/v1/tickets/bulk (all or nothing) and
// POST /api/v1/tickets/{id}/merge.
import { api, type ApiClient, type ApiError, type Id, type Priority, type Ticket, type TicketStatus, type TicketType } from './client';

/** At most this many tickets per bulk request. */
export const BULK_LIMIT = 100;

export interface BulkChanges {
  status?: TicketStatus;
  priority?: Priority;
  type?: TicketType;
  /** null unassigns. */
  assignee_id?: Id | null;
  /** null removes the group. */
  group_id?: Id | null;
  add_tags?: string[];
  remove_tags?: string[];
}

/** Applies `changes` to every ticket, or to none (422 naming the failing ids). */
export async function bulkUpdateTickets(
  ids: readonly Id[],
  changes: BulkChanges,
  client: ApiClient = api,
): Promise<Ticket[]> {
  const res = await client.post<{ data: Ticket[] }>('/api/v1/tickets/bulk', { ids, changes });
  return res.data;
}

/** Merges ticket `id` into `targetId`; answers the surviving ticket. */
export function mergeTicket(id: Id, targetId: Id, client: ApiClient = api): Promise<Ticket> {
  return client.post<Ticket>(`/api/v1/tickets/${id}/merge`, { target_id: targetId });
}

/**
 * The tickets a refused bulk request names: its errors are `{field: "ids[1]", message:
 * "1042: …"}`, so the index into `ids` (or else the id before the colon) says which.
 */
export function failingIds(error: ApiError, ids: readonly Id[]): Id[] {
  const out = new Set<Id>();
  for (const e of error.errors) {
    const index = /^ids\[(\d+)\]$/.exec(e.field);
    const byIndex = index ? ids[Number(index[1])] : undefined;
    if (byIndex !== undefined) {
      out.add(byIndex);
      continue;
    }
    const lead = /^(\d+):/.exec(e.message);
    if (lead && ids.includes(Number(lead[1]))) {
      out.add(Number(lead[1]));
    }
  }
  return [...out];
}
