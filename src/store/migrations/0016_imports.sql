-- CSV imports of shipments, orders and invoices (docs/imports.md). The uploaded file is in the
-- blob store; a job left "running" by a crash is run again when the server starts.

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  dry_run INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  rows INTEGER NOT NULL DEFAULT 0,
  records INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  error_count INTEGER NOT NULL DEFAULT 0,
  errors TEXT NOT NULL DEFAULT '[]',
  created_by INTEGER REFERENCES agents(id) ON DELETE SET NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER
);
CREATE INDEX imports_workspace ON imports (workspace_id, id);
CREATE INDEX imports_pending ON imports (status) WHERE status IN ('queued', 'running');
