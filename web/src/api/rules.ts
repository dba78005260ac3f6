// Business rules (docs/automation.md): triggers act on events as they happen, automations on
// time, checked by the server as time passes. Both are conditions over a ticket ({"all": […],
// "any": […]}) and actions in macros' vocabulary plus four of their own (notify, webhook,
// apply_macro, round_robin). /api/v1/triggers and /api/v1/automations have the same shape;
// /api/v1/rules/fields is the vocabulary the condition builder offers. Only admins use them.
import { api as defaultApi, type ApiClient } from './client';
import type { Id, Language, Ticket, Timestamp } from './types';

export const RULE_KINDS = ['trigger', 'automation'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RULE_EVENTS = [
  'ticket.created',
  'ticket.updated',
  'message.received',
  'chat.started',
  'tracking.event',
  'sla.warning',
  'sla.breached',
] as const;
export type RuleEvent = (typeof RULE_EVENTS)[number];

export const RULE_OPERATORS = [
  'is',
  'is_not',
  'in',
  'not_in',
  'less_than',
  'greater_than',
  'contains',
  'not_contains',
  'contains_any',
  'contains_none',
  'contains_all',
  'present',
  'blank',
  'changed',
  'not_changed',
  'changed_to',
  'changed_from',
] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** What kind of value a field holds; it decides the operators and the value input. */
export const FIELD_KINDS = ['enum', 'text', 'id', 'tags', 'number', 'bool', 'hours', 'date'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** One field conditions may test, as GET /api/v1/rules/fields describes it. */
export interface RuleFieldSpec {
  /** As written in conditions: "status", "requester.email", "custom_fields.size". */
  name: string;
  /** English (the console translates the fixed fields by name; custom fields keep theirs). */
  label: string;
  kind: FieldKind;
  /** Enum values in order (priority: low … urgent). */
  values: string[];
  operators: RuleOperator[];
  /** Non-empty: an event's fact, known only to triggers on these events. */
  events: RuleEvent[];
  /** A time condition: automations only. */
  time: boolean;
  /** `null` is a value (no group, unassigned). */
  nullable: boolean;
}

export interface RuleVocabulary {
  fields: RuleFieldSpec[];
  events: RuleEvent[];
  actions: string[];
}

export interface RuleCondition {
  field: string;
  operator: RuleOperator;
  /** Absent for present, blank, changed and not_changed; an array for in, not_in, contains_*. */
  value?: unknown;
}

export interface RuleConditions {
  all: RuleCondition[];
  any: RuleCondition[];
}

export type TextVariants = Partial<Record<Language, string>>;
export const NOTIFY_TARGETS = ['requester', 'assignee', 'group', 'agent'] as const;
export type NotifyTarget = (typeof NOTIFY_TARGETS)[number];

/** An action: macros' vocabulary (docs/macros.md) and the rules' own four. */
export interface RuleAction {
  type: string;
  value?: unknown;
  /** set_custom_field: the field's key. */
  field?: string;
  /** notify */
  target?: NotifyTarget;
  id?: Id;
  subject?: TextVariants;
  respect_business_hours?: boolean;
  /** webhook */
  url?: string;
  /** webhook: write-only; sent to set a new one, never returned. */
  secret?: string;
  /** webhook: the server has a secret for it (returned instead of the secret). */
  secret_set?: boolean;
}

export interface Rule {
  id: Id;
  kind: RuleKind;
  name: string;
  description: string;
  position: number;
  active: boolean;
  /** Triggers: what they fire on (at least one). Automations: empty. */
  events: RuleEvent[];
  conditions: RuleConditions;
  actions: RuleAction[];
  run_count: number;
  last_run_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

/** What a create sends (all of it) or an update (only what changed). */
export interface RuleInput {
  name?: string;
  description?: string;
  position?: number;
  active?: boolean;
  events?: RuleEvent[];
  conditions?: RuleConditions;
  actions?: RuleAction[];
}

/** Which open tickets the conditions match now. */
export interface RulePreview {
  count: number;
  scanned: number;
  /** False when there were more open tickets than the server reads for a preview. */
  complete?: boolean;
  /** The first matches, at most 25. */
  tickets: Ticket[];
  /** Conditions that need an event and were not checked: "conditions.all[1]". */
  skipped: string[];
}

const BASES: Readonly<Record<RuleKind, string>> = {
  trigger: '/api/v1/triggers',
  automation: '/api/v1/automations',
};

function ifMatch(version?: number): Record<string, string> {
  return version === undefined ? {} : { 'If-Match': `"${version}"` };
}

export function rulesApi(kind: RuleKind, client: ApiClient = defaultApi) {
  const base = BASES[kind];
  return {
    /** Every rule of the kind; triggers in the order they run. */
    list: async (): Promise<Rule[]> => (await client.get<{ data: Rule[] }>(base)).data,
    get: (id: Id) => client.get<Rule>(`${base}/${id}`),
    /** 201 with the rule; 422 names each bad member (`conditions.all[2].value`, `actions[1]`). */
    create: (body: RuleInput) => client.post<Rule>(base, body),
    /** With `version`, only if nobody changed the rule since (412 otherwise). */
    update: (id: Id, changes: RuleInput, version?: number) =>
      client.patch<Rule>(`${base}/${id}`, changes, { headers: ifMatch(version) }),
    remove: (id: Id) => client.delete(`${base}/${id}`),
    /** Writes nothing; 422 as create for bad conditions. */
    preview: (body: { events: RuleEvent[]; conditions: RuleConditions }, signal?: AbortSignal) =>
      client.post<RulePreview>(`${base}/preview`, body, signal ? { signal } : {}),
  };
}

export type RulesApi = ReturnType<typeof rulesApi>;

/** The fields, events and actions rules may use in this workspace (custom fields included). */
export function ruleVocabulary(client: ApiClient = defaultApi): Promise<RuleVocabulary> {
  return client.get<RuleVocabulary>('/api/v1/rules/fields');
}
