-- The widget shows the team online only while the chat's business hours are open
-- (docs/chat.md, "Business hours"): the schedule chat follows, or NULL for the schedule of its
-- default group, else the workspace's default.
ALTER TABLE chat_settings ADD COLUMN business_hours_id INTEGER REFERENCES business_hours(id)
  ON DELETE SET NULL;
