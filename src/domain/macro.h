#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/custom_field.h"
#include "domain/ticket.h"
#include "domain/types.h"

// Macros (docs/macros.md): named sets of ticket actions plus a reply whose text has
// placeholders and a variant per language. The Action vocabulary is shared with triggers and
// automations, which apply the same actions. Everything here is pure.
namespace sahayak::domain {

// --- actions ------------------------------------------------------------------------------

enum class ActionType {
  kSetStatus,       // value: "open" | "pending" | …
  kSetPriority,     // value: "low" | "normal" | "high" | "urgent"
  kSetGroup,        // value: a group id, or null to clear
  kSetAssignee,     // value: an agent id, or null to unassign
  kAddTags,         // value: ["tag", …]
  kRemoveTags,      // value: ["tag", …]
  kSetCustomField,  // field: the key; value: as the field's type wants (null clears)
  kAddNote,         // value: text with placeholders (an internal note)
  kReply,           // value: {"en": "…", "hi": "…"} (a public reply); not inside macros
  // Rules only (triggers and automations, domain/rule.h):
  kNotify,      // target: requester | assignee | group | agent (id); subject and value:
                // {"en": "…"} texts with placeholders; respect_business_hours: hold the mail
                // until the recipients' hours open
  kWebhook,     // url: http(s); secret (optional, sealed at rest, never shown again):
                // signs the POST like carrier requests
  kApplyMacro,  // value: a shared macro's id; its actions and its reply as a public message
  kRoundRobin,  // value: a group id; assigns the ticket to that group's next agent in turn
};
const char* Name(ActionType t);
std::optional<ActionType> ParseActionType(std::string_view s);
inline constexpr const char* kActionTypes =
    "set_status, set_priority, set_group, set_assignee, add_tags, remove_tags, "
    "set_custom_field, add_note, reply";
inline constexpr const char* kRuleActionTypes =
    "set_status, set_priority, set_group, set_assignee, add_tags, remove_tags, "
    "set_custom_field, add_note, reply, notify, webhook, apply_macro, round_robin";

// The languages a text may have a variant in.
inline constexpr const char* kTextLanguages = "en, hi, kn";
bool IsTextLanguage(std::string_view lang);

// A text in several languages: language -> text (each validated as a template).
using TextVariants = std::map<std::string, std::string>;

struct Action {
  ActionType type = ActionType::kSetStatus;
  std::optional<TicketStatus> status;
  std::optional<Priority> priority;
  std::optional<Id> id;           // kSetGroup, kSetAssignee (nullopt: clear)
  std::vector<std::string> tags;  // kAddTags, kRemoveTags (normalised)
  std::string field;              // kSetCustomField
  nlohmann::json value;           // kSetCustomField
  std::string text;               // kAddNote
  TextVariants texts;             // kReply; kNotify: the body
  // kNotify
  std::string target;             // requester | assignee | group | agent
  TextVariants subjects;
  bool respect_business_hours = false;
  // kWebhook
  std::string url;
  std::string sealed_secret;      // sealed by the service; "" when none
};

// What actions may name: the workspace's real groups, agents and fields.
struct ActionVocabulary {
  std::vector<Id> group_ids;
  std::vector<Id> active_agent_ids;
  std::vector<CustomFieldDef> custom_fields;  // active and inactive; only active ones may be set
  bool allow_reply = true;                    // macros keep their reply in their own member
  bool rules = false;                         // notify, webhook, apply_macro, round_robin
  std::vector<Id> shared_macro_ids;           // apply_macro: active shared macros
};

inline constexpr size_t kMaxActions = 50;
inline constexpr size_t kMaxTemplateChars = 20000;

// Reads `actions` (an array) naming each bad member as "<member>[i].<key>", e.g.
// "actions[2].value": "is not a group of this workspace". Texts are checked as templates.
Result<std::vector<Action>> ParseActions(const nlohmann::json& actions,
                                         const ActionVocabulary& vocab,
                                         std::string_view member = "actions");
nlohmann::json ActionsToJson(const std::vector<Action>& actions);
// Reads actions written by ActionsToJson (stored ones) without checking them against a
// vocabulary: a group or agent deleted since is kept, so applying reports it. Skips anything
// unreadable.
std::vector<Action> ActionsFromJson(const nlohmann::json& stored);
nlohmann::json ActionToJson(const Action& a);

// --- placeholders -------------------------------------------------------------------------

// The values a template may refer to, by name ("ticket.requester.first_name"). Custom fields
// are "ticket.custom_fields.<key>".
using PlaceholderValues = std::map<std::string, std::string>;

// The names every template may use, without custom fields.
const std::vector<std::string>& KnownPlaceholders();

// Checks `text`: every "{{ name }}" or "{{ name | default: \"x\" }}" names a known placeholder
// (or "ticket.custom_fields.<key>" of one of `field_keys`). The error names the placeholder and
// its position in characters, counted from 1: "unknown placeholder {{ticket.foo}} at character 7".
Status CheckTemplate(std::string_view text, const std::vector<std::string>& field_keys);

// `text` with each placeholder replaced by its value (or its default when the value is empty).
// Plain text in, plain text out: nothing is escaped (replies become HTML later, escaped there).
// REQUIRES: CheckTemplate(text, …).ok(); anything else is left as written.
std::string RenderTemplate(std::string_view text, const PlaceholderValues& values);

// Reads texts by language ({"en": "…", "hi": "…"}; a plain string is English) into `out`,
// NFC, each checked as a template; empty texts are left out. Errors name "<member>.<lang>".
Status ReadTextVariants(const nlohmann::json& v, const std::string& member,
                        const std::vector<std::string>& field_keys, TextVariants* out);

// The first name of a person: the first word of `name` split on white space (works for
// Devanagari and Kannada names), skipping honorifics (Mr., Dr., Shri, श्री, ಶ್ರೀ …). Empty when
// the name has no letters (a phone number standing in for a name).
std::string FirstName(std::string_view name);

// The variant for the first of `languages` that has one ("hi-IN" matches "hi"), else the one
// in `fallback`, else any; empty when there is none. Sets `*chosen` to its language.
std::string PickVariant(const TextVariants& variants, const std::vector<std::string>& languages,
                        std::string_view fallback, std::string* chosen = nullptr);

// --- macros -------------------------------------------------------------------------------

inline constexpr size_t kMaxMacroNameChars = 200;
inline constexpr size_t kMaxMacroDescriptionChars = 2000;

struct Macro {
  Id id = 0;
  Id workspace_id = 0;
  std::string name;
  std::string description;
  std::optional<Id> owner_agent_id;  // personal; nullopt: shared with the workspace
  std::optional<Id> group_id;        // only that group's agents (and admins) see it
  std::vector<Action> actions;
  TextVariants reply;  // language -> reply text with placeholders
  std::string default_language = "en";
  bool active = true;
  int64_t usage_count = 0;
  std::optional<Millis> last_used_at;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;

  bool shared() const { return !owner_agent_id; }
};

}  // namespace sahayak::domain
