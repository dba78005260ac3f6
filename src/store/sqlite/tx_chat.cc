// Live chat's tables (migration 0020): settings, visitors, conversations, events, agents'
// profiles, read positions and visitors' files.
#include "store/sqlite/tx_chat.h"

#include <string>

#include "store/sqlite/rows.h"

namespace sahayak::store {

using nlohmann::json;
using services::ChatAgentProfile;
using services::ChatConversation;
using services::ChatEvent;
using services::ChatReadPosition;
using services::ChatSettings;
using services::ChatVisitor;

namespace {

std::vector<std::string> StringList(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& v : ParseJsonColumn(text, json::array())) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::vector<domain::Id> IdList(const std::string& text) {
  std::vector<domain::Id> out;
  for (const auto& v : ParseJsonColumn(text, json::array())) {
    if (v.is_number_integer()) out.push_back(v.get<domain::Id>());
  }
  return out;
}

std::string IdsText(const std::vector<domain::Id>& ids) { return json(ids).dump(); }

constexpr char kSettingsColumns[] =
    "workspace_id, enabled, widget_key, allowed_origins, prechat, routing, default_group_id, "
    "offer_timeout_seconds, agent_grace_seconds, updated_at, version, business_hours_id";

ChatSettings SettingsAt(const Stmt& s) {
  ChatSettings c;
  c.workspace_id = s.Int(0);
  c.enabled = s.Int(1) != 0;
  c.widget_key = s.Text(2);
  c.allowed_origins = StringList(s.Text(3));
  c.prechat = s.Int(4) != 0;
  c.routing = s.Text(5);
  c.default_group_id = s.OptInt(6);
  c.offer_timeout_seconds = static_cast<int>(s.Int(7));
  c.agent_grace_seconds = static_cast<int>(s.Int(8));
  c.updated_at = s.Int(9);
  c.version = s.Int(10);
  c.business_hours_id = s.OptInt(11);
  return c;
}

constexpr char kVisitorColumns[] =
    "id, workspace_id, token_hash, contact_id, name, email, language, page, created_at, "
    "last_seen_at";

ChatVisitor VisitorAt(const Stmt& s) {
  ChatVisitor v;
  v.id = s.Int(0);
  v.workspace_id = s.Int(1);
  v.token_hash = s.Text(2);
  v.contact_id = s.OptInt(3);
  v.name = s.Text(4);
  v.email = s.Text(5);
  v.language = s.Text(6);
  v.page = s.Text(7);
  v.created_at = s.Int(8);
  v.last_seen_at = s.Int(9);
  return v;
}

constexpr char kConversationColumns[] =
    "id, workspace_id, ticket_id, visitor_id, contact_id, group_id, agent_id, language, status, "
    "page, offered_agent_id, offer_expires_at, declined, supervisors, last_seq, created_at, "
    "queued_at, accepted_at, first_response_at, ended_at, ended_by, wait_ms, first_response_ms, "
    "duration_ms, missed, held_by_assistant, updated_at";

ChatConversation ConversationAt(const Stmt& s) {
  ChatConversation c;
  c.id = s.Int(0);
  c.workspace_id = s.Int(1);
  c.ticket_id = s.Int(2);
  c.visitor_id = s.Int(3);
  c.contact_id = s.Int(4);
  c.group_id = s.OptInt(5);
  c.agent_id = s.OptInt(6);
  c.language = s.Text(7);
  c.status = s.Text(8);
  c.page = s.Text(9);
  c.offered_agent_id = s.OptInt(10);
  c.offer_expires_at = s.OptInt(11);
  c.declined = IdList(s.Text(12));
  c.supervisors = IdList(s.Text(13));
  c.last_seq = s.Int(14);
  c.created_at = s.Int(15);
  c.queued_at = s.Int(16);
  c.accepted_at = s.OptInt(17);
  c.first_response_at = s.OptInt(18);
  c.ended_at = s.OptInt(19);
  c.ended_by = s.Text(20);
  c.wait_ms = s.OptInt(21);
  c.first_response_ms = s.OptInt(22);
  c.duration_ms = s.OptInt(23);
  c.missed = s.Int(24) != 0;
  c.held_by_assistant = s.Int(25) != 0;
  c.updated_at = s.Int(26);
  return c;
}

constexpr char kEventColumns[] =
    "id, workspace_id, conversation_id, seq, kind, author_kind, author_id, author_name, text, "
    "client_id, internal, data, message_id, created_at";

ChatEvent EventAt(const Stmt& s) {
  ChatEvent e;
  e.id = s.Int(0);
  e.workspace_id = s.Int(1);
  e.conversation_id = s.Int(2);
  e.seq = s.Int(3);
  e.kind = s.Text(4);
  e.author.kind = s.Text(5);
  e.author.id = s.Int(6);
  e.author.name = s.Text(7);
  e.text = s.Text(8);
  e.client_id = s.IsNull(9) ? "" : s.Text(9);
  e.internal = s.Int(10) != 0;
  e.data = ParseJsonColumn(s.Text(11), json::object());
  e.message_id = s.OptInt(12);
  e.created_at = s.Int(13);
  return e;
}

Result<std::vector<ChatConversation>> Conversations(Stmt& s) {
  return ReadAll<ChatConversation>(s, ConversationAt);
}

}  // namespace

// --- settings ---------------------------------------------------------------------------

Result<ChatSettings> SqliteChatTx::GetChatSettings(domain::Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kSettingsColumns +
                                       " FROM chat_settings WHERE workspace_id = ?"));
  s.Bind(1, ws);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("chat is not set up in this workspace");
  return SettingsAt(s);
}

Result<ChatSettings> SqliteChatTx::FindChatSettingsByKey(std::string_view widget_key) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kSettingsColumns +
                                       " FROM chat_settings WHERE widget_key = ?"));
  s.Bind(1, widget_key);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("there is no chat widget with that key");
  return SettingsAt(s);
}

Result<std::vector<ChatSettings>> SqliteChatTx::ListEnabledChatSettings() {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kSettingsColumns +
                                       " FROM chat_settings WHERE enabled = 1 ORDER BY "
                                       "workspace_id"));
  return ReadAll<ChatSettings>(s, SettingsAt);
}

Status SqliteChatTx::PutChatSettings(const ChatSettings& c) {
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare("INSERT INTO chat_settings (workspace_id, enabled, widget_key, allowed_origins, "
                  "prechat, routing, default_group_id, offer_timeout_seconds, "
                  "agent_grace_seconds, updated_at, version, business_hours_id) VALUES (?, ?, ?, "
                  "?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id) DO UPDATE SET enabled = "
                  "excluded.enabled, business_hours_id = excluded.business_hours_id, "
                  "widget_key = excluded.widget_key, allowed_origins = excluded.allowed_origins, "
                  "prechat = excluded.prechat, routing = excluded.routing, default_group_id = "
                  "excluded.default_group_id, offer_timeout_seconds = "
                  "excluded.offer_timeout_seconds, agent_grace_seconds = "
                  "excluded.agent_grace_seconds, updated_at = excluded.updated_at, version = "
                  "excluded.version"));
  s.Bind(1, c.workspace_id).Bind(2, c.enabled).Bind(3, c.widget_key);
  s.Bind(4, json(c.allowed_origins).dump()).Bind(5, c.prechat).Bind(6, c.routing);
  s.Bind(7, c.default_group_id).Bind(8, c.offer_timeout_seconds).Bind(9, c.agent_grace_seconds);
  s.Bind(10, c.updated_at).Bind(11, c.version).Bind(12, c.business_hours_id);
  return s.Exec();
}

// --- visitors ---------------------------------------------------------------------------

Result<ChatVisitor> SqliteChatTx::FindVisitorByTokenHash(std::string_view token_hash) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kVisitorColumns +
                                       " FROM chat_visitors WHERE token_hash = ?"));
  s.Bind(1, token_hash);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("unknown visitor token");
  return VisitorAt(s);
}

Result<ChatVisitor> SqliteChatTx::GetVisitor(domain::Id ws, domain::Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kVisitorColumns +
                                       " FROM chat_visitors WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  return ReadOne<ChatVisitor>(s, VisitorAt, "visitor", id);
}

Status SqliteChatTx::InsertVisitor(ChatVisitor* v) {
  ASSIGN_OR_RETURN(
      Stmt s, c_->Prepare("INSERT INTO chat_visitors (workspace_id, token_hash, contact_id, name, "
                          "email, language, page, created_at, last_seen_at) VALUES (?, ?, ?, ?, "
                          "?, ?, ?, ?, ?)"));
  s.Bind(1, v->workspace_id).Bind(2, v->token_hash).Bind(3, v->contact_id).Bind(4, v->name);
  s.Bind(5, v->email).Bind(6, v->language).Bind(7, v->page).Bind(8, v->created_at);
  s.Bind(9, v->last_seen_at);
  RETURN_IF_ERROR(s.Exec());
  v->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteChatTx::UpdateVisitor(const ChatVisitor& v) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE chat_visitors SET contact_id = ?, name = ?, "
                                       "email = ?, language = ?, page = ?, last_seen_at = ? "
                                       "WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, v.contact_id).Bind(2, v.name).Bind(3, v.email).Bind(4, v.language).Bind(5, v.page);
  s.Bind(6, v.last_seen_at).Bind(7, v.workspace_id).Bind(8, v.id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("visitor " + std::to_string(v.id));
  return Status::Ok();
}

// --- conversations ----------------------------------------------------------------------

Result<ChatConversation> SqliteChatTx::GetConversation(domain::Id ws, domain::Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kConversationColumns +
                                       " FROM chat_conversations WHERE workspace_id = ? AND "
                                       "id = ?"));
  s.Bind(1, ws).Bind(2, id);
  return ReadOne<ChatConversation>(s, ConversationAt, "conversation", id);
}

Result<std::vector<ChatConversation>> SqliteChatTx::ListConversationsOfVisitor(
    domain::Id ws, domain::Id visitor_id, int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kConversationColumns +
                                       " FROM chat_conversations WHERE visitor_id = ? AND "
                                       "workspace_id = ? ORDER BY id DESC LIMIT ?"));
  s.Bind(1, visitor_id).Bind(2, ws).Bind(3, limit);
  return Conversations(s);
}

Result<ChatConversation> SqliteChatTx::LatestConversationOfContact(domain::Id ws,
                                                                   domain::Id contact_id) {
  // chat_conversations_contact (migration 0027): one index step.
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kConversationColumns +
                                       " FROM chat_conversations WHERE contact_id = ? AND "
                                       "workspace_id = ? ORDER BY id DESC LIMIT 1"));
  s.Bind(1, contact_id).Bind(2, ws);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("contact " + std::to_string(contact_id) + " has no chat");
  return ConversationAt(s);
}

Result<std::vector<ChatConversation>> SqliteChatTx::ListConversationsByStatus(
    domain::Id ws, const std::vector<std::string>& statuses, int limit) {
  if (statuses.empty()) return std::vector<ChatConversation>();
  // One placeholder per status, so the walk is (workspace_id, status, queued_at) of the index
  // for each: ended conversations pile up, and routing reads the queue every second.
  std::string sql = std::string("SELECT ") + kConversationColumns +
                    " FROM chat_conversations WHERE workspace_id = ? AND status IN (?";
  for (size_t i = 1; i < statuses.size(); ++i) sql += ", ?";
  sql += ") ORDER BY queued_at, id LIMIT ?";
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(sql));
  int n = 1;
  s.Bind(n++, ws);
  for (const auto& status : statuses) s.Bind(n++, status);
  s.Bind(n, limit);
  return Conversations(s);
}

Result<std::vector<ChatConversation>> SqliteChatTx::ListLiveConversationsOfAgent(
    domain::Id ws, domain::Id agent_id) {
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare(std::string("SELECT ") + kConversationColumns +
                  " FROM chat_conversations WHERE workspace_id = ?1 AND status IN ('queued', "
                  "'offered', 'active') AND ((status = 'active' AND agent_id = ?2) OR "
                  "(status = 'offered' AND offered_agent_id = ?2) OR EXISTS (SELECT 1 FROM "
                  "json_each(supervisors) WHERE value = ?2)) ORDER BY queued_at, id"));
  s.Bind(1, ws).Bind(2, agent_id);
  return Conversations(s);
}

Result<std::map<domain::Id, int>> SqliteChatTx::CountAgentLoads(domain::Id ws) {
  ASSIGN_OR_RETURN(
      Stmt s, c_->Prepare("SELECT who, COUNT(*) FROM (SELECT CASE status WHEN 'active' THEN "
                          "agent_id ELSE offered_agent_id END AS who FROM chat_conversations "
                          "WHERE workspace_id = ? AND status IN ('offered', 'active')) WHERE who "
                          "IS NOT NULL GROUP BY who"));
  s.Bind(1, ws);
  std::map<domain::Id, int> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out[s.Int(0)] = static_cast<int>(s.Int(1));
  }
  return out;
}

Result<std::vector<ChatConversation>> SqliteChatTx::ListConversationsOfTicket(
    domain::Id ws, domain::Id ticket_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kConversationColumns +
                                       " FROM chat_conversations WHERE ticket_id = ? AND "
                                       "workspace_id = ? ORDER BY id DESC"));
  s.Bind(1, ticket_id).Bind(2, ws);
  return Conversations(s);
}

Status SqliteChatTx::InsertConversation(ChatConversation* c) {
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare("INSERT INTO chat_conversations (workspace_id, ticket_id, visitor_id, "
                  "contact_id, group_id, agent_id, language, status, page, offered_agent_id, "
                  "offer_expires_at, declined, supervisors, last_seq, created_at, queued_at, "
                  "accepted_at, first_response_at, ended_at, ended_by, wait_ms, "
                  "first_response_ms, duration_ms, missed, held_by_assistant, updated_at) VALUES (?, "
                  "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, c->workspace_id).Bind(2, c->ticket_id).Bind(3, c->visitor_id);
  s.Bind(4, c->contact_id).Bind(5, c->group_id).Bind(6, c->agent_id).Bind(7, c->language);
  s.Bind(8, c->status).Bind(9, c->page).Bind(10, c->offered_agent_id);
  s.Bind(11, c->offer_expires_at).Bind(12, IdsText(c->declined));
  s.Bind(13, IdsText(c->supervisors)).Bind(14, c->last_seq).Bind(15, c->created_at);
  s.Bind(16, c->queued_at).Bind(17, c->accepted_at).Bind(18, c->first_response_at);
  s.Bind(19, c->ended_at).Bind(20, c->ended_by).Bind(21, c->wait_ms);
  s.Bind(22, c->first_response_ms).Bind(23, c->duration_ms).Bind(24, c->missed);
  s.Bind(25, c->held_by_assistant).Bind(26, c->updated_at);
  RETURN_IF_ERROR(s.Exec());
  c->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteChatTx::UpdateConversation(const ChatConversation& c) {
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare("UPDATE chat_conversations SET ticket_id = ?, contact_id = ?, group_id = ?, "
                  "agent_id = ?, language = ?, status = ?, page = ?, offered_agent_id = ?, "
                  "offer_expires_at = ?, declined = ?, supervisors = ?, last_seq = ?, "
                  "queued_at = ?, accepted_at = ?, first_response_at = ?, ended_at = ?, "
                  "ended_by = ?, wait_ms = ?, first_response_ms = ?, duration_ms = ?, missed = ?, "
                  "held_by_assistant = ?, updated_at = ? WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, c.ticket_id).Bind(2, c.contact_id).Bind(3, c.group_id).Bind(4, c.agent_id);
  s.Bind(5, c.language).Bind(6, c.status).Bind(7, c.page).Bind(8, c.offered_agent_id);
  s.Bind(9, c.offer_expires_at).Bind(10, IdsText(c.declined)).Bind(11, IdsText(c.supervisors));
  s.Bind(12, c.last_seq).Bind(13, c.queued_at).Bind(14, c.accepted_at);
  s.Bind(15, c.first_response_at).Bind(16, c.ended_at).Bind(17, c.ended_by);
  s.Bind(18, c.wait_ms).Bind(19, c.first_response_ms).Bind(20, c.duration_ms);
  s.Bind(21, c.missed).Bind(22, c.held_by_assistant).Bind(23, c.updated_at);
  s.Bind(24, c.workspace_id).Bind(25, c.id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("conversation " + std::to_string(c.id));
  return Status::Ok();
}

// --- events -----------------------------------------------------------------------------

Result<std::vector<ChatEvent>> SqliteChatTx::ListEventsAfter(domain::Id ws,
                                                             domain::Id conversation_id,
                                                             int64_t after_seq, int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kEventColumns +
                                       " FROM chat_events WHERE conversation_id = ? AND seq > ? "
                                       "AND workspace_id = ? ORDER BY seq LIMIT ?"));
  s.Bind(1, conversation_id).Bind(2, after_seq).Bind(3, ws).Bind(4, limit);
  return ReadAll<ChatEvent>(s, EventAt);
}

Result<ChatEvent> SqliteChatTx::FindEventByClientId(domain::Id ws, domain::Id conversation_id,
                                                    std::string_view client_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kEventColumns +
                                       " FROM chat_events WHERE conversation_id = ? AND "
                                       "client_id = ? AND workspace_id = ?"));
  s.Bind(1, conversation_id).Bind(2, client_id).Bind(3, ws);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no message with that client_id");
  return EventAt(s);
}

Result<ChatEvent> SqliteChatTx::FindStartByClientId(domain::Id ws, domain::Id visitor_id,
                                                    std::string_view client_id) {
  ASSIGN_OR_RETURN(
      Stmt s, c_->Prepare(std::string("SELECT ") + kEventColumns +
                          " FROM chat_events WHERE conversation_id IN (SELECT id FROM "
                          "chat_conversations WHERE visitor_id = ? AND workspace_id = ?) AND "
                          "seq = 1 AND client_id = ?"));
  s.Bind(1, visitor_id).Bind(2, ws).Bind(3, client_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no conversation started with that client_id");
  return EventAt(s);
}

Status SqliteChatTx::InsertEvent(ChatEvent* e) {
  ASSIGN_OR_RETURN(
      Stmt s, c_->Prepare("INSERT INTO chat_events (workspace_id, conversation_id, seq, kind, "
                          "author_kind, author_id, author_name, text, client_id, internal, data, "
                          "message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                          "?)"));
  s.Bind(1, e->workspace_id).Bind(2, e->conversation_id).Bind(3, e->seq).Bind(4, e->kind);
  s.Bind(5, e->author.kind).Bind(6, e->author.id).Bind(7, e->author.name).Bind(8, e->text);
  if (e->client_id.empty()) {
    s.BindNull(9);
  } else {
    s.Bind(9, e->client_id);
  }
  s.Bind(10, e->internal).Bind(11, e->data.dump()).Bind(12, e->message_id);
  s.Bind(13, e->created_at);
  RETURN_IF_ERROR(s.Exec());
  e->id = c_->LastInsertId();
  return Status::Ok();
}

// --- agents' profiles and read positions --------------------------------------------------

Result<ChatAgentProfile> SqliteChatTx::GetAgentProfile(domain::Id ws, domain::Id agent_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT capacity, languages, updated_at, version FROM "
                                       "chat_agent_profiles WHERE agent_id = ? AND "
                                       "workspace_id = ?"));
  s.Bind(1, agent_id).Bind(2, ws);
  ChatAgentProfile p;
  p.workspace_id = ws;
  p.agent_id = agent_id;
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (row) {
    p.capacity = static_cast<int>(s.Int(0));
    p.languages = StringList(s.Text(1));
    p.updated_at = s.Int(2);
    p.version = s.Int(3);
  }
  return p;
}

Result<std::vector<ChatAgentProfile>> SqliteChatTx::ListAgentProfiles(domain::Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT agent_id, capacity, languages, updated_at, "
                                       "version FROM chat_agent_profiles WHERE workspace_id = ? "
                                       "ORDER BY agent_id"));
  s.Bind(1, ws);
  return ReadAll<ChatAgentProfile>(s, [ws](const Stmt& r) {
    ChatAgentProfile p;
    p.workspace_id = ws;
    p.agent_id = r.Int(0);
    p.capacity = static_cast<int>(r.Int(1));
    p.languages = StringList(r.Text(2));
    p.updated_at = r.Int(3);
    p.version = r.Int(4);
    return p;
  });
}

Status SqliteChatTx::PutAgentProfile(const ChatAgentProfile& p) {
  ASSIGN_OR_RETURN(
      Stmt s, c_->Prepare("INSERT INTO chat_agent_profiles (agent_id, workspace_id, capacity, "
                          "languages, updated_at, version) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
                          "(agent_id) DO UPDATE SET capacity = excluded.capacity, languages = "
                          "excluded.languages, updated_at = excluded.updated_at, version = "
                          "excluded.version"));
  s.Bind(1, p.agent_id).Bind(2, p.workspace_id).Bind(3, p.capacity);
  s.Bind(4, json(p.languages).dump()).Bind(5, p.updated_at).Bind(6, p.version);
  return s.Exec();
}

Result<std::vector<ChatReadPosition>> SqliteChatTx::ListReadPositions(domain::Id ws,
                                                                      domain::Id conversation_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT reader_kind, reader_id, seq, updated_at FROM "
                                       "chat_read_positions WHERE conversation_id = ? AND "
                                       "workspace_id = ? ORDER BY reader_kind, reader_id"));
  s.Bind(1, conversation_id).Bind(2, ws);
  return ReadAll<ChatReadPosition>(s, [](const Stmt& r) {
    return ChatReadPosition{r.Text(0), r.Int(1), r.Int(2), r.Int(3)};
  });
}

Status SqliteChatTx::PutReadPosition(domain::Id ws, domain::Id conversation_id,
                                     const ChatReadPosition& p) {
  ASSIGN_OR_RETURN(
      Stmt s, c_->Prepare("INSERT INTO chat_read_positions (workspace_id, conversation_id, "
                          "reader_kind, reader_id, seq, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON "
                          "CONFLICT (conversation_id, reader_kind, reader_id) DO UPDATE SET seq = "
                          "MAX(seq, excluded.seq), updated_at = excluded.updated_at"));
  s.Bind(1, ws).Bind(2, conversation_id).Bind(3, p.reader_kind).Bind(4, p.reader_id);
  s.Bind(5, p.seq).Bind(6, p.updated_at);
  return s.Exec();
}

// --- visitors' files --------------------------------------------------------------------

Result<domain::Id> SqliteChatTx::GetChatAttachmentVisitor(domain::Id ws, domain::Id attachment_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT visitor_id FROM chat_attachments WHERE "
                                       "attachment_id = ? AND workspace_id = ?"));
  s.Bind(1, attachment_id).Bind(2, ws);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("attachment " + std::to_string(attachment_id));
  return s.Int(0);
}

Status SqliteChatTx::InsertChatAttachment(domain::Id ws, domain::Id attachment_id,
                                          domain::Id visitor_id, Millis at) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO chat_attachments (attachment_id, "
                                       "workspace_id, visitor_id, created_at) VALUES (?, ?, ?, "
                                       "?)"));
  s.Bind(1, attachment_id).Bind(2, ws).Bind(3, visitor_id).Bind(4, at);
  return s.Exec();
}

}  // namespace sahayak::store
