// Carriers (docs/shipments.md) and their requests endpoints ("Telling the carrier"): where the
// carrier's own system receives customers' delivery requests, signed with a secret the server
// makes and shows once. Any agent reads carriers; admins write them. The types follow
// src/api/handlers_carriers.cc.
import { api as defaultApi, type ApiClient } from './client';
import type { Id, Page, Timestamp } from './types';

export interface CarrierRequestsEndpoint {
  url: string;
  enabled: boolean;
  /** "…x7Qa": the last four characters of the signing secret; never the secret itself. */
  secret_hint: string | null;
}

export interface Carrier {
  id: Id;
  /** 2–32 characters of a-z, 0-9, `_` and `-`; fixed once created. */
  code: string;
  name: string;
  /** "" or an ICU regular expression over upper-cased text. */
  tracking_pattern: string;
  /** "" or an http(s) address containing `{number}`. */
  tracking_url: string;
  /** Null when the carrier has no requests URL. */
  requests_endpoint: CarrierRequestsEndpoint | null;
  /** Only in the answer that made the secret (first requests URL, rotation): shown once. */
  requests_secret?: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

/** What a create or an update sends; an update sends only what changed. */
export interface CarrierInput {
  code?: string;
  name?: string;
  tracking_pattern?: string;
  tracking_url?: string;
  /** "" or null removes the endpoint. */
  requests_url?: string | null;
  requests_enabled?: boolean;
}

/** The longest requests URL the server takes. */
export const REQUESTS_URL_MAX = 2000;

export function carriersApi(client: ApiClient = defaultApi) {
  const base = '/api/v1/carriers';
  const ifMatch = (version?: number): Record<string, string> =>
    version === undefined ? {} : { 'If-Match': `"${version}"` };
  return {
    list: async (): Promise<Carrier[]> => (await client.get<Page<Carrier>>(base)).data,
    create: (body: CarrierInput) => client.post<Carrier>(base, body),
    /** With `version`, only if nobody changed the carrier since (412 otherwise). */
    update: (id: Id, changes: CarrierInput, version?: number) =>
      client.patch<Carrier>(`${base}/${id}`, changes, { headers: ifMatch(version) }),
    /** A new signing secret, in the answer's `requests_secret` only. */
    rotateSecret: (id: Id, version?: number) =>
      client.post<Carrier>(`${base}/${id}/requests-secret`, undefined, { headers: ifMatch(version) }),
  };
}

export type CarriersApi = ReturnType<typeof carriersApi>;
