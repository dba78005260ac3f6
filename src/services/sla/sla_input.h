#pragma once

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "domain/sla.h"

// Reading SLA policies' request bodies (docs/sla.md, "The API"). Names each bad member at once
// (InvalidArgument with fields) and changes nothing then. Fuzzed by tests/fuzz/fuzz_sla_input.cc.
namespace sahayak::services {

inline constexpr size_t kMaxSlaDescriptionChars = 1000;

// Applies a policy's body to `p`: `name` (required when `creating`), `description`,
// `position`, `active`, `conditions` {channels, priorities, tiers, group_ids, tags} (each
// replacing its list; tags normalised) and `targets` ([{metric, minutes, business_hours}],
// replacing the list). Then the policy as a whole must pass domain::SlaPolicyProblems. Whether
// the groups exist is the caller's check.
Status ReadSlaPolicy(const nlohmann::json& body, bool creating, domain::SlaPolicy* p);

}  // namespace sahayak::services
