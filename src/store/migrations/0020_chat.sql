-- Live chat (docs/chat.md): the widget's settings per workspace, the visitors who chat, their
-- conversations with every event in order, agents' chat capacity and languages, and how far
-- each side has read. A conversation's transcript is also its ticket's conversation (channel
-- chat): every message event is written with a ticket message in the same transaction.

-- One row per workspace once an admin saved chat settings. `widget_key` is public (it is in
-- the business's page); `allowed_origins` a JSON array of origins ("https://shop.example.in")
-- the widget may connect from. `routing` is round_robin or least_busy; an offer an agent
-- neither accepts nor declines goes to the next agent after `offer_timeout_seconds`; an agent
-- whose connections all dropped keeps their chats for `agent_grace_seconds`.
CREATE TABLE chat_settings (
  workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id),
  enabled INTEGER NOT NULL DEFAULT 0,
  widget_key TEXT NOT NULL UNIQUE,
  allowed_origins TEXT NOT NULL DEFAULT '[]',
  prechat INTEGER NOT NULL DEFAULT 1,
  routing TEXT NOT NULL DEFAULT 'round_robin' CHECK (routing IN ('round_robin', 'least_busy')),
  default_group_id INTEGER REFERENCES agent_groups(id) ON DELETE SET NULL,
  offer_timeout_seconds INTEGER NOT NULL DEFAULT 30,
  agent_grace_seconds INTEGER NOT NULL DEFAULT 60,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

-- A browser that opened the widget. Only the hash of its token is kept (like sessions and API
-- tokens): a leaked database does not reveal a token that opens someone's conversations.
CREATE TABLE chat_visitors (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  token_hash TEXT NOT NULL UNIQUE,
  contact_id INTEGER REFERENCES contacts(id),
  name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  page TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);

-- One chat. `status`: queued (waiting for an agent), offered (to offered_agent_id until
-- offer_expires_at), active (agent_id took it), ended, or missed (ended before any agent took
-- it). `declined` and `supervisors` are JSON arrays of agent ids: who turned the current offer
-- round down, and which supervisors joined. `last_seq` is the seq of its newest event. The
-- figures for analytics are kept as they happen: wait_ms (created to first accepted),
-- first_response_ms (created to the first agent message), duration_ms (created to ended).
-- `held_by_assistant`: the assistant keeps it (services/chat/assistant_hook.h); not routed.
CREATE TABLE chat_conversations (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  visitor_id INTEGER NOT NULL REFERENCES chat_visitors(id),
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  group_id INTEGER REFERENCES agent_groups(id) ON DELETE SET NULL,
  agent_id INTEGER REFERENCES agents(id),
  language TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('queued', 'offered', 'active', 'ended', 'missed')),
  page TEXT NOT NULL DEFAULT '',
  offered_agent_id INTEGER REFERENCES agents(id),
  offer_expires_at INTEGER,
  declined TEXT NOT NULL DEFAULT '[]',
  supervisors TEXT NOT NULL DEFAULT '[]',
  last_seq INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  queued_at INTEGER NOT NULL,
  accepted_at INTEGER,
  first_response_at INTEGER,
  ended_at INTEGER,
  ended_by TEXT NOT NULL DEFAULT '',
  wait_ms INTEGER,
  first_response_ms INTEGER,
  duration_ms INTEGER,
  missed INTEGER NOT NULL DEFAULT 0,
  held_by_assistant INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);
-- The queue and the live chats, oldest first; a visitor's conversations; an agent's load.
CREATE INDEX chat_conversations_status ON chat_conversations (workspace_id, status, queued_at, id);
CREATE INDEX chat_conversations_visitor ON chat_conversations (visitor_id, id);
CREATE INDEX chat_conversations_agent ON chat_conversations (workspace_id, agent_id, status);
CREATE INDEX chat_conversations_ticket ON chat_conversations (ticket_id);

-- Everything that happened in a conversation, numbered 1, 2, 3 … (`seq`), stored before anyone
-- is told. `client_id` is the sender's id of a message: a resent message is stored once.
-- `data` holds what a kind adds (JSON: position, expires_at, to, by, ticket_id, attachments);
-- `message_id` the ticket message a message became.
CREATE TABLE chat_events (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  conversation_id INTEGER NOT NULL REFERENCES chat_conversations(id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('message', 'queued', 'offered', 'joined', 'left',
                                     'transferred', 'ended')),
  author_kind TEXT NOT NULL CHECK (author_kind IN ('visitor', 'agent', 'system')),
  author_id INTEGER NOT NULL DEFAULT 0,
  author_name TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  client_id TEXT,
  internal INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL DEFAULT '{}',
  message_id INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (conversation_id, seq),
  UNIQUE (conversation_id, client_id)
);

-- How many chats an agent takes at once and the languages they chat in (JSON array of codes).
-- An agent without a row has capacity 3 and chats in their console language.
CREATE TABLE chat_agent_profiles (
  agent_id INTEGER PRIMARY KEY REFERENCES agents(id),
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  capacity INTEGER NOT NULL DEFAULT 3,
  languages TEXT NOT NULL DEFAULT '[]',
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

-- How far a side has read: the visitor (reader_id = visitor id) or an agent.
CREATE TABLE chat_read_positions (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  conversation_id INTEGER NOT NULL REFERENCES chat_conversations(id),
  reader_kind TEXT NOT NULL CHECK (reader_kind IN ('visitor', 'agent')),
  reader_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, reader_kind, reader_id)
);

-- Files a visitor uploaded (POST /api/v1/chat/attachments): only that visitor may send them.
CREATE TABLE chat_attachments (
  attachment_id INTEGER PRIMARY KEY REFERENCES attachments(id),
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  visitor_id INTEGER NOT NULL REFERENCES chat_visitors(id),
  created_at INTEGER NOT NULL
);
