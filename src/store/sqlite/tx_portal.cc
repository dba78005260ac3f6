// The customer portal's tables (migration 0008): passwords, sessions, sign-in links.
#include "store/sqlite/tx_portal.h"

namespace sahayak::store {

using services::PortalSession;
using services::PortalSignInToken;

Result<std::string> SqlitePortalTx::GetPortalPasswordHash(Id ws, Id contact_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT password_hash FROM portal_credentials WHERE "
                                       "workspace_id = ? AND contact_id = ?"));
  s.Bind(1, ws).Bind(2, contact_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no portal password");
  return s.Text(0);
}

Result<PortalSession> SqlitePortalTx::GetPortalSession(std::string_view token_hash) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT token_hash, workspace_id, contact_id, csrf_token, "
                                       "created_at, last_seen_at, expires_at, ip, user_agent FROM "
                                       "portal_sessions WHERE token_hash = ?"));
  s.Bind(1, token_hash);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no such portal session");
  PortalSession p;
  p.token_hash = s.Text(0);
  p.workspace_id = s.Int(1);
  p.contact_id = s.Int(2);
  p.csrf_token = s.Text(3);
  p.created_at = s.Int(4);
  p.last_seen_at = s.Int(5);
  p.expires_at = s.Int(6);
  p.ip = s.Text(7);
  p.user_agent = s.Text(8);
  return p;
}

Result<PortalSignInToken> SqlitePortalTx::GetPortalSignInToken(Id ws,
                                                               std::string_view token_hash) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT token_hash, workspace_id, contact_id, purpose, "
                                       "created_at, expires_at, used_at FROM "
                                       "portal_sign_in_tokens WHERE token_hash = ? AND "
                                       "workspace_id = ?"));
  s.Bind(1, token_hash).Bind(2, ws);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no such sign-in link");
  PortalSignInToken t;
  t.token_hash = s.Text(0);
  t.workspace_id = s.Int(1);
  t.contact_id = s.Int(2);
  t.purpose = s.Text(3);
  t.created_at = s.Int(4);
  t.expires_at = s.Int(5);
  t.used_at = s.OptInt(6);
  return t;
}

Result<std::pair<Id, bool>> SqlitePortalTx::GetMessagePlace(Id ws, Id message_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT ticket_id, public FROM messages WHERE "
                                       "workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, message_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no such message");
  return std::make_pair(s.Int(0), s.Int(1) != 0);
}

Status SqlitePortalTx::PutPortalPassword(Id ws, Id contact_id, std::string_view hash, Millis at) {
  ASSIGN_OR_RETURN(Stmt s,
                   c_->Prepare("INSERT INTO portal_credentials (workspace_id, contact_id, "
                               "password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                               "ON CONFLICT (workspace_id, contact_id) DO UPDATE SET "
                               "password_hash = excluded.password_hash, updated_at = "
                               "excluded.updated_at"));
  s.Bind(1, ws).Bind(2, contact_id).Bind(3, hash).Bind(4, at).Bind(5, at);
  return s.Exec();
}

Status SqlitePortalTx::InsertPortalSession(const PortalSession& p) {
  ASSIGN_OR_RETURN(Stmt s,
                   c_->Prepare("INSERT INTO portal_sessions (token_hash, workspace_id, "
                               "contact_id, csrf_token, created_at, last_seen_at, expires_at, "
                               "ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, p.token_hash).Bind(2, p.workspace_id).Bind(3, p.contact_id).Bind(4, p.csrf_token);
  s.Bind(5, p.created_at).Bind(6, p.last_seen_at).Bind(7, p.expires_at).Bind(8, p.ip);
  s.Bind(9, p.user_agent);
  return s.Exec();
}

Status SqlitePortalTx::TouchPortalSession(std::string_view token_hash, Millis seen_at,
                                          Millis expires_at) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE portal_sessions SET last_seen_at = ?, "
                                       "expires_at = ? WHERE token_hash = ?"));
  s.Bind(1, seen_at).Bind(2, expires_at).Bind(3, token_hash);
  return s.Exec();
}

Status SqlitePortalTx::DeletePortalSession(std::string_view token_hash) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM portal_sessions WHERE token_hash = ?"));
  s.Bind(1, token_hash);
  return s.Exec();
}

Status SqlitePortalTx::DeletePortalSessionsOfContact(Id ws, Id contact_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM portal_sessions WHERE workspace_id = ? "
                                       "AND contact_id = ?"));
  s.Bind(1, ws).Bind(2, contact_id);
  return s.Exec();
}

Status SqlitePortalTx::InsertPortalSignInToken(const PortalSignInToken& t) {
  ASSIGN_OR_RETURN(Stmt s,
                   c_->Prepare("INSERT INTO portal_sign_in_tokens (token_hash, workspace_id, "
                               "contact_id, purpose, created_at, expires_at, used_at) VALUES "
                               "(?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, t.token_hash).Bind(2, t.workspace_id).Bind(3, t.contact_id).Bind(4, t.purpose);
  s.Bind(5, t.created_at).Bind(6, t.expires_at).Bind(7, t.used_at);
  return s.Exec();
}

Result<bool> SqlitePortalTx::UsePortalSignInToken(Id ws, std::string_view token_hash,
                                                  Millis at) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE portal_sign_in_tokens SET used_at = ? WHERE "
                                       "token_hash = ? AND workspace_id = ? AND used_at IS NULL"));
  s.Bind(1, at).Bind(2, token_hash).Bind(3, ws);
  RETURN_IF_ERROR(s.Exec());
  return c_->Changes() == 1;
}

Status SqlitePortalTx::DeleteExpiredPortalRows(Millis cutoff) {
  ASSIGN_OR_RETURN(Stmt a, c_->Prepare("DELETE FROM portal_sessions WHERE expires_at < ?"));
  a.Bind(1, cutoff);
  RETURN_IF_ERROR(a.Exec());
  ASSIGN_OR_RETURN(Stmt b, c_->Prepare("DELETE FROM portal_sign_in_tokens WHERE expires_at < ?"));
  b.Bind(1, cutoff);
  return b.Exec();
}

}  // namespace sahayak::store
