// Document rules (docs/shipments.md, "Documents for international shipments"): per destination
// country (or `*`, every international destination) and optionally per origin country, the
// documents customs need, each perhaps explained by a knowledge-base article. Any agent reads
// them; admins write them. The types follow src/api/handlers_shipment_documents.cc.
import { api as defaultApi, type ApiClient } from './client';
import type { DocumentArticle } from './shipments';
import type { Id, Page, Timestamp } from './types';

export interface RuleDocument {
  /** 1–40 characters of a-z, 0-9, `_` and `-`, unique in the rule. */
  code: string;
  /** 1–100 characters. */
  name: string;
  /** At most 500 characters; may be "". */
  note: string;
  kb_article_id: Id | null;
  /** The article as the agent reads it; null when none is named or it was deleted. */
  article: DocumentArticle | null;
}

export interface DocumentRule {
  id: Id;
  /** ISO 3166-1 alpha-2 (`US`), or `*` for every international destination. */
  destination_country: string;
  /** ISO 3166-1 alpha-2, or "" for any origin. */
  origin_country: string;
  documents: RuleDocument[];
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

/** What a create or an update sends; an update sends only what changed. */
export interface DocumentRuleInput {
  destination_country?: string;
  origin_country?: string;
  documents?: { code: string; name: string; note?: string; kb_article_id?: Id | null }[];
}

export const EVERY_DESTINATION = '*';

/** An article chosen for a document in the rule editor. */
export interface PickedArticle {
  id: Id;
  /** May be "" when the article's title is not known (it was deleted). */
  title: string;
}

export function shipmentDocumentsApi(client: ApiClient = defaultApi) {
  const base = '/api/v1/shipment-document-rules';
  return {
    list: async (): Promise<DocumentRule[]> => (await client.get<Page<DocumentRule>>(base)).data,
    get: (id: Id) => client.get<DocumentRule>(`${base}/${id}`),
    create: (body: DocumentRuleInput) => client.post<DocumentRule>(base, body),
    /** With `version`, only if nobody changed the rule since (412 otherwise). */
    update: (id: Id, changes: DocumentRuleInput, version?: number) =>
      client.patch<DocumentRule>(`${base}/${id}`, changes, {
        headers: version === undefined ? {} : { 'If-Match': `"${version}"` },
      }),
    remove: (id: Id) => client.delete(`${base}/${id}`),
  };
}

export type ShipmentDocumentsApi = ReturnType<typeof shipmentDocumentsApi>;

/**
 * A country's name in `locale` ("United States", "संयुक्त राज्य"), `*` as the caller's words for
 * every destination, and the code itself where the browser has no name for it.
 */
export function countryName(code: string, locale: string): string {
  if (!/^[A-Z]{2}$/.test(code)) {
    return code;
  }
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
