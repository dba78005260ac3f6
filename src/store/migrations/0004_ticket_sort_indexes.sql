-- Ticket lists sort by updated_at, created_at or solved_at (GET /api/v1/tickets?sort=). The
-- store runs one query per status and merges the pages (tx_tickets.cc), so each query walks
-- one of these indexes in order and stops after a page: (status), (assignee, status) and
-- (group, status) prefixes, each followed by the sort key and id for stable keyset paging.
CREATE INDEX tickets_status_updated ON tickets (workspace_id, status, updated_at, id);
CREATE INDEX tickets_assignee_updated ON tickets (workspace_id, assignee_id, status, updated_at, id);
CREATE INDEX tickets_group_updated ON tickets (workspace_id, group_id, status, updated_at, id);
CREATE INDEX tickets_status_created ON tickets (workspace_id, status, created_at, id);
CREATE INDEX tickets_assignee_created ON tickets (workspace_id, assignee_id, status, created_at, id);
CREATE INDEX tickets_group_created ON tickets (workspace_id, group_id, status, created_at, id);
-- Only solved (and then closed or reopened) tickets have solved_at; partial indexes stay small.
CREATE INDEX tickets_status_solved ON tickets (workspace_id, status, solved_at, id)
  WHERE solved_at IS NOT NULL;
CREATE INDEX tickets_assignee_solved ON tickets (workspace_id, assignee_id, status, solved_at, id)
  WHERE solved_at IS NOT NULL;
CREATE INDEX tickets_group_solved ON tickets (workspace_id, group_id, status, solved_at, id)
  WHERE solved_at IS NOT NULL;
-- Counts by priority or channel (an inbox badge per view) would otherwise scan every ticket
-- of the workspace when the value is rare.
CREATE INDEX tickets_priority ON tickets (workspace_id, priority, status, id);
CREATE INDEX tickets_channel ON tickets (workspace_id, channel, status, id);
