-- Proactive shipment notices (docs/shipments.md, "Telling customers first"): a customer is
-- mailed when their parcel is out for delivery, delivered, could not be delivered, met an
-- exception (returned to origin, lost, damaged) or is late against its promised date; a failure
-- or a loss also opens (or updates) a ticket.

-- A workspace's choices; no row means the defaults of the columns.
CREATE TABLE shipment_notice_settings (
  workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id),
  -- JSON array of the notices mailed to customers
  notices TEXT NOT NULL DEFAULT '["out_for_delivery","delivered","delivery_failed","exception","late"]',
  -- No mail between these local times of the customer ("HH:MM"; equal: no quiet hours);
  -- a notice due then waits in the outbox until the quiet hours end.
  quiet_from TEXT NOT NULL DEFAULT '21:00',
  quiet_until TEXT NOT NULL DEFAULT '08:00',
  -- {"<notice>": {"<language>": {"subject", "body"}}}: overrides of the built-in texts
  templates TEXT NOT NULL DEFAULT '{}',
  -- Failed deliveries and exceptions open a ticket (or note on an open one) in this group
  open_tickets INTEGER NOT NULL DEFAULT 1,
  ticket_group_id INTEGER REFERENCES agent_groups(id) ON DELETE SET NULL,
  updated_at INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1
);

-- One row per notice decided: (shipment, notice, event_key) is unique, so one event never
-- produces two notices, replayed or not. event_key is the tracking event's id, or
-- "late:<promised date>" for lateness.
CREATE TABLE shipment_notices (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  shipment_id INTEGER NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
  notice TEXT NOT NULL,
  event_key TEXT NOT NULL,
  contact_id INTEGER REFERENCES contacts(id),
  -- 'mailed': queued in mail_outbox (outbox_id); else why no mail went out
  outcome TEXT NOT NULL CHECK (outcome IN ('mailed', 'opted_out', 'no_address', 'off', 'stale')),
  outbox_id INTEGER REFERENCES mail_outbox(id),
  ticket_id INTEGER REFERENCES tickets(id) ON DELETE SET NULL,
  language TEXT NOT NULL DEFAULT '',
  send_after INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (shipment_id, notice, event_key)
);
CREATE INDEX shipment_notices_ws ON shipment_notices (workspace_id, id);

-- Customers who asked for no more shipment updates (the link in every notice, or an agent).
CREATE TABLE notice_opt_outs (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  topic TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, contact_id, topic)
) WITHOUT ROWID;

-- The late sweep: unfinished shipments by promised date.
CREATE INDEX shipments_promised ON shipments (workspace_id, promised_date)
  WHERE promised_date IS NOT NULL;
