// An SLA policy in words for the admin list: its conditions, one line each ("Channels: email or
// chat"; "All tickets" when none is set) and its targets ("First response: 1 hour, business
// hours"). Pure: the caller passes its translate function, locale and group names.
import type { SlaConditions, SlaTarget } from '../../api/sla';
import type { Id } from '../../api/types';
import { anyOf, plainList, targetDuration } from '../../components/slaFormat';

type Translate = (key: string, named?: Record<string, unknown>) => string;

export function conditionLines(
  c: SlaConditions,
  t: Translate,
  locale: string,
  groupName: (id: Id) => string,
): string[] {
  const lines: string[] = [];
  if (c.channels.length > 0) {
    lines.push(t('sla.summary.channels', { list: anyOf(c.channels.map((x) => t(`channel.${x}`)), locale) }));
  }
  if (c.priorities.length > 0) {
    lines.push(t('sla.summary.priorities', { list: anyOf(c.priorities.map((x) => t(`priority.${x}`)), locale) }));
  }
  if (c.tiers.length > 0) {
    lines.push(t('sla.summary.tiers', { list: anyOf(c.tiers.map((x) => t(`customer.tier.${x}`)), locale) }));
  }
  if (c.group_ids.length > 0) {
    lines.push(t('sla.summary.groups', { list: anyOf(c.group_ids.map(groupName), locale) }));
  }
  if (c.tags.length > 0) {
    lines.push(t('sla.summary.tags', { list: plainList(c.tags, locale) }));
  }
  return lines.length > 0 ? lines : [t('sla.allTickets')];
}

export function targetLine(target: SlaTarget, t: Translate, locale: string): string {
  return t('sla.targetText', {
    metric: t(`sla.metrics.${target.metric}`),
    duration: targetDuration(target.minutes, locale, target.business_hours),
    clock: t(target.business_hours ? 'sla.clockWords.business' : 'sla.clockWords.calendar'),
  });
}
