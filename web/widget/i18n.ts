// The widget's languages, its translator and the locale-aware formatting of numbers, waits,
// sizes and times. The visitor's language decides all of these.
import { en, type Catalogue, type MessageKey } from './locales/en';
import { hi } from './locales/hi';
import { kn } from './locales/kn';

export const LANGUAGES = ['en', 'hi', 'kn'] as const;
export type Language = (typeof LANGUAGES)[number];

export const catalogues: Record<Language, Catalogue> = { en, hi, kn };

/** The first supported language among the candidates ("hi-IN" counts as "hi"); else en. */
export function resolveLanguage(...candidates: (string | null | undefined)[]): Language {
  for (const c of candidates) {
    const base = (c ?? '').trim().toLowerCase().split(/[-_]/)[0];
    if ((LANGUAGES as readonly string[]).includes(base ?? '')) {
      return base as Language;
    }
  }
  return 'en';
}

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** A translator: numbers in params are formatted for the language. */
export function translator(language: Language): Translate {
  const catalogue = catalogues[language];
  const numbers = new Intl.NumberFormat(language);
  return (key, params) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = params?.[name];
      if (v === undefined) {
        return whole;
      }
      return typeof v === 'number' ? numbers.format(v) : v;
    });
}

function formatUnit(language: Language, value: number, unit: string, digits: number): string {
  try {
    return new Intl.NumberFormat(language, {
      style: 'unit',
      unit,
      unitDisplay: unit === 'minute' ? 'long' : 'short',
      maximumFractionDigits: digits,
    }).format(value);
  } catch {
    // Browsers from before unit formatting (Safari < 14.1).
    const n = new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
    return `${n} ${unit === 'minute' ? 'min' : unit === 'kilobyte' ? 'KB' : 'MB'}`;
  }
}

/** "Expected wait: about 3 minutes" in the language; null when the server gave no estimate. */
export function formatWait(t: Translate, language: Language, seconds: unknown): string | null {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    return null;
  }
  if (seconds < 60) {
    return t('waitShort');
  }
  return t('wait', { duration: formatUnit(language, Math.round(seconds / 60), 'minute', 0) });
}

export function formatSize(language: Language, bytes: number): string {
  return bytes >= 1024 * 1024
    ? formatUnit(language, bytes / (1024 * 1024), 'megabyte', 1)
    : formatUnit(language, Math.max(bytes / 1024, 0.1), 'kilobyte', bytes < 10240 ? 1 : 0);
}

export function formatTime(language: Language, ms: number): string {
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }).format(ms);
}
