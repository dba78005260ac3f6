-- One public site per workspace (docs/portal.md, "One site per workspace"): the host name
-- (lower-case, no port) whose requests the help centre, the portal and /help/suggest answer
-- for this workspace. '' is "none": such requests fall back to the default workspace.
ALTER TABLE workspaces ADD COLUMN public_host TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX workspaces_public_host ON workspaces (public_host) WHERE public_host <> '';
