// Reports → Shipments, as an admin reads it: the period's tiles, contact reasons, carriers,
// routes and notices from GET /api/v1/analytics/shipments in the admin's language; the filter
// kept in the address and sent to the server; a period without shipments; a bad period named.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FigureCounts, ShipmentFigures } from '../../api/analytics';
import { FakeApi, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import ShipmentReport from './ShipmentReport.vue';

function counts(over: Partial<FigureCounts> = {}): FigureCounts {
  return {
    shipments: 0, contacts: 0, contacts_per_1000: null, delivered: 0, delivered_rate: null,
    ndr: 0, ndr_rate: null, rto: 0, rto_rate: null, lost_or_damaged: 0,
    lost_or_damaged_rate: null, reasons: [], ...over,
  };
}

const FIGURES: ShipmentFigures = {
  from: '2026-11-06', to: '2026-12-05', time_zone: 'Asia/Kolkata', carrier: null,
  totals: counts({
    shipments: 1200, contacts: 84, contacts_per_1000: 70, delivered: 1100, delivered_rate: 0.9167,
    ndr: 60, ndr_rate: 0.05, rto: 12, rto_rate: 0.01,
    reasons: [
      { reason: 'late', contacts: 40, share: 0.4762 },
      { reason: 'delivery_failed', contacts: 30, share: 0.3571 },
      { reason: 'after_delivery', contacts: 14, share: 0.1667 },
    ],
  }),
  by_carrier: [
    { ...counts({ shipments: 800, contacts: 70, contacts_per_1000: 87.5, ndr_rate: 0.06, rto_rate: 0.0125,
      reasons: [{ reason: 'late', contacts: 35, share: 0.5 }] }), carrier: { id: 1, code: 'bluedart', name: 'Blue Dart' } },
    { ...counts({ shipments: 400, contacts: 14, contacts_per_1000: 35, ndr_rate: 0.03, rto_rate: 0.005,
      reasons: [{ reason: 'after_delivery', contacts: 8, share: 0.5714 }] }), carrier: { id: 2, code: 'delhivery', name: 'Delhivery' } },
  ],
  by_route: [
    { ...counts({ shipments: 500, contacts: 50, contacts_per_1000: 100,
      reasons: [{ reason: 'late', contacts: 30, share: 0.6 }] }), origin: 'Bengaluru', destination: 'Delhi' },
    { ...counts({ shipments: 20 }), origin: '', destination: 'Hubballi' },
  ],
  notices: {
    window_hours: 72, min_untold_for_estimate: 20, prevented: 25,
    kinds: [
      { notice: 'delivery_failed', told: 50, told_contacted: 5, told_contact_rate: 0.1, untold: 8,
        untold_contacted: 4, untold_contact_rate: 0.5, prevented: null },
      { notice: 'late', told: 100, told_contacted: 5, told_contact_rate: 0.05, untold: 20,
        untold_contacted: 6, untold_contact_rate: 0.3, prevented: 25 },
    ],
  },
  days: [
    { date: '2026-12-04', shipments: 40, contacts: 3 },
    { date: '2026-12-05', shipments: 20, contacts: 1 },
  ],
};

let server: FakeApi;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/carriers', {
    data: [{ id: 1, code: 'bluedart', name: 'Blue Dart' }, { id: 2, code: 'delhivery', name: 'Delhivery' }],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/analytics/shipments', FIGURES);
});

function figureCalls() {
  return server.calls.filter((c) => c.path === '/api/v1/analytics/shipments');
}

describe('ShipmentReport', () => {
  it('shows the tiles, reasons, carriers, routes and notices of the period', async () => {
    const { wrapper } = await mountScreen(ShipmentReport, { path: '/reports/shipments', locale: 'en' });
    expect(wrapper.get('h1').text()).toBe('Shipments report');
    expect(wrapper.get('[data-testid="report-period"]').text()).toBe(
      'Shipments booked from 2026-11-06 to 2026-12-05 (Asia/Kolkata)');
    expect(wrapper.get('[data-testid="tile-shipments"]').text()).toContain('1,200');
    expect(wrapper.get('[data-testid="tile-per-1000"]').text()).toContain('70');
    expect(wrapper.get('[data-testid="tile-ndr"]').text()).toContain('5%');
    expect(wrapper.get('[data-testid="tile-rto"]').text()).toContain('1%');
    expect(wrapper.get('[data-testid="tile-prevented"]').text()).toContain('25');
    // The form shows the period the server used.
    expect((wrapper.get('[data-testid="report-from"]').element as HTMLInputElement).value).toBe('2026-11-06');

    const reasons = wrapper.findAll('[data-testid="report-reasons"] li');
    expect(reasons.map((r) => r.attributes('data-reason'))).toEqual(['late', 'delivery_failed', 'after_delivery']);
    expect(reasons[0]!.text()).toContain('Late');
    expect(reasons[0]!.text()).toContain('47.6%');

    const carriers = wrapper.findAll('[data-testid="report-carriers"] tbody tr');
    expect(carriers.map((r) => r.get('th').text())).toEqual(['Blue Dart', 'Delhivery']);
    expect(carriers[0]!.text()).toContain('87.5');
    expect(carriers[1]!.text()).toContain('After delivery');

    const routes = wrapper.findAll('[data-testid="report-routes"] tbody tr');
    expect(routes[0]!.get('th').text()).toBe('Bengaluru → Delhi');
    expect(routes[1]!.get('th').text()).toBe('(unknown) → Hubballi');
    expect(routes[1]!.text()).toContain('—');  // no contacts: no top reason

    const notices = wrapper.findAll('[data-testid="report-notices"] tbody tr');
    expect(notices[0]!.text()).toContain('Delivery failed');
    expect(notices[0]!.text()).toContain('too few to compare');
    expect(notices[1]!.text()).toContain('30%');
    expect(notices[1]!.text()).toContain('25');
    expect(wrapper.findAll('.day-bars li')).toHaveLength(2);
    wrapper.unmount();
  });

  it('speaks Hindi and formats numbers for the admin', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language: 'hi' }), csrf_token: 'c' });
    const { wrapper } = await mountScreen(ShipmentReport, { path: '/reports/shipments', locale: 'hi' });
    expect(wrapper.get('h1').text()).toBe('शिपमेंट रिपोर्ट');
    expect(wrapper.get('[data-testid="tile-shipments"]').text()).toContain('शिपमेंट');
    expect(wrapper.findAll('[data-testid="report-reasons"] li')[0]!.text()).toContain('देरी');
    wrapper.unmount();
  });

  it('sends the period and carrier, and keeps them in the address', async () => {
    const { wrapper, router } = await mountScreen(ShipmentReport, {
      path: '/reports/shipments?from=2026-11-01&carrier=delhivery', locale: 'en',
    });
    expect(figureCalls()[0]!.query.get('from')).toBe('2026-11-01');
    expect(figureCalls()[0]!.query.get('carrier')).toBe('delhivery');
    expect(figureCalls()[0]!.query.has('to')).toBe(false);
    await wrapper.get('[data-testid="report-from"]').setValue('2026-10-01');
    await wrapper.get('[data-testid="report-to"]').setValue('2026-10-31');
    await wrapper.get('[data-testid="report-carrier"]').setValue('bluedart');
    await wrapper.get('[data-testid="report-filter"]').trigger('submit');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ from: '2026-10-01', to: '2026-10-31', carrier: 'bluedart' });
    const last = figureCalls().at(-1)!;
    expect([last.query.get('from'), last.query.get('to'), last.query.get('carrier')]).toEqual(
      ['2026-10-01', '2026-10-31', 'bluedart']);
    wrapper.unmount();
  });

  it('says so when no shipments were booked', async () => {
    server.on('GET', '/api/v1/analytics/shipments', {
      ...FIGURES, totals: counts(), by_carrier: [], by_route: [],
      notices: { window_hours: 72, min_untold_for_estimate: 20, prevented: null, kinds: [] },
    });
    const { wrapper } = await mountScreen(ShipmentReport, { path: '/reports/shipments', locale: 'en' });
    expect(wrapper.get('[data-testid="report-empty"]').text()).toBe('No shipments were booked in this period.');
    expect(wrapper.get('[data-testid="tile-per-1000"]').text()).toContain('—');
    expect(wrapper.find('[data-testid="report-no-notices"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="report-carriers"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('names the bad part of the period', async () => {
    server.on('GET', '/api/v1/analytics/shipments', problem(422, 'validation', 'to is before from',
      [{ field: 'to', message: 'must not be before from' }]));
    const { wrapper } = await mountScreen(ShipmentReport, {
      path: '/reports/shipments?from=2026-11-10&to=2026-11-01', locale: 'en',
    });
    const error = wrapper.get('[data-testid="report-error"]');
    expect(error.text()).toContain('To: must not be before from');
    expect(wrapper.get('[data-testid="report-to"]').attributes('aria-invalid')).toBe('true');
    expect(wrapper.find('[data-testid="tile-shipments"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('is for admins only: an agent is sent to the inbox', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 2, role: 'agent' }), csrf_token: 'c' });
    const { router } = await mountScreen(ShipmentReport, { path: '/reports/shipments', locale: 'en' });
    expect(router.currentRoute.value.name).toBe('inbox');
  });
});
