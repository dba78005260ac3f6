// Rules' conditions: parsing that names every bad member, evaluation of each kind of field, the
// preview's skipping of event conditions, and the loop check between triggers.
#include "domain/rule.h"

#include <gtest/gtest.h>

namespace sahayak::domain {
namespace {

using nlohmann::json;

RuleVocabulary Vocab() {
  RuleVocabulary v;
  v.group_ids = {1, 2};
  v.agent_ids = {10, 11};
  CustomFieldDef size;
  size.key = "weight_kg";
  size.type = FieldType::kNumber;
  CustomFieldDef reason;
  reason.key = "reason";
  reason.type = FieldType::kDropdown;
  reason.options = {"late", "damaged"};
  v.custom_fields = {size, reason};
  return v;
}

RuleConditions Parse(const json& c, RuleKind kind = RuleKind::kTrigger,
                     std::vector<RuleEvent> events = {RuleEvent::kTicketCreated}) {
  auto r = ParseRuleConditions(c, kind, events, Vocab());
  EXPECT_TRUE(r.ok()) << r.status().message() << " "
                      << (r.status().fields().empty() ? "" : r.status().fields()[0].field + ": " +
                                                                 r.status().fields()[0].message);
  return r.ok() ? *r : RuleConditions{};
}

std::string FirstError(const json& c, RuleKind kind = RuleKind::kTrigger,
                       std::vector<RuleEvent> events = {RuleEvent::kTicketCreated}) {
  auto r = ParseRuleConditions(c, kind, events, Vocab());
  if (r.ok() || r.status().fields().empty()) return "";
  return r.status().fields()[0].field + ": " + r.status().fields()[0].message;
}

Ticket Sample() {
  Ticket t;
  t.id = 5;
  t.subject = "Parcel NOT delivered – पार्सल";
  t.status = TicketStatus::kOpen;
  t.priority = Priority::kHigh;
  t.channel = Channel::kEmail;
  t.language = "hi";
  t.group_id = 1;
  t.tags = {"cod", "vip"};
  t.custom_fields = {{"weight_kg", 12.5}, {"reason", "late"}};
  t.created_at = 0;
  t.updated_at = 3'600'000;
  return t;
}

TEST(RuleConditionsTest, EvaluatesEachKindOfField) {
  const Ticket t = Sample();
  RuleFacts f = RuleFacts::ForTicket(t, 10 * 3'600'000);
  f.tier = Tier::kEnterprise;
  f.requester_email = "meera@acme.in";
  auto holds = [&](const json& cond) {
    return Matches(Parse({{"all", {cond}}}), f);
  };
  EXPECT_TRUE(holds({{"field", "status"}, {"operator", "is"}, {"value", "open"}}));
  EXPECT_FALSE(holds({{"field", "status"}, {"operator", "is_not"}, {"value", "open"}}));
  EXPECT_TRUE(holds({{"field", "priority"}, {"operator", "greater_than"}, {"value", "normal"}}));
  EXPECT_FALSE(holds({{"field", "priority"}, {"operator", "less_than"}, {"value", "high"}}));
  EXPECT_TRUE(holds({{"field", "channel"}, {"operator", "in"}, {"value", {"chat", "email"}}}));
  EXPECT_TRUE(holds({{"field", "language"}, {"operator", "is"}, {"value", "hi"}}));
  EXPECT_TRUE(holds({{"field", "group_id"}, {"operator", "is"}, {"value", 1}}));
  EXPECT_TRUE(holds({{"field", "assignee_id"}, {"operator", "blank"}}));
  EXPECT_TRUE(holds({{"field", "assignee_id"}, {"operator", "is"}, {"value", nullptr}}));
  EXPECT_TRUE(holds({{"field", "tier"}, {"operator", "is"}, {"value", "enterprise"}}));
  EXPECT_TRUE(holds({{"field", "requester.email"}, {"operator", "contains"}, {"value", "@ACME.in"}}));
  EXPECT_TRUE(holds({{"field", "tags"}, {"operator", "contains_any"}, {"value", {"vip", "x"}}}));
  EXPECT_FALSE(holds({{"field", "tags"}, {"operator", "contains_all"}, {"value", {"vip", "x"}}}));
  EXPECT_TRUE(holds({{"field", "tags"}, {"operator", "contains_none"}, {"value", {"spam"}}}));
  // Case-folded substring, in any script.
  EXPECT_TRUE(holds({{"field", "subject"}, {"operator", "contains"}, {"value", "not delivered"}}));
  EXPECT_TRUE(holds({{"field", "subject"}, {"operator", "contains"}, {"value", "पार्सल"}}));
  EXPECT_TRUE(holds({{"field", "custom_fields.weight_kg"}, {"operator", "greater_than"},
                     {"value", 10}}));
  EXPECT_TRUE(holds({{"field", "custom_fields.reason"}, {"operator", "is"}, {"value", "late"}}));
  EXPECT_FALSE(holds({{"field", "custom_fields.reason"}, {"operator", "is"}, {"value", "damaged"}}));
}

TEST(RuleConditionsTest, AllAndAny) {
  const Ticket t = Sample();
  const RuleFacts f = RuleFacts::ForTicket(t, 0);
  const json is_open = {{"field", "status"}, {"operator", "is"}, {"value", "open"}};
  const json is_chat = {{"field", "channel"}, {"operator", "is"}, {"value", "chat"}};
  const json is_email = {{"field", "channel"}, {"operator", "is"}, {"value", "email"}};
  EXPECT_TRUE(Matches(Parse({{"all", {is_open}}, {"any", {is_chat, is_email}}}), f));
  EXPECT_FALSE(Matches(Parse({{"all", {is_open}}, {"any", {is_chat}}}), f));
  EXPECT_TRUE(Matches(Parse(json::object()), f));  // no conditions: every ticket
}

TEST(RuleConditionsTest, TimeConditionsCountHours) {
  Ticket t = Sample();
  t.status = TicketStatus::kPending;
  RuleFacts f = RuleFacts::ForTicket(t, 80 * 3'600'000LL);
  f.status_changed_at = 5 * 3'600'000LL;  // pending for 75 hours
  const auto c = Parse({{"all",
                         {{{"field", "status"}, {"operator", "is"}, {"value", "pending"}},
                          {{"field", "hours_since_status_changed"},
                           {"operator", "greater_than"},
                           {"value", 72}}}}},
                       RuleKind::kAutomation, {});
  EXPECT_TRUE(Matches(c, f));
  f.status_changed_at = 10 * 3'600'000LL;  // 70 hours
  EXPECT_FALSE(Matches(c, f));
  // SLA due within an hour; none without a running clock.
  const auto soon = Parse({{"all", {{{"field", "hours_until_sla_due"}, {"operator", "less_than"},
                                     {"value", 1}}}}},
                          RuleKind::kAutomation, {});
  EXPECT_FALSE(Matches(soon, f));
  t.sla_due_at = f.now + 30 * 60'000;
  f.ticket = &t;
  EXPECT_TRUE(Matches(soon, f));
}

TEST(RuleConditionsTest, ChangedOnUpdates) {
  const Ticket t = Sample();
  RuleFacts f = RuleFacts::ForTicket(t, 0);
  const json changes = {{"status", {"new", "open"}}, {"group_id", {nullptr, 1}}};
  f.changes = &changes;
  auto holds = [&](const json& cond) {
    return Matches(Parse({{"all", {cond}}}, RuleKind::kTrigger, {RuleEvent::kTicketUpdated}), f);
  };
  EXPECT_TRUE(holds({{"field", "status"}, {"operator", "changed"}}));
  EXPECT_TRUE(holds({{"field", "status"}, {"operator", "changed_to"}, {"value", "open"}}));
  EXPECT_TRUE(holds({{"field", "status"}, {"operator", "changed_from"}, {"value", "new"}}));
  EXPECT_FALSE(holds({{"field", "status"}, {"operator", "changed_to"}, {"value", "solved"}}));
  EXPECT_TRUE(holds({{"field", "group_id"}, {"operator", "changed_from"}, {"value", nullptr}}));
  EXPECT_TRUE(holds({{"field", "priority"}, {"operator", "not_changed"}}));
}

TEST(RuleConditionsTest, BadConditionsNameTheirMember) {
  EXPECT_EQ(FirstError({{"all", {{{"field", "colour"}, {"operator", "is"}, {"value", "red"}}}}}),
            "conditions.all[0].field: \"colour\" is not a field rules can test");
  EXPECT_EQ(FirstError({{"all", {{{"field", "priority"}, {"operator", "is"}, {"value", "urgnt"}}}}}),
            "conditions.all[0].value: \"urgnt\" is not a value of priority; use one of low, "
            "normal, high, urgent");
  // Wrong types.
  EXPECT_EQ(FirstError({{"any", {{{"field", "group_id"}, {"operator", "is"}, {"value", "Sales"}}}}}),
            "conditions.any[0].value: must be an id or null");
  EXPECT_EQ(FirstError({{"all", {{{"field", "custom_fields.weight_kg"}, {"operator", "is"},
                                  {"value", "heavy"}}}}}),
            "conditions.all[0].value: must be a number");
  EXPECT_EQ(FirstError({{"all", {{{"field", "group_id"}, {"operator", "is"}, {"value", 99}}}}}),
            "conditions.all[0].value: 99 is not a group of this workspace");
  EXPECT_EQ(FirstError({{"all", {{{"field", "tags"}, {"operator", "is"}, {"value", "x"}}}}}),
            "conditions.all[0].operator: \"is\" does not apply to tags; use one of "
            "contains_any, contains_none, contains_all, changed, not_changed");
  // Time in a trigger, events in an automation, changes outside ticket.updated.
  EXPECT_NE(FirstError({{"all", {{{"field", "hours_since_created"}, {"operator", "greater_than"},
                                  {"value", 2}}}}})
                .find("is a time condition"),
            std::string::npos);
  EXPECT_NE(FirstError({{"all", {{{"field", "status"}, {"operator", "changed"}}}}})
                .find("only known on ticket.updated"),
            std::string::npos);
  EXPECT_NE(FirstError({{"all", {{{"field", "shipment.status"}, {"operator", "is"},
                                  {"value", "lost"}}}}})
                .find("only known on tracking.event"),
            std::string::npos);
  EXPECT_EQ(FirstError({{"all", {{{"field", "status"}, {"operator", "is"}, {"value", "open"}}}}},
                       RuleKind::kAutomation, {}),
            "conditions.all: an automation needs a time condition (hours_since_created, "
            "hours_since_updated, hours_since_status_changed, hours_since_solved or "
            "hours_until_sla_due) among all");
  EXPECT_EQ(FirstError({{"all", "status"}}), "conditions.all: must be an array of conditions");
  EXPECT_EQ(FirstError({{"every", json::array()}}),
            "conditions.every: is not a member of conditions (all, any)");
}

TEST(RuleConditionsTest, RoundTripsThroughStorage) {
  const json written = {
      {"all", {{{"field", "tags"}, {"operator", "contains_any"}, {"value", {"VIP", "कूरियर"}}},
               {{"field", "priority"}, {"operator", "is"}, {"value", "urgent"}}}},
      {"any", json::array()}};
  const RuleConditions c = Parse(written);
  const json stored = RuleConditionsToJson(c);
  EXPECT_EQ(stored["all"][0]["value"], json({"vip", "कूरियर"}));  // normalised
  const RuleConditions again = RuleConditionsFromJson(stored, Vocab().custom_fields);
  EXPECT_EQ(RuleConditionsToJson(again), stored);
  Ticket t = Sample();
  t.priority = Priority::kUrgent;
  EXPECT_TRUE(Matches(again, RuleFacts::ForTicket(t, 0)));
}

TEST(RuleConditionsTest, PreviewSkipsWhatNeedsAnEvent) {
  const Ticket t = Sample();
  const auto c = Parse({{"all",
                         {{{"field", "message.body"}, {"operator", "contains"}, {"value", "x"}},
                          {{"field", "status"}, {"operator", "is"}, {"value", "open"}}}}},
                       RuleKind::kTrigger, {RuleEvent::kMessageReceived});
  std::vector<std::string> skipped;
  EXPECT_TRUE(MatchesNow(c, RuleFacts::ForTicket(t, 0), &skipped));
  EXPECT_EQ(skipped, std::vector<std::string>{"conditions.all[0]"});
  EXPECT_FALSE(Matches(c, RuleFacts::ForTicket(t, 0)));  // with an event, it is checked
}

Rule Trigger(Id id, const std::string& name, const json& conditions,
             const std::vector<Action>& actions) {
  Rule r;
  r.id = id;
  r.name = name;
  r.events = {RuleEvent::kTicketUpdated};
  r.conditions = Parse(conditions, RuleKind::kTrigger, r.events);
  r.actions = actions;
  return r;
}

Action SetStatus(TicketStatus s) {
  Action a;
  a.type = ActionType::kSetStatus;
  a.status = s;
  return a;
}

TEST(RuleLoopTest, TriggersThatUndoEachOtherAreRefused) {
  const Rule pend = Trigger(1, "Park",
                            {{"all", {{{"field", "status"}, {"operator", "is"}, {"value", "open"}}}}},
                            {SetStatus(TicketStatus::kPending)});
  const Rule reopen = Trigger(
      2, "Reopen", {{"all", {{{"field", "status"}, {"operator", "is"}, {"value", "pending"}}}}},
      {SetStatus(TicketStatus::kOpen)});
  auto problems = RuleLoopProblems(pend, {reopen});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "actions[0]");
  EXPECT_NE(problems[0].message.find("would loop with trigger \"Reopen\""), std::string::npos);

  // Not a loop: the other trigger only acts on urgent tickets, which this one never makes.
  const Rule urgent_reopen = Trigger(
      3, "Urgent reopen",
      {{"all", {{{"field", "status"}, {"operator", "is"}, {"value", "pending"}},
                {{"field", "priority"}, {"operator", "is"}, {"value", "urgent"}}}}},
      {SetStatus(TicketStatus::kOpen)});
  EXPECT_EQ(RuleLoopProblems(pend, {urgent_reopen}).size(), 1u)
      << "conditions on other fields are taken as holding";
  // Not a loop: the other trigger's condition excludes what this one sets.
  const Rule solved_reopen = Trigger(
      4, "Solved reopen", {{"all", {{{"field", "status"}, {"operator", "is"}, {"value", "solved"}}}}},
      {SetStatus(TicketStatus::kOpen)});
  EXPECT_TRUE(RuleLoopProblems(pend, {solved_reopen}).empty());

  // Tags added by one and removed by the other.
  Action add_vip;
  add_vip.type = ActionType::kAddTags;
  add_vip.tags = {"vip"};
  Action remove_vip = add_vip;
  remove_vip.type = ActionType::kRemoveTags;
  const Rule tagger = Trigger(5, "Tag", json::object(), {add_vip});
  const Rule untagger = Trigger(
      6, "Untag", {{"all", {{{"field", "tags"}, {"operator", "contains_any"}, {"value", {"vip"}}}}}},
      {remove_vip});
  EXPECT_EQ(RuleLoopProblems(tagger, {untagger}).size(), 1u);
  // Self-limiting: "add vip unless it is there" with the untagger on another event.
  Rule other_event = untagger;
  other_event.events = {RuleEvent::kTicketCreated};
  EXPECT_TRUE(RuleLoopProblems(tagger, {other_event}).empty());
}

TEST(RuleProblemsTest, NamesEachMember) {
  Rule r;
  r.kind = RuleKind::kTrigger;
  auto p = RuleProblems(r);
  std::vector<std::string> fields;
  for (const auto& e : p) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "events", "actions"}));
}

TEST(RuleVocabularyTest, ListsFieldsForTheBuilder) {
  const json v = RuleVocabularyJson(Vocab().custom_fields);
  bool saw_custom = false, saw_time = false;
  for (const auto& f : v["fields"]) {
    if (f["name"] == "custom_fields.reason") {
      saw_custom = true;
      EXPECT_EQ(f["values"], json({"late", "damaged"}));
    }
    if (f["name"] == "hours_since_solved") saw_time = f["time"].get<bool>();
  }
  EXPECT_TRUE(saw_custom);
  EXPECT_TRUE(saw_time);
  EXPECT_EQ(v["events"].size(), 7u);
  EXPECT_EQ(v["actions"].back(), "round_robin");
}

}  // namespace
}  // namespace sahayak::domain
