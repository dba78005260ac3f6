#pragma once

#include "services/analytics/analytics_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

// The operations figures' reads over one SQLite connection (tx_analytics.cc). A member of
// SqliteTx, so it runs inside SqliteTx's transaction. Not thread-safe.
class SqliteAnalyticsTx final : public services::AnalyticsReadTx {
 public:
  explicit SqliteAnalyticsTx(Connection* conn) : c_(conn) {}

  Status ForEachShipmentOutcome(
      const services::ShipmentCohort& cohort,
      const std::function<void(const services::ShipmentOutcome&)>& fn) override;
  Status ForEachShipmentContact(
      const services::ShipmentCohort& cohort,
      const std::function<void(const services::ShipmentContact&)>& fn) override;
  Status ForEachNoticeFollowUp(
      const services::ShipmentCohort& cohort, Millis window,
      const std::function<void(const services::NoticeFollowUp&)>& fn) override;
  Status ForEachChat(const services::ChatCohort& cohort,
                     const std::function<void(const services::ChatOutcome&)>& fn) override;

 private:
  Connection* c_;
};

}  // namespace sahayak::store
