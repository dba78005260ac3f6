import { describe, expect, it } from 'vitest';
import { boxKey, isComposingEvent } from './searchBoxKeys';

const base = { count: 3, active: -1, open: true, composing: false };

describe('search box keys', () => {
  it('moves down through the suggestions and back to the text', () => {
    expect(boxKey('ArrowDown', base)).toEqual({ kind: 'move', index: 0 });
    expect(boxKey('ArrowDown', { ...base, active: 1 })).toEqual({ kind: 'move', index: 2 });
    expect(boxKey('ArrowDown', { ...base, active: 2 })).toEqual({ kind: 'move', index: -1 });
  });

  it('moves up from the text to the last suggestion', () => {
    expect(boxKey('ArrowUp', base)).toEqual({ kind: 'move', index: 2 });
    expect(boxKey('ArrowUp', { ...base, active: 0 })).toEqual({ kind: 'move', index: -1 });
    expect(boxKey('ArrowUp', { ...base, open: false })).toEqual({ kind: 'move', index: 2 });
  });

  it('opens the highlighted suggestion on Enter, else the results page', () => {
    expect(boxKey('Enter', { ...base, active: 1 })).toEqual({ kind: 'open', index: 1 });
    expect(boxKey('Enter', base)).toEqual({ kind: 'submit' });
    // A highlight left from a list that is closed now does not open anything.
    expect(boxKey('Enter', { ...base, active: 1, open: false })).toEqual({ kind: 'submit' });
  });

  it('closes the list on Escape and ignores arrows without suggestions', () => {
    expect(boxKey('Escape', base)).toEqual({ kind: 'close' });
    expect(boxKey('Escape', { ...base, open: false })).toEqual({ kind: 'none' });
    expect(boxKey('ArrowDown', { ...base, count: 0 })).toEqual({ kind: 'none' });
  });

  it('leaves every key to the input method while it composes', () => {
    for (const key of ['Enter', 'ArrowDown', 'Escape']) {
      expect(boxKey(key, { ...base, active: 0, composing: true })).toEqual({ kind: 'none' });
    }
    expect(isComposingEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true }), false)).toBe(true);
    expect(isComposingEvent(new KeyboardEvent('keydown', { key: 'Process', keyCode: 229 }), false)).toBe(true);
    expect(isComposingEvent(new KeyboardEvent('keydown', { key: 'Enter' }), false)).toBe(false);
    expect(isComposingEvent(new KeyboardEvent('keydown', { key: 'Enter' }), true)).toBe(true);
  });
});
