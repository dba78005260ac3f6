// The import calls: the kinds, the multipart upload (kind, file, dry_run) with its CSRF token
// and refusals, the list's paging, the download addresses, and following an import until it
// is done (and no longer once stopped).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError } from './client';
import {
  IMPORT_POLL_MS,
  followImport,
  importErrorsUrl,
  importTemplateUrl,
  listImportKinds,
  listImports,
  startImport,
  type Import,
} from './imports';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { agent } from '../testing/fixtures';

function imp(over: Partial<Import> = {}): Import {
  return {
    id: 12, kind: 'orders', file_name: 'orders-dec.csv', dry_run: false, status: 'queued',
    rows: 1200, records: 400, processed: 0, created: 0, updated: 0, errors: [], error_count: 0,
    created_by: { id: 1, name: 'Asha Rao' }, created_at: '2026-12-05T10:00:00Z',
    started_at: null, finished_at: null, ...over,
  };
}

let server: FakeApi;
let client: ApiClient;

beforeEach(() => {
  server = new FakeApi().install();
  client = new ApiClient();
  client.setCsrfToken('csrf-1');
});

afterEach(() => {
  vi.useRealTimers();
});

/** What the n-th upload sent (the fake keeps only JSON bodies). */
function sent(index = 0): { init: RequestInit; form: FormData } {
  const uploads = server.fetch.mock.calls.filter(([url]) => String(url) === '/api/v1/imports');
  const init = uploads[index]![1]!;
  return { init, form: init.body as FormData };
}

const csv = () => new File(['number,items.sku\nOD1,SKU-1\n'], 'orders-dec.csv', { type: 'text/csv' });

describe('import kinds', () => {
  it('reads the kinds with their key and columns, and names the template', async () => {
    server.on('GET', '/api/v1/import-kinds', {
      data: [{ kind: 'shipments', key: ['carrier', 'tracking_number'], columns: [{ name: 'carrier', required: true }] }],
    });
    const kinds = await listImportKinds(client);
    expect(kinds[0]!.key).toEqual(['carrier', 'tracking_number']);
    expect(kinds[0]!.columns[0]).toEqual({ name: 'carrier', required: true });
    expect(importTemplateUrl('invoices')).toBe('/api/v1/import-kinds/invoices/template');
    expect(importErrorsUrl(12)).toBe('/api/v1/imports/12/errors');
  });
});

describe('startImport', () => {
  it('sends kind and file as multipart with the CSRF token, and dry_run only when checking', async () => {
    server.on('POST', '/api/v1/imports', json(202, imp(), { Location: '/api/v1/imports/12' }));
    const file = csv();
    const started = await startImport('orders', file, {}, client);
    expect(started.id).toBe(12);
    const first = sent(0);
    expect(first.init.method).toBe('POST');
    expect(first.init.credentials).toBe('same-origin');
    expect(new Headers(first.init.headers).get('X-CSRF-Token')).toBe('csrf-1');
    // The browser sets the multipart boundary itself.
    expect(new Headers(first.init.headers).has('Content-Type')).toBe(false);
    expect(first.form).toBeInstanceOf(FormData);
    expect(first.form.get('kind')).toBe('orders');
    expect((first.form.get('file') as File).name).toBe('orders-dec.csv');
    expect(first.form.has('dry_run')).toBe(false);

    await startImport('orders', file, { dryRun: true }, client);
    expect(sent(1).form.get('dry_run')).toBe('true');
  });

  it('turns a refusal of the whole file into an ApiError naming the field', async () => {
    server.on('POST', '/api/v1/imports', problem(422, 'validation', 'the file cannot be imported', [
      { field: 'file', message: 'unknown column "pin"' },
    ]));
    const error = await startImport('shipments', csv(), {}, client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).fieldError('file')).toBe('unknown column "pin"');

    server.on('POST', '/api/v1/imports', problem(413, 'payload-too-large'));
    const tooLarge = await startImport('shipments', csv(), {}, client).catch((e: unknown) => e);
    expect((tooLarge as ApiError).status).toBe(413);
  });

  it('fetches the session’s new CSRF token once and sends the file again', async () => {
    let posts = 0;
    server.on('POST', '/api/v1/imports', () => {
      posts += 1;
      return posts === 1 ? problem(403, 'csrf') : json(202, imp());
    });
    server.on('GET', '/api/v1/auth/me', { agent: agent({ role: 'admin' }), csrf_token: 'csrf-2' });
    const started = await startImport('orders', csv(), {}, client);
    expect(started.status).toBe('queued');
    expect(new Headers(sent(1).init.headers).get('X-CSRF-Token')).toBe('csrf-2');
    expect(sent(1).form.get('kind')).toBe('orders');
  });

  it('says a network failure is one', async () => {
    server.fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const error = await startImport('orders', csv(), {}, client).catch((e: unknown) => e);
    expect((error as ApiError).type).toBe('/problems/network');
  });
});

describe('listImports', () => {
  it('asks for a page, newest first, after the cursor', async () => {
    server.on('GET', '/api/v1/imports', { data: [imp()], next_cursor: 'c2' });
    const page = await listImports(null, client);
    expect(page.next_cursor).toBe('c2');
    expect(server.calls[0]!.query.has('cursor')).toBe(false);
    await listImports('c2', client);
    expect(server.calls[1]!.query.get('cursor')).toBe('c2');
    expect(server.calls[1]!.query.get('limit')).toBe('25');
  });
});

describe('followImport', () => {
  it('asks every 700 ms until the import is done, one request at a time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const answers = [
      imp({ status: 'running', processed: 100 }),
      imp({ status: 'running', processed: 250 }),
      imp({ status: 'succeeded', processed: 400, created: 380, updated: 20 }),
    ];
    server.on('GET', '/api/v1/imports/12', () => json(200, answers.shift()));
    const seen: number[] = [];
    const done = followImport(imp(), (i) => seen.push(i.processed), {
      signal: new AbortController().signal,
      client,
    });
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS - 1);
    expect(server.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS * 5);
    const last = await done;
    expect(last.status).toBe('succeeded');
    expect(seen).toEqual([100, 250, 400]);
    expect(server.callsTo('GET', '/api/v1/imports/12')).toHaveLength(3);
  });

  it('stops when aborted, without another update', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    server.on('GET', '/api/v1/imports/12', json(200, imp({ status: 'running', processed: 5 })));
    const controller = new AbortController();
    const onUpdate = vi.fn();
    const done = followImport(imp(), onUpdate, { signal: controller.signal, client });
    const outcome = done.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS);
    expect(onUpdate).toHaveBeenCalledTimes(1);
    controller.abort();
    expect(((await outcome) as DOMException).name).toBe('AbortError');
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS * 3);
    expect(onUpdate).toHaveBeenCalledTimes(1);
    expect(server.calls).toHaveLength(1);
  });

  it('returns a finished import at once', async () => {
    const finished = imp({ status: 'failed', error_count: 3 });
    expect(await followImport(finished, vi.fn(), { signal: new AbortController().signal, client })).toBe(finished);
    expect(server.calls).toHaveLength(0);
  });
});
