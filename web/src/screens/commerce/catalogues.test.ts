// The commerce text (src/i18n/parts/commerce.*.json, merged into the console's catalogues like
// every feature's): src/i18n/catalogues.test.ts already keeps keys and placeholders equal across
// en, hi and kn; this checks what it cannot — that Hindi and Kannada are translations written in
// their own scripts, not English copies — and that the placeholder the panels replace is gone.
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../i18n';
import en from '../../i18n/parts/commerce.en.json';
import hi from '../../i18n/parts/commerce.hi.json';
import kn from '../../i18n/parts/commerce.kn.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      out.set(path, value);
    } else {
      for (const [k, v] of flatten(value, path)) {
        out.set(k, v);
      }
    }
  }
  return out;
}

const SCRIPTS = { hi: /[\u0900-\u097F]/, kn: /[\u0C80-\u0CFF]/ };

describe('commerce catalogues', () => {
  it('are merged into the console’s catalogues, one section in each language', () => {
    for (const language of ['en', 'hi', 'kn'] as const) {
      expect(Object.keys(catalogues[language])).toContain('commerce');
    }
    expect(catalogues.hi.commerce).toEqual(hi.commerce);
  });

  for (const [language, tree] of [['hi', hi], ['kn', kn]] as const) {
    it(`${language} has every message, translated into its own script`, () => {
      const ref = flatten(en as Tree);
      const mine = flatten(tree as Tree);
      expect([...mine.keys()].sort()).toEqual([...ref.keys()].sort());
      const untranslated = [...mine].filter(([key, message]) => {
        const english = ref.get(key);
        // Example numbers are the same in every language; the words around them are not.
        return !SCRIPTS[language].test(message) || message === english;
      });
      expect(untranslated).toEqual([]);
    });
  }

  it('no longer has the placeholder for orders and invoices', () => {
    for (const language of ['en', 'hi', 'kn'] as const) {
      expect(Object.keys(catalogues[language].customer as object)).not.toContain('reserved');
    }
  });
});
