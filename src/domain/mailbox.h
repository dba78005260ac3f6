#pragma once

// A mailbox a workspace receives e-mail at and sends replies from, and the e-mail Sahayak has
// queued to send. Passwords are kept sealed (see base/crypto.h SealSecret); only the code that
// logs in to the mail server opens them.

#include <cstdint>
#include <optional>
#include <string>

#include "domain/types.h"

namespace sahayak::domain {

struct Mailbox {
  Id id = 0;
  Id workspace_id = 0;
  std::string name;       // unique in the workspace; `mail-deliver --mailbox NAME`
  std::string address;    // support@example.in, case-folded; also the base of plus-addresses
  std::string from_name;  // "Acme Support"
  std::optional<Id> group_id;  // new tickets go here; none: the workspace's first group
  bool enabled = true;

  // Inbound over IMAP; an empty host means mail arrives by LMTP or `mail-deliver` instead.
  std::string imap_host;
  int imap_port = 993;
  std::string imap_security = "tls";  // tls | starttls | none
  std::string imap_username;
  std::string imap_password_sealed;   // "" when none
  std::string imap_folder = "INBOX";
  std::string imap_after = "flag";    // flag | move | delete, once the ticket is committed
  std::string imap_move_to;           // the folder for "move"
  int imap_poll_seconds = 60;         // between checks when the server has no IDLE

  // Outbound over SMTP; an empty host: replies go out through another mailbox's server.
  std::string smtp_host;
  int smtp_port = 587;
  std::string smtp_security = "starttls";  // tls | starttls | none
  std::string smtp_username;
  std::string smtp_password_sealed;

  bool tls_verify = true;  // false only for test servers with self-signed certificates

  bool auto_ack = true;  // acknowledge a new ticket to the customer
  // {"en": {"subject": "…", "body": "…"}, "hi": …}; a missing language uses the built-in text.
  std::string auto_ack_templates = "{}";

  std::optional<Millis> last_fetch_at;
  std::string last_error;  // of the last fetch or send; "" when it worked
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

// One e-mail in the outbox (migration 0006 explains the states).
struct MailOutboxItem {
  Id id = 0;
  Id workspace_id = 0;
  std::optional<Id> mailbox_id;
  std::optional<Id> ticket_id;
  std::optional<Id> message_row_id;
  std::string kind = "reply";  // reply | auto_ack | notification | test
  std::string message_id;      // without <>
  std::string to_email;        // first recipient, case-folded
  std::string payload = "{}";  // JSON: what composing needs
  std::string state = "queued";  // queued | sending | sent | dead
  int attempts = 0;
  Millis next_attempt_at = 0;
  std::string last_error;
  Millis created_at = 0;
  Millis updated_at = 0;
  std::optional<Millis> sent_at;
};

struct MailBounce {
  std::string email;  // case-folded
  std::string status;
  std::string diagnostic;
  Millis bounced_at = 0;
};

}  // namespace sahayak::domain
