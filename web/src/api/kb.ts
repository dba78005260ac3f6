// The knowledge base (docs/kb.md, /api/v1/kb/…): categories → sections → articles, each
// article with a translation per language (own title, Markdown body, status and version
// history). Reading needs an agent; categories, sections and deleting need an admin.
import { api as defaultApi, type ApiClient, type Query } from './client';
import type { Id, Language, Timestamp } from './types';

export const KB_STATUSES = ['draft', 'published', 'archived'] as const;
export type KbStatus = (typeof KB_STATUSES)[number];
export const KB_VISIBILITIES = ['public', 'internal'] as const;
export type KbVisibility = (typeof KB_VISIBILITIES)[number];

/** Text per language: {"en": "Shipping", "hi": "शिपिंग"}. */
export type LocalizedText = Partial<Record<Language, string>>;

export interface KbSection {
  id: Id;
  category_id: Id;
  titles: LocalizedText;
  descriptions: LocalizedText;
  position: number;
  article_count: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface KbCategory {
  id: Id;
  titles: LocalizedText;
  descriptions: LocalizedText;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
  sections: KbSection[];
}

export interface CategoryInput {
  titles?: LocalizedText;
  descriptions?: LocalizedText;
  position?: number;
}

export interface SectionInput extends CategoryInput {
  category_id?: Id;
}

/** One language of an article as lists show it. */
export interface TranslationSummary {
  language: Language;
  title: string;
  status: KbStatus;
  version_no: number;
  updated_at: Timestamp;
  views: number;
  helpful_yes: number;
  helpful_no: number;
}

export interface Translation extends TranslationSummary {
  body: string;
  /** Sanitised by the server; the only article HTML the console renders. */
  html: string;
  author_id: Id;
  published_at: Timestamp | null;
}

export interface ArticleSummary {
  id: Id;
  section_id: Id;
  visibility: KbVisibility;
  tags: string[];
  updated_at: Timestamp;
  version: number;
  translations: TranslationSummary[];
}

export interface Article extends Omit<ArticleSummary, 'translations'> {
  attachment_ids: Id[];
  created_by: Id;
  created_at: Timestamp;
  position: number;
  /** Path of the help centre page, e.g. "/help/en/articles/7". */
  help_url: string;
  translations: Translation[];
}

export interface ArticleFilters {
  section_id?: Id | null;
  language?: Language | '';
  status?: KbStatus | '';
  visibility?: KbVisibility | '';
  tag?: string;
}

export interface ArticleCreate {
  section_id: Id;
  visibility?: KbVisibility;
  tags?: string[];
  attachment_ids?: Id[];
  language: Language;
  title: string;
  body: string;
  status?: KbStatus;
}

export interface ArticleChanges {
  section_id?: Id;
  visibility?: KbVisibility;
  tags?: string[];
  attachment_ids?: Id[];
  position?: number;
}

export interface TranslationInput {
  title: string;
  body: string;
  status?: KbStatus;
}

export interface KbVersion {
  version_no: number;
  language: Language;
  title: string;
  status: KbStatus;
  author_id: Id;
  note: string;
  created_at: Timestamp;
  body?: string;
}

export interface DiffLine {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface KbDiff {
  from: number;
  to: number;
  title: { from: string; to: string };
  lines: DiffLine[];
}

/** An article search hit (GET /api/v1/search?type=article). */
export interface ArticleHit {
  id: Id;
  title: string;
  snippet: string;
  fields: {
    language?: Language;
    status?: KbStatus;
    visibility?: KbVisibility;
  };
}

/** The list members of the contract are `items`; the rest of the API says `data`. */
function itemsOf<T>(r: { items?: T[]; data?: T[] } | undefined): T[] {
  return r?.items ?? r?.data ?? [];
}

function ifMatch(version: number | undefined): Record<string, string> {
  return version === undefined ? {} : { 'If-Match': `"${version}"` };
}

const BASE = '/api/v1/kb';

export function kbApi(client: ApiClient = defaultApi) {
  return {
    listCategories: async () =>
      itemsOf(await client.get<{ items?: KbCategory[]; data?: KbCategory[] }>(`${BASE}/categories`)),
    createCategory: (body: CategoryInput) => client.post<KbCategory>(`${BASE}/categories`, body),
    updateCategory: (id: Id, body: CategoryInput, version?: number) =>
      client.patch<KbCategory>(`${BASE}/categories/${id}`, body, { headers: ifMatch(version) }),
    removeCategory: (id: Id) => client.delete(`${BASE}/categories/${id}`),
    createSection: (body: SectionInput & { category_id: Id }) =>
      client.post<KbSection>(`${BASE}/sections`, body),
    updateSection: (id: Id, body: SectionInput, version?: number) =>
      client.patch<KbSection>(`${BASE}/sections/${id}`, body, { headers: ifMatch(version) }),
    removeSection: (id: Id) => client.delete(`${BASE}/sections/${id}`),

    listArticles: async (filters: ArticleFilters = {}, cursor: string | null = null, limit = 50) => {
      const query: Query = { ...filters, cursor, limit };
      const r = await client.get<{ items?: ArticleSummary[]; data?: ArticleSummary[]; next_cursor?: string | null }>(
        `${BASE}/articles`,
        { query },
      );
      return { items: itemsOf(r), next_cursor: r.next_cursor ?? null };
    },
    getArticle: (id: Id) => client.get<Article>(`${BASE}/articles/${id}`),
    createArticle: (body: ArticleCreate) => client.post<Article>(`${BASE}/articles`, body),
    updateArticle: (id: Id, changes: ArticleChanges, version?: number) =>
      client.patch<Article>(`${BASE}/articles/${id}`, changes, { headers: ifMatch(version) }),
    removeArticle: (id: Id) => client.delete(`${BASE}/articles/${id}`),
    /** Creates the translation or saves a new version of it; 412 when `version` is stale. */
    saveTranslation: (id: Id, lang: Language, body: TranslationInput, version?: number) =>
      client.request<Article>('PUT', `${BASE}/articles/${id}/translations/${lang}`, {
        body,
        headers: ifMatch(version),
      }),
    removeTranslation: (id: Id, lang: Language) => client.delete(`${BASE}/articles/${id}/translations/${lang}`),
    listVersions: async (id: Id, lang: Language) =>
      itemsOf(
        await client.get<{ items?: KbVersion[]; data?: KbVersion[] }>(
          `${BASE}/articles/${id}/translations/${lang}/versions`,
        ),
      ),
    getVersion: (id: Id, lang: Language, n: number) =>
      client.get<KbVersion>(`${BASE}/articles/${id}/translations/${lang}/versions/${n}`),
    diff: (id: Id, lang: Language, from: number, to: number) =>
      client.get<KbDiff>(`${BASE}/articles/${id}/translations/${lang}/diff`, { query: { from, to } }),
    restore: (id: Id, lang: Language, n: number) =>
      client.post<Article>(`${BASE}/articles/${id}/translations/${lang}/versions/${n}/restore`),
    preview: async (body: string, signal?: AbortSignal) =>
      (await client.post<{ html: string }>(`${BASE}/preview`, { body }, signal ? { signal } : {})).html,
    searchArticles: async (q: string, limit = 5, signal?: AbortSignal) => {
      const query: Query = { q, type: 'article', limit };
      const r = await client.get<{ data?: ArticleHit[]; items?: ArticleHit[] }>(
        '/api/v1/search',
        signal ? { query, signal } : { query },
      );
      return itemsOf(r).map((h) => ({ ...h, fields: h.fields ?? {} }));
    },
  };
}

export type KbApi = ReturnType<typeof kbApi>;

/** A category's or section's title in `lang`, else English, else any. */
export function localized(text: LocalizedText, lang: Language): string {
  return text[lang] || text.en || Object.values(text).find((v) => v) || '';
}

/** The Markdown that shows an uploaded file in an article: an image, or a link to it. */
export function attachmentMarkdown(a: { id: Id; filename: string; mime_type: string }): string {
  const name = a.filename.replace(/[[\]\\]/g, '\\$&');
  const url = `/help/files/${a.id}`;
  return a.mime_type.toLowerCase().startsWith('image/') ? `![${name}](${url})` : `[${name}](${url})`;
}

/** The help centre's absolute address of an article in one language. */
export function helpCentreUrl(origin: string, id: Id, lang: Language): string {
  return `${origin}/help/${lang}/articles/${id}`;
}
