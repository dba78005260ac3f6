// Mailboxes, imported IMAP UIDs, the mail outbox and bounce marks (migration 0006).
#include <algorithm>
#include <utility>

#include "store/sqlite/sqlite_tx.h"

namespace sahayak::store {

namespace {

constexpr const char* kMailboxColumns =
    "id, workspace_id, name, address, from_name, group_id, enabled, imap_host, imap_port, "
    "imap_security, imap_username, imap_password, imap_folder, imap_after, imap_move_to, "
    "imap_poll_seconds, smtp_host, smtp_port, smtp_security, smtp_username, smtp_password, "
    "tls_verify, auto_ack, auto_ack_templates, last_fetch_at, last_error, created_at, "
    "updated_at, version";

domain::Mailbox ReadMailbox(const Stmt& s) {
  domain::Mailbox m;
  m.id = s.Int(0);
  m.workspace_id = s.Int(1);
  m.name = s.Text(2);
  m.address = s.Text(3);
  m.from_name = s.Text(4);
  m.group_id = s.OptInt(5);
  m.enabled = s.Int(6) != 0;
  m.imap_host = s.Text(7);
  m.imap_port = static_cast<int>(s.Int(8));
  m.imap_security = s.Text(9);
  m.imap_username = s.Text(10);
  m.imap_password_sealed = s.Text(11);
  m.imap_folder = s.Text(12);
  m.imap_after = s.Text(13);
  m.imap_move_to = s.Text(14);
  m.imap_poll_seconds = static_cast<int>(s.Int(15));
  m.smtp_host = s.Text(16);
  m.smtp_port = static_cast<int>(s.Int(17));
  m.smtp_security = s.Text(18);
  m.smtp_username = s.Text(19);
  m.smtp_password_sealed = s.Text(20);
  m.tls_verify = s.Int(21) != 0;
  m.auto_ack = s.Int(22) != 0;
  m.auto_ack_templates = s.Text(23);
  m.last_fetch_at = s.OptInt(24);
  m.last_error = s.Text(25);
  m.created_at = s.Int(26);
  m.updated_at = s.Int(27);
  m.version = s.Int(28);
  return m;
}

// Binds the writable columns from index `i` on, in kMailboxColumns order (name … version).
int BindMailbox(Stmt& s, int i, const domain::Mailbox& m) {
  s.Bind(i++, m.name);
  s.Bind(i++, m.address);
  s.Bind(i++, m.from_name);
  s.Bind(i++, m.group_id);
  s.Bind(i++, m.enabled);
  s.Bind(i++, m.imap_host);
  s.Bind(i++, m.imap_port);
  s.Bind(i++, m.imap_security);
  s.Bind(i++, m.imap_username);
  s.Bind(i++, m.imap_password_sealed);
  s.Bind(i++, m.imap_folder);
  s.Bind(i++, m.imap_after);
  s.Bind(i++, m.imap_move_to);
  s.Bind(i++, m.imap_poll_seconds);
  s.Bind(i++, m.smtp_host);
  s.Bind(i++, m.smtp_port);
  s.Bind(i++, m.smtp_security);
  s.Bind(i++, m.smtp_username);
  s.Bind(i++, m.smtp_password_sealed);
  s.Bind(i++, m.tls_verify);
  s.Bind(i++, m.auto_ack);
  s.Bind(i++, m.auto_ack_templates);
  s.Bind(i++, m.last_fetch_at);
  s.Bind(i++, m.last_error);
  s.Bind(i++, m.created_at);
  s.Bind(i++, m.updated_at);
  s.Bind(i++, m.version);
  return i;
}

Status MailboxConflict(Status st, const domain::Mailbox& m) {
  if (st.code() != Code::kAlreadyExists) return st;
  return AlreadyExists("a mailbox named \"" + m.name + "\" or with the address " + m.address +
                       " already exists");
}

constexpr const char* kOutboxColumns =
    "id, workspace_id, mailbox_id, ticket_id, message_row_id, kind, message_id, to_email, "
    "payload, state, attempts, next_attempt_at, last_error, created_at, updated_at, sent_at";

domain::MailOutboxItem ReadOutbox(const Stmt& s) {
  domain::MailOutboxItem o;
  o.id = s.Int(0);
  o.workspace_id = s.Int(1);
  o.mailbox_id = s.OptInt(2);
  o.ticket_id = s.OptInt(3);
  o.message_row_id = s.OptInt(4);
  o.kind = s.Text(5);
  o.message_id = s.Text(6);
  o.to_email = s.Text(7);
  o.payload = s.Text(8);
  o.state = s.Text(9);
  o.attempts = static_cast<int>(s.Int(10));
  o.next_attempt_at = s.Int(11);
  o.last_error = s.Text(12);
  o.created_at = s.Int(13);
  o.updated_at = s.Int(14);
  o.sent_at = s.OptInt(15);
  return o;
}

Result<std::vector<domain::Mailbox>> AllMailboxes(Stmt s) {
  std::vector<domain::Mailbox> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadMailbox(s));
  }
  return out;
}

}  // namespace

Result<std::vector<domain::Mailbox>> SqliteTx::ListMailboxes(Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kMailboxColumns +
                                       " FROM mailboxes WHERE workspace_id = ? ORDER BY name"));
  s.Bind(1, ws);
  return AllMailboxes(std::move(s));
}

Result<std::vector<domain::Mailbox>> SqliteTx::ListImapMailboxes() {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kMailboxColumns +
                                       " FROM mailboxes WHERE enabled = 1 AND imap_host <> '' "
                                       "ORDER BY id"));
  return AllMailboxes(std::move(s));
}

Result<domain::Mailbox> SqliteTx::GetMailbox(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kMailboxColumns +
                                       " FROM mailboxes WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("mailbox " + std::to_string(id) + " does not exist");
  return ReadMailbox(s);
}

Result<domain::Mailbox> SqliteTx::FindMailboxByName(Id ws, std::string_view name) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kMailboxColumns +
                                       " FROM mailboxes WHERE workspace_id = ? AND name = ?"));
  s.Bind(1, ws).Bind(2, name);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no mailbox named \"" + std::string(name) + "\"");
  return ReadMailbox(s);
}

Status SqliteTx::InsertMailbox(domain::Mailbox* m) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "INSERT INTO mailboxes (workspace_id, name, address, from_name, "
                               "group_id, enabled, imap_host, imap_port, imap_security, "
                               "imap_username, imap_password, imap_folder, imap_after, "
                               "imap_move_to, imap_poll_seconds, smtp_host, smtp_port, "
                               "smtp_security, smtp_username, smtp_password, tls_verify, "
                               "auto_ack, auto_ack_templates, last_fetch_at, last_error, "
                               "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, "
                               "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, m->workspace_id);
  BindMailbox(s, 2, *m);
  RETURN_IF_ERROR(MailboxConflict(s.Exec(), *m));
  m->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteTx::UpdateMailbox(const domain::Mailbox& m) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "UPDATE mailboxes SET name = ?, address = ?, from_name = ?, "
                               "group_id = ?, enabled = ?, imap_host = ?, imap_port = ?, "
                               "imap_security = ?, imap_username = ?, imap_password = ?, "
                               "imap_folder = ?, imap_after = ?, imap_move_to = ?, "
                               "imap_poll_seconds = ?, smtp_host = ?, smtp_port = ?, "
                               "smtp_security = ?, smtp_username = ?, smtp_password = ?, "
                               "tls_verify = ?, auto_ack = ?, auto_ack_templates = ?, "
                               "last_fetch_at = ?, last_error = ?, created_at = ?, "
                               "updated_at = ?, version = ? WHERE workspace_id = ? AND id = ?"));
  int i = BindMailbox(s, 1, m);
  s.Bind(i, m.workspace_id).Bind(i + 1, m.id);
  RETURN_IF_ERROR(MailboxConflict(s.Exec(), m));
  if (c_->Changes() == 0) return NotFound("mailbox " + std::to_string(m.id) + " does not exist");
  return Status::Ok();
}

Status SqliteTx::DeleteMailbox(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM mailboxes WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("mailbox " + std::to_string(id) + " does not exist");
  return Status::Ok();
}

Status SqliteTx::SetMailboxFetchState(Id ws, Id id, Millis at, std::string_view error) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE mailboxes SET last_fetch_at = ?, last_error = ? "
                                       "WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, at).Bind(2, error).Bind(3, ws).Bind(4, id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("mailbox " + std::to_string(id) + " does not exist");
  return Status::Ok();
}

Result<bool> SqliteTx::IsImapUidImported(Id mailbox_id, std::string_view folder,
                                         int64_t uid_validity, int64_t uid) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT 1 FROM mail_imap_uids WHERE mailbox_id = ? AND "
                                       "folder = ? AND uid_validity = ? AND uid = ?"));
  s.Bind(1, mailbox_id).Bind(2, folder).Bind(3, uid_validity).Bind(4, uid);
  return s.Step();
}

Status SqliteTx::RecordImapUid(Id mailbox_id, std::string_view folder, int64_t uid_validity,
                               int64_t uid, std::string_view message_id, Millis at) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO mail_imap_uids (mailbox_id, folder, "
                                       "uid_validity, uid, message_id, imported_at) VALUES "
                                       "(?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
  s.Bind(1, mailbox_id).Bind(2, folder).Bind(3, uid_validity).Bind(4, uid);
  s.Bind(5, message_id).Bind(6, at);
  return s.Exec();
}

Result<services::Page<domain::MailOutboxItem>> SqliteTx::ListMailOutbox(
    Id ws, std::string_view state, const services::PageRequest& page) {
  std::string sql = std::string("SELECT ") + kOutboxColumns +
                    " FROM mail_outbox WHERE workspace_id = ?";
  if (!state.empty()) sql += " AND state = ?";
  if (page.cursor) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(sql));
  int i = 1;
  s.Bind(i++, ws);
  if (!state.empty()) s.Bind(i++, state);
  if (page.cursor) s.Bind(i++, *page.cursor);
  s.Bind(i++, page.limit + 1);
  services::Page<domain::MailOutboxItem> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.items.push_back(ReadOutbox(s));
  }
  if (static_cast<int>(out.items.size()) > page.limit) {
    out.items.pop_back();
    out.next = out.items.back().id;
  }
  return out;
}

Result<domain::MailOutboxItem> SqliteTx::GetMailOutbox(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kOutboxColumns +
                                       " FROM mail_outbox WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("outgoing mail " + std::to_string(id) + " does not exist");
  return ReadOutbox(s);
}

Result<int64_t> SqliteTx::CountMailOutboxTo(Id ws, std::string_view to_email,
                                            std::string_view kind, Millis since) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT COUNT(*) FROM mail_outbox WHERE workspace_id = ? "
                                       "AND to_email = ? AND kind = ? AND created_at >= ?"));
  s.Bind(1, ws).Bind(2, to_email).Bind(3, kind).Bind(4, since);
  ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

Status SqliteTx::InsertMailOutbox(domain::MailOutboxItem* o) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO mail_outbox (workspace_id, mailbox_id, "
                                       "ticket_id, message_row_id, kind, message_id, to_email, "
                                       "payload, state, attempts, next_attempt_at, last_error, "
                                       "created_at, updated_at, sent_at) VALUES (?, ?, ?, ?, ?, "
                                       "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, o->workspace_id).Bind(2, o->mailbox_id).Bind(3, o->ticket_id);
  s.Bind(4, o->message_row_id).Bind(5, o->kind).Bind(6, o->message_id).Bind(7, o->to_email);
  s.Bind(8, o->payload).Bind(9, o->state).Bind(10, o->attempts).Bind(11, o->next_attempt_at);
  s.Bind(12, o->last_error).Bind(13, o->created_at).Bind(14, o->updated_at);
  s.Bind(15, o->sent_at);
  RETURN_IF_ERROR(s.Exec());
  o->id = c_->LastInsertId();
  return Status::Ok();
}

Result<std::vector<domain::MailOutboxItem>> SqliteTx::ClaimMailOutbox(Millis now,
                                                                      Millis claim_until,
                                                                      int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string(
                               "UPDATE mail_outbox SET state = 'sending', attempts = attempts + "
                               "1, next_attempt_at = ?, updated_at = ? WHERE id IN (SELECT id "
                               "FROM mail_outbox WHERE state IN ('queued', 'sending') AND "
                               "next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?) "
                               "RETURNING ") + kOutboxColumns));
  s.Bind(1, claim_until).Bind(2, now).Bind(3, now).Bind(4, limit);
  std::vector<domain::MailOutboxItem> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadOutbox(s));
  }
  return out;
}

Status SqliteTx::MarkMailOutboxSent(Id id, Millis at) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE mail_outbox SET state = 'sent', sent_at = ?, "
                                       "updated_at = ?, last_error = '' WHERE id = ?"));
  s.Bind(1, at).Bind(2, at).Bind(3, id);
  return s.Exec();
}

Status SqliteTx::MarkMailOutboxRetry(Id id, Millis next_attempt_at, std::string_view error,
                                     Millis at) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE mail_outbox SET state = 'queued', "
                                       "next_attempt_at = ?, last_error = ?, updated_at = ? "
                                       "WHERE id = ?"));
  s.Bind(1, next_attempt_at).Bind(2, error).Bind(3, at).Bind(4, id);
  return s.Exec();
}

Status SqliteTx::MarkMailOutboxDead(Id id, std::string_view error, Millis at) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE mail_outbox SET state = 'dead', last_error = ?, "
                                       "updated_at = ? WHERE id = ?"));
  s.Bind(1, error).Bind(2, at).Bind(3, id);
  return s.Exec();
}

Status SqliteTx::RequeueMailOutbox(Id ws, Id id, Millis at) {
  ASSIGN_OR_RETURN(domain::MailOutboxItem item, GetMailOutbox(ws, id));
  if (item.state == "sent" || item.state == "sending") {
    return FailedPrecondition("outgoing mail " + std::to_string(id) + " is " + item.state +
                              "; only a dead or queued mail can be sent again");
  }
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE mail_outbox SET state = 'queued', attempts = 0, "
                                       "next_attempt_at = ?, updated_at = ? WHERE id = ?"));
  s.Bind(1, at).Bind(2, at).Bind(3, id);
  return s.Exec();
}

Result<std::optional<domain::MailBounce>> SqliteTx::GetMailBounce(Id ws, std::string_view email) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT email, status, diagnostic, bounced_at FROM "
                                       "mail_bounces WHERE workspace_id = ? AND email = ?"));
  s.Bind(1, ws).Bind(2, email);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<domain::MailBounce>();
  domain::MailBounce b;
  b.email = s.Text(0);
  b.status = s.Text(1);
  b.diagnostic = s.Text(2);
  b.bounced_at = s.Int(3);
  return std::optional<domain::MailBounce>(std::move(b));
}

Status SqliteTx::PutMailBounce(Id ws, const domain::MailBounce& b) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO mail_bounces (workspace_id, email, status, "
                                       "diagnostic, bounced_at) VALUES (?, ?, ?, ?, ?) ON "
                                       "CONFLICT (workspace_id, email) DO UPDATE SET status = "
                                       "excluded.status, diagnostic = excluded.diagnostic, "
                                       "bounced_at = excluded.bounced_at"));
  s.Bind(1, ws).Bind(2, b.email).Bind(3, b.status).Bind(4, b.diagnostic).Bind(5, b.bounced_at);
  return s.Exec();
}

Status SqliteTx::ClearMailBounce(Id ws, std::string_view email) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM mail_bounces WHERE workspace_id = ? AND "
                                       "email = ?"));
  s.Bind(1, ws).Bind(2, email);
  return s.Exec();
}

// --- outbound mail (helper H6) ---

Result<std::vector<services::MailMessageRecord>> SqliteTx::ListMailMessagesOfTicket(
    Id ws, Id ticket_id, int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT id, workspace_id, message_id, ticket_id, "
                                       "message_row_id, direction, threaded_by, created_at FROM "
                                       "mail_messages WHERE workspace_id = ? AND ticket_id = ? "
                                       "ORDER BY id DESC LIMIT ?"));
  s.Bind(1, ws).Bind(2, ticket_id).Bind(3, limit);
  std::vector<services::MailMessageRecord> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    services::MailMessageRecord r;
    r.id = s.Int(0);
    r.workspace_id = s.Int(1);
    r.message_id = s.Text(2);
    r.ticket_id = s.Int(3);
    r.message_row_id = s.OptInt(4);
    r.direction = s.Text(5);
    r.threaded_by = s.Text(6);
    r.created_at = s.Int(7);
    out.push_back(std::move(r));
  }
  std::reverse(out.begin(), out.end());
  return out;
}

Result<std::vector<std::string>> SqliteTx::ListMailParticipants(Id ws, Id ticket_id, int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT email FROM mail_participants WHERE workspace_id "
                                       "= ? AND ticket_id = ? ORDER BY email LIMIT ?"));
  s.Bind(1, ws).Bind(2, ticket_id).Bind(3, limit);
  std::vector<std::string> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(s.Text(0));
  }
  return out;
}

Status SqliteTx::SetMailOutboxError(Id id, std::string_view error, Millis at) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE mail_outbox SET last_error = ?, updated_at = ? "
                                       "WHERE id = ?"));
  s.Bind(1, error).Bind(2, at).Bind(3, id);
  return s.Exec();
}

}  // namespace sahayak::store
