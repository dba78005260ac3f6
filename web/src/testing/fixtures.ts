// Entities as the API returns them, with defaults a test overrides where it matters.
import type { Agent, Group, Message, Ticket } from '../api/types';

const T0 = '2026-11-23T10:00:00.000Z';

export function agent(over: Partial<Agent> = {}): Agent {
  return {
    id: 7,
    name: 'Meera Rao',
    email: 'meera@example.in',
    role: 'agent',
    language: 'en',
    time_zone: 'Asia/Kolkata',
    active: true,
    group_ids: [2],
    created_at: T0,
    updated_at: T0,
    version: 1,
    ...over,
  };
}

export function group(over: Partial<Group> = {}): Group {
  return {
    id: 2,
    name: 'Shipping',
    description: '',
    agent_ids: [7],
    created_at: T0,
    updated_at: T0,
    version: 1,
    ...over,
  };
}

export function ticket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: 1042,
    number: 1042,
    subject: 'मेरा पार्सल कहाँ है?',
    status: 'open',
    priority: 'normal',
    type: 'question',
    channel: 'email',
    requester_id: 31,
    requester: { id: 31, name: 'Ravi Kumar', email: 'ravi@example.in' },
    assignee_id: 7,
    group_id: 2,
    organisation_id: null,
    tags: ['delivery_delay'],
    custom_fields: {},
    language: 'hi',
    merged_into_id: null,
    created_at: T0,
    updated_at: T0,
    first_response_at: null,
    solved_at: null,
    version: 3,
    ...over,
  };
}

export function message(over: Partial<Message> = {}): Message {
  return {
    id: 501,
    ticket_id: 1042,
    public: true,
    author: { type: 'contact', id: 31, name: 'Ravi Kumar' },
    body: 'AWB SHY123456789IN',
    html: '',
    channel: 'email',
    attachments: [],
    created_at: T0,
    ...over,
  };
}
