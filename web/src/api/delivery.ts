// Delivery preferences and delivery requests (docs/shipments.md, "Delivery preferences"): when
// and how a customer wants parcels brought, what they asked for one shipment (another date, a
// time window, another address, a safe place), and the contact's activity log where those
// requests appear beside the other changes. Each call takes the client to use, so tests may
// pass their own; the console uses the shared `api`. The types follow the server's JSON; members
// typed `| null` may be null, strings may be "" ("not set").
import { api, type ApiClient } from './client';
import type { Shipment } from './shipments';
import type { Id, Page, Timestamp } from './types';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A span of a day, "HH:MM" 24-hour, `from` before `until`. */
export interface TimeRange {
  from: string;
  until: string;
}

/** The hours a customer takes deliveries on some days of the week. */
export interface DeliveryWindow extends TimeRange {
  days: Weekday[];
}

/** The server keeps at most this many weekly windows. */
export const MAX_WINDOWS = 14;

/** A postal address; every member may be "". */
export interface DeliveryAddress {
  name: string;
  line1: string;
  line2: string;
  city: string;
  /** The postal code (PIN in India). */
  pin: string;
  /** ISO 3166-1 alpha-2, upper-case. */
  country: string;
  /** E.164. */
  phone: string;
}

/** How the customer likes to hear from the team. Shipment notices go by e-mail, or by live chat
 * for `chat` when the customer has a chat; sms, whatsapp and phone are recorded for agents and
 * those customers' notices go by e-mail until Sahayak sends on those channels. */
export const DELIVERY_CHANNELS = ['email', 'chat', 'sms', 'whatsapp', 'phone'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export const DELIVERY_LANGUAGES = ['en', 'hi', 'kn'] as const;
export type DeliveryLanguage = (typeof DELIVERY_LANGUAGES)[number];

/** What an owner (contact, organisation) may set; "", [] and null mean "not set". */
export interface DeliveryPreferenceValues {
  windows: DeliveryWindow[];
  /** An IANA time-zone name or "". */
  time_zone: string;
  language: DeliveryLanguage | '';
  safe_place: string;
  alternate_address: DeliveryAddress | null;
  preferred_channel: DeliveryChannel | '';
  /** When not to message the customer. */
  quiet_hours: TimeRange | null;
}

export interface DeliveryPreferencesOwner {
  type: 'contact' | 'organisation';
  id: Id;
}

/** Where a contact's unset values come from: their organisation (then the workspace). */
export interface DeliveryPreferencesSource {
  type: 'organisation';
  id: Id;
  name: string;
}

/** GET/PUT /contacts/{id}/delivery-preferences. */
export interface DeliveryPreferences extends DeliveryPreferenceValues {
  owner: DeliveryPreferencesOwner;
  /** 0 until first saved. */
  version: number;
  /** Null until first saved. */
  updated_at: Timestamp | null;
  /** Null when the contact has no organisation (and always for an organisation). */
  inherited_from: DeliveryPreferencesSource | null;
  /** What applies: the owner's values, else the organisation's, else the workspace's. */
  effective: DeliveryPreferenceValues;
}

/** What PUT takes: a member left out is "not set". */
export type DeliveryPreferencesUpdate = Partial<DeliveryPreferenceValues>;

/** Which delivery requests the shipment's status still allows. */
export interface DeliveryAllowed {
  reschedule: boolean;
  window: boolean;
  address: boolean;
  safe_place: boolean;
}

/** The `delivery` member of a shipment: what the customer asked for, and what they may ask. */
export interface ShipmentDelivery {
  /** The date the customer asked for (`YYYY-MM-DD`); null when not rescheduled. */
  date: string | null;
  window: TimeRange | null;
  /** Deliver here instead of the booked address; null for the booked one. */
  address: DeliveryAddress | null;
  /** May be "". */
  safe_place: string;
  /** The zone the window and the customer's hours are in; may be "". */
  time_zone: string;
  /** The customer's effective weekly windows; may be empty. */
  windows: DeliveryWindow[];
  allowed: DeliveryAllowed;
  /** The dates a reschedule may choose, `YYYY-MM-DD`, soonest first. */
  allowed_dates: string[];
}

export const DELIVERY_REQUEST_KINDS = ['reschedule', 'window', 'address', 'safe_place'] as const;
export type DeliveryRequestKind = (typeof DELIVERY_REQUEST_KINDS)[number];

export interface DeliveryRequestActor {
  type: 'contact' | 'agent' | 'system';
  id: Id | null;
  /** May be "". */
  name: string;
}

export type DeliveryRequestVia = 'portal' | 'console' | 'api';

/** The members of `details` by kind; only the kind's own is present. */
export interface DeliveryRequestDetails {
  date?: string | null;
  window?: TimeRange | null;
  address?: DeliveryAddress | null;
  safe_place?: string;
}

/**
 * A request's way to the carrier's own system (docs/shipments.md, "Telling the carrier"):
 * `pending` (queued, or retried after a failure), `sent` (the carrier took it), `dead` (refused,
 * or out of attempts; an admin may send it again).
 */
export interface CarrierDelivery {
  state: 'pending' | 'sent' | 'dead';
  /** Tries so far. */
  attempts: number;
  sent_at: Timestamp | null;
  /** "HTTP 400: {…}", "timed out …"; null when none. */
  last_error: string | null;
  response_status: number | null;
  next_attempt_at: Timestamp | null;
}

export interface DeliveryRequest {
  id: Id;
  kind: DeliveryRequestKind;
  details: DeliveryRequestDetails;
  by: DeliveryRequestActor;
  via: DeliveryRequestVia;
  created_at: Timestamp;
  /** Null (or absent) when the carrier has no endpoint for requests. */
  carrier?: CarrierDelivery | null;
}

/** The body of POST /shipments/{id}/delivery-requests, one of four kinds. */
export type DeliveryRequestCreate =
  | { kind: 'reschedule'; date: string }
  | { kind: 'window'; window: TimeRange | null }
  /** "alternate": the customer's saved alternate address; null: back to the booked one. */
  | { kind: 'address'; address: 'alternate' | DeliveryAddress | null }
  | { kind: 'safe_place'; safe_place: string };

export interface DeliveryRequestResult {
  request: DeliveryRequest;
  /** The shipment as it is now, with its new `delivery`. */
  shipment: Shipment;
}

/** Latest window start, end and shortest length the server takes for one shipment. */
export const REQUEST_WINDOW = { earliest: '07:00', latest: '21:00', minMinutes: 120 } as const;

/** The longest safe-place text the server takes. */
export const SAFE_PLACE_MAX = 200;

export interface ActivityActor {
  kind: 'contact' | 'agent' | 'system';
  id: Id | null;
  /** May be "". */
  name: string;
}

/** One entry of a contact's activity log, e.g. action `shipment.delivery_request`. */
export interface ActivityEntry {
  id: Id;
  /** `contact.updated`, `shipment.delivery_request`, …; new ones may appear. */
  action: string;
  actor: ActivityActor;
  entity: { type: string; id: Id };
  /** What changed: `{member: [before, after]}` for edits, plain values for facts. */
  changes: Record<string, unknown>;
  created_at: Timestamp;
}

function ifMatch(version: number | undefined): Record<string, string> {
  return version === undefined ? {} : { 'If-Match': `"${version}"` };
}

export function getContactDeliveryPreferences(
  contactId: Id,
  client: ApiClient = api,
  signal?: AbortSignal,
): Promise<DeliveryPreferences> {
  return client.get<DeliveryPreferences>(
    `/api/v1/contacts/${contactId}/delivery-preferences`,
    signal ? { signal } : {},
  );
}

/**
 * Replaces the contact's preferences if they are still at `version`; else 412
 * `/problems/precondition-failed`. A refused value is 422 naming its field, e.g.
 * `windows[0].until` or `alternate_address.pin`.
 */
export function saveContactDeliveryPreferences(
  contactId: Id,
  preferences: DeliveryPreferencesUpdate,
  version?: number,
  client: ApiClient = api,
): Promise<DeliveryPreferences> {
  return client.request<DeliveryPreferences>(
    'PUT',
    `/api/v1/contacts/${contactId}/delivery-preferences`,
    { body: preferences, headers: ifMatch(version) },
  );
}

/** The shipment's delivery requests, oldest first. */
export async function listDeliveryRequests(
  shipmentId: Id,
  client: ApiClient = api,
  signal?: AbortSignal,
): Promise<DeliveryRequest[]> {
  const page = await client.get<{ data: DeliveryRequest[] }>(
    `/api/v1/shipments/${shipmentId}/delivery-requests`,
    signal ? { signal } : {},
  );
  return oldestFirst(page.data ?? []);
}

/**
 * Asks, for the customer, for a change to the shipment's delivery (201). A status that no longer
 * allows it is 409 `/problems/conflict` with the reason in `detail`; a refused value is 422.
 */
export function createDeliveryRequest(
  shipmentId: Id,
  request: DeliveryRequestCreate,
  client: ApiClient = api,
): Promise<DeliveryRequestResult> {
  return client.post<DeliveryRequestResult>(
    `/api/v1/shipments/${shipmentId}/delivery-requests`,
    request,
    { headers: { 'X-Sahayak-Via': 'console' } },
  );
}

/**
 * Sends a request its carrier refused (or that ran out of attempts) again (admins). 409
 * `/problems/conflict` unless its `carrier.state` is `dead`.
 */
export function retryDeliveryRequest(
  shipmentId: Id,
  requestId: Id,
  client: ApiClient = api,
): Promise<DeliveryRequest> {
  return client.post<DeliveryRequest>(
    `/api/v1/shipments/${shipmentId}/delivery-requests/${requestId}/retry`,
  );
}

/** One page of the contact's activity, newest first; pass `next_cursor` for the next. */
export function listContactActivity(
  contactId: Id,
  cursor: string | null = null,
  client: ApiClient = api,
  signal?: AbortSignal,
): Promise<Page<ActivityEntry>> {
  return client.get<Page<ActivityEntry>>(`/api/v1/contacts/${contactId}/activity`, {
    query: { cursor },
    ...(signal ? { signal } : {}),
  });
}

function instant(iso: string | null | undefined): number {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

export function oldestFirst(list: readonly DeliveryRequest[]): DeliveryRequest[] {
  return [...list].sort((a, b) => instant(a.created_at) - instant(b.created_at) || a.id - b.id);
}

// ---------------------------------------------------------------- reading values

/** Whether an owner set this member themselves ("" / [] / null: inherited). */
export function isSet(value: unknown): boolean {
  if (value === null || value === undefined) {
    return false;
  }
  if (typeof value === 'string') {
    return value.trim() !== '';
  }
  return Array.isArray(value) ? value.length > 0 : true;
}

/** The non-empty lines of an address: name, street lines, "city PIN", country, phone. */
export function addressLines(a: DeliveryAddress | null | undefined): string[] {
  if (!a) {
    return [];
  }
  const place = [a.city, a.pin].map((x) => x?.trim() ?? '').filter((x) => x).join(' ');
  return [a.name, a.line1, a.line2, place, a.country, a.phone]
    .map((x) => x?.trim() ?? '')
    .filter((x) => x);
}

/** Minutes since midnight of "HH:MM"; NaN when it is not such a time. */
export function minutesOf(time: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time.trim());
  if (!m) {
    return Number.NaN;
  }
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : Number.NaN;
}

/** A window the server takes for one shipment: 07:00 to 21:00, at least two hours long. */
export function isRequestWindowValid(w: TimeRange): boolean {
  const from = minutesOf(w.from);
  const until = minutesOf(w.until);
  return (
    from >= minutesOf(REQUEST_WINDOW.earliest) &&
    until <= minutesOf(REQUEST_WINDOW.latest) &&
    until - from >= REQUEST_WINDOW.minMinutes
  );
}

/**
 * Days as runs of consecutive weekdays, Monday first: [mon..sat] is one run, [mon, wed, thu]
 * is two ([mon], [wed, thu]). Unknown and repeated days are left out.
 */
export function dayRuns(days: readonly string[]): Weekday[][] {
  const present = new Set(days);
  const runs: Weekday[][] = [];
  let run: Weekday[] = [];
  for (const d of WEEKDAYS) {
    if (present.has(d)) {
      run.push(d);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) {
    runs.push(run);
  }
  return runs;
}

/**
 * The value an audit `changes` member ends at: `[before, after]` gives `after`, a plain value
 * itself.
 */
export function changedTo(changes: Record<string, unknown> | null | undefined, member: string): unknown {
  const v = changes?.[member];
  return Array.isArray(v) && v.length === 2 ? v[1] : v;
}

// ---------------------------------------------------------------- formatting (no catalogue text)

/** A Monday in UTC, to name the weekdays with Intl. */
const MONDAY = Date.UTC(2024, 0, 1);

/** "Mon" / "सोम" / "ಸೋಮ" (or the long name) in `locale`. */
export function weekdayName(day: Weekday, locale: string, width: 'short' | 'long' = 'short'): string {
  const i = WEEKDAYS.indexOf(day);
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(
    MONDAY + i * 86_400_000,
  );
}

/** "Mon–Sat", "Mon, Wed–Fri": runs of three or more days as a range. */
export function formatDays(days: readonly string[], locale: string): string {
  const parts: string[] = [];
  for (const run of dayRuns(days)) {
    const first = run[0]!;
    const last = run[run.length - 1]!;
    if (run.length >= 3) {
      parts.push(`${weekdayName(first, locale)}–${weekdayName(last, locale)}`);
    } else {
      parts.push(...run.map((d) => weekdayName(d, locale)));
    }
  }
  return new Intl.ListFormat(locale, { style: 'short', type: 'unit' }).format(parts);
}

/** "07:00–16:00": times stay 24-hour, as couriers and their customers write them. */
export function formatTimeRange(r: TimeRange | null | undefined): string {
  return r ? `${r.from}–${r.until}` : '';
}

/** "Mon–Sat 07:00–16:00". */
export function formatWindow(w: DeliveryWindow, locale: string): string {
  const days = formatDays(w.days ?? [], locale);
  const hours = formatTimeRange(w);
  return days ? `${days} ${hours}` : hours;
}

/** A calendar date (`2026-12-08`) as a date in `locale`, with no zone to shift it a day. */
export function formatCalendarDate(
  date: string,
  locale: string,
  style: 'medium' | 'full' = 'medium',
): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) {
    return date;
  }
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: style }).format(ms);
}
