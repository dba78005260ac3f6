#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/types.h"

// Webhooks called by rules (docs/automation.md, "Webhooks"; migration 0028): the durable queue
// `rule_webhook_deliveries`, filled by services/rules/rule_webhooks.h inside the rule's write
// transaction and emptied by app/rule_webhook_worker.h. Reached through ReadTx::rule_webhooks()
// and WriteTx::rule_webhooks() (services/store.h); store/sqlite/tx_rule_webhooks.cc implements
// it inside the store's transaction. Methods that take the workspace answer NotFound for ids
// outside it.
namespace sahayak::services {

// One POST a rule asked for, and how it went.
struct RuleWebhookDelivery {
  domain::Id id = 0;
  domain::Id workspace_id = 0;
  domain::Id rule_id = 0;
  domain::Id ticket_id = 0;
  std::string event;  // X-Sahayak-Event ("ticket.created" …)
  std::string url;
  std::string sealed_secret;           // "" when unsigned
  std::string body;                    // the JSON text sent
  std::string state = "pending";       // pending | sending | sent | dead
  int attempts = 0;                    // claims so far
  Millis next_attempt_at = 0;          // when a pending row is due
  std::optional<Millis> lease_until;   // while sending: when the claim ends
  std::optional<int64_t> last_status;  // the receiver's last HTTP status
  std::string last_error;
  Millis created_at = 0;
  Millis updated_at = 0;
  std::optional<Millis> sent_at;
};

class RuleWebhookReadTx {
 public:
  virtual ~RuleWebhookReadTx() = default;

  // The rule's deliveries, newest first: at most `limit`, with ids below `before` when given.
  virtual Result<std::vector<RuleWebhookDelivery>> ListRuleWebhookDeliveries(
      domain::Id ws, domain::Id rule_id, std::optional<domain::Id> before, int limit) = 0;
  // NotFound when the workspace has no such delivery.
  virtual Result<RuleWebhookDelivery> GetRuleWebhookDelivery(domain::Id ws, domain::Id id) = 0;
};

class RuleWebhookWriteTx : public virtual RuleWebhookReadTx {
 public:
  // Inserts `d` as given (state, attempts, times); fills in the id.
  virtual Status InsertRuleWebhookDelivery(RuleWebhookDelivery* d) = 0;
  // Every workspace's rows that are due at `now`, at most `limit`: first claims whose lease
  // ended (state sending, lease_until <= now: their worker died), then pending rows with
  // next_attempt_at <= now, oldest due first. Each becomes sending until `lease_until` with
  // one more attempt; the rows are returned as they are now.
  virtual Result<std::vector<RuleWebhookDelivery>> ClaimRuleWebhookDeliveries(Millis now,
                                                                              Millis lease_until,
                                                                              int limit) = 0;
  // The outcome of the claim that made attempt number `attempt`. Each answers Aborted when
  // the row is no longer sending under that attempt (its lease ended and another claim took
  // it): that claim records its own outcome.
  //   sent: sent_at = at, the status; last_error cleared.
  virtual Status MarkRuleWebhookSent(domain::Id id, int attempt, int64_t status, Millis at) = 0;
  //   pending again, due at `next_attempt_at`, with this attempt's status (if any) and error.
  virtual Status MarkRuleWebhookRetry(domain::Id id, int attempt, Millis next_attempt_at,
                                      std::optional<int64_t> status, std::string_view error,
                                      Millis at) = 0;
  //   dead, with this attempt's status (if any) and error.
  virtual Status MarkRuleWebhookDead(domain::Id id, int attempt, std::optional<int64_t> status,
                                     std::string_view error, Millis at) = 0;
  // A dead delivery pending again, due at `at`, attempts back to 0 (last_error and last_status
  // kept until the next attempt). NotFound outside the workspace; FailedPrecondition unless it
  // is dead.
  virtual Status RequeueRuleWebhookDelivery(domain::Id ws, domain::Id id, Millis at) = 0;
};

}  // namespace sahayak::services
