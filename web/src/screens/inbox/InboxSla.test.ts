// SLAs in the inbox: each row shows its ticket's SLA badge (overdue, due in …, or nothing), and
// the order menu offers "SLA due soonest first", which asks the server for sort=sla_due_at.
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeApi, json } from '../../testing/fakeApi';
import { agent, group, ticket } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import InboxScreen from './InboxScreen.vue';

let server: FakeApi;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T10:35:00.000Z'));
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ group_ids: [2] }), csrf_token: 'c' });
  server.on('GET', '/api/v1/agents', { data: [agent()], next_cursor: null });
  server.on('GET', '/api/v1/groups', { data: [group({ id: 2, name: 'Shipping' })], next_cursor: null });
  server.on('GET', '/api/v1/views', { data: [], next_cursor: null });
  server.on('GET', '/api/v1/tickets/count', { count: 3, capped: false });
  server.on('GET', '/api/v1/tickets', () =>
    json(200, {
      data: [
        ticket({ id: 1, number: 1001, sla_due_at: '2026-12-01T10:00:00.000Z', sla_breached: true }),
        ticket({ id: 2, number: 1002, sla_due_at: '2026-12-01T11:00:00.000Z', sla_breached: false }),
        ticket({ id: 3, number: 1003, sla_due_at: null, sla_breached: false }),
      ],
      next_cursor: null,
    }),
  );
});

afterEach(async () => {
  for (let i = 0; i < 5; i += 1) {
    await flushPromises();
  }
  vi.useRealTimers();
});

describe('Inbox SLAs', () => {
  it('shows each row’s SLA badge and orders the list by SLA due time', async () => {
    const { wrapper } = await mountScreen(InboxScreen, { path: '/views/mine', locale: 'en' });
    const rows = wrapper.findAll('[data-testid="ticket-row"]');
    expect(rows.map((r) => r.find('[data-testid="sla-badge"]').exists() && r.get('[data-testid="sla-badge"]').text())).toEqual([
      'SLA:! Overdue',
      'SLA:◷ Due in 25 min',
      false,
    ]);

    const select = wrapper.get('[data-testid="sort-select"]');
    const option = select.findAll('option').find((o) => o.attributes('value') === 'sla_due_at')!;
    expect(option.text()).toBe('SLA due soonest first');
    await select.setValue('sla_due_at');
    await flushPromises();
    const last = server.callsTo('GET', '/api/v1/tickets').at(-1)!;
    expect(last.query.get('sort')).toBe('sla_due_at');
    wrapper.unmount();
  });
});
