// The open ticket: its fields, its conversation, replies and notes, and changes to its fields.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import {
  api,
  isApiError,
  ApiError,
  type Id,
  type Message,
  type MessageCreate,
  type Ticket,
} from '../api/client';
import { listCustomFields, mergeTicket, type CustomField, type TicketUpdate } from '../api/ticketExtra';

export const MESSAGES_PAGE_SIZE = 100;

/**
 * A random Idempotency-Key. crypto.randomUUID exists only in secure contexts (https or
 * localhost), and the console may be served over plain http inside an office network.
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function asApiError(e: unknown): ApiError {
  return isApiError(e) ? e : new ApiError({ status: 0, type: 'about:blank', detail: String(e) });
}

export const useTicketStore = defineStore('ticket', () => {
  const ticket = ref<Ticket | null>(null);
  const messages = ref<Message[]>([]);
  const messagesCursor = ref<string | null>(null);
  const loading = ref(false);
  const loadingMore = ref(false);
  const error = ref<ApiError | null>(null);
  const sending = ref(false);
  const saving = ref(false);
  /** The workspace's custom-field definitions (loaded once; labels and inputs). */
  const fieldDefs = ref<CustomField[]>([]);
  const fieldDefsLoaded = ref(false);
  let fieldDefsLoading: Promise<void> | null = null;
  /** Said once on the next ticket shown: the ticket number that was just merged into it. */
  const mergedFrom = ref<number | null>(null);
  /** The key of a reply that may or may not have reached the server, with its exact body. */
  let pendingReply: { key: string; payload: string } | null = null;
  let loadSeq = 0;

  /** Loads the ticket and the first page of its conversation (oldest first). */
  async function load(id: Id): Promise<void> {
    const seq = ++loadSeq;
    loading.value = true;
    error.value = null;
    if (ticket.value?.id !== id) {
      ticket.value = null;
      messages.value = [];
      messagesCursor.value = null;
      pendingReply = null;
    }
    try {
      const [t, page] = await Promise.all([
        api.getTicket(id),
        api.listMessages(id, { limit: MESSAGES_PAGE_SIZE }),
      ]);
      if (seq !== loadSeq) {
        return;
      }
      ticket.value = t;
      messages.value = page.data;
      messagesCursor.value = page.next_cursor;
    } catch (e) {
      if (seq === loadSeq) {
        error.value = asApiError(e);
      }
    } finally {
      if (seq === loadSeq) {
        loading.value = false;
      }
    }
  }

  /** Loads the custom-field definitions once; a failure leaves them empty and is retried later. */
  function loadFieldDefs(): Promise<void> {
    if (fieldDefsLoaded.value) {
      return Promise.resolve();
    }
    if (!fieldDefsLoading) {
      fieldDefsLoading = listCustomFields()
        .then((defs) => {
          fieldDefs.value = defs;
          fieldDefsLoaded.value = true;
        })
        .finally(() => {
          fieldDefsLoading = null;
        });
    }
    return fieldDefsLoading;
  }

  /** Appends the next page of the conversation. */
  async function loadMoreMessages(): Promise<void> {
    const t = ticket.value;
    if (!t || !messagesCursor.value || loadingMore.value) {
      return;
    }
    loadingMore.value = true;
    try {
      const page = await api.listMessages(t.id, {
        cursor: messagesCursor.value,
        limit: MESSAGES_PAGE_SIZE,
      });
      if (ticket.value?.id === t.id) {
        const seen = new Set(messages.value.map((m) => m.id));
        messages.value = [...messages.value, ...page.data.filter((m) => !seen.has(m.id))];
        messagesCursor.value = page.next_cursor;
      }
    } finally {
      loadingMore.value = false;
    }
  }

  /**
   * Adds a public reply (`isPublic`) or an internal note. A retry of the same text after a
   * failure reuses the Idempotency-Key, so a reply that did reach the server is not sent to the
   * customer twice. `attachmentIds` are files uploaded before (POST /attachments). Throws
   * ApiError; the caller keeps the draft then.
   */
  async function reply(body: string, isPublic: boolean, attachmentIds: readonly Id[] = []): Promise<Message> {
    const t = ticket.value;
    if (!t) {
      throw new ApiError({ status: 0, type: 'about:blank', detail: 'no ticket is open' });
    }
    const message: MessageCreate = { body, public: isPublic };
    if (attachmentIds.length > 0) {
      message.attachment_ids = [...attachmentIds];
    }
    const payload = JSON.stringify([t.id, message]);
    if (pendingReply?.payload !== payload) {
      pendingReply = { key: newIdempotencyKey(), payload };
    }
    sending.value = true;
    try {
      const created = await api.createMessage(t.id, message, pendingReply.key);
      pendingReply = null;
      if (ticket.value?.id === t.id && !messages.value.some((m) => m.id === created.id)) {
        messages.value = [...messages.value, created];
      }
      // A first public reply opens the ticket and sets first_response_at; show it.
      await refreshTicket(t.id);
      return created;
    } finally {
      sending.value = false;
    }
  }

  /**
   * Changes fields of the ticket if nobody changed it since it was loaded (If-Match). On 412
   * the ticket is reloaded and the ApiError is thrown, so the agent sees the other change.
   */
  async function update(changes: TicketUpdate): Promise<Ticket> {
    const t = ticket.value;
    if (!t) {
      throw new ApiError({ status: 0, type: 'about:blank', detail: 'no ticket is open' });
    }
    saving.value = true;
    try {
      const updated = await api.updateTicket(t.id, changes, t.version);
      if (ticket.value?.id === t.id) {
        ticket.value = updated;
      }
      return updated;
    } catch (e) {
      if (isApiError(e, '/problems/precondition-failed')) {
        await refreshTicket(t.id);
      }
      throw e;
    } finally {
      saving.value = false;
    }
  }

  /**
   * Merges the open ticket into `targetId` and answers the surviving ticket; the screen then
   * shows the survivor, which says once that this ticket was merged into it.
   */
  async function merge(targetId: Id): Promise<Ticket> {
    const t = ticket.value;
    if (!t) {
      throw new ApiError({ status: 0, type: 'about:blank', detail: 'no ticket is open' });
    }
    saving.value = true;
    try {
      const survivor = await mergeTicket(t.id, targetId);
      mergedFrom.value = t.number;
      return survivor;
    } finally {
      saving.value = false;
    }
  }

  async function refreshTicket(id: Id): Promise<void> {
    try {
      const fresh = await api.getTicket(id);
      if (ticket.value?.id === id) {
        ticket.value = fresh;
      }
    } catch {
      // The ticket shown stays; the next load brings it up to date.
    }
  }

  function reset(): void {
    loadSeq += 1;
    ticket.value = null;
    messages.value = [];
    messagesCursor.value = null;
    loading.value = false;
    loadingMore.value = false;
    error.value = null;
    sending.value = false;
    saving.value = false;
    pendingReply = null;
    mergedFrom.value = null;
  }

  return {
    ticket,
    messages,
    messagesCursor,
    loading,
    loadingMore,
    error,
    sending,
    saving,
    mergedFrom,
    fieldDefs,
    fieldDefsLoaded,
    load,
    loadFieldDefs,
    loadMoreMessages,
    reply,
    update,
    merge,
    refreshTicket,
    reset,
  };
});
