import { describe, expect, it } from 'vitest';
import { catalogues, formatSize, formatWait, LANGUAGES, resolveLanguage, translator } from './i18n';

function placeholders(message: string): string[] {
  return Array.from(message.matchAll(/\{(\w+)\}/g), (m) => m[1]!).sort();
}

describe('catalogues', () => {
  const en = catalogues.en;
  for (const lang of ['hi', 'kn'] as const) {
    it(`${lang} has every key of en, with the same placeholders, written in its own script`, () => {
      const other = catalogues[lang];
      expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
      const script = lang === 'hi' ? /[\u0900-\u097F]/ : /[\u0C80-\u0CFF]/;
      for (const [key, message] of Object.entries(other)) {
        expect(placeholders(message), key).toEqual(placeholders(en[key as keyof typeof en]));
        if (key !== 'fileLink') {
          expect(message, key).toMatch(script);
        }
      }
    });
  }
});

describe('resolveLanguage', () => {
  it('takes data-language, then <html lang>, then the browser, then en', () => {
    expect(resolveLanguage('kn', 'hi', 'en-US')).toBe('kn');
    expect(resolveLanguage(undefined, 'hi-IN', 'en-US')).toBe('hi');
    expect(resolveLanguage('', '', 'kn-IN')).toBe('kn');
    expect(resolveLanguage('fr', 'de', 'ta-IN')).toBe('en');
    expect(resolveLanguage(null, undefined, undefined)).toBe('en');
  });
});

describe('formatting', () => {
  it('says the expected wait in the visitor’s language', () => {
    for (const [lang, short, long] of [
      ['en', 'Expected wait: less than a minute', 'Expected wait: about 5 minutes'],
      ['hi', 'अनुमानित प्रतीक्षा: एक मिनट से कम', 'अनुमानित प्रतीक्षा: लगभग 5 मिनट'],
      ['kn', 'ಅಂದಾಜು ಕಾಯುವ ಸಮಯ: ಒಂದು ನಿಮಿಷಕ್ಕಿಂತ ಕಡಿಮೆ', 'ಅಂದಾಜು ಕಾಯುವ ಸಮಯ: ಸುಮಾರು 5 ನಿಮಿಷಗಳು'],
    ] as const) {
      const t = translator(lang);
      expect(formatWait(t, lang, 42)).toBe(short);
      expect(formatWait(t, lang, 290)).toBe(long);
      expect(formatWait(t, lang, null)).toBeNull();
    }
  });

  it('formats numbers in placeholders and file sizes for the language', () => {
    expect(translator('en')('openUnread', { count: 1200 })).toBe(
      'Open chat. Unread messages: 1,200',
    );
    expect(translator('hi')('queued', { position: 3 })).toBe('कतार में आपका नंबर 3 है।');
    expect(formatSize('en', 2048)).toBe('2 kB');
    expect(formatSize('en', 3.5 * 1024 * 1024)).toBe('3.5 MB');
    for (const lang of LANGUAGES) {
      expect(formatSize(lang, 300 * 1024)).toMatch(/^300\s?\S+/);
    }
  });
});
