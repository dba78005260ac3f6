#include "services/mail/ingest_service.h"

#include "base/html_sanitizer.h"
#include "services/attachments/attachment_service.h"
#include "services/audit.h"
#include "services/mail/mail_threader.h"
#include "services/mail/mail_writer.h"
#include "services/mail/threading.h"
#include "services/shipments/shipment_service.h"
#include "services/tickets/mentions.h"

namespace sahayak::services {

using domain::InboundMail;
using domain::Ticket;
using domain::TicketStatus;
using nlohmann::json;

const char* Name(IngestResult::Outcome o) {
  switch (o) {
    case IngestResult::Outcome::kCreated:
      return "created";
    case IngestResult::Outcome::kReplied:
      return "replied";
    case IngestResult::Outcome::kNoted:
      return "noted";
    case IngestResult::Outcome::kDuplicate:
      return "duplicate";
    case IngestResult::Outcome::kIgnored:
      return "ignored";
    case IngestResult::Outcome::kDropped:
      return "dropped";
  }
  return "created";
}

std::string Describe(const IngestResult& r) {
  const std::string n = "#" + std::to_string(r.ticket_number);
  switch (r.outcome) {
    case IngestResult::Outcome::kCreated:
      return "ticket " + n + " created" +
             (r.follow_up_of ? " (follow-up of closed #" + std::to_string(*r.follow_up_of) + ")"
                             : "");
    case IngestResult::Outcome::kReplied:
      return "reply added to ticket " + n + " (" + r.reason + ")";
    case IngestResult::Outcome::kNoted:
      return "note added to ticket " + n + " (" + r.reason + ")";
    case IngestResult::Outcome::kDuplicate:
      return "duplicate of <" + r.mail_message_id + ">, already on ticket " + n;
    case IngestResult::Outcome::kIgnored:
      return "ignored: " + r.reason;
    case IngestResult::Outcome::kDropped:
      return "dropped: " + r.reason;
  }
  return r.reason;
}

Result<StoredMail> MailIngestService::StoreFiles(const InboundMail& mail, std::string_view raw,
                                                 bool sync) {
  StoredMail out;
  out.message_id = CleanMessageId(mail.message_id);
  if (out.message_id.empty()) out.message_id = SyntheticMessageId(raw);
  StoredPart original;
  original.filename = "original.eml";
  original.mime_type = "message/rfc822";
  original.size = static_cast<int64_t>(raw.size());
  // One flush for all of the mail's files rather than two fsyncs per file.
  ASSIGN_OR_RETURN(original.sha256, blobs_.PutUnsynced(raw));
  out.parts.push_back(std::move(original));
  int index = 0;
  for (const auto& p : mail.parts) {
    ++index;
    const std::string name = SafeFilename(p.filename, "attachment-" + std::to_string(index));
    if (p.content.empty()) continue;
    if (static_cast<int64_t>(p.content.size()) > options_.max_attachment_bytes) {
      out.skipped.push_back(name + " (" + std::to_string(p.content.size()) +
                            " bytes): larger than the attachment limit");
      continue;
    }
    if (out.parts.size() > options_.max_attachments) {
      out.skipped.push_back(name + ": more attachments than the limit of " +
                            std::to_string(options_.max_attachments));
      continue;
    }
    StoredPart s;
    s.filename = name;
    // By content, as for uploads; a forwarded message keeps its declared type, which
    // libmagic often reads as plain text.
    s.mime_type = p.mime_type == "message/rfc822" ? p.mime_type : DetectMimeType(p.content);
    s.content_id = CleanMessageId(p.content_id);
    s.is_inline = p.is_inline;
    s.size = static_cast<int64_t>(p.content.size());
    ASSIGN_OR_RETURN(s.sha256, blobs_.PutUnsynced(p.content));
    out.parts.push_back(std::move(s));
  }
  if (sync) RETURN_IF_ERROR(blobs_.Sync());
  return out;
}

Result<IngestResult> MailIngestService::Ingest(WriteTx& tx, Id ws, const InboundMailbox& box,
                                               const InboundMail& mail, std::string_view raw) {
  ASSIGN_OR_RETURN(StoredMail files, StoreFiles(mail, raw));
  return Ingest(tx, ws, box, mail, files);
}

namespace {

domain::Actor ContactActor(const domain::Contact& c) {
  return {domain::Actor::Kind::kContact, c.id, c.name, "", ""};
}

// What agents read in a note about an automatic mail.
std::string NoteText(const InboundMail& mail) {
  const std::string from = ValidText(mail.from.email.empty() ? mail.from.name : mail.from.email);
  if (mail.kind == domain::MailKind::kBounce) {
    if (!mail.delivery_status) {
      return "A delivery failure notice arrived from " + from + ": " + ValidText(mail.subject);
    }
    const auto& ds = *mail.delivery_status;
    std::string to =
        ValidText(ds.original_recipient.empty() ? "the recipient" : ds.original_recipient);
    std::string what = ds.action == "delayed"                       ? " is delayed"
                       : ds.action == "failed" || ds.action.empty() ? " failed"
                                                                    : " " + ValidText(ds.action);
    std::string text = "Delivery to " + to + what;
    if (!ds.status.empty() || !ds.diagnostic.empty()) {
      text += ":" + (ds.status.empty() ? "" : " " + ValidText(ds.status)) +
              (ds.diagnostic.empty() ? "" : " " + ValidText(ds.diagnostic));
    }
    return text;
  }
  std::string body = ValidText(mail.text.empty() ? HtmlToPlainText(mail.html) : mail.text);
  return "Automatic reply from " + from + ":\n\n" + body;
}

}  // namespace

Result<IngestResult> MailIngestService::Ingest(WriteTx& tx, Id ws, const InboundMailbox& box,
                                               const InboundMail& mail, const StoredMail& files) {
  const Millis now = clock_.Now();
  IngestResult result;
  result.mail_message_id = files.message_id;

  // A re-delivered mail (a retry after a lost acknowledgement, a second mailbox) is the same
  // Message-ID; the ticket it went to may have been merged since.
  auto seen = tx.FindMailMessage(ws, files.message_id);
  if (seen.ok()) {
    result.outcome = IngestResult::Outcome::kDuplicate;
    ASSIGN_OR_RETURN(Ticket t, tx.GetTicket(ws, seen->ticket_id));
    for (int hop = 0; hop < 16 && t.merged_into_id; ++hop) {
      auto next = tx.GetTicket(ws, *t.merged_into_id);
      if (!next.ok()) break;
      t = std::move(next).value();
    }
    result.ticket_id = t.id;
    result.ticket_number = t.number;
    result.threaded_by = seen->threaded_by;
    result.reason = "already ingested";
    return result;
  }
  if (seen.status().code() != Code::kNotFound) return seen.status();

  MailWriter writer(tx, tickets_, ws, box, mail, files, now);
  MailThreader threader(tx, ws, box, mail, writer.sender(), now, options_.sender_subject_window);
  const bool bounce = mail.kind == domain::MailKind::kBounce;
  const bool auto_reply = mail.kind == domain::MailKind::kAutoReply;
  ASSIGN_OR_RETURN(ThreadDecision d, bounce ? threader.DecideBounce() : threader.Decide());
  result.threaded_by = d.threaded_by;
  result.reason = d.reason;

  // Automatic mail never opens a ticket and never changes a ticket's status.
  if (bounce || auto_reply) {
    const char* what = bounce ? "bounce" : "auto-reply";
    if (!d.ticket) {
      result.outcome = bounce ? IngestResult::Outcome::kDropped : IngestResult::Outcome::kIgnored;
      if (d.closed) {
        result.ticket_id = d.closed->id;
        result.ticket_number = d.closed->number;
        result.reason =
            std::string(what) + " for closed ticket #" + std::to_string(d.closed->number);
      } else {
        result.reason =
            std::string(what) + " without a ticket" + (bounce ? ": " + d.reason : std::string());
      }
      return result;
    }
    Ticket before = *d.ticket, t = before;
    ASSIGN_OR_RETURN(domain::Message m,
                     writer.WriteMessage(t.id, /*is_public=*/false, domain::Actor::Kind::kSystem, 0,
                                         NoteText(mail), "", writer.Meta(d.threaded_by, d.reason)));
    t.updated_at = now;
    t.version = before.version + 1;
    RETURN_IF_ERROR(tx.UpdateTicket(before, t));
    RETURN_IF_ERROR(RecordChange(tx, ws, writer.system().actor(), "ticket.noted", "ticket", t.id,
                                 {{"message_id", m.id}, {"public", false}, {"mail_kind", what}},
                                 now, "message.created",
                                 {{"ticket_id", t.id},
                                  {"message_id", m.id},
                                  {"public", false},
                                  {"channel", "email"},
                                  {"author", "system"},
                                  {"mail_kind", what}}));
    RETURN_IF_ERROR(writer.RecordMessageId(t.id, m.id, d.threaded_by, /*participants=*/false));
    // Only a bounce that threads to a ticket marks the address: a stray or forged DSN about
    // mail Sahayak never sent must not make a customer look unreachable.
    if (bounce && mail.delivery_status && mail.delivery_status->action == "failed") {
      const std::string to =
          FoldedAddress(domain::MailAddress{"", mail.delivery_status->original_recipient});
      if (!to.empty()) {
        RETURN_IF_ERROR(tx.PutMailBounce(ws, {to, OneLine(mail.delivery_status->status, 32),
                                              OneLine(mail.delivery_status->diagnostic, 1000),
                                              now}));
      }
    }
    result.outcome = IngestResult::Outcome::kNoted;
    result.ticket_id = t.id;
    result.ticket_number = t.number;
    result.message_id = m.id;
    return result;
  }

  ASSIGN_OR_RETURN(domain::Contact author, writer.Sender());
  // Mail from the address reached us, so mail to it is likely to work again.
  if (!writer.sender().empty()) RETURN_IF_ERROR(tx.ClearMailBounce(ws, writer.sender()));
  if (d.ticket) {
    Ticket before = *d.ticket, t = before;
    ASSIGN_OR_RETURN(
        domain::Message m,
        writer.WriteMessage(t.id, /*is_public=*/true, domain::Actor::Kind::kContact, author.id,
                            mail.text, mail.html, writer.Meta(d.threaded_by, d.reason)));
    // The customer answered: a ticket waiting for them, or solved, needs an agent again.
    if (t.status == TicketStatus::kPending || t.status == TicketStatus::kSolved) {
      domain::ApplyStatus(&t, TicketStatus::kOpen, now);
    }
    t.updated_at = now;
    t.version = before.version + 1;
    RETURN_IF_ERROR(tx.UpdateTicket(before, t));
    json changes = json::object();
    json old_view = TicketAuditView(before), new_view = TicketAuditView(t);
    for (auto it = new_view.begin(); it != new_view.end(); ++it) {
      DiffField(&changes, it.key(), old_view[it.key()], it.value());
    }
    changes["message_id"] = m.id;
    changes["public"] = true;
    RETURN_IF_ERROR(RecordChange(tx, ws, ContactActor(author), "ticket.replied", "ticket", t.id,
                                 changes, now, "message.created",
                                 {{"ticket_id", t.id},
                                  {"message_id", m.id},
                                  {"public", true},
                                  {"channel", "email"},
                                  {"author", "customer"},
                                  {"mail_kind", MailKindName(mail.kind)}}));
    RETURN_IF_ERROR(writer.RecordMessageId(t.id, m.id, d.threaded_by, /*participants=*/true));
    result.outcome = IngestResult::Outcome::kReplied;
    result.ticket_id = t.id;
    result.ticket_number = t.number;
    result.message_id = m.id;
    return result;
  }

  // A new ticket. Written here rather than through TicketService::Create, whose checks are for
  // agents: mail cannot fill required custom fields, may carry more than 20 attachments and
  // may have no text at all, and must still become a ticket.
  if (d.closed) {
    result.follow_up_of = d.closed->number;
    d.threaded_by = "new";
    result.threaded_by = "new";
  }
  Ticket t;
  t.workspace_id = ws;
  ASSIGN_OR_RETURN(t.number, tx.NextTicketNumber(ws));
  t.subject = OneLine(mail.subject, domain::kMaxSubjectChars);
  if (t.subject.empty()) t.subject = "(no subject)";
  t.channel = domain::Channel::kEmail;
  t.requester_id = author.id;
  t.organisation_id = author.organisation_id;
  ASSIGN_OR_RETURN(t.group_id, writer.Group());
  if (mail.kind == domain::MailKind::kBulk) t.tags = {"bulk"};
  t.language = GuessLanguageByScript(mail.subject + "\n" +
                                     (mail.text.empty() ? HtmlToPlainText(mail.html) : mail.text));
  if (t.language.empty()) t.language = author.language;
  t.created_at = t.updated_at = now;
  RETURN_IF_ERROR(tx.InsertTicket(&t));
  RETURN_IF_ERROR(LinkMentionsInText(tx, t.workspace_id, t.id, t.subject, t.created_at));
  json meta = writer.Meta(d.threaded_by, d.reason);
  if (d.closed) {
    meta["email"]["follow_up_of"] = {{"ticket_id", d.closed->id}, {"number", d.closed->number}};
  }
  ASSIGN_OR_RETURN(domain::Message m,
                   writer.WriteMessage(t.id, /*is_public=*/true, domain::Actor::Kind::kContact,
                                       author.id, mail.text, mail.html, std::move(meta)));
  json changes = json::object();
  json view = TicketAuditView(t);
  for (auto it = view.begin(); it != view.end(); ++it) {
    if (!it.value().is_null()) changes[it.key()] = json::array({nullptr, it.value()});
  }
  json payload = {{"ticket_id", t.id},
                  {"message_id", m.id},
                  {"channel", "email"},
                  {"mail_kind", MailKindName(mail.kind)}};
  if (d.closed) {
    changes["follow_up_of"] = json::array({nullptr, d.closed->number});
    payload["follow_up_of"] = d.closed->id;
  }
  RETURN_IF_ERROR(RecordChange(tx, ws, ContactActor(author), "ticket.created", "ticket", t.id,
                               changes, now, "ticket.created", payload));
  RETURN_IF_ERROR(writer.RecordMessageId(t.id, m.id, d.threaded_by, /*participants=*/true));
  // The acknowledgement (services/mail/outbound_service.h decides whether one is due).
  if (TicketObserver* o = tickets_.observer(); o != nullptr && box.acknowledge) {
    RETURN_IF_ERROR(o->OnInboundTicket(tx, t, author, m));
  }
  result.outcome = IngestResult::Outcome::kCreated;
  result.ticket_id = t.id;
  result.ticket_number = t.number;
  result.message_id = m.id;
  return result;
}

}  // namespace sahayak::services
