// A view saved from the results page (filters.q) opened in the inbox: its tickets come from
// the search, in the normal ticket list, and its count is the search's total.
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_COLUMNS } from '../../api/views';
import { FakeApi, json } from '../../testing/fakeApi';
import { agent, group, ticket } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { searchResult, ticketHit } from '../../testing/searchFixtures';
import InboxScreen from '../inbox/InboxScreen.vue';
import { savedView } from '../inbox/savedViewFixture';

let server: FakeApi;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language: 'en', group_ids: [2] }), csrf_token: 'c' });
  server.on('GET', '/api/v1/agents', { data: [agent()], next_cursor: null });
  server.on('GET', '/api/v1/groups', { data: [group({ id: 2, name: 'Shipping' })], next_cursor: null });
  server.on('GET', '/api/v1/views', {
    data: [savedView({ id: 12, name: 'Open parcels', filters: { q: 'पार्सल status:open' }, sort: '-updated_at', columns: [...DEFAULT_COLUMNS] })],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/tickets/count', { count: 2, capped: false });
  server.on('GET', '/api/v1/tickets', { data: [ticket({ id: 9, subject: 'not from the search' })], next_cursor: null });
  server.on('GET', '/api/v1/search', (call) =>
    json(
      200,
      call.query.get('limit') === '1'
        ? searchResult({ total: 37, data: [ticketHit()] })
        : searchResult({
            data: [ticketHit({ id: 5, title: 'पार्सल टूटा हुआ आया', fields: { ...ticketHit().fields, number: 1005 } })],
            next_cursor: 'more',
            total: 37,
          }),
    ),
  );
});

afterEach(async () => {
  for (let i = 0; i < 5; i += 1) {
    await flushPromises();
  }
});

describe('a saved search in the inbox', { timeout: 20_000 }, () => {
  it('lists the search\'s tickets, newest change first, in the normal ticket list, counted by the search', async () => {
    const { wrapper } = await mountScreen(InboxScreen, { path: '/views/saved-12', locale: 'en' });
    for (let i = 0; i < 3; i += 1) await flushPromises();
    expect(wrapper.get('h1').text()).toBe('Open parcels');
    const page = server.callsTo('GET', '/api/v1/search').find((c) => c.query.get('limit') === '50')!;
    expect(page.query.get('q')).toBe('पार्सल status:open');
    expect(page.query.get('type')).toBe('ticket');
    expect(page.query.get('sort')).toBe('-updated_at');
    const rows = wrapper.findAll('tbody tr');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text()).toContain('#1005');
    expect(rows[0]!.text()).toContain('पार्सल टूटा हुआ आया');
    expect(rows[0]!.text()).toContain('Ravi Kumar');
    expect(rows[0]!.get('a.ticket-link').attributes('href')).toBe('/tickets/5');
    expect(wrapper.text()).not.toContain('not from the search');

    const link = wrapper.get('[data-testid=view-link][data-view=saved-12]');
    expect(link.get('.view-count [aria-hidden]').text()).toBe('37');
    wrapper.unmount();
  });
});
