#include "services/shipments/delivery_input.h"

#include <gtest/gtest.h>

namespace sahayak::services::delivery_input {
namespace {

using nlohmann::json;

// The member names a refusal points at.
std::vector<std::string> Fields(const Status& st) {
  std::vector<std::string> out;
  for (const auto& f : st.fields()) out.push_back(f.field);
  return out;
}

TEST(PreferencesInputTest, ReadsEveryMemberAndShowsItBack) {
  const json body = json::parse(R"({
    "windows": [{"days": ["mon", "wed", "fri"], "from": "09:00", "until": "13:00"},
                {"days": ["sat"], "from": "10:00", "until": "12:00"}],
    "time_zone": "Asia/Kolkata", "language": "kn",
    "safe_place": "ಮನೆಯ ಹಿಂದಿನ ಬಾಗಿಲು",
    "alternate_address": {"line1": "4th Cross, 12", "city": "Bengaluru", "pin": "560011"},
    "preferred_channel": "whatsapp",
    "quiet_hours": {"from": "21:00", "until": "08:00"}})");
  auto p = ReadPreferences(body);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->windows.size(), 2u);
  EXPECT_EQ(p->windows[0].days, 1 | 4 | 16);
  EXPECT_EQ(p->windows[1].hours, (domain::ClockRange{600, 720}));
  ASSERT_TRUE(p->alternate_address.has_value());
  EXPECT_EQ(p->alternate_address->country, "IN") << "India unless said otherwise";
  EXPECT_EQ(p->quiet_hours, (domain::ClockRange{21 * 60, 8 * 60})) << "quiet hours wrap midnight";
  const json shown = PreferencesMembers(*p);
  EXPECT_EQ(shown["windows"], body["windows"]);
  EXPECT_EQ(shown["quiet_hours"], body["quiet_hours"]);
  EXPECT_EQ(shown["alternate_address"]["pin"], "560011");
  EXPECT_EQ(shown["safe_place"], "ಮನೆಯ ಹಿಂದಿನ ಬಾಗಿಲು");

  auto empty = ReadPreferences(json::object());
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->windows.empty());
  EXPECT_EQ(PreferencesMembers(*empty)["alternate_address"], nullptr);
}

TEST(PreferencesInputTest, NamesEveryBadMember) {
  auto r = ReadPreferences(json::parse(R"({
    "windows": [{"days": ["mon", "funday"], "from": "09:00", "until": "13:00"},
                {"days": ["tue"], "from": "14:00", "until": "11:00"}],
    "time_zone": "India/Bengaluru", "language": "ಕನ್ನಡ",
    "alternate_address": {"line1": "", "city": "Mysuru", "pin": "057001"},
    "preferred_channel": "pigeon",
    "quiet_hours": {"from": "21:00", "until": "21:00"},
    "colour": "blue"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  const auto f = Fields(r.status());
  for (const char* want :
       {"windows[0].days", "windows[1].until", "time_zone", "language", "alternate_address.line1",
        "alternate_address.pin", "preferred_channel", "quiet_hours.until", "colour"}) {
    EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;
  }
}

TEST(PreferencesInputTest, EveryChannelIsAccepted) {
  for (const char* c : {"", "email", "chat", "sms", "whatsapp", "phone"}) {
    auto p = ReadPreferences(json{{"preferred_channel", c}});
    ASSERT_TRUE(p.ok()) << c << ": " << p.status().ToString();
    EXPECT_EQ(p->preferred_channel, c);
    EXPECT_EQ(PreferencesMembers(*p)["preferred_channel"], c);
  }
  auto bad = ReadPreferences(json{{"preferred_channel", "Chat"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Fields(bad.status()), std::vector<std::string>{"preferred_channel"});
  EXPECT_NE(bad.status().fields()[0].message.find("chat"), std::string::npos)
      << "the message lists chat among the choices";
}

TEST(PreferencesInputTest, RefusesOverlappingWindowsAndNonObjects) {
  auto r = ReadPreferences(json::parse(R"({"windows": [
      {"days": ["mon"], "from": "09:00", "until": "12:00"},
      {"days": ["sun", "mon"], "from": "11:00", "until": "15:00"}]})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Fields(r.status()), std::vector<std::string>{"windows[1]"});
  EXPECT_FALSE(ReadPreferences(json::array()).ok());
  EXPECT_FALSE(ReadPreferences(json::parse(R"({"windows": "mornings"})")).ok());
  EXPECT_FALSE(ReadPreferences(json::parse(R"({"windows": [3]})")).ok());
}

TEST(AddressInputTest, IndianPinsAndForeignPostcodes) {
  for (const char* good : {R"({"line1": "1 MG Road", "city": "Bengaluru", "pin": "560001"})",
                           R"({"line1": "10 Downing St", "city": "London", "pin": "SW1A 2AA",
                               "country": "gb", "phone": "+44 20 7946 0000"})"}) {
    const json outer = json::object();
    domain::JsonInput in(outer);
    domain::PostalAddress a;
    EXPECT_TRUE(ReadAddress(&in, json::parse(good), "address", &a)) << in.status().ToString();
  }
  for (const char* pin : {"56001", "5600011", "056001", "56OO01"}) {
    const json outer = json::object();
    domain::JsonInput in(outer);
    domain::PostalAddress a;
    json body = {{"line1", "1 MG Road"}, {"city", "Bengaluru"}, {"pin", pin}};
    EXPECT_FALSE(ReadAddress(&in, body, "address", &a)) << pin;
    EXPECT_EQ(Fields(in.status()), std::vector<std::string>{"address.pin"}) << pin;
  }
}

TEST(DeliveryRequestInputTest, ReadsEachKind) {
  auto r = ReadDeliveryRequest({{"kind", "reschedule"}, {"date", "2026-12-09"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->date, "2026-12-09");
  r = ReadDeliveryRequest(json::parse(R"({"kind": "window", "window": {"from": "10:00",
                                           "until": "14:00"}})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->window, (domain::ClockRange{600, 840}));
  r = ReadDeliveryRequest(json::parse(R"({"kind": "window", "window": null})"));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->window.has_value()) << "null clears the window";
  r = ReadDeliveryRequest(json::parse(R"({"kind": "address", "address": "alternate"})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->address_choice, DeliveryRequestInput::AddressChoice::kAlternate);
  r = ReadDeliveryRequest(json::parse(R"({"kind": "address", "address": null})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->address_choice, DeliveryRequestInput::AddressChoice::kBooked);
  r = ReadDeliveryRequest(json::parse(
      R"({"kind": "address", "address": {"line1": "ಗಾಂಧಿ ಬಜಾರ್", "city": "ಬೆಂಗಳೂರು", "pin": "560004"}})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->address_choice, DeliveryRequestInput::AddressChoice::kGiven);
  EXPECT_EQ(r->address.city, "ಬೆಂಗಳೂರು");
  r = ReadDeliveryRequest(json::parse(R"({"kind": "safe_place", "safe_place": ""})"));
  ASSERT_TRUE(r.ok()) << "\"\" clears the safe place";
}

TEST(DeliveryRequestInputTest, RefusalsNameTheMember) {
  struct Case {
    const char* body;
    const char* field;
  };
  for (const Case& c : std::initializer_list<Case>{
           {R"({"kind": "teleport"})", "kind"},
           {R"({})", "kind"},
           {R"({"kind": "reschedule", "date": "2026-02-30"})", "date"},
           {R"({"kind": "reschedule"})", "date"},
           {R"({"kind": "window", "window": {"from": "06:00", "until": "09:00"}})", "window"},
           {R"({"kind": "window", "window": {"from": "10:00", "until": "11:00"}})", "window"},
           {R"({"kind": "window", "window": {"from": "10:00"}})", "window.until"},
           {R"({"kind": "window"})", "window"},
           {R"({"kind": "address", "address": "office"})", "address"},
           {R"({"kind": "address", "address": {"line1": "x", "city": "y", "pin": "1"}})",
            "address.pin"},
           {R"({"kind": "safe_place"})", "safe_place"},
           {R"({"kind": "reschedule", "date": "2026-12-09", "window": null})", "window"},
       }) {
    auto r = ReadDeliveryRequest(json::parse(c.body));
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << c.body;
    const auto f = Fields(r.status());
    EXPECT_NE(std::find(f.begin(), f.end(), c.field), f.end())
        << c.body << " → " << r.status().ToString();
  }
  EXPECT_FALSE(ReadDeliveryRequest(std::string(201, 'x')).ok());
  auto long_place = ReadDeliveryRequest({{"kind", "safe_place"}, {"safe_place", std::string(201, 'x')}});
  EXPECT_FALSE(long_place.ok());
}

}  // namespace
}  // namespace sahayak::services::delivery_input
