// Admin → Web forms, as an admin uses it: the list, adding a form with origins and custom
// fields (the server's refusals beside the fields), the embed snippet with Copy and Preview,
// editing with only the changes sent, and deletion after a question.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomField } from '../../api/admin';
import type { WebForm } from '../../api/webForms';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import WebFormsAdmin from './WebFormsAdmin.vue';

const T0 = '2026-11-23T10:00:00.000Z';

function webForm(over: Partial<WebForm> = {}): WebForm {
  const key = over.key ?? 'wf_3kq9x2';
  return {
    id: 3,
    key,
    name: 'Contact us',
    group_id: 2,
    enabled: true,
    allowed_origins: ['https://www.dakshin.example'],
    fields: [{ key: 'awb_number', required: true }],
    min_fill_seconds: 3,
    version: 2,
    snippet: `<script src="https://help.example.in/forms/embed.js" data-sahayak-form="${key}" async></script>`,
    created_at: T0,
    updated_at: T0,
    ...over,
  };
}

function customField(over: Partial<CustomField>): CustomField {
  return {
    id: 1, key: 'awb_number', label: 'AWB number', type: 'text', options: [], required: false,
    active: true, customer_visible: true, portal_topics: [], created_at: T0, updated_at: T0,
    version: 1, ...over,
  };
}

let server: FakeApi;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/groups', {
    data: [group({ id: 2, name: 'Shipping' }), group({ id: 5, name: 'Billing' })],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/custom-fields', {
    data: [
      customField({}),
      customField({ id: 2, key: 'order_id', label: 'Order ID' }),
      customField({ id: 4, key: 'old_ref', label: 'Old reference', active: false }),
    ],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/web-forms', {
    data: [webForm(), webForm({ id: 4, key: 'wf_b1ll', name: 'Billing questions', group_id: null, enabled: false, fields: [] })],
    next_cursor: null,
  });
});

const rows = (w: { findAll: (s: string) => { text(): string }[] }) => w.findAll('[data-testid="webform-row"]');

describe('WebFormsAdmin', () => {
  it('lists forms with status, group and key, and is in the admin navigation', async () => {
    const { wrapper, router } = await mountScreen(WebFormsAdmin, { path: '/admin/web-forms', locale: 'en' });
    expect(router.currentRoute.value.name).toBe('admin-web-forms');
    const list = rows(wrapper);
    expect(list).toHaveLength(2);
    // Sorted by name.
    expect(list[0]!.text()).toContain('Billing questions');
    expect(list[0]!.text()).toContain('Disabled');
    expect(list[0]!.text()).toContain('No group');
    expect(list[0]!.text()).toContain('wf_b1ll');
    expect(list[1]!.text()).toContain('Contact us');
    expect(list[1]!.text()).toContain('Enabled');
    expect(list[1]!.text()).toContain('Shipping');
    expect(list[1]!.text()).toContain('wf_3kq9x2');
    expect(server.callsTo('GET', '/api/v1/custom-fields')).toHaveLength(1);
    wrapper.unmount();
  });

  it('creates a form, shows the server’s field errors beside the fields, then the snippet', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    server.on('POST', '/api/v1/web-forms', (call) => {
      const body = call.body as Record<string, unknown>;
      if (body.min_fill_seconds === 0) {
        return problem(422, 'validation', 'invalid', [
          { field: 'name', message: 'is required' },
          { field: 'allowed_origins[1]', message: 'is not an origin (scheme://host[:port])' },
          { field: 'min_fill_seconds', message: 'must be from 1 to 600' },
          { field: 'fields[0].key', message: 'is not an active custom field of this workspace' },
        ]);
      }
      return json(201, webForm({ id: 9, key: 'wf_new9', name: body.name as string, group_id: body.group_id as number }));
    });
    const { wrapper } = await mountScreen(WebFormsAdmin, { path: '/admin/web-forms', locale: 'en' });
    await wrapper.get('[data-testid="webform-create"]').trigger('click');
    const fieldRows = wrapper.findAll('[data-testid="webform-field-row"]');
    // Active custom fields only; an inactive one not on the form is not offered.
    expect(fieldRows.map((r) => r.attributes('data-key'))).toEqual(['awb_number', 'order_id']);
    expect(fieldRows[0]!.get('[data-testid="webform-field-required"]').attributes('disabled')).toBeDefined();

    await wrapper.get('#webform-origins').setValue('https://www.dakshin.example\n  www.dakshin  \n\n');
    await wrapper.get('#webform-min-fill').setValue('0');
    await wrapper.findAll('[data-testid="webform-field-row"]')[1]!.get('[data-testid="webform-field-include"]').setValue(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toBe('Some values were not accepted. Check the fields marked below.');
    expect(wrapper.get('#webform-name').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#webform-name-error').text()).toBe('This is required.');
    expect(wrapper.get('#webform-origins-error').text()).toBe('Line 2: is not an origin (scheme://host[:port])');
    expect(wrapper.get('#webform-min-fill-error').text()).toBe('must be from 1 to 600');
    // fields[0] is the first field sent: Order ID, the only one ticked.
    expect(wrapper.get('[data-testid="webform-fields"] .field-error').text()).toBe(
      'Order ID: is not an active custom field of this workspace',
    );
    expect(server.callsTo('POST', '/api/v1/web-forms')[0]!.body).toMatchObject({
      allowed_origins: ['https://www.dakshin.example', 'www.dakshin'],
    });

    await wrapper.get('#webform-name').setValue('  Website contact  ');
    await wrapper.get('#webform-group').setValue('5');
    await wrapper.get('#webform-origins').setValue('https://www.dakshin.example\nhttps://shop.dakshin.example');
    await wrapper.get('#webform-min-fill').setValue('4');
    const awb = wrapper.findAll('[data-testid="webform-field-row"]')[0]!;
    await awb.get('[data-testid="webform-field-include"]').setValue(true);
    await awb.get('[data-testid="webform-field-required"]').setValue(true);
    await wrapper.findAll('[data-testid="webform-field-row"]')[1]!.get('[data-testid="webform-field-include"]').setValue(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/web-forms')[1]!.body).toEqual({
      name: 'Website contact',
      group_id: 5,
      enabled: true,
      allowed_origins: ['https://www.dakshin.example', 'https://shop.dakshin.example'],
      fields: [{ key: 'awb_number', required: true }, { key: 'order_id', required: false }],
      min_fill_seconds: 4,
    });
    expect(wrapper.find('[data-testid="webform-form"]').exists()).toBe(false);
    expect(wrapper.get('[role="status"]').text()).toBe('Web form Website contact added.');
    expect(rows(wrapper)).toHaveLength(3);

    const snippet = wrapper.get('[data-testid="webform-snippet"]');
    expect(snippet.get('h2').text()).toBe('Embed code for Website contact');
    const box = snippet.get('[data-testid="webform-snippet-text"]');
    expect((box.element as HTMLTextAreaElement).value).toBe(
      '<script src="https://help.example.in/forms/embed.js" data-sahayak-form="wf_new9" async></script>',
    );
    expect(box.attributes('readonly')).toBeDefined();
    expect(snippet.get('[data-testid="webform-preview"]').attributes('href')).toBe('/forms/wf_new9');
    expect(snippet.get('[data-testid="webform-preview"]').attributes('target')).toBe('_blank');
    await snippet.get('[data-testid="webform-copy"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith('<script src="https://help.example.in/forms/embed.js" data-sahayak-form="wf_new9" async></script>');
    expect(wrapper.get('[data-testid="webform-copy"]').text()).toBe('Copied');
    wrapper.unmount();
  }, 20_000);

  it('asks for the form again when a write answers without its snippet', async () => {
    server.on('POST', '/api/v1/web-forms', json(201, webForm({ id: 9, key: 'wf_new9', name: 'Returns', snippet: '' })));
    server.on('GET', '/api/v1/web-forms/9', webForm({ id: 9, key: 'wf_new9', name: 'Returns' }));
    const { wrapper } = await mountScreen(WebFormsAdmin, { path: '/admin/web-forms', locale: 'en' });
    await wrapper.get('[data-testid="webform-create"]').trigger('click');
    await wrapper.get('#webform-name').setValue('Returns');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('GET', '/api/v1/web-forms/9')).toHaveLength(1);
    expect((wrapper.get('[data-testid="webform-snippet-text"]').element as HTMLTextAreaElement).value).toBe(
      '<script src="https://help.example.in/forms/embed.js" data-sahayak-form="wf_new9" async></script>',
    );
    wrapper.unmount();
  });

  it('edits a form in Hindi, sending only what changed and keeping a deactivated field', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language: 'hi' }), csrf_token: 'c' });
    server.on('GET', '/api/v1/web-forms', {
      data: [webForm({ fields: [{ key: 'awb_number', required: true }, { key: 'old_ref', required: false }] })],
      next_cursor: null,
    });
    server.on('PATCH', '/api/v1/web-forms/3', (call) => json(200, webForm({ ...(call.body as object) })));
    const { wrapper } = await mountScreen(WebFormsAdmin, { path: '/admin/web-forms', locale: 'hi' });
    await wrapper.get('[data-testid="webform-edit"]').trigger('click');
    expect(wrapper.get('#webform-form-heading').text()).toBe('Contact us बदलें');
    expect((wrapper.get('#webform-origins').element as HTMLTextAreaElement).value).toBe('https://www.dakshin.example');
    const fieldRows = wrapper.findAll('[data-testid="webform-field-row"]');
    expect(fieldRows.map((r) => r.attributes('data-key'))).toEqual(['awb_number', 'order_id', 'old_ref']);
    expect(fieldRows[2]!.text()).toContain('(अब सक्रिय नहीं)');
    expect((fieldRows[0]!.get('[data-testid="webform-field-required"]').element as HTMLInputElement).checked).toBe(true);
    // Nothing changed yet: nothing to save.
    expect(wrapper.get('[data-testid="webform-save"]').attributes('disabled')).toBeDefined();

    await wrapper.get('[data-testid="webform-enabled"]').setValue(false);
    await fieldRows[2]!.get('[data-testid="webform-field-include"]').setValue(false);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('PATCH', '/api/v1/web-forms/3')[0]!.body).toEqual({
      enabled: false,
      fields: [{ key: 'awb_number', required: true }],
    });
    expect(server.callsTo('PATCH', '/api/v1/web-forms/3')[0]!.headers.get('If-Match')).toBe('"2"');
    expect(wrapper.get('[role="status"]').text()).toBe('वेब फ़ॉर्म Contact us सहेजा गया।');
    expect(rows(wrapper)[0]!.text()).toContain('बंद');
    wrapper.unmount();
  });

  it('asks before deleting, in Kannada', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language: 'kn' }), csrf_token: 'c' });
    server.on('DELETE', '/api/v1/web-forms/4', json(204, null));
    const { wrapper } = await mountScreen(WebFormsAdmin, { path: '/admin/web-forms', locale: 'kn' });
    const billing = wrapper.findAll('[data-testid="webform-row"]')[0]!;
    await billing.findAll('button').find((b) => b.text() === 'ಅಳಿಸಿ')!.trigger('click');
    expect(wrapper.text()).toContain('ವೆಬ್ ಫಾರ್ಮ್ Billing questions ಅಳಿಸಬೇಕೇ?');
    expect(server.callsTo('DELETE', '/api/v1/web-forms/4')).toHaveLength(0);
    await wrapper.get('.confirm-ask .button.danger').trigger('click');
    await flushPromises();
    expect(server.callsTo('DELETE', '/api/v1/web-forms/4')).toHaveLength(1);
    expect(rows(wrapper)).toHaveLength(1);
    expect(wrapper.get('[role="status"]').text()).toBe('ವೆಬ್ ಫಾರ್ಮ್ Billing questions ಅಳಿಸಲಾಗಿದೆ.');
    wrapper.unmount();
  });

  it('sends an agent who is not an admin to the inbox', async () => {
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 7, role: 'agent' }), csrf_token: 'c' });
    const { router, wrapper } = await mountScreen(WebFormsAdmin, { path: '/admin/web-forms', locale: 'en' });
    expect(router.currentRoute.value.name).toBe('inbox');
    wrapper.unmount();
  });
});
