import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { currentLanguage } from '../i18n';
import { useChatStore } from '../stores/chat';
import { useSessionStore } from '../stores/session';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { ev, FakeChatSockets, msg, SYSTEM, T0 } from '../testing/fakeChatSocket';
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
  it('links the Chat screen, counts the chats offered to the agent, and closes the socket on sign-out', async () => {
    const sockets = new FakeChatSockets().install();
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 7, language: 'hi' }), csrf_token: 'c9' });
    const { wrapper, router } = await mountScreen(AppHeader, { path: '/views/mine', locale: 'hi' });
    expect(wrapper.get('[data-testid="chat-link"]').text()).toBe('चैट');
    const chat = useChatStore();
    chat.start();
    const ws = sockets.connect();
    ws.receive(msg(1, 'नमस्ते'));
    ws.receive(ev(2, { kind: 'offered', author: SYSTEM, agent: { id: 7, name: 'Meera Rao' }, expires_at: Date.now() + 30_000, at: T0 }));
    await flushPromises();
    expect(wrapper.get('[data-testid="chat-offers-badge"]').text()).toContain('आपको 1 चैट ऑफ़र की गई हैं');
    await wrapper.get('[data-testid="sign-out"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
    expect(ws.closedByClient).toBe(true);
    expect(chat.connection).toBe('idle');
    expect(wrapper.find('[data-testid="chat-offers-badge"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('switches the language at once and keeps the choice for this agent, here and on the server', async () => {
    server.on('PATCH', '/api/v1/auth/me', (call) =>
      json(200, { agent: agent({ id: 7, ...(call.body as object) }), csrf_token: 'c9' }),
    );
    const { wrapper } = await mountScreen(AppHeader, { path: '/views/mine', locale: 'en' });
    expect(wrapper.get('[data-testid="sign-out"]').text()).toBe('Sign out');
    const options = wrapper.findAll('[data-testid="language-switcher"] option').map((o) => o.text());
    expect(options).toEqual(['English', 'हिन्दी', 'ಕನ್ನಡ']);

    await wrapper.get('[data-testid="language-switcher"]').setValue('kn');
    expect(currentLanguage()).toBe('kn');
    expect(document.documentElement.lang).toBe('kn');
    expect(wrapper.get('[data-testid="sign-out"]').text()).toBe('ಸೈನ್ ಔಟ್ ಮಾಡಿ');
    expect(localStorage.getItem('sahayak.locale.7')).toBe('kn');
    await flushPromises();
    const patch = server.callsTo('PATCH', '/api/v1/auth/me')[0]!;
    expect(patch.body).toEqual({ language: 'kn' });
    expect(patch.headers.get('X-CSRF-Token')).toBe('c9');
    expect(useSessionStore().me!.language).toBe('kn');
    wrapper.unmount();
  });

  it('keeps the local choice quietly when the server does not take it', async () => {
    server.on('PATCH', '/api/v1/auth/me', problem(404, 'not-found'));
    const { wrapper } = await mountScreen(AppHeader, { path: '/views/mine', locale: 'en' });
    await wrapper.get('[data-testid="language-switcher"]').setValue('hi');
    await flushPromises();
    expect(currentLanguage()).toBe('hi');
    expect(localStorage.getItem('sahayak.locale.7')).toBe('hi');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('links to own settings for everyone and to administration only for admins', async () => {
    const { wrapper } = await mountScreen(AppHeader, { path: '/views/mine', locale: 'en' });
    expect(wrapper.get('[data-testid="settings-link"]').attributes('href')).toBe('/settings');
    expect(wrapper.find('[data-testid="admin-link"]').exists()).toBe(false);
    wrapper.unmount();

    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin' }), csrf_token: 'c9' });
    const admin = await mountScreen(AppHeader, { path: '/views/mine', locale: 'en' });
    expect(admin.wrapper.get('[data-testid="admin-link"]').attributes('href')).toBe('/admin');
    expect(admin.wrapper.get('[data-testid="admin-link"]').text()).toBe('Administration');
    admin.wrapper.unmount();
  });

  it('folds into a menu button that opens and closes with Escape', async () => {
    const { wrapper } = await mountScreen(AppHeader, { path: '/views/mine', locale: 'en' });
    const toggle = wrapper.get('.menu-toggle');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(toggle.attributes('aria-controls')).toBe('header-menu');
    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(wrapper.get('#header-menu').classes()).toContain('open');
    await wrapper.get('#header-menu').trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle.element);
    wrapper.unmount();
  });

  it('signs out with the CSRF token and goes to the sign-in page', async () => {
    const { wrapper, router } = await mountScreen(AppHeader, { path: '/views/mine', locale: 'en' });
    await wrapper.get('[data-testid="sign-out"]').trigger('click');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/auth/logout')[0]!.headers.get('X-CSRF-Token')).toBe('c9');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
    wrapper.unmount();
  });
});
