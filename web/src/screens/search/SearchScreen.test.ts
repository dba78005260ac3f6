import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { searchResult, ticketHit } from '../../testing/searchFixtures';
import SearchScreen from './SearchScreen.vue';

let server: FakeApi;
let wrapper: VueWrapper | null = null;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language: 'hi' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/agents', { data: [agent()], next_cursor: null });
  server.on('GET', '/api/v1/groups', { data: [group({ id: 2, name: 'Shipping' })], next_cursor: null });
  server.on('GET', '/api/v1/views', { data: [], next_cursor: null });
  server.on('GET', '/api/v1/search', (call) =>
    json(
      200,
      searchResult({
        query: call.query.get('q') ?? '',
        facets: { status: { open: 3, pending: 1 }, group: { '2': 4 }, channel: { email: 4 }, priority: { high: 4 } },
      }),
    ),
  );
});

afterEach(async () => {
  wrapper?.unmount();
  wrapper = null;
  for (let i = 0; i < 5; i += 1) {
    await flushPromises();
  }
});

/** The agent signs in with `language`, which picks the console's language. */
function signedInAs(language: 'en' | 'hi' | 'kn'): void {
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'c' });
}

function searches() {
  return server.callsTo('GET', '/api/v1/search');
}

describe('SearchScreen', { timeout: 20_000 }, () => {
  it('shows the hits of the URL\'s query in Hindi with highlights, ticket facts and facets', async () => {
    const m = await mountScreen(SearchScreen, { path: '/search?q=पार्सल', locale: 'hi' });
    wrapper = m.wrapper;
    await flushPromises();
    const call = searches()[0]!;
    expect(call.query.get('q')).toBe('पार्सल');
    expect(call.query.get('facets')).toBe('1');
    expect(wrapper.get('h1').text()).toBe('खोज');
    expect(wrapper.get('[data-testid="search-query"]').element).toHaveProperty('value', 'पार्सल');
    expect(wrapper.get('[data-testid="search-total"]').text()).toBe('1 नतीजा');

    const hit = wrapper.get('[data-testid="search-hit"]');
    expect(hit.get('[data-testid="search-hit-link"]').attributes('href')).toBe('/tickets/1042');
    expect(hit.get('[data-testid="search-hit-link"]').text()).toBe('मेरा पार्सल कहाँ है?');
    expect(hit.get('.ticket-number').text()).toBe('#1042');
    expect(hit.get('.status-badge').text()).toBe('खुला');
    expect(hit.text()).toContain('अनुरोधकर्ता: Ravi Kumar');
    expect(hit.find('time').exists()).toBe(true);
    expect(hit.get('[data-testid="search-snippet"] mark').text()).toBe('पार्सल');

    const facets = wrapper.get('[data-testid="facet-panel"]');
    const group = facets.get('[data-facet="group"][data-testid="facet-value"]');
    expect(group.get('.facet-label').text()).toBe('Shipping');
    const open = facets.get('[data-facet="status"][data-value="open"]');
    expect(open.text()).toContain('खुला');
    expect(open.get('.facet-count').text()).toBe('3');
  });

  it('narrows the query with a clicked facet and follows back and forward', async () => {
    const m = await mountScreen(SearchScreen, { path: '/search?q=पार्सल', locale: 'en' });
    wrapper = m.wrapper;
    await flushPromises();
    await wrapper.get('[data-facet="status"][data-value="open"]').trigger('click');
    await flushPromises();
    expect(m.router.currentRoute.value.query.q).toBe('पार्सल status:open');
    expect(searches().at(-1)!.query.get('q')).toBe('पार्सल status:open');
    expect(wrapper.get('[data-testid="search-query"]').element).toHaveProperty('value', 'पार्सल status:open');

    // The same facet twice does not repeat the term.
    await wrapper.get('[data-facet="status"][data-value="open"]').trigger('click');
    await flushPromises();
    expect(m.router.currentRoute.value.query.q).toBe('पार्सल status:open');

    await wrapper.get('[data-testid="search-tab"][data-tab="ticket"]').trigger('click');
    await vi.waitFor(() => expect(m.router.currentRoute.value.query.type).toBe('ticket'));
    await flushPromises();
    expect(searches().at(-1)!.query.get('type')).toBe('ticket');
    expect(wrapper.get('[data-tab="ticket"]').attributes('aria-current')).toBe('page');

    await wrapper.get('[data-testid="search-sort"]').setValue('-updated_at');
    await flushPromises();
    expect(m.router.currentRoute.value.query).toEqual({ q: 'पार्सल status:open', type: 'ticket', sort: '-updated_at' });
    expect(searches().at(-1)!.query.get('sort')).toBe('-updated_at');

    m.router.back();
    await vi.waitFor(() => expect(m.router.currentRoute.value.query.sort).toBeUndefined());
    await flushPromises();
    expect(searches().at(-1)!.query.has('sort')).toBe(false);
    expect((wrapper.get('[data-testid="search-sort"]').element as HTMLSelectElement).value).toBe('relevance');
  });

  it('explains problems in the agent\'s language and underlines the part of the query', async () => {
    const q = 'पार्सल स्थिति:खुला "देर';
    const at = (s: string) => Array.from(q.slice(0, q.indexOf(s))).length;
    server.on('GET', '/api/v1/search', searchResult({
      query: 'पार्सल',
      problems: [
        { code: 'unknown-field', message: 'Unknown field', begin: at('स्थिति'), end: at(' "देर'), ignored: true },
        { code: 'brand-new-code', message: 'Something the console does not know', begin: at('"'), end: Array.from(q).length, ignored: false },
      ],
    }));
    const m = await mountScreen(SearchScreen, { path: `/search?q=${encodeURIComponent(q)}`, locale: 'hi' });
    wrapper = m.wrapper;
    await flushPromises();
    const parts = wrapper.findAll('[data-testid="problem-part"]').map((p) => p.text());
    expect(parts).toEqual(['स्थिति:खुला', '"देर']);
    const items = wrapper.findAll('[data-testid="search-problem"]').map((p) => p.text());
    expect(items[0]).toBe('“स्थिति:खुला”: ऐसा कोई फ़िल्टर नहीं है। यह हिस्सा खोज में शामिल नहीं किया गया।');
    expect(items[1]).toBe('“"देर”: Something the console does not know');
  });

  it('loads more hits with the cursor and says "about" for an estimated total', async () => {
    server.on('GET', '/api/v1/search', (call) =>
      call.query.get('cursor') === 'next'
        ? json(200, searchResult({ data: [ticketHit({ id: 2, title: 'दूसरा' })], next_cursor: null }))
        : json(200, searchResult({ data: [ticketHit({ id: 1 })], next_cursor: 'next', total: 12345, total_exact: false })),
    );
    signedInAs('en');
    const m = await mountScreen(SearchScreen, { path: '/search?q=parcel', locale: 'en' });
    wrapper = m.wrapper;
    await flushPromises();
    expect(wrapper.get('[data-testid="search-total"]').text()).toBe('about 12,345 results');
    await wrapper.get('[data-testid="search-more"]').trigger('click');
    await flushPromises();
    expect(wrapper.findAll('[data-testid="search-hit"]')).toHaveLength(2);
    expect(wrapper.find('[data-testid="search-more"]').exists()).toBe(false);
  });

  it('shows text instead of markup a snippet should not hold', async () => {
    server.on('GET', '/api/v1/search', searchResult({
      data: [ticketHit({ snippet: '<img src=x onerror="alert(1)"> <mark>refund</mark>' })],
    }));
    const m = await mountScreen(SearchScreen, { path: '/search?q=refund', locale: 'en' });
    wrapper = m.wrapper;
    await flushPromises();
    const snippet = wrapper.get('[data-testid="search-snippet"]');
    expect(snippet.find('img').exists()).toBe(false);
    expect(snippet.text()).toContain('<img src=x onerror="alert(1)">');
    expect(snippet.get('mark').text()).toBe('refund');
  });

  it('has an empty state, an error state with retry, and a prompt without a query', async () => {
    server.on('GET', '/api/v1/search', searchResult({ data: [], total: 0 }));
    signedInAs('kn');
    const m = await mountScreen(SearchScreen, { path: '/search?q=zzz', locale: 'kn' });
    wrapper = m.wrapper;
    await flushPromises();
    expect(wrapper.get('[data-testid="search-empty"]').text()).toContain('“zzz” ಗೆ ಯಾವುದೂ ಹೊಂದಿಕೆಯಾಗಲಿಲ್ಲ.');

    server.on('GET', '/api/v1/search', problem(503, 'unavailable'));
    await m.router.push('/search?q=yyy');
    await flushPromises();
    expect(wrapper.find('[data-testid="search-error"]').exists()).toBe(true);
    server.on('GET', '/api/v1/search', searchResult());
    await wrapper.get('[data-testid="search-error"] button').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="search-error"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid="search-hit"]')).toHaveLength(1);

    const before = searches().length;
    await m.router.push('/search');
    await flushPromises();
    expect(wrapper.find('[data-testid="search-start"]').exists()).toBe(true);
    expect(searches()).toHaveLength(before);
  });

  it('opens the syntax help and saves the query as a personal view', async () => {
    server.on('POST', '/api/v1/views', (call) => {
      const body = call.body as { name: string; filters: object; sort: string; columns: string[] };
      return json(201, { id: 44, shared: false, owner_id: 7, position: 3, version: 1, created_at: '', updated_at: '', ...body });
    });
    const m = await mountScreen(SearchScreen, { path: '/search?q=पार्सल status:open', locale: 'hi' });
    wrapper = m.wrapper;
    await flushPromises();
    await wrapper.get('[data-testid="search-help-toggle"]').trigger('click');
    expect(wrapper.get('[data-testid="search-help"]').text()).toContain('ठीक यही वाक्यांश, इसी क्रम में');

    await wrapper.get('[data-testid="search-save-view"]').trigger('click');
    const name = wrapper.get('[data-testid="save-search-name"]');
    expect((name.element as HTMLInputElement).value).toBe('पार्सल status:open');
    await name.setValue('खुले पार्सल');
    await wrapper.get('[data-testid="save-search-dialog"]').trigger('submit');
    await flushPromises();
    const post = server.callsTo('POST', '/api/v1/views')[0]!;
    expect(post.body).toEqual({
      name: 'खुले पार्सल',
      filters: { q: 'पार्सल status:open' },
      sort: '-updated_at',
      columns: ['number', 'subject', 'requester', 'status', 'priority', 'assignee', 'updated_at'],
    });
    expect(wrapper.get('[data-testid="search-saved"]').text()).toContain('व्यू “खुले पार्सल” के रूप में सेव हो गया।');
    expect(wrapper.get('[data-testid="search-saved-link"]').attributes('href')).toBe('/views/saved-44');
  });

  it('says so when the agent already has a view of that name', async () => {
    server.on('POST', '/api/v1/views', problem(409, 'already-exists'));
    signedInAs('en');
    const m = await mountScreen(SearchScreen, { path: '/search?q=refund', locale: 'en' });
    wrapper = m.wrapper;
    await flushPromises();
    await wrapper.get('[data-testid="search-save-view"]').trigger('click');
    await wrapper.get('[data-testid="save-search-dialog"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#save-search-error').text()).toBe('You already have a view called “refund”.');
  });
});
