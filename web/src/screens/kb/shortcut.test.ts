// `g k` goes to the knowledge base from any screen, and the ? overlay lists it.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../App.vue';
import { activeShortcuts } from '../../composables/shortcuts';
import { i18n } from '../../i18n';
import { FakeApi } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { kbCategory } from './testData';

beforeEach(() => {
  const server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language: 'kn' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/kb/categories', { items: [kbCategory()] });
  server.on('GET', '/api/v1/kb/articles', { items: [], next_cursor: null });
});

describe('g k', () => {
  it('opens the knowledge base and is listed among the shortcuts', async () => {
    const { wrapper, router } = await mountScreen(App, { path: '/settings', locale: 'kn' });
    const listed = activeShortcuts().find((s) => s.keys === 'g k');
    expect(listed && i18n.global.t(listed.descriptionKey)).toBe('ಜ್ಞಾನ ಭಂಡಾರಕ್ಕೆ ಹೋಗಿ');
    expect(wrapper.get('[data-testid="kb-link"]').text()).toBe('ಜ್ಞಾನ ಭಂಡಾರ');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'g' }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k' }));
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('kb'), { timeout: 5000 });
    await flushPromises();
    wrapper.unmount();
  });
});
