// The condition builder's rules without the page: which fields a trigger or an automation may
// test, which operators follow, which input a value takes per kind and operator, the condition
// a row sends and the row a condition comes back as, and the checks made before sending.
import { describe, expect, it } from 'vitest';
import type { RuleFieldSpec } from '../../api/rules';
import { RULE_FIELDS } from '../../testing/ruleFixtures';
import {
  changeOperator,
  checkRow,
  fieldAvailable,
  fromCondition,
  operatorsFor,
  toCondition,
  valueInput,
  type ConditionDraft,
} from './conditionDraft';

const spec = (name: string): RuleFieldSpec => RULE_FIELDS.find((s) => s.name === name)!;
const row = (over: Partial<ConditionDraft>): ConditionDraft => ({ key: 1, field: '', operator: '', value: '', values: [], ...over });

describe('which fields and operators a rule may use', () => {
  it('offers time fields to automations only, and event facts to triggers on those events only', () => {
    const available = (kind: 'trigger' | 'automation', events: Parameters<typeof fieldAvailable>[2]) =>
      RULE_FIELDS.filter((s) => fieldAvailable(s, kind, events)).map((s) => s.name);
    expect(available('automation', [])).not.toContain('message.body');
    expect(available('automation', [])).toContain('hours_since_created');
    expect(available('trigger', ['ticket.created'])).toContain('message.body');
    expect(available('trigger', ['ticket.created'])).not.toContain('hours_since_created');
    // A trigger on ticket.updated too cannot rely on the message's text.
    expect(available('trigger', ['ticket.created', 'ticket.updated'])).not.toContain('message.body');
    expect(available('trigger', ['tracking.event'])).toContain('shipment.status');
    expect(available('trigger', [])).not.toContain('shipment.status');
  });

  it('offers "changed" operators only to triggers on ticket.updated alone', () => {
    const status = spec('status');
    expect(operatorsFor(status, 'trigger', ['ticket.updated'])).toContain('changed_to');
    expect(operatorsFor(status, 'trigger', ['ticket.updated', 'ticket.created'])).not.toContain('changed_to');
    expect(operatorsFor(status, 'automation', [])).toEqual(['is', 'is_not', 'in', 'not_in', 'less_than', 'greater_than']);
  });
});

describe('the value input follows the kind and the operator', () => {
  it.each([
    ['priority', 'is', 'select'],
    ['priority', 'in', 'multi'],
    ['priority', 'changed', 'none'],
    ['group_id', 'is', 'select'],
    ['assignee_id', 'not_in', 'multi'],
    ['organisation_id', 'is', 'id'],
    ['organisation_id', 'in', 'list-number'],
    ['tags', 'contains_any', 'list-text'],
    ['subject', 'contains', 'text'],
    ['within_business_hours', 'is', 'bool'],
    ['hours_since_created', 'greater_than', 'number'],
    ['custom_fields.order_value', 'less_than', 'number'],
    ['custom_fields.delivery_date', 'is', 'date'],
    ['group_id', 'blank', 'none'],
  ] as const)('%s %s → %s', (field, op, input) => {
    expect(valueInput(spec(field), op)).toBe(input);
  });
});

describe('rows and conditions', () => {
  it('sends each kind as the API takes it', () => {
    expect(toCondition(row({ field: 'tier', operator: 'is', value: 'enterprise' }), spec('tier'))).toEqual({
      field: 'tier',
      operator: 'is',
      value: 'enterprise',
    });
    expect(toCondition(row({ field: 'group_id', operator: 'in', values: ['2', 'null'] }), spec('group_id')).value).toEqual([2, null]);
    expect(toCondition(row({ field: 'assignee_id', operator: 'is', value: 'null' }), spec('assignee_id')).value).toBeNull();
    expect(toCondition(row({ field: 'tags', operator: 'contains_all', value: ' vip, gold ,, ' }), spec('tags')).value).toEqual(['vip', 'gold']);
    expect(toCondition(row({ field: 'hours_since_created', operator: 'greater_than', value: '1,5' }), spec('hours_since_created')).value).toBe(1.5);
    expect(toCondition(row({ field: 'within_business_hours', operator: 'is', value: 'false' }), spec('within_business_hours')).value).toBe(false);
    expect(toCondition(row({ field: 'organisation_id', operator: 'not_in', value: '4, 9' }), spec('organisation_id')).value).toEqual([4, 9]);
    // No value member at all for the operators that take none.
    expect(toCondition(row({ field: 'group_id', operator: 'present', value: '2' }), spec('group_id'))).toEqual({
      field: 'group_id',
      operator: 'present',
    });
  });

  it('reads stored conditions back into rows that send the same', () => {
    const stored = [
      { field: 'priority', operator: 'in', value: ['high', 'urgent'] },
      { field: 'group_id', operator: 'is', value: null },
      { field: 'tags', operator: 'contains_none', value: ['spam', 'test'] },
      { field: 'hours_since_created', operator: 'less_than', value: 0.5 },
      { field: 'within_business_hours', operator: 'is', value: true },
      { field: 'status', operator: 'changed' },
    ] as const;
    for (const c of stored) {
      const d = fromCondition(1, c, spec(c.field));
      expect(toCondition(d, spec(c.field))).toEqual(c);
    }
    expect(fromCondition(1, stored[2], spec('tags')).value).toBe('spam, test');
  });

  it('keeps what was typed when the operator switches between one value and a list', () => {
    const d = row({ field: 'priority', operator: 'is', value: 'high' });
    changeOperator(d, spec('priority'), 'in');
    expect(d.values).toEqual(['high']);
    changeOperator(d, spec('priority'), 'is_not');
    expect(d.value).toBe('high');
    const tags = row({ field: 'subject', operator: 'is', value: 'refund' });
    changeOperator(tags, spec('subject'), 'contains');
    expect(tags.value).toBe('refund');
  });

  it('checks a row as the server would', () => {
    expect(checkRow(row({}), undefined)).toEqual({ member: 'field', key: 'rules.checks.field' });
    expect(checkRow(row({ field: 'priority', operator: 'in' }), spec('priority'))).toEqual({ member: 'value', key: 'rules.checks.values' });
    expect(checkRow(row({ field: 'hours_since_created', operator: 'greater_than', value: 'soon' }), spec('hours_since_created'))).toEqual({
      member: 'value',
      key: 'rules.checks.number',
    });
    expect(checkRow(row({ field: 'organisation_id', operator: 'is', value: '2.5' }), spec('organisation_id'))).toEqual({
      member: 'value',
      key: 'rules.checks.id',
    });
    expect(checkRow(row({ field: 'group_id', operator: 'is', value: '' }), spec('group_id'))).toEqual({ member: 'value', key: 'rules.checks.value' });
    expect(checkRow(row({ field: 'group_id', operator: 'blank' }), spec('group_id'))).toBeNull();
    expect(checkRow(row({ field: 'hours_since_created', operator: 'less_than', value: '0.25' }), spec('hours_since_created'))).toBeNull();
  });
});
