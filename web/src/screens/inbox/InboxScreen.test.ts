import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../api/types';
import { catalogues } from '../../i18n';
import { installShortcutListener } from '../../composables/shortcuts';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group, ticket } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import InboxScreen from './InboxScreen.vue';
import { savedView } from './savedViewFixture';

let server: FakeApi;

function serve(language: Language) {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language, group_ids: [2] }), csrf_token: 'c' });
  server.on('GET', '/api/v1/agents', { data: [agent()], next_cursor: null });
  server.on('GET', '/api/v1/groups', { data: [group({ id: 2, name: 'Shipping' })], next_cursor: null });
  server.on('GET', '/api/v1/views', { data: [], next_cursor: null });
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

// A screen keeps loading (counts, names) after a test has seen what it wanted; let it finish so
// it cannot touch the next test's stores.
afterEach(async () => {
  for (let i = 0; i < 5; i += 1) {
    await flushPromises();
  }
});

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
    await links[1]!.trigger('keydown', { key: 'ArrowUp' });
    expect(document.activeElement).toBe(links[0]!.element);
    await links[0]!.trigger('keydown', { key: 'End' });
    expect(document.activeElement).toBe(links[1]!.element);
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

describe('InboxScreen keyboard shortcuts', () => {
  beforeEach(() => serve('en'));

  it('j and k move the focused row, x selects it, o opens it', async () => {
    const stop = installShortcutListener(window);
    const { wrapper, router } = await mountScreen(InboxScreen, { path: '/views/mine', locale: 'en' });
    const press = (key: string) =>
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    const links = wrapper.findAll<HTMLAnchorElement>('[data-testid=ticket-link]');
    press('j');
    expect(document.activeElement).toBe(links[0]!.element);
    links[0]!.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(links[1]!.element);
    links[1]!.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true, cancelable: true }));
    await flushPromises();
    const rows = wrapper.findAll('[data-testid=ticket-row]');
    expect(rows[1]!.get<HTMLInputElement>('[data-testid=row-select]').element.checked).toBe(true);
    expect(wrapper.find('[data-testid=bulk-bar]').exists()).toBe(true);
    links[1]!.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(links[0]!.element);
    // Opening loads the ticket screen's code; that the inbox asked for the ticket is enough.
    const push = vi.spyOn(router, 'push').mockResolvedValue(undefined);
    links[0]!.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'o', bubbles: true, cancelable: true }));
    expect(push).toHaveBeenCalledWith({ name: 'ticket', params: { id: 1 } });
    wrapper.unmount();
    stop();
  });
});

describe('InboxScreen selection and bulk changes', () => {
  beforeEach(() => serve('en'));

  it('assigns the selected tickets with the bulk bar', async () => {
    server.on('POST', '/api/v1/tickets/bulk', (call) => {
      const { ids } = call.body as { ids: number[] };
      return json(200, { data: ids.map((id) => ticket({ id, number: 1000 + id, assignee_id: 7, status: 'open' })) });
    });
    const { wrapper } = await mountScreen(InboxScreen, { path: '/views/unassigned', locale: 'en' });
    expect(wrapper.find('[data-testid=bulk-bar]').exists()).toBe(false);
    const boxes = wrapper.findAll('[data-testid=row-select]');
    await boxes[0]!.trigger('click');
    await boxes[1]!.trigger('click', { shiftKey: true });
    const bar = wrapper.get('[data-testid=bulk-bar]');
    expect(bar.text()).toContain('2 tickets selected');
    expect(wrapper.get<HTMLInputElement>('[data-testid=select-all]').element.checked).toBe(true);

    await bar.get('[data-testid=bulk-assignee]').setValue('7');
    await bar.get('[data-testid=bulk-apply]').trigger('click');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/tickets/bulk')[0]!.body).toEqual({ ids: [1, 2], changes: { assignee_id: 7 } });
    expect(wrapper.get('[data-testid=inbox-notice]').text()).toBe('2 tickets changed.');
    expect(wrapper.find('[data-testid=bulk-bar]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid=ticket-row]')[1]!.text()).toContain('Meera Rao');
    wrapper.unmount();
  });

  it('puts the rows back and says which tickets refused a status', async () => {
    server.on(
      'POST',
      '/api/v1/tickets/bulk',
      problem(422, 'validation', '', [{ field: 'ids[0]', message: '1: cannot move' }]),
    );
    const { wrapper } = await mountScreen(InboxScreen, { path: '/views/unassigned', locale: 'en' });
    await wrapper.get('[data-testid=select-all]').setValue(true);
    await wrapper.get('[data-testid=bulk-status]').setValue('solved');
    await wrapper.get('[data-testid=bulk-apply]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid=inbox-error]').text()).toBe(
      'Nothing was changed: #1001 cannot move to “Solved” from their current status.',
    );
    const rows = wrapper.findAll('[data-testid=ticket-row]');
    expect(rows[0]!.get('.col-status .status-badge').text()).toBe('Open');
    expect(rows[1]!.get('.col-status .status-badge').text()).toBe('New');
    wrapper.unmount();
  });

  it('asks for a change before sending anything', async () => {
    const { wrapper } = await mountScreen(InboxScreen, { path: '/views/unassigned', locale: 'en' });
    await wrapper.findAll('[data-testid=row-select]')[0]!.trigger('click');
    await wrapper.get('[data-testid=bulk-apply]').trigger('click');
    expect(wrapper.get('.bulk-hint').text()).toBe('Choose a change first.');
    expect(server.callsTo('POST', '/api/v1/tickets/bulk')).toHaveLength(0);
    wrapper.unmount();
  });
});

describe('InboxScreen saved views', () => {
  beforeEach(() => serve('en'));

  it('lists saved views with counts and opens one with its columns and order', async () => {
    server.on('GET', '/api/v1/views', {
      data: [savedView({ id: 12, name: 'Urgent Kannada' }), savedView({ id: 13, name: 'Team', shared: true, owner_id: 1 })],
      next_cursor: null,
    });
    const { wrapper } = await mountScreen(InboxScreen, { path: '/views/saved-12', locale: 'en' });
    const link = wrapper.get('[data-testid=view-link][data-view=saved-12]');
    expect(link.attributes('href')).toBe('/views/saved-12');
    expect(link.attributes('aria-current')).toBe('page');
    expect(link.get('[data-testid=view-count] [aria-hidden]').text()).toBe('2');
    expect(wrapper.findAll('.view-nav-title').map((h) => h.text())).toEqual(['Views', 'My views', 'Shared views']);
    expect(wrapper.get('h1').text()).toBe('Urgent Kannada');
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['Select all tickets on this page', 'Number', 'Subject', 'Priority']);
    const list = server.callsTo('GET', '/api/v1/tickets').at(-1)!;
    expect(list.query.get('sort')).toBe('-created_at');
    expect(list.query.get('priority')).toBe('urgent');
    wrapper.unmount();
  });

  it('saves the open inbox as a new view and opens it', async () => {
    server.on('POST', '/api/v1/views', (call) => json(201, savedView({ id: 30, ...(call.body as object) })));
    const { wrapper, router } = await mountScreen(InboxScreen, { path: '/views/mine', locale: 'en' });
    await wrapper.get('[data-testid=save-view]').trigger('click');
    const dialog = wrapper.get('[role=dialog]');
    expect(dialog.attributes('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(dialog.get('[data-testid=view-name]').element);
    await dialog.get('[data-testid=view-save-confirm]').trigger('click');
    expect(dialog.text()).toContain('Give the view a name.');

    await dialog.get('[data-testid=view-name]').setValue('Mine, oldest first');
    await dialog.get('#view-sort').setValue('created_at');
    await dialog.get('[data-testid=view-save-confirm]').trigger('click');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/views')[0]!.body).toEqual({
      name: 'Mine, oldest first',
      filters: { assignee: 'me', status: ['new', 'open'] },
      sort: 'created_at',
      columns: ['number', 'subject', 'requester', 'status', 'priority', 'assignee', 'updated_at'],
    });
    expect(router.currentRoute.value.fullPath).toBe('/views/saved-30');
    await flushPromises();
    expect(wrapper.find('[role=dialog]').exists()).toBe(false);
    expect(wrapper.get('[data-testid=view-link][data-view=saved-30]').text()).toContain('Mine, oldest first');
    expect(wrapper.get('[data-testid=inbox-notice]').text()).toBe('The view “Mine, oldest first” is saved.');
    wrapper.unmount();
  });

  it('says so when the name is taken, and Escape closes the dialog', async () => {
    server.on('POST', '/api/v1/views', problem(409, 'already-exists'));
    const { wrapper } = await mountScreen(InboxScreen, { path: '/views/mine', locale: 'en' });
    await wrapper.get('[data-testid=save-view]').trigger('click');
    await wrapper.get('[data-testid=view-name]').setValue('Mine');
    await wrapper.get('[data-testid=view-save-confirm]').trigger('click');
    await flushPromises();
    expect(wrapper.get('#view-name-error').text()).toBe('You already have a view with this name. Choose another name.');
    await wrapper.get('[role=dialog]').trigger('keydown', { key: 'Escape' });
    expect(wrapper.find('[role=dialog]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('edits and deletes a saved view after confirmation', async () => {
    server.on('GET', '/api/v1/views', { data: [savedView()], next_cursor: null });
    server.on('PATCH', '/api/v1/views/12', (call) => json(200, savedView({ ...(call.body as object), version: 5 })));
    server.on('DELETE', '/api/v1/views/12', json(204, null));
    const { wrapper, router } = await mountScreen(InboxScreen, { path: '/views/saved-12', locale: 'en' });
    await wrapper.get('[data-testid=edit-view]').trigger('click');
    expect(wrapper.get<HTMLInputElement>('[data-testid=view-name]').element.value).toBe('Urgent Kannada');
    await wrapper.get('input[type=checkbox][value=channel]').setValue(true);
    await wrapper.get('[data-testid=view-save-confirm]').trigger('click');
    await flushPromises();
    const patch = server.callsTo('PATCH', '/api/v1/views/12')[0]!;
    expect(patch.headers.get('If-Match')).toBe('"4"');
    expect((patch.body as { columns: string[] }).columns).toEqual(['number', 'subject', 'priority', 'channel']);
    expect(wrapper.findAll('thead th').map((th) => th.text())).toContain('Channel');

    await wrapper.get('[data-testid=edit-view]').trigger('click');
    await wrapper.get('[data-testid=view-delete]').trigger('click');
    expect(wrapper.get('.confirm-delete').text()).toContain('Delete the view “Urgent Kannada”?');
    await wrapper.get('[data-testid=view-delete-confirm]').trigger('click');
    await flushPromises();
    expect(server.callsTo('DELETE', '/api/v1/views/12')).toHaveLength(1);
    expect(router.currentRoute.value.fullPath).toBe('/views/mine');
    expect(wrapper.find('[data-view=saved-12]').exists()).toBe(false);
    wrapper.unmount();
  });
});
