import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api/client';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { searchResult, ticketHit } from '../testing/searchFixtures';
import { useSearchStore } from './search';

let server: FakeApi;

beforeEach(() => {
  setActivePinia(createPinia());
  server = new FakeApi().install();
  api.setCsrfToken(null);
});

describe('search store', () => {
  it('runs a search with facets, then loads more pages with the cursor, without facets', async () => {
    server.on('GET', '/api/v1/search', (call) =>
      call.query.get('cursor') === 'p2'
        ? json(200, searchResult({ data: [ticketHit({ id: 1 }), ticketHit({ id: 2 })], next_cursor: null }))
        : json(200, searchResult({ data: [ticketHit({ id: 1 })], next_cursor: 'p2', total: 12000, total_exact: false, facets: { status: { open: 2 } } })),
    );
    const s = useSearchStore();
    await s.run({ q: 'पार्सल', types: ['ticket'], sort: 'relevance' });
    expect(s.hits.map((h) => h.id)).toEqual([1]);
    expect(s.total).toBe(12000);
    expect(s.totalExact).toBe(false);
    expect(s.facets?.status?.open).toBe(2);
    expect(server.calls[0]!.query.get('facets')).toBe('1');

    await s.loadMore();
    // The hit already shown is not shown twice.
    expect(s.hits.map((h) => h.id)).toEqual([1, 2]);
    expect(s.nextCursor).toBeNull();
    const more = server.calls[1]!;
    expect(more.query.get('cursor')).toBe('p2');
    expect(more.query.get('type')).toBe('ticket');
    expect(more.query.has('facets')).toBe(false);
    // Nothing more to load: no request.
    await s.loadMore();
    expect(server.calls).toHaveLength(2);
  });

  it('keeps only the answer of the latest search when an older one arrives late', async () => {
    const pending: ((r: Response) => void)[] = [];
    server.on('GET', '/api/v1/search', () => new Promise<Response>((resolve) => pending.push(resolve)));
    const s = useSearchStore();
    const first = s.run({ q: 'old', types: [], sort: 'relevance' });
    const second = s.run({ q: 'new', types: [], sort: 'relevance' });
    pending[1]!(json(200, searchResult({ data: [ticketHit({ id: 2, title: 'new' })], query: 'new' })));
    await second;
    pending[0]!(json(200, searchResult({ data: [ticketHit({ id: 1, title: 'old' })], query: 'old' })));
    await first;
    expect(s.hits.map((h) => h.title)).toEqual(['new']);
    expect(s.canonical).toBe('new');
    expect(s.loading).toBe(false);
  });

  it('asks nothing for an empty query, keeps problems with the query they belong to, and keeps errors', async () => {
    const s = useSearchStore();
    await s.run({ q: '  ', types: [], sort: 'relevance' });
    expect(server.calls).toHaveLength(0);
    expect(s.done).toBe(false);

    server.on('GET', '/api/v1/search', searchResult({
      data: [],
      total: 0,
      problems: [{ code: 'unclosed-quote', message: 'Unclosed quote', begin: 0, end: 3, ignored: false }],
    }));
    await s.run({ q: '"ab', types: [], sort: 'relevance' });
    expect(s.problems[0]!.code).toBe('unclosed-quote');
    expect(s.problemsQuery).toBe('"ab');
    expect(s.done).toBe(true);

    server.on('GET', '/api/v1/search', problem(503, 'unavailable'));
    await s.run({ q: 'x', types: [], sort: 'relevance' });
    expect(s.error?.type).toBe('/problems/unavailable');
    expect(s.hits).toEqual([]);
  });
});
