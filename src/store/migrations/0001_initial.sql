-- Sahayak schema, version 1. Every table carries workspace_id so one deployment can serve
-- several brands and PostgreSQL can later be sharded by workspace. Times are milliseconds
-- since the Unix epoch, UTC. JSON columns hold UTF-8 JSON text.

CREATE TABLE workspaces (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  default_language TEXT NOT NULL DEFAULT 'en',
  time_zone TEXT NOT NULL DEFAULT 'Asia/Kolkata',
  ticket_seq INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE agents (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
  language TEXT NOT NULL DEFAULT 'en',
  time_zone TEXT NOT NULL DEFAULT 'Asia/Kolkata',
  active INTEGER NOT NULL DEFAULT 1,
  password_hash TEXT NOT NULL DEFAULT '',
  failed_logins INTEGER NOT NULL DEFAULT 0,
  first_failed_at INTEGER,
  locked_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, email)
);

CREATE TABLE agent_groups (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, name)
);

CREATE TABLE group_members (
  workspace_id INTEGER NOT NULL,
  group_id INTEGER NOT NULL REFERENCES agent_groups(id) ON DELETE CASCADE,
  agent_id INTEGER NOT NULL REFERENCES agents(id),
  PRIMARY KEY (group_id, agent_id)
) WITHOUT ROWID;
CREATE INDEX group_members_agent ON group_members (agent_id);

CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  name TEXT NOT NULL,
  tier TEXT NOT NULL DEFAULT 'standard',
  account_manager_id INTEGER REFERENCES agents(id),
  notes TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX organisations_name ON organisations (workspace_id, name);

CREATE TABLE organisation_domains (
  workspace_id INTEGER NOT NULL,
  domain TEXT NOT NULL,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  PRIMARY KEY (workspace_id, domain)
) WITHOUT ROWID;
CREATE INDEX organisation_domains_org ON organisation_domains (organisation_id);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  name TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT '',
  time_zone TEXT NOT NULL DEFAULT '',
  organisation_id INTEGER REFERENCES organisations(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contacts_org ON contacts (workspace_id, organisation_id, id);

CREATE TABLE contact_identities (
  workspace_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'social')),
  value TEXT NOT NULL,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, kind, value)
) WITHOUT ROWID;
CREATE INDEX contact_identities_contact ON contact_identities (contact_id);

CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  number INTEGER NOT NULL,
  subject TEXT NOT NULL,
  status TEXT NOT NULL,
  priority TEXT NOT NULL,
  type TEXT NOT NULL,
  channel TEXT NOT NULL,
  requester_id INTEGER NOT NULL REFERENCES contacts(id),
  assignee_id INTEGER REFERENCES agents(id),
  group_id INTEGER REFERENCES agent_groups(id),
  organisation_id INTEGER REFERENCES organisations(id),
  merged_into_id INTEGER REFERENCES tickets(id),
  tags TEXT NOT NULL DEFAULT '[]',
  custom_fields TEXT NOT NULL DEFAULT '{}',
  language TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  first_response_at INTEGER,
  solved_at INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, number)
);
CREATE INDEX tickets_status ON tickets (workspace_id, status, id);
CREATE INDEX tickets_assignee ON tickets (workspace_id, assignee_id, status, id);
CREATE INDEX tickets_group ON tickets (workspace_id, group_id, status, id);
CREATE INDEX tickets_requester ON tickets (workspace_id, requester_id, id);
CREATE INDEX tickets_org ON tickets (workspace_id, organisation_id, id);

CREATE TABLE ticket_tags (
  workspace_id INTEGER NOT NULL,
  tag TEXT NOT NULL,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  PRIMARY KEY (workspace_id, tag, ticket_id)
) WITHOUT ROWID;
CREATE INDEX ticket_tags_ticket ON ticket_tags (ticket_id);

CREATE TABLE tags (
  workspace_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  ticket_count INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, name)
) WITHOUT ROWID;

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  public INTEGER NOT NULL,
  author_kind TEXT NOT NULL,
  author_id INTEGER NOT NULL,
  body TEXT NOT NULL,
  html TEXT NOT NULL,
  channel TEXT NOT NULL,
  channel_meta TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL
);
CREATE INDEX messages_ticket ON messages (ticket_id, id);

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL,
  message_id INTEGER REFERENCES messages(id),
  filename TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  uploaded_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX attachments_message ON attachments (message_id);

CREATE TABLE custom_fields (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  type TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '[]',
  required INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, key)
);

CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id INTEGER NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  changes TEXT NOT NULL DEFAULT '{}',
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events (workspace_id, entity_type, entity_id, id);

-- Work to do after commit: notifications, webhooks, index updates. Consumers lease rows.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL,
  topic TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  available_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  done_at INTEGER
);
CREATE INDEX outbox_pending ON outbox (done_at, available_at);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  workspace_id INTEGER NOT NULL,
  agent_id INTEGER NOT NULL REFERENCES agents(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  persistent INTEGER NOT NULL DEFAULT 0,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX sessions_agent ON sessions (agent_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL,
  agent_id INTEGER NOT NULL REFERENCES agents(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
);

CREATE TABLE idempotency_keys (
  workspace_id INTEGER NOT NULL,
  principal TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, principal, key)
) WITHOUT ROWID;
