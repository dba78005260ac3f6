// The condition builder's rows and the rules they follow, without Vue: which fields a rule of a
// kind and its events may test, which operators a field offers, which input its value takes,
// the condition a row stands for and the row a condition comes back as, and the checks the
// server would make first. The field vocabulary (GET /api/v1/rules/fields) decides; nothing
// here lists fields by name but the two whose ids are the workspace's groups and agents.
import type {
  RuleCondition,
  RuleEvent,
  RuleFieldSpec,
  RuleKind,
  RuleOperator,
} from '../../api/rules';

/** A row of the builder; `key` keeps it apart from the others while rows come and go. */
export interface ConditionDraft {
  key: number;
  field: string;
  operator: RuleOperator | '';
  /** One value as typed; for a list typed as text, the text with its commas. */
  value: string;
  /** A list picked from choices (enum values, groups, agents); `'null'` stands for none. */
  values: string[];
}

export const NO_VALUE_OPERATORS: readonly RuleOperator[] = ['present', 'blank', 'changed', 'not_changed'];
export const LIST_OPERATORS: readonly RuleOperator[] = ['in', 'not_in', 'contains_any', 'contains_none', 'contains_all'];
/** Known only when a ticket changes: triggers that fire on ticket.updated alone. */
export const CHANGE_OPERATORS: readonly RuleOperator[] = ['changed', 'not_changed', 'changed_to', 'changed_from'];

let lastKey = 0;
/** A key no other row of this page has. */
export function newKey(): number {
  lastKey += 1;
  return lastKey;
}

/** A row with nothing chosen yet. */
export function emptyDraft(): ConditionDraft {
  return { key: newKey(), field: '', operator: '', value: '', values: [] };
}

/** The input a row's value takes. */
export type ValueInput =
  | 'none' // present, blank, changed, not_changed
  | 'select' // one of the choices
  | 'multi' // several of the choices (chips)
  | 'text'
  | 'list-text' // several texts or tags, separated by commas
  | 'number' // a number, decimals allowed (numbers, hours)
  | 'id' // a whole number (an organisation's id)
  | 'list-number' // several numbers or ids, separated by commas
  | 'bool'
  | 'date';

/** The value that stands for `null` (no group, unassigned) in choices. */
export const NONE = 'null';

/** Fields whose ids are the workspace's groups or agents: the builder offers them by name. */
export function idSource(spec: RuleFieldSpec): 'groups' | 'agents' | null {
  if (spec.kind !== 'id') return null;
  if (spec.name === 'group_id') return 'groups';
  if (spec.name === 'assignee_id') return 'agents';
  return null;
}

export function valueInput(spec: RuleFieldSpec | undefined, op: RuleOperator | ''): ValueInput {
  if (op === '' || NO_VALUE_OPERATORS.includes(op)) return 'none';
  const list = LIST_OPERATORS.includes(op);
  if (spec === undefined) return list ? 'list-text' : 'text';
  switch (spec.kind) {
    case 'enum':
      return list ? 'multi' : 'select';
    case 'id':
      if (idSource(spec) !== null) return list ? 'multi' : 'select';
      return list ? 'list-number' : 'id';
    case 'number':
    case 'hours':
      return list ? 'list-number' : 'number';
    case 'bool':
      return 'bool';
    case 'date':
      return list ? 'list-text' : 'date';
    default:
      return list ? 'list-text' : 'text';
  }
}

/** Whether a rule of `kind` firing on `events` may test `spec`. */
export function fieldAvailable(spec: RuleFieldSpec, kind: RuleKind, events: readonly RuleEvent[]): boolean {
  if (kind === 'automation') return spec.events.length === 0;
  if (spec.time) return false;
  if (spec.events.length === 0) return true;
  return events.length > 0 && events.every((e) => spec.events.includes(e));
}

/** The operators `spec` offers to a rule of `kind` on `events`, in the server's order. */
export function operatorsFor(spec: RuleFieldSpec, kind: RuleKind, events: readonly RuleEvent[]): RuleOperator[] {
  const changes = kind === 'trigger' && events.length > 0 && events.every((e) => e === 'ticket.updated');
  return spec.operators.filter((op) => changes || !CHANGE_OPERATORS.includes(op));
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function toNumber(text: string): number {
  const s = text.trim().replace(',', '.');
  return s === '' ? Number.NaN : Number(s);
}

function choiceValue(spec: RuleFieldSpec | undefined, v: string): unknown {
  if (spec?.kind === 'id') return v === NONE ? null : Number(v);
  return v;
}

/** What a row starts with for `spec` and `op`: the first choice of an enum, "yes" for a flag. */
export function defaultValue(spec: RuleFieldSpec | undefined, op: RuleOperator | ''): string {
  const input = valueInput(spec, op);
  if (input === 'select' && spec?.kind === 'enum') return spec.values[0] ?? '';
  if (input === 'bool') return 'true';
  return '';
}

/** Changes a row's operator, keeping what was typed where the value's input allows. */
export function changeOperator(d: ConditionDraft, spec: RuleFieldSpec | undefined, op: RuleOperator): void {
  const before = valueInput(spec, d.operator);
  const after = valueInput(spec, op);
  d.operator = op;
  if (before === after) return;
  const one = (['select', 'text', 'number', 'id', 'bool', 'date'] as const) as readonly ValueInput[];
  if (after === 'multi') {
    d.values = one.includes(before) && d.value !== '' ? [d.value] : [];
  } else if (after === 'list-text' || after === 'list-number') {
    d.value = before === 'multi' ? d.values.join(', ') : d.value;
  } else if (after === 'none') {
    // Nothing to keep; what was typed stays for a switch back.
  } else if (before === 'multi') {
    d.value = d.values[0] ?? defaultValue(spec, op);
  } else if (before === 'list-text' || before === 'list-number') {
    d.value = splitList(d.value)[0] ?? defaultValue(spec, op);
  } else if (before === 'none' && d.value === '') {
    d.value = defaultValue(spec, op);
  } else if (after === 'bool' || after === 'select') {
    d.value = defaultValue(spec, op);
  }
}

/** The condition a row stands for, as the API takes it. */
export function toCondition(d: ConditionDraft, spec: RuleFieldSpec | undefined): RuleCondition {
  const operator = d.operator as RuleOperator;
  const out: RuleCondition = { field: d.field, operator };
  switch (valueInput(spec, d.operator)) {
    case 'none':
      return out;
    case 'multi':
      // ConditionRow keeps the picked values in the order the choices are offered.
      out.value = d.values.map((v) => choiceValue(spec, v));
      return out;
    case 'select':
      out.value = choiceValue(spec, d.value);
      return out;
    case 'list-text':
      out.value = splitList(d.value);
      return out;
    case 'list-number':
      out.value = splitList(d.value).map(toNumber);
      return out;
    case 'number':
    case 'id':
      out.value = toNumber(d.value);
      return out;
    case 'bool':
      out.value = d.value === 'true';
      return out;
    default:
      out.value = d.value;
      return out;
  }
}

function asText(v: unknown): string {
  if (v === null) return NONE;
  if (v === undefined) return '';
  return String(v);
}

/** The row a stored condition comes back as. */
export function fromCondition(key: number, c: RuleCondition, spec: RuleFieldSpec | undefined): ConditionDraft {
  const d: ConditionDraft = { key, field: c.field, operator: c.operator, value: '', values: [] };
  const input = valueInput(spec, c.operator);
  const list = Array.isArray(c.value) ? (c.value as unknown[]) : c.value === undefined ? [] : [c.value];
  if (input === 'multi') {
    d.values = list.map(asText);
  } else if (input === 'list-text' || input === 'list-number') {
    d.value = list.map(asText).join(', ');
  } else if (input !== 'none') {
    d.value = asText(list[0]);
  }
  return d;
}

/** A message shown at a row: the client's check or the server's 422. */
export interface RowMessage {
  /** The member it names: '' for the row itself. */
  member: '' | 'field' | 'operator' | 'value';
  text: string;
}

/** Which member of a row a check names, and the catalogue key of its message. */
export interface RowProblem {
  member: 'field' | 'operator' | 'value';
  key: string;
}

/** The server's checks of one row, made first: a field, an operator, a value that fits. */
export function checkRow(d: ConditionDraft, spec: RuleFieldSpec | undefined): RowProblem | null {
  if (d.field === '') return { member: 'field', key: 'rules.checks.field' };
  if (d.operator === '') return { member: 'operator', key: 'rules.checks.operator' };
  const input = valueInput(spec, d.operator);
  switch (input) {
    case 'none':
    case 'bool':
      return null;
    case 'multi':
      return d.values.length === 0 ? { member: 'value', key: 'rules.checks.values' } : null;
    case 'list-text':
      return splitList(d.value).length === 0 ? { member: 'value', key: 'rules.checks.values' } : null;
    case 'list-number': {
      const items = splitList(d.value);
      if (items.length === 0) return { member: 'value', key: 'rules.checks.values' };
      return items.some((x) => !Number.isFinite(toNumber(x))) ? { member: 'value', key: 'rules.checks.number' } : null;
    }
    case 'number':
      return Number.isFinite(toNumber(d.value)) ? null : { member: 'value', key: 'rules.checks.number' };
    case 'id': {
      const n = toNumber(d.value);
      return Number.isInteger(n) && n > 0 ? null : { member: 'value', key: 'rules.checks.id' };
    }
    default:
      return d.value.trim() === '' ? { member: 'value', key: 'rules.checks.value' } : null;
  }
}
