#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/status.h"
#include "domain/rule.h"
#include "domain/types.h"

// Rule storage (docs/automation.md, migration 0026). Reached through ReadTx::rules() and
// WriteTx::rules() (services/store.h); store/sqlite/tx_rules.cc implements it inside the
// store's transaction. Methods answer NotFound for ids outside the workspace.
namespace sahayak::services {

using domain::Id;

// A rule as stored: the conditions as written (compiling them needs the workspace's custom
// fields, which the service reads).
struct StoredRule {
  domain::Rule rule;  // conditions empty
  nlohmann::json conditions = nlohmann::json::object();
};

// A ticket as rules see it, with what conditions need beyond the ticket row.
struct RuleTicket {
  domain::Ticket ticket;
  std::optional<Millis> status_changed_at;
  std::optional<domain::Tier> tier;  // the organisation's
  std::string requester_email;       // the requester's first e-mail address
};

class RulesReadTx {
 public:
  virtual ~RulesReadTx() = default;
  // The workspace's rules of `kind` in position order (then id), active or not.
  virtual Result<std::vector<StoredRule>> ListRules(Id ws, domain::RuleKind kind) = 0;
  virtual Result<StoredRule> GetRule(Id ws, Id id) = 0;
  // Workspaces with an active rule of `kind`.
  virtual Result<std::vector<Id>> ListWorkspacesWithRules(domain::RuleKind kind) = 0;
  virtual Result<RuleTicket> GetRuleTicket(Id ws, Id ticket_id) = 0;
  // Tickets of the workspace that are not closed and not merged, id > `after_id`, by id.
  virtual Result<std::vector<RuleTicket>> ScanRuleTickets(Id ws, Id after_id, int limit) = 0;
  // How many times `rule_id` acted on `ticket_id` since `since`.
  virtual Result<int64_t> CountRuleRuns(Id rule_id, Id ticket_id, Millis since) = 0;
  // The last outbox row the trigger runner handled (0 at first).
  virtual Result<Id> RuleCursor() = 0;
};

class RulesWriteTx : public virtual RulesReadTx {
 public:
  // Fills in the id. AlreadyExists when the workspace has a rule of that kind and name.
  virtual Status InsertRule(domain::Rule* r, const nlohmann::json& conditions) = 0;
  virtual Status UpdateRule(const domain::Rule& r, const nlohmann::json& conditions) = 0;
  virtual Status DeleteRule(Id ws, Id id) = 0;
  // False when that run was recorded before (nothing written); else counts the run on the rule.
  virtual Result<bool> InsertRuleRun(Id ws, Id rule_id, Id ticket_id, Millis anchor,
                                     Millis now) = 0;
  virtual Status SetRuleCursor(Id outbox_id) = 0;
  // Takes or renews the lease `name` for `holder` until `until` when it is free, expired or
  // already the holder's. False when another holder's lease runs.
  virtual Result<bool> TakeLease(const std::string& name, const std::string& holder, Millis now,
                                 Millis until) = 0;
};

}  // namespace sahayak::services
