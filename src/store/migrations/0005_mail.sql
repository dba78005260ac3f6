-- E-mail threading. Every Message-ID Sahayak received (direction 'in') or sent ('out'), with
-- the ticket it belongs to, so In-Reply-To and References find the ticket and a re-delivered
-- mail is recognised. A ticket merged later keeps its rows; readers follow merged_into_id.
CREATE TABLE mail_messages (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  message_id TEXT NOT NULL,  -- without <>, as written in the header
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  message_row_id INTEGER REFERENCES messages(id),
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  threaded_by TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (workspace_id, message_id)
);
CREATE INDEX mail_messages_ticket ON mail_messages (ticket_id);

-- The addresses that took part in a ticket's mail (From, To and Cc of mail threaded onto it,
-- besides Sahayak's own): a ticket token or plus-address from anyone else opens a new ticket.
CREATE TABLE mail_participants (
  workspace_id INTEGER NOT NULL,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  email TEXT NOT NULL,  -- case-folded
  PRIMARY KEY (workspace_id, ticket_id, email)
) WITHOUT ROWID;
