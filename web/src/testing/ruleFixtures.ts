// Triggers, automations and the rules' field vocabulary as the server gives them
// (GET /api/v1/rules/fields mirrors domain/rule.cc's fields), for the rules screens' tests.
import type { Rule, RuleFieldSpec, RuleOperator, RuleVocabulary } from '../api/rules';

const ENUM: RuleOperator[] = ['is', 'is_not', 'in', 'not_in'];
const ORDERED: RuleOperator[] = [...ENUM, 'less_than', 'greater_than'];
const CHANGES: RuleOperator[] = ['changed', 'not_changed', 'changed_to', 'changed_from'];
const HOURS: RuleOperator[] = ['less_than', 'greater_than'];

function field(over: Partial<RuleFieldSpec> & Pick<RuleFieldSpec, 'name' | 'label' | 'kind'>): RuleFieldSpec {
  return { values: [], operators: ['is'], events: [], time: false, nullable: false, ...over };
}

export const RULE_FIELDS: RuleFieldSpec[] = [
  field({ name: 'status', label: 'Status', kind: 'enum', values: ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'], operators: [...ORDERED, ...CHANGES] }),
  field({ name: 'priority', label: 'Priority', kind: 'enum', values: ['low', 'normal', 'high', 'urgent'], operators: [...ORDERED, ...CHANGES] }),
  field({ name: 'channel', label: 'Channel', kind: 'enum', values: ['email', 'chat', 'phone', 'social', 'web', 'portal', 'api'], operators: ENUM }),
  field({ name: 'group_id', label: 'Group', kind: 'id', operators: [...ENUM, 'present', 'blank', ...CHANGES], nullable: true }),
  field({ name: 'assignee_id', label: 'Assignee', kind: 'id', operators: [...ENUM, 'present', 'blank', ...CHANGES], nullable: true }),
  field({ name: 'organisation_id', label: 'Organisation', kind: 'id', operators: [...ENUM, 'present', 'blank'], nullable: true }),
  field({ name: 'tier', label: 'Organisation tier', kind: 'enum', values: ['basic', 'standard', 'premium', 'enterprise'], operators: [...ORDERED, 'present', 'blank'] }),
  field({ name: 'tags', label: 'Tags', kind: 'tags', operators: ['contains_any', 'contains_none', 'contains_all', 'changed', 'not_changed'] }),
  field({ name: 'subject', label: 'Subject', kind: 'text', operators: ['contains', 'not_contains', 'is', 'is_not'] }),
  field({ name: 'within_business_hours', label: 'Within business hours', kind: 'bool', operators: ['is'] }),
  field({ name: 'message.body', label: 'Message text', kind: 'text', operators: ['contains', 'not_contains'], events: ['message.received', 'ticket.created'] }),
  field({ name: 'shipment.status', label: 'Parcel status', kind: 'enum', values: ['booked', 'in_transit', 'delivered'], operators: ENUM, events: ['tracking.event'] }),
  field({ name: 'hours_since_created', label: 'Hours since created', kind: 'hours', operators: HOURS, time: true }),
  field({ name: 'hours_since_status_changed', label: 'Hours in the current status', kind: 'hours', operators: HOURS, time: true }),
  field({ name: 'custom_fields.order_value', label: 'Order value (₹)', kind: 'number', operators: ['is', 'is_not', 'less_than', 'greater_than', 'present', 'blank', ...CHANGES], nullable: true }),
  field({ name: 'custom_fields.delivery_date', label: 'Delivery date', kind: 'date', operators: ['is', 'less_than', 'greater_than', 'present', 'blank', ...CHANGES], nullable: true }),
];

export const RULE_VOCABULARY: RuleVocabulary = {
  fields: RULE_FIELDS,
  events: ['ticket.created', 'ticket.updated', 'message.received', 'chat.started', 'tracking.event', 'sla.warning', 'sla.breached'],
  actions: [
    'set_status',
    'set_priority',
    'set_group',
    'set_assignee',
    'add_tags',
    'remove_tags',
    'set_custom_field',
    'add_note',
    'reply',
    'notify',
    'webhook',
    'apply_macro',
    'round_robin',
  ],
};

const T0 = '2026-12-01T10:00:00.000Z';

export function trigger(over: Partial<Rule> = {}): Rule {
  return {
    id: 1,
    kind: 'trigger',
    name: 'Urgent for enterprise',
    description: 'Enterprise customers are answered first',
    position: 0,
    active: true,
    events: ['ticket.created'],
    conditions: { all: [{ field: 'tier', operator: 'is', value: 'enterprise' }], any: [] },
    actions: [
      { type: 'set_priority', value: 'urgent' },
      { type: 'add_tags', value: ['vip'] },
    ],
    run_count: 12,
    last_run_at: T0,
    created_at: T0,
    updated_at: T0,
    version: 3,
    ...over,
  };
}

export function automation(over: Partial<Rule> = {}): Rule {
  return {
    id: 21,
    kind: 'automation',
    name: 'Close solved tickets',
    description: '',
    position: 0,
    active: true,
    events: [],
    conditions: {
      all: [
        { field: 'status', operator: 'is', value: 'solved' },
        { field: 'hours_since_status_changed', operator: 'greater_than', value: 96 },
      ],
      any: [],
    },
    actions: [{ type: 'set_status', value: 'closed' }],
    run_count: 0,
    last_run_at: null,
    created_at: T0,
    updated_at: T0,
    version: 1,
    ...over,
  };
}
