-- Delivery preferences and the customer's own delivery requests (docs/shipments.md,
-- "Delivery preferences and self-service").

-- A contact's or an organisation's standing wishes. A contact's own wishes win over its
-- organisation's, member by member. (A contact's language and time zone are the contact's own
-- columns; an organisation keeps them here.)
CREATE TABLE delivery_preferences (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  owner_type TEXT NOT NULL CHECK (owner_type IN ('contact', 'organisation')),
  owner_id INTEGER NOT NULL,
  -- JSON [{"days": ["mon", …], "from": "07:00", "until": "16:00"}], local to time_zone
  windows TEXT NOT NULL DEFAULT '[]',
  time_zone TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  safe_place TEXT NOT NULL DEFAULT '',
  -- JSON {"name", "line1", "line2", "city", "pin", "country", "phone"}, or ''
  alternate_address TEXT NOT NULL DEFAULT '',
  preferred_channel TEXT NOT NULL DEFAULT ''
    CHECK (preferred_channel IN ('', 'email', 'sms', 'whatsapp', 'phone')),
  quiet_from TEXT NOT NULL DEFAULT '',
  quiet_until TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, owner_type, owner_id)
);

-- What the customer asked for this parcel: another date, a time window on the delivery day,
-- another address (only before it goes out for delivery), a safe place. Empty: as booked.
ALTER TABLE shipments ADD COLUMN delivery_date TEXT;
ALTER TABLE shipments ADD COLUMN delivery_window TEXT NOT NULL DEFAULT '';   -- "10:00-14:00"
ALTER TABLE shipments ADD COLUMN delivery_address TEXT NOT NULL DEFAULT '';  -- JSON, or ''
ALTER TABLE shipments ADD COLUMN safe_place TEXT NOT NULL DEFAULT '';

-- Every such request, by whom and through what (portal, console, api): the shipment's and the
-- customer's history. details is JSON: {"date"} | {"window"} | {"address"} | {"safe_place"}.
CREATE TABLE delivery_requests (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  shipment_id INTEGER NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reschedule', 'window', 'address', 'safe_place')),
  details TEXT NOT NULL DEFAULT '{}',
  actor_kind TEXT NOT NULL,
  actor_id INTEGER NOT NULL,
  actor_name TEXT NOT NULL,
  via TEXT NOT NULL CHECK (via IN ('portal', 'console', 'api', 'assistant')),
  created_at INTEGER NOT NULL
);
CREATE INDEX delivery_requests_shipment ON delivery_requests (shipment_id, id);
