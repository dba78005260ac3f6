// The condition builder on its own: the fields offered follow the rule's kind and events, the
// operators follow the field, the value's input follows the field's kind and the operator, and
// the messages the editor hands it appear at the row and the member they name.
import { mount, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, reactive } from 'vue';
import type { RuleEvent, RuleKind } from '../../api/rules';
import type { Language } from '../../api/types';
import { i18n, setLanguage } from '../../i18n';
import { agent, group } from '../../testing/fixtures';
import { RULE_FIELDS } from '../../testing/ruleFixtures';
import ConditionBuilder from './ConditionBuilder.vue';
import type { ConditionDraft, RowMessage } from './conditionDraft';
import { useRuleText } from './ruleText';

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

interface Setup {
  kind?: RuleKind;
  events?: RuleEvent[];
  all?: ConditionDraft[];
  messages?: Record<number, RowMessage[]>;
  listMessages?: string[];
  locale?: Language;
}

function build(setup: Setup = {}) {
  setLanguage(setup.locale ?? 'en');
  const conditions = reactive({ all: setup.all ?? [], any: [] as ConditionDraft[] });
  const events = reactive<RuleEvent[]>(setup.events ?? ['ticket.created']);
  const groups = [group({ id: 2, name: 'Shipping' }), group({ id: 5, name: 'Billing' })];
  const agents = [agent({ id: 7, name: 'Meera Rao' }), agent({ id: 9, name: 'Gone', active: false })];
  const Host = defineComponent({
    setup() {
      const text = useRuleText({ groups: () => groups, agents: () => agents });
      return () =>
        h(ConditionBuilder, {
          conditions,
          kind: setup.kind ?? 'trigger',
          events,
          specs: RULE_FIELDS,
          text,
          rowMessages: (_list: 'all' | 'any', key: number) => setup.messages?.[key] ?? [],
          listMessages: (list: 'all' | 'any') => (list === 'all' ? (setup.listMessages ?? []) : []),
        });
    },
  });
  wrapper = mount(Host, { global: { plugins: [createPinia(), i18n] }, attachTo: document.body });
  return { w: wrapper, conditions, events };
}

const optionValues = (el: ReturnType<VueWrapper['get']>) =>
  el.findAll('option').map((o) => (o.element as HTMLOptionElement).value);

async function addRow(w: VueWrapper, field: string) {
  await w.get('[data-testid="rule-add-all"]').trigger('click');
  const rows = w.findAll('[data-testid="rule-conditions-all"] [data-testid="rule-condition"]');
  const last = rows[rows.length - 1]!;
  await last.get('[data-testid="rule-condition-field"]').setValue(field);
  return () => w.findAll('[data-testid="rule-conditions-all"] [data-testid="rule-condition"]')[rows.length - 1]!;
}

describe('ConditionBuilder', () => {
  it('offers a trigger the ticket and its events’ fields, and an automation the time fields', async () => {
    const { w, events } = build({ events: ['ticket.created'] });
    await w.get('[data-testid="rule-add-all"]').trigger('click');
    const fields = () => optionValues(w.get('[data-testid="rule-condition-field"]'));
    expect(fields()).toContain('message.body');
    expect(fields()).not.toContain('hours_since_created');
    expect(fields()).not.toContain('shipment.status');
    expect(w.findAll('[data-testid="rule-condition-field"] optgroup').map((g) => g.attributes('label'))).toEqual([
      'The ticket',
      'The event',
      'Custom fields',
    ]);
    events.push('ticket.updated');
    await w.vm.$nextTick();
    expect(fields()).not.toContain('message.body');
    wrapper!.unmount();

    const automation = build({ kind: 'automation', events: [] });
    await automation.w.get('[data-testid="rule-add-all"]').trigger('click');
    const offered = optionValues(automation.w.get('[data-testid="rule-condition-field"]'));
    expect(offered).toContain('hours_since_created');
    expect(offered).not.toContain('message.body');
    // A new row has nothing chosen: the builder asks for a field first.
    expect((automation.w.get('[data-testid="rule-condition-field"]').element as HTMLSelectElement).value).toBe('');
  });

  it('follows the field with its operators and the operator with the value’s input', async () => {
    const { w, conditions } = build({ events: ['ticket.updated'] });
    const priority = await addRow(w, 'priority');
    expect(optionValues(priority().get('[data-testid="rule-condition-operator"]'))).toEqual([
      'is',
      'is_not',
      'in',
      'not_in',
      'less_than',
      'greater_than',
      'changed',
      'not_changed',
      'changed_to',
      'changed_from',
    ]);
    // An enum: its values by name, the first chosen.
    const value = priority().get('[data-testid="rule-condition-value"]');
    expect(value.element.tagName).toBe('SELECT');
    expect(value.findAll('option').map((o) => o.text())).toEqual(['Low', 'Normal', 'High', 'Urgent']);
    expect(conditions.all[0]).toMatchObject({ field: 'priority', operator: 'is', value: 'low' });
    // A list: chips.
    await priority().get('[data-testid="rule-condition-operator"]').setValue('in');
    const chips = priority().findAll('[data-testid="rule-condition-value"] input[type="checkbox"]');
    expect(chips).toHaveLength(4);
    await chips[3]!.setValue(true);
    await chips[2]!.setValue(true);
    expect(conditions.all[0]!.values).toEqual(['low', 'high', 'urgent']);
    // No value.
    await priority().get('[data-testid="rule-condition-operator"]').setValue('changed');
    expect(priority().find('[data-testid="rule-condition-value"]').exists()).toBe(false);

    // Tags take a list typed with commas; hours a number; a flag yes or no; a group by name.
    const tags = await addRow(w, 'tags');
    expect(optionValues(tags().get('[data-testid="rule-condition-operator"]'))).toEqual([
      'contains_any',
      'contains_none',
      'contains_all',
      'changed',
      'not_changed',
    ]);
    expect(tags().get('[data-testid="rule-condition-value"]').attributes('type')).toBe('text');
    expect(tags().text()).toContain('Separate values with commas.');

    const flag = await addRow(w, 'within_business_hours');
    expect(flag().get('[data-testid="rule-condition-value"]').findAll('option').map((o) => o.text())).toEqual(['Yes', 'No']);

    const groupRow = await addRow(w, 'group_id');
    expect(groupRow().get('[data-testid="rule-condition-value"]').findAll('option').map((o) => o.text())).toEqual([
      'Choose a value',
      'No group',
      'Shipping',
      'Billing',
    ]);
    const assignee = await addRow(w, 'assignee_id');
    expect(assignee().get('[data-testid="rule-condition-value"]').findAll('option').map((o) => o.text())).toContain('Unassigned');
    const org = await addRow(w, 'organisation_id');
    expect(org().get('[data-testid="rule-condition-value"]').attributes('inputmode')).toBe('numeric');
    const date = await addRow(w, 'custom_fields.delivery_date');
    expect(date().get('[data-testid="rule-condition-value"]').attributes('type')).toBe('date');
    // A custom field keeps the label its admin gave it.
    expect(date().get('[data-testid="rule-condition-field"] option:checked').text()).toBe('Delivery date');
  });

  it('takes decimal hours in an automation', async () => {
    const { w, conditions } = build({ kind: 'automation', events: [] });
    const hours = await addRow(w, 'hours_since_created');
    expect(optionValues(hours().get('[data-testid="rule-condition-operator"]'))).toEqual(['less_than', 'greater_than']);
    const input = hours().get('[data-testid="rule-condition-value"]');
    expect(input.attributes('inputmode')).toBe('decimal');
    await input.setValue('1.5');
    expect(conditions.all[0]).toMatchObject({ field: 'hours_since_created', operator: 'less_than', value: '1.5' });
    expect(hours().text()).toContain('decimals are allowed');
  });

  it('keeps a row whose field the events no longer allow, saying so', async () => {
    const { w, events } = build({
      events: ['ticket.created'],
      all: [{ key: 41, field: 'message.body', operator: 'contains', value: 'refund', values: [] }],
    });
    expect(w.find('[data-testid="rule-condition-unavailable"]').exists()).toBe(false);
    events.push('ticket.updated');
    await w.vm.$nextTick();
    const field = w.get('[data-testid="rule-condition-field"]');
    expect((field.element as HTMLSelectElement).value).toBe('message.body');
    expect(field.get('option:checked').text()).toBe('Message text (not available here)');
    expect(w.get('[data-testid="rule-condition-unavailable"]').text()).toContain('not known on every event');
  });

  it('shows each message at the row and member it names, and a list’s own beside the list', async () => {
    const { w } = build({
      all: [
        { key: 1, field: 'priority', operator: 'is', value: 'high', values: [] },
        { key: 2, field: 'hours_since_created', operator: 'greater_than', value: '2', values: [] },
      ],
      messages: {
        2: [{ member: 'field', text: 'hours_since_created is a time condition: use it in an automation' }],
      },
      listMessages: ['an automation needs a time condition'],
    });
    const rows = w.findAll('[data-testid="rule-condition"]');
    expect(rows[0]!.find('[data-testid="rule-condition-error"]').exists()).toBe(false);
    expect(rows[1]!.get('[data-testid="rule-condition-error"]').text()).toBe(
      'hours_since_created is a time condition: use it in an automation',
    );
    expect(rows[1]!.get('[data-testid="rule-condition-field"]').attributes('aria-invalid')).toBe('true');
    expect(rows[1]!.get('[data-testid="rule-condition-value"]').attributes('aria-invalid')).toBeUndefined();
    expect(w.get('[data-testid="rule-conditions-all"] [data-testid="rule-list-error"]').text()).toBe(
      'an automation needs a time condition',
    );
  });

  it('removes a row and speaks Hindi', async () => {
    const { w, conditions } = build({
      locale: 'hi',
      all: [{ key: 5, field: 'priority', operator: 'is', value: 'urgent', values: [] }],
    });
    expect(w.get('[data-testid="rule-conditions-all"] legend').text()).toBe('ये सभी');
    expect(w.get('[data-testid="rule-condition-operator"] option:checked').text()).toBe('बराबर है');
    await w.get('[data-testid="rule-condition-remove"]').trigger('click');
    expect(conditions.all).toHaveLength(0);
    setLanguage('en');
  });
});
