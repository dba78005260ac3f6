#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "domain/shipment.h"
#include "services/principal.h"
#include "services/shipments/carrier_request_store.h"
#include "services/store.h"
#include "services/webhooks/outbound.h"

// Telling carriers about customers' delivery requests (docs/shipments.md, "Telling the
// carrier"). A carrier may name an endpoint of its own system (`requests_url`, http or https)
// with a signing secret the server makes, seals at rest and shows once. Every delivery request
// for a shipment of a carrier whose endpoint is on is queued in the request's own transaction
// (carrier_request_deliveries) and POSTed by app/carrier_request_worker.h, signed like the
// tracking webhooks Sahayak receives, with the request's id as Idempotency-Key. Use cases run
// inside the caller's transaction. Thread-safe (set_on_queued once before use).
namespace sahayak::services {

inline constexpr char kCarrierSecretPrefix[] = "crsec_";

// What a carrier's requests endpoint looks like after a change, with the secret when one was
// made (shown this once).
struct EndpointResult {
  CarrierEndpoint endpoint;
  int64_t version = 0;  // the carrier's version now
  Millis updated_at = 0;
  std::optional<std::string> secret;
};

// A carrier with its endpoint, as the API shows it.
struct CarrierWithEndpoint {
  domain::Carrier carrier;
  CarrierEndpoint endpoint;
  std::optional<std::string> secret;  // only just after it was made
};

class CarrierRequestService {
 public:
  // `secret_key`: the server's secret (app/secret_key.cc); endpoint secrets are sealed with it.
  CarrierRequestService(const Clock& clock, std::string secret_key)
      : clock_(clock), secret_key_(std::move(secret_key)) {}

  // Called inside the write transaction after a row is queued (or re-queued), to wake the
  // sender; it claims through the same store's writer, so it sees the row once committed.
  void set_on_queued(std::function<void()> f) { on_queued_ = std::move(f); }

  // The members of a carrier body that belong to its endpoint, and the rest.
  static bool IsEndpointMember(std::string_view key) {
    return key == "requests_url" || key == "requests_enabled";
  }

  // Applies `requests_url` ("" or null: none) and `requests_enabled` of `members` to the
  // carrier (admins only): InvalidArgument naming `requests_url` for an address that is not
  // http(s) or longer than 2,000 characters. A first address makes the signing secret. When
  // anything changed, the carrier's version goes up (once: `version_now` is the version the
  // caller's own change left it at, `version_before` the one it had) and an audit event
  // `carrier.requests_endpoint_updated` is recorded.
  Result<EndpointResult> UpdateEndpoint(WriteTx& tx, const Principal& who, Id carrier_id,
                                        const nlohmann::json& members, int64_t version_before,
                                        int64_t version_now) const;
  // A new signing secret (admins only), shown once; the old one stops at once. Conflict when
  // the carrier has no requests URL; Aborted ("precondition-failed") when `if_match` is stale.
  Result<EndpointResult> RotateSecret(WriteTx& tx, const Principal& who, Id carrier_id,
                                      std::optional<int64_t> if_match) const;

  // Carriers with their endpoints (any agent; the secret never).
  Result<CarrierWithEndpoint> GetCarrier(ReadTx& tx, const Principal& who, Id carrier_id) const;
  Result<std::vector<CarrierWithEndpoint>> ListCarriers(ReadTx& tx, const Principal& who) const;

  // Queues `r` for its shipment's carrier when the carrier's endpoint is on (else nothing).
  Status Queue(WriteTx& tx, const DeliveryRequestRecord& r, const domain::Shipment& s) const;
  // The carrier rows of these requests, by request id.
  Result<std::map<Id, CarrierRequestDelivery>> States(ReadTx& tx, Id ws,
                                                      const std::vector<Id>& request_ids) const;
  // Queues a dead request again (admins only): pending, no attempts, due now; an audit event
  // `shipment.delivery_request_requeued`. NotFound when the shipment has no such request or it
  // was never for a carrier; Conflict when it is not dead.
  Result<CarrierRequestDelivery> Retry(WriteTx& tx, const Principal& who, Id shipment_id,
                                       Id request_id) const;

  // Opens a job's sealed secret.
  Result<std::string> OpenEndpointSecret(const CarrierEndpoint& e) const;

 private:
  void Notify() const {
    if (on_queued_) on_queued_();
  }

  const Clock& clock_;
  const std::string secret_key_;
  std::function<void()> on_queued_;
};

// ---- what the sender sends (pure; unit-tested; the signature, the meaning of answers and the
// backoff are services/webhooks/outbound.h) ----

// The JSON body POSTed for a request: {id, kind, details, shipment: {id, tracking_number,
// carrier}, requested_by: {type, name}, via, created_at}, compact.
std::string CarrierRequestBody(const CarrierRequestJob& job);

// A request's carrier state as the API shows it (`carrier`: state, attempts, sent_at,
// last_error, response_status, next_attempt_at), or null when it was never for a carrier.
nlohmann::json CarrierDeliveryJson(const std::optional<CarrierRequestDelivery>& d);

}  // namespace sahayak::services
