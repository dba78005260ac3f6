#pragma once

// Outgoing e-mail, queued in the transaction that causes it: an agent's public reply on an
// e-mail ticket, and the acknowledgement of a ticket opened by a customer's mail. The mail is
// written to mail_outbox (migration 0006) with its Message-ID, Date and threading headers
// fixed, so every retry sends the same mail; app/mail_outbox_worker.h sends it.
//
// Decisions (see also docs/email.md):
//  - Only tickets whose channel is e-mail are answered by mail. A ticket opened through the
//    web, the API or the portal is answered where it was opened, even when the requester has
//    an e-mail address (mailing them is the job of notifications, kind "notification").
//  - To: the requester's e-mail address (the first e-mail identity of the contact). Cc: the
//    others that took part in the ticket's mail (mail_participants: From, To and Cc of the
//    customer's mails, never Sahayak's own addresses), at most 10, without bouncing addresses
//    — a customer who copied a colleague sees the colleague copied on the answer.
//  - From: "Agent (Mailbox from_name)" <mailbox address>; Reply-To: the plus-address
//    local+t<number>@domain that ingest's rule (c) threads by; Subject "Re: <subject> [#n]"
//    (reply prefixes and the ticket's own token are not doubled).
//  - The mailbox: the one the ticket's first mail arrived at (channel_meta.email.mailbox, or
//    its To/Cc address), else the enabled mailbox of the ticket's group, else the workspace's
//    first mailbox (by name) with an SMTP server, else the first mailbox. With no mailbox at all the mail is still queued (nothing is lost), with
//    last_error saying that no SMTP server is configured; the worker fills in From when one is.
//  - In-Reply-To: the ticket's latest received Message-ID; References: its last 20
//    Message-IDs, received and sent, oldest first. The new Message-ID is recorded in
//    mail_messages (direction "out"), so a customer's answer threads by In-Reply-To.
//  - Attachments are kept as blob hashes in the payload; the worker reads the blobs.
//
// Acknowledgements go to the sender of a normal mail that opened a new ticket, and to the
// requester's e-mail address of a ticket opened through the web form (channel web) or the
// portal (channel portal), when the mailbox has auto_ack on and some mailbox can send (an
// acknowledgement sent days later, once an SMTP server is added, would only confuse) — never
// to an auto-reply, bulk mail or a bounce, never to mailer-daemon/postmaster/noreply-like
// senders or to Sahayak's own addresses, and at most `auto_acks_per_hour` to one address
// (beyond it an audit event "ticket.auto_ack_skipped" on the ticket says why). The mailbox of
// a web or portal ticket is the one of the ticket's group, else the fallback above. The text
// is the mailbox's auto_ack_templates entry for the language, else the built-in one (en, hi,
// kn); the language is the contact's, else the ticket's (ingest guesses it from the script,
// the web form takes the page's), else the workspace default. Placeholders:
// {{ticket.number}}, {{ticket.subject}}, {{requester.name}}, {{ticket.url}} (web and portal
// tickets: the ticket in the portal, <site>/portal/tickets/<n>, which the built-in texts
// show; empty for e-mail tickets). Sent from the null sender with Auto-Submitted:
// auto-replied (RFC 3834) and the same threading headers as a reply.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "domain/mail.h"
#include "domain/mailbox.h"
#include "services/store.h"
#include "services/tickets/ticket_service.h"

namespace sahayak::services {

// An attachment of a queued mail, by blob.
struct QueuedAttachment {
  std::string sha256;
  std::string filename;
  std::string mime_type;
  std::string content_id;  // without <>
  bool is_inline = false;
};

// What mail_outbox.payload holds.
struct QueuedMail {
  domain::OutboundMail mail;  // parts empty: see attachments
  std::vector<QueuedAttachment> attachments;
  bool null_sender = false;   // MAIL FROM:<> (acknowledgements); else the From address
  // For a mail queued without a mailbox: how the worker fills in From and Reply-To.
  std::string from_person;    // the agent's name; empty for automatic mail
  int64_t ticket_number = 0;  // 0: no plus-address
};

std::string EncodeQueuedMail(const QueuedMail& q);
// InvalidArgument when the payload is not what EncodeQueuedMail writes.
Result<QueuedMail> DecodeQueuedMail(std::string_view payload);

// Sets From ("Person (from_name)" <address>) and the Reply-To plus-address from `box`.
void AddressFromMailbox(const domain::Mailbox& box, QueuedMail* q);

// "Re: Parcel late [#12]" from "Parcel late", "RE: Re: Parcel late", "Parcel late [#12]" …
std::string ReplySubject(std::string_view subject, int64_t number);
// "support+t12@example.in" from "support@example.in"; "" when `address` has no "@".
std::string PlusAddress(std::string_view address, int64_t number);
// A new unique Message-ID (without <>) at the domain of `address` ("sahayak.invalid" when
// it has none).
std::string NewMessageId(std::string_view address);
// Whether an address is one no person reads (mailer-daemon, postmaster, noreply, …).
bool IsRobotAddress(std::string_view address);

// Subject and body of an acknowledgement in `language` ("hi", "hi-IN" …; unknown: English),
// from the mailbox's templates JSON when it has that language, else the built-in text.
// `ticket_url`: where the customer can follow the ticket ("" when nowhere); the built-in texts
// then have a line with it. (services/mail/auto_ack_text.cc)
struct AckText {
  std::string subject;
  std::string body;
};
AckText AutoAckText(std::string_view templates_json, std::string_view language, int64_t number,
                    std::string_view subject, std::string_view requester_name,
                    std::string_view ticket_url = {});

struct OutboundOptions {
  int max_references = 20;
  int max_cc = 10;
  int auto_acks_per_hour = 3;
};

// Queues mail as the class comment above says. Thread-safe; stateless apart from its
// collaborators and the on-queued callback (set once before use).
class MailOutboundService final : public TicketObserver {
 public:
  explicit MailOutboundService(const Clock& clock, OutboundOptions options = {})
      : clock_(clock), options_(options) {}

  // Called (inside the write transaction) after a mail is queued, to wake the sender. A
  // sender that claims mail through the same store's writer sees it once it committed.
  void set_on_queued(std::function<void()> f) { on_queued_ = std::move(f); }
  // The base URL of a workspace's public site (help centre and portal) from its public_host
  // ("" when it has none): "https://help.acme.in". Without it acknowledgements carry no portal
  // link. Set once before use.
  void set_site_url(std::function<std::string(std::string_view public_host)> f) {
    site_url_ = std::move(f);
  }

  Status OnPublicReply(WriteTx& tx, const Principal& who, const domain::Ticket& t,
                       const domain::Message& m) override;
  Status OnInboundTicket(WriteTx& tx, const domain::Ticket& t, const domain::Contact& requester,
                         const domain::Message& first) override;

  // The reply for message `m` of ticket `t`; nullopt (nothing queued) when the ticket is not
  // an e-mail ticket or its requester has no e-mail address.
  Result<std::optional<domain::MailOutboxItem>> QueueReply(WriteTx& tx, const Principal& who,
                                                           const domain::Ticket& t,
                                                           const domain::Message& m);
  // The acknowledgement of ticket `t`; nullopt with `*why` set when none is due.
  Result<std::optional<domain::MailOutboxItem>> QueueAutoAck(WriteTx& tx,
                                                             const domain::Ticket& t,
                                                             const domain::Contact& requester,
                                                             const domain::Message& first,
                                                             std::string* why);

 private:
  Result<domain::MailOutboxItem> Queue(WriteTx& tx, const domain::Ticket& t,
                                       std::optional<Id> message_row_id, const std::string& kind,
                                       const std::optional<domain::Mailbox>& box, QueuedMail q,
                                       const std::string& to_email);
  void Notify() const;

  const Clock& clock_;
  OutboundOptions options_;
  std::function<void()> on_queued_;
  std::function<std::string(std::string_view)> site_url_;
};

}  // namespace sahayak::services
