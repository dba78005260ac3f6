// Words for SLA times in the agent's language, from Intl: a remaining or overdue span ("12 min",
// "1 hr 59 min", "2 days 3 hr"), a policy's target ("90 minutes", "4 hours"), lists of
// conditions ("email or chat") and exact due times in the agent's own time zone.
import { splitMinutes } from '../api/sla';

const numberFormats = new Map<string, Intl.NumberFormat>();

function unitFormat(locale: string, unit: string, display: 'short' | 'long'): Intl.NumberFormat {
  const key = `${locale}|${unit}|${display}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: display });
    numberFormats.set(key, f);
  }
  return f;
}

function unitList(parts: string[], locale: string): string {
  return new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(parts);
}

/**
 * A span of time, short, in at most two units: under an hour in minutes (at least 1), under a
 * day in hours and minutes, else days and hours. Seconds are dropped, never rounded up.
 */
export function shortDuration(seconds: number, locale: string): string {
  const minutes = Math.max(1, Math.floor(Math.abs(seconds) / 60));
  const min = (n: number) => unitFormat(locale, 'minute', 'short').format(n);
  const hr = (n: number) => unitFormat(locale, 'hour', 'short').format(n);
  const day = (n: number) => unitFormat(locale, 'day', 'short').format(n);
  if (minutes < 60) {
    return min(minutes);
  }
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? hr(h) : unitList([hr(h), min(m)], locale);
  }
  const d = Math.floor(minutes / (24 * 60));
  const h = Math.floor((minutes % (24 * 60)) / 60);
  return h === 0 ? day(d) : unitList([day(d), hr(h)], locale);
}

/**
 * A target in words, in its largest whole unit: "1 minute", "90 minutes", "4 hours", "2 days";
 * business-hour targets in hours at most ("24 hours", never "1 day").
 */
export function targetDuration(minutes: number, locale: string, businessHours = false): string {
  const { amount, unit } = splitMinutes(minutes, businessHours);
  const name = unit === 'days' ? 'day' : unit === 'hours' ? 'hour' : 'minute';
  return unitFormat(locale, name, 'long').format(amount);
}

/** "email or chat": a condition list matches a ticket that has any one of its values. */
export function anyOf(items: string[], locale: string): string {
  return new Intl.ListFormat(locale, { type: 'disjunction', style: 'long' }).format(items);
}

/** "vip, gold": values listed as they are. */
export function plainList(items: string[], locale: string): string {
  return new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(items);
}

/**
 * The exact time in `timeZone` (the agent's, from their profile) in `locale`; the browser's
 * zone when the agent has none or the name is unknown to this browser.
 */
export function zonedTime(iso: string, locale: string, timeZone?: string | null): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) {
    return '';
  }
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  if (timeZone) {
    try {
      return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(at);
    } catch {
      // RangeError: a zone this browser does not know.
    }
  }
  return new Intl.DateTimeFormat(locale, options).format(at);
}

/** Whether `dueAt` has passed at `now`, and by how much or how long is left, in seconds. */
export function dueState(dueAt: string, now: number): { overdue: boolean; seconds: number } | null {
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) {
    return null;
  }
  const seconds = (due - now) / 1000;
  return { overdue: seconds < 0, seconds: Math.abs(seconds) };
}
