#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/types.h"
#include "services/shipments/shipment_store.h"

// Delivery requests passed on to carriers (docs/shipments.md, "Telling the carrier";
// migration 0019): each carrier's requests endpoint (columns of `carriers`) and the durable
// queue `carrier_request_deliveries`. Reached through ReadTx::carrier_requests() and
// WriteTx::carrier_requests() (services/store.h); store/sqlite/tx_carrier_requests.cc
// implements it inside the store's transaction. Methods that take the workspace answer
// NotFound for ids outside it.
namespace sahayak::services {

// A carrier's endpoint for delivery requests; `url` empty when it has none.
struct CarrierEndpoint {
  Id workspace_id = 0;
  Id carrier_id = 0;
  std::string url;
  bool enabled = true;
  std::string secret_sealed;  // SealSecret of the signing secret; "" until a URL is first set
  std::string secret_hint;    // the secret's last four characters

  // Requests are queued for this carrier and sent.
  bool active() const { return enabled && !url.empty() && !secret_sealed.empty(); }
};

// One delivery request's way to its carrier.
struct CarrierRequestDelivery {
  Id id = 0;
  Id workspace_id = 0;
  Id delivery_request_id = 0;
  Id carrier_id = 0;
  std::string state = "pending";  // pending | sent | dead
  int attempts = 0;               // tries begun
  Millis next_attempt_at = 0;     // due time; while claimed, the end of the claim
  std::string last_error;
  std::optional<int64_t> response_status;  // the carrier's last HTTP status
  std::optional<Millis> sent_at;
  Millis created_at = 0;
  Millis updated_at = 0;
};

// Everything the sender needs for one claimed row, read in one transaction.
struct CarrierRequestJob {
  CarrierRequestDelivery delivery;
  DeliveryRequestRecord request;
  std::string tracking_number;
  std::string carrier_code;
  std::string carrier_name;
  CarrierEndpoint endpoint;
};

class CarrierRequestReadTx {
 public:
  virtual ~CarrierRequestReadTx() = default;

  // NotFound when the workspace has no such carrier.
  virtual Result<CarrierEndpoint> GetCarrierEndpoint(Id ws, Id carrier_id) = 0;
  // Every carrier of the workspace, by carrier id.
  virtual Result<std::vector<CarrierEndpoint>> ListCarrierEndpoints(Id ws) = 0;
  // The rows of those delivery requests that have one (at most one each), by request id.
  virtual Result<std::vector<CarrierRequestDelivery>> ListRequestDeliveries(
      Id ws, const std::vector<Id>& delivery_request_ids) = 0;
  // NotFound when the request has no row (its carrier had no endpoint when it was made).
  virtual Result<CarrierRequestDelivery> GetRequestDelivery(Id ws, Id delivery_request_id) = 0;
  // Any workspace's row, with its request, shipment and carrier; NotFound when gone.
  virtual Result<CarrierRequestJob> GetCarrierRequestJob(Id delivery_id) = 0;
};

class CarrierRequestWriteTx : public virtual CarrierRequestReadTx {
 public:
  // Writes the endpoint members and the carrier's updated_at and version.
  virtual Status UpdateCarrierEndpoint(const CarrierEndpoint& e, Millis updated_at,
                                       int64_t version) = 0;
  // Fills in the id.
  virtual Status InsertRequestDelivery(CarrierRequestDelivery* d) = 0;
  // Every workspace's pending rows due at `now` whose carrier's endpoint is active, oldest
  // due first, at most `limit`: each gets one more attempt and next_attempt_at = lease_until.
  virtual Result<std::vector<CarrierRequestDelivery>> ClaimRequestDeliveries(Millis now,
                                                                             Millis lease_until,
                                                                             int limit) = 0;
  // The outcome of an attempt: state, next_attempt_at, last_error, response_status, sent_at,
  // attempts and updated_at as given (by id).
  virtual Status UpdateRequestDelivery(const CarrierRequestDelivery& d) = 0;
};

}  // namespace sahayak::services
