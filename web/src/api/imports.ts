// CSV imports of shipments, orders and invoices (admin): the kinds with their columns, an
// upload that the server checks and applies all or nothing in the background, and the
// imports so far (/api/v1/import-kinds, /api/v1/imports).
import { ApiError, api as defaultApi, problemFromResponse, type ApiClient } from './client';
import type { Id, Page, Timestamp } from './types';

export const IMPORT_KINDS = ['shipments', 'orders', 'invoices'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** The largest file the server takes (bigger ones get a 413), and its most data rows. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

/** How often a screen asks about an import that is still queued or running. */
export const IMPORT_POLL_MS = 700;

export interface ImportColumn {
  /** As in the CSV header, dotted for nested values: `destination.pin`, `items.sku`. */
  name: string;
  required: boolean;
}

/** What a CSV of one kind holds. A row whose `key` columns match a record updates it. */
export interface ImportKindInfo {
  kind: ImportKind;
  key: string[];
  columns: ImportColumn[];
}

/** A problem with one record; `row` is the file's line number (the header is line 1). */
export interface ImportRowError {
  row: number;
  /** null: the problem is with the whole record. */
  column: string | null;
  message: string;
}

export interface Import {
  id: Id;
  kind: ImportKind;
  file_name: string;
  /** Checked only: a dry run never changes anything. */
  dry_run: boolean;
  status: ImportStatus;
  /** Data rows in the file. */
  rows: number;
  /** Records after grouping rows (an order's items are one record); progress counts these. */
  records: number;
  processed: number;
  created: number;
  updated: number;
  /** The first 1,000 problems at most; `error_count` is how many there are. */
  errors: ImportRowError[];
  error_count: number;
  created_by: { id: Id; name: string } | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export function isImportDone(i: Pick<Import, 'status'>): boolean {
  return i.status === 'succeeded' || i.status === 'failed';
}

/** The kinds the server imports, with their key and columns. */
export async function listImportKinds(client: ApiClient = defaultApi): Promise<ImportKindInfo[]> {
  const body = await client.get<{ data: ImportKindInfo[] }>('/api/v1/import-kinds');
  return body.data;
}

/** A CSV with the header row and one example row, for a download link. */
export function importTemplateUrl(kind: ImportKind): string {
  return `/api/v1/import-kinds/${encodeURIComponent(kind)}/template`;
}

/** Every problem of an import as CSV (row, column, message), for a download link. */
export function importErrorsUrl(id: Id): string {
  return `/api/v1/imports/${id}/errors`;
}

async function postForm(form: FormData, client: ApiClient, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const csrf = client.getCsrfToken();
  if (csrf) {
    headers['X-CSRF-Token'] = csrf;
  }
  const init: RequestInit = { method: 'POST', credentials: 'same-origin', headers, body: form };
  if (signal) {
    init.signal = signal;
  }
  try {
    return await fetch('/api/v1/imports', init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError({ status: 0, type: '/problems/network', detail: String(e) });
  }
}

/**
 * Uploads `file` as multipart/form-data (`kind`, `file`, and `dry_run` = "true" to check
 * only). The shared client speaks only JSON, so this is a plain fetch with the session's CSRF
 * token, fetched again once if the session's token changed. The server answers 202 with the
 * queued import; problems with the whole file are a 422 naming `file` or `kind`, a file over
 * 20 MB a 413 (both ApiErrors).
 */
export async function startImport(
  kind: ImportKind,
  file: File,
  options: { dryRun?: boolean; signal?: AbortSignal } = {},
  client: ApiClient = defaultApi,
): Promise<Import> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  if (options.dryRun) {
    form.append('dry_run', 'true');
  }
  let res = await postForm(form, client, options.signal);
  if (!res.ok) {
    let error = await problemFromResponse(res);
    if (error.type === '/problems/csrf') {
      try {
        await client.me();
        res = await postForm(form, client, options.signal);
        error = res.ok ? error : await problemFromResponse(res);
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') {
          throw e;
        }
        // The session is gone: the first refusal says so well enough.
      }
    }
    if (!res.ok) {
      if (error.status === 401) {
        client.onUnauthenticated?.();
      }
      throw error;
    }
  }
  return (await res.json()) as Import;
}

export function getImport(id: Id, signal?: AbortSignal, client: ApiClient = defaultApi): Promise<Import> {
  return client.get<Import>(`/api/v1/imports/${id}`, signal ? { signal } : {});
}

/** One page of imports, newest first. */
export function listImports(
  cursor: string | null,
  client: ApiClient = defaultApi,
): Promise<Page<Import>> {
  return client.get<Page<Import>>('/api/v1/imports', { query: { limit: 25, cursor } });
}

function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Asks for `start` every `intervalMs` while it is queued or running, handing each answer to
 * `onUpdate`, and resolves with the finished import. One request at a time: the next waits
 * for the answer. Aborting `signal` stops it (rejects with an AbortError, no more updates);
 * a failed request rejects with its ApiError.
 */
export async function followImport(
  start: Import,
  onUpdate: (i: Import) => void,
  options: { signal: AbortSignal; intervalMs?: number; client?: ApiClient },
): Promise<Import> {
  const { signal } = options;
  let current = start;
  while (!isImportDone(current)) {
    await delay(options.intervalMs ?? IMPORT_POLL_MS, signal);
    const next = await getImport(current.id, signal, options.client ?? defaultApi);
    if (signal.aborted) {
      throw abortError();
    }
    current = next;
    onUpdate(current);
  }
  return current;
}
