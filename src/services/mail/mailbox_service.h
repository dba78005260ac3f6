#pragma once

// Mailboxes as admins manage them in the console and through the API: create, change, delete,
// and try their servers ("test incoming", "test outgoing"). Passwords are write-only: they
// arrive in plain text in the request, are sealed with base/crypto.h SealSecret before they
// are stored, and never leave again (views say only whether one is set).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "domain/mail.h"
#include "domain/mailbox.h"
#include "services/principal.h"
#include "services/store.h"

namespace sahayak::services {

// The network side of the "test" actions, implemented in channels/email/ with ImapClient and
// SmtpSender. Each call blocks for at most about `deadline_seconds` and returns an error whose
// message is fit to show an admin (it names the server and carries its words).
class MailServerCheck {
 public:
  virtual ~MailServerCheck() = default;

  // Connects, logs in and selects the mailbox's folder (and checks imap_move_to for "move").
  // Returns how many messages wait to be imported.
  virtual Result<int64_t> CheckImap(const domain::Mailbox& m, const std::string& password,
                                    int deadline_seconds) = 0;

  // Composes `mail` and sends it through the mailbox's SMTP server, envelope sender = the
  // mailbox address. Returns the server's reply to the data ("250 2.0.0 Ok: queued as …").
  virtual Result<std::string> SendMail(const domain::Mailbox& m, const std::string& password,
                                       const domain::OutboundMail& mail, int deadline_seconds) = 0;
};

// What a test action found, in words for the admin.
struct MailboxCheckOutcome {
  bool ok = false;
  int64_t messages_pending = 0;  // test-imap
  std::string server_reply;      // test-smtp: the server's answer to the mail
  std::string error;             // when !ok
};

// Thread-safe (no mutable state; the check implementation must be thread-safe too).
// Every call needs an admin principal (PermissionDenied otherwise).
class MailboxService {
 public:
  // `secret_key`: 32 bytes (App::secret_key()). `check` may be null: the test actions then
  // answer Unavailable.
  MailboxService(Store& store, const Clock& clock, std::string secret_key, MailServerCheck* check)
      : store_(store), clock_(clock), secret_key_(std::move(secret_key)), check_(check) {}

  Result<std::vector<domain::Mailbox>> List(ReadTx& tx, const Principal& who) const;
  Result<domain::Mailbox> Get(ReadTx& tx, const Principal& who, Id id) const;

  // Body members (all optional on update, PATCH semantics; name and address required on
  // create): name, address, from_name, group_id (null: none), enabled, imap_host, imap_port,
  // imap_security, imap_username, imap_password, imap_folder, imap_after, imap_move_to,
  // imap_poll_seconds, smtp_host, smtp_port, smtp_security, smtp_username, smtp_password,
  // tls_verify, auto_ack, auto_ack_templates. A password "" clears it; an absent one is kept.
  // InvalidArgument names every bad field; AlreadyExists names "name" or "address".
  // The audit event lists the changed fields; for passwords only "set", "changed" or
  // "cleared".
  Result<domain::Mailbox> Create(WriteTx& tx, const Principal& who, const nlohmann::json& body);
  // Aborted ("precondition-failed") when if_match names another version.
  Result<domain::Mailbox> Update(WriteTx& tx, const Principal& who, Id id,
                                 const nlohmann::json& body, std::optional<int64_t> if_match);
  Status Delete(WriteTx& tx, const Principal& who, Id id);

  // The synchronous tests; they read the mailbox themselves and run outside any transaction.
  // A failure to reach or log in to the server is an outcome with ok = false, not an error;
  // errors are for the request itself (no such mailbox, no IMAP host, a bad address).
  Result<MailboxCheckOutcome> TestImap(const Principal& who, Id id);
  // Sends a short test mail (Auto-Submitted: auto-generated) to `to` now, and records an
  // audit event "mailbox.test_sent" with the address and the result.
  Result<MailboxCheckOutcome> TestSmtp(const Principal& who, Id id, const std::string& to);

  // The plaintext password of a sealed column ("" stays ""). FailedPrecondition when it was
  // sealed under another key.
  Result<std::string> OpenPassword(const std::string& sealed) const;

  static constexpr int kCheckDeadlineSeconds = 20;

 private:
  Status RequireAdmin(const Principal& who) const;
  Status Apply(ReadTx& tx, Id ws, const nlohmann::json& body, bool creating, domain::Mailbox* m,
               nlohmann::json* password_changes) const;

  Store& store_;
  const Clock& clock_;
  std::string secret_key_;
  MailServerCheck* check_;
};

// The mailbox as the audit log records it: every setting, no password (only whether set).
nlohmann::json MailboxAuditView(const domain::Mailbox& m);

}  // namespace sahayak::services
