import type { ViewColumn, ViewSort } from '../../api/views';
import type { InboxView, ViewCount } from '../../stores/inbox';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** The name of a view in the left column and as the list's heading. */
export function viewLabel(view: InboxView, t: Translate): string {
  switch (view.kind) {
    case 'group':
      return view.groupName ?? '';
    case 'saved':
      return view.saved?.name ?? '';
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

const COLUMN_KEYS: Readonly<Record<ViewColumn, string>> = {
  number: 'inboxTable.columns.number',
  subject: 'inboxTable.columns.subject',
  requester: 'inboxTable.columns.requester',
  status: 'inboxTable.columns.status',
  priority: 'inboxTable.columns.priority',
  assignee: 'inboxTable.columns.assignee',
  group: 'inboxTable.columns.group',
  channel: 'inboxTable.columns.channel',
  tags: 'inboxTable.columns.tags',
  created_at: 'inboxTable.columns.created',
  updated_at: 'inboxTable.columns.updated',
};

/** Catalogue key of a column's heading. */
export function columnKey(column: ViewColumn): string {
  return COLUMN_KEYS[column];
}

const SORT_KEYS: Readonly<Record<ViewSort, string>> = {
  '-updated_at': 'inboxTable.sorts.updatedDesc',
  updated_at: 'inboxTable.sorts.updatedAsc',
  '-created_at': 'inboxTable.sorts.createdDesc',
  created_at: 'inboxTable.sorts.createdAsc',
  '-solved_at': 'inboxTable.sorts.solvedDesc',
  sla_due_at: 'sla.sorts.dueSoonest',
};

/** Catalogue key of an order's name ("Recently updated first"). */
export function sortKey(sort: ViewSort): string {
  return SORT_KEYS[sort];
}

/** The columns the list can be ordered by, from their heading. */
export const SORTABLE_COLUMNS: ReadonlySet<ViewColumn> = new Set(['created_at', 'updated_at']);
