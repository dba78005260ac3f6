// E-mail threading records: Message-IDs received and sent, and each ticket's mail participants.
#include "store/sqlite/sqlite_tx.h"

namespace sahayak::store {

Result<services::MailMessageRecord> SqliteTx::FindMailMessage(Id ws, std::string_view message_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT id, workspace_id, message_id, ticket_id, "
                                       "message_row_id, direction, threaded_by, created_at "
                                       "FROM mail_messages WHERE workspace_id = ? AND "
                                       "message_id = ?"));
  s.Bind(1, ws).Bind(2, message_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no mail with Message-ID <" + std::string(message_id) + ">");
  services::MailMessageRecord r;
  r.id = s.Int(0);
  r.workspace_id = s.Int(1);
  r.message_id = s.Text(2);
  r.ticket_id = s.Int(3);
  r.message_row_id = s.OptInt(4);
  r.direction = s.Text(5);
  r.threaded_by = s.Text(6);
  r.created_at = s.Int(7);
  return r;
}

Status SqliteTx::InsertMailMessage(services::MailMessageRecord* r) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO mail_messages (workspace_id, message_id, "
                                       "ticket_id, message_row_id, direction, threaded_by, "
                                       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, r->workspace_id).Bind(2, r->message_id).Bind(3, r->ticket_id);
  s.Bind(4, r->message_row_id).Bind(5, r->direction).Bind(6, r->threaded_by);
  s.Bind(7, r->created_at);
  Status st = s.Exec();
  if (st.code() == Code::kAlreadyExists) {
    return AlreadyExists("a mail with Message-ID <" + r->message_id + "> is already stored");
  }
  RETURN_IF_ERROR(st);
  r->id = c_->LastInsertId();
  return Status::Ok();
}

Result<bool> SqliteTx::IsMailParticipant(Id ws, Id ticket_id, std::string_view email) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT 1 FROM mail_participants WHERE workspace_id = ? "
                                       "AND ticket_id = ? AND email = ?"));
  s.Bind(1, ws).Bind(2, ticket_id).Bind(3, email);
  return s.Step();
}

Status SqliteTx::AddMailParticipant(Id ws, Id ticket_id, std::string_view email) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO mail_participants (workspace_id, ticket_id, "
                                       "email) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
  s.Bind(1, ws).Bind(2, ticket_id).Bind(3, email);
  return s.Exec();
}

}  // namespace sahayak::store
