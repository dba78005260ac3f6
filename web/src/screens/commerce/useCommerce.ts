// One loader for what a contact or an organisation bought, was billed and agreed to
// (GET /contacts/{id}/commerce, /organisations/{id}/commerce). The screen that shows the orders,
// invoices and contracts panels loads once and hands the same state to all three, so the
// sidebar asks the server one question, not three. A new id aborts the request still running
// for the old one, so a slow answer never shows another customer's orders.
import { onScopeDispose, reactive, watch } from 'vue';
import { isApiError } from '../../api/client';
import {
  getContactCommerce,
  getOrganisationCommerce,
  type CommerceSummary,
} from '../../api/commerce';
import type { Id } from '../../api/types';
import { errorKey } from '../errors';

export type CommerceOwnerKind = 'contact' | 'organisation';

/** What the panels read: the summary once it came, whether it is on its way, and why it failed. */
export interface CommerceState {
  /** Null until the first answer for the current id. */
  readonly summary: CommerceSummary | null;
  readonly loading: boolean;
  /** The catalogue key of why the last load failed, or null. */
  readonly error: string | null;
  /** Asks again for the current id (the panels' "Try again"). */
  reload(): void;
}

/**
 * Loads the commerce summary of `kind` `id` now and whenever `id` changes (a getter, so a
 * prop or a route parameter can drive it); aborts the request in flight when the id changes
 * and when the component that uses it goes away. REQUIRES: called in a component's setup.
 */
export function useCommerce(kind: CommerceOwnerKind, id: () => Id): CommerceState {
  let controller: AbortController | null = null;

  const state = reactive({
    summary: null as CommerceSummary | null,
    loading: false,
    error: null as string | null,
    reload: (): void => {
      void load(id());
    },
  });

  async function load(ownerId: Id): Promise<void> {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    state.loading = true;
    state.error = null;
    try {
      const summary =
        kind === 'contact'
          ? await getContactCommerce(ownerId, mine.signal)
          : await getOrganisationCommerce(ownerId, mine.signal);
      if (controller === mine) {
        state.summary = summary;
      }
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') {
        return;
      }
      if (controller === mine) {
        state.error = isApiError(e) ? errorKey(e) : 'errors.unexpected';
      }
    } finally {
      if (controller === mine) {
        state.loading = false;
      }
    }
  }

  watch(
    id,
    (ownerId) => {
      state.summary = null;
      void load(ownerId);
    },
    { immediate: true },
  );

  onScopeDispose(() => controller?.abort());

  return state;
}
