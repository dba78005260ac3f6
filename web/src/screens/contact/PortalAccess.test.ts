// The customer-portal card of a contact's page: portal access saved through PATCH with the
// contact's version, and the sign-in link sent, or the server's reason it was not.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import ContactScreen from './ContactScreen.vue';
import { contact, organisation } from './testData';

let server: FakeApi;

function serve(language: Language, over: Parameters<typeof contact>[0] = {}) {
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'csrf-t' });
  server.on('GET', '/api/v1/contacts/31', contact({ ticket_access: 'own', ...over }));
}

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/agents', { data: [agent()], next_cursor: null });
  server.on('GET', '/api/v1/groups', { data: [group()], next_cursor: null });
  server.on('GET', '/api/v1/contacts/31/tickets', { data: [], next_cursor: null });
  server.on('GET', '/api/v1/organisations/3', organisation());
  serve('en');
});

describe('Contact portal access', () => {
  it('changes what the contact sees in the portal, with the contact version', async () => {
    server.on('PATCH', '/api/v1/contacts/31', (call) =>
      json(200, contact({ ...(call.body as object), version: 5 })),
    );
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/31', locale: 'en' });
    const card = wrapper.get('[data-testid=portal-access]');
    expect(card.get('h2').text()).toBe('Customer portal');
    const select = card.get('[data-testid=portal-access-select]');
    expect((select.element as HTMLSelectElement).value).toBe('own');
    expect(select.findAll('option').map((o) => o.text())).toEqual(['Own tickets', "Organisation's tickets"]);
    await select.setValue('organization');
    await flushPromises();
    const call = server.callsTo('PATCH', '/api/v1/contacts/31')[0]!;
    expect(call.body).toEqual({ ticket_access: 'organization' });
    expect(call.headers.get('If-Match')).toBe('"4"');
    expect(card.get('[data-testid=portal-access-result]').text()).toBe(
      "The contact now sees all their organisation's tickets in the portal.",
    );
    expect((card.get('[data-testid=portal-access-select]').element as HTMLSelectElement).value).toBe('organization');
    wrapper.unmount();
  });

  it('puts the old value back and says why when the server refuses, in Hindi', async () => {
    serve('hi');
    server.on('PATCH', '/api/v1/contacts/31', problem(422, 'validation', 'invalid', [
      { field: 'ticket_access', message: 'needs an organisation' },
    ]));
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/31', locale: 'hi' });
    const card = wrapper.get('[data-testid=portal-access]');
    await card.get('[data-testid=portal-access-select]').setValue('organization');
    await flushPromises();
    expect((card.get('[data-testid=portal-access-select]').element as HTMLSelectElement).value).toBe('own');
    const result = card.get('[data-testid=portal-access-result]');
    expect(result.text()).toBe('पोर्टल पहुँच नहीं बदली गई: needs an organisation');
    expect(result.classes()).toContain('form-error');
    wrapper.unmount();
  });

  it('offers only own tickets to a contact outside any organisation', async () => {
    serve('kn', { organisation_id: null });
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/31', locale: 'kn' });
    const card = wrapper.get('[data-testid=portal-access]');
    const options = card.findAll('[data-testid=portal-access-select] option');
    expect(options[1]!.text()).toBe('ಸಂಸ್ಥೆಯ ಟಿಕೆಟ್‌ಗಳು');
    expect(options[1]!.attributes('disabled')).toBeDefined();
    expect(card.text()).toContain('ಈ ಸಂಪರ್ಕವು ಯಾವುದೇ ಸಂಸ್ಥೆಯಲ್ಲಿಲ್ಲ');
    wrapper.unmount();
  });

  it('sends a sign-in link and says where it went', async () => {
    server.on('POST', '/api/v1/contacts/31/portal-invitation', json(202, { sent_to: 'ravi@example.in' }));
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/31', locale: 'en' });
    const button = wrapper.get('[data-testid=portal-invite]');
    expect(button.text()).toBe('Send portal sign-in link');
    await button.trigger('click');
    await flushPromises();
    const calls = server.callsTo('POST', '/api/v1/contacts/31/portal-invitation');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.get('X-CSRF-Token')).toBe('csrf-t');
    const result = wrapper.get('[data-testid=portal-access-result]');
    expect(result.text()).toBe('Sign-in link sent to ravi@example.in.');
    expect(result.attributes('role')).toBe('status');
    expect(result.classes()).toContain('success');
    wrapper.unmount();
  });

  it('says in the agent’s language when the contact has no e-mail address', async () => {
    serve('hi', { email: null, identities: [{ type: 'phone', value: '+919845012345' }] });
    server.on('POST', '/api/v1/contacts/31/portal-invitation',
      problem(422, 'no-email', 'the contact has no e-mail address'));
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/31', locale: 'hi' });
    await wrapper.get('[data-testid=portal-invite]').trigger('click');
    await flushPromises();
    const result = wrapper.get('[data-testid=portal-access-result]');
    expect(result.text()).toBe('इस ग्राहक का कोई ईमेल पता नहीं है। साइन-इन लिंक भेजने के लिए पहले एक ईमेल पता जोड़ें।');
    expect(result.classes()).toContain('form-error');
    wrapper.unmount();
  });

  it("shows the server's reason for another refusal", async () => {
    server.on('POST', '/api/v1/contacts/31/portal-invitation',
      problem(422, 'validation', 'the contact is merged into another'));
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/31', locale: 'en' });
    await wrapper.get('[data-testid=portal-invite]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid=portal-access-result]').text()).toBe(
      'The sign-in link was not sent: the contact is merged into another',
    );
    wrapper.unmount();
  });

  it('says so when sign-in links are being asked for too often', async () => {
    server.on('POST', '/api/v1/contacts/31/portal-invitation', problem(429, 'rate-limited', 'slow down'));
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/31', locale: 'en' });
    await wrapper.get('[data-testid=portal-invite]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid=portal-access-result]').text()).toBe(
      'Too many requests. Wait a moment and try again.',
    );
    wrapper.unmount();
  });
});
