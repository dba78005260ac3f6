// Audit events, outbox rows, sessions, API tokens and idempotency records.
#include <limits>

#include "store/sqlite/sqlite_tx.h"

namespace sahayak::store {

using nlohmann::json;
using services::Page;
using services::PageRequest;

Status SqliteTx::InsertAudit(domain::AuditEvent* e) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO audit_events (workspace_id, actor_kind, "
                                       "actor_id, actor_name, action, entity_type, entity_id, "
                                       "changes, ip, user_agent, created_at) VALUES (?, ?, ?, ?,"
                                       " ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, e->workspace_id).Bind(2, domain::ActorKindName(e->actor.kind)).Bind(3, e->actor.id);
  s.Bind(4, e->actor.name).Bind(5, e->action).Bind(6, e->entity_type).Bind(7, e->entity_id);
  s.Bind(8, e->changes.dump()).Bind(9, e->actor.ip).Bind(10, e->actor.user_agent);
  s.Bind(11, e->created_at);
  RETURN_IF_ERROR(s.Exec());
  e->id = c_->LastInsertId();
  return Status::Ok();
}

Result<Page<domain::AuditEvent>> SqliteTx::ListAuditEvents(Id ws, const services::AuditFilter& f,
                                                           const PageRequest& page) {
  std::string sql =
      "SELECT id, workspace_id, actor_kind, actor_id, actor_name, action, entity_type, "
      "entity_id, changes, ip, user_agent, created_at FROM audit_events WHERE workspace_id = ?";
  if (f.entity_type) sql += " AND entity_type = ?";
  if (f.entity_id) sql += " AND entity_id = ?";
  sql += " AND id < ? ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(sql));
  int i = 1;
  s.Bind(i++, ws);
  if (f.entity_type) s.Bind(i++, *f.entity_type);
  if (f.entity_id) s.Bind(i++, *f.entity_id);
  s.Bind(i++, page.cursor.value_or(std::numeric_limits<int64_t>::max()));
  s.Bind(i++, page.limit + 1);
  Page<domain::AuditEvent> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    domain::AuditEvent e;
    e.id = s.Int(0);
    e.workspace_id = s.Int(1);
    std::string kind = s.Text(2);
    e.actor.kind = kind == "contact"  ? domain::Actor::Kind::kContact
                   : kind == "system" ? domain::Actor::Kind::kSystem
                                      : domain::Actor::Kind::kAgent;
    e.actor.id = s.Int(3);
    e.actor.name = s.Text(4);
    e.action = s.Text(5);
    e.entity_type = s.Text(6);
    e.entity_id = s.Int(7);
    json changes = json::parse(s.Text(8), nullptr, false);
    e.changes = changes.is_discarded() ? json::object() : changes;
    e.actor.ip = s.Text(9);
    e.actor.user_agent = s.Text(10);
    e.created_at = s.Int(11);
    out.items.push_back(std::move(e));
  }
  if (static_cast<int>(out.items.size()) > page.limit) {
    out.items.resize(page.limit);
    out.next = out.items.back().id;
  }
  return out;
}

Status SqliteTx::InsertOutbox(domain::OutboxItem* o) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO outbox (workspace_id, topic, payload, "
                                       "created_at, available_at) VALUES (?, ?, ?, ?, ?)"));
  s.Bind(1, o->workspace_id).Bind(2, o->topic).Bind(3, o->payload.dump());
  s.Bind(4, o->created_at).Bind(5, o->created_at);
  RETURN_IF_ERROR(s.Exec());
  o->id = c_->LastInsertId();
  return Status::Ok();
}

Result<services::SessionRecord> SqliteTx::GetSession(std::string_view token_hash) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT token_hash, workspace_id, agent_id, csrf_token, "
                                       "created_at, expires_at, persistent, ip, user_agent FROM "
                                       "sessions WHERE token_hash = ?"));
  s.Bind(1, token_hash);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no such session");
  services::SessionRecord r;
  r.token_hash = s.Text(0);
  r.workspace_id = s.Int(1);
  r.agent_id = s.Int(2);
  r.csrf_token = s.Text(3);
  r.created_at = s.Int(4);
  r.expires_at = s.Int(5);
  r.persistent = s.Int(6) != 0;
  r.ip = s.Text(7);
  r.user_agent = s.Text(8);
  return r;
}

Status SqliteTx::InsertSession(const services::SessionRecord& r) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO sessions (token_hash, workspace_id, "
                                       "agent_id, csrf_token, created_at, expires_at, "
                                       "persistent, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?,"
                                       " ?, ?)"));
  s.Bind(1, r.token_hash).Bind(2, r.workspace_id).Bind(3, r.agent_id).Bind(4, r.csrf_token);
  s.Bind(5, r.created_at).Bind(6, r.expires_at).Bind(7, r.persistent).Bind(8, r.ip);
  s.Bind(9, r.user_agent);
  return s.Exec();
}

Status SqliteTx::DeleteSession(std::string_view token_hash) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM sessions WHERE token_hash = ?"));
  s.Bind(1, token_hash);
  return s.Exec();
}

Status SqliteTx::DeleteSessionsOfAgent(Id ws, Id agent_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM sessions WHERE workspace_id = ? AND "
                                       "agent_id = ?"));
  s.Bind(1, ws).Bind(2, agent_id);
  return s.Exec();
}

Status SqliteTx::DeleteOtherSessionsOfAgent(Id ws, Id agent_id, std::string_view keep_token_hash) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM sessions WHERE workspace_id = ? AND "
                                       "agent_id = ? AND token_hash <> ?"));
  s.Bind(1, ws).Bind(2, agent_id).Bind(3, keep_token_hash);
  return s.Exec();
}

namespace {

constexpr const char* kTokenCols =
    "id, workspace_id, agent_id, name, token_hash, created_at, last_used_at";

services::ApiTokenRecord ReadToken(const Stmt& s) {
  services::ApiTokenRecord t;
  t.id = s.Int(0);
  t.workspace_id = s.Int(1);
  t.agent_id = s.Int(2);
  t.name = s.Text(3);
  t.token_hash = s.Text(4);
  t.created_at = s.Int(5);
  t.last_used_at = s.OptInt(6);
  return t;
}

}  // namespace

Result<services::ApiTokenRecord> SqliteTx::FindApiToken(std::string_view token_hash) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kTokenCols + " FROM api_tokens WHERE token_hash = ?";
  })));
  s.Bind(1, token_hash);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no such API token");
  return ReadToken(s);
}

Result<services::ApiTokenRecord> SqliteTx::GetApiToken(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kTokenCols +
           " FROM api_tokens WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("API token " + std::to_string(id) + " does not exist");
  return ReadToken(s);
}

Result<Page<services::ApiTokenRecord>> SqliteTx::ListApiTokens(Id ws, const PageRequest& page) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kTokenCols +
           " FROM api_tokens WHERE workspace_id = ? AND id < ? "
           "ORDER BY id DESC LIMIT ?";
  })));
  s.Bind(1, ws).Bind(2, page.cursor.value_or(std::numeric_limits<int64_t>::max()));
  s.Bind(3, page.limit + 1);
  Page<services::ApiTokenRecord> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.items.push_back(ReadToken(s));
  }
  if (static_cast<int>(out.items.size()) > page.limit) {
    out.items.resize(page.limit);
    out.next = out.items.back().id;
  }
  return out;
}

Status SqliteTx::InsertApiToken(services::ApiTokenRecord* t) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO api_tokens (workspace_id, agent_id, name, "
                                       "token_hash, created_at) VALUES (?, ?, ?, ?, ?)"));
  s.Bind(1, t->workspace_id).Bind(2, t->agent_id).Bind(3, t->name).Bind(4, t->token_hash);
  s.Bind(5, t->created_at);
  RETURN_IF_ERROR(s.Exec());
  t->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteTx::DeleteApiToken(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM api_tokens WHERE workspace_id = ? AND "
                                       "id = ?"));
  s.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("API token " + std::to_string(id) + " does not exist");
  return Status::Ok();
}

Status SqliteTx::TouchApiToken(Id id, Millis when) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"));
  s.Bind(1, when).Bind(2, id);
  return s.Exec();
}

Result<services::IdempotencyRecord> SqliteTx::GetIdempotency(Id ws, std::string_view principal,
                                                             std::string_view key) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT request_hash, status, body, location, created_at"
                                       " FROM idempotency_keys WHERE workspace_id = ? AND "
                                       "principal = ? AND key = ?"));
  s.Bind(1, ws).Bind(2, principal).Bind(3, key);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no such idempotency key");
  services::IdempotencyRecord r;
  r.request_hash = s.Text(0);
  r.status = static_cast<int>(s.Int(1));
  r.body = s.Text(2);
  r.location = s.Text(3);
  r.created_at = s.Int(4);
  return r;
}

Status SqliteTx::PutIdempotency(Id ws, std::string_view principal, std::string_view key,
                                const services::IdempotencyRecord& r) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT OR REPLACE INTO idempotency_keys (workspace_id, "
                                       "principal, key, request_hash, status, body, location, "
                                       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, ws).Bind(2, principal).Bind(3, key).Bind(4, r.request_hash).Bind(5, r.status);
  s.Bind(6, r.body).Bind(7, r.location).Bind(8, r.created_at);
  return s.Exec();
}

Status SqliteTx::DeleteIdempotencyBefore(Millis cutoff) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM idempotency_keys WHERE created_at < ?"));
  s.Bind(1, cutoff);
  return s.Exec();
}

Status SqliteTx::DeleteSessionsExpiredBefore(Millis cutoff) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM sessions WHERE expires_at < ?"));
  s.Bind(1, cutoff);
  return s.Exec();
}

Result<int64_t> SqliteTx::CountTickets(Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT ticket_seq FROM workspaces WHERE id = ?"));
  s.Bind(1, ws);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("workspace " + std::to_string(ws) + " does not exist");
  return s.Int(0);
}

}  // namespace sahayak::store
