#include "api/views.h"

#include "api/json_writer.h"
#include "base/clock.h"

namespace sahayak::api {

using nlohmann::json;

namespace {

json Opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }
json Time(const std::optional<Millis>& t) { return t ? json(FormatRfc3339(*t)) : json(nullptr); }

}  // namespace

std::string TicketJson(const domain::Ticket& t, const services::ContactSummary* requester) {
  auto time = [](JsonWriter& w, const std::optional<Millis>& v) -> JsonWriter& {
    return v ? w.String(FormatRfc3339(*v)) : w.Null();
  };
  JsonWriter w;
  w.BeginObject();
  w.Key("id").Int(t.id);
  w.Key("number").Int(t.number);
  w.Key("subject").String(t.subject);
  w.Key("status").String(domain::Name(t.status));
  w.Key("priority").String(domain::Name(t.priority));
  w.Key("type").String(domain::Name(t.type));
  w.Key("channel").String(domain::Name(t.channel));
  w.Key("requester_id").Int(t.requester_id);
  w.Key("requester").BeginObject();
  w.Key("id").Int(t.requester_id);
  if (requester != nullptr) {
    w.Key("name").String(requester->name);
    w.Key("email");
    requester->email.empty() ? w.Null() : w.String(requester->email);
  } else {
    w.Key("name").Null().Key("email").Null();
  }
  w.EndObject();
  w.Key("assignee_id").OptInt(t.assignee_id);
  w.Key("group_id").OptInt(t.group_id);
  w.Key("organisation_id").OptInt(t.organisation_id);
  w.Key("merged_into_id").OptInt(t.merged_into_id);
  w.Key("tags").BeginArray();
  for (const auto& tag : t.tags) w.String(tag);
  w.EndArray();
  w.Key("custom_fields").Raw(t.custom_fields.dump(-1, ' ', false, json::error_handler_t::replace));
  w.Key("language").String(t.language);
  w.Key("created_at").String(FormatRfc3339(t.created_at));
  w.Key("updated_at").String(FormatRfc3339(t.updated_at));
  w.Key("first_response_at");
  time(w, t.first_response_at);
  w.Key("solved_at");
  time(w, t.solved_at);
  w.Key("sla_due_at");
  time(w, t.sla_due_at);
  w.Key("sla_breached").Bool(t.sla_breached);
  w.Key("version").Int(t.version);
  w.EndObject();
  return w.Take();
}

Result<std::string> TicketJsonWithRequester(services::ReadTx& tx, const domain::Ticket& t) {
  auto c = tx.GetContactSummary(t.workspace_id, t.requester_id);
  if (!c.ok() && c.status().code() != Code::kNotFound) return c.status();
  return TicketJson(t, c.ok() ? &*c : nullptr);
}

json AttachmentJson(const domain::Attachment& a) {
  return {{"id", a.id},
          {"filename", a.filename},
          {"mime_type", a.mime_type},
          {"size", a.size},
          {"sha256", a.sha256},
          {"message_id", Opt(a.message_id)},
          {"created_at", FormatRfc3339(a.created_at)}};
}

json MessageJson(const domain::Message& m) {
  json atts = json::array();
  for (const auto& a : m.attachments) atts.push_back(AttachmentJson(a));
  return {
      {"id", m.id},
      {"ticket_id", m.ticket_id},
      {"public", m.is_public},
      {"author",
       {{"type", domain::ActorKindName(m.author_kind)},
        {"id", m.author_kind == domain::Actor::Kind::kSystem ? json(nullptr) : json(m.author_id)},
        {"name", m.author_name}}},
      {"body", m.body},
      {"html", m.html},
      {"channel", domain::Name(m.channel)},
      {"channel_meta", m.channel_meta},
      {"language", m.language ? json(*m.language) : json(nullptr)},
      {"attachments", atts},
      {"created_at", FormatRfc3339(m.created_at)}};
}

json ContactJson(const domain::Contact& c) {
  json ids = json::array();
  for (const auto& i : c.identities) ids.push_back({{"type", domain::Name(i.kind)}, {"value", i.value}});
  std::string email = c.First(domain::Identity::Kind::kEmail);
  std::string phone = c.First(domain::Identity::Kind::kPhone);
  return {{"id", c.id},
          {"name", c.name},
          {"email", email.empty() ? json(nullptr) : json(email)},
          {"phone", phone.empty() ? json(nullptr) : json(phone)},
          {"identities", ids},
          {"language", c.language},
          {"time_zone", c.time_zone},
          {"organisation_id", Opt(c.organisation_id)},
          {"ticket_access", c.ticket_access},
          {"created_at", FormatRfc3339(c.created_at)},
          {"updated_at", FormatRfc3339(c.updated_at)},
          {"version", c.version}};
}

json OrganisationJson(const domain::Organisation& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"domains", o.domains},
          {"tier", domain::Name(o.tier)},
          {"account_manager_id", Opt(o.account_manager_id)},
          {"notes", o.notes},
          {"created_at", FormatRfc3339(o.created_at)},
          {"updated_at", FormatRfc3339(o.updated_at)},
          {"version", o.version}};
}

json AgentJson(const domain::Agent& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"email", a.email},
          {"role", domain::Name(a.role)},
          {"language", a.language},
          {"time_zone", a.time_zone},
          {"active", a.active},
          {"group_ids", a.group_ids},
          {"created_at", FormatRfc3339(a.created_at)},
          {"updated_at", FormatRfc3339(a.updated_at)},
          {"version", a.version}};
}

json GroupJson(const domain::Group& g) {
  return {{"id", g.id},
          {"name", g.name},
          {"description", g.description},
          {"agent_ids", g.agent_ids},
          {"created_at", FormatRfc3339(g.created_at)},
          {"updated_at", FormatRfc3339(g.updated_at)},
          {"version", g.version}};
}

json CustomFieldJson(const domain::CustomFieldDef& f) {
  return {{"id", f.id},
          {"key", f.key},
          {"label", f.label},
          {"type", domain::Name(f.type)},
          {"options", f.options},
          {"required", f.required},
          {"active", f.active},
          {"customer_visible", f.customer_visible},
          {"portal_topics", f.portal_topics},
          {"created_at", FormatRfc3339(f.created_at)},
          {"updated_at", FormatRfc3339(f.updated_at)},
          {"version", f.version}};
}

json ApiTokenJson(const services::ApiTokenRecord& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"agent_id", t.agent_id},
          {"created_at", FormatRfc3339(t.created_at)},
          {"last_used_at", Time(t.last_used_at)}};
}

json WorkspaceJson(const services::Workspace& w) {
  return {{"id", w.id},
          {"name", w.name},
          {"default_language", w.default_language},
          {"time_zone", w.time_zone},
          {"public_host", w.public_host},
          {"version", w.version}};
}

json AuditEventJson(const domain::AuditEvent& e) {
  return {{"id", e.id},
          {"actor",
           {{"type", domain::ActorKindName(e.actor.kind)},
            {"id", e.actor.id},
            {"name", e.actor.name}}},
          {"action", e.action},
          {"entity_type", e.entity_type},
          {"entity_id", e.entity_id},
          {"changes", e.changes},
          {"ip", e.actor.ip},
          {"created_at", FormatRfc3339(e.created_at)}};
}

json SavedViewJson(const domain::SavedView& v) {
  return {{"id", v.id},
          {"name", v.name},
          {"shared", v.shared()},
          {"owner_id", Opt(v.agent_id)},
          {"filters", v.filters},
          {"sort", domain::Name(v.sort)},
          {"columns", v.columns},
          {"position", v.position},
          {"created_at", FormatRfc3339(v.created_at)},
          {"updated_at", FormatRfc3339(v.updated_at)},
          {"version", v.version}};
}

}  // namespace sahayak::api
