import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api/client';
import { currentLanguage, i18n, setLanguage } from '../i18n';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { agent, ticket } from '../testing/fixtures';
import { useInboxStore } from './inbox';
import { savedView } from '../screens/inbox/savedViewFixture';
import { useSessionStore } from './session';
import { useViewsStore } from './views';

let server: FakeApi;

beforeEach(() => {
  setActivePinia(createPinia());
  server = new FakeApi().install();
  api.setCsrfToken(null);
  localStorage.clear();
  setLanguage('en', null, i18n);
});

describe('session store', () => {
  it('restores the session from GET /auth/me and takes the agent language as locale', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ language: 'kn' }), csrf_token: 'c1' });
    const session = useSessionStore();
    await session.restore();
    expect(session.signedIn).toBe(true);
    expect(session.me?.name).toBe('Meera Rao');
    expect(session.csrf).toBe('c1');
    expect(api.getCsrfToken()).toBe('c1');
    expect(currentLanguage()).toBe('kn');
    expect(document.documentElement.lang).toBe('kn');
  });

  it('asks the server only once however many routes wait for it', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent(), csrf_token: 'c1' });
    const session = useSessionStore();
    await Promise.all([session.restore(), session.restore()]);
    await session.restore();
    expect(server.callsTo('GET', '/api/v1/auth/me')).toHaveLength(1);
  });

  it('is signed out when /auth/me answers 401', async () => {
    server.on('GET', '/api/v1/auth/me', problem(401, 'unauthenticated'));
    const session = useSessionStore();
    await session.restore();
    expect(session.restored).toBe(true);
    expect(session.signedIn).toBe(false);
    expect(api.getCsrfToken()).toBeNull();
  });

  it('prefers the language this agent picked with the switcher in this browser', async () => {
    setLanguage('hi', 7);
    setLanguage('en', 8);
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 7, language: 'kn' }), csrf_token: 'c1' });
    await useSessionStore().restore();
    expect(currentLanguage()).toBe('hi');
  });

  it('does not let another agent’s choice on a shared computer override the agent’s language', async () => {
    setLanguage('hi', 99);
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 7, language: 'kn' }), csrf_token: 'c1' });
    await useSessionStore().restore();
    expect(currentLanguage()).toBe('kn');
  });

  it('signs in with remember me and keeps the CSRF token for later writes', async () => {
    server.on('POST', '/api/v1/auth/login', { agent: agent({ language: 'hi' }), csrf_token: 'c2' });
    const session = useSessionStore();
    await session.login('meera@example.in', 'pw', true);
    expect(server.calls[0]!.body).toEqual({ email: 'meera@example.in', password: 'pw', remember_me: true });
    expect(session.me?.id).toBe(7);
    expect(api.getCsrfToken()).toBe('c2');
    expect(currentLanguage()).toBe('hi');
  });

  it('passes a wrong password on as /problems/invalid-credentials and stays signed out', async () => {
    server.on('POST', '/api/v1/auth/login', problem(401, 'invalid-credentials'));
    const session = useSessionStore();
    await expect(session.login('a@b.in', 'no', false)).rejects.toMatchObject({
      type: '/problems/invalid-credentials',
    });
    expect(session.signedIn).toBe(false);
  });

  it('signs out with the CSRF token and forgets what was loaded', async () => {
    server.on('POST', '/api/v1/auth/login', { agent: agent(), csrf_token: 'c3' });
    server.on('POST', '/api/v1/auth/logout', json(204, null));
    server.on('GET', '/api/v1/tickets', { data: [ticket()], next_cursor: null });
    const session = useSessionStore();
    await session.login('meera@example.in', 'pw', false);
    const inbox = useInboxStore();
    await inbox.openView('mine');
    expect(inbox.tickets).toHaveLength(1);

    await session.logout();
    expect(server.callsTo('POST', '/api/v1/auth/logout')[0]!.headers.get('X-CSRF-Token')).toBe('c3');
    expect(session.signedIn).toBe(false);
    expect(api.getCsrfToken()).toBeNull();
    expect(inbox.tickets).toEqual([]);
  });

  it('does not show one agent’s saved views to the next agent signing in on the same page', async () => {
    server.on('POST', '/api/v1/auth/login', { agent: agent(), csrf_token: 'c4' });
    server.on('POST', '/api/v1/auth/logout', json(204, null));
    server.on('GET', '/api/v1/views', { data: [savedView({ name: 'Meera’s escalations' })], next_cursor: null });
    const session = useSessionStore();
    await session.login('meera@example.in', 'pw', false);
    const views = useViewsStore();
    await views.load();
    expect(views.sorted.map((v) => v.name)).toEqual(['Meera’s escalations']);

    await session.logout();
    expect(views.sorted).toEqual([]);
    server.on('GET', '/api/v1/views', { data: [], next_cursor: null });
    await session.login('deepak@example.in', 'pw', false);
    await views.load();
    expect(views.sorted).toEqual([]);
    expect(server.callsTo('GET', '/api/v1/views')).toHaveLength(2);
  });

  it('counts a sign-out of an already ended session as signed out', async () => {
    server.on('POST', '/api/v1/auth/logout', problem(401, 'unauthenticated'));
    const session = useSessionStore();
    await session.logout();
    expect(session.signedIn).toBe(false);
  });
});
