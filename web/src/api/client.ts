// A typed wrapper around fetch for the Sahayak REST API v1 (docs/api/README.md).
//
// - The session cookie travels by itself (credentials: 'same-origin'); the console is served by
//   the same server as the API, so there is no CORS.
// - Unsafe methods carry the CSRF token from login or GET /auth/me as X-CSRF-Token.
// - Every error becomes an ApiError with the problem+json `type`, `detail` and `errors[]`, so
//   screens choose a message by `type`, never by parsing text.
import type {
  Agent,
  FieldError,
  Group,
  Id,
  Message,
  MessageCreate,
  Page,
  ProblemType,
  Session,
  Ticket,
  TicketChanges,
  TicketFilters,
} from './types';

export type * from './types';

type QueryValue = string | number | boolean | readonly (string | number)[] | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * A 401 is the caller's business (sign-in, restoring a session): do not report it to
   * `onUnauthenticated`.
   */
  expectUnauthenticated?: boolean;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** An error answer of the API (RFC 9457 problem details), or a request that never got one. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: ProblemType;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Seconds from a Retry-After header (429, 503), when there was one. */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    type: ProblemType;
    title?: string;
    detail?: string;
    errors?: FieldError[];
    retryAfter?: number | null;
  }) {
    super(init.detail || init.title || init.type);
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type;
    this.title = init.title ?? '';
    this.detail = init.detail ?? '';
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter ?? null;
  }

  /** The message the server gave for one field of a 422, if any. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

export function isApiError(e: unknown, type?: ProblemType): e is ApiError {
  return e instanceof ApiError && (type === undefined || e.type === type);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseFieldErrors(v: unknown): FieldError[] {
  if (!Array.isArray(v)) {
    return [];
  }
  return v.filter(isRecord).map((e) => ({
    field: typeof e.field === 'string' ? e.field : '',
    message: typeof e.message === 'string' ? e.message : '',
  }));
}

function parseRetryAfter(headers: Headers): number | null {
  const v = headers.get('retry-after');
  if (v === null || !/^\d+$/.test(v.trim())) {
    return null;
  }
  return Number(v.trim());
}

/**
 * Turns an error response into an ApiError. A body that is not problem+json (a proxy's HTML
 * page, say) still gives an error with the status and `about:blank` as its type.
 */
export async function problemFromResponse(res: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(res.headers);
  const contentType = res.headers.get('content-type') ?? '';
  let body: unknown = null;
  if (contentType.includes('json')) {
    try {
      body = await res.json();
    } catch {
      body = null;
    }
  }
  if (isRecord(body) && typeof body.type === 'string') {
    return new ApiError({
      status: typeof body.status === 'number' ? body.status : res.status,
      type: body.type,
      title: typeof body.title === 'string' ? body.title : res.statusText,
      detail: typeof body.detail === 'string' ? body.detail : '',
      errors: parseFieldErrors(body.errors),
      retryAfter,
    });
  }
  return new ApiError({ status: res.status, type: 'about:blank', title: res.statusText, retryAfter });
}

export function buildQuery(query: Query | undefined): string {
  if (!query) {
    return '';
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface ApiClientOptions {
  /** Prefix of every path; '' when the console is served by the API server itself. */
  baseUrl?: string;
}

export class ApiClient {
  private csrfToken: string | null = null;
  private readonly baseUrl: string;

  /** Called when the session has ended under our feet (a 401 nobody expected). */
  onUnauthenticated: (() => void) | null = null;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
  }

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  getCsrfToken(): string | null {
    return this.csrfToken;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, options);
    if (res.ok) {
      return this.parseBody<T>(res);
    }
    const error = await problemFromResponse(res);
    // The CSRF token belongs to the session; when another tab signed in again the session and
    // its token changed. Fetch the current token once and repeat the request.
    if (error.type === '/problems/csrf' && UNSAFE_METHODS.has(method)) {
      const refreshed = await this.refreshCsrfToken();
      if (refreshed) {
        const retry = await this.send(method, path, options);
        if (retry.ok) {
          return this.parseBody<T>(retry);
        }
        throw this.report(await problemFromResponse(retry), options);
      }
    }
    throw this.report(error, options);
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  patch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  delete<T = void>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }

  // ---------------------------------------------------------------- auth

  async login(email: string, password: string, rememberMe: boolean): Promise<Session> {
    const session = await this.post<Session>(
      '/api/v1/auth/login',
      { email, password, remember_me: rememberMe },
      { expectUnauthenticated: true },
    );
    this.setCsrfToken(session.csrf_token);
    return session;
  }

  async logout(): Promise<void> {
    try {
      await this.post<void>('/api/v1/auth/logout', undefined, { expectUnauthenticated: true });
    } finally {
      this.setCsrfToken(null);
    }
  }

  /** The signed-in agent; throws ApiError type `/problems/unauthenticated` when there is none. */
  async me(): Promise<Session> {
    const session = await this.get<Session>('/api/v1/auth/me', { expectUnauthenticated: true });
    this.setCsrfToken(session.csrf_token);
    return session;
  }

  // ---------------------------------------------------------------- tickets

  listTickets(
    filters: TicketFilters,
    page: { cursor?: string | null; limit?: number } = {},
    signal?: AbortSignal,
  ): Promise<Page<Ticket>> {
    const query: Query = {
      status: filters.status as QueryValue,
      assignee: filters.assignee,
      group: filters.group,
      tag: filters.tag,
      requester: filters.requester,
      organisation: filters.organisation,
      cursor: page.cursor,
      limit: page.limit,
    };
    return this.get<Page<Ticket>>('/api/v1/tickets', signal ? { query, signal } : { query });
  }

  /** How many tickets match; the server stops counting at 10,000 and then sets `capped`. */
  countTickets(filters: TicketFilters): Promise<{ count: number; capped: boolean }> {
    const query: Query = {
      status: filters.status as QueryValue,
      assignee: filters.assignee,
      group: filters.group,
      tag: filters.tag,
      requester: filters.requester,
      organisation: filters.organisation,
    };
    return this.get<{ count: number; capped: boolean }>('/api/v1/tickets/count', { query });
  }

  getTicket(id: Id): Promise<Ticket> {
    return this.get<Ticket>(`/api/v1/tickets/${id}`);
  }

  /** Changes a ticket if it is still at `version`; else 412 `/problems/precondition-failed`. */
  updateTicket(id: Id, changes: TicketChanges, version?: number): Promise<Ticket> {
    const headers: Record<string, string> = {};
    if (version !== undefined) {
      headers['If-Match'] = `"${version}"`;
    }
    return this.patch<Ticket>(`/api/v1/tickets/${id}`, changes, { headers });
  }

  listMessages(ticketId: Id, page: { cursor?: string | null; limit?: number } = {}) {
    return this.get<Page<Message>>(`/api/v1/tickets/${ticketId}/messages`, {
      query: { cursor: page.cursor, limit: page.limit },
    });
  }

  /** `idempotencyKey` makes a retry of the same reply safe: the server sends it only once. */
  createMessage(ticketId: Id, message: MessageCreate, idempotencyKey?: string): Promise<Message> {
    const headers: Record<string, string> = {};
    if (idempotencyKey) {
      headers['Idempotency-Key'] = idempotencyKey;
    }
    return this.post<Message>(`/api/v1/tickets/${ticketId}/messages`, message, { headers });
  }

  // ---------------------------------------------------------------- people

  listAgents(page: { cursor?: string | null; limit?: number } = {}): Promise<Page<Agent>> {
    return this.get<Page<Agent>>('/api/v1/agents', {
      query: { cursor: page.cursor, limit: page.limit },
    });
  }

  listGroups(page: { cursor?: string | null; limit?: number } = {}): Promise<Page<Group>> {
    return this.get<Page<Group>>('/api/v1/groups', {
      query: { cursor: page.cursor, limit: page.limit },
    });
  }

  // ---------------------------------------------------------------- internals

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const init: RequestInit = { method, credentials: 'same-origin', headers };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    if (UNSAFE_METHODS.has(method) && this.csrfToken) {
      headers['X-CSRF-Token'] = this.csrfToken;
    }
    if (options.signal) {
      init.signal = options.signal;
    }
    try {
      return await fetch(this.baseUrl + path + buildQuery(options.query), init);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') {
        throw e;
      }
      throw new ApiError({
        status: 0,
        type: '/problems/network',
        detail: e instanceof Error ? e.message : String(e),
      });
    }
  }

  private async parseBody<T>(res: Response): Promise<T> {
    if (res.status === 204) {
      return undefined as T;
    }
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async refreshCsrfToken(): Promise<boolean> {
    try {
      const session = await this.me();
      return session.csrf_token !== null;
    } catch {
      return false;
    }
  }

  private report(error: ApiError, options: RequestOptions): ApiError {
    if (error.status === 401 && !options.expectUnauthenticated && this.onUnauthenticated) {
      this.onUnauthenticated();
    }
    return error;
  }
}

/** The client the console uses; tests make their own or replace `fetch`. */
export const api = new ApiClient();
