// Customers for the customer panel of the ticket page and the contact page: contacts with their
// most recent tickets, organisations, and the full ticket list of a contact page.
//
// Contacts are cached per id for FRESH_MS, so moving between tickets of the same customer shows
// the panel at once without asking the server again; organisations are fetched once per id.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, isApiError, type Id, type Ticket } from '../api/client';
import {
  getContact,
  getOrganisation,
  listContactTickets,
  updateContact,
  type Contact,
  type ContactChanges,
  type Organisation,
} from '../api/customers';

/** How long a contact and its recent tickets are shown without asking the server again. */
export const FRESH_MS = 15_000;
/** The panel lists five tickets besides the one open; one more tells whether there are others. */
export const RECENT_SHOWN = 5;
export const RECENT_LIMIT = RECENT_SHOWN + 2;
export const TICKETS_PAGE_SIZE = 25;

export interface ContactEntry {
  contact: Contact | null;
  /** The newest tickets of the contact (up to RECENT_LIMIT), newest first. */
  recent: Ticket[];
  /** The contact has more tickets than `recent`. */
  recentHasMore: boolean;
  recentError: ApiError | null;
  loading: boolean;
  error: ApiError | null;
  /** Date.now() of the last successful load; 0 before. */
  fetchedAt: number;
  saving: boolean;
}

export interface OrganisationEntry {
  organisation: Organisation | null;
  loading: boolean;
  error: ApiError | null;
}

export interface TicketList {
  tickets: Ticket[];
  cursor: string | null;
  loaded: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | null;
}

function asApiError(e: unknown): ApiError {
  return isApiError(e) ? e : new ApiError({ status: 0, type: 'about:blank', detail: String(e) });
}

function emptyContact(): ContactEntry {
  return {
    contact: null,
    recent: [],
    recentHasMore: false,
    recentError: null,
    loading: false,
    error: null,
    fetchedAt: 0,
    saving: false,
  };
}

function emptyOrganisation(): OrganisationEntry {
  return { organisation: null, loading: false, error: null };
}

function emptyList(): TicketList {
  return { tickets: [], cursor: null, loaded: false, loading: false, loadingMore: false, error: null };
}

export const useCustomerStore = defineStore('customer', () => {
  const contacts = ref(new Map<Id, ContactEntry>());
  const organisations = ref(new Map<Id, OrganisationEntry>());
  const ticketLists = ref(new Map<Id, TicketList>());
  const contactLoads = new Map<Id, Promise<void>>();
  const organisationLoads = new Map<Id, Promise<void>>();
  let listSeq = 0;

  // Entries are read back through the reactive maps, so changes to them reach the screens.
  function contactEntry(id: Id): ContactEntry {
    if (!contacts.value.has(id)) {
      contacts.value.set(id, emptyContact());
    }
    return contacts.value.get(id)!;
  }

  function organisationEntry(id: Id): OrganisationEntry {
    if (!organisations.value.has(id)) {
      organisations.value.set(id, emptyOrganisation());
    }
    return organisations.value.get(id)!;
  }

  function ticketList(id: Id): TicketList {
    if (!ticketLists.value.has(id)) {
      ticketLists.value.set(id, emptyList());
    }
    return ticketLists.value.get(id)!;
  }

  /** What is known of contact `id` (an empty entry before the first load); for templates. */
  function contactState(id: Id): ContactEntry {
    return contacts.value.get(id) ?? emptyContact();
  }

  function organisationState(id: Id): OrganisationEntry {
    return organisations.value.get(id) ?? emptyOrganisation();
  }

  function ticketListState(id: Id): TicketList {
    return ticketLists.value.get(id) ?? emptyList();
  }

  function isFresh(e: ContactEntry): boolean {
    return e.contact !== null && e.fetchedAt > 0 && Date.now() - e.fetchedAt < FRESH_MS;
  }

  /**
   * Loads the contact, its newest tickets and its organisation, unless they were loaded less
   * than FRESH_MS ago (`force` loads anyway). Concurrent calls share one request. Never throws:
   * failures are in the entry's `error` / `recentError`.
   */
  function loadContact(id: Id, options: { force?: boolean } = {}): Promise<void> {
    const e = contactEntry(id);
    if (!options.force && isFresh(e)) {
      return Promise.resolve();
    }
    const running = contactLoads.get(id);
    if (running) {
      return running;
    }
    e.loading = true;
    const load = Promise.allSettled([
      getContact(id),
      listContactTickets(id, { limit: RECENT_LIMIT }),
    ])
      .then(async ([c, page]) => {
        const entry = contactEntry(id);
        if (c.status === 'rejected') {
          entry.error = asApiError(c.reason);
          if (isApiError(c.reason, '/problems/not-found')) {
            entry.contact = null;
            entry.recent = [];
          }
          return;
        }
        entry.contact = c.value;
        entry.error = null;
        if (page.status === 'fulfilled') {
          entry.recent = page.value.data;
          entry.recentHasMore = page.value.next_cursor !== null;
          entry.recentError = null;
        } else {
          entry.recentError = asApiError(page.reason);
        }
        entry.fetchedAt = Date.now();
        if (c.value.organisation_id !== null) {
          await loadOrganisation(c.value.organisation_id);
        }
      })
      .finally(() => {
        contactEntry(id).loading = false;
        contactLoads.delete(id);
      });
    contactLoads.set(id, load);
    return load;
  }

  /** Loads organisation `id` once; after a failure the next call tries again. Never throws. */
  function loadOrganisation(id: Id): Promise<void> {
    const e = organisationEntry(id);
    if (e.organisation) {
      return Promise.resolve();
    }
    const running = organisationLoads.get(id);
    if (running) {
      return running;
    }
    e.loading = true;
    e.error = null;
    const load = getOrganisation(id)
      .then((o) => {
        organisationEntry(id).organisation = o;
      })
      .catch((err: unknown) => {
        organisationEntry(id).error = asApiError(err);
      })
      .finally(() => {
        organisationEntry(id).loading = false;
        organisationLoads.delete(id);
      });
    organisationLoads.set(id, load);
    return load;
  }

  /** The first page of every ticket of the contact, for the contact page. Never throws. */
  async function loadTickets(id: Id): Promise<void> {
    const seq = ++listSeq;
    const list = ticketList(id);
    list.loading = true;
    list.error = null;
    try {
      const page = await listContactTickets(id, { limit: TICKETS_PAGE_SIZE });
      if (seq !== listSeq) {
        return;
      }
      const l = ticketList(id);
      l.tickets = page.data;
      l.cursor = page.next_cursor;
      l.loaded = true;
    } catch (err) {
      if (seq === listSeq) {
        ticketList(id).error = asApiError(err);
      }
    } finally {
      if (seq === listSeq) {
        ticketList(id).loading = false;
      }
    }
  }

  /** Appends the next page of the contact's tickets. Never throws; a failure is in `error`. */
  async function loadMoreTickets(id: Id): Promise<void> {
    const list = ticketList(id);
    if (!list.cursor || list.loadingMore || list.loading) {
      return;
    }
    const seq = listSeq;
    list.loadingMore = true;
    list.error = null;
    try {
      const page = await listContactTickets(id, { cursor: list.cursor, limit: TICKETS_PAGE_SIZE });
      if (seq !== listSeq) {
        return;
      }
      const l = ticketList(id);
      const seen = new Set(l.tickets.map((t) => t.id));
      l.tickets = [...l.tickets, ...page.data.filter((t) => !seen.has(t.id))];
      l.cursor = page.next_cursor;
    } catch (err) {
      ticketList(id).error = asApiError(err);
    } finally {
      ticketList(id).loadingMore = false;
    }
  }

  /**
   * Changes the contact if nobody changed it since it was loaded (If-Match). The change shows at
   * once and is undone when the server refuses it; on 412 the contact is reloaded. Throws the
   * ApiError for the screen to explain.
   */
  async function saveContact(id: Id, changes: ContactChanges): Promise<Contact> {
    const e = contactEntry(id);
    const before = e.contact;
    if (!before) {
      throw new ApiError({ status: 0, type: 'about:blank', detail: 'the contact is not loaded' });
    }
    e.saving = true;
    e.contact = { ...before, ...changes };
    try {
      const updated = await updateContact(id, changes, before.version);
      const entry = contactEntry(id);
      entry.contact = updated;
      entry.fetchedAt = Date.now();
      entry.recent = entry.recent.map((t) =>
        t.requester_id === id
          ? { ...t, requester: { ...t.requester, name: updated.name, email: updated.email } }
          : t,
      );
      return updated;
    } catch (err) {
      contactEntry(id).contact = before;
      if (isApiError(err, '/problems/precondition-failed')) {
        await loadContact(id, { force: true });
      }
      throw err;
    } finally {
      contactEntry(id).saving = false;
    }
  }

  function reset(): void {
    listSeq += 1;
    contacts.value = new Map();
    organisations.value = new Map();
    ticketLists.value = new Map();
    contactLoads.clear();
    organisationLoads.clear();
  }

  return {
    contacts,
    organisations,
    ticketLists,
    contactState,
    organisationState,
    ticketListState,
    loadContact,
    loadOrganisation,
    loadTickets,
    loadMoreTickets,
    saveContact,
    reset,
  };
});
