// The console's text catalogues (en, hi, kn) and the current locale.
//
// All three catalogues are bundled: together they are a few kilobytes compressed, and switching
// language must not wait for the network. src/i18n/catalogues.test.ts keeps their keys equal.
import { createI18n } from 'vue-i18n';
import { LANGUAGES, type Language } from '../api/types';
import en from './en.json';
import hi from './hi.json';
import kn from './kn.json';

/**
 * Feature catalogues: `parts/<feature>.<lang>.json`, each adding top-level sections (`admin`,
 * `customer`, …) to the core catalogue of its language, so screens can grow their own text
 * without all editing one file. A section defined twice is a bug and fails at start-up.
 */
/** A catalogue: messages by key, nested in sections. */
export type LocaleMessage = { [key: string]: string | LocaleMessage };

const parts = import.meta.glob<{ default: LocaleMessage }>('./parts/*.json', {
  eager: true,
});

export function mergeParts<T extends LocaleMessage>(
  language: string,
  core: T,
  files: Record<string, { default: LocaleMessage }> = parts,
): T & LocaleMessage {
  const out: LocaleMessage = { ...core };
  for (const [path, mod] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const m = /\/([\w-]+)\.([a-z]{2})\.json$/.exec(path);
    if (!m || m[2] !== language) {
      continue;
    }
    for (const [section, value] of Object.entries(mod.default)) {
      if (section in out) {
        throw new Error(`catalogue section "${section}" of ${path} is already defined`);
      }
      out[section] = value;
    }
  }
  return out as T & LocaleMessage;
}

export type MessageSchema = typeof en & LocaleMessage;
export const catalogues: Record<Language, MessageSchema> = {
  en: mergeParts('en', en),
  hi: mergeParts('hi', hi),
  kn: mergeParts('kn', kn),
};

/**
 * Each language named in its own script, as a language switcher shows it whatever the current
 * language is; these are names, not translations, so they live here and not in the catalogues.
 */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  hi: 'हिन्दी',
  kn: 'ಕನ್ನಡ',
};

/** Where the switcher keeps an agent's choice: per agent, as a workstation may be shared. */
function storageKey(agentId: number): string {
  return `sahayak.locale.${agentId}`;
}

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

export function createAppI18n(locale: Language = 'en') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: catalogues,
    // A missing key is a bug the catalogue test catches; do not fill the console with warnings.
    missingWarn: false,
    fallbackWarn: false,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;

export const i18n = createAppI18n();

/** The language `agentId` chose with the switcher in this browser, if any. */
export function storedLanguage(agentId: number): Language | null {
  try {
    const v = localStorage.getItem(storageKey(agentId));
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * The locale for a signed-in agent: the one they picked with the switcher in this browser
 * wins, else their `language` from /auth/me. The switcher and the settings page also store
 * the choice on the server (PATCH /auth/me), so a new device starts in it.
 */
export function preferredLanguage(agent: { id: number; language: string }): Language {
  return storedLanguage(agent.id) ?? (isLanguage(agent.language) ? agent.language : 'en');
}

export function currentLanguage(instance: AppI18n = i18n): Language {
  const v = instance.global.locale.value;
  return isLanguage(v) ? v : 'en';
}

/**
 * Shows the console in `language`; the page's `lang` follows so fonts, line breaking and
 * screen readers pick the right script. `rememberFor` keeps the choice for that agent in this
 * browser (the switcher, once signed in).
 */
export function setLanguage(
  language: Language,
  rememberFor: number | null = null,
  instance: AppI18n = i18n,
): void {
  instance.global.locale.value = language;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language;
  }
  if (rememberFor !== null) {
    try {
      localStorage.setItem(storageKey(rememberFor), language);
    } catch {
      // Private windows may refuse storage; the choice then lasts for this page only.
    }
  }
}
