// A stand-in for the server's HTTP answers in unit tests: `fetch` is replaced by a function
// that looks the request up in a table of handlers and records every call.
import { vi } from 'vitest';

export interface Call {
  method: string;
  /** The path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

export type Handler = (call: Call) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function problem(
  status: number,
  kind: string,
  detail = '',
  errors: { field: string; message: string }[] = [],
  headers: Record<string, string> = {},
): Response {
  const body: Record<string, unknown> = { type: `/problems/${kind}`, title: 'Error', status, detail };
  if (errors.length > 0) {
    body.errors = errors;
  }
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

/** JSON bodies as values; any other text (an .ics file) as it was sent. */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export class FakeApi {
  readonly calls: Call[] = [];
  private readonly handlers = new Map<string, Handler>();

  /**
   * Answers `method path` (path without query), replacing an earlier answer: with a handler, a
   * Response (cloned for each call) or a value sent as JSON with status 200.
   */
  on(method: string, path: string, handler: Handler): this;
  on(method: string, path: string, response: Response | object): this;
  on(method: string, path: string, handler: Handler | Response | object): this {
    const h: Handler =
      typeof handler === 'function'
        ? (handler as Handler)
        : handler instanceof Response
          ? () => (handler as Response).clone()
          : () => json(200, handler);
    this.handlers.set(`${method} ${path}`, h);
    return this;
  }

  readonly fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://console.test');
    const call: Call = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? parseBody(init.body) : undefined,
      credentials: init.credentials,
    };
    this.calls.push(call);
    const handler = this.handlers.get(`${call.method} ${call.path}`);
    if (!handler) {
      return problem(404, 'not-found', `no fake for ${call.method} ${call.path}`);
    }
    return handler(call);
  });

  /** Makes this the global fetch until the test ends (vitest's unstubGlobals). */
  install(): this {
    vi.stubGlobal('fetch', this.fetch);
    return this;
  }

  callsTo(method: string, path: string): Call[] {
    return this.calls.filter((c) => c.method === method && c.path === path);
  }
}
