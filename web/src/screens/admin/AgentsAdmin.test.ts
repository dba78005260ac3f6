import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import AgentsAdmin from './AgentsAdmin.vue';

let server: FakeApi;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, name: 'Asha Admin', role: 'admin' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/agents', {
    data: [
      agent({ id: 1, name: 'Asha Admin', email: 'asha@example.in', role: 'admin', group_ids: [] }),
      agent({ id: 7, name: 'Meera Rao', language: 'hi', group_ids: [2] }),
    ],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/groups', { data: [group({ id: 2, name: 'Shipping' })], next_cursor: null });
});

describe('AgentsAdmin', () => {
  it('lists agents with role, language in its own script and groups', async () => {
    const { wrapper } = await mountScreen(AgentsAdmin, { path: '/admin/agents', locale: 'en' });
    const rows = wrapper.findAll('[data-testid="agent-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.text()).toContain('Meera Rao');
    expect(rows[1]!.text()).toContain('हिन्दी');
    expect(rows[1]!.text()).toContain('Shipping');
    expect(rows[1]!.text()).toContain('Active');
    // No way to deactivate oneself.
    expect(rows[0]!.text()).toContain('(you)');
    expect(rows[0]!.text()).not.toContain('Deactivate');
    wrapper.unmount();
  });

  it('invites an agent, optionally with a first password, and shows a 409 in words', async () => {
    server.on('POST', '/api/v1/agents', problem(409, 'already-exists', 'email taken'));
    const { wrapper } = await mountScreen(AgentsAdmin, { path: '/admin/agents', locale: 'en' });
    await wrapper.get('[data-testid="agent-invite"]').trigger('click');
    await wrapper.get('#invite-name').setValue('Kavya Bhat');
    await wrapper.get('#invite-email').setValue('kavya@example.in');
    await wrapper.get('#invite-language').setValue('kn');
    await wrapper.get('input[type="checkbox"][value="2"]').setValue(true);
    await wrapper.get('#agent-invite-panel').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#agent-invite-panel [role="alert"]').text()).toBe(
      'An agent with this email address already exists.',
    );
    expect(server.callsTo('POST', '/api/v1/agents')[0]!.body).toEqual({
      name: 'Kavya Bhat',
      email: 'kavya@example.in',
      role: 'agent',
      language: 'kn',
      time_zone: 'Asia/Kolkata',
      group_ids: [2],
    });

    server.on('POST', '/api/v1/agents', (call) => json(201, agent({ ...(call.body as object), id: 12 })));
    await wrapper.get('#invite-set-password').setValue(true);
    await wrapper.get('#invite-password').setValue('correct horse');
    await wrapper.get('#agent-invite-panel').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/agents')[1]!.body).toMatchObject({ password: 'correct horse' });
    expect(wrapper.find('#agent-invite-panel').exists()).toBe(false);
    expect(wrapper.get('[role="status"]').text()).toBe('Kavya Bhat was added and can sign in now.');
    expect(wrapper.findAll('[data-testid="agent-row"]')).toHaveLength(3);
    wrapper.unmount();
  });

  it('shows a field error from a 422 beside the field', async () => {
    server.on('POST', '/api/v1/agents', problem(422, 'validation', 'bad', [{ field: 'email', message: 'is not an e-mail address' }]));
    const { wrapper } = await mountScreen(AgentsAdmin, { path: '/admin/agents', locale: 'en' });
    await wrapper.get('[data-testid="agent-invite"]').trigger('click');
    await wrapper.get('#invite-name').setValue('X');
    await wrapper.get('#invite-email').setValue('nope');
    await wrapper.get('#agent-invite-panel').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#invite-email').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#invite-email-error').text()).toBe('Enter a valid email address.');
    wrapper.unmount();
  });

  it('deactivates after confirmation and rolls back with the reason when refused', async () => {
    server.on('PATCH', '/api/v1/agents/7', problem(403, 'forbidden'));
    const { wrapper } = await mountScreen(AgentsAdmin, { path: '/admin/agents', locale: 'en' });
    const row = () => wrapper.findAll('[data-testid="agent-row"]')[1]!;
    await row().findAll('button').find((b) => b.text() === 'Deactivate')!.trigger('click');
    expect(row().text()).toContain('Deactivate Meera Rao?');
    expect(server.callsTo('PATCH', '/api/v1/agents/7')).toHaveLength(0);
    await row().get('.confirm-ask .button.danger').trigger('click');
    await flushPromises();
    expect(server.callsTo('PATCH', '/api/v1/agents/7')[0]!.body).toEqual({ active: false });
    expect(server.callsTo('PATCH', '/api/v1/agents/7')[0]!.headers.get('If-Match')).toBe('"1"');
    expect(wrapper.get('.form-error[role="alert"]').text()).toBe('Your role does not allow this.');
    expect(row().text()).toContain('Active');

    server.on('PATCH', '/api/v1/agents/7', json(200, agent({ id: 7, name: 'Meera Rao', active: false, version: 2 })));
    await row().findAll('button').find((b) => b.text() === 'Deactivate')!.trigger('click');
    await row().get('.confirm-ask .button.danger').trigger('click');
    await flushPromises();
    expect(row().text()).toContain('Inactive');
    expect(row().text()).toContain('Reactivate');
    expect(wrapper.get('[role="status"]').text()).toBe('Meera Rao was deactivated.');
    wrapper.unmount();
  });

  it('edits groups and sets a new password through PATCH', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language: 'hi' }), csrf_token: 'c' });
    server.on('PATCH', '/api/v1/agents/7', (call) => json(200, agent({ id: 7, name: 'Meera Rao', ...(call.body as object), version: 2 })));
    const { wrapper } = await mountScreen(AgentsAdmin, { path: '/admin/agents', locale: 'hi' });
    await wrapper.findAll('[data-testid="agent-row"]')[1]!.findAll('button')[0]!.trigger('click');
    await wrapper.get('input[type="checkbox"][value="2"]').setValue(false);
    await wrapper.get('#edit-set-password').setValue(true);
    await wrapper.get('#edit-password').setValue('नया पासवर्ड 123');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('PATCH', '/api/v1/agents/7')[0]!.body).toEqual({
      group_ids: [],
      password: 'नया पासवर्ड 123',
    });
    expect(wrapper.get('[role="status"]').text()).toContain('नया पासवर्ड सेट हो गया है');
    wrapper.unmount();
  });
});
