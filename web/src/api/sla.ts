// SLA policies and the clocks they run on tickets: which tickets a policy covers (channels,
// priorities, customer tiers, groups, tags; an empty list matches anything), its targets in
// minutes of business or calendar time, and a ticket's clocks with their due times. Agents
// read; admins write policies. The first policy in `position` order whose conditions match a
// ticket applies to it.
import { api as defaultApi, type ApiClient } from './client';
import type { Channel, Id, Page, Priority, Ticket, Timestamp } from './types';

export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export const SLA_TIERS = ['basic', 'standard', 'premium', 'enterprise'] as const;
export type SlaTier = (typeof SLA_TIERS)[number];

export interface SlaConditions {
  channels: Channel[];
  priorities: Priority[];
  tiers: SlaTier[];
  group_ids: Id[];
  tags: string[];
}

export interface SlaTarget {
  metric: SlaMetric;
  /** At least 1. */
  minutes: number;
  /** Counted in the ticket's group's business hours; else on the calendar clock. */
  business_hours: boolean;
}

export interface SlaPolicy {
  id: Id;
  name: string;
  description: string;
  position: number;
  active: boolean;
  conditions: SlaConditions;
  targets: SlaTarget[];
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

/** What a create sends (`name` and `targets` required) or an update (only what changed). */
export interface SlaPolicyInput {
  name?: string;
  description?: string;
  position?: number;
  active?: boolean;
  conditions?: Partial<SlaConditions>;
  targets?: SlaTarget[];
}

export const SLA_CLOCK_STATES = ['active', 'paused', 'achieved', 'breached'] as const;
export type SlaClockState = (typeof SLA_CLOCK_STATES)[number];

export interface SlaClock {
  metric: SlaMetric;
  target_minutes: number;
  business_hours: boolean;
  state: SlaClockState;
  started_at: Timestamp;
  /** Null while paused (a business-hours clock with no working time left to count, say). */
  due_at: Timestamp | null;
  fulfilled_at: Timestamp | null;
  elapsed_seconds: number;
  /** How many times this clock has been breached (next response restarts on each reply). */
  breaches: number;
}

export interface TicketSla {
  policy: { id: Id; name: string } | null;
  clocks: SlaClock[];
  next_due_at: Timestamp | null;
  breached: boolean;
}

/** The members every ticket (lists and detail) carries about its SLA. */
export interface TicketSlaSummary {
  /** The next due time of a running clock, if any. */
  sla_due_at: Timestamp | null;
  sla_breached: boolean;
}

const BASE = '/api/v1/sla-policies';

function ifMatch(version?: number): Record<string, string> {
  return version === undefined ? {} : { 'If-Match': `"${version}"` };
}

export function slaApi(client: ApiClient = defaultApi) {
  return {
    /** Every policy, in position order (the order they are tried in). */
    list: async (): Promise<SlaPolicy[]> => (await client.get<{ data: SlaPolicy[] }>(BASE)).data,
    get: (id: Id) => client.get<SlaPolicy>(`${BASE}/${id}`),
    /** 201 with the policy; 422 names each bad member (`targets[1].minutes`). */
    create: (body: SlaPolicyInput) => client.post<SlaPolicy>(BASE, body),
    /** With `version`, only if nobody changed the policy since (412 otherwise). */
    update: (id: Id, changes: SlaPolicyInput, version?: number) =>
      client.patch<SlaPolicy>(`${BASE}/${id}`, changes, { headers: ifMatch(version) }),
    remove: (id: Id) => client.delete(`${BASE}/${id}`),
    /**
     * Tickets by their SLA (GET /api/v1/tickets): `sla=breached` those with a breached clock,
     * `sla=due` those with a running one; `sort=sla_due_at` soonest due first, none last.
     */
    listTickets: (
      query: { sla?: 'breached' | 'due'; sort?: 'sla_due_at'; cursor?: string | null; limit?: number },
      signal?: AbortSignal,
    ) =>
      client.get<Page<Ticket>>('/api/v1/tickets', signal ? { query: { ...query }, signal } : { query: { ...query } }),
    /** A ticket's policy and clocks. */
    ticket: (ticketId: Id, signal?: AbortSignal) =>
      client.get<TicketSla>(`/api/v1/tickets/${ticketId}/sla`, signal ? { signal } : {}),
  };
}

export type SlaApi = ReturnType<typeof slaApi>;

/** Minutes as the largest whole unit that divides them: 90 → 90 min, 120 → 2 h, 2880 → 2 d. */
export const DURATION_UNITS = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
const UNIT_MINUTES: Readonly<Record<DurationUnit, number>> = { minutes: 1, hours: 60, days: 1440 };

/**
 * Minutes in their largest whole unit. Business-hour targets stop at hours: a "day" of business
 * time would read as a working day, but 24 business hours are three 8-hour days.
 */
export function splitMinutes(
  minutes: number,
  businessHours = false,
): { amount: number; unit: DurationUnit } {
  if (!businessHours && minutes > 0 && minutes % 1440 === 0) {
    return { amount: minutes / 1440, unit: 'days' };
  }
  if (minutes > 0 && minutes % 60 === 0) {
    return { amount: minutes / 60, unit: 'hours' };
  }
  return { amount: minutes, unit: 'minutes' };
}

export function toMinutes(amount: number, unit: DurationUnit): number {
  return Math.round(amount * UNIT_MINUTES[unit]);
}
