#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/macro.h"

// Macros' storage (docs/macros.md; migration 0022). Reached through ReadTx::macros() and
// WriteTx::macros() (services/store.h); store/sqlite/tx_macros.cc implements it inside the
// store's transaction. Methods answer NotFound for ids outside the workspace.
namespace sahayak::services {

class MacroReadTx {
 public:
  virtual ~MacroReadTx() = default;

  virtual Result<domain::Macro> GetMacro(domain::Id ws, domain::Id id) = 0;
  // The shared macros and those `agent_id` owns, by name then id (everything an agent may
  // see before the group restriction). Admins see no one else's personal macros either.
  virtual Result<std::vector<domain::Macro>> ListMacrosFor(domain::Id ws, domain::Id agent_id) = 0;
  // How many macros `owner` has (nullopt: how many shared ones there are).
  virtual Result<int64_t> CountMacros(domain::Id ws, std::optional<domain::Id> owner) = 0;
};

class MacroWriteTx : public MacroReadTx {
 public:
  // AlreadyExists (naming "name") when the owner has a macro of that name.
  virtual Status InsertMacro(domain::Macro* m) = 0;
  virtual Status UpdateMacro(const domain::Macro& m) = 0;
  virtual Status DeleteMacro(domain::Id ws, domain::Id id) = 0;
  // One more use at `at`: usage_count + 1 and last_used_at, without touching the version.
  virtual Status RecordMacroUse(domain::Id ws, domain::Id id, Millis at) = 0;
};

}  // namespace sahayak::services
