// The problems the server found in a query, for the agent: which part of the query each one is
// about (offsets are code points, so Devanagari and Kannada count the way the server counts)
// and which catalogue message explains it. Unknown codes fall back to the server's message.

import type { SearchProblem } from '../../api/search';

/** The codes the console explains in the agent's language (see search/query/query.h). */
export const PROBLEM_CODES = [
  'unclosed-quote',
  'unbalanced-parenthesis',
  'unknown-field',
  'unknown-value',
  'bad-date',
  'empty-value',
  'dangling-operator',
  'too-long',
  'too-many-terms',
  'too-deep',
  'only-negative',
] as const;

/** `unknown-field` → `search.problem.unknownField`; null for a code the console does not know. */
export function problemKey(code: string): string | null {
  if (!(PROBLEM_CODES as readonly string[]).includes(code)) {
    return null;
  }
  return `search.problem.${code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}`;
}

/** The part of `query` a problem points at ('' when it points between characters). */
export function problemPart(query: string, problem: Pick<SearchProblem, 'begin' | 'end'>): string {
  const chars = Array.from(query);
  const begin = Math.max(0, Math.min(problem.begin, chars.length));
  const end = Math.max(begin, Math.min(problem.end, chars.length));
  return chars.slice(begin, end).join('');
}

export interface QuerySegment {
  text: string;
  /** Index into the problems of the first one covering this text; null for plain text. */
  problem: number | null;
}

/**
 * `query` cut into runs of plain text and of text a problem points at, in order, so the
 * screen can underline the parts. Overlapping problems: the first one listed wins.
 */
export function querySegments(query: string, problems: readonly SearchProblem[]): QuerySegment[] {
  const chars = Array.from(query);
  const owner: (number | null)[] = chars.map(() => null);
  problems.forEach((p, index) => {
    const end = Math.min(p.end, chars.length);
    for (let i = Math.max(0, p.begin); i < end; i += 1) {
      if (owner[i] === null) {
        owner[i] = index;
      }
    }
  });
  const out: QuerySegment[] = [];
  chars.forEach((c, i) => {
    const last = out.at(-1);
    if (last && last.problem === owner[i]) {
      last.text += c;
    } else {
      out.push({ text: c, problem: owner[i] ?? null });
    }
  });
  return out;
}
