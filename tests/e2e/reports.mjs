// End-to-end: Reports → Shipments. An admin opens the report from the header, sees the demo
// business's figures (the same numbers the API gives), narrows it to one carrier (the address
// keeps the choice) and reads it in Kannada.
import { apiSession, atPath, fail, signIn, textMatches, tid, visible } from './lib.mjs';

const fmt = (n) => new Intl.NumberFormat('en').format(n);

export const tests = [
  {
    name: 'reports: an admin reads the shipments report, narrows it to a carrier and reads it in Kannada',
    async run({ page, context, screenshot }) {
      await signIn(page);
      await tid(page, 'reports-link').click();
      await atPath(page, /\/reports\/shipments/, 'the shipments report');
      await visible(page, page.locator('h1', { hasText: 'Shipments report' }), 'the report heading');

      const api = await apiSession(context);
      const all = await api.get('/api/v1/analytics/shipments');
      if (all.totals.shipments === 0) fail('the demo business booked no shipments in the last 30 days');
      await textMatches(page, tid(page, 'tile-shipments'), new RegExp(fmt(all.totals.shipments)), 'the shipments tile');
      await textMatches(page, tid(page, 'tile-contacts'), new RegExp(fmt(all.totals.contacts)), 'the contacts tile');
      const firstCarrier = all.by_carrier[0];
      if (!firstCarrier) fail('the report lists no carrier');
      await textMatches(page, tid(page, 'report-carriers'), new RegExp(firstCarrier.carrier.name), 'the carriers table');
      await screenshot('report-all');

      await tid(page, 'report-carrier').selectOption(firstCarrier.carrier.code);
      await tid(page, 'report-apply').click();
      try {
        await page.waitForURL((url) => url.searchParams.get('carrier') === firstCarrier.carrier.code);
      } catch {
        fail(`the address does not keep the carrier: ${page.url()}`);
      }
      const one = await api.get(`/api/v1/analytics/shipments?carrier=${firstCarrier.carrier.code}`);
      if (one.totals.shipments !== firstCarrier.shipments) {
        fail(`the carrier's own figures (${one.totals.shipments}) differ from its row (${firstCarrier.shipments})`);
      }
      await textMatches(page, tid(page, 'tile-shipments'), new RegExp(fmt(one.totals.shipments)), 'the narrowed tile');

      await api.patch('/api/v1/auth/me', { language: 'kn' });
      try {
        await page.reload();
        await visible(page, page.locator('h1', { hasText: 'ಶಿಪ್‌ಮೆಂಟ್ ವರದಿ' }), 'the Kannada heading');
        await screenshot('report-kn');
      } finally {
        await api.patch('/api/v1/auth/me', { language: 'en' });
      }
    },
  },
];
