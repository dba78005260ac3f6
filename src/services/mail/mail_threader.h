#pragma once

#include <optional>
#include <string>

#include "domain/mail.h"
#include "services/mail/ingest_service.h"
#include "services/store.h"

namespace sahayak::services {

// Where an inbound mail belongs, and why.
struct ThreadDecision {
  // The ticket to add the mail to (merges followed); never closed.
  std::optional<domain::Ticket> ticket;
  // The closed ticket the mail threads to: it gets a new follow-up ticket instead.
  std::optional<domain::Ticket> closed;
  std::string threaded_by = "new";  // see IngestResult::threaded_by
  std::string reason;               // English, for agents
};

// The threading rules of MailIngestService, reading only. Used inside the ingest transaction.
class MailThreader {
 public:
  // `sender` is the case-folded From address (empty when unusable).
  MailThreader(ReadTx& tx, Id ws, const InboundMailbox& box, const domain::InboundMail& mail,
               std::string sender, Millis now, Millis sender_subject_window)
      : tx_(tx),
        ws_(ws),
        box_(box),
        mail_(mail),
        sender_(std::move(sender)),
        now_(now),
        window_(sender_subject_window) {}

  // Rules (a) to (e) in order.
  Result<ThreadDecision> Decide();
  // For bounces: the DSN's original Message-ID, then In-Reply-To and References; nothing else.
  Result<ThreadDecision> DecideBounce();

 private:
  // (a): the Message-IDs the mail replies to, known to Sahayak.
  Result<bool> ByMessageIds(bool include_delivery_status, ThreadDecision* d);
  // (b) and (c): the ticket `number` named by `token`, when the sender may use it.
  Result<bool> ByTicketNumber(int64_t number, const std::string& rule, const std::string& token,
                              ThreadDecision* d);
  // (d)
  Result<bool> BySenderAndSubject(ThreadDecision* d);
  // Sets ticket or closed from `t`, following merges; `how` becomes the reason.
  Status Settle(domain::Ticket t, const std::string& rule, const std::string& how,
                ThreadDecision* d);
  // Whether the sender is the requester of `t` or took part in its mail.
  Result<bool> SenderBelongsTo(const domain::Ticket& t);

  ReadTx& tx_;
  Id ws_;
  const InboundMailbox& box_;
  const domain::InboundMail& mail_;
  std::string sender_;
  Millis now_;
  Millis window_;
  std::optional<Id> sender_contact_;  // looked up once
  bool sender_looked_up_ = false;
  std::string refused_;  // why a token or plus-address was not followed
};

}  // namespace sahayak::services
