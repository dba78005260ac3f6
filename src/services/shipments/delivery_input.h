#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "domain/delivery.h"
#include "domain/json_input.h"

// The input rules of delivery preferences and delivery requests (docs/shipments.md, "Delivery
// preferences and self-service") that need no storage, and their JSON. Pure functions, so
// tests/fuzz/fuzz_delivery_input.cc can feed them anything. Errors name each bad member.
namespace sahayak::services::delivery_input {

inline constexpr size_t kMaxAddressLineChars = 200;

// A body {windows?, time_zone?, language?, safe_place?, alternate_address?, preferred_channel?,
// quiet_hours?}; a member left out (or null) is "not set".
Result<domain::DeliveryPreferences> ReadPreferences(const nlohmann::json& body);
// Those members of `p`, as the API shows them.
nlohmann::json PreferencesMembers(const domain::DeliveryPreferences& p);

// An address object; errors named `key.member` on `in`. `line1`, `city` and `pin` are
// required; `country` defaults to "IN", where a PIN is six digits not starting with 0.
bool ReadAddress(domain::JsonInput* in, const nlohmann::json& v, const std::string& key,
                 domain::PostalAddress* out);
nlohmann::json AddressJson(const std::optional<domain::PostalAddress>& a);
nlohmann::json WindowsJson(const std::vector<domain::WeeklyWindow>& windows);
nlohmann::json ClockRangeJson(const std::optional<domain::ClockRange>& r);

// One delivery request: {"kind": "reschedule", "date"} | {"kind": "window", "window":
// {from, until} | null} | {"kind": "address", "address": "alternate" | {…} | null} |
// {"kind": "safe_place", "safe_place"}.
struct DeliveryRequestInput {
  enum class AddressChoice { kBooked, kAlternate, kGiven };
  std::string kind;
  std::string date;
  std::optional<domain::ClockRange> window;
  AddressChoice address_choice = AddressChoice::kBooked;
  domain::PostalAddress address;
  std::string safe_place;
};
Result<DeliveryRequestInput> ReadDeliveryRequest(const nlohmann::json& body);

}  // namespace sahayak::services::delivery_input
