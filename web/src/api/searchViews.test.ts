import { describe, expect, it } from 'vitest';
import { searchSortOf, ticketOfHit, viewSearchQuery } from './searchViews';
import { ticketHit } from '../testing/searchFixtures';
import { toViewFilters } from '../stores/inbox';

describe('search views', () => {
  it('uses the query alone, or adds the view\'s other filters as terms', () => {
    expect(viewSearchQuery({ q: 'पार्सल देर' })).toBe('पार्सल देर');
    expect(viewSearchQuery({ q: 'a OR b', status: ['new', 'open'], group: 2, tag: 'vip' })).toBe(
      '(a OR b) (status:new OR status:open) group:2 tag:"vip"',
    );
    expect(viewSearchQuery({ q: 'x', assignee: 'none', status: 'pending' })).toBe('(x) status:pending assignee:none');
  });

  it('orders by what search can do; others become most recently updated', () => {
    expect(searchSortOf('-created_at')).toBe('-created_at');
    expect(searchSortOf('created_at')).toBe('created_at');
    expect(searchSortOf('-updated_at')).toBe('-updated_at');
    expect(searchSortOf('updated_at')).toBe('-updated_at');
    expect(searchSortOf('-solved_at')).toBe('-updated_at');
  });

  it('turns a ticket hit into a row of the ticket list', () => {
    const t = ticketOfHit(ticketHit());
    expect(t).toMatchObject({
      id: 1042,
      number: 1042,
      subject: 'मेरा पार्सल कहाँ है?',
      status: 'open',
      priority: 'high',
      requester: { id: 31, name: 'Ravi Kumar' },
      assignee_id: 7,
      group_id: 2,
      updated_at: '2026-11-23T10:00:00.000Z',
    });
  });

  it('keeps the query when the inbox saves such a view again under another name', () => {
    expect(toViewFilters({ q: 'पार्सल', status: ['open'], assignee: 7 }, 7)).toEqual({
      q: 'पार्सल',
      status: ['open'],
      assignee: 'me',
    });
  });
});
