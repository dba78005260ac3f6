// The queue of rules' webhooks (migration 0028).
#include "store/sqlite/tx_rule_webhooks.h"

#include <limits>
#include <string>

namespace sahayak::store {

using services::RuleWebhookDelivery;

namespace {

constexpr char kWebhookDeliveryColumns[] =
    "id, workspace_id, rule_id, ticket_id, event, url, sealed_secret, body, state, attempts, "
    "next_attempt_at, lease_until, last_status, last_error, created_at, updated_at, sent_at";

RuleWebhookDelivery DeliveryAt(const Stmt& s) {
  RuleWebhookDelivery d;
  d.id = s.Int(0);
  d.workspace_id = s.Int(1);
  d.rule_id = s.Int(2);
  d.ticket_id = s.Int(3);
  d.event = s.Text(4);
  d.url = s.Text(5);
  d.sealed_secret = s.Text(6);
  d.body = s.Text(7);
  d.state = s.Text(8);
  d.attempts = static_cast<int>(s.Int(9));
  d.next_attempt_at = s.Int(10);
  d.lease_until = s.OptInt(11);
  d.last_status = s.OptInt(12);
  d.last_error = s.Text(13);
  d.created_at = s.Int(14);
  d.updated_at = s.Int(15);
  d.sent_at = s.OptInt(16);
  return d;
}

std::string Select(const char* where) {
  return std::string("SELECT ") + kWebhookDeliveryColumns + " FROM rule_webhook_deliveries WHERE " +
         where;
}

}  // namespace

Status SqliteRuleWebhookTx::ReadRows(Stmt& s, std::vector<RuleWebhookDelivery>* out) {
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Status::Ok();
    out->push_back(DeliveryAt(s));
  }
}

Result<std::vector<RuleWebhookDelivery>> SqliteRuleWebhookTx::ListRuleWebhookDeliveries(
    domain::Id ws, domain::Id rule_id, std::optional<domain::Id> before, int limit) {
  std::vector<RuleWebhookDelivery> out;
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Select("workspace_id = ? AND rule_id = ? AND id < ? "
                                              "ORDER BY id DESC LIMIT ?")));
  s.Bind(1, ws)
      .Bind(2, rule_id)
      .Bind(3, before.value_or(std::numeric_limits<domain::Id>::max()))
      .Bind(4, limit);
  RETURN_IF_ERROR(ReadRows(s, &out));
  return out;
}

Result<RuleWebhookDelivery> SqliteRuleWebhookTx::GetRuleWebhookDelivery(domain::Id ws,
                                                                        domain::Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Select("workspace_id = ? AND id = ?")));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("there is no webhook delivery " + std::to_string(id));
  return DeliveryAt(s);
}

Status SqliteRuleWebhookTx::InsertRuleWebhookDelivery(RuleWebhookDelivery* d) {
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare("INSERT INTO rule_webhook_deliveries (workspace_id, rule_id, ticket_id, event, "
                  "url, sealed_secret, body, state, attempts, next_attempt_at, lease_until, "
                  "last_status, last_error, created_at, updated_at, sent_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, d->workspace_id).Bind(2, d->rule_id).Bind(3, d->ticket_id).Bind(4, d->event);
  s.Bind(5, d->url).Bind(6, d->sealed_secret).Bind(7, d->body).Bind(8, d->state);
  s.Bind(9, d->attempts).Bind(10, d->next_attempt_at).Bind(11, d->lease_until);
  s.Bind(12, d->last_status).Bind(13, d->last_error).Bind(14, d->created_at);
  s.Bind(15, d->updated_at).Bind(16, d->sent_at);
  RETURN_IF_ERROR(s.Exec());
  d->id = c_->LastInsertId();
  return Status::Ok();
}

Result<std::vector<RuleWebhookDelivery>> SqliteRuleWebhookTx::ClaimRuleWebhookDeliveries(
    Millis now, Millis lease_until, int limit) {
  std::vector<RuleWebhookDelivery> out;
  // Two walks of their own partial indexes rather than one OR, which would read both whole.
  {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Select("state = 'sending' AND lease_until <= ? "
                                                "ORDER BY lease_until, id LIMIT ?")));
    s.Bind(1, now).Bind(2, limit);
    RETURN_IF_ERROR(ReadRows(s, &out));
  }
  if (static_cast<int>(out.size()) < limit) {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Select("state = 'pending' AND next_attempt_at <= ? "
                                                "ORDER BY next_attempt_at, id LIMIT ?")));
    s.Bind(1, now).Bind(2, limit - static_cast<int>(out.size()));
    RETURN_IF_ERROR(ReadRows(s, &out));
  }
  for (auto& d : out) {
    ASSIGN_OR_RETURN(Stmt u, c_->Prepare("UPDATE rule_webhook_deliveries SET state = 'sending', "
                                         "attempts = attempts + 1, lease_until = ?, "
                                         "updated_at = ? WHERE id = ?"));
    u.Bind(1, lease_until).Bind(2, now).Bind(3, d.id);
    RETURN_IF_ERROR(u.Exec());
    d.state = "sending";
    d.attempts += 1;
    d.lease_until = lease_until;
    d.updated_at = now;
  }
  return out;
}

Status SqliteRuleWebhookTx::CheckMarked(domain::Id id, int attempt) {
  if (c_->Changes() > 0) return Status::Ok();
  ASSIGN_OR_RETURN(Stmt s,
                   c_->Prepare("SELECT state, attempts FROM rule_webhook_deliveries WHERE id = ?"));
  s.Bind(1, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("there is no webhook delivery " + std::to_string(id));
  return Aborted("webhook delivery " + std::to_string(id) + " is no longer claimed by attempt " +
                 std::to_string(attempt) + " (it is " + s.Text(0) + " after " +
                 std::to_string(s.Int(1)) + " attempts)");
}

Status SqliteRuleWebhookTx::MarkRuleWebhookSent(domain::Id id, int attempt, int64_t status,
                                                Millis at) {
  ASSIGN_OR_RETURN(
      Stmt s, c_->Prepare("UPDATE rule_webhook_deliveries SET state = 'sent', lease_until = NULL, "
                          "last_status = ?, last_error = '', sent_at = ?, updated_at = ? "
                          "WHERE id = ? AND state = 'sending' AND attempts = ?"));
  s.Bind(1, status).Bind(2, at).Bind(3, at).Bind(4, id).Bind(5, attempt);
  RETURN_IF_ERROR(s.Exec());
  return CheckMarked(id, attempt);
}

Status SqliteRuleWebhookTx::MarkRuleWebhookRetry(domain::Id id, int attempt, Millis next_attempt_at,
                                                 std::optional<int64_t> status,
                                                 std::string_view error, Millis at) {
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare("UPDATE rule_webhook_deliveries SET state = 'pending', lease_until = NULL, "
                  "next_attempt_at = ?, last_status = COALESCE(?, last_status), last_error = ?, "
                  "updated_at = ? WHERE id = ? AND state = 'sending' AND attempts = ?"));
  s.Bind(1, next_attempt_at).Bind(2, status).Bind(3, error).Bind(4, at).Bind(5, id);
  s.Bind(6, attempt);
  RETURN_IF_ERROR(s.Exec());
  return CheckMarked(id, attempt);
}

Status SqliteRuleWebhookTx::MarkRuleWebhookDead(domain::Id id, int attempt,
                                                std::optional<int64_t> status,
                                                std::string_view error, Millis at) {
  ASSIGN_OR_RETURN(
      Stmt s, c_->Prepare("UPDATE rule_webhook_deliveries SET state = 'dead', lease_until = NULL, "
                          "last_status = COALESCE(?, last_status), last_error = ?, updated_at = ? "
                          "WHERE id = ? AND state = 'sending' AND attempts = ?"));
  s.Bind(1, status).Bind(2, error).Bind(3, at).Bind(4, id).Bind(5, attempt);
  RETURN_IF_ERROR(s.Exec());
  return CheckMarked(id, attempt);
}

Status SqliteRuleWebhookTx::RequeueRuleWebhookDelivery(domain::Id ws, domain::Id id, Millis at) {
  {
    ASSIGN_OR_RETURN(
        Stmt s, c_->Prepare("UPDATE rule_webhook_deliveries SET state = 'pending', attempts = 0, "
                            "next_attempt_at = ?, lease_until = NULL, updated_at = ? "
                            "WHERE workspace_id = ? AND id = ? AND state = 'dead'"));
    s.Bind(1, at).Bind(2, at).Bind(3, ws).Bind(4, id);
    RETURN_IF_ERROR(s.Exec());
    if (c_->Changes() > 0) return Status::Ok();
  }
  ASSIGN_OR_RETURN(RuleWebhookDelivery d, GetRuleWebhookDelivery(ws, id));
  return FailedPrecondition("webhook delivery " + std::to_string(id) + " is " + d.state +
                            ", not dead; only a dead one is sent again");
}

}  // namespace sahayak::store
