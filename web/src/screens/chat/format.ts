// Small formatting helpers of the chat screens: waiting times, file sizes, language names.
import { LANGUAGE_NAMES, isLanguage } from '../../i18n';

/** "0:07", "4:32", "1:02:09": a waiting time or a countdown, never negative. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Whole seconds left until `at` (ms since the epoch), never negative. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** A language code as its own name where the console knows it ("हिन्दी"), else the code. */
export function languageName(code: string): string {
  return isLanguage(code) ? LANGUAGE_NAMES[code] : code;
}

/** "12 KB", "3.4 MB" in the agent's locale. */
export function fileSize(bytes: number, locale: string): string {
  const units: [string, number][] = [
    ['megabyte', 1024 * 1024],
    ['kilobyte', 1024],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) {
      return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / size);
    }
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte' }).format(bytes);
}

/** The time of an event, "14:05", in the agent's locale. */
export function timeOfDay(at: number, locale: string): string {
  return at > 0 ? new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(at) : '';
}

const ERROR_CODES = new Set([
  'bad_request',
  'not_found',
  'too_long',
  'ended',
  'rate_limited',
  'forbidden',
  'unavailable',
  'offline',
]);

/** The catalogue key for an `error` frame's code (unknown codes read as "try again"). */
export function chatErrorKey(code: string): string {
  return `chat.errors.${ERROR_CODES.has(code) ? code : 'unavailable'}`;
}
