import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { currentLanguage } from '../../i18n';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import SettingsScreen from './SettingsScreen.vue';

let server: FakeApi;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', {
    agent: agent({ id: 7, name: 'Meera Rao', language: 'en', time_zone: 'Asia/Kolkata' }),
    csrf_token: 'c',
  });
});

describe('SettingsScreen', () => {
  it('saves name and language, and the console switches to the language at once', async () => {
    server.on('PATCH', '/api/v1/auth/me', (call) =>
      json(200, { agent: agent({ id: 7, name: 'Meera Rao', time_zone: 'Asia/Kolkata', ...(call.body as object) }), csrf_token: 'c' }),
    );
    const { wrapper } = await mountScreen(SettingsScreen, { path: '/settings', locale: 'en' });
    expect((wrapper.get('#me-name').element as HTMLInputElement).value).toBe('Meera Rao');
    expect(wrapper.get('[data-testid="settings-save"]').attributes('disabled')).toBeDefined();
    await wrapper.get('#me-name').setValue('मीरा राव');
    await wrapper.get('#me-language').setValue('hi');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('PATCH', '/api/v1/auth/me')[0]!.body).toEqual({ name: 'मीरा राव', language: 'hi' });
    expect(currentLanguage()).toBe('hi');
    expect(wrapper.get('h1').text()).toBe('मेरी सेटिंग्स');
    expect(wrapper.get('[role="status"]').text()).toBe('आपकी सेटिंग्स सेव हो गईं।');
    wrapper.unmount();
  });

  it('says beside the field when the current password is wrong, and that other sessions end', async () => {
    server.on('POST', '/api/v1/auth/password', problem(422, 'validation', 'wrong password', [{ field: 'current_password', message: 'is wrong' }]));
    const { wrapper } = await mountScreen(SettingsScreen, { path: '/settings', locale: 'en' });
    const form = wrapper.findAll('form')[1]!;
    expect(form.text()).toContain('your other sessions are signed out');
    await wrapper.get('#pw-current').setValue('not it');
    await wrapper.get('#pw-new').setValue('a new passphrase');
    await wrapper.get('#pw-again').setValue('a new passphrase');
    await form.trigger('submit');
    await flushPromises();
    expect(wrapper.get('#pw-current').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#pw-current-error').text()).toBe('Your current password is not right.');

    server.on('POST', '/api/v1/auth/password', json(204, null));
    await wrapper.get('#pw-current').setValue('the right one');
    await form.trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/auth/password')[1]!.body).toEqual({
      current_password: 'the right one',
      new_password: 'a new passphrase',
    });
    expect(form.get('[role="status"]').text()).toBe('Your password was changed. Your other sessions were signed out.');
    expect((wrapper.get('#pw-current').element as HTMLInputElement).value).toBe('');
    wrapper.unmount();
  });

  it('checks that the two new passwords match before sending', async () => {
    const { wrapper } = await mountScreen(SettingsScreen, { path: '/settings', locale: 'en' });
    await wrapper.get('#pw-current').setValue('old one');
    await wrapper.get('#pw-new').setValue('a new passphrase');
    await wrapper.get('#pw-again').setValue('another passphrase');
    await wrapper.findAll('form')[1]!.trigger('submit');
    await flushPromises();
    expect(wrapper.get('#pw-again-error').text()).toBe('The two new passwords are not the same.');
    expect(server.callsTo('POST', '/api/v1/auth/password')).toHaveLength(0);
    wrapper.unmount();
  });
});
