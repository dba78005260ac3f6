import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { api } from './api/client';
import { createAppRouter, preloadScreens, safeRedirect } from './router';
import { FakeApi, problem } from './testing/fakeApi';
import { agent } from './testing/fixtures';

let server: FakeApi;

beforeEach(() => {
  setActivePinia(createPinia());
  api.setCsrfToken(null);
  server = new FakeApi().install();
});

describe('preloadScreens', () => {
  it('starts loading every lazy screen of the route, and leaves loaded ones alone', () => {
    const lazy = vi.fn(() => Promise.resolve({}));
    const failing = vi.fn(() => Promise.reject(new Error('offline')));
    const loaded = { name: 'Loaded' };
    preloadScreens({
      matched: [
        { components: { default: lazy } },
        { components: { default: loaded, side: failing } },
      ],
    } as never);
    expect(lazy).toHaveBeenCalledTimes(1);
    expect(failing).toHaveBeenCalledTimes(1);
  });
});

describe('auth guard', () => {
  it('sends a visitor without a session to /login, remembering where they were going', async () => {
    server.on('GET', '/api/v1/auth/me', problem(401, 'unauthenticated'));
    const router = createAppRouter(createMemoryHistory());
    await router.push('/tickets/1042');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/tickets/1042');
  });

  it('lets a signed-in agent through, and away from the sign-in page', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent(), csrf_token: 'c' });
    const router = createAppRouter(createMemoryHistory());
    await router.push('/views/pending');
    expect(router.currentRoute.value.fullPath).toBe('/views/pending');
    await router.push('/login');
    expect(router.currentRoute.value.fullPath).toBe('/views/mine');
    expect(server.callsTo('GET', '/api/v1/auth/me')).toHaveLength(1);
  });

  it('sends an agent who is not an admin from the admin area to the inbox', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ role: 'agent' }), csrf_token: 'c' });
    const router = createAppRouter(createMemoryHistory());
    await router.push('/admin/agents');
    expect(router.currentRoute.value.fullPath).toBe('/views/mine');
    await router.push('/admin');
    expect(router.currentRoute.value.fullPath).toBe('/views/mine');
    await router.push('/settings');
    expect(router.currentRoute.value.name).toBe('settings');
  });

  it('lets an admin into the admin area, starting at the agents', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin' }), csrf_token: 'c' });
    const router = createAppRouter(createMemoryHistory());
    await router.push('/admin');
    expect(router.currentRoute.value.name).toBe('admin-agents');
    await router.push('/admin/api-tokens');
    expect(router.currentRoute.value.name).toBe('admin-api-tokens');
  });

  it('follows only same-site redirects after sign-in', () => {
    expect(safeRedirect('/tickets/5')).toBe('/tickets/5');
    expect(safeRedirect('//evil.example/')).toBeNull();
    expect(safeRedirect('https://evil.example/')).toBeNull();
    expect(safeRedirect(['/a'])).toBeNull();
  });
});
