// Facts about a customer as an agent reads them: the customer's language named in its own script
// and the time where the customer is.
import { LANGUAGE_NAMES, isLanguage } from '../../i18n';

/**
 * A BCP 47 tag named in its own language ("hi" → "हिन्दी", "ta" → "தமிழ்"), as the customer
 * would name it; the console's own languages use LANGUAGE_NAMES. Null for an empty tag; the
 * tag itself when the browser knows no name for it.
 */
export function languageName(tag: string): string | null {
  const clean = tag.trim();
  if (!clean) {
    return null;
  }
  if (isLanguage(clean)) {
    return LANGUAGE_NAMES[clean];
  }
  try {
    const name = new Intl.DisplayNames([clean], { type: 'language', fallback: 'none' }).of(clean);
    return name ?? clean;
  } catch {
    return clean;
  }
}

/** The lang attribute for text in the customer's language; undefined when unknown or bad. */
export function langAttribute(tag: string): string | undefined {
  const clean = tag.trim();
  if (!clean) {
    return undefined;
  }
  try {
    return Intl.getCanonicalLocales(clean)[0];
  } catch {
    return undefined;
  }
}

export interface LocalTime {
  /** "14:05" / "2:05 pm" in the agent's locale. */
  time: string;
  /** The hour there, 0–23. */
  hour: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' });
    formats.set(key, f);
  }
  return f;
}

/** The time in `timeZone` at `now` (ms since the epoch); null for an empty or unknown zone. */
export function localTime(timeZone: string, now: number, locale: string): LocalTime | null {
  if (!timeZone.trim()) {
    return null;
  }
  try {
    const time = format(locale, timeZone).format(now);
    const hourText = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' })
      .format(now);
    return { time, hour: Number.parseInt(hourText, 10) % 24 };
  } catch {
    return null;
  }
}

/** Too late or too early to ring a customer: 21:00 to 08:00 where they are. */
export function isQuietHour(hour: number): boolean {
  return hour >= 21 || hour < 8;
}

/** Every IANA time zone the browser knows, for the time-zone field's suggestions. */
export function timeZoneNames(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}
