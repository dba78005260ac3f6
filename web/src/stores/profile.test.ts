import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api/client';
import { currentLanguage, preferredLanguage, setLanguage } from '../i18n';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { agent } from '../testing/fixtures';
import { useProfileStore } from './profile';
import { useSessionStore } from './session';

let server: FakeApi;

beforeEach(async () => {
  setActivePinia(createPinia());
  localStorage.clear();
  setLanguage('en');
  api.setCsrfToken(null);
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 7, language: 'en' }), csrf_token: 'c1' });
  await useSessionStore().restore();
});

describe('profile store', () => {
  it('saves name, language and time zone and shows the new language at once', async () => {
    server.on('PATCH', '/api/v1/auth/me', (call) =>
      json(200, { agent: agent({ id: 7, ...(call.body as object) }), csrf_token: 'c2' }),
    );
    const profile = useProfileStore();
    await profile.save({ name: 'ಮೀರಾ ರಾವ್', language: 'kn', time_zone: 'Asia/Kolkata' });
    const call = server.callsTo('PATCH', '/api/v1/auth/me')[0]!;
    expect(call.headers.get('X-CSRF-Token')).toBe('c1');
    const session = useSessionStore();
    expect(session.me!.name).toBe('ಮೀರಾ ರಾವ್');
    expect(session.csrf).toBe('c2');
    expect(api.getCsrfToken()).toBe('c2');
    expect(currentLanguage()).toBe('kn');
    // The saved language also replaces an older switcher choice in this browser.
    expect(preferredLanguage(session.me!)).toBe('kn');
  });

  it('keeps a switcher choice locally when the server cannot store it', async () => {
    server.on('PATCH', '/api/v1/auth/me', problem(405, 'method-not-allowed'));
    const profile = useProfileStore();
    setLanguage('hi', 7);
    await profile.rememberLanguage('hi');
    expect(server.callsTo('PATCH', '/api/v1/auth/me')[0]!.body).toEqual({ language: 'hi' });
    expect(currentLanguage()).toBe('hi');
    expect(localStorage.getItem('sahayak.locale.7')).toBe('hi');
    expect(useSessionStore().me!.language).toBe('en');
  });

  it('adopts the stored language, so a new device starts in it', async () => {
    server.on('PATCH', '/api/v1/auth/me', (call) =>
      json(200, { agent: agent({ id: 7, ...(call.body as object) }), csrf_token: 'c1' }),
    );
    const profile = useProfileStore();
    setLanguage('kn', 7);
    await profile.rememberLanguage('kn');
    expect(useSessionStore().me!.language).toBe('kn');
    localStorage.clear();
    expect(preferredLanguage(useSessionStore().me!)).toBe('kn');
  });

  it('changes the password; a wrong current one is refused naming the field', async () => {
    server.on('POST', '/api/v1/auth/password', problem(422, 'validation', 'wrong', [{ field: 'current_password', message: 'is wrong' }]));
    const profile = useProfileStore();
    await expect(profile.changePassword('nope', 'a brand new one')).rejects.toMatchObject({ status: 422 });
    expect(server.callsTo('POST', '/api/v1/auth/password')[0]!.body).toEqual({
      current_password: 'nope',
      new_password: 'a brand new one',
    });
    server.on('POST', '/api/v1/auth/password', json(204, null));
    await expect(profile.changePassword('right one', 'a brand new one')).resolves.toBeUndefined();
  });
});
