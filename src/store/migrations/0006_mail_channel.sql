-- Mailboxes, configured in the console or through the API (the config file's
-- [[mail.mailboxes]] are copied in by name at start-up). Passwords are sealed with libsodium's
-- secretbox under the key in the data folder (or from the config): the database alone does not
-- reveal them. An empty imap_host means mail arrives by LMTP or `mail-deliver`; an empty
-- smtp_host means replies go out through the workspace's first mailbox that has one.
CREATE TABLE mailboxes (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  name TEXT NOT NULL,
  address TEXT NOT NULL,              -- support@example.in, case-folded; base of plus-addresses
  from_name TEXT NOT NULL DEFAULT '', -- "Acme Support": replies say "Kavya (Acme Support)"
  group_id INTEGER REFERENCES agent_groups(id),
  enabled INTEGER NOT NULL DEFAULT 1,
  imap_host TEXT NOT NULL DEFAULT '',
  imap_port INTEGER NOT NULL DEFAULT 993,
  imap_security TEXT NOT NULL DEFAULT 'tls' CHECK (imap_security IN ('tls', 'starttls', 'none')),
  imap_username TEXT NOT NULL DEFAULT '',
  imap_password TEXT NOT NULL DEFAULT '',  -- sealed; '' when none
  imap_folder TEXT NOT NULL DEFAULT 'INBOX',
  imap_after TEXT NOT NULL DEFAULT 'flag' CHECK (imap_after IN ('flag', 'move', 'delete')),
  imap_move_to TEXT NOT NULL DEFAULT '',
  imap_poll_seconds INTEGER NOT NULL DEFAULT 60,
  smtp_host TEXT NOT NULL DEFAULT '',
  smtp_port INTEGER NOT NULL DEFAULT 587,
  smtp_security TEXT NOT NULL DEFAULT 'starttls' CHECK (smtp_security IN ('tls', 'starttls', 'none')),
  smtp_username TEXT NOT NULL DEFAULT '',
  smtp_password TEXT NOT NULL DEFAULT '',  -- sealed; '' when none
  tls_verify INTEGER NOT NULL DEFAULT 1,
  auto_ack INTEGER NOT NULL DEFAULT 1,
  auto_ack_templates TEXT NOT NULL DEFAULT '{}',  -- {"hi": {"subject": "…", "body": "…"}, …}
  last_fetch_at INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, name)
);
-- A mailbox from the config file may have no address (mail-deliver --mailbox NAME only).
CREATE UNIQUE INDEX mailboxes_address ON mailboxes (workspace_id, address) WHERE address <> '';

-- The IMAP messages imported, by mailbox, folder, UIDVALIDITY and UID, written in the same
-- transaction as the ticket: after a crash between the commit and flagging the message on
-- the server, the next fetch finds it here and only flags it.
CREATE TABLE mail_imap_uids (
  mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
  folder TEXT NOT NULL,
  uid_validity INTEGER NOT NULL,
  uid INTEGER NOT NULL,
  message_id TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (mailbox_id, folder, uid_validity, uid)
) WITHOUT ROWID;

-- Every e-mail Sahayak sends, queued in the transaction that caused it (an agent's reply, an
-- acknowledgement, a test). `payload` holds what composing needs (addresses, subject, text,
-- HTML, the attachments' blob hashes); the Message-ID and Date are fixed here, so a retry
-- sends the same mail. States: queued -> sending (claimed until next_attempt_at) -> sent, or
-- back to queued with a later next_attempt_at, or dead after the last attempt or a permanent
-- refusal (the dead-letter list admins see and can retry).
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  mailbox_id INTEGER REFERENCES mailboxes(id) ON DELETE SET NULL,
  ticket_id INTEGER REFERENCES tickets(id),
  message_row_id INTEGER REFERENCES messages(id),
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'auto_ack', 'notification', 'test')),
  message_id TEXT NOT NULL,
  to_email TEXT NOT NULL,  -- the first recipient, case-folded (auto-reply rate limits)
  payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at);
CREATE INDEX mail_outbox_list ON mail_outbox (workspace_id, state, id);
CREATE INDEX mail_outbox_to ON mail_outbox (workspace_id, to_email, kind, created_at);
CREATE INDEX mail_outbox_ticket ON mail_outbox (ticket_id);

-- Addresses whose mail bounced (from parsed delivery status notifications), shown beside the
-- contact; a later successful mail from the address clears the mark.
CREATE TABLE mail_bounces (
  workspace_id INTEGER NOT NULL,
  email TEXT NOT NULL,  -- case-folded
  status TEXT NOT NULL DEFAULT '',      -- "5.1.1"
  diagnostic TEXT NOT NULL DEFAULT '',
  bounced_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, email)
) WITHOUT ROWID;
