#pragma once

// The writing half of MailIngestService (internal to services/mail/): the sender as a contact,
// messages with the mail's files, the Message-ID and participant records, and the text helpers
// that make outside mail fit what the store holds.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "domain/mail.h"
#include "services/mail/ingest_service.h"
#include "services/principal.h"
#include "services/store.h"
#include "services/tickets/ticket_service.h"

namespace sahayak::services {

// `s` as valid UTF-8 (ill-formed sequences become U+FFFD).
std::string ValidText(std::string_view s);
// One line of a name or subject: valid NFC UTF-8, control characters as spaces, trimmed, at
// most `max_chars` code points.
std::string OneLine(std::string_view s, size_t max_chars);
// A file name safe to store and offer for download; `fallback` when nothing usable is left.
std::string SafeFilename(std::string_view raw, const std::string& fallback);
// The case-folded address, or "" when it is not an e-mail address.
std::string FoldedAddress(const domain::MailAddress& a);
// "normal", "auto-reply", "bulk", "bounce".
const char* MailKindName(domain::MailKind k);

// One ingest's writes, inside the caller's transaction. Not thread-safe.
class MailWriter {
 public:
  MailWriter(WriteTx& tx, TicketService& tickets, Id ws, const InboundMailbox& box,
             const domain::InboundMail& mail, const StoredMail& files, Millis now);

  // The sender's address (From, else Reply-To), case-folded; "" when neither is usable.
  const std::string& sender() const { return sender_; }
  // Who the audit events of automatic changes name: the system, "e-mail (mailbox)".
  const Principal& system() const { return system_; }

  // channel_meta {"email": {...}} of a message made from the mail.
  nlohmann::json Meta(const std::string& threaded_by, const std::string& reason) const;

  // The sender as a contact: found or created by address; a mail without a usable address
  // gets a contact of its own, so it is never lost.
  Result<domain::Contact> Sender();

  // Inserts a message with all the mail's files as attachments (cid: images pointing at their
  // attachment). `html` is untrusted and sanitised here; body and HTML are cut to the message
  // size limit, with a notice, when the mail is longer.
  Result<domain::Message> WriteMessage(Id ticket_id, bool is_public,
                                       domain::Actor::Kind author_kind, Id author_id,
                                       std::string body, std::string html, nlohmann::json meta);

  // Records the Message-ID on the ticket and, with `participants`, who took part (sender, To
  // and Cc, but not Sahayak's own addresses). Automatic mail records no participants: a mailer
  // daemon or an autoresponder must not become someone who may use the ticket's token.
  Status RecordMessageId(Id ticket_id, Id message_row_id, const std::string& threaded_by,
                         bool participants);

  // The group of a new ticket: the mailbox's, else the workspace's first (oldest) one.
  Result<std::optional<Id>> Group();

 private:
  Status RecordParticipants(Id ticket_id);

  WriteTx& tx_;
  TicketService& tickets_;
  Id ws_;
  const InboundMailbox& box_;
  const domain::InboundMail& mail_;
  const StoredMail& files_;
  Millis now_;
  Principal system_;
  std::string sender_;
};

}  // namespace sahayak::services
