// The list half of an admin screen that manages records with versions (SLA policies, triggers,
// automations …): load the list, which one is being edited, and the row actions — change a
// record with If-Match (switch it on or off), delete it, move it up or down — each with the
// busy record, the failure in words for the alert and a success notice for the live region.
// The editor form stays the screen's own (admin/form.ts has its state).
//
// A 412 (someone else changed the record meanwhile) reloads the list, so the next attempt
// starts from the latest versions; admin.errors.changedElsewhere says so.
import { computed, nextTick, ref, shallowRef, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { isApiError } from '../api/client';
import type { Id } from '../api/types';
import { problemKey } from '../screens/admin/problems';

/** A record an admin list manages. */
export interface AdminRecord {
  id: Id;
  version: number;
  /** Lists kept in an order (SLA policies, triggers) have one; `move` needs it. */
  position?: number;
}

/** The calls the list makes; `update` sends `If-Match` with `version`. */
export interface AdminListApi<T extends AdminRecord, Changes> {
  list(): Promise<T[]>;
  update(id: Id, changes: Changes, version?: number): Promise<T>;
  remove(id: Id): Promise<unknown>;
}

export interface AdminListOptions<T> {
  /** The order rows are shown in; by default `position`, then id. */
  compare?: (a: T, b: T) => number;
  /** Catalogue key for a 409 (a name taken). */
  duplicateKey?: string;
}

function byPosition<T extends AdminRecord>(a: T, b: T): number {
  return (a.position ?? 0) - (b.position ?? 0) || a.id - b.id;
}

export function useAdminList<T extends AdminRecord, Changes>(
  api: () => AdminListApi<T, Changes>,
  options: AdminListOptions<T> = {},
) {
  const { t } = useI18n();
  const items = ref<T[]>([]) as Ref<T[]>;
  const loading = ref(false);
  const loadError = shallowRef<unknown>(null);
  /** A row action in flight: the rows' buttons wait for it. */
  const busyId = ref<Id | null>(null);
  /** The last row action's failure, in words; '' when none. */
  const rowError = ref('');
  /** What the last action did, for the live region. */
  const notice = ref('');
  /** `null` while the editor is closed; 'new' for a new record, else the one being edited. */
  const editing = ref<T | 'new' | null>(null) as Ref<T | 'new' | null>;

  const ordered = computed(() => [...items.value].sort(options.compare ?? byPosition));
  /** Where a new record goes in a positioned list: after the last one. */
  const nextPosition = computed(() =>
    items.value.length === 0 ? 0 : Math.max(...items.value.map((x) => x.position ?? 0)) + 1,
  );

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      items.value = await api().list();
    } catch (e) {
      loadError.value = e;
    } finally {
      loading.value = false;
    }
  }

  /** Puts `x` in the list in place of the record with its id (or adds it). */
  function replace(x: T): void {
    items.value = [...items.value.filter((y) => y.id !== x.id), x];
  }

  function isEditing(id: Id): boolean {
    return editing.value !== null && editing.value !== 'new' && editing.value.id === id;
  }

  /** Opens the editor on `target` ('new' for a new record). */
  function open(target: T | 'new'): void {
    rowError.value = '';
    notice.value = '';
    editing.value = target;
  }

  function close(): void {
    editing.value = null;
  }

  /** The editor saved `x`: it replaces the old one and the editor closes. */
  function saved(x: T, message: string): void {
    replace(x);
    notice.value = message;
    editing.value = null;
  }

  /**
   * Runs a row action on record `id` unless another runs: true when it succeeded. A failure
   * leaves its words in `rowError` (and a 412 reloads the list).
   */
  async function run(id: Id, action: () => Promise<void>): Promise<boolean> {
    if (busyId.value !== null) {
      return false;
    }
    busyId.value = id;
    rowError.value = '';
    notice.value = '';
    try {
      await action();
      return true;
    } catch (e) {
      rowError.value = t(problemKey(e, options.duplicateKey));
      if (isApiError(e, '/problems/precondition-failed')) {
        await load();
      }
      return false;
    } finally {
      busyId.value = null;
    }
  }

  /** PATCHes `changes` to `x` with its version; the changed record, or null when refused. */
  async function update(x: T, changes: Changes): Promise<T | null> {
    let out: T | null = null;
    await run(x.id, async () => {
      out = await api().update(x.id, changes, x.version);
      replace(out);
    });
    return out;
  }

  /** Deletes `x` (closing its editor); true when it is gone. */
  async function remove(x: T): Promise<boolean> {
    if (isEditing(x.id)) {
      editing.value = null;
    }
    return run(x.id, async () => {
      await api().remove(x.id);
      items.value = items.value.filter((y) => y.id !== x.id);
    });
  }

  /**
   * Moves `x` one place up (-1) or down (+1) in a positioned list: the list is numbered again
   * from 0 in its new order and each record whose position changes is PATCHed in turn with its
   * version (two for a list already numbered so). The server's list is then read again, as
   * the truth. Returns the new place (1 for the top), or null when it did not move.
   */
  async function move(x: T, delta: -1 | 1, toPosition: (position: number) => Changes): Promise<number | null> {
    const list = [...ordered.value];
    const from = list.findIndex((y) => y.id === x.id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= list.length || busyId.value !== null) {
      return null;
    }
    [list[from], list[to]] = [list[to]!, list[from]!];
    busyId.value = x.id;
    rowError.value = '';
    notice.value = '';
    let moved = false;
    try {
      for (const [i, y] of list.entries()) {
        if (y.position !== i) {
          replace(await api().update(y.id, toPosition(i), y.version));
        }
      }
      moved = true;
    } catch (e) {
      rowError.value = t(problemKey(e, options.duplicateKey));
    } finally {
      await load();
      busyId.value = null;
    }
    return moved ? to + 1 : null;
  }

  return {
    items,
    ordered,
    nextPosition,
    loading,
    loadError,
    busyId,
    rowError,
    notice,
    editing,
    load,
    replace,
    open,
    close,
    saved,
    run,
    update,
    remove,
    move,
  };
}

export type AdminList<T extends AdminRecord, Changes> = ReturnType<typeof useAdminList<T, Changes>>;

/**
 * After a move, keeps the keyboard on the record that moved: its same button, or the other one
 * when it reached an end. `row` finds the record's row; the buttons carry `upId` / `downId` as
 * their data-testid.
 */
export async function focusMovedRow(
  row: () => Element | null,
  delta: -1 | 1,
  upId: string,
  downId: string,
): Promise<void> {
  await nextTick();
  const r = row();
  const same = r?.querySelector<HTMLButtonElement>(`[data-testid="${delta < 0 ? upId : downId}"]`);
  const other = r?.querySelector<HTMLButtonElement>(`[data-testid="${delta < 0 ? downId : upId}"]`);
  (same && !same.disabled ? same : other)?.focus();
}
