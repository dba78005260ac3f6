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
