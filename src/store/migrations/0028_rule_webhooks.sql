-- Webhooks called by rules (docs/automation.md, "Webhooks"): a trigger's or automation's
-- "webhook" action queues one row in the write transaction of the rule's other effects; the
-- worker app/rule_webhook_worker.cc POSTs it after the commit.
--
-- `url` and `sealed_secret` are copied from the action when the row is queued, so a row goes
-- where the rule said at that moment; `sealed_secret` is '' for an unsigned webhook, otherwise
-- sealed with the server's key (app/secret_key.cc). `body` is the JSON text sent, byte for byte
-- the same on every attempt; `event` is its X-Sahayak-Event. No foreign key to rules or
-- tickets: the history of what was sent outlives them.
--
-- States: pending (waiting for next_attempt_at), sending (claimed by a worker until
-- lease_until; a worker that died leaves it there, and it is claimed again once the lease
-- has ended), sent, dead (refused, or retries exhausted; an admin may queue it again).
-- `attempts` counts claims; `last_status` is the receiver's last HTTP status (null when it
-- never answered).
CREATE TABLE rule_webhook_deliveries (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  rule_id INTEGER NOT NULL,
  ticket_id INTEGER NOT NULL,
  event TEXT NOT NULL,
  url TEXT NOT NULL,
  sealed_secret TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'sending', 'sent', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_until INTEGER,
  last_status INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  sent_at INTEGER
);
-- What the worker claims: pending rows by due time, and claims whose lease ended.
CREATE INDEX rule_webhook_deliveries_due ON rule_webhook_deliveries (next_attempt_at)
  WHERE state = 'pending';
CREATE INDEX rule_webhook_deliveries_leased ON rule_webhook_deliveries (lease_until)
  WHERE state = 'sending';
-- A rule's deliveries, newest first (the admin's list).
CREATE INDEX rule_webhook_deliveries_rule ON rule_webhook_deliveries (workspace_id, rule_id, id);
