#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "domain/types.h"

namespace sahayak::domain {

enum class TicketStatus { kNew, kOpen, kPending, kOnHold, kSolved, kClosed };
enum class Priority { kLow, kNormal, kHigh, kUrgent };
enum class TicketType { kQuestion, kIncident, kComplaint, kProblem, kTask };
enum class Channel { kEmail, kChat, kPhone, kSocial, kWeb, kPortal, kApi };

const char* Name(TicketStatus s);
const char* Name(Priority p);
const char* Name(TicketType t);
const char* Name(Channel c);
std::optional<TicketStatus> ParseStatus(std::string_view s);
std::optional<Priority> ParsePriority(std::string_view s);
std::optional<TicketType> ParseTicketType(std::string_view s);
std::optional<Channel> ParseChannel(std::string_view s);

// How ticket lists are ordered (GET /api/v1/tickets?sort=); ties break on id the same way.
// kSolvedDesc lists only tickets that have a solved_at; kSlaDue only tickets with a running SLA
// clock, the soonest due first (docs/sla.md).
enum class TicketSort { kUpdatedDesc, kUpdatedAsc, kCreatedDesc, kCreatedAsc, kSolvedDesc, kSlaDue };
const char* Name(TicketSort s);  // "-updated_at", "updated_at", …
std::optional<TicketSort> ParseTicketSort(std::string_view s);
constexpr const char* kTicketSorts =
    "-updated_at, updated_at, -created_at, created_at, -solved_at, sla_due_at";

// The lifecycle: new -> open | pending | on_hold | solved; open, pending and on_hold move among
// themselves and to solved; solved -> open (reopen) | closed; closed is final. Staying in the
// same status is always allowed. Nothing returns to new.
bool IsAllowedTransition(TicketStatus from, TicketStatus to);
// OK, or FailedPrecondition of kind "invalid-transition" naming both statuses.
Status CheckTransition(TicketStatus from, TicketStatus to);

struct Ticket {
  Id id = 0;
  Id workspace_id = 0;
  int64_t number = 0;
  std::string subject;
  TicketStatus status = TicketStatus::kNew;
  Priority priority = Priority::kNormal;
  TicketType type = TicketType::kQuestion;
  Channel channel = Channel::kApi;
  Id requester_id = 0;
  std::optional<Id> assignee_id;
  std::optional<Id> group_id;
  std::optional<Id> organisation_id;
  std::optional<Id> merged_into_id;
  std::vector<std::string> tags;  // normalised, sorted, unique
  nlohmann::json custom_fields = nlohmann::json::object();
  std::string language;
  Millis created_at = 0;
  Millis updated_at = 0;
  std::optional<Millis> first_response_at;
  std::optional<Millis> solved_at;
  int64_t version = 1;
  // As the SLA sweep last computed them (docs/sla.md; read only, never written with the ticket):
  // the earliest due time of a running clock, and whether a clock is breached.
  std::optional<Millis> sla_due_at;
  bool sla_breached = false;
};

// Applies a status change with its timestamps (solved_at set on solve, cleared on reopen).
// REQUIRES: CheckTransition(t->status, to).ok()
void ApplyStatus(Ticket* t, TicketStatus to, Millis now);

// Normalises a tag: NFC, case-folded, trimmed, inner white space to '_'. Error when empty,
// longer than 64 characters or holding characters other than letters, marks, digits, '_', '-',
// ':' and '.'. Devanagari and Kannada tags are fine.
Result<std::string> NormaliseTag(std::string_view tag);
// Normalises, sorts and de-duplicates; names the first bad tag.
Result<std::vector<std::string>> NormaliseTags(const std::vector<std::string>& tags);

constexpr size_t kMaxSubjectChars = 500;
constexpr size_t kMaxTagsPerTicket = 50;

}  // namespace sahayak::domain
