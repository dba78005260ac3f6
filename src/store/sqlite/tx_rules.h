#pragma once

#include "services/rules/rules_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

// Rules, their runs, the trigger runner's cursor and the scheduler's leases over one SQLite
// connection (tx_rules.cc, migration 0026). A member of SqliteTx, so it runs inside
// SqliteTx's transaction. Not thread-safe.
class SqliteRulesTx final : public services::RulesWriteTx {
 public:
  explicit SqliteRulesTx(Connection* conn) : c_(conn) {}

  Result<std::vector<services::StoredRule>> ListRules(domain::Id ws,
                                                      domain::RuleKind kind) override;
  Result<services::StoredRule> GetRule(domain::Id ws, domain::Id id) override;
  Result<std::vector<domain::Id>> ListWorkspacesWithRules(domain::RuleKind kind) override;
  Result<services::RuleTicket> GetRuleTicket(domain::Id ws, domain::Id ticket_id) override;
  Result<std::vector<services::RuleTicket>> ScanRuleTickets(domain::Id ws, domain::Id after_id,
                                                            int limit) override;
  Result<int64_t> CountRuleRuns(domain::Id rule_id, domain::Id ticket_id, Millis since) override;
  Result<domain::Id> RuleCursor() override;

  Status InsertRule(domain::Rule* r, const nlohmann::json& conditions) override;
  Status UpdateRule(const domain::Rule& r, const nlohmann::json& conditions) override;
  Status DeleteRule(domain::Id ws, domain::Id id) override;
  Result<bool> InsertRuleRun(domain::Id ws, domain::Id rule_id, domain::Id ticket_id,
                             Millis anchor, Millis now) override;
  Status SetRuleCursor(domain::Id outbox_id) override;
  Result<bool> TakeLease(const std::string& name, const std::string& holder, Millis now,
                         Millis until) override;

 private:
  Connection* c_;
};

}  // namespace sahayak::store
