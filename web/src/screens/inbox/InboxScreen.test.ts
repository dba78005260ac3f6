import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Language } from '../../api/types';
import { catalogues } from '../../i18n';
import { FakeApi, json } from '../../testing/fakeApi';
import { agent, group, ticket } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import InboxScreen from './InboxScreen.vue';

let server: FakeApi;

function serve(language: Language) {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language, group_ids: [2] }), csrf_token: 'c' });
  server.on('GET', '/api/v1/agents', { data: [agent()], next_cursor: null });
  server.on('GET', '/api/v1/groups', { data: [group({ id: 2, name: 'Shipping' })], next_cursor: null });
  server.on('GET', '/api/v1/tickets/count', (call) =>
    // Counts: more than 10,000 pending, 2 of everything else.
    call.query.get('status') === 'pending'
      ? json(200, { count: 10000, capped: true })
      : json(200, { count: 2, capped: false }),
  );
  server.on('GET', '/api/v1/tickets', () => {
    return json(200, {
      data: [
        ticket({ id: 1, number: 1001, subject: 'मेरा पार्सल कहाँ है?', status: 'open', assignee_id: 7 }),
        ticket({ id: 2, number: 1002, subject: 'ನನ್ನ ಪಾರ್ಸೆಲ್ ಇನ್ನೂ ಬಂದಿಲ್ಲ', status: 'new', priority: 'urgent', assignee_id: null }),
      ],
      next_cursor: 'page-2',
    });
  });
}

describe('InboxScreen', () => {
  beforeEach(() => serve('en'));

  it('renders views with counts and the first page of tickets in English', async () => {
    const { wrapper } = await mountScreen(InboxScreen, { path: '/views/mine', locale: 'en' });
    const links = wrapper.findAll('.view-nav a');
    expect(links.map((a) => a.get('.view-name').text())).toEqual([
      'My open tickets',
      'Unassigned',
      'Shipping',
      'Pending',
      'On hold',
      'Recently solved',
    ]);
    expect(links[0]!.attributes('aria-current')).toBe('page');
    expect(links[0]!.get('.view-count [aria-hidden]').text()).toBe('2');
    expect(links[0]!.get('.view-count .visually-hidden').text()).toBe('2 tickets');
    expect(links[3]!.get('.view-count [aria-hidden]').text()).toBe('10,000+');
    expect(links[3]!.get('.view-count .visually-hidden').text()).toBe('more than 10,000 tickets');

    expect(wrapper.get('h1').text()).toBe('My open tickets');
    const rows = wrapper.findAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('#1001');
    expect(rows[0]!.get('a.ticket-link').attributes('href')).toBe('/tickets/1');
    expect(rows[0]!.get('.status-badge').text()).toBe('Open');
    expect(rows[0]!.text()).toContain('Meera Rao');
    expect(rows[1]!.text()).toContain('Unassigned');
    expect(rows[1]!.get('.priority-urgent').text()).toBe('Urgent');

    const page = server.calls.find((c) => c.path === '/api/v1/tickets' && c.query.get('limit') === '50')!;
    expect(page.query.get('assignee')).toBe('7');
    expect(page.query.get('status')).toBe('new,open');
    expect(wrapper.get('.pager button:last-of-type').attributes('disabled')).toBeUndefined();
    wrapper.unmount();
  });

  it('moves between rows with the arrow keys', async () => {
    const { wrapper } = await mountScreen(InboxScreen, { path: '/views/mine', locale: 'en' });
    const links = wrapper.findAll<HTMLAnchorElement>('a.ticket-link');
    links[0]!.element.focus();
    await links[0]!.trigger('keydown', { key: 'ArrowDown' });
    expect(document.activeElement).toBe(links[1]!.element);
    await links[1]!.trigger('keydown', { key: 'k' });
    expect(document.activeElement).toBe(links[0]!.element);
    wrapper.unmount();
  });

  it('asks for the next page with the cursor the server gave', async () => {
    const { wrapper } = await mountScreen(InboxScreen, { path: '/views/unassigned', locale: 'en' });
    await wrapper.get('.pager button:last-of-type').trigger('click');
    await flushPromises();
    const last = server.calls.filter((c) => c.query.get('limit') === '50').at(-1)!;
    expect(last.query.get('cursor')).toBe('page-2');
    expect(last.query.get('assignee')).toBe('none');
    expect(wrapper.get('.pager-range').text()).toBe('Tickets 51–52');
    wrapper.unmount();
  });

  it('renders in Kannada, the agent’s language', async () => {
    serve('kn');
    const { wrapper } = await mountScreen(InboxScreen, { path: '/views/pending', locale: 'en' });
    expect(document.documentElement.lang).toBe('kn');
    const names = wrapper.findAll('.view-nav .view-name').map((n) => n.text());
    expect(names[0]).toBe(catalogues.kn.inbox.views.mine);
    expect(names[3]).toBe('ಬಾಕಿ ಇರುವವು');
    expect(wrapper.get('h1').text()).toBe('ಬಾಕಿ ಇರುವವು');
    expect(wrapper.findAll('th').map((th) => th.text())).toContain('ವಿಷಯ');
    expect(wrapper.get('tbody tr .status-badge').text()).toBe('ತೆರೆದಿದೆ');
    expect(wrapper.text()).toContain('ನನ್ನ ಪಾರ್ಸೆಲ್ ಇನ್ನೂ ಬಂದಿಲ್ಲ');
    expect(wrapper.get('.view-nav a[aria-current=page] .visually-hidden').text()).toBe('10,000ಕ್ಕೂ ಹೆಚ್ಚು ಟಿಕೆಟ್‌ಗಳು');
    wrapper.unmount();
  });
});

describe('InboxScreen with a view the agent does not have', () => {
  beforeEach(() => serve('hi'));

  it('says so and links to the agent’s own tickets', async () => {
    const { wrapper } = await mountScreen(InboxScreen, { path: '/views/group-99', locale: 'en' });
    expect(wrapper.get('.notice').text()).toContain('यह व्यू आपके लिए उपलब्ध नहीं है।');
    expect(wrapper.get('.notice a').attributes('href')).toBe('/views/mine');
    expect(wrapper.find('table').exists()).toBe(false);
    wrapper.unmount();
  });
});
