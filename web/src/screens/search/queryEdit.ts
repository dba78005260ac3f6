// Editing the query text from the results page: a facet value clicked becomes a `field:value`
// term at the end of the query, unless the query already has it.

/** `value` as the query language writes it: quoted when it holds spaces, quotes or brackets. */
export function quoteValue(value: string): string {
  return /[\s"()]/u.test(value) || value === '' ? `"${value.replace(/"/g, '')}"` : value;
}

/** The term for one facet value: `status:open`, `group:3`, `channel:email`. */
export function facetTerm(field: string, value: string): string {
  return `${field}:${quoteValue(value)}`;
}

/** True when `term` is already one of the query's terms (case does not matter). */
export function hasTerm(query: string, term: string): boolean {
  const want = term.toLowerCase();
  return query
    .split(/\s+/u)
    .filter((t) => t !== '')
    .some((t) => t.toLowerCase() === want);
}

/** The query with `term` added at the end (AND); unchanged when the term is already there. */
export function addTerm(query: string, term: string): string {
  const q = query.trim();
  if (hasTerm(q, term)) {
    return q;
  }
  return q === '' ? term : `${q} ${term}`;
}
