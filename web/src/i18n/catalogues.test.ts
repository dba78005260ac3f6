import { describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import { catalogues, mergeParts } from '.';
import { LANGUAGES } from '../api/types';

type Tree = { [key: string]: string | Tree };

/** Every key of a catalogue as a dotted path, with its message. */
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

/** The named placeholders of a message: "{name} का अनुरोध" → {"name"}. */
function placeholders(message: string): Set<string> {
  return new Set(Array.from(message.matchAll(/\{\s*(\w+)\s*\}/g), (m) => m[1]!));
}

/**
 * What is wrong with `other` measured against the reference catalogue: missing and extra keys,
 * empty messages, and placeholders that differ (a translation that drops `{name}` loses data).
 */
export function catalogueProblems(reference: Tree, other: Tree): string[] {
  const ref = flatten(reference);
  const oth = flatten(other);
  const problems: string[] = [];
  for (const key of ref.keys()) {
    if (!oth.has(key)) {
      problems.push(`missing ${key}`);
    }
  }
  for (const [key, message] of oth) {
    if (!ref.has(key)) {
      problems.push(`extra ${key}`);
    }
    if (message.trim() === '') {
      problems.push(`empty ${key}`);
    }
    const want = [...placeholders(ref.get(key) ?? '')].sort().join(',');
    const got = [...placeholders(message)].sort().join(',');
    if (ref.has(key) && want !== got) {
      problems.push(`placeholders of ${key}: {${got}} instead of {${want}}`);
    }
  }
  return problems;
}

describe('catalogues', () => {
  for (const language of LANGUAGES) {
    it(`${language} has the same keys and placeholders as en, and no empty message`, () => {
      const en = catalogues.en as unknown as Tree;
      const other = catalogues[language] as unknown as Tree;
      expect(catalogueProblems(en, other)).toEqual([]);
      expect(catalogueProblems(other, en)).toEqual([]);
    });
  }

  it('the check catches a missing key, an empty message and a lost placeholder', () => {
    const en = { a: { b: 'Hello {name}', c: 'x' }, d: 'y' };
    const broken = { a: { b: 'नमस्ते' }, d: ' ', e: 'z' };
    expect(catalogueProblems(en, broken)).toEqual([
      'missing a.c',
      'placeholders of a.b: {} instead of {name}',
      'empty d',
      'extra e',
    ]);
  });

  it('every message compiles in its language', () => {
    // vue-i18n reports a message it cannot compile on the console and shows the raw text.
    const reports: unknown[][] = [];
    const collect = (...args: unknown[]) => void reports.push(args);
    vi.spyOn(console, 'warn').mockImplementation(collect);
    vi.spyOn(console, 'error').mockImplementation(collect);
    for (const language of LANGUAGES) {
      const i18n = createI18n({
        legacy: false,
        locale: language,
        messages: { [language]: catalogues[language] },
      });
      for (const [key] of flatten(catalogues[language] as unknown as Tree)) {
        const text = i18n.global.t(key, { n: 2, name: 'x', page: 'p', minutes: 2, first: 1, last: 2 });
        expect(text, `${language}: ${key}`).not.toBe(key);
        expect(text, `${language}: ${key}`).not.toMatch(/[{}]/);
      }
    }
    expect(reports).toEqual([]);
  });

  it('the compile check notices a broken message', () => {
    const reports: unknown[][] = [];
    vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void reports.push(a));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void reports.push(a));
    const i18n = createI18n({ legacy: false, locale: 'en', messages: { en: { a: 'Hello {name' } } });
    i18n.global.t('a', { name: 'x' });
    expect(reports.length).toBeGreaterThan(0);
  });

  it('feature catalogues add their sections to their own language only, once', () => {
    const files = {
      './parts/admin.en.json': { default: { admin: { title: 'Admin' } } },
      './parts/admin.hi.json': { default: { admin: { title: 'प्रशासन' } } },
    };
    expect(mergeParts('hi', { login: 'x' }, files)).toEqual({ login: 'x', admin: { title: 'प्रशासन' } });
    expect(mergeParts('kn', { login: 'x' }, files)).toEqual({ login: 'x' });
    expect(() => mergeParts('en', { admin: 'core' }, files)).toThrow(/admin/);
  });

  it('Hindi and Kannada are written in their own scripts', () => {
    const devanagari = /[\u0900-\u097F]/;
    const kannada = /[\u0C80-\u0CFF]/;
    expect(devanagari.test(catalogues.hi.login.submit)).toBe(true);
    expect(kannada.test(catalogues.kn.login.submit)).toBe(true);
    expect(devanagari.test(catalogues.hi.inbox.views.mine)).toBe(true);
    expect(kannada.test(catalogues.kn.inbox.views.mine)).toBe(true);
  });
});
