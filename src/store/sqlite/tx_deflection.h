#pragma once

#include "services/deflection/deflection_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

// Deflection attempts and clicks over one SQLite connection (tx_deflection.cc). A member of
// SqliteTx, so it runs inside SqliteTx's transaction. Not thread-safe.
class SqliteDeflectionTx final : public services::DeflectionWriteTx {
 public:
  explicit SqliteDeflectionTx(Connection* conn) : c_(conn) {}

  Result<services::DeflectionAttempt> GetDeflectionAttempt(domain::Id ws,
                                                           std::string_view token) override;
  Result<std::vector<services::DeflectionAttempt>> ListDeflectionAttempts(domain::Id ws,
                                                                          Millis from,
                                                                          Millis to) override;
  Result<std::vector<services::DeflectionClick>> ListDeflectionClicks(domain::Id ws, Millis from,
                                                                      Millis to) override;
  Status InsertDeflectionAttempt(services::DeflectionAttempt* a) override;
  Status UpdateDeflectionAttempt(const services::DeflectionAttempt& a) override;
  Status InsertDeflectionClick(domain::Id ws, const services::DeflectionClick& c) override;

 private:
  Connection* c_;
};

}  // namespace sahayak::store
