#pragma once

#include "services/hours/hours_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

// Business hours over one SQLite connection (tx_hours.cc, migration 0021). A member of
// SqliteTx, so it runs inside SqliteTx's transaction. Not thread-safe.
class SqliteHoursTx final : public services::HoursWriteTx {
 public:
  explicit SqliteHoursTx(Connection* conn) : c_(conn) {}

  Result<std::vector<services::BusinessHoursRecord>> ListBusinessHours(domain::Id ws) override;
  Result<services::BusinessHoursRecord> GetBusinessHours(domain::Id ws, domain::Id id) override;
  Result<std::optional<domain::Id>> BusinessHoursOfGroup(domain::Id ws,
                                                         domain::Id group_id) override;
  Result<std::optional<domain::Id>> DefaultBusinessHours(domain::Id ws) override;

  Status InsertBusinessHours(services::BusinessHoursRecord* r) override;
  Status UpdateBusinessHours(const services::BusinessHoursRecord& r) override;
  Status DeleteBusinessHours(domain::Id ws, domain::Id id) override;

 private:
  Status LoadChildren(services::BusinessHoursRecord* r);
  Status WriteChildren(const services::BusinessHoursRecord& r);
  Status ClearOtherDefaults(const services::BusinessHoursRecord& r);
  Connection* c_;
};

}  // namespace sahayak::store
