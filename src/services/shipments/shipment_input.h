#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "domain/json_input.h"
#include "domain/shipment.h"

// The input rules of shipments (docs/shipments.md) that need no storage: members of carriers,
// shipments and places, batches of tracking events, and the signature of a webhook delivery.
// Pure functions, so tests/fuzz/fuzz_tracking_input.cc can feed them anything.
namespace sahayak::services::shipment_input {

using domain::Id;

inline constexpr size_t kMaxNameChars = 100;
inline constexpr size_t kMaxTextChars = 500;  // places, descriptions, reasons, services
inline constexpr size_t kMaxEventIdChars = 100;
inline constexpr size_t kMaxEventsPerBatch = 1000;
inline constexpr Millis kMaxFutureMs = 24LL * 3600 * 1000;  // carriers' clocks drift; not by a day
inline constexpr int64_t kWebhookWindowSeconds = 300;  // signatures older or newer are refused

std::string AsciiUpper(std::string_view s);

// Trimmed NFC text of at most `max` characters, without control characters; false (with the
// error) otherwise. Absent members leave `out` alone.
bool Text(domain::JsonInput* in, std::string_view key, std::string* out, size_t max,
          bool required = false);

// A place {city, pin, country} or null (cleared); errors named `key.member`.
void ReadPlace(domain::JsonInput* in, const nlohmann::json& body, const char* key,
               domain::ShipmentPlace* place);

// "YYYY-MM-DD" or null; `*out` engaged when the member is present.
void ReadDate(domain::JsonInput* in, const nlohmann::json& body, const char* key,
              std::optional<std::optional<std::string>>* out);

// The required member "tracking_number", normalised (domain::NormaliseTrackingNumber); false
// (with the error) otherwise.
bool ReadTrackingNumber(domain::JsonInput* in, std::string* out);

// One checked tracking event of a batch.
struct TrackingEventInput {
  Id carrier_id = 0;
  std::string tracking_number;  // normalised
  domain::TrackingEvent event;  // event_id derived from the content when the carrier sent none
  std::optional<std::string> eta;
};

// A carrier code's id in the workspace, nullopt when it has none; an error only when storage
// fails.
using CarrierResolver = std::function<Result<std::optional<Id>>(const std::string& code)>;

// The id an event without the carrier's own id gets: a digest of what it says, so the same
// event sent twice is recognised.
std::string DerivedEventId(const domain::TrackingEvent& e);

// Every event of the batch `{"events": [...]}`, checked; InvalidArgument naming
// `events[i].member` for each bad member otherwise. `now` bounds occurred_at (a day ahead).
Result<std::vector<TrackingEventInput>> ReadTrackingEvents(const nlohmann::json& body, Millis now,
                                                           const CarrierResolver& carrier_of);

// A webhook delivery's X-Sahayak-Timestamp (Unix seconds, within kWebhookWindowSeconds of
// `now_seconds`) and X-Sahayak-Signature (`sha256=` and the hex HMAC-SHA256 of
// "<timestamp>.<body>" under `secret`); Unauthenticated of kind "invalid-signature" otherwise.
Status CheckSignature(std::string_view secret, std::string_view timestamp,
                      std::string_view signature, std::string_view body, int64_t now_seconds);

}  // namespace sahayak::services::shipment_input
