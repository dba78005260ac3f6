import type { InboxView, ViewCount } from '../../stores/inbox';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** The name of a view in the left column and as the list's heading. */
export function viewLabel(view: InboxView, t: Translate): string {
  switch (view.kind) {
    case 'group':
      return view.groupName ?? '';
    case 'mine':
      return t('inbox.views.mine');
    case 'unassigned':
      return t('inbox.views.unassigned');
    case 'pending':
      return t('inbox.views.pending');
    case 'on_hold':
      return t('inbox.views.onHold');
    case 'solved':
      return t('inbox.views.solved');
  }
}

/** "12", or "10,000+" when the server stopped counting (capped). */
export function countLabel(count: ViewCount, t: Translate, n: (v: number) => string): string {
  return count.more ? t('inbox.countMore', { n: n(count.count) }) : n(count.count);
}
