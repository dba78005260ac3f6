// Pure helpers the macro screens share: search as you type and the words for a change.
import type { Id } from '../../api/client';
import type { Macro } from '../../api/macros';

type Translate = (key: string, values?: Record<string, unknown>) => string;

interface Names {
  agentName(id: Id | null): string | null;
  groupName(id: Id | null): string | null;
}

/** Macros whose name or description holds every word of `query` (any case, any script). */
export function matchMacros(macros: readonly Macro[], query: string): Macro[] {
  const words = query.toLocaleLowerCase().split(/\s+/u).filter((w) => w.length > 0);
  if (words.length === 0) {
    return [...macros];
  }
  return macros.filter((m) => {
    const text = `${m.name} ${m.description}`.toLocaleLowerCase();
    return words.every((w) => text.includes(w));
  });
}

function valueText(field: string, v: unknown, t: Translate, names: Names): string {
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) {
    return t('macros.nothing');
  }
  switch (field) {
    case 'status':
      return t(`status.${String(v)}`);
    case 'priority':
      return t(`priority.${String(v)}`);
    case 'assignee_id':
      return names.agentName(v as Id) ?? `#${String(v)}`;
    case 'group_id':
      return names.groupName(v as Id) ?? `#${String(v)}`;
    default:
      if (Array.isArray(v)) {
        return v.join(', ');
      }
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

/** "Priority: Normal → Urgent", in the agent's language. */
export function describeChange(field: string, change: [unknown, unknown], t: Translate, names: Names): string {
  const label = ['status', 'priority', 'assignee_id', 'group_id', 'tags', 'custom_fields'].includes(field)
    ? t(`macros.fields.${field}`)
    : field;
  return t('macros.change', {
    field: label,
    from: valueText(field, change[0], t, names),
    to: valueText(field, change[1], t, names),
  });
}
