// Search answers as GET /api/v1/search returns them, for the search tests.
import type { SearchHit, SearchResult } from '../api/search';

export function ticketHit(over: Partial<SearchHit> = {}): SearchHit {
  return {
    type: 'ticket',
    id: 1042,
    title: 'मेरा पार्सल कहाँ है?',
    snippet: 'मेरा <mark>पार्सल</mark> अभी तक नहीं आया',
    score: 12.5,
    fields: {
      number: 1042,
      status: 'open',
      priority: 'high',
      channel: 'email',
      group_id: 2,
      assignee_id: 7,
      requester: { id: 31, name: 'Ravi Kumar' },
      created_at: '2026-11-20T10:00:00.000Z',
      updated_at: '2026-11-23T10:00:00.000Z',
    },
    ...over,
  };
}

export function searchResult(over: Partial<SearchResult> = {}): SearchResult {
  return {
    data: [ticketHit()],
    next_cursor: null,
    total: 1,
    total_exact: true,
    problems: [],
    query: 'पार्सल',
    ...over,
  };
}
