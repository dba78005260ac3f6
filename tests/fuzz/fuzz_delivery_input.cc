// libFuzzer target for what a customer or an agent sends about a delivery (docs/shipments.md,
// "Delivery preferences and self-service"): the body of PUT …/delivery-preferences and of
// POST /api/v1/shipments/{id}/delivery-requests (services/shipments/delivery_input.h). The
// portal's forms are turned into the same request bodies.
//
// The input is one JSON document, read both ways. Beyond "no crash, no leak, no undefined
// behaviour" it checks the contracts:
//  - a refusal is invalid-argument and names at least one member;
//  - accepted preferences hold at most 14 windows that each name a day, end after they start
//    and do not overlap, a valid time zone or none, NFC text within its limit, an Indian PIN of
//    six digits not starting with 0; shown back and read again they are the same;
//  - an accepted request is one of the four kinds, with a real date, a window within
//    07:00–21:00 of at least two hours, a valid address or a safe place within 200 characters.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/text.h"
#include "domain/delivery.h"
#include "domain/people.h"
#include "fuzz_assert.h"
#include "services/shipments/delivery_input.h"

namespace {

namespace in = sahayak::services::delivery_input;
using sahayak::domain::PostalAddress;

void CheckText(const std::string& s, size_t max, std::string_view input) {
  FUZZ_ASSERT_FALSE(sahayak::CodePointCount(s) > max, "text over its limit", input);
  FUZZ_ASSERT_FALSE(sahayak::ToNfc(s) != s, "text not in NFC", input);
}

void CheckAddress(const PostalAddress& a, std::string_view input) {
  FUZZ_ASSERT_FALSE(a.line1.empty() || a.city.empty() || a.pin.empty(),
                    "an address without line1, city or pin", input);
  FUZZ_ASSERT_FALSE(a.country.size() != 2, "a country that is not two letters", input);
  if (a.country == "IN") {
    bool six = a.pin.size() == 6 && a.pin[0] != '0';
    for (char c : a.pin) six = six && c >= '0' && c <= '9';
    FUZZ_ASSERT_FALSE(!six, "an Indian PIN that is not six digits", input);
  }
  CheckText(a.line1, in::kMaxAddressLineChars, input);
  CheckText(a.line2, in::kMaxAddressLineChars, input);
}

void CheckRefusal(const sahayak::Status& st, std::string_view input) {
  FUZZ_ASSERT_FALSE(st.code() != sahayak::Code::kInvalidArgument,
                    "a refusal that is not invalid-argument", input);
  FUZZ_ASSERT_FALSE(st.fields().empty() && st.message().empty(),
                    "a refusal without a reason", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const nlohmann::json doc = nlohmann::json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return 0;

  auto prefs = in::ReadPreferences(doc);
  if (!prefs.ok()) {
    CheckRefusal(prefs.status(), input);
  } else {
    size_t at = 0;
    FUZZ_ASSERT_FALSE(!sahayak::domain::WindowsProblem(prefs->windows, &at).empty(),
                      "windows accepted that cannot be kept", input);
    FUZZ_ASSERT_FALSE(!prefs->time_zone.empty() &&
                          !sahayak::domain::IsValidTimeZone(prefs->time_zone),
                      "an unknown time zone accepted", input);
    CheckText(prefs->safe_place, sahayak::domain::kMaxSafePlaceChars, input);
    if (prefs->alternate_address) CheckAddress(*prefs->alternate_address, input);
    auto again = in::ReadPreferences(in::PreferencesMembers(*prefs));
    FUZZ_ASSERT_FALSE(!again.ok(), "preferences shown back are refused", input);
    FUZZ_ASSERT_FALSE(again->windows != prefs->windows ||
                          again->alternate_address != prefs->alternate_address ||
                          again->quiet_hours != prefs->quiet_hours ||
                          again->safe_place != prefs->safe_place ||
                          again->time_zone != prefs->time_zone,
                      "preferences change when shown back and read again", input);
  }

  auto request = in::ReadDeliveryRequest(doc);
  if (!request.ok()) {
    CheckRefusal(request.status(), input);
    return 0;
  }
  const std::string& kind = request->kind;
  FUZZ_ASSERT_FALSE(kind != "reschedule" && kind != "window" && kind != "address" &&
                        kind != "safe_place",
                    "an unknown kind accepted", input);
  if (kind == "reschedule") {
    FUZZ_ASSERT_FALSE(!sahayak::IsValidDate(request->date), "a date that is not one", input);
  }
  if (kind == "window" && request->window) {
    FUZZ_ASSERT_FALSE(!sahayak::domain::DeliveryWindowProblem(*request->window).empty(),
                      "a delivery window outside the rules", input);
  }
  if (kind == "address" &&
      request->address_choice == in::DeliveryRequestInput::AddressChoice::kGiven) {
    CheckAddress(request->address, input);
  }
  if (kind == "safe_place") {
    CheckText(request->safe_place, sahayak::domain::kMaxSafePlaceChars, input);
  }
  return 0;
}
