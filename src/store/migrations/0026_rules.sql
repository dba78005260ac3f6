-- Business rules (docs/automation.md): triggers act on events, automations on time. Events,
-- conditions and actions are JSON text, small and always read whole: events ["ticket.created",
-- …], conditions {"all": [{"field", "operator", "value"}], "any": [...]}, actions as macros
-- keep them (a webhook's secret sealed, never as written). Triggers run in position order.
CREATE TABLE rules (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  kind TEXT NOT NULL CHECK (kind IN ('trigger', 'automation')),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  events TEXT NOT NULL DEFAULT '[]',
  conditions TEXT NOT NULL DEFAULT '{}',
  actions TEXT NOT NULL DEFAULT '[]',
  run_count INTEGER NOT NULL DEFAULT 0,
  last_run_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, kind, name)
);

-- Each time a rule acted on a ticket. An automation acts once per ticket and `anchor` (the
-- moment its time condition counts from: the status change, the solve, the SLA due time …),
-- so a sweep that runs twice, or on two nodes, acts once; triggers record their runs too,
-- which bounds how often one rule may change one ticket (loop protection).
CREATE TABLE rule_runs (
  rule_id INTEGER NOT NULL,
  ticket_id INTEGER NOT NULL,
  anchor INTEGER NOT NULL,
  workspace_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (rule_id, ticket_id, anchor)
) WITHOUT ROWID;
CREATE INDEX rule_runs_ticket ON rule_runs (ticket_id, created_at);

-- The last outbox row the trigger runner handled.
CREATE TABLE rule_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  outbox_id INTEGER NOT NULL
);

-- Leases of the clock-driven scheduler: a job ("automations", "sla") runs on the node that
-- holds its lease; another node takes it over once it has expired.
CREATE TABLE scheduler_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;

-- When a ticket's status last changed, for "hours in the current status". Kept by the
-- database itself so that every path that changes a status keeps it.
CREATE TABLE ticket_status_times (
  ticket_id INTEGER PRIMARY KEY,
  changed_at INTEGER NOT NULL
);
INSERT INTO ticket_status_times (ticket_id, changed_at)
  SELECT id, COALESCE(solved_at, updated_at) FROM tickets;
CREATE TRIGGER ticket_status_times_insert AFTER INSERT ON tickets BEGIN
  INSERT OR REPLACE INTO ticket_status_times (ticket_id, changed_at)
    VALUES (new.id, new.created_at);
END;
CREATE TRIGGER ticket_status_times_update AFTER UPDATE OF status ON tickets
  WHEN old.status IS NOT new.status BEGIN
  INSERT OR REPLACE INTO ticket_status_times (ticket_id, changed_at)
    VALUES (new.id, new.updated_at);
END;

-- Triggers act on what happens from now on: an existing workspace's history is not replayed.
INSERT INTO rule_cursor (id, outbox_id) SELECT 1, COALESCE(MAX(id), 0) FROM outbox;
