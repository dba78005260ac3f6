-- Inbox views filter by assignee or group alone and page newest first; with only the
-- (assignee, status, id) indexes SQLite had to sort every matching row to find a page.
CREATE INDEX tickets_assignee_id ON tickets (workspace_id, assignee_id, id);
CREATE INDEX tickets_group_id ON tickets (workspace_id, group_id, id);
