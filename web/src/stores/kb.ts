// The knowledge base in the console: the category → section tree, the article list with its
// filters, the article open in the editor (saved with If-Match; a 412 sets `conflict` until it
// is reloaded), a translation's versions and diffs, and two hand-overs of the ticket page:
// text for the reply box (the sidebar's "Insert link/text") and a draft seeded from a reply
// ("Create article").
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { isApiError, type Id } from '../api/client';
import {
  kbApi,
  type Article,
  type ArticleChanges,
  type ArticleCreate,
  type ArticleFilters,
  type ArticleSummary,
  type CategoryInput,
  type DiffLine,
  type KbCategory,
  type KbDiff,
  type KbVersion,
  type SectionInput,
  type TranslationInput,
} from '../api/kb';
import type { Language } from '../api/types';

/** A line of a diff as the screen shows it: old and new line numbers and a marker. */
export interface DiffRow extends DiffLine {
  oldNo: number | null;
  newNo: number | null;
  marker: '+' | '-' | ' ';
}

export function diffRows(lines: readonly DiffLine[]): DiffRow[] {
  let oldNo = 0;
  let newNo = 0;
  return lines.map((l) => {
    if (l.op === 'insert') {
      newNo += 1;
      return { ...l, oldNo: null, newNo, marker: '+' };
    }
    if (l.op === 'delete') {
      oldNo += 1;
      return { ...l, oldNo, newNo: null, marker: '-' };
    }
    oldNo += 1;
    newNo += 1;
    return { ...l, oldNo, newNo, marker: ' ' };
  });
}

/** What "Create article" on a reply hands to the editor. */
export interface ArticleSeed {
  title: string;
  body: string;
  language: Language;
}

/** Text the ticket sidebar asks the reply box to insert; `seq` tells two equal texts apart. */
export interface ReplyInsert {
  text: string;
  seq: number;
}

export function isConflict(e: unknown): boolean {
  return isApiError(e, '/problems/precondition-failed') || (isApiError(e) && e.status === 412);
}

export const useKbStore = defineStore('kb', () => {
  const categories = ref<KbCategory[]>([]);
  const treeLoading = ref(false);
  const treeError = ref<unknown>(null);

  const articles = ref<ArticleSummary[]>([]);
  const articlesCursor = ref<string | null>(null);
  const articlesLoading = ref(false);
  const articlesError = ref<unknown>(null);

  const article = ref<Article | null>(null);
  /** The open article changed on the server since it was loaded (a save answered 412). */
  const conflict = ref(false);

  const versions = ref<KbVersion[]>([]);
  const diff = ref<KbDiff | null>(null);

  const seed = ref<ArticleSeed | null>(null);
  const replyInsert = ref<ReplyInsert | null>(null);
  let insertSeq = 0;

  // ------------------------------------------------------------ categories and sections

  async function loadTree(): Promise<void> {
    treeLoading.value = true;
    treeError.value = null;
    try {
      const list = await kbApi().listCategories();
      list.sort((a, b) => a.position - b.position || a.id - b.id);
      for (const c of list) {
        c.sections = [...(c.sections ?? [])].sort((a, b) => a.position - b.position || a.id - b.id);
      }
      categories.value = list;
    } catch (e) {
      treeError.value = e;
    } finally {
      treeLoading.value = false;
    }
  }

  /** Runs a change of the tree, then reloads it (positions and counts come from the server). */
  async function changeTree<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } finally {
      await loadTree();
    }
  }

  const createCategory = (body: CategoryInput) => changeTree(() => kbApi().createCategory(body));
  const updateCategory = (id: Id, body: CategoryInput) =>
    changeTree(() => kbApi().updateCategory(id, body, categories.value.find((c) => c.id === id)?.version));
  const removeCategory = (id: Id) => changeTree(() => kbApi().removeCategory(id));
  const createSection = (body: SectionInput & { category_id: Id }) => changeTree(() => kbApi().createSection(body));
  const updateSection = (id: Id, body: SectionInput) =>
    changeTree(() => kbApi().updateSection(id, body, sectionById(id)?.version));
  const removeSection = (id: Id) => changeTree(() => kbApi().removeSection(id));

  function sectionById(id: Id | null | undefined) {
    for (const c of categories.value) {
      const s = c.sections.find((x) => x.id === id);
      if (s) {
        return s;
      }
    }
    return undefined;
  }

  /** Swaps a category or a section with its neighbour by saving both positions. */
  async function move(kind: 'category' | 'section', id: Id, by: -1 | 1): Promise<void> {
    const list =
      kind === 'category'
        ? categories.value
        : (categories.value.find((c) => c.sections.some((s) => s.id === id))?.sections ?? []);
    const i = list.findIndex((x) => x.id === id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= list.length) {
      return;
    }
    const a = list[i]!;
    const b = list[j]!;
    const update = kind === 'category' ? kbApi().updateCategory : kbApi().updateSection;
    await changeTree(async () => {
      await update(a.id, { position: j }, a.version);
      await update(b.id, { position: i }, b.version);
    });
  }

  // ------------------------------------------------------------ articles

  async function loadArticles(filters: ArticleFilters, more = false): Promise<void> {
    articlesLoading.value = true;
    articlesError.value = null;
    try {
      const page = await kbApi().listArticles(filters, more ? articlesCursor.value : null);
      articles.value = more ? [...articles.value, ...page.items] : page.items;
      articlesCursor.value = page.next_cursor;
    } catch (e) {
      articlesError.value = e;
    } finally {
      articlesLoading.value = false;
    }
  }

  async function loadArticle(id: Id): Promise<Article> {
    const a = await kbApi().getArticle(id);
    article.value = a;
    conflict.value = false;
    return a;
  }

  async function createArticle(body: ArticleCreate): Promise<Article> {
    const a = await kbApi().createArticle(body);
    article.value = a;
    conflict.value = false;
    return a;
  }

  /** Saves with the loaded version as If-Match; a 412 sets `conflict` and rethrows. */
  async function guarded(action: (version: number | undefined) => Promise<Article>): Promise<Article> {
    try {
      const a = await action(article.value?.version);
      article.value = a;
      return a;
    } catch (e) {
      if (isConflict(e)) {
        conflict.value = true;
      }
      throw e;
    }
  }

  function saveTranslation(lang: Language, input: TranslationInput): Promise<Article> {
    const id = article.value!.id;
    return guarded((v) => kbApi().saveTranslation(id, lang, input, v));
  }

  function updateArticle(changes: ArticleChanges): Promise<Article> {
    const id = article.value!.id;
    return guarded((v) => kbApi().updateArticle(id, changes, v));
  }

  async function reloadArticle(): Promise<void> {
    if (article.value) {
      await loadArticle(article.value.id);
    }
  }

  // ------------------------------------------------------------ versions

  async function loadVersions(id: Id, lang: Language): Promise<void> {
    versions.value = await kbApi().listVersions(id, lang);
  }

  async function loadDiff(id: Id, lang: Language, from: number, to: number): Promise<void> {
    diff.value = await kbApi().diff(id, lang, from, to);
  }

  async function restore(lang: Language, n: number): Promise<Article> {
    const a = await kbApi().restore(article.value!.id, lang, n);
    article.value = a;
    conflict.value = false;
    await loadVersions(a.id, lang);
    return a;
  }

  // ------------------------------------------------------------ hand-overs from the ticket page

  function seedArticle(s: ArticleSeed): void {
    seed.value = s;
  }

  /** The seed, once: the editor takes it when it opens. */
  function takeSeed(): ArticleSeed | null {
    const s = seed.value;
    seed.value = null;
    return s;
  }

  function insertIntoReply(text: string): void {
    insertSeq += 1;
    replyInsert.value = { text, seq: insertSeq };
  }

  return {
    categories,
    treeLoading,
    treeError,
    articles,
    articlesCursor,
    articlesLoading,
    articlesError,
    article,
    conflict,
    versions,
    diff,
    seed,
    replyInsert,
    loadTree,
    createCategory,
    updateCategory,
    removeCategory,
    createSection,
    updateSection,
    removeSection,
    sectionById,
    move,
    loadArticles,
    loadArticle,
    createArticle,
    saveTranslation,
    updateArticle,
    reloadArticle,
    loadVersions,
    loadDiff,
    restore,
    seedArticle,
    takeSeed,
    insertIntoReply,
  };
});
