#include "domain/macro.h"

#include <gtest/gtest.h>

namespace sahayak::domain {
namespace {

using nlohmann::json;

ActionVocabulary Vocab() {
  ActionVocabulary v;
  v.group_ids = {1, 2};
  v.active_agent_ids = {10, 11};
  CustomFieldDef awb;
  awb.key = "awb";
  awb.type = FieldType::kText;
  CustomFieldDef reason;
  reason.key = "reason";
  reason.type = FieldType::kDropdown;
  reason.options = {"late", "damaged"};
  v.custom_fields = {awb, reason};
  v.allow_reply = false;
  return v;
}

std::string FieldMessage(const Status& st, const std::string& field) {
  for (const auto& f : st.fields()) {
    if (f.field == field) return f.message;
  }
  return "";
}

TEST(MacroTemplateTest, RendersHindiAndKannadaNames) {
  PlaceholderValues v = {{"ticket.requester.first_name", FirstName("सुनीता शर्मा")},
                         {"ticket.number", "42"}};
  EXPECT_EQ(RenderTemplate("नमस्ते {{ticket.requester.first_name}}, टिकट #{{ticket.number}}", v),
            "नमस्ते सुनीता, टिकट #42");
  v["ticket.requester.first_name"] = FirstName("ರಮೇಶ್ ಕುಮಾರ್");
  EXPECT_EQ(RenderTemplate("ನಮಸ್ಕಾರ {{ ticket.requester.first_name }}!", v), "ನಮಸ್ಕಾರ ರಮೇಶ್!");
}

TEST(MacroTemplateTest, FirstNameSkipsHonorificsAndNumbers) {
  EXPECT_EQ(FirstName("  Dr. Anil Kumble"), "Anil");
  EXPECT_EQ(FirstName("श्रीमती  गीता देवी"), "गीता");
  EXPECT_EQ(FirstName("ಶ್ರೀ ರಾಘವೇಂದ್ರ"), "ರಾಘವೇಂದ್ರ");
  EXPECT_EQ(FirstName("Asha\u00a0Rao"), "Asha");  // no-break space
  EXPECT_EQ(FirstName("+919876543210"), "");
  EXPECT_EQ(FirstName(""), "");
}

TEST(MacroTemplateTest, DefaultFillsAnEmptyValue) {
  PlaceholderValues v = {{"ticket.requester.first_name", ""}};
  EXPECT_EQ(RenderTemplate("Hi {{ticket.requester.first_name | default: \"there\"}},", v),
            "Hi there,");
  EXPECT_EQ(RenderTemplate("नमस्ते {{ticket.requester.first_name | default: 'ग्राहक'}}", v),
            "नमस्ते ग्राहक");
  v["ticket.requester.first_name"] = "Asha";
  EXPECT_EQ(RenderTemplate("Hi {{ticket.requester.first_name | default: \"there\"}},", v),
            "Hi Asha,");
}

TEST(MacroTemplateTest, LeavesPlainTextAlone) {
  EXPECT_EQ(RenderTemplate("<b>{ not a placeholder }</b> & more", {}),
            "<b>{ not a placeholder }</b> & more");
  EXPECT_EQ(RenderTemplate("{{ticket.subject}}", {{"ticket.subject", "<script>"}}), "<script>");
}

TEST(MacroTemplateTest, UnknownPlaceholderIsNamedWithItsPosition) {
  Status st = CheckTemplate("नमस्ते {{ticket.foo}}", {});
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.message(), "unknown placeholder {{ticket.foo}} at character 8");
  st = CheckTemplate("Hi {{ticket.requester.first_name", {});
  EXPECT_EQ(st.message(), "unclosed placeholder at character 4");
  st = CheckTemplate("{{agent.name | upcase}}", {});
  EXPECT_NE(st.message().find("unsupported filter"), std::string::npos) << st.message();
  EXPECT_TRUE(CheckTemplate("{{ticket.custom_fields.awb}}", {"awb"}).ok());
  EXPECT_FALSE(CheckTemplate("{{ticket.custom_fields.awb}}", {}).ok());
  EXPECT_TRUE(CheckTemplate("{{organization.name}} {{organisation.name}}", {}).ok());
}

TEST(MacroTemplateTest, PicksTheVariantOfTheLanguage) {
  TextVariants t = {{"en", "Hello"}, {"hi", "नमस्ते"}, {"kn", "ನಮಸ್ಕಾರ"}};
  std::string chosen;
  EXPECT_EQ(PickVariant(t, {"kn"}, "en", &chosen), "ನಮಸ್ಕಾರ");
  EXPECT_EQ(chosen, "kn");
  EXPECT_EQ(PickVariant(t, {"hi-IN"}, "en"), "नमस्ते");
  EXPECT_EQ(PickVariant(t, {"ta", ""}, "en", &chosen), "Hello");
  EXPECT_EQ(chosen, "en");
  EXPECT_EQ(PickVariant({{"hi", "नमस्ते"}}, {"kn"}, "en"), "नमस्ते");
  EXPECT_EQ(PickVariant({}, {"kn"}, "en", &chosen), "");
  EXPECT_EQ(chosen, "");
}

TEST(MacroActionsTest, ReadsEveryActionAndWritesItBack) {
  json in = json::array({
      {{"type", "set_status"}, {"value", "pending"}},
      {{"type", "set_priority"}, {"value", "high"}},
      {{"type", "set_group"}, {"value", 2}},
      {{"type", "set_assignee"}, {"value", nullptr}},
      {{"type", "add_tags"}, {"value", {"पार्सल", "Late Delivery"}}},
      {{"type", "remove_tags"}, {"value", {"new"}}},
      {{"type", "set_custom_field"}, {"field", "reason"}, {"value", "late"}},
      {{"type", "add_note"}, {"value", "Escalated by {{agent.first_name}}"}},
  });
  auto acts = ParseActions(in, Vocab());
  ASSERT_TRUE(acts.ok()) << acts.status().ToString();
  ASSERT_EQ(acts->size(), 8u);
  EXPECT_EQ((*acts)[0].status, TicketStatus::kPending);
  EXPECT_EQ((*acts)[2].id, 2);
  EXPECT_FALSE((*acts)[3].id.has_value());
  EXPECT_EQ((*acts)[4].tags, (std::vector<std::string>{"late_delivery", "पार्सल"}));
  json out = ActionsToJson(*acts);
  EXPECT_EQ(out[4]["value"], json({"late_delivery", "पार्सल"}));
  EXPECT_EQ(out[6], json({{"type", "set_custom_field"}, {"field", "reason"}, {"value", "late"}}));
  auto again = ParseActions(out, Vocab());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(ActionsToJson(*again), out);
}

TEST(MacroActionsTest, NamesEveryBadMember) {
  json in = json::array({
      {{"type", "set_status"}, {"value", "archived"}},
      {{"type", "set_group"}, {"value", 99}},
      {{"type", "set_assignee"}, {"value", "asha"}},
      {{"type", "set_custom_field"}, {"field", "colour"}, {"value", "red"}},
      {{"type", "set_custom_field"}, {"field", "reason"}, {"value", "lost"}},
      {{"type", "add_note"}, {"value", "{{ticket.nope}}"}},
      {{"type", "explode"}},
      {{"type", "reply"}, {"value", "hi"}},
      {{"type", "add_tags"}, {"value", json::array()}},
  });
  auto acts = ParseActions(in, Vocab());
  ASSERT_FALSE(acts.ok());
  const Status& st = acts.status();
  EXPECT_NE(FieldMessage(st, "actions[0].value").find("archived"), std::string::npos);
  EXPECT_EQ(FieldMessage(st, "actions[1].value"), "99 is not a group of this workspace");
  EXPECT_EQ(FieldMessage(st, "actions[2].value"), "must be an active agent id or null");
  EXPECT_EQ(FieldMessage(st, "actions[3].field"), "\"colour\" is not an active custom field");
  EXPECT_NE(FieldMessage(st, "actions[4].value"), "");
  EXPECT_EQ(FieldMessage(st, "actions[5].value"),
            "unknown placeholder {{ticket.nope}} at character 1");
  EXPECT_NE(FieldMessage(st, "actions[6].type").find("explode"), std::string::npos);
  EXPECT_NE(FieldMessage(st, "actions[7].type"), "");
  EXPECT_NE(FieldMessage(st, "actions[8].value"), "");
  EXPECT_EQ(st.fields().size(), 9u);
}

TEST(MacroActionsTest, ReplyActionCarriesVariantsWhereAllowed) {
  ActionVocabulary v = Vocab();
  v.allow_reply = true;
  auto acts = ParseActions(
      json::array({{{"type", "reply"}, {"value", {{"en", "Hi"}, {"kn", "ನಮಸ್ಕಾರ"}}}}}), v);
  ASSERT_TRUE(acts.ok());
  EXPECT_EQ((*acts)[0].texts.at("kn"), "ನಮಸ್ಕಾರ");
  auto bad = ParseActions(json::array({{{"type", "reply"}, {"value", {{"fr", "Salut"}}}}}), v);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(FieldMessage(bad.status(), "actions[0].value.fr"), "");
}

TEST(MacroActionsTest, TextVariantsNameTheLanguage) {
  TextVariants out;
  Status st = ReadTextVariants(json{{"hi", "नमस्ते {{ticket.requester.nam}}"}, {"en", "Hi"}}, "reply",
                               {}, &out);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(FieldMessage(st, "reply.hi"),
            "unknown placeholder {{ticket.requester.nam}} at character 8");
  out.clear();
  ASSERT_TRUE(ReadTextVariants(json{{"kn", "ನಮಸ್ಕಾರ"}, {"hi", ""}}, "reply", {}, &out).ok());
  EXPECT_EQ(out.size(), 1u);
}

}  // namespace
}  // namespace sahayak::domain
