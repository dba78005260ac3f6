// Admin → Imports, as an admin uses it: the kinds with their key, columns and template; an
// upload followed to the end with a progress bar; a check that can then be imported for real;
// the problems of a failed import with the report; refusals of the whole file beside the file
// input; and the imports so far, a page at a time.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IMPORT_POLL_MS, type Import, type ImportKindInfo } from '../../api/imports';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import ImportsAdmin from './ImportsAdmin.vue';

const T0 = '2026-12-05T10:00:00Z';

const KINDS: ImportKindInfo[] = [
  {
    kind: 'shipments',
    key: ['carrier', 'tracking_number'],
    columns: [
      { name: 'carrier', required: true },
      { name: 'tracking_number', required: true },
      { name: 'status', required: false },
      { name: 'destination.pin', required: false },
    ],
  },
  {
    kind: 'orders',
    key: ['number'],
    columns: [
      { name: 'number', required: true },
      { name: 'customer.email', required: false },
      { name: 'items.sku', required: true },
      { name: 'items.name', required: false },
      { name: 'items.quantity', required: true },
      { name: 'items.unit_price', required: true },
    ],
  },
  { kind: 'invoices', key: ['number'], columns: [{ name: 'number', required: true }, { name: 'lines.amount', required: true }] },
];

function imp(over: Partial<Import> = {}): Import {
  return {
    id: 12, kind: 'orders', file_name: 'orders-dec.csv', dry_run: false, status: 'queued',
    rows: 1200, records: 400, processed: 0, created: 0, updated: 0, errors: [], error_count: 0,
    created_by: { id: 1, name: 'Asha Rao' }, created_at: T0, started_at: null, finished_at: null,
    ...over,
  };
}

const OLDER = imp({
  id: 9, kind: 'shipments', file_name: 'awb-nov.csv', status: 'succeeded', rows: 50, records: 50,
  processed: 50, created: 45, updated: 5, created_by: { id: 4, name: 'Meera Iyer' },
});

let server: FakeApi;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/import-kinds', { data: KINDS });
  server.on('GET', '/api/v1/imports', { data: [OLDER], next_cursor: null });
});

afterEach(() => {
  vi.useRealTimers();
});

const csv = (name = 'orders-dec.csv', body = 'number,items.sku\nOD1,SKU-1\n') =>
  new File([body], name, { type: 'text/csv' });

/** The file part of an upload, by name and size (FormData wraps it in a new File). */
function filePart(form: FormData): { name: string; size: number } {
  const f = form.get('file') as File;
  return { name: f.name, size: f.size };
}

async function choose(wrapper: VueWrapper, file: File): Promise<void> {
  const input = wrapper.get('[data-testid="import-file"]');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
}

/** The multipart bodies of the uploads so far. */
function uploads(): FormData[] {
  return server.fetch.mock.calls
    .filter(([url, init]) => String(url) === '/api/v1/imports' && init?.method === 'POST')
    .map(([, init]) => init!.body as FormData);
}

async function open(locale: 'en' | 'hi' = 'en') {
  const mounted = await mountScreen(ImportsAdmin, { path: '/admin/imports', locale });
  return mounted.wrapper;
}

describe('ImportsAdmin', () => {
  it('shows each kind with its key, its columns (required ones marked) and the template', async () => {
    const wrapper = await open();
    expect(wrapper.get('h1').text()).toBe('Imports');
    expect(wrapper.text()).toContain('nothing is changed');
    const options = wrapper.findAll('[data-testid="import-kind"] option');
    expect(options.map((o) => o.text())).toEqual(['Shipments', 'Orders', 'Invoices']);
    expect(wrapper.findAll('[data-testid="import-key"]').map((k) => k.text())).toEqual(['carrier', 'tracking_number']);
    const columns = wrapper.findAll('[data-testid="import-column"]');
    expect(columns.map((c) => c.get('code').text())).toEqual(['carrier', 'tracking_number', 'status', 'destination.pin']);
    expect(columns[0]!.text()).toContain('required');
    expect(columns[3]!.text()).not.toContain('required');
    const template = wrapper.get('[data-testid="import-template"]');
    expect(template.attributes('href')).toBe('/api/v1/import-kinds/shipments/template');
    expect(template.attributes('download')).toBeDefined();
    expect(wrapper.get('#import-file').attributes('accept')).toBe('.csv,text/csv');
    expect(wrapper.get('label[for="import-dry-run"]').text()).toBe('Check only (change nothing)');

    await wrapper.get('[data-testid="import-kind"]').setValue('orders');
    expect(wrapper.findAll('[data-testid="import-key"]').map((k) => k.text())).toEqual(['number']);
    expect(wrapper.text()).toContain('items.unit_price');
    expect(wrapper.text()).toContain('rows with the same order number make one order');
    expect(wrapper.get('[data-testid="import-template"]').attributes('href')).toBe('/api/v1/import-kinds/orders/template');
    wrapper.unmount();
  });

  it('uploads the file, follows its progress with a bar until done, then stops asking', async () => {
    server.on('POST', '/api/v1/imports', json(202, imp(), { Location: '/api/v1/imports/12' }));
    const answers = [
      imp({ status: 'running', processed: 250 }),
      imp({ status: 'succeeded', processed: 400, created: 380, updated: 20, finished_at: T0 }),
    ];
    server.on('GET', '/api/v1/imports/12', () => json(200, answers.shift()));
    const wrapper = await open();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await wrapper.get('[data-testid="import-kind"]').setValue('orders');
    const file = csv();
    await choose(wrapper, file);
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    const sent = uploads();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.get('kind')).toBe('orders');
    expect(filePart(sent[0]!)).toEqual({ name: 'orders-dec.csv', size: file.size });
    expect(sent[0]!.has('dry_run')).toBe(false);
    const upload = server.callsTo('POST', '/api/v1/imports')[0]!;
    expect(upload.headers.get('X-CSRF-Token')).toBe('c');

    expect(wrapper.get('[data-testid="import-result"] h2').text()).toBe('Import of orders-dec.csv');
    expect(wrapper.get('[data-testid="import-summary"]').text()).toBe('Waiting to start…');
    expect(wrapper.get('label[for="import-progress"]').text()).toBe('Progress');
    expect(wrapper.get('progress').attributes('value')).toBeUndefined();
    // The new import heads the list at once.
    expect(wrapper.findAll('[data-testid="import-row"]').map((r) => r.get('th').text())).toEqual(['orders-dec.csv', 'awb-nov.csv']);

    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS);
    await flushPromises();
    const bar = wrapper.get('progress');
    expect(bar.attributes('id')).toBe('import-progress');
    expect((bar.element as HTMLProgressElement).value).toBe(250);
    expect((bar.element as HTMLProgressElement).max).toBe(400);
    expect(bar.attributes('aria-valuetext')).toBe('250 of 400 records');
    expect(wrapper.get('[data-testid="import-summary"]').text()).toBe('250 of 400 records');
    expect(wrapper.get('[data-testid="import-submit"]').attributes('disabled')).toBeDefined();

    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS);
    await flushPromises();
    const summary = wrapper.get('[data-testid="import-summary"]');
    expect(summary.text()).toBe('Done. Created 380, updated 20.');
    expect(summary.attributes('role')).toBe('status');
    expect(wrapper.find('progress').exists()).toBe(false);
    expect(wrapper.find('[data-testid="import-for-real"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="import-row"]').text()).toContain('Done');
    expect(wrapper.get('[data-testid="import-submit"]').attributes('disabled')).toBeUndefined();

    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS * 5);
    expect(server.callsTo('GET', '/api/v1/imports/12')).toHaveLength(2);
    wrapper.unmount();
  });

  it('checks a file without changing anything, then imports the same file for real', async () => {
    let posted = 0;
    server.on('POST', '/api/v1/imports', () => {
      posted += 1;
      return json(202, posted === 1 ? imp({ dry_run: true }) : imp({ id: 13 }));
    });
    server.on('GET', '/api/v1/imports/12', json(200, imp({
      dry_run: true, status: 'succeeded', processed: 400, created: 380, updated: 20,
    })));
    server.on('GET', '/api/v1/imports/13', json(200, imp({
      id: 13, status: 'succeeded', processed: 400, created: 380, updated: 20,
    })));
    const wrapper = await open();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await wrapper.get('[data-testid="import-kind"]').setValue('orders');
    const file = csv();
    await choose(wrapper, file);
    await wrapper.get('[data-testid="import-dry-run"]').setValue(true);
    expect(wrapper.get('[data-testid="import-submit"]').text()).toBe('Check the file');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(uploads()[0]!.get('dry_run')).toBe('true');
    expect(wrapper.get('[data-testid="import-result"] h2').text()).toBe('Check of orders-dec.csv');

    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS);
    await flushPromises();
    expect(wrapper.get('[data-testid="import-summary"]').text()).toBe(
      'The file is good: would create 380 and update 20. Nothing was changed.',
    );
    expect(wrapper.get('[data-testid="import-row"]').text()).toContain('Check only');

    // Another file chosen meanwhile does not change what was checked.
    await choose(wrapper, csv('other.csv', 'number\nOD9\n'));
    await wrapper.get('[data-testid="import-for-real"]').trigger('click');
    await flushPromises();
    const sent = uploads();
    expect(sent).toHaveLength(2);
    expect(filePart(sent[1]!)).toEqual({ name: 'orders-dec.csv', size: file.size });
    expect(sent[1]!.get('kind')).toBe('orders');
    expect(sent[1]!.has('dry_run')).toBe(false);
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS);
    await flushPromises();
    expect(wrapper.get('[data-testid="import-summary"]').text()).toBe('Done. Created 380, updated 20.');
    expect(wrapper.find('[data-testid="import-for-real"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid="import-row"]').map((r) => r.get('th').text())).toEqual([
      'orders-dec.csv', 'orders-dec.csv', 'awb-nov.csv',
    ]);
    wrapper.unmount();
  });

  it('lists the problems of a failed import by line, with the full report to download', async () => {
    server.on('POST', '/api/v1/imports', json(202, imp({ status: 'running' })));
    server.on('GET', '/api/v1/imports/12', json(200, imp({
      status: 'failed', processed: 400, created: 380, updated: 20, error_count: 1002,
      errors: [
        { row: 7, column: 'destination.pin', message: 'must be a postal code' },
        { row: 9, column: null, message: 'an order needs at least one item' },
      ],
    })));
    const wrapper = await open();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await choose(wrapper, csv());
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS);
    await flushPromises();

    expect(wrapper.get('[data-testid="import-summary"]').text()).toBe('Nothing was imported: 1,002 problems');
    const rows = wrapper.findAll('[data-testid="import-error"]');
    expect(rows.map((r) => r.findAll('th, td').map((c) => c.text()))).toEqual([
      ['7', 'destination.pin', 'must be a postal code'],
      ['9', 'whole record', 'an order needs at least one item'],
    ]);
    expect(wrapper.get('[data-testid="import-errors"] thead').text()).toContain('Line');
    expect(wrapper.get('[data-testid="import-errors-more"]').text()).toBe(
      'The first 2 of 1,002 problems are shown; the report has them all.',
    );
    const report = wrapper.get('[data-testid="import-error-report"]');
    expect(report.attributes('href')).toBe('/api/v1/imports/12/errors');
    expect(report.attributes('download')).toBeDefined();
    const row = wrapper.get('[data-testid="import-row"]');
    expect(row.text()).toContain('Failed');
    expect(row.text()).toContain('Nothing was changed');
    expect(row.get('[data-testid="import-row-report"]').attributes('aria-label')).toBe(
      'Download the problem report of orders-dec.csv',
    );
    wrapper.unmount();
  });

  it('shows refusals of the whole file beside the file input', async () => {
    server.on('POST', '/api/v1/imports', problem(422, 'validation', 'the file cannot be imported', [
      { field: 'file', message: 'unknown column "pincode"' },
      { field: 'file', message: 'the key column "tracking_number" is missing' },
    ]));
    const wrapper = await open();
    await wrapper.get('form').trigger('submit');
    expect(wrapper.get('[data-testid="import-file-error"]').text()).toBe('Choose a CSV file first.');
    expect(uploads()).toHaveLength(0);

    await choose(wrapper, csv('awb.csv'));
    expect(wrapper.get('[data-testid="import-file-error"]').text()).toBe('');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const messages = wrapper.findAll('[data-testid="import-file-error"] .field-error').map((p) => p.text());
    expect(messages).toEqual(['unknown column "pincode"', 'the key column "tracking_number" is missing']);
    expect(wrapper.get('#import-file').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#import-file').attributes('aria-describedby')).toContain('import-file-error');
    expect(wrapper.find('[data-testid="import-result"]').exists()).toBe(false);

    server.on('POST', '/api/v1/imports', problem(422, 'validation', 'the file has no data rows'));
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="import-file-error"]').text()).toBe('the file has no data rows');

    server.on('POST', '/api/v1/imports', problem(413, 'payload-too-large', 'the file is over 20 MB'));
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="import-file-error"]').text()).toContain('larger than 20 MB');
    wrapper.unmount();
  });

  it('refuses a file over 20 MB before uploading it', async () => {
    const wrapper = await open();
    const big = csv('huge.csv');
    Object.defineProperty(big, 'size', { value: 20 * 1024 * 1024 + 1 });
    await choose(wrapper, big);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(uploads()).toHaveLength(0);
    expect(wrapper.get('[data-testid="import-file-error"]').text()).toContain('larger than 20 MB');
    wrapper.unmount();
  });

  it('stops asking about an import when the admin leaves the screen', async () => {
    server.on('POST', '/api/v1/imports', json(202, imp({ status: 'running' })));
    server.on('GET', '/api/v1/imports/12', json(200, imp({ status: 'running', processed: 10 })));
    const wrapper = await open();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await choose(wrapper, csv());
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS * 2);
    expect(server.callsTo('GET', '/api/v1/imports/12')).toHaveLength(2);
    wrapper.unmount();
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS * 5);
    expect(server.callsTo('GET', '/api/v1/imports/12')).toHaveLength(2);
  });

  it('says when the progress cannot be fetched, and checks again on request', async () => {
    server.on('POST', '/api/v1/imports', json(202, imp({ status: 'running' })));
    server.on('GET', '/api/v1/imports/12', problem(503, 'unavailable'));
    const wrapper = await open();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await choose(wrapper, csv());
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS);
    await flushPromises();
    const alert = wrapper.get('[data-testid="import-follow-error"]');
    expect(alert.attributes('role')).toBe('alert');
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS * 3);
    expect(server.callsTo('GET', '/api/v1/imports/12')).toHaveLength(1);

    server.on('GET', '/api/v1/imports/12', json(200, imp({ status: 'succeeded', processed: 400, created: 400 })));
    await alert.get('button').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="import-follow-error"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="import-summary"]').text()).toBe('Done. Created 400, updated 0.');
    wrapper.unmount();
  });

  it('lists recent imports and pages on with "Show more"', async () => {
    server.on('GET', '/api/v1/imports', (call) =>
      json(200, call.query.get('cursor') === 'p2'
        ? { data: [imp({ id: 3, file_name: 'invoices-oct.csv', kind: 'invoices', status: 'failed', error_count: 4 })], next_cursor: null }
        : { data: [OLDER, imp({ id: 8, file_name: 'orders-check.csv', dry_run: true, status: 'succeeded', created: 7, updated: 2 })], next_cursor: 'p2' }));
    const wrapper = await open();
    let rows = wrapper.findAll('[data-testid="import-row"]');
    expect(rows).toHaveLength(2);
    const cells = rows[0]!.findAll('th, td').map((c) => c.text());
    expect(cells.slice(1, 8)).toEqual(['Shipments', 'awb-nov.csv', 'Meera Iyer', 'Done', '45', '5', '0']);
    expect(rows[0]!.find('time').attributes('datetime')).toBe(T0);
    expect(rows[0]!.find('[data-testid="import-history-dry-run"]').exists()).toBe(false);
    expect(rows[1]!.get('[data-testid="import-history-dry-run"]').text()).toBe('Check only');

    await wrapper.get('[data-testid="imports-more"]').trigger('click');
    await flushPromises();
    expect(server.callsTo('GET', '/api/v1/imports')[1]!.query.get('cursor')).toBe('p2');
    rows = wrapper.findAll('[data-testid="import-row"]');
    expect(rows.map((r) => r.get('th').text())).toEqual(['awb-nov.csv', 'orders-check.csv', 'invoices-oct.csv']);
    expect(rows[2]!.text()).toContain('Invoices');
    expect(rows[2]!.text()).toContain('Nothing was changed');
    expect(wrapper.find('[data-testid="imports-more"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows a past import with its problems on request', async () => {
    server.on('GET', '/api/v1/imports', {
      data: [imp({ id: 3, file_name: 'invoices-oct.csv', kind: 'invoices', status: 'failed', error_count: 1 })],
      next_cursor: null,
    });
    server.on('GET', '/api/v1/imports/3', imp({
      id: 3, file_name: 'invoices-oct.csv', kind: 'invoices', status: 'failed', error_count: 1,
      errors: [{ row: 4, column: 'lines.amount', message: 'must be a number' }],
    }));
    const wrapper = await open();
    const show = wrapper.get('[data-testid="import-show"]');
    expect(show.attributes('aria-label')).toBe('Show the import of invoices-oct.csv');
    await show.trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="import-summary"]').text()).toBe('Nothing was imported: 1 problem');
    expect(wrapper.get('[data-testid="import-error"]').text()).toContain('must be a number');
    expect(document.activeElement).toBe(wrapper.get('[data-testid="import-result"] h2').element);
    wrapper.unmount();
  });

  it('speaks Hindi', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language: 'hi' }), csrf_token: 'c' });
    const wrapper = await open('hi');
    expect(wrapper.get('h1').text()).toBe('इम्पोर्ट');
    expect(wrapper.findAll('[data-testid="import-kind"] option').map((o) => o.text())).toEqual(['शिपमेंट', 'ऑर्डर', 'इनवॉइस']);
    expect(wrapper.get('label[for="import-dry-run"]').text()).toBe('सिर्फ़ जाँचें (कुछ न बदलें)');
    expect(wrapper.get('[data-testid="import-row"]').text()).toContain('पूरा हुआ');
    wrapper.unmount();
  });

  it('is for admins only', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 2, role: 'agent' }), csrf_token: 'c' });
    server.on('GET', '/api/v1/tickets', { data: [], next_cursor: null });
    const { wrapper, router } = await mountScreen({ render: () => null }, { path: '/admin/imports', locale: 'en' });
    expect(router.currentRoute.value.name).toBe('inbox');
    wrapper.unmount();
  });
});
