#pragma once

#include "services/rules/webhook_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

// The queue of rules' webhooks over one SQLite connection (tx_rule_webhooks.cc, migration
// 0028). A member of SqliteTx, so it runs inside SqliteTx's transaction. Not thread-safe.
class SqliteRuleWebhookTx final : public services::RuleWebhookWriteTx {
 public:
  explicit SqliteRuleWebhookTx(Connection* conn) : c_(conn) {}

  Result<std::vector<services::RuleWebhookDelivery>> ListRuleWebhookDeliveries(
      domain::Id ws, domain::Id rule_id, std::optional<domain::Id> before, int limit) override;
  Result<services::RuleWebhookDelivery> GetRuleWebhookDelivery(domain::Id ws,
                                                               domain::Id id) override;

  Status InsertRuleWebhookDelivery(services::RuleWebhookDelivery* d) override;
  Result<std::vector<services::RuleWebhookDelivery>> ClaimRuleWebhookDeliveries(Millis now,
                                                                                Millis lease_until,
                                                                                int limit) override;
  Status MarkRuleWebhookSent(domain::Id id, int attempt, int64_t status, Millis at) override;
  Status MarkRuleWebhookRetry(domain::Id id, int attempt, Millis next_attempt_at,
                              std::optional<int64_t> status, std::string_view error,
                              Millis at) override;
  Status MarkRuleWebhookDead(domain::Id id, int attempt, std::optional<int64_t> status,
                             std::string_view error, Millis at) override;
  Status RequeueRuleWebhookDelivery(domain::Id ws, domain::Id id, Millis at) override;

 private:
  // Steps `s` (which selects kColumns) to its end, appending its rows to `out`.
  Status ReadRows(Stmt& s, std::vector<services::RuleWebhookDelivery>* out);
  // Aborted unless the last UPDATE changed a row; NotFound when the row is gone.
  Status CheckMarked(domain::Id id, int attempt);

  Connection* c_;
};

}  // namespace sahayak::store
