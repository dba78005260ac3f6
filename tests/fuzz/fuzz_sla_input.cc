// libFuzzer target for the body of POST/PATCH /api/v1/sla-policies (services/sla/sla_input.h,
// docs/sla.md). Beyond "no crash, no leak, no undefined behaviour" it checks the contract:
//  - a refusal is invalid-argument and names at least one member, and leaves the policy as
//    it was;
//  - an accepted policy has a non-empty NFC name within its limit, one to three targets with
//    distinct metrics and minutes from 1 to a year, condition lists without repeats within
//    their limit, and passes SlaPolicyProblems;
//  - its clocks can be computed for a ticket created now without a history.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/text.h"
#include "domain/sla.h"
#include "fuzz_assert.h"
#include "services/sla/sla_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const nlohmann::json body = nlohmann::json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return 0;
  for (bool creating : {true, false}) {
    sahayak::domain::SlaPolicy p;
    p.name = "Before";
    p.targets = {{sahayak::domain::SlaMetric::kResolution, 60, true}};
    const sahayak::Status st = sahayak::services::ReadSlaPolicy(body, creating, &p);
    if (!st.ok()) {
      FUZZ_ASSERT_FALSE(st.code() != sahayak::Code::kInvalidArgument,
                        "a refusal that is not invalid-argument", input);
      FUZZ_ASSERT_FALSE(st.fields().empty(), "a refusal naming no member", input);
      FUZZ_ASSERT_FALSE(p.name != "Before" || p.targets.size() != 1, "a refusal that wrote",
                        input);
      continue;
    }
    FUZZ_ASSERT_FALSE(p.name.empty() || sahayak::ToNfc(p.name) != p.name ||
                          sahayak::CodePointCount(p.name) > sahayak::domain::kMaxSlaNameChars,
                      "a bad name accepted", input);
    FUZZ_ASSERT_FALSE(p.targets.empty() || p.targets.size() > 3, "not one to three targets",
                      input);
    std::set<sahayak::domain::SlaMetric> metrics;
    for (const auto& t : p.targets) {
      FUZZ_ASSERT_FALSE(!metrics.insert(t.metric).second, "a metric twice", input);
      FUZZ_ASSERT_FALSE(t.minutes < 1 || t.minutes > sahayak::domain::kMaxSlaTargetMinutes,
                        "minutes out of range", input);
    }
    FUZZ_ASSERT_FALSE(!sahayak::domain::SlaPolicyProblems(p).empty(),
                      "an accepted policy with problems", input);
    const auto& w = p.when;
    const size_t max = sahayak::domain::kMaxSlaConditionValues;
    FUZZ_ASSERT_FALSE(w.channels.size() > max || w.priorities.size() > max ||
                          w.tiers.size() > max || w.group_ids.size() > max || w.tags.size() > max,
                      "a condition list over its limit", input);
    FUZZ_ASSERT_FALSE(std::set(w.channels.begin(), w.channels.end()).size() != w.channels.size(),
                      "a channel twice", input);
    const auto clocks = sahayak::domain::ComputeSlaClocks(p, nullptr, 1'000'000,
                                                          sahayak::domain::TicketStatus::kNew, {},
                                                          2'000'000);
    FUZZ_ASSERT_FALSE(clocks.size() > p.targets.size(), "more clocks than targets", input);
  }
  return 0;
}
