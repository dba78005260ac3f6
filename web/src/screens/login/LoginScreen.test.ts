import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { catalogues } from '../../i18n';
import { FakeApi, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import LoginScreen from './LoginScreen.vue';

let server: FakeApi;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', problem(401, 'unauthenticated'));
});

async function fillAndSubmit(wrapper: Awaited<ReturnType<typeof mountScreen>>['wrapper']) {
  await wrapper.get('#login-email').setValue('meera@example.in');
  await wrapper.get('#login-password').setValue('wrong');
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

describe('LoginScreen', () => {
  it('renders in English', async () => {
    const { wrapper } = await mountScreen(LoginScreen, { path: '/login', locale: 'en' });
    expect(wrapper.get('h1').text()).toBe('Sign in to the agent console');
    expect(wrapper.get('label[for=login-email]').text()).toBe('Email');
    expect(wrapper.get('label[for=login-remember]').text()).toBe('Remember me');
    expect(wrapper.get('button[type=submit]').text()).toBe('Sign in');
    wrapper.unmount();
  });

  it('renders in Kannada', async () => {
    const { wrapper } = await mountScreen(LoginScreen, { path: '/login', locale: 'kn' });
    expect(wrapper.get('h1').text()).toBe(catalogues.kn.login.heading);
    expect(wrapper.get('label[for=login-password]').text()).toBe('ಪಾಸ್‌ವರ್ಡ್');
    expect(wrapper.get('button[type=submit]').text()).toBe('ಸೈನ್ ಇನ್ ಮಾಡಿ');
    wrapper.unmount();
  });

  it('says clearly when the password is wrong, and empties the password field', async () => {
    server.on('POST', '/api/v1/auth/login', problem(401, 'invalid-credentials'));
    const { wrapper } = await mountScreen(LoginScreen, { path: '/login', locale: 'en' });
    await fillAndSubmit(wrapper);
    expect(wrapper.get('[role=alert]').text()).toBe('The email or password is wrong.');
    expect((wrapper.get('#login-password').element as HTMLInputElement).value).toBe('');
    expect(document.activeElement?.id).toBe('login-password');
    wrapper.unmount();
  });

  it('says when the account is locked, in Kannada, with the minutes from Retry-After', async () => {
    server.on(
      'POST',
      '/api/v1/auth/login',
      problem(423, 'account-locked', 'locked', [], { 'Retry-After': '600' }),
    );
    const { wrapper } = await mountScreen(LoginScreen, { path: '/login', locale: 'kn' });
    await fillAndSubmit(wrapper);
    const text = wrapper.get('[role=alert]').text();
    expect(text).toContain('ಲಾಕ್ ಮಾಡಲಾಗಿದೆ');
    expect(text).toContain('10 ನಿಮಿಷಗಳ');
    wrapper.unmount();
  });

  it('says the account is locked for 15 minutes when the server gives no Retry-After', async () => {
    server.on('POST', '/api/v1/auth/login', problem(423, 'account-locked'));
    const { wrapper } = await mountScreen(LoginScreen, { path: '/login', locale: 'en' });
    await fillAndSubmit(wrapper);
    expect(wrapper.get('[role=alert]').text()).toBe(catalogues.en.login.errors.locked);
    wrapper.unmount();
  });

  it('signs in with remember me and goes where the agent was going', async () => {
    server.on('POST', '/api/v1/auth/login', { agent: agent(), csrf_token: 'c' });
    const { wrapper, router } = await mountScreen(LoginScreen, {
      path: '/login?redirect=/tickets/1042',
      locale: 'en',
    });
    await wrapper.get('#login-email').setValue(' meera@example.in ');
    await wrapper.get('#login-password').setValue('right');
    await wrapper.get('#login-remember').setValue(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/auth/login')[0]!.body).toEqual({
      email: 'meera@example.in',
      password: 'right',
      remember_me: true,
    });
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/tickets/1042'));
    wrapper.unmount();
  });

  it('asks for both fields before calling the server', async () => {
    const { wrapper } = await mountScreen(LoginScreen, { path: '/login', locale: 'en' });
    await wrapper.get('form').trigger('submit');
    expect(wrapper.get('[role=alert]').text()).toBe(catalogues.en.login.errors.missing);
    expect(server.callsTo('POST', '/api/v1/auth/login')).toHaveLength(0);
    wrapper.unmount();
  });
});
