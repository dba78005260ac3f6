#pragma once

#include <optional>
#include <vector>

#include "base/status.h"
#include "domain/import.h"
#include "domain/types.h"

// CSV import jobs (docs/imports.md, migration 0016), reached through ReadTx::imports() and
// WriteTx::imports() (services/store.h); store/sqlite/tx_imports.cc implements it inside the
// store's transaction. Every method but ListPendingImports takes the workspace and answers
// NotFound for ids outside it.
namespace sahayak::services {

class ImportReadTx {
 public:
  virtual ~ImportReadTx() = default;
  virtual Result<domain::ImportJob> GetImport(domain::Id ws, domain::Id id) = 0;
  // Newest first (id descending) below `before`, at most `limit`.
  virtual Result<std::vector<domain::ImportJob>> ListImports(domain::Id ws,
                                                             std::optional<domain::Id> before,
                                                             int limit) = 0;
  // Queued or running jobs of every workspace, oldest first: what the import worker runs.
  virtual Result<std::vector<domain::ImportJob>> ListPendingImports(int limit) = 0;
};

class ImportWriteTx : public virtual ImportReadTx {
 public:
  virtual Status InsertImport(domain::ImportJob* j) = 0;
  // Status, counts, errors, attempts and times.
  virtual Status UpdateImport(const domain::ImportJob& j) = 0;
};

}  // namespace sahayak::services
