import { beforeEach, describe, expect, it } from 'vitest';
import { api } from './client';
import { hitRoute, search, suggest } from './search';
import { FakeApi, problem } from '../testing/fakeApi';
import { searchResult } from '../testing/searchFixtures';

let server: FakeApi;

beforeEach(() => {
  server = new FakeApi().install();
  api.setCsrfToken(null);
});

describe('search API', () => {
  it('sends the query as typed, the types, the order and facets; relevance is left out', async () => {
    server.on('GET', '/api/v1/search', searchResult({ facets: { status: { open: 3 } } }));
    const r = await search({ q: 'पार्सल status:open', types: ['ticket', 'contact'], sort: '-updated_at', limit: 25, facets: true });
    const call = server.callsTo('GET', '/api/v1/search')[0]!;
    expect(call.query.get('q')).toBe('पार्सल status:open');
    expect(call.query.get('type')).toBe('ticket,contact');
    expect(call.query.get('sort')).toBe('-updated_at');
    expect(call.query.get('facets')).toBe('1');
    expect(call.query.get('limit')).toBe('25');
    expect(r.facets?.status?.open).toBe(3);
    expect(r.data[0]!.fields.number).toBe(1042);

    await search({ q: 'x', sort: 'relevance', cursor: 'c2' });
    const second = server.callsTo('GET', '/api/v1/search')[1]!;
    expect(second.query.has('sort')).toBe(false);
    expect(second.query.has('type')).toBe(false);
    expect(second.query.has('facets')).toBe(false);
    expect(second.query.get('cursor')).toBe('c2');
  });

  it('fills members an older server leaves out and throws problem+json as ApiError', async () => {
    server.on('GET', '/api/v1/search', { data: [], total: 0 });
    const r = await search({ q: 'x' });
    expect(r).toEqual({ data: [], next_cursor: null, total: 0, total_exact: true, problems: [], query: 'x' });
    server.on('GET', '/api/v1/search', problem(422, 'validation', 'bad cursor'));
    await expect(search({ q: 'x', cursor: 'junk' })).rejects.toMatchObject({ status: 422, type: '/problems/validation' });
  });

  it('asks for suggestions with a limit and passes the abort signal', async () => {
    server.on('GET', '/api/v1/search/suggest', { data: [{ type: 'contact', id: 31, title: 'Ravi Kumar', detail: 'ravi@example.in' }] });
    const list = await suggest('रवि', 8);
    expect(list[0]!.title).toBe('Ravi Kumar');
    const call = server.callsTo('GET', '/api/v1/search/suggest')[0]!;
    expect(call.query.get('q')).toBe('रवि');
    expect(call.query.get('limit')).toBe('8');

    const controller = new AbortController();
    controller.abort();
    server.fetch.mockImplementationOnce(async (_input, init) => {
      expect(init?.signal?.aborted).toBe(true);
      throw new DOMException('aborted', 'AbortError');
    });
    await expect(suggest('x', 8, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('opens tickets and contacts on their pages', () => {
    expect(hitRoute({ type: 'ticket', id: 5 })).toEqual({ name: 'ticket', params: { id: '5' } });
    expect(hitRoute({ type: 'contact', id: 6 })).toEqual({ name: 'contact', params: { id: '6' } });
    expect(hitRoute({ type: 'article', id: 6 })).toBeNull();
  });
});
