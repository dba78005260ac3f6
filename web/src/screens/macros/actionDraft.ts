// An action of the shared vocabulary (docs/macros.md) as a form row holds it while it is being
// edited, and back. Macros use the first eight types; triggers and automations all of them
// (a public reply, notify, webhook, apply a macro, round robin). ActionRow.vue draws a row.
import type { CustomField } from '../../api/ticketExtra';
import { ACTION_TYPES } from '../../api/macros';
import { LANGUAGES, type Language } from '../../api/types';
import type { NotifyTarget, RuleAction, TextVariants } from '../../api/rules';

export const RULE_ACTION_TYPES = [
  ...ACTION_TYPES,
  'reply',
  'notify',
  'webhook',
  'apply_macro',
  'round_robin',
] as const;
export type AnyActionType = (typeof RULE_ACTION_TYPES)[number];

export type Texts = Record<Language, string>;

/** A row of an action builder: what the person typed, by member. */
export interface ActionDraft {
  type: AnyActionType;
  /**
   * The one value as typed: a status, priority, group, agent or macro id (as text, '' for
   * none), tags separated by commas, a note, a custom field's value.
   */
  value: string;
  /** set_custom_field: the field's key. */
  field: string;
  /** reply: the reply per language; notify: the message per language. */
  texts: Texts;
  /** notify */
  target: NotifyTarget;
  targetId: string;
  subjects: Texts;
  respectBusinessHours: boolean;
  /** webhook */
  url: string;
  /** webhook: a new secret; '' keeps the one set (or none). */
  secret: string;
  secretSet: boolean;
}

function emptyTexts(): Texts {
  return { en: '', hi: '', kn: '' };
}

function textsOf(v: unknown): Texts {
  const out = emptyTexts();
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    for (const l of LANGUAGES) {
      const x = (v as Record<string, unknown>)[l];
      if (typeof x === 'string') {
        out[l] = x;
      }
    }
  }
  return out;
}

/** The languages with a text (the server wants at least one; empty ones are left out). */
function variants(texts: Texts): TextVariants {
  const out: TextVariants = {};
  for (const l of LANGUAGES) {
    if (texts[l].trim() !== '') {
      out[l] = texts[l];
    }
  }
  return out;
}

/** What a row starts with when the person picks `type`. */
export function blankDraft(type: AnyActionType = 'set_status'): ActionDraft {
  const value = type === 'set_status' ? 'solved' : type === 'set_priority' ? 'normal' : '';
  return {
    type,
    value,
    field: '',
    texts: emptyTexts(),
    target: 'requester',
    targetId: '',
    subjects: emptyTexts(),
    respectBusinessHours: false,
    url: '',
    secret: '',
    secretSet: false,
  };
}

function isType(t: string): t is AnyActionType {
  return (RULE_ACTION_TYPES as readonly string[]).includes(t);
}

export function toDraft(a: RuleAction): ActionDraft {
  const d = blankDraft(isType(a.type) ? a.type : 'set_status');
  const v = a.value;
  if (d.type === 'reply') {
    d.texts = textsOf(v);
  } else if (d.type === 'notify') {
    d.texts = textsOf(v);
    d.subjects = textsOf(a.subject);
    d.target = a.target ?? 'requester';
    d.targetId = a.id === undefined || a.id === null ? '' : String(a.id);
    d.respectBusinessHours = a.respect_business_hours === true;
  } else if (d.type === 'webhook') {
    d.url = a.url ?? '';
    d.secretSet = a.secret_set === true;
  } else if (Array.isArray(v)) {
    d.value = v.join(', ');
  } else if (v !== null && v !== undefined) {
    d.value = String(v);
  } else {
    d.value = '';
  }
  d.field = a.field ?? '';
  return d;
}

function tags(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function idOrNull(text: string): number | null {
  return text.trim() === '' ? null : Number(text.trim());
}

/** The action the row stands for, as the API takes it. */
export function toAction(d: ActionDraft, fields: readonly CustomField[]): RuleAction {
  const v = d.value.trim();
  switch (d.type) {
    case 'set_group':
    case 'set_assignee':
    case 'apply_macro':
    case 'round_robin':
      return { type: d.type, value: idOrNull(v) };
    case 'add_tags':
    case 'remove_tags':
      return { type: d.type, value: tags(v) };
    case 'set_custom_field': {
      const f = fields.find((x) => x.key === d.field);
      let value: unknown = v;
      if (v === '') {
        value = null;
      } else if (f?.type === 'number') {
        value = Number(v.replace(',', '.'));
      } else if (f?.type === 'checkbox') {
        value = v === 'true';
      }
      return { type: d.type, field: d.field, value };
    }
    case 'reply':
      return { type: d.type, value: variants(d.texts) };
    case 'notify': {
      const out: RuleAction = {
        type: d.type,
        target: d.target,
        subject: variants(d.subjects),
        value: variants(d.texts),
        respect_business_hours: d.respectBusinessHours,
      };
      if (d.target === 'group' || d.target === 'agent') {
        out.id = idOrNull(d.targetId) ?? undefined;
      }
      return out;
    }
    case 'webhook': {
      const out: RuleAction = { type: d.type, url: d.url.trim() };
      if (d.secret !== '') {
        out.secret = d.secret;
      }
      return out;
    }
    default:
      // set_status, set_priority, add_note: the text as typed.
      return { type: d.type, value: d.value };
  }
}
