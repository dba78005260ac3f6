// The inbox: the views in the left column with their counts, and the page of tickets of the
// view that is open.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import {
  api,
  isApiError,
  ApiError,
  type Id,
  type Ticket,
  type TicketFilters,
  type TicketStatus,
} from '../api/client';
import { useDirectoryStore } from './directory';
import { useSessionStore } from './session';

export const PAGE_SIZE = 50;

/**
 * A view's count comes from `GET /api/v1/tickets/count` with the view's filters; the server
 * stops counting at COUNT_LIMIT and says so (`capped`), and the inbox then shows "10,000+".
 */
export const COUNT_LIMIT = 10_000;

/** How long counts stay good enough when the agent comes back to the inbox. */
export const COUNTS_MAX_AGE_MS = 60_000;

/** Tickets still waiting for someone in the team. */
const UNSOLVED: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

export type ViewKind = 'mine' | 'unassigned' | 'group' | 'pending' | 'on_hold' | 'solved';

export interface InboxView {
  /** Route parameter: 'mine', 'unassigned', 'group-7', 'pending', 'on-hold', 'solved'. */
  id: string;
  kind: ViewKind;
  /** The group's name for group views (data, not translated); null for the others. */
  groupName: string | null;
  filters: TicketFilters;
}

export interface ViewCount {
  count: number;
  /** More than `count` tickets: shown as "10,000+". */
  more: boolean;
}

/**
 * The views of an agent, in the order of the left column. "Pending", "On hold" and "Recently
 * solved" cover the whole workspace, as a team works them together; "My open tickets" are the
 * agent's new and open ones (pending and on-hold have their own views).
 */
export function buildViews(
  agentId: Id,
  groupIds: readonly Id[],
  groupNames: ReadonlyMap<Id, string>,
): InboxView[] {
  const views: InboxView[] = [
    { id: 'mine', kind: 'mine', groupName: null, filters: { assignee: agentId, status: ['new', 'open'] } },
    { id: 'unassigned', kind: 'unassigned', groupName: null, filters: { assignee: 'none', status: UNSOLVED } },
  ];
  const groups = groupIds
    .map((id) => ({ id, name: groupNames.get(id) ?? `#${id}` }))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const g of groups) {
    views.push({ id: `group-${g.id}`, kind: 'group', groupName: g.name, filters: { group: g.id, status: UNSOLVED } });
  }
  views.push(
    { id: 'pending', kind: 'pending', groupName: null, filters: { status: 'pending' } },
    { id: 'on-hold', kind: 'on_hold', groupName: null, filters: { status: 'on_hold' } },
    // Newest solved first by ticket id: the list has no order by `solved_at` yet.
    { id: 'solved', kind: 'solved', groupName: null, filters: { status: 'solved' } },
  );
  return views;
}

export const useInboxStore = defineStore('inbox', () => {
  const counts = ref<Record<string, ViewCount>>({});
  const currentViewId = ref<string | null>(null);
  const tickets = ref<Ticket[]>([]);
  /** cursors[i] fetched page i (null: the first page); kept so "Previous" can go back. */
  const cursors = ref<(string | null)[]>([null]);
  const pageIndex = ref(0);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  let pageRequest: AbortController | null = null;
  let countsAt = Number.NEGATIVE_INFINITY;

  const views = computed<InboxView[]>(() => {
    const session = useSessionStore();
    const directory = useDirectoryStore();
    if (!session.me) {
      return [];
    }
    const names = new Map<Id, string>();
    for (const g of directory.groups) {
      names.set(g.id, g.name);
    }
    return buildViews(session.me.id, session.me.group_ids, names);
  });

  const currentView = computed(() => views.value.find((v) => v.id === currentViewId.value) ?? null);
  const hasPrevious = computed(() => pageIndex.value > 0);
  const hasNext = computed(() => nextCursor.value !== null);

  async function loadPage(): Promise<void> {
    const view = currentView.value;
    if (!view) {
      return;
    }
    pageRequest?.abort();
    const controller = new AbortController();
    pageRequest = controller;
    loading.value = true;
    error.value = null;
    try {
      const page = await api.listTickets(
        view.filters,
        { cursor: cursors.value[pageIndex.value] ?? null, limit: PAGE_SIZE },
        controller.signal,
      );
      if (controller.signal.aborted) {
        return;
      }
      tickets.value = page.data;
      nextCursor.value = page.next_cursor;
    } catch (e) {
      if (controller.signal.aborted) {
        return;
      }
      tickets.value = [];
      nextCursor.value = null;
      error.value = isApiError(e) ? e : new ApiError({ status: 0, type: 'about:blank', detail: String(e) });
    } finally {
      if (pageRequest === controller) {
        loading.value = false;
        pageRequest = null;
      }
    }
  }

  /** Opens a view at its first page. */
  async function openView(viewId: string): Promise<void> {
    currentViewId.value = viewId;
    cursors.value = [null];
    pageIndex.value = 0;
    nextCursor.value = null;
    tickets.value = [];
    await loadPage();
  }

  async function nextPage(): Promise<void> {
    if (!nextCursor.value || loading.value) {
      return;
    }
    cursors.value = [...cursors.value.slice(0, pageIndex.value + 1), nextCursor.value];
    pageIndex.value += 1;
    await loadPage();
  }

  async function previousPage(): Promise<void> {
    if (pageIndex.value === 0 || loading.value) {
      return;
    }
    pageIndex.value -= 1;
    await loadPage();
  }

  /**
   * Counts every view (see COUNT_LIMIT). A view whose count fails keeps its last count. With
   * `maxAgeMs`, counts younger than that are kept: coming back from a ticket to the inbox does
   * not fetch a hundred tickets per view again.
   */
  async function refreshCounts(options: { maxAgeMs?: number } = {}): Promise<void> {
    if (options.maxAgeMs !== undefined && Date.now() - countsAt < options.maxAgeMs) {
      return;
    }
    countsAt = Date.now();
    const list = views.value;
    const results = await Promise.allSettled(list.map((v) => api.countTickets(v.filters)));
    const next: Record<string, ViewCount> = { ...counts.value };
    results.forEach((r, i) => {
      const view = list[i];
      if (view && r.status === 'fulfilled') {
        next[view.id] = { count: r.value.count, more: r.value.capped };
      }
    });
    counts.value = next;
  }

  function reset(): void {
    pageRequest?.abort();
    pageRequest = null;
    counts.value = {};
    countsAt = Number.NEGATIVE_INFINITY;
    currentViewId.value = null;
    tickets.value = [];
    cursors.value = [null];
    pageIndex.value = 0;
    nextCursor.value = null;
    loading.value = false;
    error.value = null;
  }

  return {
    views,
    counts,
    currentViewId,
    currentView,
    tickets,
    pageIndex,
    nextCursor,
    hasPrevious,
    hasNext,
    loading,
    error,
    openView,
    nextPage,
    previousPage,
    loadPage,
    refreshCounts,
    reset,
  };
});
