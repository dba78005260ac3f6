// The workspace screen's "Help centre and portal address" field.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import WorkspaceAdmin from './WorkspaceAdmin.vue';

let server: FakeApi;
const WS = { id: 1, name: 'Sahayak Couriers', default_language: 'en', time_zone: 'Asia/Kolkata', public_host: '' };

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, name: 'Asha Admin', role: 'admin' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/workspace', WS);
});

describe('WorkspaceAdmin public address', () => {
  it('labels the field with its example and saves the address alone', async () => {
    server.on('PATCH', '/api/v1/workspace', (call) => json(200, { ...WS, ...(call.body as object) }));
    const { wrapper } = await mountScreen(WorkspaceAdmin, { path: '/admin/workspace', locale: 'en' });
    expect(wrapper.get('label[for="ws-host"]').text()).toBe('Help centre and portal address');
    expect(wrapper.get('#ws-host-hint').text()).toContain('e.g. help.acme-courier.in; leave empty for the default');
    expect(wrapper.get('#ws-host').attributes('aria-describedby')).toBe('ws-host-hint');
    await wrapper.get('#ws-host').setValue('  help.acme-courier.in ');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('PATCH', '/api/v1/workspace')[0]!.body).toEqual({ public_host: 'help.acme-courier.in' });
    expect(wrapper.get('[role="status"]').text()).toBe('Workspace settings saved.');
    expect((wrapper.get('#ws-host').element as HTMLInputElement).value).toBe('help.acme-courier.in');
    wrapper.unmount();
  }, 30_000);

  it('shows a bad address as a field error in Hindi', async () => {
    server.on('PATCH', '/api/v1/workspace',
      problem(422, 'validation', 'invalid input', [{ field: 'public_host', message: 'must be a host name only, without a port' }]));
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language: 'hi' }), csrf_token: 'c' });
    const { wrapper } = await mountScreen(WorkspaceAdmin, { path: '/admin/workspace', locale: 'hi' });
    expect(wrapper.get('label[for="ws-host"]').text()).toBe('सहायता केंद्र और पोर्टल का पता');
    await wrapper.get('#ws-host').setValue('help.acme.in:8080');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const error = wrapper.get('#ws-host-error');
    expect(error.text()).toContain('केवल होस्ट नाम लिखें');
    expect(wrapper.get('#ws-host').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#ws-host').attributes('aria-describedby')).toBe('ws-host-hint ws-host-error');
    wrapper.unmount();
  }, 30_000);

  it('says when another workspace already has the address (Kannada)', async () => {
    server.on('PATCH', '/api/v1/workspace',
      problem(409, 'already-exists', 'another workspace already uses the host help.b.in', [
        { field: 'public_host', message: 'is used by another workspace' },
      ]));
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language: 'kn' }), csrf_token: 'c' });
    const { wrapper } = await mountScreen(WorkspaceAdmin, { path: '/admin/workspace', locale: 'kn' });
    await wrapper.get('#ws-host').setValue('help.b.in');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#ws-host-error').text()).toBe('ಈ ವಿಳಾಸವನ್ನು ಈಗಾಗಲೇ ಇನ್ನೊಂದು ವರ್ಕ್‌ಸ್ಪೇಸ್ ಬಳಸುತ್ತಿದೆ.');
    expect(wrapper.get('[role="alert"]').text()).toBe('ಈ ವಿಳಾಸವನ್ನು ಈಗಾಗಲೇ ಇನ್ನೊಂದು ವರ್ಕ್‌ಸ್ಪೇಸ್ ಬಳಸುತ್ತಿದೆ.');
    wrapper.unmount();
  }, 30_000);
});
