#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/business_hours.h"
#include "domain/people.h"
#include "domain/ticket.h"
#include "domain/types.h"

// Service level agreements (docs/sla.md): a policy's conditions pick the tickets it covers
// (channel, priority, the organisation's tier from its contract, group, tags); its targets say
// how soon the first answer, every next answer and the resolution are due, in business or
// calendar time. The clocks are computed from a ticket's history, so they are always the same
// for the same history, whenever and wherever they are computed. Pure: no clock, no I/O.
namespace sahayak::domain {

enum class SlaMetric { kFirstResponse, kNextResponse, kResolution };
const char* Name(SlaMetric m);  // "first_response", "next_response", "resolution"
std::optional<SlaMetric> ParseSlaMetric(std::string_view s);

struct SlaTarget {
  SlaMetric metric = SlaMetric::kFirstResponse;
  int64_t minutes = 0;
  bool business_hours = true;  // counted in the business hours the ticket follows
  bool operator==(const SlaTarget&) const = default;
};

// What a policy covers; an empty list matches anything. Tags: any of them.
struct SlaConditions {
  std::vector<Channel> channels;
  std::vector<Priority> priorities;
  std::vector<Tier> tiers;
  std::vector<Id> group_ids;
  std::vector<std::string> tags;
  bool operator==(const SlaConditions&) const = default;
};

struct SlaPolicy {
  Id id = 0;
  Id workspace_id = 0;
  std::string name;
  std::string description;
  int64_t position = 0;  // the first active policy in position order that matches applies
  bool active = true;
  SlaConditions when;
  std::vector<SlaTarget> targets;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

inline constexpr int64_t kMaxSlaTargetMinutes = 366LL * 24 * 60;
inline constexpr size_t kMaxSlaNameChars = 200;
inline constexpr size_t kMaxSlaConditionValues = 100;

// Every reason `p` cannot be used, each naming its member: `name`, `targets` (none),
// `targets[1].minutes`, `targets[2].metric` (a second target for the same metric). Empty when
// it can be used.
std::vector<FieldError> SlaPolicyProblems(const SlaPolicy& p);

// What a policy's conditions are checked against.
struct SlaFacts {
  Channel channel = Channel::kApi;
  Priority priority = Priority::kNormal;
  std::optional<Tier> tier;  // the requester's organisation's, when there is one
  std::optional<Id> group_id;
  std::vector<std::string> tags;
};

bool Matches(const SlaConditions& c, const SlaFacts& f);
// The first active policy, by position then id, whose conditions match; nullptr when none.
const SlaPolicy* MatchPolicy(const std::vector<SlaPolicy>& policies, const SlaFacts& f);

// What in a ticket's history moves its clocks, in the order it happened.
struct SlaEvent {
  enum class Kind { kCustomerMessage, kAgentReply, kStatus };
  Millis at = 0;
  Kind kind = Kind::kStatus;
  TicketStatus status = TicketStatus::kNew;  // kStatus: the status the ticket moved to
};

// active: counting, not yet due; paused: the resolution clock while the ticket is pending on
// the customer; achieved: met in time; breached: its due time passed before it was met (or it
// is still unmet and now is past it).
enum class SlaState { kActive, kPaused, kAchieved, kBreached };
const char* Name(SlaState s);

struct SlaClock {
  SlaMetric metric = SlaMetric::kFirstResponse;
  int64_t target_minutes = 0;
  bool business_hours = true;
  SlaState state = SlaState::kActive;
  Millis started_at = 0;                // the start of the current cycle (next response)
  std::optional<Millis> due_at;         // when the target is (or was) reached; unset while
                                        // paused in time or beyond the schedule's horizon
  std::optional<Millis> fulfilled_at;   // unset while open
  Millis elapsed = 0;                   // counted so far, to fulfilment or `now`
  int64_t breaches = 0;                 // next response: cycles that broke the target
};

// The rules, as docs/sla.md states them:
// - first response starts at `created_at` and is met by the first agent reply (or by solving
//   the ticket without one); it never pauses;
// - next response starts at a customer message after an agent has replied, when no cycle is
//   open, and is met by the next agent reply or by solving; the latest cycle is reported;
// - resolution starts at `created_at`, pauses while the ticket is pending, is met when it is
//   solved, and runs on from where it stopped when the ticket is reopened.
// A target in business hours counts only the time `hours` is open (calendar time when `hours`
// is nullptr). Clocks come in the order of the policy's targets; next response only once a
// cycle has started.
std::vector<SlaClock> ComputeSlaClocks(const SlaPolicy& policy, const BusinessClock* hours,
                                       Millis created_at, TicketStatus initial_status,
                                       const std::vector<SlaEvent>& events, Millis now);

// The earliest due time among the clocks still counting and not yet breached (what a view
// sorts by: "breaches next"); unset when none.
std::optional<Millis> NextDue(const std::vector<SlaClock>& clocks);
// Whether any clock is breached (met late, or unmet past its due time).
bool AnyBreached(const std::vector<SlaClock>& clocks);

}  // namespace sahayak::domain
