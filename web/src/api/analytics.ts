// Operations figures over the shipments booked in a period (admin): contacts per 1,000
// shipments, contact reasons by carrier and route, NDR and RTO rates, and the contacts the
// proactive notices saved (GET /api/v1/analytics/shipments, docs/analytics.md).
import { api as defaultApi, type ApiClient } from './client';
import type { Id } from './types';

export const CONTACT_REASONS = [
  'not_picked_up',
  'in_transit',
  'late',
  'out_for_delivery',
  'delivery_failed',
  'after_delivery',
  'returned',
  'lost_or_damaged',
] as const;
export type ContactReason = (typeof CONTACT_REASONS)[number];

export interface ReasonCount {
  reason: ContactReason;
  contacts: number;
  /** Fraction of the contacts, four places. */
  share: number | null;
}

/** Counts over some shipments of the period; rates are fractions, null without shipments. */
export interface FigureCounts {
  shipments: number;
  contacts: number;
  contacts_per_1000: number | null;
  delivered: number;
  delivered_rate: number | null;
  ndr: number;
  ndr_rate: number | null;
  rto: number;
  rto_rate: number | null;
  lost_or_damaged: number;
  lost_or_damaged_rate: number | null;
  /** Most frequent first. */
  reasons: ReasonCount[];
}

export interface CarrierFigures extends FigureCounts {
  carrier: { id: Id; code: string; name: string };
}

export interface RouteFigures extends FigureCounts {
  origin: string;
  destination: string;
}

export type NoticeKind = 'out_for_delivery' | 'delivered' | 'delivery_failed' | 'exception' | 'late';

/** Customers told (mailed) against not told, and how many got in touch in the window after. */
export interface NoticeFigures {
  notice: NoticeKind;
  told: number;
  told_contacted: number;
  told_contact_rate: number | null;
  untold: number;
  untold_contacted: number;
  untold_contact_rate: number | null;
  /** Estimated contacts saved; null while too few customers were not told. */
  prevented: number | null;
}

export interface ShipmentFigures {
  from: string;
  to: string;
  time_zone: string;
  carrier: string | null;
  totals: FigureCounts;
  by_carrier: CarrierFigures[];
  by_route: RouteFigures[];
  notices: {
    window_hours: number;
    min_untold_for_estimate: number;
    prevented: number | null;
    kinds: NoticeFigures[];
  };
  days: { date: string; shipments: number; contacts: number }[];
}

export interface FigureQuery {
  /** "YYYY-MM-DD"; both omitted: the 30 days to today. */
  from?: string;
  to?: string;
  /** A carrier's code. */
  carrier?: string;
}

export function getShipmentFigures(
  query: FigureQuery = {},
  client: ApiClient = defaultApi,
): Promise<ShipmentFigures> {
  return client.get<ShipmentFigures>('/api/v1/analytics/shipments', {
    query: { from: query.from || undefined, to: query.to || undefined, carrier: query.carrier || undefined },
  });
}

/** The workspace's carriers, for the filter. */
export async function listCarrierCodes(
  client: ApiClient = defaultApi,
): Promise<{ code: string; name: string }[]> {
  const body = await client.get<{ data: { code: string; name: string }[] }>('/api/v1/carriers');
  return body.data.map(({ code, name }) => ({ code, name }));
}

// ---- live chat (GET /api/v1/analytics/chats, docs/analytics.md "Live chat") ----

/** Durations in seconds over some chats; null without values. */
export interface DurationStats {
  count: number;
  average_seconds: number | null;
  median_seconds: number | null;
  p90_seconds: number | null;
}

/** Counts over some chats started in the period; rates are fractions, null without a whole. */
export interface ChatCounts {
  chats: number;
  answered: number;
  missed: number;
  missed_rate: number | null;
  waiting: number;
  by_assistant: number;
  responded: number;
  within_target: number;
  within_target_rate: number | null;
  wait: DurationStats;
  first_response: DurationStats;
  duration: DurationStats;
  gave_up_after: DurationStats;
}

export interface ChatFigures {
  from: string;
  to: string;
  time_zone: string;
  group: Id | null;
  /** The first-response promise, 60. */
  target_seconds: number;
  totals: ChatCounts;
  by_agent: (ChatCounts & { agent: { id: Id; name: string } })[];
  /** `group` null: chats in no group. */
  by_group: (ChatCounts & { group: { id: Id; name: string } | null })[];
  by_language: (ChatCounts & { language: string })[];
  days: { date: string; chats: number; answered: number; missed: number; within_target: number }[];
}

export interface ChatFigureQuery {
  from?: string;
  to?: string;
  /** A group's id. */
  group?: string;
}

export function getChatFigures(
  query: ChatFigureQuery = {},
  client: ApiClient = defaultApi,
): Promise<ChatFigures> {
  return client.get<ChatFigures>('/api/v1/analytics/chats', {
    query: { from: query.from || undefined, to: query.to || undefined, group: query.group || undefined },
  });
}
