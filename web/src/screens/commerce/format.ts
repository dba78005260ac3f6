// Amounts, dates and links of orders, invoices and contracts as an agent reads them, in the
// console's locale. No catalogue text here: the components put these into their messages.
export { formatCalendarDate } from '../../api/delivery';

const DAY_MS = 86_400_000;

/**
 * "₹1,048.00" / "₹11,800.00": a decimal string in its currency, in `locale`. An amount or
 * currency Intl does not take shows as sent ("12.5 XYZ"), never as NaN.
 */
export function formatMoney(amount: string, currency: string, locale: string): string {
  const value = Number(amount);
  if (amount.trim() === '' || !Number.isFinite(value)) {
    return `${amount} ${currency}`.trim();
  }
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'INR' }).format(value);
  } catch {
    return `${amount} ${currency}`.trim();
  }
}

/** True for "0", "0.00" and the like: a member worth leaving out of a breakdown. */
export function isZero(amount: string): boolean {
  return Number(amount) === 0;
}

/** The day an instant (`placed_at`) fell on where the agent is, e.g. "Dec 1, 2026". */
export function formatInstantDate(iso: string, locale: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    return iso;
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(ms);
}

/**
 * Whole days from the agent's today to the calendar date `date` (`YYYY-MM-DD`): 0 today, 1
 * tomorrow, negative when past; null for a date that does not parse.
 */
export function daysUntil(date: string, now: Date = new Date()): number | null {
  const target = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(target)) {
    return null;
  }
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((target - today) / DAY_MS);
}

/**
 * A link the server gave (an invoice's PDF, a contract's document) if it is safe as an href:
 * a path on this server or an http(s) address; null for anything else (`javascript:` …).
 */
export function safeHref(url: string | null | undefined): string | null {
  const raw = url?.trim() ?? '';
  if (raw.startsWith('/') && !raw.startsWith('//')) {
    return raw;
  }
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The colour family of a badge (commerce.css `tone-*`); the badge's words say the same. */
export type Tone = 'done' | 'moving' | 'waiting' | 'trouble' | 'over' | 'warning';

const TONES: Readonly<Record<string, Readonly<Record<string, Tone>>>> = {
  order: {
    placed: 'waiting',
    confirmed: 'waiting',
    shipped: 'moving',
    delivered: 'done',
    cancelled: 'over',
    returned: 'trouble',
  },
  payment: {
    pending: 'waiting',
    paid: 'done',
    cod: 'moving',
    partially_refunded: 'waiting',
    refunded: 'over',
    failed: 'trouble',
  },
  invoice: { open: 'moving', overdue: 'warning', paid: 'done', void: 'over' },
  contract: { upcoming: 'moving', active: 'done', expired: 'over' },
  shipment: {
    booked: 'moving',
    picked_up: 'moving',
    in_transit: 'moving',
    out_for_delivery: 'waiting',
    delivered: 'done',
    delivery_failed: 'trouble',
    lost: 'trouble',
    damaged: 'trouble',
    returned_to_origin: 'over',
  },
};

/** The tone of `value` of a kind of state; a value the console does not know yet is grey. */
export function toneOf(kind: 'order' | 'payment' | 'invoice' | 'contract' | 'shipment', value: string): Tone {
  return TONES[kind]?.[value] ?? 'over';
}
