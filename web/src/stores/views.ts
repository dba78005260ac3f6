// The agent's saved views and the workspace's shared ones (GET /api/v1/views), with create,
// edit and delete. The inbox store turns them into entries of the left column.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError, isApiError, type Id } from '../api/client';
import {
  createView,
  deleteView,
  listViews,
  updateView,
  type SavedView,
  type ViewChanges,
  type ViewCreate,
} from '../api/views';

function asApiError(e: unknown): ApiError {
  return isApiError(e) ? e : new ApiError({ status: 0, type: 'about:blank', detail: String(e) });
}

function byPosition(a: SavedView, b: SavedView): number {
  return a.position - b.position || a.name.localeCompare(b.name);
}

export const useViewsStore = defineStore('views', () => {
  const views = ref<SavedView[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  /** Why the list could not be loaded; the built-in views work without it. */
  const error = ref<ApiError | null>(null);
  let pending: Promise<void> | null = null;

  const sorted = computed(() => [...views.value].sort(byPosition));

  /** Loads the list once; `force` loads it again. Never throws: see `error`. */
  function load(force = false): Promise<void> {
    if (loaded.value && !force) {
      return Promise.resolve();
    }
    if (!pending) {
      loading.value = true;
      pending = listViews()
        .then((list) => {
          views.value = list;
          loaded.value = true;
          error.value = null;
        })
        .catch((e: unknown) => {
          error.value = asApiError(e);
        })
        .finally(() => {
          loading.value = false;
          pending = null;
        });
    }
    return pending;
  }

  function byId(id: Id): SavedView | undefined {
    return views.value.find((v) => v.id === id);
  }

  /** Creates a view; throws the ApiError (409 duplicate name, 422) for the dialog to show. */
  async function create(view: ViewCreate): Promise<SavedView> {
    const created = await createView(view);
    views.value = [...views.value.filter((v) => v.id !== created.id), created];
    return created;
  }

  /** Changes a view if nobody else did meanwhile (If-Match); throws the ApiError. */
  async function update(id: Id, changes: ViewChanges): Promise<SavedView> {
    const current = byId(id);
    const updated = await updateView(id, changes, current?.version);
    views.value = views.value.map((v) => (v.id === id ? updated : v));
    return updated;
  }

  /** Removes the view at once; puts it back and throws when the server refuses. */
  async function remove(id: Id): Promise<void> {
    const before = views.value;
    views.value = views.value.filter((v) => v.id !== id);
    try {
      await deleteView(id);
    } catch (e) {
      if (isApiError(e, '/problems/not-found')) {
        return;
      }
      views.value = before;
      throw asApiError(e);
    }
  }

  function reset(): void {
    views.value = [];
    loaded.value = false;
    loading.value = false;
    error.value = null;
  }

  return { views, sorted, loaded, loading, error, load, byId, create, update, remove, reset };
});
