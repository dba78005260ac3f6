// The SLA badge of a ticket row: "Overdue" for a breached ticket or a due time passed, "Due in
// 25 min" (marked soon inside the hour) while a clock runs, nothing otherwise; its tooltip is
// the due time in the agent's zone; it moves on with the 30-second clock; and in Kannada.
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import type { Language } from '../api/types';
import { FakeApi } from '../testing/fakeApi';
import { agent } from '../testing/fixtures';
import { mountScreen } from '../testing/mountScreen';
import SlaBadge from './SlaBadge.vue';

const NOW = '2026-12-01T10:35:00.000Z';

const dueAt = ref<string | null>(null);
const breached = ref(false);
const Host = defineComponent({
  setup: () => () => h('div', [h(SlaBadge, { dueAt: dueAt.value, breached: breached.value })]),
});

let unmount: (() => void) | null = null;

async function open(locale: Language = 'en') {
  const server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language: locale, time_zone: 'Asia/Kolkata' }), csrf_token: 'c' });
  const m = await mountScreen(Host, { path: '/views/mine', locale });
  unmount = () => m.wrapper.unmount();
  return m.wrapper;
}

beforeEach(() => {
  dueAt.value = null;
  breached.value = false;
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(new Date(NOW));
});

afterEach(() => {
  unmount?.();
  unmount = null;
  vi.useRealTimers();
});

describe('SlaBadge', () => {
  it('shows nothing without a running clock or a breach', async () => {
    const w = await open();
    expect(w.find('[data-testid="sla-badge"]').exists()).toBe(false);
  });

  it('counts down to the due time, marked soon inside the last hour, then says Overdue', async () => {
    dueAt.value = '2026-12-01T11:00:00.000Z';
    const w = await open();
    const badge = () => w.get('[data-testid="sla-badge"]');
    expect(badge().text()).toBe('SLA:◷ Due in 25 min');
    expect(badge().classes()).toContain('sla-badge-soon');
    expect(badge().attributes('title')).toBe('SLA due Dec 1, 2026, 4:30 PM');
    vi.advanceTimersByTime(30 * 60_000);
    await flushPromises();
    expect(badge().text()).toBe('SLA:! Overdue');
    expect(badge().classes()).toContain('sla-badge-overdue');

    dueAt.value = '2026-12-01T13:05:00.000Z';
    await flushPromises();
    expect(badge().text()).toBe('SLA:◷ Due in 2 hr');
    expect(badge().classes()).toContain('sla-badge-due');
  });

  it('says Overdue for a breached ticket, whether or not another clock runs', async () => {
    breached.value = true;
    const w = await open();
    expect(w.get('[data-testid="sla-badge"]').text()).toBe('SLA:! Overdue');
    expect(w.get('[data-testid="sla-badge"]').attributes('title')).toBeUndefined();
    dueAt.value = '2026-12-01T12:00:00.000Z';
    await flushPromises();
    expect(w.get('[data-testid="sla-badge"]').text()).toBe('SLA:! Overdue');
  });

  it('speaks Kannada', async () => {
    dueAt.value = '2026-12-01T11:00:00.000Z';
    const w = await open('kn');
    expect(w.get('[data-testid="sla-badge"]').text()).toBe('SLA:◷ 25 ನಿಮಿ ಒಳಗೆ ಗಡುವು');
    breached.value = true;
    await flushPromises();
    expect(w.get('[data-testid="sla-badge"]').text()).toBe('SLA:! ಗಡುವು ಮೀರಿದೆ');
  });
});
