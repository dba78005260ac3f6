// What a key does in the header's search box with its list of suggestions: ↑/↓ move through
// the list (wrapping through the text itself), Enter opens the highlighted suggestion or the
// results page, Escape closes the list. Nothing happens while an input method is composing
// (Hindi and Kannada keyboards): Enter then confirms the composition, not the search.

export type BoxAction =
  | { kind: 'none' }
  | { kind: 'move'; index: number }
  | { kind: 'open'; index: number }
  | { kind: 'submit' }
  | { kind: 'close' };

export interface BoxState {
  /** How many suggestions are listed. */
  count: number;
  /** The highlighted one; -1 when the text itself is. */
  active: number;
  /** The list is showing. */
  open: boolean;
  /** An IME composition is in progress (isComposing, or keyCode 229 from older engines). */
  composing: boolean;
}

export function boxKey(key: string, s: BoxState): BoxAction {
  if (s.composing) {
    return { kind: 'none' };
  }
  switch (key) {
    case 'ArrowDown':
      if (s.count === 0) return { kind: 'none' };
      if (!s.open) return { kind: 'move', index: 0 };
      return { kind: 'move', index: s.active + 1 >= s.count ? -1 : s.active + 1 };
    case 'ArrowUp':
      if (s.count === 0) return { kind: 'none' };
      if (!s.open) return { kind: 'move', index: s.count - 1 };
      return { kind: 'move', index: s.active <= -1 ? s.count - 1 : s.active - 1 };
    case 'Enter':
      return s.open && s.active >= 0 && s.active < s.count ? { kind: 'open', index: s.active } : { kind: 'submit' };
    case 'Escape':
      return s.open ? { kind: 'close' } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

/** True while `event` belongs to an IME composition. */
export function isComposingEvent(event: KeyboardEvent, composing: boolean): boolean {
  return composing || event.isComposing || event.keyCode === 229;
}
