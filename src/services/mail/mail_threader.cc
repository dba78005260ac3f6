#include "services/mail/mail_threader.h"

#include <algorithm>

#include "services/mail/threading.h"

namespace sahayak::services {

namespace {

using domain::Ticket;
using domain::TicketStatus;

std::string Number(int64_t n) {
  return "#" + std::to_string(n);
}

// Merge chains are short; the cap only guards against a cycle in bad data.
constexpr int kMaxMergeHops = 16;
// References can list a whole long thread; the most recent ids are the useful ones.
constexpr size_t kMaxReferences = 50;
// A sender's recent tickets compared by subject (rule d), newest first.
constexpr int kMaxSubjectCandidates = 50;

}  // namespace

Result<ThreadDecision> MailThreader::Decide() {
  ThreadDecision d;
  ASSIGN_OR_RETURN(bool found, ByMessageIds(/*include_delivery_status=*/false, &d));
  if (found) return d;
  for (int64_t n : SubjectTicketNumbers(mail_.subject)) {
    ASSIGN_OR_RETURN(found,
                     ByTicketNumber(n, "subject-token",
                                    "the ticket token [" + Number(n) + "] in the subject", &d));
    if (found) return d;
  }
  for (const auto* list : {&mail_.to, &mail_.cc, &mail_.delivered_to}) {
    for (const auto& a : *list) {
      auto n = PlusAddressTicketNumber(a.email, box_.address);
      if (!n) continue;
      ASSIGN_OR_RETURN(found, ByTicketNumber(*n, "plus-address", "the address " + a.email, &d));
      if (found) return d;
    }
  }
  ASSIGN_OR_RETURN(found, BySenderAndSubject(&d));
  if (found) return d;
  d.threaded_by = "new";
  d.reason = refused_.empty()
                 ? "new ticket: no known In-Reply-To or References, no ticket token, and no "
                   "recent open ticket from " +
                       (sender_.empty() ? "this sender" : sender_) + " with this subject"
                 : "new ticket: " + refused_;
  return d;
}

Result<ThreadDecision> MailThreader::DecideBounce() {
  ThreadDecision d;
  ASSIGN_OR_RETURN(bool found, ByMessageIds(/*include_delivery_status=*/true, &d));
  if (!found) {
    d.threaded_by = "new";
    d.reason = "the bounced message is not one Sahayak sent or received";
  }
  return d;
}

Result<bool> MailThreader::ByMessageIds(bool include_delivery_status, ThreadDecision* d) {
  struct Candidate {
    std::string id;
    const char* rule;
    const char* header;
  };
  std::vector<Candidate> ids;
  if (include_delivery_status && mail_.delivery_status) {
    ids.push_back({CleanMessageId(mail_.delivery_status->original_message_id), "delivery-status",
                   "the bounced message"});
  }
  ids.push_back({CleanMessageId(mail_.in_reply_to), "in-reply-to", "In-Reply-To"});
  const auto& refs = mail_.references;
  for (size_t i = refs.size(); i > 0 && refs.size() - i < kMaxReferences; --i) {
    ids.push_back({CleanMessageId(refs[i - 1]), "references", "References"});
  }
  for (const auto& c : ids) {
    if (c.id.empty()) continue;
    auto rec = tx_.FindMailMessage(ws_, c.id);
    if (!rec.ok()) {
      if (rec.status().code() == Code::kNotFound) continue;
      return rec.status();
    }
    auto t = tx_.GetTicket(ws_, rec->ticket_id);
    if (!t.ok()) {
      if (t.status().code() == Code::kNotFound) continue;
      return t.status();
    }
    RETURN_IF_ERROR(Settle(std::move(t).value(), c.rule,
                           std::string("threaded by ") + c.header + " <" + c.id + ">", d));
    return true;
  }
  return false;
}

Result<bool> MailThreader::ByTicketNumber(int64_t number, const std::string& rule,
                                          const std::string& token, ThreadDecision* d) {
  auto t = tx_.GetTicketByNumber(ws_, number);
  if (!t.ok()) {
    if (t.status().code() != Code::kNotFound) return t.status();
    if (refused_.empty()) refused_ = token + " names no ticket";
    return false;
  }
  // A token is easy to copy; only people already on the ticket may use it, so a stranger
  // cannot write into someone else's ticket by putting its number in a subject.
  bool allowed = false;
  Ticket cur = *t;
  for (int hop = 0; hop <= kMaxMergeHops; ++hop) {
    ASSIGN_OR_RETURN(allowed, SenderBelongsTo(cur));
    if (allowed || !cur.merged_into_id) break;
    auto next = tx_.GetTicket(ws_, *cur.merged_into_id);
    if (!next.ok()) break;
    cur = std::move(next).value();
  }
  if (!allowed) {
    if (refused_.empty()) {
      refused_ = token + " was not followed: " + (sender_.empty() ? "the sender" : sender_) +
                 " is neither the requester of " + Number(number) + " nor took part in its mail";
    }
    return false;
  }
  RETURN_IF_ERROR(Settle(std::move(t).value(), rule, "threaded by " + token, d));
  return true;
}

Result<bool> MailThreader::BySenderAndSubject(ThreadDecision* d) {
  if (sender_.empty()) return false;
  const std::string subject = NormaliseSubject(mail_.subject);
  if (subject.empty()) return false;
  auto c = tx_.FindContactByIdentity(ws_, domain::Identity::Kind::kEmail, sender_);
  if (!c.ok()) {
    if (c.status().code() == Code::kNotFound) return false;
    return c.status();
  }
  TicketFilter f;
  f.requester_id = c->id;
  f.statuses = {TicketStatus::kNew, TicketStatus::kOpen, TicketStatus::kPending,
                TicketStatus::kOnHold, TicketStatus::kSolved};
  ASSIGN_OR_RETURN(auto page,
                   tx_.ListTickets(ws_, f, PageRequest{std::nullopt, kMaxSubjectCandidates}));
  for (auto& t : page.items) {
    if (t.merged_into_id || t.updated_at < now_ - window_) continue;
    if (NormaliseSubject(t.subject) != subject) continue;
    d->ticket = std::move(t);
    d->threaded_by = "sender-subject";
    d->reason = "threaded by sender " + sender_ + " and subject \"" + mail_.subject + "\" (" +
                Number(d->ticket->number) + " is theirs, not closed and updated in the last " +
                std::to_string(window_ / (24 * 3600 * 1000)) + " days)";
    return true;
  }
  return false;
}

Status MailThreader::Settle(Ticket t, const std::string& rule, const std::string& how,
                            ThreadDecision* d) {
  std::string via;
  for (int hop = 0; hop < kMaxMergeHops && t.merged_into_id; ++hop) {
    auto next = tx_.GetTicket(ws_, *t.merged_into_id);
    if (!next.ok()) {
      if (next.status().code() == Code::kNotFound) break;
      return next.status();
    }
    via += "; " + Number(t.number) + " was merged into " + Number(next->number);
    t = std::move(next).value();
  }
  d->threaded_by = rule;
  if (t.status == TicketStatus::kClosed) {
    d->reason =
        "new ticket, a follow-up of " + Number(t.number) + ", which is closed (" + how + via + ")";
    d->closed = std::move(t);
  } else {
    d->reason = how + via;
    d->ticket = std::move(t);
  }
  return Status::Ok();
}

Result<bool> MailThreader::SenderBelongsTo(const Ticket& t) {
  if (sender_.empty()) return false;
  if (!sender_looked_up_) {
    sender_looked_up_ = true;
    auto c = tx_.FindContactByIdentity(ws_, domain::Identity::Kind::kEmail, sender_);
    if (c.ok()) {
      sender_contact_ = c->id;
    } else if (c.status().code() != Code::kNotFound) {
      return c.status();
    }
  }
  if (sender_contact_ && *sender_contact_ == t.requester_id) return true;
  return tx_.IsMailParticipant(ws_, t.id, sender_);
}

}  // namespace sahayak::services
