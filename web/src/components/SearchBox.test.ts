import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installShortcutListener } from '../composables/shortcuts';
import { FakeApi, json } from '../testing/fakeApi';
import { agent } from '../testing/fixtures';
import { mountScreen } from '../testing/mountScreen';
import SearchBox from './SearchBox.vue';

let server: FakeApi;
let wrapper: VueWrapper | null = null;

const SUGGESTIONS = [
  { type: 'ticket', id: 11, title: 'पार्सल नहीं मिला', detail: '#1011 · open' },
  { type: 'contact', id: 31, title: 'पारुल शर्मा', detail: 'parul@example.in' },
  { type: 'organization', id: 5, title: 'पारस ट्रेडर्स', detail: 'paras.in' },
];

/** Longer than the box's 150 ms pause. */
function pause(ms = 220): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language: 'hi' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/search/suggest', { data: SUGGESTIONS });
});

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

function suggestCalls() {
  return server.callsTo('GET', '/api/v1/search/suggest');
}

async function typeText(input: ReturnType<VueWrapper['get']>, text: string): Promise<void> {
  (input.element as HTMLInputElement).value = text;
  await input.trigger('input');
}

describe('SearchBox', { timeout: 20_000 }, () => {
  it('asks for suggestions once typing pauses, with the last text only, and cancels the older request', async () => {
    const m = await mountScreen(SearchBox, { path: '/views/mine', locale: 'hi' });
    wrapper = m.wrapper;
    const input = wrapper.get('[data-testid="search-input"]');
    expect(input.attributes('placeholder')).toBe('टिकट, ग्राहक, कंपनियाँ खोजें');
    await typeText(input, 'प');
    await typeText(input, 'पा');
    await typeText(input, 'पार');
    expect(suggestCalls()).toHaveLength(0);
    await pause();
    await flushPromises();
    expect(suggestCalls().map((c) => c.query.get('q'))).toEqual(['पार']);
    expect(suggestCalls()[0]!.query.get('limit')).toBe('8');
    const options = wrapper.findAll('[data-testid="search-suggestion"]');
    expect(options.map((o) => o.get('.suggestion-title').text())).toEqual(SUGGESTIONS.map((s) => s.title));
    expect(options[1]!.get('.suggestion-type').text()).toBe('ग्राहक');
    expect(input.attributes('aria-expanded')).toBe('true');

    // A slow answer for "पार" must not win over the one for "पारस".
    let release: (r: Response) => void = () => {};
    server.on('GET', '/api/v1/search/suggest', () => new Promise<Response>((resolve) => (release = resolve)));
    await typeText(input, 'पारु');
    await pause();
    await typeText(input, 'पारस');
    await pause();
    const fetches = server.fetch.mock.calls.filter(([u]) => String(u).includes('/search/suggest'));
    expect((fetches.at(-2)![1] as RequestInit).signal!.aborted).toBe(true);
    expect((fetches.at(-1)![1] as RequestInit).signal!.aborted).toBe(false);
    release(json(200, { data: [SUGGESTIONS[2]] }));
    await flushPromises();
    expect(wrapper.findAll('[data-testid="search-suggestion"]').map((o) => o.get('.suggestion-title').text())).toEqual([
      'पारस ट्रेडर्स',
    ]);
  });

  it('moves through suggestions with the arrows, opens one with Enter, closes with Escape', async () => {
    const m = await mountScreen(SearchBox, { path: '/views/mine', locale: 'en' });
    wrapper = m.wrapper;
    const input = wrapper.get('[data-testid="search-input"]');
    await typeText(input, 'पार');
    await pause();
    await flushPromises();
    await input.trigger('keydown', { key: 'ArrowDown' });
    await input.trigger('keydown', { key: 'ArrowDown' });
    expect(input.attributes('aria-activedescendant')).toBe('search-suggestions-1');
    expect(wrapper.findAll('[role="option"]')[1]!.attributes('aria-selected')).toBe('true');
    await input.trigger('keydown', { key: 'Escape' });
    expect(input.attributes('aria-expanded')).toBe('false');
    expect(input.attributes('aria-activedescendant')).toBeUndefined();

    await input.trigger('keydown', { key: 'ArrowUp' });
    expect(input.attributes('aria-activedescendant')).toBe('search-suggestions-2');
    await input.trigger('keydown', { key: 'ArrowUp' });
    await input.trigger('keydown', { key: 'ArrowUp' });
    await input.trigger('keydown', { key: 'Enter' });
    await vi.waitFor(() => expect(m.router.currentRoute.value.fullPath).toBe('/tickets/11'), { timeout: 10_000 });
  });

  it('opens a contact directly and an organisation as a search of its tickets', async () => {
    const m = await mountScreen(SearchBox, { path: '/views/mine', locale: 'en' });
    wrapper = m.wrapper;
    const input = wrapper.get('[data-testid="search-input"]');
    await typeText(input, 'पार');
    await pause();
    await flushPromises();
    await wrapper.findAll('[data-testid="search-suggestion"]')[1]!.trigger('click');
    await vi.waitFor(() => expect(m.router.currentRoute.value.fullPath).toBe('/contacts/31'), { timeout: 10_000 });

    await typeText(input, 'पारस');
    await pause();
    await flushPromises();
    await wrapper.findAll('[data-testid="search-suggestion"]')[2]!.trigger('click');
    await vi.waitFor(() => expect(m.router.currentRoute.value.name).toBe('search'), { timeout: 10_000 });
    expect(m.router.currentRoute.value.query).toEqual({ q: 'org:5', type: 'ticket' });
  });

  it('opens the results page with Enter when no suggestion is highlighted', async () => {
    const m = await mountScreen(SearchBox, { path: '/views/mine', locale: 'en' });
    wrapper = m.wrapper;
    const input = wrapper.get('[data-testid="search-input"]');
    await typeText(input, '  पार्सल देर  ');
    await input.trigger('keydown', { key: 'Enter' });
    await vi.waitFor(() => expect(m.router.currentRoute.value.name).toBe('search'), { timeout: 10_000 });
    expect(m.router.currentRoute.value.query).toEqual({ q: 'पार्सल देर' });
    // Enter went before the pause: no suggestion request is left to arrive.
    await pause();
    expect(suggestCalls()).toHaveLength(0);
  });

  it('does not search partial syllables while an input method composes, nor act on its Enter', async () => {
    const m = await mountScreen(SearchBox, { path: '/views/mine', locale: 'kn' });
    wrapper = m.wrapper;
    const input = wrapper.get('[data-testid="search-input"]');
    await input.trigger('compositionstart');
    await typeText(input, 'ಪ');
    await typeText(input, 'ಪಾರ್');
    await input.trigger('keydown', { key: 'Enter', isComposing: true });
    await pause();
    await flushPromises();
    expect(suggestCalls()).toHaveLength(0);
    expect(m.router.currentRoute.value.name).toBe('inbox');

    (input.element as HTMLInputElement).value = 'ಪಾರ್ಸೆಲ್';
    await input.trigger('compositionend');
    await pause();
    await flushPromises();
    expect(suggestCalls().map((c) => c.query.get('q'))).toEqual(['ಪಾರ್ಸೆಲ್']);
  });

  it('takes the focus when the agent presses / outside a field', async () => {
    const stop = installShortcutListener(window);
    try {
      const m = await mountScreen(SearchBox, { path: '/views/mine', locale: 'en' });
      wrapper = m.wrapper;
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true }));
      expect(document.activeElement).toBe(wrapper.get('[data-testid="search-input"]').element);
    } finally {
      stop();
    }
  });
});
