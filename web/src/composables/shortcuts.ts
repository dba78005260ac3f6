// Keyboard shortcuts of the console: screens register theirs while mounted, one listener on the
// window dispatches them, and the `?` overlay lists what is registered right now.
//
// Keys are written as in the overlay: a single key ("j", "?", "Escape"), a sequence of two
// ("g i": g, then i within a second). Shortcuts never fire while the agent types in a field,
// except Escape, which leaves the field first.
import { onBeforeUnmount, onMounted, shallowReactive } from 'vue';

export interface Shortcut {
  /** "j", "?", "Escape", or a two-key sequence "g i". */
  keys: string;
  /** Catalogue key of what it does, shown on the `?` overlay. */
  descriptionKey: string;
  /** Catalogue key of the overlay section ("shortcuts.sections.inbox"). */
  sectionKey: string;
  /** Returns `false` to leave the key alone (Enter on a focused button, say). */
  handler: (event: KeyboardEvent) => void | boolean;
}

const registry = shallowReactive(new Map<number, Shortcut>());
let nextId = 1;

/** Adds shortcuts until the returned function is called. */
export function registerShortcuts(list: readonly Shortcut[]): () => void {
  const ids = list.map((s) => {
    const id = nextId++;
    registry.set(id, s);
    return id;
  });
  return () => ids.forEach((id) => registry.delete(id));
}

/** Registers `list` while the calling component is mounted. */
export function useShortcuts(list: readonly Shortcut[]): void {
  let unregister: (() => void) | null = null;
  onMounted(() => {
    unregister = registerShortcuts(list);
  });
  onBeforeUnmount(() => unregister?.());
}

/** What is registered now, later registrations first (a screen overrides the global ones). */
export function activeShortcuts(): Shortcut[] {
  return [...registry.entries()].sort(([a], [b]) => b - a).map(([, s]) => s);
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

const SEQUENCE_MS = 1000;

/** Runs a shortcut; true when it took the key (and the browser's default action is off). */
function run(shortcut: Shortcut, event: KeyboardEvent): boolean {
  if (shortcut.handler(event) === false) {
    return false;
  }
  event.preventDefault();
  return true;
}

/**
 * Listens on `target` (the window) and dispatches registered shortcuts; returns the function
 * that stops listening. `now` is for tests.
 */
export function installShortcutListener(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  now: () => number = () => Date.now(),
): () => void {
  let pending: { key: string; at: number } | null = null;

  const onKey = (event: Event) => {
    if (!(event instanceof KeyboardEvent)) {
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) {
      return;
    }
    if (event.key !== 'Escape' && typingIn(event.target)) {
      return;
    }
    const shortcuts = activeShortcuts();
    const key = event.key;
    if (pending && now() - pending.at <= SEQUENCE_MS) {
      const sequence = `${pending.key} ${key}`;
      pending = null;
      const match = shortcuts.find((s) => s.keys === sequence);
      if (match && run(match, event)) {
        return;
      }
    }
    pending = null;
    if (shortcuts.some((s) => s.keys.startsWith(`${key} `))) {
      pending = { key, at: now() };
      event.preventDefault();
      return;
    }
    const match = shortcuts.find((s) => s.keys === key);
    if (match) {
      run(match, event);
    }
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
