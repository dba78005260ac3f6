-- The customer portal (docs/portal.md): customers sign in by a one-time link sent by e-mail
-- or by a password, and read their tickets (their organisation's too when ticket_access is
-- 'organization'). Tokens are stored only as their SHA-256 (hex); the secret itself exists
-- only in the customer's mail or cookie.
ALTER TABLE contacts ADD COLUMN ticket_access TEXT NOT NULL DEFAULT 'own'
  CHECK (ticket_access IN ('own', 'organization'));

-- A contact's portal password (argon2id, base/crypto.h).
CREATE TABLE portal_credentials (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, contact_id)
) WITHOUT ROWID;

-- A signed-in customer: the cookie's token hashed; a CSRF token for the forms; ends after
-- 30 days without a visit (expires_at moves on with each visit) or when they sign out.
CREATE TABLE portal_sessions (
  token_hash TEXT PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX portal_sessions_contact ON portal_sessions (workspace_id, contact_id);
CREATE INDEX portal_sessions_expiry ON portal_sessions (expires_at);

-- Magic links: one use (used_at), 15 minutes.
CREATE TABLE portal_sign_in_tokens (
  token_hash TEXT PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  purpose TEXT NOT NULL DEFAULT 'sign_in' CHECK (purpose IN ('sign_in', 'invitation')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) WITHOUT ROWID;
CREATE INDEX portal_sign_in_tokens_expiry ON portal_sign_in_tokens (expires_at);
