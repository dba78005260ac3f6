// The results page: the search the URL asks for, its hits page by page ("Load more"), the
// total, the facets and the problems the server found in the query. A new search cancels the
// one still on its way, so fast typing or back/forward never shows stale results.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, isApiError } from '../api/client';
import {
  DEFAULT_SEARCH_SORT,
  search,
  type SearchHit,
  type SearchProblem,
  type SearchResult,
  type SearchSort,
  type SearchType,
} from '../api/search';

export const SEARCH_PAGE_SIZE = 25;

export interface SearchState {
  q: string;
  types: SearchType[];
  sort: SearchSort;
}

function asApiError(e: unknown): ApiError {
  return isApiError(e) ? e : new ApiError({ status: 0, type: 'about:blank', detail: String(e) });
}

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

function sameState(a: SearchState, b: SearchState): boolean {
  return a.q === b.q && a.sort === b.sort && a.types.join(',') === b.types.join(',');
}

export const useSearchStore = defineStore('search', () => {
  const state = ref<SearchState>({ q: '', types: [], sort: DEFAULT_SEARCH_SORT });
  const hits = ref<SearchHit[]>([]);
  const nextCursor = ref<string | null>(null);
  const total = ref(0);
  const totalExact = ref(true);
  const facets = ref<SearchResult['facets']>({});
  const problems = ref<SearchProblem[]>([]);
  /** The query in the server's normal form, once a search has answered. */
  const canonical = ref('');
  /** The query `problems` point into (offsets belong to the text that was sent). */
  const problemsQuery = ref('');
  const loading = ref(false);
  const loadingMore = ref(false);
  const error = ref<ApiError | null>(null);
  /** A search has answered for `state` (an empty result is a result). */
  const done = ref(false);
  let request: AbortController | null = null;

  function clear(): void {
    hits.value = [];
    nextCursor.value = null;
    total.value = 0;
    totalExact.value = true;
    facets.value = {};
    problems.value = [];
    problemsQuery.value = '';
    canonical.value = '';
    error.value = null;
    done.value = false;
  }

  function begin(): AbortController {
    request?.abort();
    const controller = new AbortController();
    request = controller;
    return controller;
  }

  function finish(controller: AbortController): void {
    if (request === controller) {
      request = null;
      loading.value = false;
      loadingMore.value = false;
    }
  }

  /**
   * Runs the search for `next` from its first page, with facets. An empty query shows
   * nothing and asks nothing. The same search again is only run with `force`.
   */
  async function run(next: SearchState, force = false): Promise<void> {
    if (!force && done.value && sameState(state.value, next) && !error.value) {
      return;
    }
    state.value = { ...next, types: [...next.types] };
    const controller = begin();
    clear();
    if (next.q.trim() === '') {
      request = null;
      loading.value = false;
      loadingMore.value = false;
      return;
    }
    loading.value = true;
    try {
      const r = await search(
        { q: next.q, types: next.types, sort: next.sort, limit: SEARCH_PAGE_SIZE, facets: true },
        controller.signal,
      );
      if (controller.signal.aborted) {
        return;
      }
      hits.value = r.data;
      nextCursor.value = r.next_cursor;
      total.value = r.total;
      totalExact.value = r.total_exact;
      facets.value = r.facets ?? {};
      problems.value = r.problems;
      // The server's offsets count code points of the NFC query.
      problemsQuery.value = next.q.normalize('NFC');
      canonical.value = r.query;
      done.value = true;
    } catch (e) {
      if (controller.signal.aborted || isAbort(e)) {
        return;
      }
      error.value = asApiError(e);
    } finally {
      finish(controller);
    }
  }

  /** Appends the next page of the same search. */
  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loading.value || loadingMore.value) {
      return;
    }
    const controller = begin();
    loadingMore.value = true;
    const s = state.value;
    try {
      const r = await search(
        { q: s.q, types: s.types, sort: s.sort, cursor: nextCursor.value, limit: SEARCH_PAGE_SIZE },
        controller.signal,
      );
      if (controller.signal.aborted) {
        return;
      }
      const seen = new Set(hits.value.map((h) => `${h.type}:${h.id}`));
      hits.value = [...hits.value, ...r.data.filter((h) => !seen.has(`${h.type}:${h.id}`))];
      nextCursor.value = r.next_cursor;
      error.value = null;
    } catch (e) {
      if (controller.signal.aborted || isAbort(e)) {
        return;
      }
      error.value = asApiError(e);
    } finally {
      finish(controller);
    }
  }

  function reset(): void {
    request?.abort();
    request = null;
    loading.value = false;
    loadingMore.value = false;
    state.value = { q: '', types: [], sort: DEFAULT_SEARCH_SORT };
    clear();
  }

  return {
    state,
    hits,
    nextCursor,
    total,
    totalExact,
    facets,
    problems,
    problemsQuery,
    canonical,
    loading,
    loadingMore,
    error,
    done,
    run,
    loadMore,
    reset,
  };
});
