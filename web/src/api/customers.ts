// Contacts and organisations of the REST API v1 (docs/api/README.md, "Contact", "Organisation"),
// for the customer panel of the ticket page and the contact page. Each call takes the client to
// use, so tests may pass their own; the console uses the shared `api`.
import { api, type ApiClient } from './client';
import type { Id, Page, Ticket, Timestamp } from './types';

export const IDENTITY_TYPES = ['email', 'phone', 'social'] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];

export interface ContactIdentity {
  type: IdentityType;
  /** Normalised: e-mail case-folded, phone E.164, social handles as given. */
  value: string;
}

export interface Contact {
  id: Id;
  name: string;
  /** The first e-mail identity, or null. */
  email: string | null;
  /** The first phone identity (E.164), or null. */
  phone: string | null;
  identities: ContactIdentity[];
  /** A BCP 47 tag (`hi`, `en-IN`); empty when unknown. */
  language: string;
  /** An IANA time-zone name; empty when unknown. */
  time_zone: string;
  organisation_id: Id | null;
  /**
   * What the contact sees in the customer portal: their own tickets, or all of their
   * organisation's (B2B contacts). Absent from servers without the portal: "own".
   */
  ticket_access?: TicketAccess;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export const TICKET_ACCESS = ['own', 'organization'] as const;
export type TicketAccess = (typeof TICKET_ACCESS)[number];

/** The members `PATCH /api/v1/contacts/{id}` takes that the console edits; only those sent change. */
export interface ContactChanges {
  name?: string;
  email?: string;
  phone?: string;
  language?: string;
  time_zone?: string;
  ticket_access?: TicketAccess;
}

export const TIERS = ['basic', 'standard', 'premium', 'enterprise'] as const;
export type Tier = (typeof TIERS)[number];

export interface Organisation {
  id: Id;
  name: string;
  /** Lower-case e-mail domains; contacts with these domains join the organisation. */
  domains: string[];
  tier: Tier;
  account_manager_id: Id | null;
  notes: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface PageRequest {
  cursor?: string | null;
  limit?: number;
}

export function getContact(id: Id, client: ApiClient = api): Promise<Contact> {
  return client.get<Contact>(`/api/v1/contacts/${id}`);
}

/**
 * Changes a contact if it is still at `version` (If-Match); else 412
 * `/problems/precondition-failed`. An e-mail another contact has is 409 `/problems/already-exists`.
 */
export function updateContact(
  id: Id,
  changes: ContactChanges,
  version: number,
  client: ApiClient = api,
): Promise<Contact> {
  return client.patch<Contact>(`/api/v1/contacts/${id}`, changes, {
    headers: { 'If-Match': `"${version}"` },
  });
}

/** The tickets the contact requested, on every channel, newest first. */
export function listContactTickets(
  id: Id,
  page: PageRequest = {},
  client: ApiClient = api,
): Promise<Page<Ticket>> {
  return client.get<Page<Ticket>>(`/api/v1/contacts/${id}/tickets`, {
    query: { cursor: page.cursor, limit: page.limit },
  });
}

export function getOrganisation(id: Id, client: ApiClient = api): Promise<Organisation> {
  return client.get<Organisation>(`/api/v1/organisations/${id}`);
}

/**
 * Mails the contact a one-time link that signs them in to the customer portal (202, with the
 * address it went to). A contact without an e-mail address is 422 with the reason in `detail`.
 */
export function sendPortalInvitation(id: Id, client: ApiClient = api): Promise<{ sent_to: string }> {
  return client.post<{ sent_to: string }>(`/api/v1/contacts/${id}/portal-invitation`);
}
