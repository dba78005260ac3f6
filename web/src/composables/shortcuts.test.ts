import { afterEach, describe, expect, it, vi } from 'vitest';
import { activeShortcuts, installShortcutListener, registerShortcuts } from './shortcuts';

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = window) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

describe('shortcuts', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it('runs a single-key shortcut and not while typing in a field', () => {
    const handler = vi.fn();
    cleanups.push(registerShortcuts([{ keys: 'j', descriptionKey: 'd', sectionKey: 's', handler }]));
    cleanups.push(installShortcutListener(window));
    expect(press('j').defaultPrevented).toBe(true);
    expect(handler).toHaveBeenCalledTimes(1);
    const input = document.createElement('input');
    document.body.appendChild(input);
    press('j', {}, input);
    press('j', { ctrlKey: true });
    expect(handler).toHaveBeenCalledTimes(1);
    input.remove();
  });

  it('runs a two-key sequence within a second only', () => {
    let t = 0;
    const handler = vi.fn();
    cleanups.push(registerShortcuts([{ keys: 'g i', descriptionKey: 'd', sectionKey: 's', handler }]));
    cleanups.push(installShortcutListener(window, () => t));
    press('g');
    t = 500;
    press('i');
    expect(handler).toHaveBeenCalledTimes(1);
    press('g');
    t = 2000;
    press('i');
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('leaves a key alone when the handler declines it', () => {
    cleanups.push(
      registerShortcuts([{ keys: 'Enter', descriptionKey: 'd', sectionKey: 's', handler: () => false }]),
    );
    cleanups.push(installShortcutListener(window));
    expect(press('Enter').defaultPrevented).toBe(false);
  });

  it('unregisters, and lists the latest registration first', () => {
    const a = registerShortcuts([{ keys: 'a', descriptionKey: 'first', sectionKey: 's', handler: () => {} }]);
    const b = registerShortcuts([{ keys: 'a', descriptionKey: 'second', sectionKey: 's', handler: () => {} }]);
    expect(activeShortcuts().map((s) => s.descriptionKey)).toEqual(['second', 'first']);
    b();
    expect(activeShortcuts().map((s) => s.descriptionKey)).toEqual(['first']);
    a();
    expect(activeShortcuts()).toEqual([]);
  });
});
