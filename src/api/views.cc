#include "api/views.h"

#include "base/clock.h"

namespace sahayak::api {

using nlohmann::json;

namespace {

json Opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }
json Time(const std::optional<Millis>& t) { return t ? json(FormatRfc3339(*t)) : json(nullptr); }

}  // namespace

json TicketJson(const domain::Ticket& t, const services::ContactSummary* requester) {
  json j = {{"id", t.id},
            {"number", t.number},
            {"subject", t.subject},
            {"status", domain::Name(t.status)},
            {"priority", domain::Name(t.priority)},
            {"type", domain::Name(t.type)},
            {"channel", domain::Name(t.channel)},
            {"requester_id", t.requester_id},
            {"assignee_id", Opt(t.assignee_id)},
            {"group_id", Opt(t.group_id)},
            {"organisation_id", Opt(t.organisation_id)},
            {"merged_into_id", Opt(t.merged_into_id)},
            {"tags", t.tags},
            {"custom_fields", t.custom_fields},
            {"language", t.language},
            {"created_at", FormatRfc3339(t.created_at)},
            {"updated_at", FormatRfc3339(t.updated_at)},
            {"first_response_at", Time(t.first_response_at)},
            {"solved_at", Time(t.solved_at)},
            {"version", t.version}};
  if (requester != nullptr) {
    j["requester"] = {{"id", requester->id},
                      {"name", requester->name},
                      {"email", requester->email.empty() ? json(nullptr) : json(requester->email)}};
  } else {
    j["requester"] = {{"id", t.requester_id}, {"name", nullptr}, {"email", nullptr}};
  }
  return j;
}

Result<json> TicketJsonWithRequester(services::ReadTx& tx, const domain::Ticket& t) {
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
  return {{"id", m.id},
          {"ticket_id", m.ticket_id},
          {"public", m.is_public},
          {"author",
           {{"type", domain::ActorKindName(m.author_kind)},
            {"id", m.author_kind == domain::Actor::Kind::kSystem ? json(nullptr)
                                                                 : json(m.author_id)},
            {"name", m.author_name}}},
          {"body", m.body},
          {"html", m.html},
          {"channel", domain::Name(m.channel)},
          {"channel_meta", m.channel_meta},
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

}  // namespace sahayak::api
