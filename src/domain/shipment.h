#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/types.h"

// Shipments and their tracking events (docs/shipments.md): the entities and the pure rules —
// statuses, tracking numbers, money, and whether a shipment is late.
namespace sahayak::domain {

enum class ShipmentStatus {
  kBooked,
  kPickedUp,
  kInTransit,
  kOutForDelivery,
  kDelivered,
  kDeliveryFailed,    // with a reason: the carrier's NDR (non-delivery report)
  kReturnedToOrigin,  // RTO
  kLost,
  kDamaged,
};
inline constexpr const char* kShipmentStatusNames =
    "booked, picked_up, in_transit, out_for_delivery, delivered, delivery_failed, "
    "returned_to_origin, lost, damaged";
const char* ShipmentStatusName(ShipmentStatus s);
std::optional<ShipmentStatus> ParseShipmentStatus(std::string_view name);
// Nothing more is expected to happen: delivered, returned to origin, lost or damaged.
bool IsFinal(ShipmentStatus s);

struct Carrier {
  Id id = 0;
  Id workspace_id = 0;
  std::string code;              // [a-z0-9_-], 2-32 characters: "bluedart"
  std::string name;              // "Blue Dart"
  std::string tracking_pattern;  // ICU regular expression over upper-case text, or ""
  std::string tracking_url;      // "https://…{number}…", or ""
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

struct ShipmentPlace {
  std::string city;
  std::string pin;      // postal code (India: six-digit PIN)
  std::string country;  // ISO 3166-1 alpha-2, upper-case, or ""
};

// A postal address a customer gives (an alternate address, or where a parcel goes instead).
struct PostalAddress {
  std::string name;
  std::string line1;
  std::string line2;
  std::string city;
  std::string pin;      // India: six digits
  std::string country;  // ISO 3166-1 alpha-2, upper-case
  std::string phone;
  bool operator==(const PostalAddress&) const = default;
};

// A span of one day's local time, in minutes from midnight: [from, until), until ≤ 1440.
struct ClockRange {
  int from = 0;
  int until = 0;
  bool operator==(const ClockRange&) const = default;
};

// What the customer asked for this parcel (docs/shipments.md, "Delivery preferences and
// self-service"); all empty: as booked.
struct ShipmentDelivery {
  std::optional<std::string> date;           // "YYYY-MM-DD": rescheduled to this day
  std::optional<ClockRange> window;          // on the delivery day, destination's local time
  std::optional<PostalAddress> address;      // deliver here instead of the booked address
  std::string safe_place;                    // where to leave it when nobody answers
};

struct Shipment {
  Id id = 0;
  Id workspace_id = 0;
  Id carrier_id = 0;
  std::string carrier_code;  // read with the shipment
  std::string carrier_name;
  std::string carrier_url;   // the carrier's tracking_url template
  std::string tracking_number;
  std::string service;
  ShipmentPlace origin;
  ShipmentPlace destination;
  std::optional<int64_t> weight_grams;
  std::optional<int64_t> cod_minor;  // cash on delivery, minor units (paise)
  std::string cod_currency;          // ISO 4217, "" when no COD
  std::optional<std::string> promised_date;  // "YYYY-MM-DD"
  std::optional<std::string> eta;            // "YYYY-MM-DD"
  ShipmentStatus status = ShipmentStatus::kBooked;
  std::string status_reason;  // the newest event's reason (NDR for delivery_failed)
  std::optional<Id> contact_id;
  std::optional<Id> organisation_id;
  std::string order_ref;
  std::optional<Millis> last_event_at;
  int last_event_offset = 0;  // minutes east of UTC of the newest event
  ShipmentDelivery delivery;
  Millis created_at = 0;
  // When the parcel was booked: the earlier of its registration here and its first tracking
  // event, so shipments loaded after the fact count in their own period (docs/analytics.md).
  Millis booked_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

struct TrackingEvent {
  Id id = 0;
  Id workspace_id = 0;
  Id shipment_id = 0;
  std::string event_id;  // the carrier's, unique per shipment
  ShipmentStatus status = ShipmentStatus::kInTransit;
  std::string reason;
  Millis occurred_at = 0;
  int utc_offset_minutes = 0;
  std::string place;
  std::string description;
  Millis received_at = 0;
};

// " bd 1234-5678 in " → "BD1234-5678IN": spaces dropped, ASCII letters upper-cased; then 4-40
// characters of A-Z, 0-9 and '-', with at least one digit. InvalidArgument otherwise.
Result<std::string> NormaliseTrackingNumber(std::string_view text);
bool IsValidCarrierCode(std::string_view code);

// "499", "499.5", "499.50" → 49950 minor units; at most two decimals, below 10^13.
std::optional<int64_t> ParseMoneyMinor(std::string_view text);
std::string FormatMoneyMinor(int64_t minor);  // 49950 → "499.50"

// The day the parcel is due: the promised date, or the day the customer rescheduled it to when
// that is later (a customer's own choice never makes a parcel late); nullopt when neither.
std::optional<std::string> DueDate(const Shipment& s);

// Late: a due date is set, the parcel has not reached the customer (not delivered and
// not returned to origin), and either the carrier's ETA is after the due date or `today`
// ("YYYY-MM-DD" where the workspace is) is.
bool IsLate(const Shipment& s, const std::string& today);

// The tracking page of `number` from a carrier's URL template ("{number}" replaced by the
// number, which is [A-Z0-9-] and needs no escaping); "" when there is no template.
std::string TrackingUrl(const std::string& url_template, const std::string& number);

}  // namespace sahayak::domain
