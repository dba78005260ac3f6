// Web forms (admin): embeddable contact forms that turn a visitor's message into a ticket
// (channel `web`), served by the server at `/forms/{key}` and embedded with `snippet`. Spam
// protection needs no outside service: allowed origins, a honeypot and a minimum fill time.
import { api as defaultApi, type ApiClient } from './client';
import type { Id, Page, Timestamp } from './types';

/** One custom field the form asks for. */
export interface WebFormField {
  /** The custom field's key (`^[a-z][a-z0-9_]{0,63}$`). */
  key: string;
  required: boolean;
}

export interface WebForm {
  id: Id;
  /** The public key in `/forms/{key}` and in the snippet; made by the server. */
  key: string;
  name: string;
  /** The group new tickets go to; null: the workspace's first group. */
  group_id: Id | null;
  enabled: boolean;
  /** Origins (`https://www.example.in`) whose pages may embed the form; empty: any. */
  allowed_origins: string[];
  fields: WebFormField[];
  /** A submission sooner than this after the form was shown is treated as a bot's. */
  min_fill_seconds: number;
  /** The HTML a business pastes into its site. */
  snippet: string;
  /** The form's own page, `/forms/{key}`. */
  url?: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version?: number;
}

/** What a create or update sends; only the members sent change on update. */
export interface WebFormInput {
  name?: string;
  group_id?: Id | null;
  enabled?: boolean;
  allowed_origins?: string[];
  fields?: WebFormField[];
  min_fill_seconds?: number;
}

/** The form's page on the server, for "Preview". */
export function webFormUrl(key: string): string {
  return `/forms/${encodeURIComponent(key)}`;
}

export function webFormsApi(client: ApiClient = defaultApi) {
  return {
    /** Every form; the server answers a page (`{data, next_cursor}`) like other admin lists. */
    list: async (): Promise<WebForm[]> => {
      const page = await client.get<Page<WebForm> | WebForm[]>('/api/v1/web-forms', { query: { limit: 100 } });
      return Array.isArray(page) ? page : page.data;
    },
    get: (id: Id) => client.get<WebForm>(`/api/v1/web-forms/${id}`),
    create: (body: WebFormInput) => client.post<WebForm>('/api/v1/web-forms', body),
    /** With `version`, only if nobody changed the form since (412 otherwise). */
    update: (id: Id, changes: WebFormInput, version?: number) =>
      client.patch<WebForm>(`/api/v1/web-forms/${id}`, changes, {
        headers: version === undefined ? {} : { 'If-Match': `"${version}"` },
      }),
    remove: (id: Id) => client.delete(`/api/v1/web-forms/${id}`),
  };
}

export type WebFormsApi = ReturnType<typeof webFormsApi>;
