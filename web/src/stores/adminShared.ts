// Helpers the admin stores share: optimistic changes to a list that roll back when the server
// refuses, and keeping the workspace directory (names in tickets, assignee choices) current.
import type { Ref } from 'vue';
import { isApiError } from '../api/client';
import { useDirectoryStore } from './directory';

interface Entity {
  id: number;
}

/**
 * Shows `patch` on the entry `id` at once, then the server's answer from `send`; when `send`
 * fails the entry goes back to what it was and the error is thrown on.
 */
export async function optimisticUpdate<T extends Entity>(
  list: Ref<T[]>,
  id: number,
  patch: Partial<T>,
  send: (before: T) => Promise<T>,
): Promise<T> {
  const index = list.value.findIndex((e) => e.id === id);
  const before = list.value[index];
  if (before === undefined) {
    throw new Error(`no entry ${id}`);
  }
  list.value.splice(index, 1, { ...before, ...patch });
  try {
    const after = await send(before);
    replace(list, after);
    return after;
  } catch (e) {
    replace(list, before);
    throw e;
  }
}

/** Takes the entry `id` out of the list at once, and puts it back where it was on failure. */
export async function optimisticRemove<T extends Entity>(
  list: Ref<T[]>,
  id: number,
  send: () => Promise<unknown>,
): Promise<void> {
  const index = list.value.findIndex((e) => e.id === id);
  const before = list.value[index];
  if (before === undefined) {
    throw new Error(`no entry ${id}`);
  }
  list.value.splice(index, 1);
  try {
    await send();
  } catch (e) {
    if (!list.value.some((x) => x.id === id)) {
      list.value.splice(Math.min(index, list.value.length), 0, before);
    }
    throw e;
  }
}

/** Puts `entity` in place of the entry with its id (or first, when it is new). */
export function replace<T extends Entity>(list: Ref<T[]>, entity: T): void {
  const index = list.value.findIndex((e) => e.id === entity.id);
  if (index === -1) {
    list.value.unshift(entity);
  } else {
    list.value.splice(index, 1, entity);
  }
}

/**
 * After an admin change to agents or groups: the directory the rest of the console reads names
 * from loads again, if it had been loaded. A failure there is not the admin's concern here.
 */
export function refreshDirectory(): void {
  const directory = useDirectoryStore();
  if (!directory.loaded) {
    return;
  }
  directory.reset();
  directory.load().catch(() => undefined);
}

/**
 * When a change was refused because someone else changed the entry first (412), loads the list
 * again in the background so the admin sees, and edits, what is true now.
 */
export function reloadIfStale(error: unknown, load: () => Promise<void>): void {
  if (isApiError(error, '/problems/precondition-failed')) {
    void load();
  }
}
