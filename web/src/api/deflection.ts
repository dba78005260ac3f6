// Self-service figures of the knowledge base (GET /api/v1/kb/deflection): how often the
// suggestion box of a new-request page (portal, web form) showed articles, whether the
// customer opened one and whether they still sent the request. Attempts younger than half an
// hour are not counted yet (`pending`): the customer may still be reading.
import { api as defaultApi, type ApiClient } from './client';
import type { Id } from './types';

export interface DeflectionArticle {
  id: Id;
  /** In English where written, else the article's first translation. */
  title: string;
  clicks: number;
  /** Deflected attempts in which the article was opened. */
  deflected: number;
}

export interface DeflectionFigures {
  attempts: number;
  /** Attempts in the period still too young to count; absent from older servers. */
  pending?: number;
  clicked: number;
  submitted: number;
  deflected: number;
  /** deflected / attempts, 0..1; 0 without attempts. */
  deflection_rate: number;
  /** The most opened articles, most first. */
  articles: DeflectionArticle[];
}

export const DEFLECTION_PERIODS = [7, 30, 90] as const;
export type DeflectionPeriod = (typeof DEFLECTION_PERIODS)[number];
/** The server's own default range too. */
export const DEFAULT_DEFLECTION_PERIOD: DeflectionPeriod = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A UTC calendar day, `2026-12-03`, as the server counts days. */
function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The figures of the last `days` days up to and including today (UTC): `from` and `to` are
 * calendar days, both counted, as the server takes them.
 */
export function getDeflection(
  days: DeflectionPeriod = DEFAULT_DEFLECTION_PERIOD,
  now: Date = new Date(),
  client: ApiClient = defaultApi,
): Promise<DeflectionFigures> {
  const today = now.getTime();
  return client.get<DeflectionFigures>('/api/v1/kb/deflection', {
    query: { from: day(today - (days - 1) * DAY_MS), to: day(today) },
  });
}
