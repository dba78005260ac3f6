// A saved view as GET /api/v1/views answers it, for tests; a test overrides what matters.
import type { SavedView } from '../../api/views';

export function savedView(over: Partial<SavedView> = {}): SavedView {
  return {
    id: 12,
    name: 'Urgent Kannada',
    shared: false,
    owner_id: 7,
    filters: { status: ['new', 'open'], priority: ['urgent'] },
    sort: '-created_at',
    columns: ['number', 'subject', 'priority'],
    position: 1,
    created_at: '2026-11-23T10:00:00.000Z',
    updated_at: '2026-11-23T10:00:00.000Z',
    version: 4,
    ...over,
  };
}
