// The macro picker on the ticket page: it lists macros only when opened, filters as the agent
// types (Hindi too), previews the changes and the reply without applying, and "Apply" posts
// the apply call, puts the rendered reply in the reply box and reloads the ticket; a refusal
// shows the server's words.
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Macro } from '../../api/macros';
import { FakeApi, problem } from '../../testing/fakeApi';
import { agent, group, message, ticket } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import TicketScreen from './TicketScreen.vue';

let server: FakeApi;
let unmount: (() => void) | null = null;

function macro(over: Partial<Macro> = {}): Macro {
  return {
    id: 3,
    name: 'Escalate to supervisors',
    description: '',
    shared: true,
    owner_agent_id: null,
    group_id: null,
    actions: [{ type: 'set_priority', value: 'urgent' }],
    reply: { en: 'Hi', hi: 'नमस्ते' },
    default_language: 'en',
    active: true,
    usage_count: 4,
    last_used_at: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    version: 1,
    ...over,
  };
}

const outcome = {
  macro: { id: 3, name: 'Escalate to supervisors', usage_count: 4 },
  ticket: { id: 1042, version: 2, status: 'open' },
  changes: { priority: ['normal', 'urgent'], group_id: [null, 2] },
  notes: ['Escalated by Meera'],
  reply: 'नमस्ते सुनीता, टिकट आगे बढ़ाया गया है।',
  reply_language: 'hi',
  message: null,
};

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language: 'en' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/agents', { data: [agent()], next_cursor: null });
  server.on('GET', '/api/v1/groups', { data: [group({ id: 2, name: 'Supervisors' })], next_cursor: null });
  server.on('GET', '/api/v1/custom-fields', { data: [], next_cursor: null });
  server.on('GET', '/api/v1/tickets/1042', ticket());
  server.on('GET', '/api/v1/tickets/1042/messages', { data: [message({ id: 1 })], next_cursor: null });
  server.on('GET', '/api/v1/search', { data: [] });
  server.on('GET', '/api/v1/macros', {
    data: [macro(), macro({ id: 4, name: 'पार्सल ट्रैकिंग लिंक', shared: false, owner_agent_id: 7 })],
    next_cursor: null,
  });
  server.on('POST', '/api/v1/tickets/1042/macros/3/preview', outcome);
  server.on('POST', '/api/v1/tickets/1042/macros/3/apply', outcome);
});

afterEach(() => {
  unmount?.();
  unmount = null;
});

async function openTicket() {
  const m = await mountScreen(TicketScreen, { path: '/tickets/1042', locale: 'en' });
  unmount = () => m.wrapper.unmount();
  return m.wrapper;
}

describe('MacroPicker', () => {
  it('loads macros only when opened and filters as the agent types', async () => {
    const w = await openTicket();
    expect(server.callsTo('GET', '/api/v1/macros')).toHaveLength(0);
    await w.get('[data-testid="macro-open"]').trigger('click');
    await flushPromises();
    const q = server.callsTo('GET', '/api/v1/macros')[0]!.query;
    expect(q.get('active')).toBe('true');
    expect(q.get('sort')).toBe('usage');
    expect(w.findAll('[data-testid="macro-item"]')).toHaveLength(2);
    await w.get('[data-testid="macro-search"]').setValue('पार्सल');
    expect(w.findAll('[data-testid="macro-item"]').map((b) => b.text())).toEqual([
      'पार्सल ट्रैकिंग लिंकPersonal',
    ]);
  });

  it('previews the changes and the reply without applying', async () => {
    const w = await openTicket();
    await w.get('[data-testid="macro-open"]').trigger('click');
    await flushPromises();
    await w.findAll('[data-testid="macro-item"]')[0]!.trigger('click');
    await flushPromises();
    const preview = w.get('[data-testid="macro-preview"]').text();
    expect(preview).toContain('Priority: Normal → Urgent');
    expect(preview).toContain('Group: (none) → Supervisors');
    expect(preview).toContain('Escalated by Meera');
    expect(preview).toContain('नमस्ते सुनीता');
    expect(server.callsTo('POST', '/api/v1/tickets/1042/macros/3/apply')).toHaveLength(0);
  });

  it('applies: the reply fills the reply box and the ticket reloads', async () => {
    const w = await openTicket();
    const loads = server.callsTo('GET', '/api/v1/tickets/1042').length;
    await w.get('[data-testid="macro-open"]').trigger('click');
    await flushPromises();
    await w.findAll('[data-testid="macro-item"]')[0]!.trigger('click');
    await flushPromises();
    await w.get('[data-testid="macro-apply"]').trigger('click');
    await flushPromises();
    const apply = server.callsTo('POST', '/api/v1/tickets/1042/macros/3/apply');
    expect(apply).toHaveLength(1);
    expect(apply[0]!.body).toEqual({ send: false });
    expect((w.get('[data-testid="reply-body"]').element as HTMLTextAreaElement).value).toBe(outcome.reply);
    expect(server.callsTo('GET', '/api/v1/tickets/1042').length).toBe(loads + 1);
    expect(w.find('[data-testid="macro-preview"]').exists()).toBe(false);
  });

  it('shows why a macro cannot apply', async () => {
    server.on(
      'POST',
      '/api/v1/tickets/1042/macros/3/preview',
      problem(422, 'validation', 'the macro cannot be applied', [
        { field: 'actions[1].value', message: 'group 9 no longer exists; edit the macro' },
      ]),
    );
    const w = await openTicket();
    await w.get('[data-testid="macro-open"]').trigger('click');
    await flushPromises();
    await w.findAll('[data-testid="macro-item"]')[0]!.trigger('click');
    await flushPromises();
    expect(w.get('[role="alert"]').text()).toContain('group 9 no longer exists');
  });
});
