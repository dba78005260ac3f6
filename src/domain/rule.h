#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/status.h"
#include "domain/custom_field.h"
#include "domain/macro.h"
#include "domain/people.h"
#include "domain/shipment.h"
#include "domain/sla.h"
#include "domain/ticket.h"
#include "domain/types.h"

// Business rules (docs/automation.md): triggers act on events as they happen (a ticket created
// or changed, a customer's message, a chat started, a tracking event, an SLA warning or
// breach); automations act on time ("pending for 3 days", "SLA due within an hour"), checked by
// a sweep. Both are conditions over a ticket and a list of actions (domain/macro.h's Action,
// shared with macros). Everything here is pure: parsing with errors naming the member,
// evaluation against facts gathered by the caller, and the loop check between triggers.
namespace sahayak::domain {

enum class RuleKind { kTrigger, kAutomation };
const char* Name(RuleKind k);  // "trigger", "automation"
std::optional<RuleKind> ParseRuleKind(std::string_view s);

// What a trigger fires on.
enum class RuleEvent {
  kTicketCreated,    // ticket.created: a ticket was opened (any channel)
  kTicketUpdated,    // ticket.updated: its fields changed (not by a rule)
  kMessageReceived,  // message.received: the customer wrote on an existing ticket
  kChatStarted,      // chat.started: a visitor started a live chat (its ticket exists)
  kTrackingEvent,    // tracking.event: a parcel linked to the ticket changed status
  kSlaWarning,       // sla.warning: an SLA target is due soon
  kSlaBreached,      // sla.breached: an SLA target was missed
};
const char* Name(RuleEvent e);
std::optional<RuleEvent> ParseRuleEvent(std::string_view s);
inline constexpr const char* kRuleEvents =
    "ticket.created, ticket.updated, message.received, chat.started, tracking.event, "
    "sla.warning, sla.breached";

enum class RuleOp {
  kIs,
  kIsNot,
  kIn,            // value: a non-empty array
  kNotIn,
  kLessThan,      // numbers, hours, and the ordered enums (priority)
  kGreaterThan,
  kContains,      // text: case-folded substring
  kNotContains,
  kContainsAny,   // tags: any of the array
  kContainsNone,  // tags: none of the array
  kContainsAll,   // tags: all of the array
  kPresent,       // has a value (no value member)
  kBlank,         // has none
  kChanged,       // triggers on ticket.updated: the field changed in this event
  kNotChanged,
  kChangedTo,     // changed, and is now `value`
  kChangedFrom,   // changed, and was `value`
};
const char* Name(RuleOp op);
std::optional<RuleOp> ParseRuleOp(std::string_view s);

enum class RuleField {
  kStatus,
  kPriority,
  kType,
  kChannel,
  kLanguage,
  kGroup,
  kAssignee,
  kOrganisation,
  kTier,              // the requester's organisation's tier (from its contract)
  kRequesterEmail,
  kTags,
  kSubject,
  kCustomField,       // "custom_fields.<key>"
  kWithinBusinessHours,  // now, in the hours of the ticket's group (else the workspace's)
  kSlaBreached,
  // the event's own facts (triggers, only on the events that have them)
  kMessageBody,       // message.received, ticket.created: the customer's text
  kMessageChannel,    // message.received, ticket.created, chat.started
  kShipmentStatus,    // tracking.event
  kSlaMetric,         // sla.warning, sla.breached
  // time (automations only), in hours; fractional values allowed
  kHoursSinceCreated,
  kHoursSinceUpdated,
  kHoursSinceStatusChanged,
  kHoursSinceSolved,
  kHoursUntilSlaDue,  // negative once breached; no value without a running SLA clock
};

// What kind of value a field holds, for operators and for the condition builder.
enum class RuleValueKind { kEnum, kText, kId, kTags, kNumber, kBool, kHours, kDate };
const char* Name(RuleValueKind k);

struct RuleFieldSpec {
  RuleField field = RuleField::kStatus;
  std::string name;                 // as written in conditions: "status", "custom_fields.size"
  std::string label;                // English label (the console translates by name)
  RuleValueKind kind = RuleValueKind::kEnum;
  std::vector<std::string> values;  // enum values, in order (priority: low … urgent)
  std::vector<RuleOp> ops;
  std::vector<RuleEvent> events;    // event facts: only triggers on these events; else empty
  bool time = false;                // automations only
  bool nullable = false;            // group, assignee …: `null` is a value
  std::string custom_key;           // kCustomField
};

// Every field rules may test: the fixed ones and one per active custom field.
std::vector<RuleFieldSpec> RuleFields(const std::vector<CustomFieldDef>& custom_fields);
// The vocabulary as JSON for the console's condition builder and GET /api/v1/rules/fields:
// {"fields": [{name, label, kind, values, operators, events, time, nullable}], "events": [...],
//  "actions": [...]}.
nlohmann::json RuleVocabularyJson(const std::vector<CustomFieldDef>& custom_fields);

struct RuleCondition {
  RuleField field = RuleField::kStatus;
  std::string name;   // as written
  RuleOp op = RuleOp::kIs;
  nlohmann::json value;  // as written (normalised: NFC, tags normalised)
  // Compiled when parsed, so evaluation does no parsing:
  std::vector<int64_t> ints;         // enum ordinals, ids (0 for null), ms for hours
  std::vector<std::string> texts;    // case-folded text, tags, custom values as text
  double number = 0;                 // kNumber
  bool flag = false;                 // kBool
  std::string custom_key;
  bool folded = false;               // texts are case-folded (free text), else as written
};

struct RuleConditions {
  std::vector<RuleCondition> all;  // every one must hold
  std::vector<RuleCondition> any;  // when not empty, at least one must hold
};

struct Rule {
  Id id = 0;
  Id workspace_id = 0;
  RuleKind kind = RuleKind::kTrigger;
  std::string name;
  std::string description;
  int64_t position = 0;  // triggers run in position order (then id)
  bool active = true;
  std::vector<RuleEvent> events;  // triggers: at least one
  RuleConditions conditions;
  std::vector<Action> actions;
  int64_t run_count = 0;
  std::optional<Millis> last_run_at;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

inline constexpr size_t kMaxRuleNameChars = 200;
inline constexpr size_t kMaxRuleDescriptionChars = 2000;
inline constexpr size_t kMaxRuleConditions = 50;
inline constexpr size_t kMaxRulesPerKind = 1000;

// What conditions may name: the workspace's groups, agents and custom fields.
struct RuleVocabulary {
  std::vector<Id> group_ids;
  std::vector<Id> agent_ids;
  std::vector<CustomFieldDef> custom_fields;
};

// Reads {"all": [...], "any": [...]} for a rule of `kind` firing on `events` (triggers).
// Errors name the member: "conditions.all[2].value": "\"urgnt\" is not a priority; use one of
// low, normal, high, urgent"; "conditions.any[0].field": "message.body is only known on
// message.received and ticket.created; this trigger also fires on ticket.updated";
// "conditions.all": "an automation needs a time condition (hours_since_…)".
Result<RuleConditions> ParseRuleConditions(const nlohmann::json& conditions, RuleKind kind,
                                           const std::vector<RuleEvent>& events,
                                           const RuleVocabulary& vocab,
                                           std::string_view member = "conditions");
nlohmann::json RuleConditionsToJson(const RuleConditions& c);
// Reads stored conditions again without a vocabulary check (a group deleted since stays, and
// simply never matches). Skips anything unreadable.
RuleConditions RuleConditionsFromJson(const nlohmann::json& stored,
                                      const std::vector<CustomFieldDef>& custom_fields);

// What conditions are evaluated against. The caller gathers it once per ticket and event.
struct RuleFacts {
  const Ticket* ticket = nullptr;  // REQUIRED
  std::string subject;             // the ticket's subject, case-folded (see ForTicket)
  std::optional<Tier> tier;
  std::string requester_email;     // case-folded
  bool within_business_hours = true;
  std::optional<Millis> status_changed_at;
  Millis now = 0;
  // The event (triggers); unset for automations and previews.
  std::optional<RuleEvent> event;
  const nlohmann::json* changes = nullptr;  // ticket.updated: field -> [before, after]
  std::string message_body;                 // case-folded
  std::optional<Channel> message_channel;
  std::optional<ShipmentStatus> shipment_status;
  std::optional<SlaMetric> sla_metric;

  // Facts of `t` at `now` with its subject folded; the caller adds the rest.
  static RuleFacts ForTicket(const Ticket& t, Millis now);
};

bool Matches(const RuleCondition& c, const RuleFacts& f);
bool Matches(const RuleConditions& c, const RuleFacts& f);

// As Matches, for the console's preview ("which tickets match now"), which has no event:
// conditions that need one (changed …, the event's facts) are taken as holding, and their
// members ("conditions.all[1]") are added to `skipped`.
bool MatchesNow(const RuleConditions& c, const RuleFacts& f, std::vector<std::string>* skipped);

// Whether a trigger with `events` fires on event `e`.
bool FiresOn(const Rule& r, RuleEvent e);

// Reasons `candidate` would make triggers undo each other on every change (a loop): another
// active trigger on the same events whose conditions admit what `candidate` sets and that sets
// the same field back (status open → pending → open …), or `candidate` itself setting a field
// its own conditions then require to change again. Each names the action:
// "actions[0]": "would loop with trigger \"Reopen\": this sets status to pending and
// \"Reopen\" sets it back to open". Empty when none. `others` may include `candidate` (same
// id: skipped).
std::vector<FieldError> RuleLoopProblems(const Rule& candidate, const std::vector<Rule>& others);

// Every reason `r` cannot be saved apart from its conditions and actions' own parsing: name
// (required, ≤ 200 characters), description, events (triggers: at least one; automations:
// none), actions (at least one). Each names its member.
std::vector<FieldError> RuleProblems(const Rule& r);

}  // namespace sahayak::domain
