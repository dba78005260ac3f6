// The inbox: the views in the left column with their counts (built-in and saved), the page of
// tickets of the view that is open in its order, the selected rows and the bulk changes.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError, isApiError, type Id, type Ticket, type TicketStatus } from '../api/client';
import { bulkUpdateTickets, failingIds, mergeTicket, type BulkChanges } from '../api/bulk';
import {
  countTicketsFiltered,
  DEFAULT_COLUMNS,
  DEFAULT_SORT,
  listTicketsSorted,
  resolveFilters,
  type SavedView,
  type TicketQuery,
  type ViewColumn,
  type ViewCreate,
  type ViewFilters,
  type ViewSort,
} from '../api/views';
import { useDirectoryStore } from './directory';
import { useSessionStore } from './session';
import { useViewsStore } from './views';

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

export type ViewKind = 'mine' | 'unassigned' | 'group' | 'pending' | 'on_hold' | 'solved' | 'saved';

/** Where a view is listed: the built-in ones, the agent's own saved views, shared views. */
export type ViewSection = 'builtin' | 'mine' | 'shared';

export interface InboxView {
  /** Route parameter: 'mine', 'unassigned', 'group-7', 'pending', 'on-hold', 'solved', 'saved-12'. */
  id: string;
  kind: ViewKind;
  section: ViewSection;
  /** The group's name for group views (data, not translated); null for the others. */
  groupName: string | null;
  /** The saved view behind a 'saved' view; null for the built-in ones. */
  saved: SavedView | null;
  /** Filters as the ticket list takes them ("me" already resolved). */
  filters: TicketQuery;
  sort: ViewSort;
  columns: readonly ViewColumn[];
}

export interface ViewCount {
  count: number;
  /** More than `count` tickets: shown as "10,000+". */
  more: boolean;
}

export function savedViewRouteId(id: Id): string {
  return `saved-${id}`;
}

function builtin(
  id: string,
  kind: ViewKind,
  filters: TicketQuery,
  extra: Partial<InboxView> = {},
): InboxView {
  return {
    id,
    kind,
    section: 'builtin',
    groupName: null,
    saved: null,
    filters,
    sort: DEFAULT_SORT,
    columns: DEFAULT_COLUMNS,
    ...extra,
  };
}

/**
 * The views of an agent, in the order of the left column. "Pending", "On hold" and "Recently
 * solved" cover the whole workspace, as a team works them together; "My open tickets" are the
 * agent's new and open ones (pending and on-hold have their own views). Then the agent's saved
 * views, then the ones others shared.
 */
export function buildViews(
  agentId: Id,
  groupIds: readonly Id[],
  groupNames: ReadonlyMap<Id, string>,
  saved: readonly SavedView[] = [],
): InboxView[] {
  const views: InboxView[] = [
    builtin('mine', 'mine', { assignee: agentId, status: ['new', 'open'] }),
    builtin('unassigned', 'unassigned', { assignee: 'none', status: UNSOLVED }),
  ];
  const groups = groupIds
    .map((id) => ({ id, name: groupNames.get(id) ?? `#${id}` }))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const g of groups) {
    views.push(builtin(`group-${g.id}`, 'group', { group: g.id, status: UNSOLVED }, { groupName: g.name }));
  }
  views.push(
    builtin('pending', 'pending', { status: 'pending' }),
    builtin('on-hold', 'on_hold', { status: 'on_hold' }),
    builtin('solved', 'solved', { status: 'solved' }, { sort: '-solved_at' }),
  );
  const own = saved.filter((v) => v.owner_id === agentId || !v.shared);
  const shared = saved.filter((v) => !own.includes(v));
  for (const [section, list] of [['mine', own], ['shared', shared]] as const) {
    for (const v of list) {
      views.push({
        id: savedViewRouteId(v.id),
        kind: 'saved',
        section,
        groupName: null,
        saved: v,
        filters: resolveFilters(v.filters, agentId),
        sort: v.sort,
        columns: v.columns.length > 0 ? v.columns : DEFAULT_COLUMNS,
      });
    }
  }
  return views;
}

/** A view's filters as a saved view keeps them: the agent's own id becomes "me". */
export function toViewFilters(filters: TicketQuery, agentId: Id): ViewFilters {
  const out: ViewFilters = {};
  if (filters.status !== undefined) {
    out.status = typeof filters.status === 'string' ? [filters.status] : [...filters.status];
  }
  if (filters.assignee !== undefined) {
    out.assignee = filters.assignee === agentId ? 'me' : filters.assignee;
  }
  if (filters.group !== undefined) out.group = filters.group;
  if (filters.tag !== undefined) out.tag = filters.tag;
  if (filters.priority !== undefined) out.priority = [...filters.priority];
  if (filters.channel !== undefined) out.channel = [...filters.channel];
  if (filters.requester !== undefined) out.requester = filters.requester;
  if (filters.organisation !== undefined) out.organisation = filters.organisation;
  if (filters.q !== undefined) out.q = filters.q;
  return out;
}

/** How a ticket looks once `changes` are applied, before the server says so. */
export function applyChanges(ticket: Ticket, changes: BulkChanges): Ticket {
  const next: Ticket = { ...ticket, tags: [...ticket.tags] };
  if (changes.status !== undefined) next.status = changes.status;
  if (changes.priority !== undefined) next.priority = changes.priority;
  if (changes.type !== undefined) next.type = changes.type;
  if (changes.group_id !== undefined) next.group_id = changes.group_id;
  if (changes.assignee_id !== undefined) {
    next.assignee_id = changes.assignee_id;
    // Assigning a new ticket opens it (docs/api/README.md).
    if (changes.assignee_id !== null && next.status === 'new' && changes.status === undefined) {
      next.status = 'open';
    }
  }
  for (const tag of changes.add_tags ?? []) {
    if (!next.tags.includes(tag)) next.tags.push(tag);
  }
  if (changes.remove_tags) {
    next.tags = next.tags.filter((tag) => !changes.remove_tags!.includes(tag));
  }
  return next;
}

export type BulkResult =
  | { ok: true; count: number }
  | { ok: false; error: ApiError; failing: Ticket[] };

export type MergeResult =
  | { ok: true; target: Ticket | null; merged: Id[] }
  | { ok: false; error: ApiError; merged: Id[]; failed: Id };

function asApiError(e: unknown): ApiError {
  return isApiError(e) ? e : new ApiError({ status: 0, type: 'about:blank', detail: String(e) });
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
  /** The order of the list: the view's, until the agent clicks a column header. */
  const sort = ref<ViewSort>(DEFAULT_SORT);
  /** Ids of the selected rows of this page. */
  const selected = ref(new Set<Id>());
  const bulkBusy = ref(false);
  /** What the last bulk change or merge did, in words for the agent (set by the screen). */
  const notice = ref<{ text: string; failed: boolean } | null>(null);
  let pageRequest: AbortController | null = null;
  let countsAt = Number.NEGATIVE_INFINITY;
  /** Views whose count is on its way; a sign-out starts a new generation of counts. */
  const counting = new Set<string>();
  let countGeneration = 0;

  const views = computed<InboxView[]>(() => {
    const session = useSessionStore();
    const directory = useDirectoryStore();
    const saved = useViewsStore();
    if (!session.me) {
      return [];
    }
    const names = new Map<Id, string>();
    for (const g of directory.groups) {
      names.set(g.id, g.name);
    }
    return buildViews(session.me.id, session.me.group_ids, names, saved.sorted);
  });

  const currentView = computed(() => views.value.find((v) => v.id === currentViewId.value) ?? null);
  const columns = computed<readonly ViewColumn[]>(() => currentView.value?.columns ?? DEFAULT_COLUMNS);
  const hasPrevious = computed(() => pageIndex.value > 0);
  const hasNext = computed(() => nextCursor.value !== null);
  const selectedTickets = computed(() => tickets.value.filter((t) => selected.value.has(t.id)));

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
      const page = await listTicketsSorted(
        view.filters,
        sort.value,
        { cursor: cursors.value[pageIndex.value] ?? null, limit: PAGE_SIZE },
        controller.signal,
      );
      if (controller.signal.aborted) {
        return;
      }
      tickets.value = page.data;
      nextCursor.value = page.next_cursor;
      const present = new Set(page.data.map((t) => t.id));
      selected.value = new Set([...selected.value].filter((id) => present.has(id)));
    } catch (e) {
      if (controller.signal.aborted) {
        return;
      }
      tickets.value = [];
      nextCursor.value = null;
      error.value = asApiError(e);
    } finally {
      if (pageRequest === controller) {
        loading.value = false;
        pageRequest = null;
      }
    }
  }

  function firstPage(): void {
    cursors.value = [null];
    pageIndex.value = 0;
    nextCursor.value = null;
    selected.value = new Set();
  }

  /** Opens a view at its first page, in the view's order. */
  async function openView(viewId: string): Promise<void> {
    currentViewId.value = viewId;
    sort.value = currentView.value?.sort ?? DEFAULT_SORT;
    firstPage();
    tickets.value = [];
    await loadPage();
  }

  /** Orders the list by `next` from its first page (a cursor belongs to its order). */
  async function setSort(next: ViewSort): Promise<void> {
    sort.value = next;
    firstPage();
    await loadPage();
  }

  async function nextPage(): Promise<void> {
    if (!nextCursor.value || loading.value) {
      return;
    }
    cursors.value = [...cursors.value.slice(0, pageIndex.value + 1), nextCursor.value];
    pageIndex.value += 1;
    selected.value = new Set();
    await loadPage();
  }

  async function previousPage(): Promise<void> {
    if (pageIndex.value === 0 || loading.value) {
      return;
    }
    pageIndex.value -= 1;
    selected.value = new Set();
    await loadPage();
  }

  /**
   * Counts every view (see COUNT_LIMIT). Each count shows as soon as it arrives; a view whose
   * count fails keeps its last count, and a view already being counted is not asked twice.
   * With `maxAgeMs`, counts younger than that are kept: coming back from a ticket to the inbox
   * does not count every view again; views not counted yet (a saved view just loaded) still are.
   */
  async function refreshCounts(options: { maxAgeMs?: number } = {}): Promise<void> {
    const fresh = options.maxAgeMs !== undefined && Date.now() - countsAt < options.maxAgeMs;
    const list = (fresh ? views.value.filter((v) => !(v.id in counts.value)) : views.value).filter(
      (v) => !counting.has(v.id),
    );
    if (list.length === 0) {
      return;
    }
    if (!fresh) {
      countsAt = Date.now();
    }
    const generation = countGeneration;
    list.forEach((v) => counting.add(v.id));
    await Promise.all(
      list.map(async (view) => {
        try {
          const r = await countTicketsFiltered(view.filters);
          if (generation === countGeneration) {
            counts.value = { ...counts.value, [view.id]: { count: r.count, more: r.capped } };
          }
        } catch {
          // Keeps the last count; the next refresh tries again.
        } finally {
          if (generation === countGeneration) {
            counting.delete(view.id);
          }
        }
      }),
    );
  }

  /** Forgets a view's count (its filters changed) and counts it again. */
  async function recount(viewId: string): Promise<void> {
    const rest = { ...counts.value };
    delete rest[viewId];
    counts.value = rest;
    await refreshCounts({ maxAgeMs: Number.POSITIVE_INFINITY });
  }

  /** The open view as a new saved view would keep it (the agent names it). */
  function draftOfCurrent(): Omit<ViewCreate, 'name'> {
    const session = useSessionStore();
    const view = currentView.value;
    return {
      filters: view ? toViewFilters(view.filters, session.me?.id ?? -1) : {},
      sort: sort.value,
      columns: [...columns.value],
    };
  }

  // ------------------------------------------------------------ selection

  function toggleSelected(id: Id, on?: boolean): void {
    const next = new Set(selected.value);
    if (on ?? !next.has(id)) {
      next.add(id);
    } else {
      next.delete(id);
    }
    selected.value = next;
  }

  /** Selects (or clears) every ticket of `ids`, as a shift-click on a range does. */
  function setSelected(ids: readonly Id[], on: boolean): void {
    const next = new Set(selected.value);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    selected.value = next;
  }

  function selectAll(on: boolean): void {
    selected.value = on ? new Set(tickets.value.map((t) => t.id)) : new Set();
  }

  // ------------------------------------------------------------ bulk changes

  /**
   * Applies `changes` to the selected tickets: the rows show them at once; the server's
   * tickets replace them, or the rows go back as they were when it refuses (all or nothing).
   * Counts are refreshed afterwards either way.
   */
  async function applyBulk(changes: BulkChanges): Promise<BulkResult> {
    const ids = selectedTickets.value.map((t) => t.id);
    if (ids.length === 0 || bulkBusy.value) {
      return { ok: true, count: 0 };
    }
    const before = new Map(selectedTickets.value.map((t) => [t.id, t]));
    bulkBusy.value = true;
    tickets.value = tickets.value.map((t) => (before.has(t.id) ? applyChanges(t, changes) : t));
    try {
      const changed = await bulkUpdateTickets(ids, changes);
      const byId = new Map(changed.map((t) => [t.id, t]));
      tickets.value = tickets.value.map((t) => byId.get(t.id) ?? t);
      selected.value = new Set();
      return { ok: true, count: changed.length };
    } catch (e) {
      const err = asApiError(e);
      tickets.value = tickets.value.map((t) => before.get(t.id) ?? t);
      const failing = failingIds(err, ids)
        .map((id) => before.get(id))
        .filter((t): t is Ticket => t !== undefined);
      return { ok: false, error: err, failing };
    } finally {
      bulkBusy.value = false;
      void refreshCounts();
    }
  }

  /**
   * Merges the other selected tickets into `targetId`, one at a time (the server merges one
   * ticket per request), reporting progress; stops at the first refusal. The page and the
   * counts are reloaded afterwards.
   */
  async function mergeSelected(
    targetId: Id,
    onProgress: (done: number, total: number) => void = () => {},
  ): Promise<MergeResult> {
    const sources = selectedTickets.value.map((t) => t.id).filter((id) => id !== targetId);
    const merged: Id[] = [];
    let target: Ticket | null = null;
    bulkBusy.value = true;
    onProgress(0, sources.length);
    try {
      for (const id of sources) {
        try {
          target = await mergeTicket(id, targetId);
        } catch (e) {
          return { ok: false, error: asApiError(e), merged, failed: id };
        }
        merged.push(id);
        onProgress(merged.length, sources.length);
      }
      selected.value = new Set();
      return { ok: true, target, merged };
    } finally {
      bulkBusy.value = false;
      if (merged.length > 0) {
        await Promise.all([loadPage(), refreshCounts()]);
      }
    }
  }

  function reset(): void {
    pageRequest?.abort();
    pageRequest = null;
    counts.value = {};
    countsAt = Number.NEGATIVE_INFINITY;
    counting.clear();
    countGeneration += 1;
    currentViewId.value = null;
    tickets.value = [];
    cursors.value = [null];
    pageIndex.value = 0;
    nextCursor.value = null;
    loading.value = false;
    error.value = null;
    sort.value = DEFAULT_SORT;
    selected.value = new Set();
    bulkBusy.value = false;
    notice.value = null;
    useViewsStore().reset();
  }

  return {
    views,
    counts,
    currentViewId,
    currentView,
    columns,
    sort,
    tickets,
    pageIndex,
    nextCursor,
    hasPrevious,
    hasNext,
    loading,
    error,
    selected,
    selectedTickets,
    bulkBusy,
    notice,
    openView,
    setSort,
    nextPage,
    previousPage,
    loadPage,
    refreshCounts,
    recount,
    draftOfCurrent,
    toggleSelected,
    setSelected,
    selectAll,
    applyBulk,
    mergeSelected,
    reset,
  };
});
