-- Service level agreements (docs/sla.md). A policy's conditions pick the tickets it covers and
-- its targets say when answers and resolution are due; both are JSON text, small and always
-- read whole: conditions {"channels": [..], "priorities": [..], "tiers": [..], "group_ids":
-- [..], "tags": [..]}, targets [{"metric": "first_response", "minutes": 60,
-- "business_hours": true}, …]. The first active policy in position order that matches applies.
CREATE TABLE sla_policies (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  conditions TEXT NOT NULL DEFAULT '{}',
  targets TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, name)
);

-- Each ticket's SLA as last computed from its history (services/sla/sla_service.h): the policy
-- that applies, the earliest due time among its running clocks (what views sort by), whether a
-- clock is breached, and when the sweep must look again (the next warning or breach). The
-- clocks themselves are computed on request from the history; this row is for lists and the
-- sweep.
CREATE TABLE ticket_sla (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  policy_id INTEGER REFERENCES sla_policies(id) ON DELETE SET NULL,
  next_due_at INTEGER,
  breached INTEGER NOT NULL DEFAULT 0,
  next_check_at INTEGER,
  computed_at INTEGER NOT NULL
);
CREATE INDEX ticket_sla_check ON ticket_sla (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX ticket_sla_due ON ticket_sla (workspace_id, next_due_at, ticket_id)
  WHERE next_due_at IS NOT NULL;
CREATE INDEX ticket_sla_breached ON ticket_sla (workspace_id, ticket_id) WHERE breached = 1;

-- Warnings and breaches already announced, one per ticket, clock and due time: the sweep may
-- run on several nodes or twice after a crash, and each is still recorded exactly once.
CREATE TABLE sla_notices (
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  metric TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('warning', 'breach')),
  workspace_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, metric, due_at, kind)
) WITHOUT ROWID;

-- The last outbox row the sweep has applied: ticket changes after it still need their SLA
-- computed again (the search index follows the outbox the same way).
CREATE TABLE sla_sweep (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  outbox_id INTEGER NOT NULL
);
