#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "services/principal.h"
#include "services/rules/webhook_store.h"
#include "services/store.h"

// Webhooks called by rules (docs/automation.md, "Webhooks"): a trigger's or automation's action
// {"type": "webhook", "url", "secret"} (domain/macro.h ActionType::kWebhook) POSTs a JSON body
// to the admin's address. The rules engine calls Queue inside the write transaction of the
// rule's other effects, so the row commits (or vanishes) with them; app/rule_webhook_worker.h
// sends it after the commit — signed with HMAC-SHA256 when the action has a secret, retried
// with backoff, leased while being sent. Use cases run inside the caller's transaction.
// Thread-safe (set_on_queued once before use).
namespace sahayak::services {

inline constexpr size_t kMaxWebhookSecretChars = 200;
inline constexpr int kMaxRuleWebhookPage = 100;

struct RuleWebhookOptions {
  // false (the default): addresses off the public internet — loopback, private networks,
  // link-local such as cloud metadata services (domain::IsPrivateAddress) — are refused: here
  // for hosts written as such ("127.0.0.1", "localhost", "10.0.0.5"), and by the sender's
  // HttpClient for whatever a name resolves to. rule_webhooks.allow_private_addresses
  // (SAHAYAK_RULE_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES) sets it, for webhooks into a firm's own
  // network (and for tests, whose receivers listen on 127.0.0.1).
  bool allow_private_addresses = false;
};

class RuleWebhookService {
 public:
  // `secret_key`: the server's secret (app/secret_key.cc); webhook secrets are sealed with it,
  // as carriers' endpoint secrets are.
  RuleWebhookService(const Clock& clock, std::string secret_key, RuleWebhookOptions options = {})
      : clock_(clock), secret_key_(std::move(secret_key)), options_(options) {}

  // Called inside the write transaction after a row is queued (or re-queued), to wake the
  // sender; it claims through the same store's writer, so it sees the row once committed.
  void set_on_queued(std::function<void()> f) { on_queued_ = std::move(f); }
  const RuleWebhookOptions& options() const { return options_; }

  // Whether rules may call `url` (for the rule editor, to answer 422 when a rule is saved):
  // InvalidArgument, with a message a person can act on (to be named under the action's `url`),
  // for an address that is not http(s) (domain::ParseHttpUrl), or that names a private address
  // while those are refused.
  Status CheckUrl(std::string_view url) const;

  // The admin's signing secret sealed for Action::sealed_secret (a new random nonce each
  // time). InvalidArgument (to be named under the action's `secret`) for an empty secret, one
  // longer than kMaxWebhookSecretChars characters, or one with control characters or spaces
  // at either end.
  Result<std::string> SealSecret(std::string_view secret) const;
  // The secret back; Unavailable when this server's key cannot open it (the key changed: the
  // admin sets the secret again).
  Result<std::string> OpenSecret(std::string_view sealed) const;

  // Queues one POST of `body` (RuleWebhookBody) to `url` for the rule's action on the ticket,
  // signed when `sealed_secret` is not "". Due now; the event header is body["event"]. An
  // address CheckUrl refuses does not fail the caller's transaction (a customer's message must
  // not bounce off a rule's bad address): the row is queued dead with the reason, for the
  // admin to see in List. Errors only when storage fails.
  Status Queue(WriteTx& tx, Id ws, Id rule_id, std::string_view rule_name, Id ticket_id,
               const std::string& url, const std::string& sealed_secret,
               const nlohmann::json& body) const;

  // The rule's deliveries, newest first (admins only: PermissionDenied otherwise). `page.cursor`
  // continues below that id; `page.limit` is clamped to 1-kMaxRuleWebhookPage. An unknown rule
  // has no deliveries: the caller checks the rule itself for a 404.
  Result<Page<RuleWebhookDelivery>> List(ReadTx& tx, const Principal& who, Id rule_id,
                                         const PageRequest& page) const;
  // Queues a dead delivery of the rule again (admins only): pending, no attempts, due now,
  // with the body, address and secret it had; an audit event `rule.webhook_requeued` on the
  // rule. NotFound when the rule has no such delivery; Conflict (kind "conflict") unless it is
  // dead.
  Result<RuleWebhookDelivery> Retry(WriteTx& tx, const Principal& who, Id rule_id,
                                    Id delivery_id) const;

 private:
  void Notify() const {
    if (on_queued_) on_queued_();
  }

  const Clock& clock_;
  const std::string secret_key_;
  const RuleWebhookOptions options_;
  std::function<void()> on_queued_;
};

// The body a rule's webhook sends:
//   {"event": "ticket.created", "occurred_at": "2026-12-04T05:12:40.118Z",
//    "rule": {"id": 7, "name": "VIP escalation"}, "ticket": {…}}
// `ticket` is the caller's JSON of the ticket (the API's view of it), as it is after the rule's
// other actions.
nlohmann::json RuleWebhookBody(std::string_view event, Id rule_id, std::string_view rule_name,
                               const nlohmann::json& ticket, Millis occurred_at);

// A delivery as the API shows it: id, rule_id, ticket_id, event, url, signed, state, attempts,
// last_status, last_error, next_attempt_at (pending only), created_at, updated_at, sent_at.
// Never the secret; not the body.
nlohmann::json RuleWebhookDeliveryJson(const RuleWebhookDelivery& d);

}  // namespace sahayak::services
