#include "services/tickets/ticket_service.h"

#include <algorithm>

#include "base/html_sanitizer.h"
#include "base/text.h"
#include "services/audit.h"
#include "services/shipments/shipment_service.h"
#include "services/tickets/mentions.h"

namespace sahayak::services {

using domain::Ticket;
using nlohmann::json;

namespace {

json OptId(const std::optional<Id>& v) { return v ? json(*v) : json(nullptr); }

Status CheckSubject(const std::string& subject) {
  if (Trim(subject).empty()) {
    return InvalidArgument("a ticket needs a subject").WithField("subject", "is required");
  }
  if (CodePointCount(subject) > domain::kMaxSubjectChars) {
    return InvalidArgument("the subject is longer than 500 characters")
        .WithField("subject", "is longer than 500 characters");
  }
  return Status::Ok();
}

Status CheckAssignee(WriteTx& tx, Id ws, Id agent_id) {
  auto a = tx.GetAgent(ws, agent_id);
  if (!a.ok()) {
    return InvalidArgument("agent " + std::to_string(agent_id) + " does not exist")
        .WithField("assignee_id", "is not an agent of this workspace");
  }
  if (!a->active) {
    return InvalidArgument("agent " + std::to_string(agent_id) + " is deactivated")
        .WithField("assignee_id", "is deactivated");
  }
  return Status::Ok();
}

Status CheckGroup(WriteTx& tx, Id ws, Id group_id) {
  if (!tx.GetGroup(ws, group_id).ok()) {
    return InvalidArgument("group " + std::to_string(group_id) + " does not exist")
        .WithField("group_id", "is not a group of this workspace");
  }
  return Status::Ok();
}

}  // namespace

json TicketAuditView(const Ticket& t) {
  return {{"subject", t.subject},
          {"status", domain::Name(t.status)},
          {"priority", domain::Name(t.priority)},
          {"type", domain::Name(t.type)},
          {"assignee_id", OptId(t.assignee_id)},
          {"group_id", OptId(t.group_id)},
          {"requester_id", t.requester_id},
          {"organisation_id", OptId(t.organisation_id)},
          {"tags", t.tags},
          {"custom_fields", t.custom_fields},
          {"language", t.language},
          {"merged_into_id", OptId(t.merged_into_id)}};
}

Result<domain::Contact> TicketService::ResolveRequester(WriteTx& tx, const Principal& who,
                                                        const RequesterInput& in) {
  const Id ws = who.workspace_id;
  if (in.id) {
    auto c = tx.GetContact(ws, *in.id);
    if (!c.ok()) {
      return InvalidArgument("contact " + std::to_string(*in.id) + " does not exist")
          .WithField("requester_id", "is not a contact of this workspace");
    }
    return c;
  }
  std::string email = FoldCase(Trim(in.email));
  std::string phone;
  if (!email.empty() && !LooksLikeEmail(email)) {
    return InvalidArgument("the requester's e-mail address is not valid")
        .WithField("requester.email", "is not an e-mail address");
  }
  if (!in.phone.empty()) {
    auto p = domain::NormalisePhone(in.phone);
    if (!p.ok()) {
      return InvalidArgument(p.status().message()).WithField("requester.phone", "is not valid");
    }
    phone = *p;
  }
  if (email.empty() && phone.empty()) {
    return InvalidArgument("a ticket needs a requester: an e-mail address, a phone or an id")
        .WithField("requester", "is required");
  }
  if (!email.empty()) {
    auto c = tx.FindContactByIdentity(ws, domain::Identity::Kind::kEmail, email);
    if (c.ok() || c.status().code() != Code::kNotFound) return c;
  }
  if (!phone.empty()) {
    auto c = tx.FindContactByIdentity(ws, domain::Identity::Kind::kPhone, phone);
    if (c.ok() || c.status().code() != Code::kNotFound) return c;
  }
  domain::Contact c;
  c.workspace_id = ws;
  c.name = Trim(in.name);
  if (c.name.empty()) c.name = email.empty() ? phone : email.substr(0, email.find('@'));
  if (!email.empty()) c.identities.push_back({domain::Identity::Kind::kEmail, email});
  if (!phone.empty()) c.identities.push_back({domain::Identity::Kind::kPhone, phone});
  if (!email.empty()) {
    auto org = tx.FindOrganisationByDomain(ws, domain::EmailDomain(email));
    if (org.ok()) c.organisation_id = org->id;
  }
  c.created_at = c.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.InsertContact(&c));
  RETURN_IF_ERROR(RecordChange(tx, ws, who.actor(), "contact.created", "contact", c.id,
                               {{"name", {nullptr, c.name}}}, c.created_at, "contact.created",
                               {{"contact_id", c.id}}));
  return c;
}

Result<domain::Message> TicketService::InsertMessage(WriteTx& tx, const Principal& who, Ticket* t,
                                                     const NewMessage& in,
                                                     domain::Actor::Kind author_kind,
                                                     Id author_id, bool* ticket_changed) {
  domain::Message m;
  m.workspace_id = t->workspace_id;
  m.ticket_id = t->id;
  m.is_public = in.is_public;
  m.author_kind = author_kind;
  m.author_id = author_id;
  if (!in.html.empty()) {
    m.html = SanitizeHtml(in.html);
    m.body = in.body.empty() ? HtmlToPlainText(m.html) : in.body;
  } else {
    m.body = in.body;
    m.html = PlainTextToHtml(in.body);
  }
  if (Trim(m.body).empty() && in.attachment_ids.empty()) {
    return InvalidArgument("a message needs a body").WithField("body", "is required");
  }
  if (m.body.size() + m.html.size() > domain::kMaxMessageBytes) {
    return InvalidArgument("the message is longer than 512 KiB")
        .WithField("body", "is too long");
  }
  if (in.attachment_ids.size() > domain::kMaxAttachmentsPerMessage) {
    return InvalidArgument("a message holds at most 20 attachments")
        .WithField("attachment_ids", "too many");
  }
  m.channel = in.channel.value_or(t->channel);
  m.channel_meta = in.channel_meta;
  m.language = in.language;
  m.created_at = clock_.Now();
  RETURN_IF_ERROR(tx.InsertMessage(&m));
  RETURN_IF_ERROR(LinkMentionsInText(tx, t->workspace_id, t->id, m.body, m.created_at));
  for (Id a : in.attachment_ids) {
    RETURN_IF_ERROR(tx.LinkAttachment(t->workspace_id, a, m.id));
    ASSIGN_OR_RETURN(domain::Attachment att, tx.GetAttachment(t->workspace_id, a));
    m.attachments.push_back(std::move(att));
  }
  m.author_name = who.name;
  *ticket_changed = false;
  if (author_kind == domain::Actor::Kind::kAgent && m.is_public) {
    if (!t->first_response_at) {
      t->first_response_at = m.created_at;
      *ticket_changed = true;
    }
    if (t->status == domain::TicketStatus::kNew) {
      domain::ApplyStatus(t, domain::TicketStatus::kOpen, m.created_at);
      *ticket_changed = true;
    }
  }
  return m;
}

Result<Ticket> TicketService::Create(WriteTx& tx, const Principal& who, const TicketCreate& in) {
  const Id ws = who.workspace_id;
  Status errors = InvalidArgument("the ticket is not valid");
  bool failed = false;
  auto collect = [&](const Status& st) {
    if (st.ok()) return;
    failed = true;
    if (st.fields().empty()) errors.WithField("", st.message());
    for (const auto& f : st.fields()) errors.WithField(f.field, f.message);
  };
  collect(CheckSubject(in.subject));
  if (in.assignee_id) collect(CheckAssignee(tx, ws, *in.assignee_id));
  if (in.group_id) collect(CheckGroup(tx, ws, *in.group_id));
  auto tags = domain::NormaliseTags(in.tags);
  collect(tags.status());
  if (!in.language.empty() && !domain::LooksLikeLanguageTag(in.language)) {
    collect(InvalidArgument("bad language").WithField("language", "is not a language tag"));
  }
  Ticket t;
  t.workspace_id = ws;
  ASSIGN_OR_RETURN(auto defs, tx.ListCustomFields(ws));
  // A customer's form (portal, web) cannot ask for what the customer may not see.
  const domain::Channel channel = in.channel.value_or(domain::Channel::kApi);
  const Id portal_topic = domain::PortalTopicId(in.message.channel_meta);
  for (auto& d : defs) d.required = domain::RequiredOnCreate(d, channel, portal_topic);
  collect(domain::ApplyCustomFields(defs, in.custom_fields, /*creating=*/true, &t.custom_fields));
  if (in.status && *in.status == domain::TicketStatus::kClosed) {
    collect(InvalidArgument("a new ticket cannot be closed")
                .WithField("status", "a new ticket cannot start closed"));
  }
  if (failed) return errors;

  ASSIGN_OR_RETURN(domain::Contact requester, ResolveRequester(tx, who, in.requester));
  const Millis now = clock_.Now();
  ASSIGN_OR_RETURN(t.number, tx.NextTicketNumber(ws));
  t.subject = Trim(in.subject);
  t.priority = in.priority.value_or(domain::Priority::kNormal);
  t.type = in.type.value_or(domain::TicketType::kQuestion);
  t.channel = in.channel.value_or(domain::Channel::kApi);
  t.requester_id = requester.id;
  t.organisation_id = requester.organisation_id;
  t.assignee_id = in.assignee_id;
  t.group_id = in.group_id;
  t.tags = std::move(tags).value();
  t.language = in.language.empty() ? requester.language : in.language;
  t.created_at = t.updated_at = now;
  t.status = domain::TicketStatus::kNew;
  if (in.status && *in.status != domain::TicketStatus::kNew) {
    domain::ApplyStatus(&t, *in.status, now);
  } else if (t.assignee_id) {
    t.status = domain::TicketStatus::kOpen;
  }
  RETURN_IF_ERROR(tx.InsertTicket(&t));
  RETURN_IF_ERROR(LinkMentionsInText(tx, t.workspace_id, t.id, t.subject, t.created_at));

  bool changed = false;
  NewMessage first = in.message;
  if (!first.channel) first.channel = t.channel;
  auto msg = InsertMessage(tx, who, &t, first, domain::Actor::Kind::kContact, requester.id,
                           &changed);
  if (!msg.ok()) {
    Status st = msg.status();
    Status renamed(st.code(), st.message());
    renamed.WithKind(st.kind());
    for (const auto& f : st.fields()) renamed.WithField("message." + f.field, f.message);
    return renamed;
  }
  json changes = json::object();
  json view = TicketAuditView(t);
  for (auto it = view.begin(); it != view.end(); ++it) {
    if (!it.value().is_null()) changes[it.key()] = json::array({nullptr, it.value()});
  }
  RETURN_IF_ERROR(RecordChange(tx, ws, who.actor(), "ticket.created", "ticket", t.id, changes,
                               now, "ticket.created",
                               {{"ticket_id", t.id}, {"message_id", msg->id}}));
  return t;
}

Status TicketService::ApplyPatch(WriteTx& tx, const TicketPatch& p, Ticket* t) {
  const Id ws = t->workspace_id;
  const Millis now = clock_.Now();
  Status errors = InvalidArgument("the change is not valid");
  bool failed = false;
  auto collect = [&](const Status& st) {
    if (st.ok()) return;
    failed = true;
    for (const auto& f : st.fields()) errors.WithField(f.field, f.message);
  };
  if (p.subject) collect(CheckSubject(*p.subject));
  if (p.assignee_id && *p.assignee_id) collect(CheckAssignee(tx, ws, **p.assignee_id));
  if (p.group_id && *p.group_id) collect(CheckGroup(tx, ws, **p.group_id));
  if (p.language && !p.language->empty() && !domain::LooksLikeLanguageTag(*p.language)) {
    collect(InvalidArgument("bad language").WithField("language", "is not a language tag"));
  }
  std::vector<std::string> tags = t->tags;
  if (p.tags) {
    auto n = domain::NormaliseTags(*p.tags);
    collect(n.status());
    if (n.ok()) tags = *n;
  }
  if (!p.add_tags.empty()) {
    auto n = domain::NormaliseTags(p.add_tags);
    collect(n.status());
    if (n.ok()) tags.insert(tags.end(), n->begin(), n->end());
  }
  if (!p.remove_tags.empty()) {
    for (const auto& raw : p.remove_tags) {
      auto n = domain::NormaliseTag(raw);
      if (n.ok()) tags.erase(std::remove(tags.begin(), tags.end(), *n), tags.end());
    }
  }
  auto normalised = domain::NormaliseTags(tags);
  collect(normalised.status());
  json fields = t->custom_fields;
  if (p.custom_fields) {
    ASSIGN_OR_RETURN(auto defs, tx.ListCustomFields(ws));
    collect(domain::ApplyCustomFields(defs, *p.custom_fields, /*creating=*/false, &fields));
  }
  std::optional<domain::Contact> requester;
  if (p.requester_id) {
    auto c = tx.GetContact(ws, *p.requester_id);
    if (!c.ok()) {
      collect(InvalidArgument("unknown contact")
                  .WithField("requester_id", "is not a contact of this workspace"));
    } else {
      requester = std::move(c).value();
    }
  }
  if (failed) return errors;
  if (p.status) RETURN_IF_ERROR(domain::CheckTransition(t->status, *p.status));

  if (t->status == domain::TicketStatus::kClosed) {
    return FailedPrecondition("ticket " + std::to_string(t->number) +
                              " is closed and can no longer change")
        .WithKind("ticket-closed");
  }
  if (p.subject) t->subject = Trim(*p.subject);
  if (p.priority) t->priority = *p.priority;
  if (p.type) t->type = *p.type;
  if (p.assignee_id) t->assignee_id = *p.assignee_id;
  if (p.group_id) t->group_id = *p.group_id;
  if (p.language) t->language = *p.language;
  if (requester) {
    t->requester_id = requester->id;
    t->organisation_id = requester->organisation_id;
  }
  t->tags = std::move(normalised).value();
  t->custom_fields = std::move(fields);
  if (p.status) {
    domain::ApplyStatus(t, *p.status, now);
  } else if (t->status == domain::TicketStatus::kNew && p.assignee_id && *p.assignee_id) {
    t->status = domain::TicketStatus::kOpen;
  }
  return Status::Ok();
}

Result<Ticket> TicketService::Update(WriteTx& tx, const Principal& who, Id id,
                                     const TicketPatch& p, std::optional<int64_t> if_match) {
  ASSIGN_OR_RETURN(Ticket before, tx.GetTicket(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Aborted("ticket " + std::to_string(id) + " changed since version " +
                   std::to_string(*if_match) + "; it is now at version " +
                   std::to_string(before.version))
        .WithKind("precondition-failed");
  }
  Ticket t = before;
  RETURN_IF_ERROR(ApplyPatch(tx, p, &t));
  json changes = json::object();
  json old_view = TicketAuditView(before), new_view = TicketAuditView(t);
  for (auto it = new_view.begin(); it != new_view.end(); ++it) {
    DiffField(&changes, it.key(), old_view[it.key()], it.value());
  }
  if (changes.empty()) return before;
  if (!p.via.is_null()) changes["via"] = p.via;
  t.updated_at = clock_.Now();
  t.version = before.version + 1;
  RETURN_IF_ERROR(tx.UpdateTicket(before, t));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "ticket.updated", "ticket",
                               t.id, changes, t.updated_at, "ticket.updated",
                               {{"ticket_id", t.id}, {"changes", changes}}));
  return t;
}

namespace {

// The outbox row of a message an agent (or a rule, through a system principal) added: triggers
// read who wrote it and what made it.
json MessagePayload(Id ticket_id, const domain::Message& m, const Principal& who,
                    const json& via) {
  json p = {{"ticket_id", ticket_id},
            {"message_id", m.id},
            {"public", m.is_public},
            {"author", who.actor().kind == domain::Actor::Kind::kSystem ? "system" : "agent"}};
  if (!via.is_null()) p["via"] = via;
  return p;
}

}  // namespace

Result<domain::Message> TicketService::AddMessage(WriteTx& tx, const Principal& who,
                                                  Id ticket_id, const NewMessage& in) {
  ASSIGN_OR_RETURN(Ticket before, tx.GetTicket(who.workspace_id, ticket_id));
  if (before.status == domain::TicketStatus::kClosed) {
    return FailedPrecondition("ticket " + std::to_string(before.number) +
                              " is closed; open a follow-up ticket instead")
        .WithKind("ticket-closed");
  }
  Ticket t = before;
  bool changed = false;
  ASSIGN_OR_RETURN(domain::Message m, InsertMessage(tx, who, &t, in, domain::Actor::Kind::kAgent,
                                                    who.agent_id, &changed));
  t.updated_at = m.created_at;
  t.version = before.version + 1;
  RETURN_IF_ERROR(tx.UpdateTicket(before, t));
  json changes = json::object();
  json old_view = TicketAuditView(before), new_view = TicketAuditView(t);
  for (auto it = new_view.begin(); it != new_view.end(); ++it) {
    DiffField(&changes, it.key(), old_view[it.key()], it.value());
  }
  changes["message_id"] = m.id;
  changes["public"] = m.is_public;
  if (!in.via.is_null()) changes["via"] = in.via;
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(),
                               m.is_public ? "ticket.replied" : "ticket.noted", "ticket", t.id,
                               changes, m.created_at, "message.created",
                               MessagePayload(t.id, m, who, in.via)));
  if (observer_ != nullptr && m.is_public) {
    RETURN_IF_ERROR(observer_->OnPublicReply(tx, who, t, m));
  }
  return m;
}

Result<Ticket> TicketService::Merge(WriteTx& tx, const Principal& who, Id source_id,
                                    Id target_id) {
  const Id ws = who.workspace_id;
  if (source_id == target_id) {
    return InvalidArgument("a ticket cannot be merged into itself")
        .WithField("target_id", "is the same ticket");
  }
  ASSIGN_OR_RETURN(Ticket source, tx.GetTicket(ws, source_id));
  auto target_or = tx.GetTicket(ws, target_id);
  if (!target_or.ok()) {
    return InvalidArgument("ticket " + std::to_string(target_id) + " does not exist")
        .WithField("target_id", "is not a ticket of this workspace");
  }
  Ticket target = std::move(target_or).value();
  if (source.status == domain::TicketStatus::kClosed) {
    return FailedPrecondition("ticket " + std::to_string(source.number) +
                              " is closed and cannot be merged")
        .WithKind("ticket-closed");
  }
  if (target.status == domain::TicketStatus::kClosed) {
    return FailedPrecondition("ticket " + std::to_string(target.number) +
                              " is closed and cannot take a merge")
        .WithKind("ticket-closed")
        .WithField("target_id", "is closed");
  }
  const Millis now = clock_.Now();
  RETURN_IF_ERROR(tx.MoveMessages(ws, source.id, target.id));

  domain::Message note;
  note.workspace_id = ws;
  note.ticket_id = target.id;
  note.is_public = false;
  note.author_kind = domain::Actor::Kind::kSystem;
  note.body = "Ticket #" + std::to_string(source.number) + " (\"" + source.subject +
              "\") was merged into this ticket by " + who.name + ".";
  note.html = PlainTextToHtml(note.body);
  note.channel = target.channel;
  note.created_at = now;
  RETURN_IF_ERROR(tx.InsertMessage(&note));

  Ticket source_after = source;
  source_after.merged_into_id = target.id;
  source_after.status = domain::TicketStatus::kClosed;
  source_after.tags.clear();
  source_after.updated_at = now;
  source_after.version = source.version + 1;
  RETURN_IF_ERROR(tx.UpdateTicket(source, source_after));

  Ticket target_after = target;
  std::vector<std::string> tags = target.tags;
  tags.insert(tags.end(), source.tags.begin(), source.tags.end());
  ASSIGN_OR_RETURN(target_after.tags, domain::NormaliseTags(tags));
  target_after.updated_at = now;
  target_after.version = target.version + 1;
  RETURN_IF_ERROR(tx.UpdateTicket(target, target_after));

  RETURN_IF_ERROR(RecordChange(tx, ws, who.actor(), "ticket.merged", "ticket", source.id,
                               {{"status", {domain::Name(source.status), "closed"}},
                                {"merged_into_id", {nullptr, target.id}}},
                               now, "ticket.merged",
                               {{"ticket_id", source.id}, {"target_id", target.id}}));
  json target_changes = {{"merged_from_id", source.id}};
  DiffField(&target_changes, "tags", target.tags, target_after.tags);
  RETURN_IF_ERROR(RecordChange(tx, ws, who.actor(), "ticket.merge_received", "ticket", target.id,
                               target_changes, now));
  return target_after;
}

Result<std::vector<Ticket>> TicketService::Bulk(WriteTx& tx, const Principal& who,
                                                const std::vector<Id>& ids,
                                                const TicketPatch& p) {
  std::vector<Ticket> out;
  Status errors = InvalidArgument("some tickets could not be changed; none were");
  bool failed = false;
  for (size_t i = 0; i < ids.size(); ++i) {
    auto t = Update(tx, who, ids[i], p, std::nullopt);
    if (!t.ok()) {
      failed = true;
      errors.WithField("ids[" + std::to_string(i) + "]",
                       std::to_string(ids[i]) + ": " + t.status().message());
      continue;
    }
    out.push_back(std::move(t).value());
  }
  if (failed) return errors;
  return out;
}

}  // namespace sahayak::services
