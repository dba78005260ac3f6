-- Web forms (docs/web-forms.md): contact forms a business embeds in its own site; each
-- submission becomes a ticket with channel 'web'. `public_key` names the form in /forms/{key}
-- and in the embed snippet; `allowed_origins` (JSON array of "https://shop.example.in") are
-- the sites that may frame it; `fields` (JSON array of {"key", "required"}) are the ticket
-- custom fields the form asks for.
CREATE TABLE web_forms (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  public_key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  group_id INTEGER REFERENCES agent_groups(id) ON DELETE SET NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  allowed_origins TEXT NOT NULL DEFAULT '[]',
  fields TEXT NOT NULL DEFAULT '[]',
  min_fill_seconds INTEGER NOT NULL DEFAULT 3,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX web_forms_ws ON web_forms (workspace_id, id);

-- Article deflection: one row per suggestion session on a new-request page (portal or web
-- form), named by a random public token. Only what the figures need is kept: no IP address,
-- no e-mail, just the last query and the articles shown.
CREATE TABLE deflection_attempts (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  token TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL CHECK (source IN ('portal', 'web_form')),
  language TEXT NOT NULL,
  last_query TEXT NOT NULL DEFAULT '',
  shown_article_ids TEXT NOT NULL DEFAULT '[]',   -- JSON array, every article ever shown
  ticket_id INTEGER,                              -- the request submitted anyway
  submitted_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX deflection_attempts_ws ON deflection_attempts (workspace_id, created_at);

-- Articles opened from a suggestion (/help/{lang}/articles/{id}?d=<token>).
CREATE TABLE deflection_clicks (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  attempt_id INTEGER NOT NULL REFERENCES deflection_attempts(id) ON DELETE CASCADE,
  article_id INTEGER NOT NULL,
  clicked_at INTEGER NOT NULL
);
CREATE INDEX deflection_clicks_attempt ON deflection_clicks (attempt_id);
