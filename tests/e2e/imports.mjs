// End-to-end: Admin → Imports. An admin checks a CSV of orders without changing anything,
// imports it for real and finds the order (with its Hindi item) through the API; a file with a
// bad row imports nothing and the console names the row and column.
import { apiSession, fail, signIn, textMatches, tid, unique, visible } from './lib.mjs';

function csvFile(name, text) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf-8') };
}

export const tests = [
  {
    name: 'imports: an admin checks a CSV of orders, imports it for real, and sees a bad row named',
    async run({ page, context, screenshot }) {
      const number = `OD-${unique('E2E').replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`;
      await signIn(page, { landing: '/admin/imports' });
      await visible(page, page.locator('h1', { hasText: 'Imports' }), 'the Imports heading');
      await tid(page, 'import-kind').selectOption('orders');
      await textMatches(page, tid(page, 'import-columns'), /items\.quantity/, 'the order columns');

      const good = 'number,contact.email,status,items.name,items.quantity,items.unit_price\n' +
        `${number},e2e-import@example.in,placed,Kurta,2,499.00\n` +
        `${number},,,साड़ी,1,1200.00\n`;
      await tid(page, 'import-file').setInputFiles(csvFile('orders.csv', good));
      await tid(page, 'import-dry-run').check();
      await tid(page, 'import-submit').click();
      await textMatches(page, tid(page, 'import-summary'), /would create 1 and update 0/, 'the dry run result');
      const api = await apiSession(context);
      let found = await api.get(`/api/v1/orders?number=${encodeURIComponent(number)}`);
      if (found.data.length !== 0) fail('a dry run created the order');

      await tid(page, 'import-for-real').click();
      await textMatches(page, tid(page, 'import-summary'), /Created 1, updated 0/, 'the result of the import');
      found = await api.get(`/api/v1/orders?number=${encodeURIComponent(number)}`);
      if (found.data.length !== 1) fail(`the imported order ${number} is not there`);
      const names = found.data[0].items.map((i) => i.name).join(' / ');
      if (names !== 'Kurta / साड़ी') fail(`the order's items are "${names}"`);
      if (found.data[0].total !== '2198.00') fail(`the order's total is ${found.data[0].total}`);
      await screenshot('imports-done');

      // A file with a bad quantity on its third line imports nothing and says where.
      const other = `${number}-B`;
      const bad = 'number,items.name,items.quantity,items.unit_price\n' +
        `${other},Dupatta,1,250.00\n${other},Stole,lots,300.00\n`;
      await tid(page, 'import-dry-run').uncheck();
      await tid(page, 'import-file').setInputFiles(csvFile('bad.csv', bad));
      await tid(page, 'import-submit').click();
      const row = tid(page, 'import-error').first();
      await textMatches(page, row, /3/, 'the bad row\'s line');
      await textMatches(page, row, /items\.quantity/, 'the bad column');
      await visible(page, tid(page, 'import-error-report'), 'the error report link');
      found = await api.get(`/api/v1/orders?number=${encodeURIComponent(other)}`);
      if (found.data.length !== 0) fail('a file with a bad row created an order');
      await screenshot('imports-errors');
    },
  },
];
