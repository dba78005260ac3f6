#pragma once

#include "services/shipments/carrier_request_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

// Carriers' requests endpoints and the delivery-request queue over one SQLite connection
// (tx_carrier_requests.cc, migration 0019). A member of SqliteTx, so it runs inside
// SqliteTx's transaction. Not thread-safe.
class SqliteCarrierRequestTx final : public services::CarrierRequestWriteTx {
 public:
  explicit SqliteCarrierRequestTx(Connection* conn) : c_(conn) {}

  Result<services::CarrierEndpoint> GetCarrierEndpoint(domain::Id ws,
                                                       domain::Id carrier_id) override;
  Result<std::vector<services::CarrierEndpoint>> ListCarrierEndpoints(domain::Id ws) override;
  Result<std::vector<services::CarrierRequestDelivery>> ListRequestDeliveries(
      domain::Id ws, const std::vector<domain::Id>& delivery_request_ids) override;
  Result<services::CarrierRequestDelivery> GetRequestDelivery(
      domain::Id ws, domain::Id delivery_request_id) override;
  Result<services::CarrierRequestJob> GetCarrierRequestJob(domain::Id delivery_id) override;

  Status UpdateCarrierEndpoint(const services::CarrierEndpoint& e, Millis updated_at,
                               int64_t version) override;
  Status InsertRequestDelivery(services::CarrierRequestDelivery* d) override;
  Result<std::vector<services::CarrierRequestDelivery>> ClaimRequestDeliveries(Millis now,
                                                                               Millis lease_until,
                                                                               int limit) override;
  Status UpdateRequestDelivery(const services::CarrierRequestDelivery& d) override;

 private:
  Connection* c_;
};

}  // namespace sahayak::store
