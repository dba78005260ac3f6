import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { currentLanguage } from '../i18n';
import { FakeApi, json } from '../testing/fakeApi';
import { agent } from '../testing/fixtures';
import { mountScreen } from '../testing/mountScreen';
import AppHeader from './AppHeader.vue';

let server: FakeApi;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 7, language: 'en' }), csrf_token: 'c9' });
  server.on('POST', '/api/v1/auth/logout', json(204, null));
});

describe('AppHeader', () => {
  it('switches the language at once and keeps the choice for this agent', async () => {
    const { wrapper } = await mountScreen(AppHeader, { path: '/views/mine', locale: 'en' });
    expect(wrapper.get('button').text()).toBe('Sign out');
    const options = wrapper.findAll('select option').map((o) => o.text());
    expect(options).toEqual(['English', 'हिन्दी', 'ಕನ್ನಡ']);

    await wrapper.get('select').setValue('kn');
    expect(currentLanguage()).toBe('kn');
    expect(document.documentElement.lang).toBe('kn');
    expect(wrapper.get('button').text()).toBe('ಸೈನ್ ಔಟ್ ಮಾಡಿ');
    expect(localStorage.getItem('sahayak.locale.7')).toBe('kn');
    wrapper.unmount();
  });

  it('signs out with the CSRF token and goes to the sign-in page', async () => {
    const { wrapper, router } = await mountScreen(AppHeader, { path: '/views/mine', locale: 'en' });
    await wrapper.get('button').trigger('click');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/auth/logout')[0]!.headers.get('X-CSRF-Token')).toBe('c9');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
    wrapper.unmount();
  });
});
