-- The documents international shipments need (docs/shipments.md, "Documents for international
-- shipments"): one rule per destination country ('*': every international destination) and
-- origin country ('': any origin). `documents` is the ordered list as JSON text:
-- [{"code": "commercial_invoice", "name": "Commercial invoice", "note": "…",
--   "kb_article_id": 7 | null}, …]. A list is small (at most 20 documents) and always read whole.
CREATE TABLE shipment_document_rules (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  destination_country TEXT NOT NULL,
  origin_country TEXT NOT NULL DEFAULT '',
  documents TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, destination_country, origin_country)
);
