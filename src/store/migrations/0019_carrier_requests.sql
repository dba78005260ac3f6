-- Customers' delivery requests passed on to the carrier (docs/shipments.md, "Telling the
-- carrier"). A carrier may have an endpoint of its own system that receives every request:
-- `requests_url` (http or https, '' when none), whether it is on, and the signing secret
-- (sealed with the server's key, app/secret_key.cc; shown to the admin once). The hint is the
-- secret's last four characters, so an admin can tell which one a carrier holds.
ALTER TABLE carriers ADD COLUMN requests_url TEXT NOT NULL DEFAULT '';
ALTER TABLE carriers ADD COLUMN requests_enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE carriers ADD COLUMN requests_secret_sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE carriers ADD COLUMN requests_secret_hint TEXT NOT NULL DEFAULT '';

-- One row per delivery request for a carrier with an endpoint, written in the request's own
-- transaction: the durable queue app/carrier_request_worker.cc sends from. `attempts` counts
-- tries begun; a claimed row's next_attempt_at is its lease, so a row whose sender died (a
-- crash, kill -9) is tried again when the lease ends. `response_status` is the carrier's last
-- HTTP status (null when it never answered).
CREATE TABLE carrier_request_deliveries (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  delivery_request_id INTEGER NOT NULL UNIQUE REFERENCES delivery_requests(id) ON DELETE CASCADE,
  carrier_id INTEGER NOT NULL REFERENCES carriers(id) ON DELETE CASCADE,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  response_status INTEGER,
  sent_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- What the sender claims: pending rows by due time.
CREATE INDEX carrier_request_deliveries_due ON carrier_request_deliveries (state, next_attempt_at)
  WHERE state = 'pending';
