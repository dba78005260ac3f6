// The Macros screen: an admin builds a shared macro from real lists (statuses, groups, agents),
// with a Hindi and a Kannada reply, and sees the server's 422 messages beside the members they
// name; an agent keeps personal macros and cannot change shared ones.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import MacrosScreen from './MacrosScreen.vue';

let server: FakeApi;
let wrapper: VueWrapper | null = null;

const shared = {
  id: 3,
  name: 'Close: resolved',
  description: '',
  shared: true,
  owner_agent_id: null,
  group_id: null,
  actions: [{ type: 'set_status', value: 'solved' }],
  reply: { en: 'Thanks' },
  default_language: 'en',
  active: true,
  usage_count: 12,
  last_used_at: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 1,
};

function serve(role: 'admin' | 'agent', language: 'en' | 'hi' = 'en') {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 7, role, language }), csrf_token: 'c' });
  server.on('GET', '/api/v1/agents', { data: [agent({ id: 7, name: 'Meera Rao' })], next_cursor: null });
  server.on('GET', '/api/v1/groups', { data: [group({ id: 2, name: 'Supervisors' })], next_cursor: null });
  server.on('GET', '/api/v1/custom-fields', { data: [], next_cursor: null });
  server.on('GET', '/api/v1/macros', { data: [shared], next_cursor: null });
}

async function open(locale: 'en' | 'hi' = 'en') {
  const m = await mountScreen(MacrosScreen, { path: '/macros', locale });
  wrapper = m.wrapper;
  return m.wrapper;
}

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

describe('MacrosScreen', () => {
  beforeEach(() => serve('admin'));

  it('lists macros with their use', async () => {
    const w = await open();
    expect(w.get('[data-testid="macro-row"]').text()).toContain('Close: resolved');
    expect(w.get('[data-testid="macro-row"]').text()).toContain('Used 12 times');
  });

  it('builds a shared macro from real lists and sends what the server expects', async () => {
    server.on('POST', '/api/v1/macros', (call) => json(201, { ...shared, id: 9, ...(call.body as object) }));
    const w = await open();
    await w.get('[data-testid="macro-new"]').trigger('click');
    await flushPromises();
    await w.get('[data-testid="macro-name"]').setValue('Escalate to supervisors');
    await w.get('[data-testid="macro-add-action"]').trigger('click');
    await w.get('[data-testid="macro-add-action"]').trigger('click');
    const rows = w.findAll('[data-testid="macro-action"]');
    await rows[1]!.get('[data-testid="macro-action-type"]').setValue('set_group');
    const groupSelect = rows[1]!.findAll('select')[1]!;
    expect(groupSelect.findAll('option').map((o) => o.text())).toEqual(['No group', 'Supervisors']);
    await groupSelect.setValue('2');
    await w.get('[data-testid="macro-reply-hi"]').setValue('नमस्ते {{ticket.requester.first_name}}');
    await w.get('[data-testid="macro-reply-kn"]').setValue('ನಮಸ್ಕಾರ');
    await w.get('[data-testid="macro-reply-en"]').setValue('Hello');
    await w.get('[data-testid="macro-editor"]').trigger('submit');
    await flushPromises();
    const body = server.callsTo('POST', '/api/v1/macros')[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      name: 'Escalate to supervisors',
      shared: true,
      group_id: null,
      actions: [
        { type: 'set_status', value: 'solved' },
        { type: 'set_group', value: 2 },
      ],
      reply: { en: 'Hello', hi: 'नमस्ते {{ticket.requester.first_name}}', kn: 'ನಮಸ್ಕಾರ' },
    });
    expect(w.find('[data-testid="macro-editor"]').exists()).toBe(false);
  });

  it('shows the server\'s 422 beside the members it names', async () => {
    serve('admin', 'hi');
    server.on(
      'POST',
      '/api/v1/macros',
      problem(422, 'validation', 'the macro is not valid', [
        { field: 'actions[0].value', message: '99 is not a group of this workspace' },
        { field: 'reply.hi', message: 'unknown placeholder {{ticket.foo}} at character 8' },
      ]),
    );
    const w = await open('hi');
    await w.get('[data-testid="macro-new"]').trigger('click');
    await flushPromises();
    await w.get('[data-testid="macro-name"]').setValue('x');
    await w.get('[data-testid="macro-add-action"]').trigger('click');
    await w.get('[data-testid="macro-editor"]').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="macro-action"]').text()).toContain('99 is not a group of this workspace');
    expect(w.get('[data-testid="macro-reply-hi-error"]').text()).toBe(
      'unknown placeholder {{ticket.foo}} at character 8',
    );
    // The form stays open, in Hindi.
    expect(w.get('[data-testid="macro-save"]').text()).toBe('सहेजें');
  });
});

describe('MacrosScreen for an agent', () => {
  beforeEach(() => serve('agent'));

  it('cannot change shared macros and creates personal ones', async () => {
    server.on('POST', '/api/v1/macros', (call) => json(201, { ...shared, id: 10, shared: false, ...(call.body as object) }));
    const w = await open();
    expect(w.find('[data-testid="macro-edit"]').exists()).toBe(false);
    await w.get('[data-testid="macro-new"]').trigger('click');
    await flushPromises();
    expect(w.find('[data-testid="macro-shared"]').exists()).toBe(false);
    await w.get('[data-testid="macro-name"]').setValue('मेरा जवाब');
    await w.get('[data-testid="macro-reply-hi"]').setValue('धन्यवाद');
    await w.get('[data-testid="macro-editor"]').trigger('submit');
    await flushPromises();
    const body = server.callsTo('POST', '/api/v1/macros')[0]!.body as Record<string, unknown>;
    expect(body.shared).toBeUndefined();
    expect(body.reply).toEqual({ hi: 'धन्यवाद' });
  });
});
