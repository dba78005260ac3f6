// Groups, custom fields, workspace and API tokens, as an admin uses them.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import AdminLayout from './AdminLayout.vue';
import ApiTokensAdmin from './ApiTokensAdmin.vue';
import CustomFieldsAdmin from './CustomFieldsAdmin.vue';
import GroupsAdmin from './GroupsAdmin.vue';
import WorkspaceAdmin from './WorkspaceAdmin.vue';

const T0 = '2026-11-23T10:00:00.000Z';
let server: FakeApi;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, name: 'Asha Admin', role: 'admin' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/agents', {
    data: [agent({ id: 1, name: 'Asha Admin', role: 'admin', group_ids: [] }), agent({ id: 7, name: 'Meera Rao', group_ids: [2] })],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/groups', { data: [group({ id: 2, name: 'Shipping', agent_ids: [7] })], next_cursor: null });
});

describe('AdminLayout', () => {
  it('links every admin screen and marks the current one', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language: 'kn' }), csrf_token: 'c' });
    // As the console runs it: App's RouterView shows the layout, the layout's the screen.
    const Root = defineComponent({ render: () => h(RouterView) });
    const { wrapper } = await mountScreen(Root, { path: '/admin/groups', locale: 'kn' });
    expect(wrapper.findComponent(AdminLayout).exists()).toBe(true);
    expect(wrapper.get('h1').text()).toBe('ಗುಂಪುಗಳು');
    const links = wrapper.findAll('[data-testid="admin-nav"]');
    expect(links.map((l) => l.text())).toEqual(['ಏಜೆಂಟರು', 'ಗುಂಪುಗಳು', 'ಕಸ್ಟಮ್ ಕ್ಷೇತ್ರಗಳು', 'ವರ್ಕ್‌ಸ್ಪೇಸ್', 'API ಟೋಕನ್‌ಗಳು', 'ಮೇಲ್‌ಬಾಕ್ಸ್‌ಗಳು', 'ಹೊರಹೋಗುವ ಇ-ಮೇಲ್', 'ವೆಬ್ ಫಾರ್ಮ್‌ಗಳು', 'ಲೈವ್ ಚಾಟ್', 'ಆಮದುಗಳು', 'ಕೊರಿಯರ್‌ಗಳು', 'ಶಿಪ್‌ಮೆಂಟ್ ದಾಖಲೆಗಳು', 'ಕೆಲಸದ ಸಮಯ', 'SLA ನೀತಿಗಳು', 'ಟ್ರಿಗರ್‌ಗಳು', 'ಸ್ವಯಂಚಾಲನೆಗಳು']);
    expect(links[1]!.attributes('aria-current')).toBe('page');
    wrapper.unmount();
  });
});

describe('GroupsAdmin', () => {
  it('shows member counts and creates a group with members', async () => {
    server.on('POST', '/api/v1/groups', (call) => json(201, group({ id: 5, ...(call.body as object) })));
    const { wrapper } = await mountScreen(GroupsAdmin, { path: '/admin/groups', locale: 'en' });
    expect(wrapper.get('[data-testid="group-row"]').text()).toContain('1 member');
    await wrapper.get('[data-testid="group-create"]').trigger('click');
    await wrapper.get('#group-name').setValue('Accounts Receivable');
    await wrapper.get('#group-description').setValue('COD remittances');
    await wrapper.get('input[type="checkbox"][value="1"]').setValue(true);
    await wrapper.get('input[type="checkbox"][value="7"]').setValue(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/groups')[0]!.body).toEqual({
      name: 'Accounts Receivable',
      description: 'COD remittances',
      agent_ids: [1, 7],
    });
    const rows = wrapper.findAll('[data-testid="group-row"]');
    expect(rows.map((r) => r.get('th').text())).toEqual(['Accounts Receivable', 'Shipping']);
    expect(rows[0]!.text()).toContain('2 members');
    expect(wrapper.get('[role="status"]').text()).toBe('Group Accounts Receivable created.');
    wrapper.unmount();
  });

  it('asks before deleting, and says why the server refused', async () => {
    server.on('DELETE', '/api/v1/groups/2', problem(422, 'group-in-use', 'the group still has tickets'));
    const { wrapper } = await mountScreen(GroupsAdmin, { path: '/admin/groups', locale: 'en' });
    await wrapper.findAll('button').find((b) => b.text() === 'Delete')!.trigger('click');
    expect(wrapper.text()).toContain('Delete the group Shipping?');
    await wrapper.get('.confirm-ask .button.danger').trigger('click');
    await flushPromises();
    expect(wrapper.get('.form-error').text()).toBe(
      'Shipping still has tickets, so it cannot be deleted. Move its tickets to another group first.',
    );
    expect(wrapper.findAll('[data-testid="group-row"]')).toHaveLength(1);
    wrapper.unmount();
  });
});

describe('CustomFieldsAdmin', () => {
  it('defines a dropdown with an ordered list of choices', async () => {
    server.on('GET', '/api/v1/custom-fields', { data: [], next_cursor: null });
    server.on('POST', '/api/v1/custom-fields', (call) =>
      json(201, { id: 3, active: true, created_at: T0, updated_at: T0, version: 1, options: [], required: false, ...(call.body as object) }),
    );
    const { wrapper } = await mountScreen(CustomFieldsAdmin, { path: '/admin/custom-fields', locale: 'en' });
    await wrapper.get('[data-testid="field-create"]').trigger('click');
    await wrapper.get('#field-label').setValue('Delivery slot');
    expect((wrapper.get('#field-key').element as HTMLInputElement).value).toBe('delivery_slot');
    await wrapper.get('#field-type').setValue('dropdown');
    const addChoice = () => wrapper.findAll('button').find((b) => b.text() === 'Add a choice')!.trigger('click');
    await addChoice();
    await wrapper.findAll('[data-testid="field-option"]')[0]!.setValue('Evening');
    await addChoice();
    await wrapper.findAll('[data-testid="field-option"]')[1]!.setValue('Morning');
    await wrapper.get('button[aria-label="Move Morning up"]').trigger('click');
    await wrapper.get('#field-required').setValue(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/custom-fields')[0]!.body).toEqual({
      key: 'delivery_slot',
      label: 'Delivery slot',
      type: 'dropdown',
      required: true,
      options: ['Morning', 'Evening'],
    });
    expect(wrapper.get('[data-testid="field-row"]').text()).toContain('Morning, Evening');
    wrapper.unmount();
  });

  it('refuses a key the server would refuse, before sending it', async () => {
    server.on('GET', '/api/v1/custom-fields', { data: [], next_cursor: null });
    const { wrapper } = await mountScreen(CustomFieldsAdmin, { path: '/admin/custom-fields', locale: 'en' });
    await wrapper.get('[data-testid="field-create"]').trigger('click');
    await wrapper.get('#field-label').setValue('AWB');
    await wrapper.get('#field-key').setValue('1awb');
    expect(wrapper.text()).toContain('Use lower-case letters, digits and _ only');
    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });
});

describe('WorkspaceAdmin', () => {
  it('saves the default language and time zone', async () => {
    server.on('GET', '/api/v1/workspace', { id: 1, name: 'Sahayak Couriers', default_language: 'en', time_zone: 'Asia/Kolkata' });
    server.on('PATCH', '/api/v1/workspace', (call) =>
      json(200, { id: 1, name: 'Sahayak Couriers', default_language: 'en', time_zone: 'Asia/Kolkata', ...(call.body as object) }),
    );
    const { wrapper } = await mountScreen(WorkspaceAdmin, { path: '/admin/workspace', locale: 'en' });
    const options = wrapper.findAll('#ws-language option').map((o) => o.text());
    expect(options).toEqual(['English', 'हिन्दी', 'ಕನ್ನಡ']);
    const zones = wrapper.findAll('datalist option').map((o) => o.attributes('value'));
    expect(zones[0]).toBe('Asia/Kolkata');
    await wrapper.get('#ws-language').setValue('kn');
    await wrapper.get('#ws-tz').setValue('Asia/Dubai');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('PATCH', '/api/v1/workspace')[0]!.body).toEqual({ default_language: 'kn', time_zone: 'Asia/Dubai' });
    expect(wrapper.get('[role="status"]').text()).toBe('Workspace settings saved.');
    wrapper.unmount();
  });
});

describe('ApiTokensAdmin', () => {
  it('shows a new token once, with a copy button, and revokes after confirmation', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    server.on('GET', '/api/v1/api-tokens', {
      data: [{ id: 4, name: 'CRM', agent_id: 7, created_at: T0, last_used_at: null }],
      next_cursor: null,
    });
    server.on('POST', '/api/v1/api-tokens', json(201, { id: 5, name: 'Courier sync', agent_id: 1, created_at: T0, last_used_at: null, token: 'shy_0123456789' }));
    server.on('DELETE', '/api/v1/api-tokens/4', json(204, null));
    const { wrapper } = await mountScreen(ApiTokensAdmin, { path: '/admin/api-tokens', locale: 'en' });
    expect(wrapper.get('[data-testid="token-row"]').text()).toContain('Meera Rao');
    expect(wrapper.get('[data-testid="token-row"]').text()).toContain('Never');
    await wrapper.get('#token-name').setValue('Courier sync');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/api-tokens')).toHaveLength(1);
    expect(wrapper.get('[data-testid="token-value"]').text()).toBe('shy_0123456789');
    expect(wrapper.text()).toContain('It will not be shown again');
    await wrapper.findAll('button').find((b) => b.text() === 'Copy token')!.trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith('shy_0123456789');
    await wrapper.findAll('button').find((b) => b.text() === 'I have stored it')!.trigger('click');
    expect(wrapper.find('[data-testid="token-value"]').exists()).toBe(false);

    const crm = () => wrapper.findAll('[data-testid="token-row"]').find((r) => r.text().includes('CRM'));
    await crm()!.findAll('button').find((b) => b.text() === 'Revoke')!.trigger('click');
    await crm()!.get('.confirm-ask .button.danger').trigger('click');
    await flushPromises();
    expect(server.callsTo('DELETE', '/api/v1/api-tokens/4')).toHaveLength(1);
    expect(crm()).toBeUndefined();
    expect(wrapper.get('[role="status"]').text()).toBe('Token CRM revoked.');
    wrapper.unmount();
  });
});
