// Shipments from the shipping connection: a contact's parcels and the ones linked to a ticket,
// each with its tracking events. Each call takes the client to use, so tests may pass their
// own; the console uses the shared `api`. The types follow the server's JSON exactly
// (src/api/handlers_shipments.cc, ShipmentJson / EventJson / LinkedJson): every member is always
// present, and only those typed `| null` may be null.
import { api, type ApiClient } from './client';
import type { ShipmentDelivery } from './delivery';
import type { Id, Timestamp } from './types';

export const SHIPMENT_STATUSES = [
  'booked',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'delivery_failed',
  'returned_to_origin',
  'lost',
  'damaged',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** The carrier as a shipment names it (not the full Carrier of /api/v1/carriers). */
export interface ShipmentCarrier {
  /** Stable code, e.g. `bluedart`. */
  code: string;
  /** As the carrier calls itself, e.g. "Blue Dart". */
  name: string;
}

/** Where a shipment starts or ends; every member may be "". */
export interface ShipmentPlace {
  city: string;
  /** The postal code (PIN in India); may be "". */
  pin: string;
  /** ISO 3166-1 alpha-2, upper-case; may be "". */
  country: string;
}

export interface Money {
  /** A decimal string, e.g. "499.00": never a float. */
  amount: string;
  /** ISO 4217, e.g. "INR". */
  currency: string;
}

export interface ShipmentEvent {
  id: Id;
  /** The carrier's id of the event. */
  event_id: string;
  status: ShipmentStatus;
  /** RFC 3339 with the offset of the place it happened, e.g. "2026-12-03T14:05:00+05:30". */
  occurred_at: string;
  /** May be "". */
  place: string;
  /** May be "". */
  description: string;
  /** Why a delivery failed (NDR), when the carrier said; "" otherwise. */
  reason: string;
  /**
   * A delivery attempt made outside the customer's weekly windows (their time zone); sent
   * with a shipment read with its delivery options.
   */
  outside_hours?: boolean;
}

/** A knowledge-base article a required document points to (api/shipmentDocuments.ts). */
export interface DocumentArticle {
  id: Id;
  /** In the agent's language when the article has it, else in the article's own language. */
  title: string;
  /** The language of `title` (en, hi, kn). */
  language: string;
  /** The help centre's page (`/help/en/articles/7`) when it is public and published; else null. */
  url: string | null;
}

/** One document an international shipment needs, from the workspace's document rules. */
export interface RequiredDocument {
  /** Stable code, e.g. `commercial_invoice`. */
  code: string;
  name: string;
  /** May be "". */
  note: string;
  /** Null when the rule names none or the article was deleted. */
  article: DocumentArticle | null;
}

export interface Shipment {
  id: Id;
  carrier: ShipmentCarrier;
  /** Normalised: A-Z, 0-9 and `-`. */
  tracking_number: string;
  /** The carrier's product; may be "". */
  service: string;
  status: ShipmentStatus;
  /** The reason of the event that set the status; may be "". */
  status_reason: string;
  origin: ShipmentPlace;
  destination: ShipmentPlace;
  /** Null when the carrier did not say. */
  weight_grams: number | null;
  /** Cash to collect on delivery; null for prepaid. */
  cod: Money | null;
  /** A calendar date, `YYYY-MM-DD`. */
  promised_date: string | null;
  /** The carrier's latest estimate, a calendar date `YYYY-MM-DD`; null when none. */
  eta: string | null;
  /**
   * A promised date is set, the parcel has not reached the customer (not delivered nor
   * returned to origin), and the ETA or today (in the workspace's zone) is after the promise.
   */
  late: boolean;
  contact_id: Id | null;
  organisation_id: Id | null;
  /** The business's own order reference; may be "". */
  order_ref: string;
  /** The carrier's tracking page for this number; null when the carrier has none. */
  tracking_url: string | null;
  /**
   * The newest event's `occurred_at`, RFC 3339 with the offset it was reported in; null before
   * the first event. The event itself is the first of `events`.
   */
  last_event_at: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
  /** The timeline, newest first, at most 100 events; may be empty. */
  events: ShipmentEvent[];
  /**
   * What the customer asked for this delivery (another date, a window, an address, a safe
   * place) and what they may still ask (api/delivery.ts). Absent from servers before delivery
   * requests.
   */
  delivery?: ShipmentDelivery;
  /**
   * The documents customs need, when origin and destination countries differ and a document
   * rule matches; empty otherwise. Absent from servers before document rules.
   */
  documents_required?: RequiredDocument[];
}

export interface ShipmentLink {
  /** `auto`: the server matched a tracking number in the ticket; `agent`: someone linked it. */
  by: 'auto' | 'agent';
  linked_at: Timestamp;
}

/** A shipment as GET /tickets/{id}/shipments lists it and POST /tickets/{id}/shipments answers. */
export interface LinkedShipment extends Shipment {
  link: ShipmentLink;
}

/** The contact's shipments, newest first. */
export async function listContactShipments(
  contactId: Id,
  client: ApiClient = api,
  signal?: AbortSignal,
): Promise<Shipment[]> {
  const page = await client.get<{ data: Shipment[] }>(
    `/api/v1/contacts/${contactId}/shipments`,
    signal ? { signal } : {},
  );
  return newestFirst(page.data);
}

/** The shipments linked to a ticket, newest first. */
export async function listTicketShipments(
  ticketId: Id,
  client: ApiClient = api,
  signal?: AbortSignal,
): Promise<LinkedShipment[]> {
  const page = await client.get<{ data: LinkedShipment[] }>(
    `/api/v1/tickets/${ticketId}/shipments`,
    signal ? { signal } : {},
  );
  return newestFirst(page.data);
}

/**
 * Links the shipment with `trackingNumber` to the ticket: 201 when newly linked, 200 when it
 * already was; either way the answer is the shipment with its `link`. No such shipment is 404
 * with the reason in `detail`.
 */
export function linkShipment(
  ticketId: Id,
  trackingNumber: string,
  client: ApiClient = api,
): Promise<LinkedShipment> {
  return client.post<LinkedShipment>(`/api/v1/tickets/${ticketId}/shipments`, {
    tracking_number: trackingNumber,
  });
}

/** Unlinks a shipment from the ticket (204); the shipment itself stays. */
export function unlinkShipment(ticketId: Id, shipmentId: Id, client: ApiClient = api): Promise<void> {
  return client.delete<void>(`/api/v1/tickets/${ticketId}/shipments/${shipmentId}`);
}

function instant(iso: string | null | undefined): number {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** Shipments booked last first (ties: the higher id), whatever order the server sent. */
export function newestFirst<T extends Shipment>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => instant(b.created_at) - instant(a.created_at) || b.id - a.id);
}

/** Tracking events, the latest first, compared as instants whatever their offsets. */
export function eventsNewestFirst(events: readonly ShipmentEvent[]): ShipmentEvent[] {
  return [...events].sort((a, b) => instant(b.occurred_at) - instant(a.occurred_at) || b.id - a.id);
}
