// A workspace's chat settings, agents' chat profiles, the widget key and the offline message
// (chat_service.h).
#include <algorithm>
#include <set>

#include "base/crypto.h"
#include "base/text.h"
#include "domain/json_input.h"
#include "services/audit.h"
#include "services/chat/chat_frames.h"
#include "services/chat/chat_service.h"
#include "services/chat/chat_text.h"
#include "services/tickets/inbound_ticket.h"
#include "services/webforms/web_form_service.h"

namespace sahayak::services {

using nlohmann::json;

namespace {

constexpr size_t kMaxOrigins = 20;
constexpr size_t kMaxLanguages = 10;
constexpr int kMaxCapacity = 50;
constexpr size_t kMaxOfflineChars = 20000;

std::string NewWidgetKey() { return "wk_" + RandomToken(24); }

json SettingsAudit(const ChatSettings& s) {
  return {{"enabled", s.enabled},
          {"allowed_origins", s.allowed_origins},
          {"prechat", s.prechat},
          {"routing", s.routing},
          {"default_group_id", s.default_group_id ? json(*s.default_group_id) : json(nullptr)},
          {"business_hours_id", s.business_hours_id ? json(*s.business_hours_id) : json(nullptr)},
          {"offer_timeout_seconds", s.offer_timeout_seconds},
          {"agent_grace_seconds", s.agent_grace_seconds}};
}

// Members a body may not have: named, so a typo is not silently ignored.
void UnknownMembers(const json& body, const std::set<std::string>& known, domain::JsonInput* in) {
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (!known.count(it.key())) in->Error(it.key(), "is not a member of this resource");
  }
}

Status CheckAdmin(const Principal& who) {
  if (!who.is_admin()) return PermissionDenied("only admins may change chat settings");
  return Status::Ok();
}

}  // namespace

ChatSettings ChatService::Defaults(Id ws) {
  ChatSettings s;
  s.workspace_id = ws;
  return s;
}

Result<ChatSettings> ChatService::Settings(ReadTx& tx, Id ws) const {
  auto s = tx.chat().GetChatSettings(ws);
  if (!s.ok() && s.status().code() == Code::kNotFound) return Defaults(ws);
  return s;
}

Result<ChatSettings> ChatService::UpdateSettings(WriteTx& tx, const Principal& who,
                                                 const json& body,
                                                 std::optional<int64_t> if_match) {
  RETURN_IF_ERROR(CheckAdmin(who));
  RETURN_IF_ERROR(domain::RequireObject(body));
  const Id ws = who.workspace_id;
  ASSIGN_OR_RETURN(ChatSettings before, Settings(tx, ws));
  if (if_match && *if_match != before.version) {
    return Aborted("the chat settings changed since version " + std::to_string(*if_match) +
                   "; they are now at version " + std::to_string(before.version))
        .WithKind("precondition-failed");
  }
  ChatSettings s = before;
  domain::JsonInput in(body);
  UnknownMembers(body,
                 {"enabled", "allowed_origins", "prechat", "routing", "default_group_id",
                  "business_hours_id", "offer_timeout_seconds", "agent_grace_seconds"},
                 &in);
  in.Bool("enabled", &s.enabled);
  in.Bool("prechat", &s.prechat);
  std::vector<std::string> origins;
  if (in.StrList("allowed_origins", &origins, kMaxOrigins)) {
    std::vector<std::string> clean;
    for (size_t i = 0; i < origins.size(); ++i) {
      auto o = NormaliseOrigin(origins[i]);
      if (!o) {
        in.Error("allowed_origins[" + std::to_string(i) + "]",
                 "is not an origin like https://shop.example.in (no paths, no wildcards)");
      } else if (std::find(clean.begin(), clean.end(), *o) == clean.end()) {
        clean.push_back(*o);
      }
    }
    s.allowed_origins = std::move(clean);
  }
  std::string routing;
  if (in.Str("routing", &routing, false, 32)) {
    if (routing != "round_robin" && routing != "least_busy") {
      in.Error("routing", "must be round_robin or least_busy");
    } else {
      s.routing = routing;
    }
  }
  std::optional<std::optional<Id>> group;
  if (in.NullableId("default_group_id", &group)) {
    if (*group && !tx.GetGroup(ws, **group).ok()) {
      in.Error("default_group_id", "is not a group of this workspace");
    } else {
      s.default_group_id = *group;
    }
  }
  std::optional<std::optional<Id>> hours;
  if (in.NullableId("business_hours_id", &hours)) {
    if (*hours && !tx.hours().GetBusinessHours(ws, **hours).ok()) {
      in.Error("business_hours_id", "is not business hours of this workspace");
    } else {
      s.business_hours_id = *hours;
    }
  }
  int64_t n = 0;
  if (in.Int("offer_timeout_seconds", &n)) {
    if (n < 5 || n > 600) {
      in.Error("offer_timeout_seconds", "must be between 5 and 600");
    } else {
      s.offer_timeout_seconds = static_cast<int>(n);
    }
  }
  if (in.Int("agent_grace_seconds", &n)) {
    if (n < 0 || n > 3600) {
      in.Error("agent_grace_seconds", "must be between 0 and 3600");
    } else {
      s.agent_grace_seconds = static_cast<int>(n);
    }
  }
  RETURN_IF_ERROR(in.status());
  if (s.widget_key.empty()) s.widget_key = NewWidgetKey();
  const json changes = AuditDiff(SettingsAudit(before), SettingsAudit(s));
  if (changes.empty() && before.version > 0) return before;
  s.updated_at = clock_.Now();
  s.version = before.version + 1;
  RETURN_IF_ERROR(tx.chat().PutChatSettings(s));
  RETURN_IF_ERROR(RecordChange(tx, ws, who.actor(), "chat.settings_updated", "chat_settings", ws,
                               changes, s.updated_at));
  return s;
}

Result<ChatSettings> ChatService::RotateWidgetKey(WriteTx& tx, const Principal& who) {
  RETURN_IF_ERROR(CheckAdmin(who));
  ASSIGN_OR_RETURN(ChatSettings s, Settings(tx, who.workspace_id));
  s.widget_key = NewWidgetKey();
  s.updated_at = clock_.Now();
  s.version += 1;
  RETURN_IF_ERROR(tx.chat().PutChatSettings(s));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "chat.widget_key_rotated",
                               "chat_settings", who.workspace_id, json::object(), s.updated_at));
  return s;
}

Result<ChatAgentProfile> ChatService::Profile(ReadTx& tx, const Principal& who,
                                              Id agent_id) const {
  ASSIGN_OR_RETURN(domain::Agent a, tx.GetAgent(who.workspace_id, agent_id));
  ASSIGN_OR_RETURN(ChatAgentProfile p, tx.chat().GetAgentProfile(who.workspace_id, a.id));
  if (p.languages.empty()) p.languages = {a.language};
  return p;
}

Result<ChatAgentProfile> ChatService::UpdateProfile(WriteTx& tx, const Principal& who,
                                                    Id agent_id, const json& body,
                                                    std::optional<int64_t> if_match) {
  if (!who.is_admin()) return PermissionDenied("only admins may change agents' chat profiles");
  RETURN_IF_ERROR(domain::RequireObject(body));
  ASSIGN_OR_RETURN(ChatAgentProfile before, Profile(tx, who, agent_id));
  if (if_match && *if_match != before.version) {
    return Aborted("the chat profile changed since version " + std::to_string(*if_match))
        .WithKind("precondition-failed");
  }
  ChatAgentProfile p = before;
  domain::JsonInput in(body);
  UnknownMembers(body, {"capacity", "languages"}, &in);
  int64_t capacity = 0;
  if (in.Int("capacity", &capacity)) {
    if (capacity < 0 || capacity > kMaxCapacity) {
      in.Error("capacity", "must be between 0 and 50");
    } else {
      p.capacity = static_cast<int>(capacity);
    }
  }
  std::vector<std::string> languages;
  if (in.StrList("languages", &languages, kMaxLanguages)) {
    std::vector<std::string> clean;
    for (size_t i = 0; i < languages.size(); ++i) {
      std::string l = AsciiLower(Trim(languages[i]));
      if (!chat_frames::IsChatLanguage(l) || l.find('-') != std::string::npos) {
        in.Error("languages[" + std::to_string(i) + "]", "is not a language code like en, hi, kn");
      } else if (std::find(clean.begin(), clean.end(), l) == clean.end()) {
        clean.push_back(l);
      }
    }
    if (clean.empty() && in.ok()) in.Error("languages", "must name at least one language");
    p.languages = std::move(clean);
  }
  RETURN_IF_ERROR(in.status());
  p.updated_at = clock_.Now();
  p.version = before.version + 1;
  RETURN_IF_ERROR(tx.chat().PutAgentProfile(p));
  RETURN_IF_ERROR(RecordChange(
      tx, who.workspace_id, who.actor(), "chat.profile_updated", "agent", agent_id,
      AuditDiff({{"capacity", before.capacity}, {"languages", before.languages}},
                {{"capacity", p.capacity}, {"languages", p.languages}}),
      p.updated_at));
  return p;
}

Result<ChatSettings> ChatService::FindWidget(ReadTx& tx, std::string_view widget_key) const {
  if (widget_key.empty() || widget_key.size() > 100) {
    return NotFound("there is no chat widget with that key");
  }
  ASSIGN_OR_RETURN(ChatSettings s, tx.chat().FindChatSettingsByKey(widget_key));
  if (!s.enabled) {
    return FailedPrecondition("chat is switched off for this widget").WithKind("chat-disabled");
  }
  return s;
}

Result<domain::Ticket> ChatService::LeaveMessage(WriteTx& tx, const ChatSettings& settings,
                                                 const ChatOfflineInput& raw) {
  const Id ws = settings.workspace_id;
  json body = {{"name", raw.name}, {"email", raw.email}, {"text", raw.text},
               {"language", raw.language}};
  domain::JsonInput in(body);
  std::string name, email, text, language;
  in.Str("name", &name, false, chat_frames::kMaxNameChars);
  in.Str("email", &email, true, chat_frames::kMaxEmailChars);
  in.Str("text", &text, true, kMaxOfflineChars);
  in.Str("language", &language, false, 35);
  name = Trim(ToNfc(name));
  email = FoldCase(Trim(email));
  text = Trim(ToNfc(text));
  if (in.ok() && !LooksLikeEmail(email)) in.Error("email", "is not an e-mail address");
  if (in.ok() && text.empty()) in.Error("text", "is required");
  if (!language.empty() && !chat_frames::IsChatLanguage(language)) {
    in.Error("language", "is not a language code like en, hi or kn");
  }
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(Workspace w, tx.GetWorkspace(ws));
  TicketCreate tc;
  tc.subject = chat_text::OfflineSubject(w.default_language, name.empty() ? email : name);
  tc.message.body = text;
  tc.message.channel = domain::Channel::kEmail;
  tc.message.channel_meta = {{"chat", {{"offline", true}}}};
  tc.requester.email = email;
  tc.requester.name = name;
  // An e-mail ticket: the answer goes to that address (docs/chat.md).
  tc.channel = domain::Channel::kEmail;
  if (settings.default_group_id && tx.GetGroup(ws, *settings.default_group_id).ok()) {
    tc.group_id = settings.default_group_id;
  }
  tc.language = language.empty() ? "" : AsciiLower(language.substr(0, language.find('-')));
  ASSIGN_OR_RETURN(domain::Ticket t, tickets_.Create(tx, SystemPrincipal(ws), tc));
  RETURN_IF_ERROR(NotifyInboundTicket(tx, tickets_, t));
  return t;
}

}  // namespace sahayak::services
