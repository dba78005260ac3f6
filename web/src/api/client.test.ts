import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { agent, ticket } from '../testing/fixtures';
import { ApiClient, ApiError, buildQuery, isApiError } from './client';

let server: FakeApi;
let client: ApiClient;

beforeEach(() => {
  server = new FakeApi().install();
  client = new ApiClient();
});

function signIn(token = 'csrf-1'): Promise<unknown> {
  server.on('POST', '/api/v1/auth/login', { agent: agent(), csrf_token: token });
  return client.login('meera@example.in', 'secret', false);
}

describe('CSRF token', () => {
  it('is sent as X-CSRF-Token on POST and PATCH after login, never on GET', async () => {
    await signIn('csrf-1');
    server.on('GET', '/api/v1/tickets/1042', ticket());
    server.on('PATCH', '/api/v1/tickets/1042', ticket({ status: 'pending' }));
    server.on('POST', '/api/v1/tickets/1042/messages', json(201, { id: 1 }));

    await client.getTicket(1042);
    await client.updateTicket(1042, { status: 'pending' }, 3);
    await client.createMessage(1042, { body: 'Namaste', public: true });

    const login = server.callsTo('POST', '/api/v1/auth/login')[0]!;
    expect(login.headers.has('X-CSRF-Token')).toBe(false);
    expect(server.callsTo('GET', '/api/v1/tickets/1042')[0]!.headers.has('X-CSRF-Token')).toBe(false);
    expect(server.callsTo('PATCH', '/api/v1/tickets/1042')[0]!.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(
      server.callsTo('POST', '/api/v1/tickets/1042/messages')[0]!.headers.get('X-CSRF-Token'),
    ).toBe('csrf-1');
  });

  it('comes from GET /auth/me when the page restores a session', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent(), csrf_token: 'from-me' });
    server.on('POST', '/api/v1/auth/logout', json(204, null));
    await client.me();
    await client.logout();
    expect(server.callsTo('POST', '/api/v1/auth/logout')[0]!.headers.get('X-CSRF-Token')).toBe('from-me');
    expect(client.getCsrfToken()).toBeNull();
  });

  it('is fetched again once when the server says it is stale, and the request repeated', async () => {
    await signIn('old');
    let patches = 0;
    server.on('PATCH', '/api/v1/tickets/1042', (call) => {
      patches += 1;
      return call.headers.get('X-CSRF-Token') === 'new'
        ? json(200, ticket({ priority: 'high' }))
        : problem(403, 'csrf', 'send the CSRF token');
    });
    server.on('GET', '/api/v1/auth/me', { agent: agent(), csrf_token: 'new' });

    const t = await client.updateTicket(1042, { priority: 'high' });
    expect(t.priority).toBe('high');
    expect(patches).toBe(2);
  });
});

describe('requests', () => {
  it('send JSON with the same-origin cookie', async () => {
    await signIn();
    const login = server.calls[0]!;
    expect(login.credentials).toBe('same-origin');
    expect(login.headers.get('Content-Type')).toBe('application/json');
    expect(login.body).toEqual({ email: 'meera@example.in', password: 'secret', remember_me: false });
  });

  it('put ticket filters and the cursor in the query', async () => {
    server.on('GET', '/api/v1/tickets', { data: [], next_cursor: null });
    await client.listTickets({ status: ['new', 'open'], assignee: 'none' }, { cursor: 'abc', limit: 100 });
    const q = server.calls[0]!.query;
    expect(q.get('status')).toBe('new,open');
    expect(q.get('assignee')).toBe('none');
    expect(q.get('cursor')).toBe('abc');
    expect(q.get('limit')).toBe('100');
    expect(q.has('group')).toBe(false);
  });

  it('send If-Match with the version on updates and the Idempotency-Key on replies', async () => {
    server.on('PATCH', '/api/v1/tickets/5', ticket({ id: 5 }));
    server.on('POST', '/api/v1/tickets/5/messages', json(201, { id: 9 }));
    await client.updateTicket(5, { tags: ['ಪಾರ್ಸೆಲ್'] }, 12);
    await client.createMessage(5, { body: 'x', public: false }, 'key-1');
    expect(server.calls[0]!.headers.get('If-Match')).toBe('"12"');
    expect(server.calls[0]!.body).toEqual({ tags: ['ಪಾರ್ಸೆಲ್'] });
    expect(server.calls[1]!.headers.get('Idempotency-Key')).toBe('key-1');
  });

  it('leave empty filters out of the query', () => {
    expect(buildQuery({ a: undefined, b: null, c: '', d: 0 })).toBe('?d=0');
    expect(buildQuery({})).toBe('');
  });
});

describe('errors', () => {
  it('parse problem+json into type, detail and errors[]', async () => {
    server.on(
      'PATCH',
      '/api/v1/tickets/1042',
      problem(422, 'validation', 'the body names invalid fields', [
        { field: 'priority', message: 'must be one of low, normal, high, urgent' },
      ]),
    );
    const error = await client.updateTicket(1042, { subject: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e.status).toBe(422);
    expect(e.type).toBe('/problems/validation');
    expect(e.detail).toBe('the body names invalid fields');
    expect(e.errors).toEqual([{ field: 'priority', message: 'must be one of low, normal, high, urgent' }]);
    expect(e.fieldError('priority')).toMatch(/must be one of/);
    expect(isApiError(e, '/problems/validation')).toBe(true);
    expect(isApiError(e, '/problems/not-found')).toBe(false);
  });

  it('tell a wrong password from a locked account, with Retry-After when given', async () => {
    server.on('POST', '/api/v1/auth/login', problem(401, 'invalid-credentials'));
    await expect(client.login('a@b.in', 'x', false)).rejects.toMatchObject({
      status: 401,
      type: '/problems/invalid-credentials',
    });
    server.on(
      'POST',
      '/api/v1/auth/login',
      problem(423, 'account-locked', 'try again in 15 minutes', [], { 'Retry-After': '840' }),
    );
    await expect(client.login('a@b.in', 'x', false)).rejects.toMatchObject({
      status: 423,
      type: '/problems/account-locked',
      retryAfter: 840,
    });
  });

  it('still give an error for a body that is not problem+json', async () => {
    server.on(
      'GET',
      '/api/v1/groups',
      () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } }),
    );
    await expect(client.listGroups()).rejects.toMatchObject({ status: 502, type: 'about:blank' });
  });

  it('turn a failed fetch into /problems/network', async () => {
    server.fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(client.listAgents()).rejects.toMatchObject({ status: 0, type: '/problems/network' });
  });

  it('report an unexpected 401 to onUnauthenticated, but not one from sign-in', async () => {
    const ended = vi.fn();
    client.onUnauthenticated = ended;
    server.on('POST', '/api/v1/auth/login', problem(401, 'invalid-credentials'));
    await client.login('a@b.in', 'x', false).catch(() => undefined);
    expect(ended).not.toHaveBeenCalled();

    server.on('GET', '/api/v1/tickets', problem(401, 'unauthenticated'));
    await client.listTickets({}).catch(() => undefined);
    expect(ended).toHaveBeenCalledTimes(1);
  });
});
