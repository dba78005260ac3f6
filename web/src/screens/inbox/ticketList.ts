import type { Ticket } from '../../api/types';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** "#1001, #1002 and #1003" in the current language, for messages naming tickets. */
export function ticketNumbers(tickets: readonly Pick<Ticket, 'number'>[], t: Translate, locale: string): string {
  const items = tickets.map((x) => t('tickets.number', { number: x.number }));
  try {
    return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}
