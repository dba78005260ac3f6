#include "domain/custom_field.h"

#include <gtest/gtest.h>

#include "domain/json_input.h"
#include "domain/people.h"

namespace sahayak::domain {
namespace {

using nlohmann::json;

std::vector<CustomFieldDef> Defs() {
  auto def = [](Id id, const char* key, FieldType type) {
    CustomFieldDef d;
    d.id = id;
    d.workspace_id = 1;
    d.key = key;
    d.label = key;
    d.type = type;
    return d;
  };
  CustomFieldDef awb = def(1, "awb_number", FieldType::kText);
  awb.required = true;
  CustomFieldDef reason = def(4, "reason", FieldType::kDropdown);
  reason.options = {"damaged", "late"};
  CustomFieldDef old = def(6, "old", FieldType::kText);
  old.active = false;
  return {awb,    def(2, "amount_inr", FieldType::kNumber), def(3, "due_date", FieldType::kDate),
          reason, def(5, "vip", FieldType::kCheckbox),      old};
}

TEST(CustomFields, AcceptsEachTypeAndMergesIntoCurrentValues) {
  json current = {{"vip", false}};
  json patch = {{"awb_number", "SHY123456789IN"},
                {"amount_inr", 1499.5},
                {"due_date", "2026-12-01"},
                {"reason", "damaged"},
                {"vip", true}};
  ASSERT_TRUE(ApplyCustomFields(Defs(), patch, true, &current).ok());
  EXPECT_EQ(current["vip"], true);
  EXPECT_EQ(current["amount_inr"], 1499.5);
  ASSERT_TRUE(ApplyCustomFields(Defs(), {{"due_date", nullptr}}, false, &current).ok());
  EXPECT_FALSE(current.contains("due_date")) << "null removes a value";
}

TEST(CustomFields, NamesEveryWrongValue) {
  json current = json::object();
  json patch = {{"amount_inr", "12"},  {"due_date", "2026-02-30"}, {"reason", "lost"},
                {"vip", "yes"},        {"unknown", 1},             {"old", "x"}};
  Status st = ApplyCustomFields(Defs(), patch, true, &current);
  ASSERT_FALSE(st.ok());
  std::set<std::string> fields;
  for (const auto& f : st.fields()) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"custom_fields.amount_inr", "custom_fields.due_date",
                                           "custom_fields.reason", "custom_fields.vip",
                                           "custom_fields.unknown", "custom_fields.old",
                                           "custom_fields.awb_number"}));
  EXPECT_TRUE(current.empty()) << "nothing applied when anything is wrong";
}

TEST(CustomFields, KeysFollowTheRule) {
  EXPECT_TRUE(IsValidFieldKey("awb_number"));
  EXPECT_FALSE(IsValidFieldKey("AWB"));
  EXPECT_FALSE(IsValidFieldKey("1st"));
  EXPECT_FALSE(IsValidFieldKey(""));
}

TEST(JsonInput, CollectsTypeErrorsPerField) {
  json body = {{"name", 5}, {"active", "yes"}, {"ids", {1, -2}}, {"ok", "fine"}};
  JsonInput in(body);
  std::string s;
  bool b;
  std::vector<Id> ids;
  EXPECT_FALSE(in.Str("name", &s));
  EXPECT_FALSE(in.Bool("active", &b));
  EXPECT_FALSE(in.IdList("ids", &ids));
  EXPECT_TRUE(in.Str("ok", &s));
  EXPECT_FALSE(in.Str("missing", &s, /*required=*/true));
  Status st = in.status();
  ASSERT_EQ(st.fields().size(), 4u);
  EXPECT_EQ(st.fields()[0].field, "name");
  EXPECT_EQ(st.fields()[3].field, "missing");
  EXPECT_EQ(st.fields()[3].message, "is required");
}

TEST(CustomFields, PortalShowsOnlyCustomerVisibleFieldsOfTheTopic) {
  CustomFieldDef awb;
  awb.key = "awb";
  awb.customer_visible = true;
  awb.portal_topics = {7, 9};
  CustomFieldDef any_topic;
  any_topic.key = "phone";
  any_topic.customer_visible = true;
  CustomFieldDef internal;
  internal.key = "escalation_code";
  EXPECT_TRUE(ShownInPortal(awb, 7));
  EXPECT_TRUE(ShownInPortal(awb, 9));
  EXPECT_FALSE(ShownInPortal(awb, 8));
  EXPECT_FALSE(ShownInPortal(awb, 0));  // "something else" shows only every-topic fields
  EXPECT_TRUE(ShownInPortal(any_topic, 0));
  EXPECT_TRUE(ShownInPortal(any_topic, 8));
  EXPECT_FALSE(ShownInPortal(internal, 0));
  internal.portal_topics = {7};
  EXPECT_FALSE(ShownInPortal(internal, 7));
  awb.active = false;
  EXPECT_FALSE(ShownInPortal(awb, 7));
}

TEST(CustomFields, PortalTopicsMustBeDistinctCategoriesOfTheWorkspace) {
  const std::vector<Id> categories = {3, 5, 8};
  EXPECT_TRUE(ValidatePortalTopics({}, categories).ok());
  EXPECT_TRUE(ValidatePortalTopics({8, 3}, categories).ok());
  for (const std::vector<Id>& bad : {std::vector<Id>{4}, std::vector<Id>{3, 3},
                                     std::vector<Id>{5, 99}}) {
    Status st = ValidatePortalTopics(bad, categories);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.code(), Code::kInvalidArgument);
    ASSERT_EQ(st.fields().size(), 1u);
    EXPECT_EQ(st.fields()[0].field, "portal_topics");
  }
  EXPECT_TRUE(ValidatePortalTopics({}, {}).ok());
  std::vector<Id> many(kMaxPortalTopics + 1, 3);
  EXPECT_FALSE(ValidatePortalTopics(many, categories).ok());
}

TEST(CustomFields, CustomersAreAskedOnlyForWhatTheirFormShows) {
  CustomFieldDef invoice;
  invoice.key = "invoice_number";
  invoice.required = true;
  invoice.customer_visible = true;
  invoice.portal_topics = {4};
  CustomFieldDef internal;
  internal.key = "cost_centre";
  internal.required = true;
  CustomFieldDef optional = invoice;
  optional.required = false;
  EXPECT_TRUE(RequiredOnCreate(invoice, Channel::kPortal, 4));
  EXPECT_FALSE(RequiredOnCreate(invoice, Channel::kPortal, 5));
  EXPECT_FALSE(RequiredOnCreate(invoice, Channel::kPortal, 0));
  EXPECT_TRUE(RequiredOnCreate(invoice, Channel::kWeb, 0));
  EXPECT_TRUE(RequiredOnCreate(invoice, Channel::kEmail, 0));
  EXPECT_FALSE(RequiredOnCreate(internal, Channel::kPortal, 4));
  EXPECT_FALSE(RequiredOnCreate(internal, Channel::kWeb, 0));
  EXPECT_TRUE(RequiredOnCreate(internal, Channel::kApi, 0));
  EXPECT_TRUE(RequiredOnCreate(internal, Channel::kEmail, 0));
  EXPECT_FALSE(RequiredOnCreate(optional, Channel::kApi, 4));

  // As TicketService applies it: a portal ticket about topic 5 needs neither field.
  std::vector<CustomFieldDef> defs = {invoice, internal};
  for (auto& d : defs) d.required = RequiredOnCreate(d, Channel::kPortal, 5);
  json current = json::object();
  EXPECT_TRUE(ApplyCustomFields(defs, json::object(), true, &current).ok());
  defs = {invoice, internal};
  for (auto& d : defs) d.required = RequiredOnCreate(d, Channel::kPortal, 4);
  Status st = ApplyCustomFields(defs, json::object(), true, &current);
  ASSERT_FALSE(st.ok());
  ASSERT_EQ(st.fields().size(), 1u);
  EXPECT_EQ(st.fields()[0].field, "custom_fields.invoice_number");
}

TEST(CustomFields, ThePortalTopicIsReadFromTheMessage) {
  EXPECT_EQ(PortalTopicId({{"portal", {{"topic", "Shipping"}, {"topic_id", 12}}}}), 12);
  EXPECT_EQ(PortalTopicId({{"portal", {{"topic", "Shipping"}}}}), 0);
  EXPECT_EQ(PortalTopicId({{"portal", {{"topic_id", "12"}}}}), 0);
  EXPECT_EQ(PortalTopicId(json::object()), 0);
  EXPECT_EQ(PortalTopicId(json()), 0);
}

TEST(People, PhonesBecomeE164) {
  EXPECT_EQ(NormalisePhone("98450 12345").value(), "+919845012345");
  EXPECT_EQ(NormalisePhone("+91 98450-12345").value(), "+919845012345");
  EXPECT_EQ(NormalisePhone("09845012345").value(), "+919845012345");
  EXPECT_EQ(NormalisePhone("+44 20 7946 0958").value(), "+442079460958");
  EXPECT_FALSE(NormalisePhone("call me").ok());
  EXPECT_FALSE(NormalisePhone("123").ok());
}

TEST(People, TimeZonesAndLanguages) {
  EXPECT_TRUE(IsValidTimeZone("Asia/Kolkata"));
  EXPECT_TRUE(IsValidTimeZone("UTC"));
  EXPECT_FALSE(IsValidTimeZone("Mars/Olympus"));
  EXPECT_TRUE(IsSupportedLanguage("kn"));
  EXPECT_FALSE(IsSupportedLanguage("fr"));
  EXPECT_TRUE(LooksLikeLanguageTag("en-IN"));
  EXPECT_FALSE(LooksLikeLanguageTag("english!"));
}

}  // namespace
}  // namespace sahayak::domain
