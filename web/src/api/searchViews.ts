// Saved views whose filters hold a search query (`filters.q`, saved from the results page):
// the inbox lists their tickets through GET /api/v1/search (tickets only) instead of
// GET /api/v1/tickets, and counts them by the search's total. views.ts sends such views here.
import { api, type ApiClient, type Page, type Ticket } from './client';
import { search, type SearchHit, type SearchSort } from './search';
import type { TicketQuery, ViewSort } from './views';

/** The view's order as the search has it; orders search cannot give fall back to -updated_at. */
export function searchSortOf(sort: ViewSort): SearchSort {
  return sort === '-created_at' || sort === 'created_at' ? sort : '-updated_at';
}

function values(v: string | number | readonly (string | number)[] | undefined): (string | number)[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? [...(v as readonly (string | number)[])] : [v as string | number];
}

function anyOf(field: string, list: (string | number)[]): string | null {
  if (list.length === 0) return null;
  const terms = list.map((v) => `${field}:${v}`);
  return terms.length === 1 ? terms[0]! : `(${terms.join(' OR ')})`;
}

/**
 * The view's query with its other filters added as query terms, so a search view edited in
 * the inbox (a status ticked, say) narrows the same way the ticket list would.
 */
export function viewSearchQuery(filters: TicketQuery): string {
  const parts = [
    `(${filters.q ?? ''})`,
    anyOf('status', values(filters.status)),
    anyOf('priority', values(filters.priority)),
    anyOf('channel', values(filters.channel)),
    anyOf('group', values(filters.group)),
    anyOf('assignee', values(filters.assignee)),
    filters.tag ? `tag:"${filters.tag.replace(/"/g, '')}"` : null,
    anyOf('requester', values(filters.requester)),
    anyOf('org', values(filters.organisation)),
  ].filter((p): p is string => p !== null);
  return parts.length === 1 ? (filters.q ?? '') : parts.join(' ');
}

/**
 * A hit as a row of the ticket list. The hit carries what the list shows; what it lacks
 * (type, tags, custom fields) stays empty, and the ticket page loads the whole ticket.
 */
export function ticketOfHit(hit: SearchHit): Ticket {
  const f = hit.fields ?? {};
  const requester = f.requester ?? { id: 0, name: '' };
  return {
    id: hit.id,
    number: f.number ?? hit.id,
    subject: hit.title,
    status: f.status ?? 'open',
    priority: f.priority ?? 'normal',
    type: 'question',
    channel: f.channel ?? 'email',
    requester_id: requester.id,
    requester: { id: requester.id, name: requester.name, email: null },
    assignee_id: f.assignee_id ?? null,
    group_id: f.group_id ?? null,
    organisation_id: null,
    tags: [],
    custom_fields: {},
    language: '',
    merged_into_id: null,
    created_at: f.created_at ?? f.updated_at ?? '',
    updated_at: f.updated_at ?? f.created_at ?? '',
    first_response_at: null,
    solved_at: null,
    version: 0,
  };
}

export async function listSearchTickets(
  filters: TicketQuery,
  sort: ViewSort,
  page: { cursor?: string | null; limit?: number },
  signal?: AbortSignal,
  client: ApiClient = api,
): Promise<Page<Ticket>> {
  const r = await search(
    { q: viewSearchQuery(filters), types: ['ticket'], sort: searchSortOf(sort), cursor: page.cursor, limit: page.limit },
    signal,
    client,
  );
  return { data: r.data.filter((h) => h.type === 'ticket').map(ticketOfHit), next_cursor: r.next_cursor };
}

/** The count of a search view: the search's total, "more" when it is an estimate. */
export async function countSearchTickets(
  filters: TicketQuery,
  client: ApiClient = api,
): Promise<{ count: number; capped: boolean }> {
  const r = await search({ q: viewSearchQuery(filters), types: ['ticket'], limit: 1 }, undefined, client);
  return { count: r.total, capped: !r.total_exact };
}
