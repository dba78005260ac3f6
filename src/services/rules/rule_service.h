#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/status.h"
#include "domain/rule.h"
#include "services/principal.h"
#include "services/store.h"

// Triggers and automations as admins manage them (docs/automation.md): /api/v1/triggers,
// /api/v1/automations, the condition builder's vocabulary and its preview. Only admins read or
// write rules. Writes run in the caller's transaction with their audit events. Thread-safe.
namespace sahayak::services {

// Which tickets a rule's conditions match now (the console's preview).
struct RulePreview {
  int64_t count = 0;                      // matching tickets among those scanned
  int64_t scanned = 0;                    // open tickets looked at (not closed, not merged)
  bool complete = true;                   // false: more open tickets than the scan reads
  std::vector<domain::Ticket> tickets;    // the first matches, at most 25
  std::vector<std::string> skipped;       // conditions that need an event, not checked
};

// Seals a webhook action's secret for storage (services/rules/rule_webhooks.h).
using SecretSealer = std::function<Result<std::string>(std::string_view)>;
// Checks a webhook action's address (services/rules/rule_webhooks.h: CheckUrl); null: any
// http(s) address.
using UrlChecker = std::function<Status(std::string_view)>;

class RuleService {
 public:
  static constexpr int64_t kPreviewScan = 50'000;

  RuleService(const Clock& clock, SecretSealer seal, UrlChecker check_url = nullptr)
      : clock_(clock), seal_(std::move(seal)), check_url_(std::move(check_url)) {}

  Result<std::vector<domain::Rule>> List(ReadTx& tx, const Principal& who,
                                         domain::RuleKind kind) const;
  Result<domain::Rule> Get(ReadTx& tx, const Principal& who, domain::RuleKind kind, Id id) const;
  // Body members: name, description, position, active, events (triggers), conditions,
  // actions. 422 naming each bad member (conditions.all[2].value, actions[1].url, events[0]),
  // and `actions[i]` when the trigger would loop with another; 409 naming `name` when another
  // rule of the kind has it.
  Result<domain::Rule> Create(WriteTx& tx, const Principal& who, domain::RuleKind kind,
                              const nlohmann::json& body) const;
  // Aborted (412) when `if_match` is not the current version.
  Result<domain::Rule> Update(WriteTx& tx, const Principal& who, domain::RuleKind kind, Id id,
                              const nlohmann::json& body, std::optional<int64_t> if_match) const;
  Status Delete(WriteTx& tx, const Principal& who, domain::RuleKind kind, Id id) const;

  // Body: {events, conditions}. 422 as Create for bad conditions.
  Result<RulePreview> Preview(ReadTx& tx, const Principal& who, domain::RuleKind kind,
                              const nlohmann::json& body) const;
  // RuleVocabularyJson for the workspace's custom fields.
  Result<nlohmann::json> Vocabulary(ReadTx& tx, const Principal& who) const;

 private:
  Status Read(ReadTx& tx, Id ws, const nlohmann::json& body, bool creating,
              const domain::Rule* before, domain::Rule* r, nlohmann::json* conditions) const;

  const Clock& clock_;
  SecretSealer seal_;
  UrlChecker check_url_;
};

// The stored rules of `kind` with their conditions compiled against the workspace's fields.
Result<std::vector<domain::Rule>> LoadRules(ReadTx& tx, Id ws, domain::RuleKind kind);

// A rule as the API shows it: a webhook's secret never, only "secret_set".
nlohmann::json RuleJson(const domain::Rule& r);

}  // namespace sahayak::services
