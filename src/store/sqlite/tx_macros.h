#pragma once

#include "services/macros/macros_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

// Macros over one SQLite connection (tx_macros.cc, migration 0022). A member of SqliteTx, so
// it runs inside SqliteTx's transaction. Not thread-safe.
class SqliteMacroTx final : public services::MacroWriteTx {
 public:
  explicit SqliteMacroTx(Connection* conn) : c_(conn) {}

  Result<domain::Macro> GetMacro(domain::Id ws, domain::Id id) override;
  Result<std::vector<domain::Macro>> ListMacrosFor(domain::Id ws, domain::Id agent_id) override;
  Result<int64_t> CountMacros(domain::Id ws, std::optional<domain::Id> owner) override;

  Status InsertMacro(domain::Macro* m) override;
  Status UpdateMacro(const domain::Macro& m) override;
  Status DeleteMacro(domain::Id ws, domain::Id id) override;
  Status RecordMacroUse(domain::Id ws, domain::Id id, Millis at) override;

 private:
  Connection* c_;
};

}  // namespace sahayak::store
