// The SLA panel of a ticket, as an agent sees it: each clock with its state in words, the time
// left or overdue (moving on every 30 s), the due time in the agent's own zone, a paused clock,
// met and met-late clocks, next response's breaches; nothing for a ticket without a policy;
// a failure with a retry; another ticket, a reload; and the panel in Hindi.
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import type { SlaClock, TicketSla } from '../../api/sla';
import type { Language } from '../../api/types';
import { FakeApi, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import SlaPanel from './SlaPanel.vue';

const NOW = '2026-12-01T10:48:00.000Z';
const SLA = '/api/v1/tickets/1042/sla';

function clock(over: Partial<SlaClock> = {}): SlaClock {
  return {
    metric: 'first_response',
    target_minutes: 60,
    business_hours: false,
    state: 'active',
    started_at: '2026-12-01T10:00:00.000Z',
    due_at: '2026-12-01T11:00:00.000Z',
    fulfilled_at: null,
    elapsed_seconds: 2880,
    breaches: 0,
    ...over,
  };
}

function sla(over: Partial<TicketSla> = {}): TicketSla {
  return {
    policy: { id: 5, name: 'Urgent email' },
    clocks: [
      clock(),
      clock({
        metric: 'next_response',
        target_minutes: 120,
        business_hours: true,
        state: 'breached',
        due_at: '2026-12-01T07:30:00.000Z',
        breaches: 2,
      }),
      clock({
        metric: 'resolution',
        target_minutes: 480,
        business_hours: true,
        state: 'paused',
        due_at: null,
        elapsed_seconds: 4 * 3600 - 600,
      }),
    ],
    next_due_at: '2026-12-01T11:00:00.000Z',
    breached: true,
    ...over,
  };
}

let server: FakeApi;
let unmount: (() => void) | null = null;

function serve(language: Language = 'en', timeZone = 'Asia/Kolkata') {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language, time_zone: timeZone }), csrf_token: 'c' });
  server.on('GET', SLA, sla());
}

const ticketId = ref(1042);
const refreshKey = ref('2026-12-01T10:00:00.000Z');
const panel = ref<InstanceType<typeof SlaPanel> | null>(null);
const Host = defineComponent({
  setup: () => () => h('div', [h(SlaPanel, { ticketId: ticketId.value, refreshKey: refreshKey.value, ref: panel })]),
});

async function open(locale: Language = 'en') {
  const m = await mountScreen(Host, { path: '/tickets/1042', locale });
  unmount = () => m.wrapper.unmount();
  return m.wrapper;
}

type W = Awaited<ReturnType<typeof open>>;
const clockEl = (w: W, metric: string) => w.get(`[data-testid="sla-clock"][data-metric="${metric}"]`);
const text = (w: W, metric: string, id: string) => clockEl(w, metric).get(`[data-testid="${id}"]`).text();

beforeEach(() => {
  ticketId.value = 1042;
  refreshKey.value = '2026-12-01T10:00:00.000Z';
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(new Date(NOW));
  serve();
});

afterEach(() => {
  unmount?.();
  unmount = null;
  vi.useRealTimers();
});

describe('SlaPanel', () => {
  it('shows each clock: state in words, time left or overdue, due time in the agent’s zone', async () => {
    const w = await open();
    expect(server.callsTo('GET', SLA)).toHaveLength(1);
    expect(w.get('[data-testid="sla-policy"]').text()).toBe('Policy: Urgent email');
    const clocks = w.findAll('[data-testid="sla-clock"]');
    expect(clocks.map((c) => c.attributes('data-metric'))).toEqual(['first_response', 'next_response', 'resolution']);

    expect(text(w, 'first_response', 'sla-state')).toContain('Running');
    expect(text(w, 'first_response', 'sla-status')).toBe('Due in 12 min');
    // 11:00 UTC is 16:30 in Kolkata, whatever zone the browser is in.
    const due = clockEl(w, 'first_response').get('[data-testid="sla-due"]');
    expect(due.text()).toBe('Due Dec 1, 2026, 4:30 PM');
    expect(due.attributes('datetime')).toBe('2026-12-01T11:00:00.000Z');
    expect(clockEl(w, 'first_response').text()).toContain('Target: 1 hour, calendar hours');
    expect(clockEl(w, 'first_response').find('[data-testid="sla-breaches"]').exists()).toBe(false);

    expect(text(w, 'next_response', 'sla-state')).toContain('Breached');
    expect(text(w, 'next_response', 'sla-status')).toBe('Overdue by 3 hr 18 min');
    expect(text(w, 'next_response', 'sla-due')).toBe('Was due Dec 1, 2026, 1:00 PM');
    expect(text(w, 'next_response', 'sla-breaches')).toBe('Breached 2 times');
    expect(clockEl(w, 'next_response').classes()).toContain('sla-clock-late');

    expect(text(w, 'resolution', 'sla-state')).toContain('Paused');
    expect(text(w, 'resolution', 'sla-status')).toBe('Paused with 4 hr 10 min left');
    expect(clockEl(w, 'resolution').find('[data-testid="sla-due"]').exists()).toBe(false);
    expect(clockEl(w, 'resolution').text()).toContain('Target: 8 hours, business hours');
    expect(w.get('[data-testid="sla-panel"]').classes()).toContain('sla-panel-breached');
  });

  it('moves its relative times on every 30 seconds without asking the server again', async () => {
    const w = await open();
    expect(text(w, 'first_response', 'sla-status')).toBe('Due in 12 min');
    vi.advanceTimersByTime(30_000);
    await flushPromises();
    expect(text(w, 'first_response', 'sla-status')).toBe('Due in 11 min');
    vi.advanceTimersByTime(12 * 60_000);
    await flushPromises();
    expect(text(w, 'first_response', 'sla-status')).toBe('Overdue by 1 min');
    expect(text(w, 'first_response', 'sla-due')).toBe('Was due Dec 1, 2026, 4:30 PM');
    expect(clockEl(w, 'first_response').classes()).toContain('sla-clock-late');
    expect(server.callsTo('GET', SLA)).toHaveLength(1);
  });

  it('shows the due time in the zone of the agent’s profile', async () => {
    serve('en', 'America/New_York');
    const w = await open();
    expect(text(w, 'first_response', 'sla-due')).toBe('Due Dec 1, 2026, 6:00 AM');
  });

  it('says when a clock was met, and how late', async () => {
    server.on('GET', SLA, sla({
      clocks: [
        clock({ state: 'achieved', fulfilled_at: '2026-12-01T10:20:00.000Z' }),
        clock({
          metric: 'resolution',
          state: 'breached',
          due_at: '2026-12-01T10:30:00.000Z',
          fulfilled_at: '2026-12-01T10:35:00.000Z',
        }),
      ],
    }));
    const w = await open();
    expect(text(w, 'first_response', 'sla-state')).toContain('Met');
    expect(text(w, 'first_response', 'sla-status')).toBe('Met Dec 1, 2026, 3:50 PM');
    expect(text(w, 'resolution', 'sla-status')).toBe('Met Dec 1, 2026, 4:05 PM, 5 min late');
    expect(w.find('[data-testid="sla-due"]').exists()).toBe(false);
  });

  it('shows nothing for a ticket no policy covers, or one the server has no SLA for', async () => {
    server.on('GET', SLA, { policy: null, clocks: [], next_due_at: null, breached: false });
    const w = await open();
    expect(w.find('[data-testid="sla-panel"]').exists()).toBe(false);
    expect(w.find('[data-testid="sla-error"]').exists()).toBe(false);
    expect(w.text()).toBe('');
    unmount?.();

    server.on('GET', SLA, problem(404, 'not-found'));
    const again = await open();
    expect(again.text()).toBe('');
  });

  it('says when the SLA cannot be loaded, and tries again', async () => {
    server.on('GET', SLA, problem(503, 'unavailable'));
    const w = await open();
    expect(w.get('[data-testid="sla-error"]').text()).toContain('The SLA could not be loaded.');
    server.on('GET', SLA, sla());
    await w.get('[data-testid="sla-error"] button').trigger('click');
    await flushPromises();
    expect(w.find('[data-testid="sla-error"]').exists()).toBe(false);
    expect(w.findAll('[data-testid="sla-clock"]')).toHaveLength(3);
  });

  it('loads another ticket’s clocks, and again on reload()', async () => {
    server.on('GET', '/api/v1/tickets/7/sla', sla({ policy: { id: 6, name: 'Chat' }, clocks: [clock()] }));
    const w = await open();
    ticketId.value = 7;
    await flushPromises();
    expect(w.get('[data-testid="sla-policy"]').text()).toBe('Policy: Chat');
    expect(w.findAll('[data-testid="sla-clock"]')).toHaveLength(1);
    await panel.value!.reload();
    await flushPromises();
    expect(server.callsTo('GET', '/api/v1/tickets/7/sla')).toHaveLength(2);
  });

  it('reads the clocks again when the ticket changes (its refresh key)', async () => {
    const w = await open();
    server.on('GET', SLA, sla({ clocks: [clock({ state: 'achieved', fulfilled_at: '2026-12-01T10:47:00.000Z' })], breached: false }));
    refreshKey.value = '2026-12-01T10:47:00.000Z';
    await flushPromises();
    expect(server.callsTo('GET', SLA)).toHaveLength(2);
    expect(w.findAll('[data-testid="sla-clock"]')).toHaveLength(1);
    expect(text(w, 'first_response', 'sla-state')).toContain('Met');
  });

  it('speaks Hindi', async () => {
    serve('hi');
    const w = await open('hi');
    expect(text(w, 'first_response', 'sla-state')).toContain('चल रहा है');
    expect(text(w, 'first_response', 'sla-status')).toBe('12 मि॰ में नियत');
    expect(text(w, 'next_response', 'sla-breaches')).toBe('2 बार चूका');
    expect(clockEl(w, 'first_response').text()).toContain('पहला जवाब');
  });
});
