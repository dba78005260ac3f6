-- Orders, invoices and contracts (docs/commerce.md). Amounts are integers in minor units of the
-- document's currency; item and line lists are JSON arrays kept with their document.

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  number TEXT NOT NULL,
  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
  status TEXT NOT NULL,
  payment_status TEXT NOT NULL,
  currency TEXT NOT NULL,
  items TEXT NOT NULL DEFAULT '[]',
  subtotal INTEGER NOT NULL,
  shipping INTEGER NOT NULL,
  discount INTEGER NOT NULL,
  tax INTEGER NOT NULL,
  total INTEGER NOT NULL,
  placed_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, number)
);
CREATE INDEX orders_contact ON orders (workspace_id, contact_id, id);
CREATE INDEX orders_organisation ON orders (workspace_id, organisation_id, id);

CREATE TABLE invoices (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  number TEXT NOT NULL,
  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
  order_number TEXT NOT NULL DEFAULT '',
  currency TEXT NOT NULL,
  bill_to TEXT NOT NULL DEFAULT '',
  tax_id TEXT NOT NULL DEFAULT '',
  lines TEXT NOT NULL DEFAULT '[]',
  subtotal INTEGER NOT NULL,
  tax INTEGER NOT NULL,
  total INTEGER NOT NULL,
  amount_paid INTEGER NOT NULL,
  issued_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('issued', 'paid', 'void')),
  pdf_sha256 TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, number)
);
CREATE INDEX invoices_contact ON invoices (workspace_id, contact_id, id);
CREATE INDEX invoices_organisation ON invoices (workspace_id, organisation_id, id);

CREATE TABLE contracts (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  number TEXT NOT NULL,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  plan TEXT NOT NULL DEFAULT '',
  tier TEXT NOT NULL,
  sla_tier TEXT NOT NULL,
  start_on TEXT NOT NULL,
  end_on TEXT,
  renewal_on TEXT,
  account_manager_id INTEGER REFERENCES agents(id) ON DELETE SET NULL,
  notes TEXT NOT NULL DEFAULT '',
  document_sha256 TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, number)
);
CREATE INDEX contracts_organisation ON contracts (workspace_id, organisation_id, start_on);

-- Orders and invoices a ticket is about: found in its text ("auto") or linked by an agent.
CREATE TABLE ticket_orders (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  linked_by TEXT NOT NULL CHECK (linked_by IN ('auto', 'agent')),
  linked_at INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, order_id)
);
CREATE INDEX ticket_orders_order ON ticket_orders (order_id);

CREATE TABLE ticket_invoices (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  linked_by TEXT NOT NULL CHECK (linked_by IN ('auto', 'agent')),
  linked_at INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, invoice_id)
);
CREATE INDEX ticket_invoices_invoice ON ticket_invoices (invoice_id);

-- A workspace's patterns for finding order and invoice numbers in tickets' text.
CREATE TABLE commerce_settings (
  workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id),
  order_pattern TEXT NOT NULL DEFAULT '',
  invoice_pattern TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

-- An order's parcels are the shipments whose order_ref is its number.
CREATE INDEX shipments_order_ref ON shipments (workspace_id, order_ref) WHERE order_ref != '';
-- Order references written before orders existed, in the form order numbers take now.
UPDATE shipments SET order_ref = upper(ltrim(replace(trim(order_ref), ' ', ''), '#'))
  WHERE order_ref != '';
