-- Operations figures (docs/analytics.md) count the shipments booked in a period. A shipment
-- loaded after the fact (a CSV of last month's parcels, a carrier feed that creates shipments)
-- was booked when its first tracking event says, not when it reached Sahayak: `booked_at` is
-- the earlier of the two, kept by ShipmentService::Ingest, and indexed for the figures.
ALTER TABLE shipments ADD COLUMN booked_at INTEGER NOT NULL DEFAULT 0;
UPDATE shipments SET booked_at = MIN(created_at, COALESCE(
  (SELECT MIN(e.occurred_at) FROM tracking_events e WHERE e.shipment_id = shipments.id),
  created_at));
CREATE INDEX shipments_booked ON shipments (workspace_id, booked_at);
