// What a signed-in customer may see and do with tickets (portal_service.h).
#include <algorithm>
#include <set>

#include "base/html_sanitizer.h"
#include "base/text.h"
#include "services/tickets/mentions.h"
#include "services/audit.h"
#include "services/portal/portal_service.h"
#include "services/shipments/shipment_service.h"
#include "services/tickets/inbound_ticket.h"

namespace sahayak::services {

using domain::Ticket;
using domain::TicketStatus;
using nlohmann::json;

namespace {

domain::Actor ContactActor(const domain::Contact& c) {
  return {domain::Actor::Kind::kContact, c.id, c.name, "", ""};
}

Status NoSuchTicket(int64_t number) {
  return NotFound("there is no ticket #" + std::to_string(number) + " for you");
}

}  // namespace

bool PortalService::MaySee(const domain::Contact& c, const Ticket& t) {
  if (t.workspace_id != c.workspace_id) return false;
  if (t.requester_id == c.id) return true;
  return c.ticket_access == "organization" && c.organisation_id && t.organisation_id &&
         *c.organisation_id == *t.organisation_id;
}

Result<std::vector<Ticket>> PortalService::ListTickets(const PortalCustomer& c, int limit) {
  std::vector<Ticket> out;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    std::vector<TicketFilter> filters(1);
    filters[0].requester_id = c.contact.id;
    if (c.contact.ticket_access == "organization" && c.contact.organisation_id) {
      filters.emplace_back();
      filters.back().organisation_id = c.contact.organisation_id;
    }
    std::set<Id> seen;
    for (const TicketFilter& f : filters) {
      ASSIGN_OR_RETURN(TicketPage page,
                       tx.ListTicketsSorted(c.workspace_id, f, domain::TicketSort::kUpdatedDesc,
                                            std::nullopt, limit));
      for (Ticket& t : page.items) {
        if (t.merged_into_id || !MaySee(c.contact, t) || !seen.insert(t.id).second) continue;
        out.push_back(std::move(t));
      }
    }
    return Status::Ok();
  }));
  std::sort(out.begin(), out.end(), [](const Ticket& a, const Ticket& b) {
    return a.updated_at != b.updated_at ? a.updated_at > b.updated_at : a.id > b.id;
  });
  if (out.size() > static_cast<size_t>(limit)) out.resize(limit);
  return out;
}

Result<PortalTicket> PortalService::GetTicket(const PortalCustomer& c, int64_t number) {
  PortalTicket out;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    auto t = tx.GetTicketByNumber(c.workspace_id, number);
    if (!t.ok()) return t.status().code() == Code::kNotFound ? NoSuchTicket(number) : t.status();
    if (!MaySee(c.contact, *t)) return NoSuchTicket(number);
    out.ticket = std::move(t).value();
    auto requester = tx.GetContactSummary(c.workspace_id, out.ticket.requester_id);
    if (requester.ok()) out.requester_name = requester->name;
    PageRequest page{std::nullopt, 200};
    for (int i = 0; i < 50; ++i) {
      ASSIGN_OR_RETURN(auto messages, tx.ListMessages(c.workspace_id, out.ticket.id, page));
      for (auto& m : messages.items) {
        if (m.is_public) out.messages.push_back(std::move(m));
      }
      if (!messages.next) break;
      page.cursor = messages.next;
    }
    return Status::Ok();
  }));
  return out;
}

Result<domain::Message> PortalService::Reply(const PortalCustomer& c, int64_t number,
                                             std::string_view body,
                                             std::vector<domain::Attachment> attachments) {
  const std::string text = ToNfc(std::string(body));
  if (Trim(text).empty() && attachments.empty()) {
    return InvalidArgument("write a message").WithField("body", "is required");
  }
  if (text.size() * 2 > domain::kMaxMessageBytes) {
    return InvalidArgument("the message is too long").WithField("body", "is too long");
  }
  if (attachments.size() > domain::kMaxAttachmentsPerMessage) {
    return InvalidArgument("too many files").WithField("files", "too many");
  }
  domain::Message m;
  Status st = store_.Write([&](WriteTx& tx) -> Status {
    auto found = tx.GetTicketByNumber(c.workspace_id, number);
    if (!found.ok()) {
      return found.status().code() == Code::kNotFound ? NoSuchTicket(number) : found.status();
    }
    if (!MaySee(c.contact, *found)) return NoSuchTicket(number);
    Ticket before = std::move(found).value();
    if (before.merged_into_id) return NoSuchTicket(number);
    if (before.status == TicketStatus::kClosed) {
      return FailedPrecondition("ticket #" + std::to_string(number) +
                                " is closed; open a new request instead")
          .WithKind("ticket-closed");
    }
    const Millis now = clock_.Now();
    m.workspace_id = c.workspace_id;
    m.ticket_id = before.id;
    m.is_public = true;
    m.author_kind = domain::Actor::Kind::kContact;
    m.author_id = c.contact.id;
    m.author_name = c.contact.name;
    m.body = text;
    m.html = PlainTextToHtml(text);
    m.channel = domain::Channel::kPortal;
    m.created_at = now;
    RETURN_IF_ERROR(tx.InsertMessage(&m));
    RETURN_IF_ERROR(LinkMentionsInText(tx, c.workspace_id, before.id, m.body, now));
    for (auto& a : attachments) {
      a.workspace_id = c.workspace_id;
      a.created_at = now;
      RETURN_IF_ERROR(tx.InsertAttachment(&a));
      RETURN_IF_ERROR(tx.LinkAttachment(c.workspace_id, a.id, m.id));
      a.message_id = m.id;
      m.attachments.push_back(a);
    }
    Ticket t = before;
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
    return RecordChange(
        tx, c.workspace_id, ContactActor(c.contact), "ticket.replied", "ticket", t.id, changes, now,
        "message.created",
        {{"ticket_id", t.id},
         {"message_id", m.id},
         {"public", true},
         {"channel", "portal"},
         {"author", "customer"}});
  });
  if (!st.ok()) return st;
  return m;
}

Result<Ticket> PortalService::CreateTicket(const PortalCustomer& c, PortalRequest request) {
  if (request.attachments.size() > domain::kMaxAttachmentsPerMessage) {
    return InvalidArgument("too many files").WithField("files", "too many");
  }
  TicketCreate in;
  in.subject = ToNfc(request.subject);
  in.message.body = ToNfc(request.body);
  in.message.channel = domain::Channel::kPortal;
  // The topic's id also tells TicketService which custom fields the customer was asked for.
  if (!Trim(request.topic).empty() || request.topic_id != 0) {
    json portal = {{"topic", request.topic}};
    if (request.topic_id != 0) portal["topic_id"] = request.topic_id;
    in.message.channel_meta = {{"portal", portal}};
  }
  in.requester.id = c.contact.id;
  in.channel = domain::Channel::kPortal;
  in.custom_fields = request.custom_fields;
  in.language = c.contact.language;
  if (Trim(in.message.body).empty()) {
    return InvalidArgument("describe your request").WithField("message.body", "is required");
  }
  Ticket t;
  Status st = store_.Write([&](WriteTx& tx) -> Status {
    const Millis now = clock_.Now();
    for (auto& a : request.attachments) {
      a.workspace_id = c.workspace_id;
      a.created_at = now;
      RETURN_IF_ERROR(tx.InsertAttachment(&a));
      in.message.attachment_ids.push_back(a.id);
    }
    ASSIGN_OR_RETURN(t, tickets_.Create(tx, CustomerPrincipal(c), in));
    // The acknowledgement mail with the ticket number, as for a ticket opened by e-mail.
    return NotifyInboundTicket(tx, tickets_, t);
  });
  if (!st.ok()) return st;
  return t;
}

Result<domain::Attachment> PortalService::VisibleAttachment(const PortalCustomer& c, Id id) {
  domain::Attachment out;
  const Status none = NotFound("no such file");
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    auto a = tx.GetAttachment(c.workspace_id, id);
    if (!a.ok()) return a.status().code() == Code::kNotFound ? none : a.status();
    if (!a->message_id) return none;
    auto place = tx.portal().GetMessagePlace(c.workspace_id, *a->message_id);
    if (!place.ok()) return place.status().code() == Code::kNotFound ? none : place.status();
    if (!place->second) return none;
    auto ticket = tx.GetTicket(c.workspace_id, place->first);
    if (!ticket.ok()) return ticket.status().code() == Code::kNotFound ? none : ticket.status();
    if (!MaySee(c.contact, *ticket)) return none;
    out = std::move(a).value();
    return Status::Ok();
  }));
  return out;
}

}  // namespace sahayak::services
