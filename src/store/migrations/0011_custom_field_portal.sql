-- Custom fields in the portal (docs/portal.md, "Topics and fields"): `customer_visible` says
-- whether customers fill the field in on the portal's new-request form (and may set it there);
-- `portal_topics` (JSON array of knowledge-base category ids) limits it to requests about
-- those topics, '[]' being every topic and no topic. Fields that existed before were all
-- shown in the portal, so they stay visible; new fields start agent-only.
ALTER TABLE custom_fields ADD COLUMN customer_visible INTEGER NOT NULL DEFAULT 0;
ALTER TABLE custom_fields ADD COLUMN portal_topics TEXT NOT NULL DEFAULT '[]';
UPDATE custom_fields SET customer_visible = 1;
