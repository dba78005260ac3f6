-- Saved inbox views: an agent's own (agent_id set) or shared with everyone (agent_id NULL).
-- filters and columns are JSON text, validated by services/views before they are stored.
CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  agent_id INTEGER REFERENCES agents(id),
  name TEXT NOT NULL,
  filters TEXT NOT NULL DEFAULT '{}',
  sort TEXT NOT NULL DEFAULT '-updated_at',
  columns TEXT NOT NULL DEFAULT '[]',
  position INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
-- Names are unique per owner; shared views (agent_id NULL) are one more owner, which a plain
-- UNIQUE constraint would not enforce (NULLs are distinct), hence the expression.
CREATE UNIQUE INDEX saved_views_owner_name
  ON saved_views (workspace_id, COALESCE(agent_id, 0), name);
CREATE INDEX saved_views_agent ON saved_views (workspace_id, agent_id, position, id);
