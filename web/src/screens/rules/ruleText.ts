// Rules in the agent's language: fields, operators, events and values by name (the server's
// vocabulary carries English labels; custom fields keep the label the admin gave them), and a
// condition as a sentence ("Priority is Urgent") for the list and the preview's notes.
import { useI18n } from 'vue-i18n';
import type { RuleCondition, RuleEvent, RuleFieldSpec, RuleOperator } from '../../api/rules';
import type { Agent, Group } from '../../api/types';
import { idSource, NONE, NO_VALUE_OPERATORS } from './conditionDraft';

/** Catalogue keys cannot hold dots: "requester.email" → "requester_email". */
export function keyOf(name: string): string {
  return name.replace(/\./g, '_');
}

/** Where the console already has words for an enum field's values. */
const VALUE_CATALOGUES: Readonly<Record<string, string>> = {
  status: 'status',
  priority: 'priority',
  type: 'type',
  channel: 'channel',
  'message.channel': 'channel',
  tier: 'customer.tier',
  'shipment.status': 'shipments.status',
  'sla.metric': 'sla.metrics',
};

export interface Choice {
  value: string;
  label: string;
}

export function useRuleText(directory: { groups: () => readonly Group[]; agents: () => readonly Agent[] }) {
  const { t, te } = useI18n();

  function fieldLabel(spec: RuleFieldSpec | undefined, name: string): string {
    if (spec && name.startsWith('custom_fields.')) return spec.label;
    const key = `rules.fields.${keyOf(name)}`;
    return te(key) ? t(key) : (spec?.label ?? name);
  }

  function operatorLabel(op: RuleOperator): string {
    return t(`rules.operators.${op}`);
  }

  function eventLabel(e: RuleEvent | string): string {
    const key = `rules.events.${keyOf(e)}`;
    return te(key) ? t(key) : e;
  }

  function enumLabel(field: string, value: string): string {
    const base = VALUE_CATALOGUES[field];
    const key = base ? `${base}.${value}` : '';
    return key && te(key) ? t(key) : value;
  }

  /** What a builder offers for `spec`'s value: its enum values, or the groups or agents. */
  function choices(spec: RuleFieldSpec | undefined): Choice[] {
    if (!spec) return [];
    if (spec.kind === 'enum') return spec.values.map((v) => ({ value: v, label: enumLabel(spec.name, v) }));
    const source = idSource(spec);
    if (source === null) return [];
    const none: Choice[] = spec.nullable
      ? [{ value: NONE, label: t(source === 'groups' ? 'rules.builder.noGroup' : 'rules.builder.unassigned') }]
      : [];
    const list =
      source === 'groups'
        ? directory.groups().map((g) => ({ value: String(g.id), label: g.name }))
        : directory.agents().map((a) => ({ value: String(a.id), label: a.name }));
    return [...none, ...list];
  }

  /** One value as words: an enum's label, a group's or agent's name, yes or no. */
  function valueText(spec: RuleFieldSpec | undefined, v: unknown): string {
    if (spec?.kind === 'bool' && typeof v === 'boolean') return t(v ? 'admin.common.yes' : 'admin.common.no');
    if (spec && (spec.kind === 'enum' || idSource(spec) !== null)) {
      const s = v === null ? NONE : String(v);
      return choices(spec).find((c) => c.value === s)?.label ?? (v === null ? t('rules.builder.none') : `#${s}`);
    }
    if (v === null || v === undefined) return t('rules.builder.none');
    return String(v);
  }

  /** "Priority is Urgent", "Tags contain any of vip, gold", "Group is present". */
  function describe(c: RuleCondition, spec: RuleFieldSpec | undefined): string {
    const field = fieldLabel(spec, c.field);
    if (NO_VALUE_OPERATORS.includes(c.operator)) return t(`rules.summary.${c.operator}`, { field });
    const values = Array.isArray(c.value) ? (c.value as unknown[]) : [c.value];
    const value = values.map((v) => valueText(spec, v)).join(', ');
    const key = `rules.summary.${c.operator}`;
    return te(key) ? t(key, { field, value }) : `${field} ${c.operator} ${value}`;
  }

  return { fieldLabel, operatorLabel, eventLabel, enumLabel, choices, valueText, describe };
}

export type RuleText = ReturnType<typeof useRuleText>;
