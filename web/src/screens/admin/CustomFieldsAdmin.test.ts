// Custom fields in the customer portal: who fills a field in, and for which topics.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CustomField } from '../../api/admin';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { kbCategory } from '../kb/testData';
import CustomFieldsAdmin from './CustomFieldsAdmin.vue';

const T0 = '2026-11-23T10:00:00.000Z';
let server: FakeApi;

function field(over: Partial<CustomField>): CustomField {
  return {
    id: 1, key: 'awb_number', label: 'AWB number', type: 'text', options: [], required: false,
    active: true, customer_visible: false, portal_topics: [], created_at: T0, updated_at: T0,
    version: 1, ...over,
  };
}

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, name: 'Asha Admin', role: 'admin' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/kb/categories', {
    items: [
      kbCategory({ id: 4, titles: { en: 'Shipping', hi: 'शिपिंग', kn: 'ಸಾಗಣೆ' } }),
      kbCategory({ id: 9, titles: { en: 'Invoices', hi: 'बिल', kn: 'ಬಿಲ್‌ಗಳು' } }),
    ],
  });
});

describe('CustomFieldsAdmin in the portal', () => {
  it('makes a field customer-visible for chosen topics only', async () => {
    server.on('GET', '/api/v1/custom-fields', { data: [], next_cursor: null });
    server.on('POST', '/api/v1/custom-fields', (call) =>
      json(201, field({ id: 3, ...(call.body as object) })),
    );
    const { wrapper } = await mountScreen(CustomFieldsAdmin, { path: '/admin/custom-fields', locale: 'en' });
    await wrapper.get('[data-testid="field-create"]').trigger('click');
    await wrapper.get('#field-label').setValue('Invoice number');
    // The topics appear only once customers fill the field in.
    expect(wrapper.find('[data-testid="field-topics"]').exists()).toBe(false);
    await wrapper.get('#field-visible').setValue(true);
    const topics = wrapper.findAll('[data-testid="field-topic"]');
    expect(wrapper.findAll('[data-testid="field-topics"] label').map((l) => l.text())).toEqual(['Shipping', 'Invoices']);
    expect(wrapper.get('[data-testid="field-topics"] legend').text()).toBe('Only for these topics (none = all)');
    await topics[1]!.setValue(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/custom-fields')[0]!.body).toEqual({
      key: 'invoice_number',
      label: 'Invoice number',
      type: 'text',
      required: false,
      customer_visible: true,
      portal_topics: [9],
    });
    expect(wrapper.get('[data-testid="field-portal"]').text()).toBe('1 topic');
    wrapper.unmount();
  });

  it('keeps a new field agent-only unless the box is ticked', async () => {
    server.on('GET', '/api/v1/custom-fields', { data: [], next_cursor: null });
    server.on('POST', '/api/v1/custom-fields', (call) => json(201, field({ id: 3, ...(call.body as object) })));
    server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language: 'hi' }), csrf_token: 'c' });
    const { wrapper } = await mountScreen(CustomFieldsAdmin, { path: '/admin/custom-fields', locale: 'hi' });
    await wrapper.get('[data-testid="field-create"]').trigger('click');
    expect(wrapper.get('label[for="field-visible"]').text()).toBe('ग्राहक इसे पोर्टल में भरते हैं');
    await wrapper.get('#field-label').setValue('Escalation code');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const body = server.callsTo('POST', '/api/v1/custom-fields')[0]!.body as Record<string, unknown>;
    expect(body.customer_visible).toBeUndefined();
    expect(body.portal_topics).toBeUndefined();
    expect(wrapper.get('[data-testid="field-portal"]').text()).toBe('केवल एजेंट');
    wrapper.unmount();
  });

  it('sends only what changed, and shows the server refusing a topic', async () => {
    server.on('GET', '/api/v1/custom-fields', {
      data: [field({ customer_visible: true, portal_topics: [4] })],
      next_cursor: null,
    });
    server.on('PATCH', '/api/v1/custom-fields/1', problem(422, 'validation', 'bad', [
      { field: 'portal_topics', message: 'must name knowledge-base categories of this workspace (4 is not one)' },
    ]));
    const { wrapper } = await mountScreen(CustomFieldsAdmin, { path: '/admin/custom-fields', locale: 'en' });
    expect(wrapper.get('[data-testid="field-portal"]').text()).toBe('1 topic');
    await wrapper.findAll('button').find((b) => b.text().startsWith('Edit'))!.trigger('click');
    const topics = wrapper.findAll('[data-testid="field-topic"]');
    expect((topics[0]!.element as HTMLInputElement).checked).toBe(true);
    expect((topics[1]!.element as HTMLInputElement).checked).toBe(false);
    await topics[1]!.setValue(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('PATCH', '/api/v1/custom-fields/1')[0]!.body).toEqual({ portal_topics: [4, 9] });
    expect(wrapper.get('[data-testid="field-topics"] .field-error').text()).toContain('4 is not one');
    wrapper.unmount();
  });
});
