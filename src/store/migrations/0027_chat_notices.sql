-- Shipment notices by live chat (docs/shipments.md, "By live chat"): a customer whose
-- preferred channel is `chat` gets the notice as a message from the team in their latest chat
-- conversation; everyone else, and chat customers without a conversation, by e-mail. A notice
-- now says which channel it went by, which one the customer preferred and why it fell back.

-- SQLite cannot change a CHECK constraint: the table is rebuilt with 'chatted' among the
-- outcomes and the new columns, its rows copied with their ids.
CREATE TABLE shipment_notices_0027 (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  shipment_id INTEGER NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
  notice TEXT NOT NULL,
  event_key TEXT NOT NULL,
  contact_id INTEGER REFERENCES contacts(id),
  -- 'mailed': queued in mail_outbox (outbox_id); 'chatted': a message in a chat conversation
  -- (chat_conversation_id, chat_seq); else why the customer was not told
  outcome TEXT NOT NULL CHECK (outcome IN ('mailed', 'chatted', 'opted_out', 'no_address', 'off',
                                           'stale')),
  outbox_id INTEGER REFERENCES mail_outbox(id),
  ticket_id INTEGER REFERENCES tickets(id) ON DELETE SET NULL,
  language TEXT NOT NULL DEFAULT '',
  send_after INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  -- The channel the customer was (or is about to be) told by: 'email' or 'chat'; '' for none.
  channel TEXT NOT NULL DEFAULT '' CHECK (channel IN ('', 'email', 'chat')),
  -- The customer's effective preferred_channel when the notice was decided ('' when unset).
  preferred_channel TEXT NOT NULL DEFAULT '',
  -- Why the notice did not go by the preferred channel: '' (it did, or none was preferred),
  -- 'no_conversation' (chat preferred, the contact never chatted), 'chat_off' (chat preferred,
  -- the workspace's live chat is off) or 'not_available' (sms, whatsapp, phone: not sent yet).
  fallback TEXT NOT NULL DEFAULT '',
  -- A chat notice's conversation, and the seq of its message once posted: NULL while it waits
  -- for the customer's quiet hours to end (shipment_notices_chat_due).
  chat_conversation_id INTEGER REFERENCES chat_conversations(id),
  chat_seq INTEGER,
  UNIQUE (shipment_id, notice, event_key)
);
INSERT INTO shipment_notices_0027 (id, workspace_id, shipment_id, notice, event_key, contact_id,
                                   outcome, outbox_id, ticket_id, language, send_after,
                                   created_at, channel)
  SELECT id, workspace_id, shipment_id, notice, event_key, contact_id, outcome, outbox_id,
         ticket_id, language, send_after, created_at,
         CASE outcome WHEN 'mailed' THEN 'email' ELSE '' END
  FROM shipment_notices;
DROP TABLE shipment_notices;
ALTER TABLE shipment_notices_0027 RENAME TO shipment_notices;
CREATE INDEX shipment_notices_ws ON shipment_notices (workspace_id, id);
-- The chat notices still to be posted, by when they are due (the chat notice worker's query).
CREATE INDEX shipment_notices_chat_due ON shipment_notices (send_after)
  WHERE outcome = 'chatted' AND chat_seq IS NULL;

-- `chat` becomes a preferred channel (docs/shipments.md, "Standing preferences"); the table is
-- rebuilt for its CHECK, its rows copied with their ids.
CREATE TABLE delivery_preferences_0027 (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  owner_type TEXT NOT NULL CHECK (owner_type IN ('contact', 'organisation')),
  owner_id INTEGER NOT NULL,
  -- JSON [{"days": ["mon", …], "from": "07:00", "until": "16:00"}], local to time_zone
  windows TEXT NOT NULL DEFAULT '[]',
  time_zone TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  safe_place TEXT NOT NULL DEFAULT '',
  -- JSON {"name", "line1", "line2", "city", "pin", "country", "phone"}, or ''
  alternate_address TEXT NOT NULL DEFAULT '',
  preferred_channel TEXT NOT NULL DEFAULT ''
    CHECK (preferred_channel IN ('', 'email', 'chat', 'sms', 'whatsapp', 'phone')),
  quiet_from TEXT NOT NULL DEFAULT '',
  quiet_until TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, owner_type, owner_id)
);
INSERT INTO delivery_preferences_0027 (id, workspace_id, owner_type, owner_id, windows, time_zone,
                                       language, safe_place, alternate_address,
                                       preferred_channel, quiet_from, quiet_until, updated_at,
                                       version)
  SELECT id, workspace_id, owner_type, owner_id, windows, time_zone, language, safe_place,
         alternate_address, preferred_channel, quiet_from, quiet_until, updated_at, version
  FROM delivery_preferences;
DROP TABLE delivery_preferences;
ALTER TABLE delivery_preferences_0027 RENAME TO delivery_preferences;

-- A contact's latest chat conversation: where their chat notices go.
CREATE INDEX chat_conversations_contact ON chat_conversations (contact_id, id);
