import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { registerShortcuts } from '../composables/shortcuts';
import { i18n, setLanguage } from '../i18n';
import ShortcutsOverlay, { closeShortcutsOverlay, openShortcutsOverlay } from './ShortcutsOverlay.vue';

const noop = () => {};

describe('ShortcutsOverlay', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    cleanups.splice(0).forEach((f) => f());
    closeShortcutsOverlay();
    setLanguage('en');
  });

  function mountOverlay() {
    const wrapper = mount(ShortcutsOverlay, { global: { plugins: [i18n] }, attachTo: document.body });
    cleanups.push(() => wrapper.unmount());
    return wrapper;
  }

  it('lists what is registered by section, each key once, and Escape closes it', async () => {
    cleanups.push(
      registerShortcuts([
        { keys: '?', descriptionKey: 'shortcuts.global.help', sectionKey: 'shortcuts.sections.global', handler: noop },
        { keys: 'g i', descriptionKey: 'shortcuts.global.inbox', sectionKey: 'shortcuts.sections.global', handler: noop },
      ]),
      registerShortcuts([
        { keys: 'j', descriptionKey: 'shortcuts.inbox.next', sectionKey: 'shortcuts.sections.inbox', handler: noop },
        { keys: 'x', descriptionKey: 'shortcuts.inbox.select', sectionKey: 'shortcuts.sections.inbox', handler: noop },
      ]),
    );
    const opener = document.createElement('button');
    document.body.appendChild(opener);
    opener.focus();
    const wrapper = mountOverlay();
    expect(wrapper.find('[role=dialog]').exists()).toBe(false);

    openShortcutsOverlay();
    await flushPromises();
    const dialog = wrapper.get('[role=dialog]');
    expect(dialog.attributes('aria-modal')).toBe('true');
    expect(dialog.get('#shortcuts-title').text()).toBe('Keyboard shortcuts');
    expect(wrapper.findAll('h3').map((h) => h.text())).toEqual(['Inbox', 'Everywhere']);
    const rows = wrapper.findAll('.shortcut').map((r) => [r.get('dt').text(), r.get('dd').text()]);
    expect(rows).toEqual([
      ['j', 'Next ticket'],
      ['x', 'Select or unselect the ticket'],
      ['?', 'Show keyboard shortcuts'],
      ['g then i', 'Go to the inbox (my open tickets)'],
    ]);
    expect(document.activeElement?.textContent?.trim()).toBe('Close');

    await dialog.trigger('keydown', { key: 'Escape' });
    expect(wrapper.find('[role=dialog]').exists()).toBe(false);
    await flushPromises();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });

  it('speaks the agent’s language and keeps Tab inside', async () => {
    setLanguage('hi');
    cleanups.push(
      registerShortcuts([
        { keys: 'j', descriptionKey: 'shortcuts.inbox.next', sectionKey: 'shortcuts.sections.inbox', handler: noop },
      ]),
    );
    const wrapper = mountOverlay();
    openShortcutsOverlay();
    await flushPromises();
    expect(wrapper.get('#shortcuts-title').text()).toBe('कीबोर्ड शॉर्टकट');
    expect(wrapper.get('dd').text()).toBe('अगला टिकट');
    const close = wrapper.get('button');
    await close.trigger('keydown', { key: 'Tab' });
    expect(document.activeElement).toBe(close.element);
    await close.trigger('click');
    expect(wrapper.find('[role=dialog]').exists()).toBe(false);
  });
});
