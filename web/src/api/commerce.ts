// Orders, invoices and contracts (docs/commerce.md): what a customer bought, was billed and —
// for a business customer — agreed to, as the console shows them beside the ticket and on the
// contact page, and the orders and invoices linked to a ticket. The types follow the JSON of
// docs/commerce.md exactly; amounts are decimal strings in the document's currency, never
// floats. Each call takes the client to use last, so tests may pass their own; the console
// uses the shared `api`.
import { api, type ApiClient } from './client';
import type { Tier } from './customers';
import type { ShipmentStatus } from './shipments';
import type { Id, Timestamp } from './types';

export const ORDER_STATUSES = [
  'placed',
  'confirmed',
  'shipped',
  'delivered',
  'cancelled',
  'returned',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PAYMENT_STATUSES = [
  'pending',
  'paid',
  'cod',
  'partially_refunded',
  'refunded',
  'failed',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** What an invoice means today, in the workspace's time zone (`status` is what was recorded). */
export const INVOICE_STATES = ['open', 'overdue', 'paid', 'void'] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];
export type InvoiceStatus = 'issued' | 'paid' | 'void';

export const CONTRACT_STATES = ['upcoming', 'active', 'expired'] as const;
export type ContractState = (typeof CONTRACT_STATES)[number];

/** A decimal string in the document's currency, e.g. "1250.00". */
export type Amount = string;
/** A calendar date, `YYYY-MM-DD`. */
export type CalendarDate = string;

export interface OrderItem {
  /** May be "". */
  sku: string;
  name: string;
  /** At least 1. */
  quantity: number;
  unit_price: Amount;
  /** quantity × unit_price. */
  amount: Amount;
}

/** A parcel of the order: a shipment whose `order_ref` is the order's number. */
export interface OrderShipment {
  id: Id;
  /** The carrier's code, e.g. `bluedart`. */
  carrier: string;
  tracking_number: string;
  status: ShipmentStatus;
  eta: CalendarDate | null;
}

export interface Order {
  id: Id;
  /** Upper-case, no spaces or leading `#`. */
  number: string;
  contact_id: Id | null;
  organisation_id: Id | null;
  status: OrderStatus;
  payment_status: PaymentStatus;
  /** ISO 4217. */
  currency: string;
  items: OrderItem[];
  subtotal: Amount;
  shipping: Amount;
  discount: Amount;
  tax: Amount;
  /** subtotal + shipping + tax − discount. */
  total: Amount;
  placed_at: Timestamp;
  shipments: OrderShipment[];
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface InvoiceLine {
  description: string;
  /** HSN/SAC code; may be "". */
  hsn: string;
  quantity: number;
  unit_price: Amount;
  /** A percentage, e.g. "18" or "18.5". */
  tax_rate: string;
  /** quantity × unit_price, before tax. */
  amount: Amount;
}

export interface InvoicePdf {
  /** `uploaded`: the business's own PDF; `generated`: rendered by Sahayak. */
  source: 'uploaded' | 'generated';
  url: string;
}

export interface Invoice {
  id: Id;
  number: string;
  contact_id: Id | null;
  organisation_id: Id | null;
  /** The order it bills, or "". */
  order_number: string;
  currency: string;
  /** Name and address as printed, lines separated by "\n". */
  bill_to: string;
  /** The customer's GSTIN or other tax number; may be "". */
  tax_id: string;
  lines: InvoiceLine[];
  subtotal: Amount;
  tax: Amount;
  total: Amount;
  amount_paid: Amount;
  balance: Amount;
  issued_on: CalendarDate;
  due_on: CalendarDate;
  status: InvoiceStatus;
  state: InvoiceState;
  pdf: InvoicePdf;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface Contract {
  id: Id;
  number: string;
  organisation_id: Id;
  organisation_name: string;
  plan: string;
  tier: Tier;
  sla_tier: Tier;
  start_on: CalendarDate;
  /** Null: open-ended. */
  end_on: CalendarDate | null;
  renewal_on: CalendarDate | null;
  state: ContractState;
  account_manager: { id: Id; name: string } | null;
  notes: string;
  /** The signed copy, or null. */
  document: { url: string } | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

/**
 * What GET /contacts/{id}/commerce and /organisations/{id}/commerce answer: the 10 newest
 * orders; the unpaid invoices (overdue first), then the newest others, 10 in all; the
 * organisation's contracts, active first. The console keeps the server's order.
 */
export interface CommerceSummary {
  orders: Order[];
  invoices: Invoice[];
  contracts: Contract[];
}

export interface CommerceLink {
  /** `auto`: the server found the number in the ticket; `agent`: someone linked it. */
  by: 'auto' | 'agent';
  linked_at: Timestamp;
}

export interface LinkedOrder extends Order {
  link: CommerceLink;
}

export interface LinkedInvoice extends Invoice {
  link: CommerceLink;
}

function options(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

/** A contact's orders, invoices and their organisation's contracts. */
export function getContactCommerce(
  contactId: Id,
  signal?: AbortSignal,
  client: ApiClient = api,
): Promise<CommerceSummary> {
  return client.get<CommerceSummary>(`/api/v1/contacts/${contactId}/commerce`, options(signal));
}

/** An organisation's orders, invoices and contracts. */
export function getOrganisationCommerce(
  orgId: Id,
  signal?: AbortSignal,
  client: ApiClient = api,
): Promise<CommerceSummary> {
  return client.get<CommerceSummary>(`/api/v1/organisations/${orgId}/commerce`, options(signal));
}

// ---------------------------------------------------------------- linked to a ticket

/** The orders linked to a ticket, oldest link first, as the server sends them. */
export async function listTicketOrders(
  ticketId: Id,
  signal?: AbortSignal,
  client: ApiClient = api,
): Promise<LinkedOrder[]> {
  const page = await client.get<{ data: LinkedOrder[] }>(
    `/api/v1/tickets/${ticketId}/orders`,
    options(signal),
  );
  return page.data;
}

/**
 * Links the order with `number` to the ticket: 201 when newly linked, 200 when it already was;
 * either way the answer is the order with its `link`. No such order is 404.
 */
export function linkTicketOrder(ticketId: Id, number: string, client: ApiClient = api): Promise<LinkedOrder> {
  return client.post<LinkedOrder>(`/api/v1/tickets/${ticketId}/orders`, { number });
}

/** Unlinks an order from the ticket (204); the order itself stays. */
export function unlinkTicketOrder(ticketId: Id, orderId: Id, client: ApiClient = api): Promise<void> {
  return client.delete<void>(`/api/v1/tickets/${ticketId}/orders/${orderId}`);
}

/** The invoices linked to a ticket, oldest link first, as the server sends them. */
export async function listTicketInvoices(
  ticketId: Id,
  signal?: AbortSignal,
  client: ApiClient = api,
): Promise<LinkedInvoice[]> {
  const page = await client.get<{ data: LinkedInvoice[] }>(
    `/api/v1/tickets/${ticketId}/invoices`,
    options(signal),
  );
  return page.data;
}

/** Links the invoice with `number` to the ticket (201, or 200 when it already was); 404 when none. */
export function linkTicketInvoice(
  ticketId: Id,
  number: string,
  client: ApiClient = api,
): Promise<LinkedInvoice> {
  return client.post<LinkedInvoice>(`/api/v1/tickets/${ticketId}/invoices`, { number });
}

/** Unlinks an invoice from the ticket (204); the invoice itself stays. */
export function unlinkTicketInvoice(
  ticketId: Id,
  invoiceId: Id,
  client: ApiClient = api,
): Promise<void> {
  return client.delete<void>(`/api/v1/tickets/${ticketId}/invoices/${invoiceId}`);
}

/**
 * Where the invoice's PDF downloads from (`GET /api/v1/invoices/{id}/pdf`, an attachment), as
 * the server names it: the business's own PDF or the one Sahayak renders.
 */
export function invoicePdfUrl(invoice: Pick<Invoice, 'pdf'>): string {
  return invoice.pdf.url;
}
