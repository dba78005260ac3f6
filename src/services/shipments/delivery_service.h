#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "domain/delivery.h"
#include "services/principal.h"
#include "services/shipments/shipment_store.h"
#include "services/store.h"

// Delivery preferences of contacts and organisations, and the requests a customer makes for a
// parcel — reschedule, a window on the delivery day, another address before it goes out for
// delivery, a safe place (docs/shipments.md, "Delivery preferences and self-service"). Agents
// act through the API and console; customers through the portal, where the caller has already
// checked that the parcel is theirs. Every request is recorded on the shipment and on the
// customer's timeline (audit events of the contact). Runs inside the caller's transaction.
// Thread-safe.
namespace sahayak::services {

// Preferences as the API shows them: the owner's own, the merged ones, and where the rest
// come from.
struct PreferencesView {
  domain::DeliveryPreferences own;
  domain::DeliveryPreferences effective;  // own → organisation's → workspace's zone, language
  std::optional<domain::Organisation> inherited_from;
};

// What a parcel's customer may still change, worked out now.
struct DeliveryOptions {
  std::string time_zone;                     // the customer's, else the workspace's
  std::vector<domain::WeeklyWindow> windows;  // the customer's weekly windows
  std::optional<domain::PostalAddress> alternate_address;
  domain::DeliveryActions allowed;
  std::vector<std::string> allowed_dates;    // kept empty when rescheduling is not allowed
};

struct DeliveryRequestDone {
  DeliveryRequestRecord request;
  domain::Shipment shipment;
};

class CarrierRequestService;

class DeliveryService {
 public:
  explicit DeliveryService(const Clock& clock) : clock_(clock) {}

  // Passes every request on to its carrier's endpoint (services/shipments/carrier_requests.h),
  // queued in the request's transaction; set once before use (null: none are passed on).
  void set_carrier_requests(const CarrierRequestService* c) { carrier_requests_ = c; }

  // owner_type "contact" | "organisation"; NotFound when there is no such owner.
  Result<PreferencesView> GetPreferences(ReadTx& tx, Id ws, const std::string& owner_type,
                                         Id owner_id) const;
  // Replaces the owner's preferences (any agent); a contact's language and time zone are the
  // contact's own. `if_match`: the version last seen (0 when never saved).
  Result<PreferencesView> PutPreferences(WriteTx& tx, const Principal& who,
                                         const std::string& owner_type, Id owner_id,
                                         const nlohmann::json& body,
                                         std::optional<int64_t> if_match) const;
  // The effective preferences of a parcel's customer (all defaults when it has none).
  Result<domain::DeliveryPreferences> ForContact(ReadTx& tx, Id ws,
                                                 std::optional<Id> contact_id) const;
  // The same for a contact and workspace the caller has read already (the notifier, per
  // tracking event): reads only the stored preferences.
  Result<domain::DeliveryPreferences> ForContact(ReadTx& tx, const Workspace& w,
                                                 const domain::Contact& c) const;

  Result<DeliveryOptions> Options(ReadTx& tx, const domain::Shipment& s) const;

  // One request for shipment `shipment_id` by `actor` through `via` (portal | console | api |
  // assistant). InvalidArgument naming the member (a date not allowed, a short window, an
  // address in another country); a conflict ("the parcel is already out for delivery") when
  // its status no longer allows that change.
  Result<DeliveryRequestDone> Request(WriteTx& tx, Id ws, const domain::Actor& actor,
                                      const std::string& via, Id shipment_id,
                                      const nlohmann::json& body) const;
  Result<std::vector<DeliveryRequestRecord>> Requests(ReadTx& tx, Id ws, Id shipment_id) const;

 private:
  const Clock& clock_;
  const CarrierRequestService* carrier_requests_ = nullptr;
};

// The details of a request as the API shows them.
nlohmann::json DeliveryRequestJson(const DeliveryRequestRecord& r);

}  // namespace sahayak::services
