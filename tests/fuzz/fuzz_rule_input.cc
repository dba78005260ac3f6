// libFuzzer target for the body of POST/PATCH /api/v1/triggers and /api/v1/automations: the
// conditions (domain::ParseRuleConditions, domain/rule.h) and the rules' actions
// (domain::ParseActions with the rule-only actions). Beyond "no crash, no leak, no undefined
// behaviour" it checks the contract:
//  - a refusal is invalid-argument and names at least one member;
//  - accepted conditions written back and read again are the same, and evaluate the same on a
//    sample ticket (with and without an event; the preview's MatchesNow agrees with Matches
//    when no condition needs an event);
//  - an accepted automation has a time condition among `all`; an accepted trigger has none;
//  - accepted actions written back read back as the same JSON, and the loop check of the rule
//    against itself and a copy terminates.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/rule.h"
#include "fuzz_assert.h"

namespace {

using namespace sahayak;
using nlohmann::json;

domain::RuleVocabulary Vocab() {
  domain::RuleVocabulary v;
  v.group_ids = {1, 2};
  v.agent_ids = {10};
  domain::CustomFieldDef n;
  n.key = "weight";
  n.type = domain::FieldType::kNumber;
  domain::CustomFieldDef d;
  d.key = "reason";
  d.type = domain::FieldType::kDropdown;
  d.options = {"late", "लेट"};
  domain::CustomFieldDef c;
  c.key = "fragile";
  c.type = domain::FieldType::kCheckbox;
  v.custom_fields = {n, d, c};
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const json body = json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) return 0;
  static const domain::RuleVocabulary vocab = Vocab();

  std::vector<domain::RuleEvent> events;
  if (body.contains("events") && body["events"].is_array()) {
    for (const auto& e : body["events"]) {
      if (!e.is_string()) continue;
      if (auto ev = domain::ParseRuleEvent(e.get<std::string>())) events.push_back(*ev);
    }
  }
  const json conditions = body.contains("conditions") ? body["conditions"] : json();
  for (auto kind : {domain::RuleKind::kTrigger, domain::RuleKind::kAutomation}) {
    auto parsed = domain::ParseRuleConditions(
        conditions, kind, kind == domain::RuleKind::kTrigger ? events : std::vector<domain::RuleEvent>{},
        vocab);
    if (!parsed.ok()) {
      FUZZ_ASSERT_FALSE(parsed.status().code() != Code::kInvalidArgument,
                        "a refusal that is not invalid-argument", input);
      FUZZ_ASSERT_FALSE(parsed.status().fields().empty(), "a refusal naming no member", input);
      continue;
    }
    const domain::RuleConditions& c = *parsed;
    const json written = domain::RuleConditionsToJson(c);
    const domain::RuleConditions again = domain::RuleConditionsFromJson(written, vocab.custom_fields);
    FUZZ_ASSERT_FALSE(domain::RuleConditionsToJson(again) != written,
                      "conditions that do not read back as written", input);
    bool timed = false;
    for (const auto& k : c.all) {
      timed = timed || k.name.rfind("hours_", 0) == 0;
    }
    if (kind == domain::RuleKind::kAutomation) {
      FUZZ_ASSERT_FALSE(!timed, "an automation without a time condition accepted", input);
    }
    domain::Ticket t;
    t.subject = "Parcel पार्सल ಪಾರ್ಸೆಲ್";
    t.status = domain::TicketStatus::kPending;
    t.tags = {"vip"};
    t.group_id = 1;
    t.custom_fields = {{"weight", 2.5}, {"reason", "late"}, {"fragile", true}};
    t.created_at = 0;
    t.updated_at = 3'600'000;
    t.sla_due_at = 7'200'000;
    domain::RuleFacts f = domain::RuleFacts::ForTicket(t, 10'000'000);
    const json changes = {{"status", {"open", "pending"}}, {"custom_fields", {json::object(), t.custom_fields}}};
    f.changes = &changes;
    f.tier = domain::Tier::kPremium;
    const bool m1 = domain::Matches(c, f);
    const bool m2 = domain::Matches(again, f);
    FUZZ_ASSERT_FALSE(m1 != m2, "conditions read back evaluate differently", input);
    std::vector<std::string> skipped;
    const bool now = domain::MatchesNow(c, f, &skipped);
    if (skipped.empty()) {
      FUZZ_ASSERT_FALSE(now != m1, "the preview disagrees without event conditions", input);
    }
  }

  domain::ActionVocabulary av;
  av.group_ids = {1, 2};
  av.active_agent_ids = {10};
  av.custom_fields = vocab.custom_fields;
  av.rules = true;
  av.shared_macro_ids = {7};
  auto actions = domain::ParseActions(body.contains("actions") ? body["actions"] : json(), av);
  if (!actions.ok()) {
    FUZZ_ASSERT_FALSE(actions.status().code() != Code::kInvalidArgument,
                      "an action refusal that is not invalid-argument", input);
    FUZZ_ASSERT_FALSE(actions.status().fields().empty(), "an action refusal naming no member",
                      input);
    return 0;
  }
  const json stored = domain::ActionsToJson(*actions);
  FUZZ_ASSERT_FALSE(domain::ActionsToJson(domain::ActionsFromJson(stored)) != stored,
                    "actions that do not read back as stored", input);
  domain::Rule r;
  r.id = 1;
  r.name = "fuzz";
  r.events = {domain::RuleEvent::kTicketUpdated};
  r.actions = *actions;
  domain::Rule other = r;
  other.id = 2;
  (void)domain::RuleLoopProblems(r, {r, other});
  return 0;
}
