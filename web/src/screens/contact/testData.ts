// Contacts and organisations as the API returns them, for the tests of the customer panel, the
// contact page and the customer store.
import type { Contact, Organisation } from '../../api/customers';

const T0 = '2025-03-14T04:30:00.000Z';

export function contact(over: Partial<Contact> = {}): Contact {
  return {
    id: 31,
    name: 'रवि कुमार',
    email: 'ravi@example.in',
    phone: '+919845012345',
    identities: [
      { type: 'email', value: 'ravi@example.in' },
      { type: 'phone', value: '+919845012345' },
      { type: 'social', value: '@ravi_k' },
    ],
    language: 'hi',
    time_zone: 'Asia/Kolkata',
    organisation_id: 3,
    created_at: T0,
    updated_at: T0,
    version: 4,
    ...over,
  };
}

export function organisation(over: Partial<Organisation> = {}): Organisation {
  return {
    id: 3,
    name: 'Dakshin Logistics',
    domains: ['dakshinlogistics.in'],
    tier: 'premium',
    account_manager_id: 8,
    notes: 'Bulk customer, pickup every Monday.',
    created_at: T0,
    updated_at: T0,
    version: 2,
    ...over,
  };
}
