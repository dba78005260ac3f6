// Saved views (GET/POST/PATCH/DELETE /api/v1/views) and the ticket list and count with the
// filters and order a view may hold: priority, channel and sort, which client.ts's
// listTickets/countTickets do not send.
import {
  api,
  type ApiClient,
  type Channel,
  type Id,
  type Page,
  type Priority,
  type Query,
  type Ticket,
  type TicketStatus,
  type Timestamp,
} from './client';
import { countSearchTickets, listSearchTickets } from './searchViews';

export const VIEW_SORTS = [
  '-updated_at',
  'updated_at',
  '-created_at',
  'created_at',
  '-solved_at',
  /** Soonest SLA due time first; tickets without one last (api/sla.ts). */
  'sla_due_at',
] as const;
export type ViewSort = (typeof VIEW_SORTS)[number];
export const DEFAULT_SORT: ViewSort = '-updated_at';

export const VIEW_COLUMNS = [
  'number',
  'subject',
  'requester',
  'status',
  'priority',
  'assignee',
  'group',
  'channel',
  'tags',
  'created_at',
  'updated_at',
] as const;
export type ViewColumn = (typeof VIEW_COLUMNS)[number];
/** The columns of the built-in views, and of a new view unless the agent picks others. */
export const DEFAULT_COLUMNS: readonly ViewColumn[] = [
  'number',
  'subject',
  'requester',
  'status',
  'priority',
  'assignee',
  'updated_at',
];

/** Filters as a saved view stores them: "me" is whoever opens the view. */
export interface ViewFilters {
  status?: TicketStatus[];
  assignee?: 'me' | 'none' | Id;
  group?: Id;
  tag?: string;
  priority?: Priority[];
  channel?: Channel[];
  requester?: Id;
  organisation?: Id;
  /** A search query (saved from the results page): the view lists what the search finds. */
  q?: string;
}

/** Filters of `GET /api/v1/tickets` and `/tickets/count`, "me" resolved to an agent id. */
export interface TicketQuery {
  status?: TicketStatus | readonly TicketStatus[];
  assignee?: 'none' | Id;
  group?: Id;
  tag?: string;
  priority?: readonly Priority[];
  channel?: readonly Channel[];
  requester?: Id;
  organisation?: Id;
  /** A search query: listed and counted through GET /api/v1/search (api/searchViews.ts). */
  q?: string;
}

export interface SavedView {
  id: Id;
  name: string;
  shared: boolean;
  owner_id: Id | null;
  filters: ViewFilters;
  sort: ViewSort;
  columns: ViewColumn[];
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ViewCreate {
  name: string;
  filters: ViewFilters;
  sort: ViewSort;
  columns: ViewColumn[];
  /** Admins only. */
  shared?: boolean;
}

export type ViewChanges = Partial<ViewCreate>;

/** A saved view's filters for the ticket list: "me" becomes `agentId`. */
export function resolveFilters(filters: ViewFilters, agentId: Id): TicketQuery {
  const { assignee, ...rest } = filters;
  const out: TicketQuery = { ...rest };
  if (assignee !== undefined) {
    out.assignee = assignee === 'me' ? agentId : assignee;
  }
  return out;
}

function ticketQuery(filters: TicketQuery): Query {
  return {
    status: filters.status as Query[string],
    assignee: filters.assignee,
    group: filters.group,
    tag: filters.tag,
    priority: filters.priority,
    channel: filters.channel,
    requester: filters.requester,
    organisation: filters.organisation,
  };
}

/** A page of tickets in `sort` order; the cursor belongs to that order. */
export function listTicketsSorted(
  filters: TicketQuery,
  sort: ViewSort,
  page: { cursor?: string | null; limit?: number } = {},
  signal?: AbortSignal,
  client: ApiClient = api,
): Promise<Page<Ticket>> {
  if (filters.q) {
    return listSearchTickets(filters, sort, page, signal, client);
  }
  const query: Query = {
    ...ticketQuery(filters),
    // The server's default; leaving it out keeps the plain URLs of the built-in views.
    sort: sort === DEFAULT_SORT ? undefined : sort,
    cursor: page.cursor,
    limit: page.limit,
  };
  return client.get<Page<Ticket>>('/api/v1/tickets', signal ? { query, signal } : { query });
}

/** How many tickets match; the server stops at 10,000 and then sets `capped`. */
export function countTicketsFiltered(
  filters: TicketQuery,
  client: ApiClient = api,
): Promise<{ count: number; capped: boolean }> {
  if (filters.q) {
    return countSearchTickets(filters, client);
  }
  return client.get('/api/v1/tickets/count', { query: ticketQuery(filters) });
}

export async function listViews(client: ApiClient = api): Promise<SavedView[]> {
  const page = await client.get<Page<SavedView>>('/api/v1/views');
  return page.data;
}

/** 409 `/problems/already-exists` when the agent has a view of that name. */
export function createView(view: ViewCreate, client: ApiClient = api): Promise<SavedView> {
  return client.post<SavedView>('/api/v1/views', view);
}

export function updateView(
  id: Id,
  changes: ViewChanges,
  version?: number,
  client: ApiClient = api,
): Promise<SavedView> {
  const headers: Record<string, string> = {};
  if (version !== undefined) {
    headers['If-Match'] = `"${version}"`;
  }
  return client.patch<SavedView>(`/api/v1/views/${id}`, changes, { headers });
}

export function deleteView(id: Id, client: ApiClient = api): Promise<void> {
  return client.delete<void>(`/api/v1/views/${id}`);
}
