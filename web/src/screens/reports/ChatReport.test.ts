// Reports → Live chat, as an admin reads it: the promise, waits and missed chats from
// GET /api/v1/analytics/chats with durations in words, the agents, groups and languages
// tables, Hindi, the filter kept in the address and sent, a period without chats, a bad group
// named, tabs that keep the period, and admins only.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChatCounts, ChatFigures, DurationStats } from '../../api/analytics';
import { FakeApi, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import ChatReport from './ChatReport.vue';

function stats(median: number | null = null, over: Partial<DurationStats> = {}): DurationStats {
  return { count: median === null ? 0 : 1, average_seconds: median, median_seconds: median, p90_seconds: median, ...over };
}

function counts(over: Partial<ChatCounts> = {}): ChatCounts {
  return {
    chats: 0, answered: 0, missed: 0, missed_rate: null, waiting: 0, by_assistant: 0, responded: 0,
    within_target: 0, within_target_rate: null, wait: stats(), first_response: stats(),
    duration: stats(), gave_up_after: stats(), ...over,
  };
}

const FIGURES: ChatFigures = {
  from: '2026-11-07', to: '2026-12-06', time_zone: 'Asia/Kolkata', group: null, target_seconds: 60,
  totals: counts({
    chats: 1240, answered: 1180, missed: 60, missed_rate: 0.0484, waiting: 2, responded: 1175,
    within_target: 1100, within_target_rate: 0.9362,
    wait: stats(12), first_response: stats(38, { p90_seconds: 95 }),
    duration: stats(null, { count: 1100, average_seconds: 452.4 }), gave_up_after: stats(3725),
  }),
  by_agent: [
    { ...counts({ chats: 700, answered: 700, within_target_rate: 0.95, wait: stats(9), first_response: stats(30),
      duration: stats(400) }), agent: { id: 3, name: 'रवि कुमार' } },
    { ...counts({ chats: 480, answered: 480, within_target_rate: 0.9, first_response: stats(61) }), agent: { id: 4, name: 'Kavya' } },
  ],
  by_group: [
    { ...counts({ chats: 1200, missed: 55 }), group: { id: 1, name: 'Parcels' } },
    { ...counts({ chats: 40, missed: 5 }), group: null },
  ],
  by_language: [
    { ...counts({ chats: 800 }), language: 'hi' },
    { ...counts({ chats: 400 }), language: 'en' },
    { ...counts({ chats: 40 }), language: '' },
  ],
  days: [
    { date: '2026-12-05', chats: 40, answered: 38, missed: 2, within_target: 35 },
    { date: '2026-12-06', chats: 20, answered: 20, missed: 0, within_target: 20 },
  ],
};

let server: FakeApi;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/groups', {
    data: [{ id: 1, name: 'Parcels', description: '', version: 1 }, { id: 2, name: 'Billing', description: '', version: 1 }],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/analytics/chats', FIGURES);
});

function figureCalls() {
  return server.calls.filter((c) => c.path === '/api/v1/analytics/chats');
}

describe('ChatReport', () => {
  it('shows the promise, waits, missed chats and the tables of the period', async () => {
    const { wrapper } = await mountScreen(ChatReport, { path: '/reports/chats', locale: 'en' });
    expect(wrapper.get('h1').text()).toBe('Live chat report');
    expect(wrapper.get('[data-testid="report-period"]').text()).toBe(
      'Chats started from 2026-11-07 to 2026-12-06 (Asia/Kolkata)');
    expect(wrapper.get('[data-testid="tile-chats"]').text()).toContain('1,240');
    expect(wrapper.get('[data-testid="tile-within-target"]').text()).toContain('93.6%');
    expect(wrapper.get('[data-testid="tile-within-target"]').text()).toContain('First answer within 60 s');
    expect(wrapper.get('[data-testid="tile-first-response"]').text()).toContain('38 s');
    expect(wrapper.get('[data-testid="tile-first-response-p90"]').text()).toContain('1 min 35 s');
    expect(wrapper.get('[data-testid="tile-wait"]').text()).toContain('12 s');
    expect(wrapper.get('[data-testid="tile-missed"]').text()).toContain('4.8%');
    expect(wrapper.get('[data-testid="tile-gave-up"]').text()).toContain('1 h 2 min');
    expect(wrapper.get('[data-testid="tile-duration"]').text()).toContain('7 min 32 s');
    expect((wrapper.get('[data-testid="report-from"]').element as HTMLInputElement).value).toBe('2026-11-07');

    const agents = wrapper.findAll('[data-testid="report-agents"] tbody tr');
    expect(agents.map((r) => r.get('th').text())).toEqual(['रवि कुमार', 'Kavya']);
    expect(agents[0]!.text()).toContain('95%');
    expect(agents[1]!.text()).toContain('1 min 1 s');
    const groups = wrapper.findAll('[data-testid="report-groups"] tbody tr');
    expect(groups.map((r) => r.get('th').text())).toEqual(['Parcels', '(no group)']);
    const languages = wrapper.findAll('[data-testid="report-languages"] tbody tr');
    expect(languages.map((r) => r.get('th').text())).toEqual(['Hindi', 'English', '(not known)']);
    expect(wrapper.findAll('.day-bars li')).toHaveLength(2);
    wrapper.unmount();
  });

  it('speaks Hindi, durations included', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language: 'hi' }), csrf_token: 'c' });
    const { wrapper } = await mountScreen(ChatReport, { path: '/reports/chats', locale: 'hi' });
    expect(wrapper.get('h1').text()).toBe('लाइव चैट रिपोर्ट');
    expect(wrapper.get('[data-testid="tile-first-response"]').text()).toContain('सेकंड');
    expect(wrapper.findAll('[data-testid="report-languages"] tbody tr')[0]!.get('th').text()).toBe('हिंदी');
    wrapper.unmount();
  });

  it('sends the period and group, and keeps them in the address', async () => {
    const { wrapper, router } = await mountScreen(ChatReport, {
      path: '/reports/chats?from=2026-11-01&group=2', locale: 'en',
    });
    expect(figureCalls()[0]!.query.get('from')).toBe('2026-11-01');
    expect(figureCalls()[0]!.query.get('group')).toBe('2');
    expect(figureCalls()[0]!.query.has('to')).toBe(false);
    const options = wrapper.findAll('[data-testid="report-group"] option');
    expect(options.map((o) => o.text())).toEqual(['Every group', 'Parcels', 'Billing']);
    await wrapper.get('[data-testid="report-to"]').setValue('2026-11-30');
    await wrapper.get('[data-testid="report-group"]').setValue('1');
    await wrapper.get('[data-testid="report-filter"]').trigger('submit');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ from: '2026-11-07', to: '2026-11-30', group: '1' });
    const last = figureCalls().at(-1)!;
    expect([last.query.get('to'), last.query.get('group')]).toEqual(['2026-11-30', '1']);
    wrapper.unmount();
  });

  it('says so when no chats were started', async () => {
    server.on('GET', '/api/v1/analytics/chats', {
      ...FIGURES, totals: counts(), by_agent: [], by_group: [], by_language: [],
      days: [{ date: '2026-12-06', chats: 0, answered: 0, missed: 0, within_target: 0 }],
    });
    const { wrapper } = await mountScreen(ChatReport, { path: '/reports/chats', locale: 'en' });
    expect(wrapper.get('[data-testid="report-empty"]').text()).toBe('No chats were started in this period.');
    expect(wrapper.get('[data-testid="tile-within-target"]').text()).toContain('—');
    expect(wrapper.get('[data-testid="tile-wait"]').text()).toContain('—');
    expect(wrapper.find('[data-testid="report-agents"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('names a bad group', async () => {
    server.on('GET', '/api/v1/analytics/chats', problem(422, 'validation', 'no group has that id',
      [{ field: 'group', message: 'is not the id of a group of this workspace' }]));
    const { wrapper } = await mountScreen(ChatReport, { path: '/reports/chats?group=99', locale: 'en' });
    expect(wrapper.get('[data-testid="report-error"]').text()).toContain(
      'Group: is not the id of a group of this workspace');
    expect(wrapper.get('[data-testid="report-group"]').attributes('aria-invalid')).toBe('true');
    expect(wrapper.find('[data-testid="tile-chats"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('has tabs to the shipments report that keep the period', async () => {
    const { wrapper } = await mountScreen(ChatReport, {
      path: '/reports/chats?from=2026-11-01&to=2026-11-30&group=1', locale: 'en',
    });
    const tab = wrapper.get('[data-testid="report-tab-reports-shipments"]');
    expect(tab.text()).toBe('Shipments');
    expect(wrapper.get('[data-testid="report-tab-reports-chats"]').attributes('aria-current')).toBe('page');
    expect(tab.attributes('href')).toBe('/reports/shipments?from=2026-11-01&to=2026-11-30');
    wrapper.unmount();
  });

  it('is for admins only: an agent is sent to the inbox', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 2, role: 'agent' }), csrf_token: 'c' });
    const { router } = await mountScreen(ChatReport, { path: '/reports/chats', locale: 'en' });
    expect(router.currentRoute.value.name).toBe('inbox');
  });
});
