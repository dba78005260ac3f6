#pragma once

#include "services/imports/import_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

// CSV import jobs over one SQLite connection (tx_imports.cc, migration 0016). A member of
// SqliteTx, so it runs inside SqliteTx's transaction. Not thread-safe.
class SqliteImportTx final : public services::ImportWriteTx {
 public:
  explicit SqliteImportTx(Connection* conn) : c_(conn) {}

  Result<domain::ImportJob> GetImport(domain::Id ws, domain::Id id) override;
  Result<std::vector<domain::ImportJob>> ListImports(domain::Id ws,
                                                     std::optional<domain::Id> before,
                                                     int limit) override;
  Result<std::vector<domain::ImportJob>> ListPendingImports(int limit) override;
  Status InsertImport(domain::ImportJob* j) override;
  Status UpdateImport(const domain::ImportJob& j) override;

 private:
  Connection* c_;
};

}  // namespace sahayak::store
