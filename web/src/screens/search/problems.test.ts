import { describe, expect, it } from 'vitest';
import { catalogues } from '../../i18n';
import type { SearchProblem } from '../../api/search';
import { PROBLEM_CODES, problemKey, problemPart, querySegments } from './problems';

function problem(code: string, begin: number, end: number): SearchProblem {
  return { code, message: `msg ${code}`, begin, end, ignored: false };
}

function lookup(catalogue: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], catalogue);
}

describe('search problems', () => {
  it('has a message in every language for every code the server documents', () => {
    for (const code of PROBLEM_CODES) {
      const key = problemKey(code)!;
      for (const lang of ['en', 'hi', 'kn'] as const) {
        expect(typeof lookup(catalogues[lang], key), `${lang} ${key}`).toBe('string');
      }
    }
    expect(problemKey('something-new')).toBeNull();
  });

  it('counts offsets in code points, so a Hindi query underlines the right part', () => {
    // "स्थिति:खुला" — a Hindi field name the parser does not know, then a word.
    const q = 'पार्सल स्थिति:खुला late';
    const begin = Array.from('पार्सल ').length;
    const end = begin + Array.from('स्थिति:खुला').length;
    expect(problemPart(q, problem('unknown-field', begin, end))).toBe('स्थिति:खुला');
    expect(querySegments(q, [problem('unknown-field', begin, end)])).toEqual([
      { text: 'पार्सल ', problem: null },
      { text: 'स्थिति:खुला', problem: 0 },
      { text: ' late', problem: null },
    ]);
  });

  it('keeps several problems apart, the first winning where they overlap, and clamps bad offsets', () => {
    const q = 'a "b (c';
    const segs = querySegments(q, [problem('unclosed-quote', 2, 7), problem('unbalanced-parenthesis', 5, 99)]);
    expect(segs).toEqual([
      { text: 'a ', problem: null },
      { text: '"b (c', problem: 0 },
    ]);
    expect(problemPart(q, problem('too-long', 5, 99))).toBe('(c');
    expect(problemPart(q, problem('dangling-operator', 7, 7))).toBe('');
    expect(querySegments('', [problem('too-long', 0, 3)])).toEqual([]);
  });
});
