// Times shown to agents: "3 minutes ago" / "3 मिनट पहले" / "3 ನಿಮಿಷಗಳ ಹಿಂದೆ" from
// Intl.RelativeTimeFormat in the current locale, with the exact time for a tooltip.
import { onScopeDispose, ref, type Ref } from 'vue';

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let f = relativeFormats.get(locale);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, f);
  }
  return f;
}

/**
 * `iso` relative to `now` (ms since the epoch) in `locale`: "now" under a minute, then the
 * largest whole unit ("2 hours ago", "yesterday", "in 3 days").
 */
export function relativeTime(iso: string, now: number, locale: string): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) {
    return '';
  }
  const seconds = (then - now) / 1000;
  const f = relativeFormat(locale);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return f.format(Math.trunc(seconds / size), unit);
    }
  }
  return f.format(0, 'second');
}

/** The exact local time, e.g. "23 Nov 2026, 18:46" in en, "23 नव॰ 2026, 6:46 pm" in hi. */
export function absoluteTime(iso: string, locale: string): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) {
    return '';
  }
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateFormats.set(locale, f);
  }
  return f.format(then);
}

const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * The current time, refreshed every 30 seconds while some component shows relative times, so
 * "just now" becomes "1 minute ago" without a reload. One timer for the whole page.
 */
export function useNow(): Readonly<Ref<number>> {
  users += 1;
  if (timer === undefined) {
    now.value = Date.now();
    timer = setInterval(() => {
      now.value = Date.now();
    }, 30_000);
  }
  onScopeDispose(() => {
    users -= 1;
    if (users === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  });
  return now;
}
