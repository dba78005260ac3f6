// Deflection attempts and clicks (migration 0009).
#include "store/sqlite/tx_deflection.h"

#include <nlohmann/json.hpp>

namespace sahayak::store {

namespace {

using nlohmann::json;
using services::DeflectionAttempt;

constexpr const char* kDeflectionColumns =
    "id, workspace_id, token, source, language, last_query, shown_article_ids, ticket_id, "
    "submitted_at, created_at, updated_at";

DeflectionAttempt ReadAttempt(const Stmt& s) {
  DeflectionAttempt a;
  a.id = s.Int(0);
  a.workspace_id = s.Int(1);
  a.token = s.Text(2);
  a.source = s.Text(3);
  a.language = s.Text(4);
  a.last_query = s.Text(5);
  json shown = json::parse(s.Text(6), nullptr, /*allow_exceptions=*/false);
  if (shown.is_array()) {
    for (const auto& v : shown) {
      if (v.is_number_integer()) a.shown_article_ids.push_back(v.get<domain::Id>());
    }
  }
  a.ticket_id = s.OptInt(7);
  a.submitted_at = s.OptInt(8);
  a.created_at = s.Int(9);
  a.updated_at = s.Int(10);
  return a;
}

}  // namespace

Result<DeflectionAttempt> SqliteDeflectionTx::GetDeflectionAttempt(domain::Id ws,
                                                                   std::string_view token) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kDeflectionColumns +
           " FROM deflection_attempts WHERE workspace_id = ? AND token = ?";
  })));
  s.Bind(1, ws).Bind(2, token);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no such deflection attempt");
  return ReadAttempt(s);
}

Result<std::vector<DeflectionAttempt>> SqliteDeflectionTx::ListDeflectionAttempts(domain::Id ws,
                                                                                  Millis from,
                                                                                  Millis to) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kDeflectionColumns +
           " FROM deflection_attempts WHERE workspace_id = ? AND created_at >= ? AND "
           "created_at < ? ORDER BY created_at, id";
  })));
  s.Bind(1, ws).Bind(2, from).Bind(3, to);
  std::vector<DeflectionAttempt> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadAttempt(s));
  }
  return out;
}

Result<std::vector<services::DeflectionClick>> SqliteDeflectionTx::ListDeflectionClicks(
    domain::Id ws, Millis from, Millis to) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "SELECT c.attempt_id, c.article_id, c.clicked_at FROM deflection_clicks c "
      "JOIN deflection_attempts a ON a.id = c.attempt_id "
      "WHERE a.workspace_id = ? AND a.created_at >= ? AND a.created_at < ? ORDER BY c.id"));
  s.Bind(1, ws).Bind(2, from).Bind(3, to);
  std::vector<services::DeflectionClick> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back({s.Int(0), s.Int(1), s.Int(2)});
  }
  return out;
}

Status SqliteDeflectionTx::InsertDeflectionAttempt(DeflectionAttempt* a) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT INTO deflection_attempts (workspace_id, token, source, language, last_query, "
      "shown_article_ids, ticket_id, submitted_at, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, a->workspace_id).Bind(2, a->token).Bind(3, a->source).Bind(4, a->language);
  s.Bind(5, a->last_query).Bind(6, json(a->shown_article_ids).dump()).Bind(7, a->ticket_id);
  s.Bind(8, a->submitted_at).Bind(9, a->created_at).Bind(10, a->updated_at);
  RETURN_IF_ERROR(s.Exec());
  a->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteDeflectionTx::UpdateDeflectionAttempt(const DeflectionAttempt& a) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "UPDATE deflection_attempts SET last_query = ?, shown_article_ids = ?, ticket_id = ?, "
      "submitted_at = ?, updated_at = ? WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, a.last_query).Bind(2, json(a.shown_article_ids).dump()).Bind(3, a.ticket_id);
  s.Bind(4, a.submitted_at).Bind(5, a.updated_at).Bind(6, a.workspace_id).Bind(7, a.id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("no such deflection attempt");
  return Status::Ok();
}

Status SqliteDeflectionTx::InsertDeflectionClick(domain::Id ws,
                                                 const services::DeflectionClick& c) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT INTO deflection_clicks (workspace_id, attempt_id, article_id, clicked_at) "
      "VALUES (?, ?, ?, ?)"));
  s.Bind(1, ws).Bind(2, c.attempt_id).Bind(3, c.article_id).Bind(4, c.clicked_at);
  return s.Exec();
}

}  // namespace sahayak::store
