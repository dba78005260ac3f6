-- Business hours (docs/business-hours.md): weekly schedules read on the wall clock of a time
-- zone, each with its holidays. A workspace has at most one default schedule; a group may
-- follow another one (group_business_hours), else it follows the default. `periods` is the
-- week as JSON text, small and always read whole:
-- [{"day": "mon", "start": "09:00", "end": "13:00"}, …].
CREATE TABLE business_hours (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  always_open INTEGER NOT NULL DEFAULT 0,
  periods TEXT NOT NULL DEFAULT '[]',
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, name)
);
CREATE UNIQUE INDEX business_hours_default ON business_hours (workspace_id) WHERE is_default = 1;

-- Whole local days on which a schedule is closed; `calendar` says where a holiday came from
-- ("India", "Karnataka", an imported file's calendar name), for people to read.
CREATE TABLE business_holidays (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  schedule_id INTEGER NOT NULL REFERENCES business_hours(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  name TEXT NOT NULL,
  calendar TEXT NOT NULL DEFAULT '',
  UNIQUE (schedule_id, date)
);

CREATE TABLE group_business_hours (
  group_id INTEGER PRIMARY KEY REFERENCES agent_groups(id) ON DELETE CASCADE,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  schedule_id INTEGER NOT NULL REFERENCES business_hours(id) ON DELETE CASCADE
);
CREATE INDEX group_business_hours_schedule ON group_business_hours (schedule_id);
