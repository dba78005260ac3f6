// Search (GET /api/v1/search) and the search box's instant suggestions
// (GET /api/v1/search/suggest): the query language is the server's (docs/search.md); the
// console sends the text as typed and shows back the problems the server found in it.
import {
  api,
  type ApiClient,
  type Channel,
  type Id,
  type Priority,
  type Query,
  type TicketStatus,
  type Timestamp,
} from './client';

export const SEARCH_TYPES = ['ticket', 'contact', 'organization'] as const;
/** What the results page can filter by; the server may also return articles later. */
export type SearchType = (typeof SEARCH_TYPES)[number];
export type HitType = SearchType | 'article';

export const SEARCH_SORTS = ['relevance', '-updated_at', '-created_at', 'created_at'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const DEFAULT_SEARCH_SORT: SearchSort = 'relevance';

/** Facets the server counts over all matching tickets, in the order the panel shows them. */
export const FACETS = ['status', 'group', 'channel', 'priority'] as const;
export type FacetName = (typeof FACETS)[number];

/** The few ticket fields a hit carries, so the list needs no second request. */
export interface TicketHitFields {
  number?: number;
  status?: TicketStatus;
  priority?: Priority;
  channel?: Channel;
  group_id?: Id | null;
  assignee_id?: Id | null;
  requester?: { id: Id; name: string } | null;
  created_at?: Timestamp;
  updated_at?: Timestamp;
  /** Contacts. */
  email?: string;
  /** Organisations. */
  domains?: string[];
}

export interface SearchHit {
  type: HitType;
  id: Id;
  title: string;
  /** Escaped text with the matches in <mark>…</mark>; show it only through safeSnippet(). */
  snippet: string;
  score: number;
  fields: TicketHitFields;
}

/**
 * Something the server had to say about the query. `begin`/`end` are code-point offsets into
 * the query as sent; `ignored` means that part was left out of the search.
 */
export interface SearchProblem {
  code: string;
  message: string;
  begin: number;
  end: number;
  ignored: boolean;
}

export interface SearchResult {
  data: SearchHit[];
  next_cursor: string | null;
  total: number;
  /** false: `total` is an estimate ("about N"). */
  total_exact: boolean;
  /** Only when asked for with facets=1: facet → value → count. */
  facets?: Partial<Record<FacetName, Record<string, number>>>;
  problems: SearchProblem[];
  /** The query in the server's normal form. */
  query: string;
}

export interface SearchParams {
  q: string;
  /** Empty: tickets, contacts and organisations. */
  types?: readonly SearchType[];
  sort?: SearchSort;
  cursor?: string | null;
  limit?: number;
  facets?: boolean;
}

export interface Suggestion {
  type: HitType;
  id: Id;
  title: string;
  /** "#1234 · open", an e-mail address, a domain. */
  detail: string;
}

export function searchQuery(params: SearchParams): Query {
  return {
    q: params.q,
    type: params.types && params.types.length > 0 ? params.types : undefined,
    // relevance is the server's default; leaving it out keeps URLs short.
    sort: params.sort && params.sort !== DEFAULT_SEARCH_SORT ? params.sort : undefined,
    cursor: params.cursor,
    limit: params.limit,
    facets: params.facets ? 1 : undefined,
  };
}

/** One page of results; 422 `/problems/validation` for a bad cursor, type or limit. */
export async function search(
  params: SearchParams,
  signal?: AbortSignal,
  client: ApiClient = api,
): Promise<SearchResult> {
  const query = searchQuery(params);
  const r = await client.get<Partial<SearchResult>>('/api/v1/search', signal ? { query, signal } : { query });
  return {
    data: r.data ?? [],
    next_cursor: r.next_cursor ?? null,
    total: r.total ?? 0,
    total_exact: r.total_exact ?? true,
    ...(r.facets ? { facets: r.facets } : {}),
    problems: r.problems ?? [],
    query: r.query ?? params.q,
  };
}

/** Up to `limit` things whose title or identifiers start with `q`. */
export async function suggest(
  q: string,
  limit = 8,
  signal?: AbortSignal,
  client: ApiClient = api,
): Promise<Suggestion[]> {
  const query: Query = { q, limit };
  const r = await client.get<{ data?: Suggestion[] }>(
    '/api/v1/search/suggest',
    signal ? { query, signal } : { query },
  );
  return r.data ?? [];
}

/** Where a hit or a suggestion opens in the console; null when it has no page yet. */
export function hitRoute(hit: { type: HitType; id: Id }): { name: string; params: { id: string } } | null {
  switch (hit.type) {
    case 'ticket':
      return { name: 'ticket', params: { id: String(hit.id) } };
    case 'contact':
      return { name: 'contact', params: { id: String(hit.id) } };
    default:
      return null;
  }
}
