// The results page keeps its whole state in the URL (/search?q=…&type=…&sort=…), so back and
// forward, reload and a shared link all show the same search.
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import {
  DEFAULT_SEARCH_SORT,
  SEARCH_SORTS,
  SEARCH_TYPES,
  type SearchSort,
  type SearchType,
} from '../../api/search';
import type { SearchState } from '../../stores/search';

function first(v: LocationQuery[string] | undefined): string {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x : '';
}

/** The search a URL's query asks for; unknown types and orders are dropped. */
export function stateFromQuery(query: LocationQuery): SearchState {
  const types = first(query.type)
    .split(',')
    .filter((t): t is SearchType => (SEARCH_TYPES as readonly string[]).includes(t));
  const sort = first(query.sort);
  return {
    q: first(query.q),
    types: [...new Set(types)],
    sort: (SEARCH_SORTS as readonly string[]).includes(sort) ? (sort as SearchSort) : DEFAULT_SEARCH_SORT,
  };
}

/** The URL query of a search; defaults are left out. */
export function queryFromState(state: SearchState): LocationQueryRaw {
  const out: LocationQueryRaw = { q: state.q };
  if (state.types.length > 0) {
    out.type = state.types.join(',');
  }
  if (state.sort !== DEFAULT_SEARCH_SORT) {
    out.sort = state.sort;
  }
  return out;
}
