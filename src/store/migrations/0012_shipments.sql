-- Shipments and their tracking events (docs/shipments.md). A courier business loads its
-- shipments and feeds carrier events; agents see them beside tickets, customers in the portal.

-- The carriers a workspace ships with. `code` names the carrier in the API and in event feeds
-- ("bluedart"); `tracking_pattern` (ICU regular expression, upper-case text) finds its tracking
-- numbers in tickets; `tracking_url` ("https://…/{number}") is the carrier's own tracking page.
CREATE TABLE carriers (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  tracking_pattern TEXT NOT NULL DEFAULT '',
  tracking_url TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, code)
);

-- Dates (promised_date, eta) are calendar dates at the destination, "YYYY-MM-DD". Money is in
-- minor units (paise) with its ISO 4217 currency. `status` follows the newest tracking event.
CREATE TABLE shipments (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  carrier_id INTEGER NOT NULL REFERENCES carriers(id),
  tracking_number TEXT NOT NULL,
  service TEXT NOT NULL DEFAULT '',
  origin_city TEXT NOT NULL DEFAULT '',
  origin_pin TEXT NOT NULL DEFAULT '',
  origin_country TEXT NOT NULL DEFAULT '',
  destination_city TEXT NOT NULL DEFAULT '',
  destination_pin TEXT NOT NULL DEFAULT '',
  destination_country TEXT NOT NULL DEFAULT '',
  weight_grams INTEGER,
  cod_minor INTEGER,
  cod_currency TEXT NOT NULL DEFAULT '',
  promised_date TEXT,
  eta TEXT,
  status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'picked_up', 'in_transit',
    'out_for_delivery', 'delivered', 'delivery_failed', 'returned_to_origin', 'lost',
    'damaged')),
  status_reason TEXT NOT NULL DEFAULT '',
  contact_id INTEGER REFERENCES contacts(id),
  organisation_id INTEGER REFERENCES organisations(id),
  order_ref TEXT NOT NULL DEFAULT '',
  last_event_at INTEGER,
  last_event_offset INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, carrier_id, tracking_number)
);
CREATE INDEX shipments_number ON shipments (workspace_id, tracking_number);
CREATE INDEX shipments_contact ON shipments (workspace_id, contact_id, id);

-- One row per carrier event; (shipment, event_id) makes a replayed event a no-op. Times are
-- UTC milliseconds with the offset the carrier reported, so a timeline shows local times.
CREATE TABLE tracking_events (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  shipment_id INTEGER NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  occurred_at INTEGER NOT NULL,
  utc_offset_minutes INTEGER NOT NULL DEFAULT 0,
  place TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  received_at INTEGER NOT NULL,
  UNIQUE (shipment_id, event_id)
);

-- Tickets about a shipment: found in the ticket's text ('auto') or linked by an agent.
CREATE TABLE ticket_shipments (
  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  shipment_id INTEGER NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  linked_by TEXT NOT NULL CHECK (linked_by IN ('auto', 'agent')),
  linked_at INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, shipment_id)
) WITHOUT ROWID;
CREATE INDEX ticket_shipments_shipment ON ticket_shipments (shipment_id);

-- Carrier systems post events to /hooks/tracking/{public_key}, signed with HMAC-SHA256 under
-- the hook's secret, which is kept sealed (secretbox, like mailbox passwords).
CREATE TABLE tracking_webhooks (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  public_key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  secret_sealed TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  last_used_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tracking_webhooks_ws ON tracking_webhooks (workspace_id, id);
