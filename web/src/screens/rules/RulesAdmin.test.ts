// Admin → Triggers and Admin → Automations, as an admin uses them: the list with events or time
// conditions, runs and order; a trigger built with the condition builder, the live preview and
// the action rows, sent as the API takes it; the client's own checks; the server's 422 at the
// condition row, the action and the member it names (the preview's too); the preview debounced;
// an edit with If-Match; moving, switching off and deleting; an automation; Hindi and Kannada.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Rule, RulePreview } from '../../api/rules';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group, ticket } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { automation, RULE_VOCABULARY, trigger } from '../../testing/ruleFixtures';
import AutomationsAdmin from './AutomationsAdmin.vue';
import TriggersAdmin from './TriggersAdmin.vue';

const TRIGGERS = '/api/v1/triggers';
const AUTOMATIONS = '/api/v1/automations';
let server: FakeApi;
let triggers: Rule[];
let wrapper: VueWrapper | null = null;

const macro = {
  id: 3,
  name: 'Close: resolved',
  description: '',
  shared: true,
  owner_agent_id: null,
  group_id: null,
  actions: [],
  reply: { en: 'Thanks' },
  default_language: 'en',
  active: true,
  usage_count: 0,
  last_used_at: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 1,
};

function serve(language: Language = 'en') {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language }), csrf_token: 'c' });
  server.on('GET', '/api/v1/agents', { data: [agent({ id: 7, name: 'Meera Rao' })], next_cursor: null });
  server.on('GET', '/api/v1/groups', {
    data: [group({ id: 2, name: 'Shipping' }), group({ id: 5, name: 'Billing' })],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/custom-fields', { data: [], next_cursor: null });
  server.on('GET', '/api/v1/macros', { data: [macro, { ...macro, id: 4, name: 'Mine', shared: false }], next_cursor: null });
  server.on('GET', '/api/v1/rules/fields', RULE_VOCABULARY);
  triggers = [
    trigger(),
    trigger({
      id: 2,
      name: 'Parcel delivered',
      description: '',
      position: 1,
      events: ['tracking.event'],
      conditions: { all: [{ field: 'shipment.status', operator: 'is', value: 'delivered' }], any: [] },
      actions: [{ type: 'add_note', value: 'Delivered.' }],
      run_count: 0,
      last_run_at: null,
      version: 1,
    }),
  ];
  server.on('GET', TRIGGERS, () => json(200, { data: [...triggers].sort((a, b) => a.position - b.position) }));
  server.on('GET', AUTOMATIONS, { data: [automation()] });
}

function previewAnswer(over: Partial<RulePreview> = {}): RulePreview {
  return {
    count: 12,
    scanned: 5000,
    tickets: [ticket({ id: 1042, number: 1042, subject: 'Where is my order?' }), ticket({ id: 1043, number: 1043, status: 'pending' })],
    skipped: [],
    ...over,
  };
}

beforeEach(() => serve());
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  vi.useRealTimers();
});

async function open(kind: 'trigger' | 'automation' = 'trigger', locale: Language = 'en') {
  const m = await mountScreen(kind === 'trigger' ? TriggersAdmin : AutomationsAdmin, {
    path: kind === 'trigger' ? '/admin/triggers' : '/admin/automations',
    locale,
  });
  wrapper = m.wrapper;
  return m;
}

const rows = (w: VueWrapper) => w.findAll('[data-testid="rule-row"]');
const conditionRows = (w: VueWrapper, list: 'all' | 'any' = 'all') =>
  w.findAll(`[data-testid="rule-conditions-${list}"] [data-testid="rule-condition"]`);
const actionRows = (w: VueWrapper) => w.findAll('[data-testid="rule-action"]');

async function addCondition(w: VueWrapper, field: string, operator: string | null, value: string | null) {
  await w.get('[data-testid="rule-add-all"]').trigger('click');
  const row = () => conditionRows(w).at(-1)!;
  await row().get('[data-testid="rule-condition-field"]').setValue(field);
  if (operator) await row().get('[data-testid="rule-condition-operator"]').setValue(operator);
  if (value !== null) await row().get('[data-testid="rule-condition-value"]').setValue(value);
}

async function addAction(w: VueWrapper, type: string) {
  await w.get('[data-testid="rule-add-action"]').trigger('click');
  const row = () => actionRows(w).at(-1)!;
  await row().get('[data-testid="rule-action-type"]').setValue(type);
  return row;
}

function checkEvent(w: VueWrapper, event: string) {
  return w.get(`[data-testid="rule-event"][value="${event}"]`).setValue(true);
}

describe('TriggersAdmin', () => {
  it('lists the triggers in order with their events and runs', async () => {
    const { wrapper: w, router } = await open();
    expect(router.currentRoute.value.name).toBe('admin-triggers');
    expect(w.get('h1').text()).toBe('Triggers');
    const list = rows(w);
    expect(list.map((r) => r.attributes('data-id'))).toEqual(['1', '2']);
    expect(list[0]!.text()).toContain('Enterprise customers are answered first');
    expect(list[0]!.get('[data-testid="rule-when"]').text()).toBe('Ticket created');
    expect(list[1]!.get('[data-testid="rule-when"]').text()).toBe('Parcel tracking changed');
    expect(list[0]!.get('[data-testid="rule-runs"]').text()).toMatch(/^Ran 12 times\s*last /);
    expect(list[1]!.get('[data-testid="rule-runs"]').text()).toBe('Has not run yet');
    expect(list[0]!.get('[data-testid="rule-move-up"]').attributes('disabled')).toBeDefined();
    expect(list[1]!.get('[data-testid="rule-move-down"]').attributes('disabled')).toBeDefined();
  });

  it('says so when there are none', async () => {
    server.on('GET', TRIGGERS, { data: [] });
    const { wrapper: w } = await open();
    expect(w.get('[data-testid="rule-empty"]').text()).toBe('No triggers yet.');
  });

  it('builds "Urgent for enterprise" with the preview and sends what the API takes', async () => {
    server.on('POST', `${TRIGGERS}/preview`, () => json(200, previewAnswer()));
    server.on('POST', TRIGGERS, (call) => json(201, trigger({ id: 9, version: 1, run_count: 0, last_run_at: null, ...(call.body as object) })));
    const { wrapper: w } = await open();
    await w.get('[data-testid="rule-create"]').trigger('click');
    expect(document.activeElement).toBe(w.get('[data-testid="rule-name"]').element);
    await w.get('[data-testid="rule-name"]').setValue('Urgent for enterprise');
    await checkEvent(w, 'ticket.created');
    // Nothing to preview until a condition is complete.
    expect(w.find('[data-testid="rule-preview-hint"]').exists()).toBe(true);
    await addCondition(w, 'tier', 'is', 'enterprise');
    await w.get('[data-testid="rule-preview-run"]').trigger('click');
    await flushPromises();
    expect(server.callsTo('POST', `${TRIGGERS}/preview`)[0]!.body).toEqual({
      events: ['ticket.created'],
      conditions: { all: [{ field: 'tier', operator: 'is', value: 'enterprise' }], any: [] },
    });
    expect(w.get('[data-testid="rule-preview-count"]').text()).toBe('12 tickets match now');
    expect(w.get('[data-testid="rule-preview"]').text()).toContain('Checked 5,000 open tickets.');
    expect(w.get('[data-testid="rule-preview"]').text()).toContain('and 10 more');
    const links = w.findAll('[data-testid="rule-preview-ticket"] a');
    expect(links.map((a) => a.attributes('href'))).toEqual(['/tickets/1042', '/tickets/1043']);
    expect(links[0]!.text()).toContain('Where is my order?');

    const priority = await addAction(w, 'set_priority');
    await priority().findAll('select')[1]!.setValue('urgent');
    const tags = await addAction(w, 'add_tags');
    await tags().get('input').setValue('vip');
    await w.get('[data-testid="rule-editor"]').trigger('submit');
    await flushPromises();

    expect(server.callsTo('POST', TRIGGERS)[0]!.body).toEqual({
      name: 'Urgent for enterprise',
      description: '',
      active: true,
      events: ['ticket.created'],
      position: 2,
      conditions: { all: [{ field: 'tier', operator: 'is', value: 'enterprise' }], any: [] },
      actions: [
        { type: 'set_priority', value: 'urgent' },
        { type: 'add_tags', value: ['vip'] },
      ],
    });
    expect(w.find('[data-testid="rule-editor"]').exists()).toBe(false);
    expect(rows(w)).toHaveLength(3);
    expect(w.get('[data-testid="rule-notice"]').text()).toBe('Added “Urgent for enterprise”.');
  });

  it('checks what the server would refuse before sending it', async () => {
    const { wrapper: w } = await open();
    await w.get('[data-testid="rule-create"]').trigger('click');
    await w.get('[data-testid="rule-add-all"]').trigger('click');
    await addCondition(w, 'hours_since_created', null, null);
    await w.get('[data-testid="rule-editor"]').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', TRIGGERS)).toHaveLength(0);
    expect(w.get('[data-testid="rule-alert"]').text()).toBe('Some fields need a change; they are marked below.');
    expect(w.get('[data-testid="rule-name"]').attributes('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(w.get('[data-testid="rule-name"]').element);
    expect(w.get('[data-testid="rule-events"]').text()).toContain('Choose at least one event.');
    expect(conditionRows(w).map((r) => r.findAll('[data-testid="rule-condition-error"]').map((e) => e.text()))).toEqual([
      ['Choose a field.'],
      // hours_since_created is not offered to a trigger: the field select kept nothing.
      ['Choose a field.'],
    ]);
  });

  it('shows the server’s 422 at the condition row, the action and the name it names', async () => {
    let attempt = 0;
    server.on('PATCH', `${TRIGGERS}/1`, (call) => {
      attempt += 1;
      if (attempt === 1) {
        return problem(422, 'validation', 'the trigger is not valid', [
          { field: 'conditions.all[1].value', message: '"hgh" is not a value of priority; use one of low, normal, high, urgent' },
          { field: 'actions[1]', message: 'would loop with the trigger “Parcel delivered”' },
          { field: 'name', message: 'is required' },
        ]);
      }
      return json(200, trigger({ ...(call.body as object), version: 4 }));
    });
    server.on('POST', `${TRIGGERS}/preview`, () => json(200, previewAnswer({ count: 1 })));
    const { wrapper: w } = await open();
    await rows(w)[0]!.get('[data-testid="rule-edit"]').trigger('click');
    await flushPromises();
    await addCondition(w, 'priority', 'is', 'high');
    await w.get('[data-testid="rule-editor"]').trigger('submit');
    await flushPromises();

    const conds = conditionRows(w);
    expect(conds[0]!.find('[data-testid="rule-condition-error"]').exists()).toBe(false);
    expect(conds[1]!.get('[data-testid="rule-condition-error"]').text()).toContain('"hgh" is not a value of priority');
    expect(conds[1]!.get('[data-testid="rule-condition-value"]').attributes('aria-invalid')).toBe('true');
    const acts = actionRows(w);
    expect(acts[0]!.find('[data-testid="rule-action-error"]').exists()).toBe(false);
    expect(acts[1]!.get('[data-testid="rule-action-error"]').text()).toBe('would loop with the trigger “Parcel delivered”');
    // The usual words come from the catalogue.
    expect(w.get('[data-testid="rule-error"]').text()).toBe('This is required.');
    expect(w.get('[data-testid="rule-alert"]').text()).toBe('Some values were not accepted. Check the fields marked below.');

    // The first condition removed: the message stays with its row.
    await conds[0]!.get('[data-testid="rule-condition-remove"]').trigger('click');
    expect(conditionRows(w)).toHaveLength(1);
    expect(conditionRows(w)[0]!.get('[data-testid="rule-condition-error"]').text()).toContain('"hgh"');
    await w.get('[data-testid="rule-editor"]').trigger('submit');
    await flushPromises();
    const second = server.callsTo('PATCH', `${TRIGGERS}/1`)[1]!;
    expect(second.headers.get('If-Match')).toBe('"3"');
    expect((second.body as { conditions: unknown }).conditions).toEqual({
      all: [{ field: 'priority', operator: 'is', value: 'high' }],
      any: [],
    });
    expect(w.find('[data-testid="rule-editor"]').exists()).toBe(false);
    expect(w.get('[data-testid="rule-notice"]').text()).toBe('Saved “Urgent for enterprise”.');
  });

  it('previews as the editor opens and again a moment after the conditions change, showing refusals at their rows', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const answers: Response[] = [
      json(200, previewAnswer({ count: 3, skipped: ['conditions.any[0]'] })),
      problem(422, 'validation', 'bad', [{ field: 'conditions.all[0].value', message: 'must be one of basic, standard, premium, enterprise' }]),
    ];
    server.on('POST', `${TRIGGERS}/preview`, () => answers.shift() ?? json(200, previewAnswer()));
    triggers[0] = trigger({
      events: ['ticket.created'],
      conditions: {
        all: [{ field: 'tier', operator: 'is', value: 'enterprise' }],
        any: [{ field: 'message.body', operator: 'contains', value: 'refund' }],
      },
    });
    const { wrapper: w } = await open();
    await rows(w)[0]!.get('[data-testid="rule-edit"]').trigger('click');
    await flushPromises();
    const calls = () => server.callsTo('POST', `${TRIGGERS}/preview`);
    expect(calls()).toHaveLength(1);
    expect(w.get('[data-testid="rule-preview-count"]').text()).toBe('3 tickets match now');
    expect(w.get('[data-testid="rule-preview-skipped"]').text()).toContain('Message text contains “refund”');

    // Two quick changes, one question.
    const tier = conditionRows(w)[0]!.get('[data-testid="rule-condition-value"]');
    await tier.setValue('premium');
    vi.advanceTimersByTime(300);
    await tier.setValue('basic');
    vi.advanceTimersByTime(599);
    await flushPromises();
    expect(calls()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await flushPromises();
    expect(calls()).toHaveLength(2);
    expect((calls()[1]!.body as { conditions: { all: unknown[] } }).conditions.all).toEqual([
      { field: 'tier', operator: 'is', value: 'basic' },
    ]);
    expect(w.get('[data-testid="rule-preview-error"]').text()).toBe('Some conditions were not accepted; they are marked above.');
    expect(conditionRows(w)[0]!.get('[data-testid="rule-condition-error"]').text()).toBe(
      'must be one of basic, standard, premium, enterprise',
    );

    // "Check now" asks at once.
    await w.get('[data-testid="rule-preview-run"]').trigger('click');
    await flushPromises();
    expect(calls()).toHaveLength(3);
    expect(w.get('[data-testid="rule-preview-count"]').text()).toBe('12 tickets match now');
    expect(conditionRows(w)[0]!.find('[data-testid="rule-condition-error"]').exists()).toBe(false);

    // A row whose field is not chosen yet is not a condition yet: the preview stays.
    await w.get('[data-testid="rule-add-any"]').trigger('click');
    vi.advanceTimersByTime(600);
    await flushPromises();
    expect(calls()).toHaveLength(3);
    expect(w.get('[data-testid="rule-preview-count"]').text()).toBe('12 tickets match now');
  });

  it('builds the rules’ own actions: a reply, an e-mail to a group, a webhook, a macro, round robin', async () => {
    server.on('POST', TRIGGERS, (call) => json(201, trigger({ id: 9, ...(call.body as object) })));
    const { wrapper: w } = await open();
    await w.get('[data-testid="rule-create"]').trigger('click');
    await w.get('[data-testid="rule-name"]').setValue('Tell the team');
    await checkEvent(w, 'message.received');
    const reply = await addAction(w, 'reply');
    await reply().get('textarea[lang="hi"]').setValue('नमस्ते {{ticket.requester.first_name}}');
    const notify = await addAction(w, 'notify');
    await notify().get('[data-testid="rule-notify-target"]').setValue('group');
    await notify().findAll('.action-line select')[2]!.setValue('5');
    await notify().get('input[lang="en"]').setValue('New message on {{ticket.number}}');
    await notify().get('textarea[lang="en"]').setValue('Please look.');
    await notify().get('input[type="checkbox"]').setValue(true);
    const hook = await addAction(w, 'webhook');
    await hook().get('[data-testid="rule-webhook-url"]').setValue(' https://erp.example.in/hooks/sahayak ');
    await hook().get('input[type="password"]').setValue('s3cret-s3cret-s3cret');
    const apply = await addAction(w, 'apply_macro');
    expect(apply().findAll('select')[1]!.findAll('option').map((o) => o.text())).toEqual(['Choose a shared macro', 'Close: resolved']);
    await apply().findAll('select')[1]!.setValue('3');
    const robin = await addAction(w, 'round_robin');
    await robin().findAll('select')[1]!.setValue('2');
    await w.get('[data-testid="rule-editor"]').trigger('submit');
    await flushPromises();
    expect((server.callsTo('POST', TRIGGERS)[0]!.body as { actions: unknown }).actions).toEqual([
      { type: 'reply', value: { hi: 'नमस्ते {{ticket.requester.first_name}}' } },
      {
        type: 'notify',
        target: 'group',
        id: 5,
        subject: { en: 'New message on {{ticket.number}}' },
        value: { en: 'Please look.' },
        respect_business_hours: true,
      },
      { type: 'webhook', url: 'https://erp.example.in/hooks/sahayak', secret: 's3cret-s3cret-s3cret' },
      { type: 'apply_macro', value: 3 },
      { type: 'round_robin', value: 2 },
    ]);
  });

  it('keeps a webhook’s secret unless a new one is typed', async () => {
    triggers[0] = trigger({ actions: [{ type: 'webhook', url: 'https://erp.example.in/h', secret_set: true }] });
    server.on('PATCH', `${TRIGGERS}/1`, (call) => json(200, trigger({ ...(call.body as object), version: 4 })));
    server.on('POST', `${TRIGGERS}/preview`, () => json(200, previewAnswer()));
    const { wrapper: w } = await open();
    await rows(w)[0]!.get('[data-testid="rule-edit"]').trigger('click');
    await flushPromises();
    expect(actionRows(w)[0]!.text()).toContain('A secret is set.');
    await w.get('[data-testid="rule-editor"]').trigger('submit');
    await flushPromises();
    expect((server.callsTo('PATCH', `${TRIGGERS}/1`)[0]!.body as { actions: unknown }).actions).toEqual([
      { type: 'webhook', url: 'https://erp.example.in/h' },
    ]);
  });

  it('moves a trigger down, switches one off and deletes one after asking', async () => {
    for (const id of [1, 2]) {
      server.on('PATCH', `${TRIGGERS}/${id}`, (call) => {
        const i = triggers.findIndex((r) => r.id === id);
        triggers[i] = { ...triggers[i]!, ...(call.body as object), version: triggers[i]!.version + 1 };
        return json(200, triggers[i]);
      });
    }
    server.on('DELETE', `${TRIGGERS}/1`, () => json(204, null));
    const { wrapper: w } = await open();
    await rows(w)[0]!.get('[data-testid="rule-move-down"]').trigger('click');
    await flushPromises();
    expect(server.calls.filter((c) => c.method === 'PATCH').map((c) => [c.path, c.body, c.headers.get('If-Match')])).toEqual([
      [`${TRIGGERS}/2`, { position: 0 }, '"1"'],
      [`${TRIGGERS}/1`, { position: 1 }, '"3"'],
    ]);
    expect(rows(w).map((r) => r.attributes('data-id'))).toEqual(['2', '1']);
    expect(w.get('[data-testid="rule-notice"]').text()).toBe('Moved “Urgent for enterprise” down to place 2.');
    expect(document.activeElement).toBe(rows(w)[1]!.get('[data-testid="rule-move-up"]').element);

    await rows(w)[0]!.get('[data-testid="rule-toggle"]').trigger('click');
    await flushPromises();
    expect(server.callsTo('PATCH', `${TRIGGERS}/2`).at(-1)!.body).toEqual({ active: false });
    expect(rows(w)[0]!.get('[data-testid="rule-active-pill"]').text()).toBe('Off');
    expect(w.get('[data-testid="rule-notice"]').text()).toBe('“Parcel delivered” is off.');

    const urgent = rows(w)[1]!;
    await urgent.get('[data-testid="rule-delete"]').trigger('click');
    expect(server.callsTo('DELETE', `${TRIGGERS}/1`)).toHaveLength(0);
    await urgent.get('.confirm-ask button.danger').trigger('click');
    await flushPromises();
    expect(rows(w).map((r) => r.attributes('data-id'))).toEqual(['2']);
    expect(w.get('[data-testid="rule-notice"]').text()).toBe('Deleted “Urgent for enterprise”.');
  });

  it('says when the fields cannot be loaded, and lets the admin try again', async () => {
    server.on('GET', '/api/v1/rules/fields', problem(503, 'unavailable'));
    const { wrapper: w } = await open();
    expect(w.get('[data-testid="rule-vocabulary-error"]').text()).toContain('rules cannot be edited now');
    expect(w.get('[data-testid="rule-create"]').attributes('disabled')).toBeDefined();
    server.on('GET', '/api/v1/rules/fields', RULE_VOCABULARY);
    await w.get('[data-testid="rule-vocabulary-error"] button').trigger('click');
    await flushPromises();
    expect(w.find('[data-testid="rule-vocabulary-error"]').exists()).toBe(false);
    expect(w.get('[data-testid="rule-create"]').attributes('disabled')).toBeUndefined();
  });
});

describe('AutomationsAdmin', () => {
  it('lists automations by what they wait for', async () => {
    const { wrapper: w, router } = await open('automation');
    expect(router.currentRoute.value.name).toBe('admin-automations');
    expect(w.get('h1').text()).toBe('Automations');
    expect(w.find('[data-testid="rule-move-up"]').exists()).toBe(false);
    const when = rows(w)[0]!.get('[data-testid="rule-when"]');
    expect(when.text()).toContain('Checked as time passes, when:');
    expect(when.findAll('li').map((li) => li.text())).toEqual(['Hours in the current status is more than 96']);
  });

  it('creates an automation: no events, no position, hours as a decimal', async () => {
    server.on('POST', `${AUTOMATIONS}/preview`, () => json(200, previewAnswer({ count: 0, tickets: [] })));
    server.on('POST', AUTOMATIONS, (call) => json(201, automation({ id: 30, ...(call.body as object) })));
    const { wrapper: w } = await open('automation');
    await w.get('[data-testid="rule-create"]').trigger('click');
    expect(w.find('[data-testid="rule-events"]').exists()).toBe(false);
    await w.get('[data-testid="rule-name"]').setValue('Remind after a day and a half');
    await addCondition(w, 'status', 'is', 'pending');
    await addCondition(w, 'hours_since_status_changed', 'greater_than', '36,5');
    await w.get('[data-testid="rule-preview-run"]').trigger('click');
    await flushPromises();
    expect(server.callsTo('POST', `${AUTOMATIONS}/preview`)[0]!.body).toMatchObject({ events: [] });
    expect(w.get('[data-testid="rule-preview-count"]').text()).toBe('No open ticket matches now');
    await w.get('[data-testid="rule-editor"]').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', AUTOMATIONS)[0]!.body).toEqual({
      name: 'Remind after a day and a half',
      description: '',
      active: true,
      conditions: {
        all: [
          { field: 'status', operator: 'is', value: 'pending' },
          { field: 'hours_since_status_changed', operator: 'greater_than', value: 36.5 },
        ],
        any: [],
      },
      actions: [],
    });
  });

  it('shows a refusal of the whole list beside it', async () => {
    server.on(
      'POST',
      AUTOMATIONS,
      problem(422, 'validation', 'bad', [{ field: 'conditions.all', message: 'an automation needs a time condition among all' }]),
    );
    const { wrapper: w } = await open('automation');
    await w.get('[data-testid="rule-create"]').trigger('click');
    await w.get('[data-testid="rule-name"]').setValue('No time');
    await addCondition(w, 'status', 'is', 'pending');
    await w.get('[data-testid="rule-editor"]').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="rule-conditions-all"] [data-testid="rule-list-error"]').text()).toBe(
      'an automation needs a time condition among all',
    );
  });
});

describe('the rules screens in Hindi and Kannada', () => {
  it('speak the agent’s language', async () => {
    serve('hi');
    const hi = await open('trigger', 'hi');
    expect(hi.wrapper.get('h1').text()).toBe('ट्रिगर');
    expect(rows(hi.wrapper)[0]!.get('[data-testid="rule-when"]').text()).toBe('टिकट बना');
    expect(rows(hi.wrapper)[0]!.get('[data-testid="rule-runs"]').text()).toContain('12 बार चला');
    hi.wrapper.unmount();
    wrapper = null;

    serve('kn');
    const kn = await open('automation', 'kn');
    expect(kn.wrapper.get('h1').text()).toBe('ಸ್ವಯಂಚಾಲನೆಗಳು');
    expect(rows(kn.wrapper)[0]!.get('[data-testid="rule-when"] li').text()).toBe('ಈಗಿನ ಸ್ಥಿತಿಯಲ್ಲಿರುವ ಗಂಟೆಗಳು 96ಕ್ಕಿಂತ ಹೆಚ್ಚು');
    await kn.wrapper.get('[data-testid="rule-create"]').trigger('click');
    expect(kn.wrapper.get('[data-testid="rule-conditions-all"] legend').text()).toBe('ಇವೆಲ್ಲವೂ');
  });
});
