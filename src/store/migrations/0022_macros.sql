-- Macros (docs/macros.md): named ticket actions plus a reply with a text per language.
-- Shared macros have no owner; personal ones belong to one agent. actions and reply are JSON
-- (domain/macro.h: ActionsToJson, language -> text).
CREATE TABLE macros (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  owner_agent_id INTEGER REFERENCES agents(id),
  group_id INTEGER REFERENCES agent_groups(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  actions TEXT NOT NULL DEFAULT '[]',
  reply TEXT NOT NULL DEFAULT '{}',
  default_language TEXT NOT NULL DEFAULT 'en',
  active INTEGER NOT NULL DEFAULT 1,
  usage_count INTEGER NOT NULL DEFAULT 0,
  last_used_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
-- Names are unique per owner; the shared macros are one more owner (NULLs would be distinct).
CREATE UNIQUE INDEX macros_owner_name ON macros (workspace_id, COALESCE(owner_agent_id, 0), name);
CREATE INDEX macros_group ON macros (workspace_id, group_id);
