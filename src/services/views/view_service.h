#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "base/clock.h"
#include "domain/saved_view.h"
#include "services/principal.h"
#include "services/store.h"

namespace sahayak::services {

// Saved inbox views (docs/api/README.md, "View"). An agent sees their own views and the shared
// ones; another agent's personal view is NotFound for everyone else, admins included. Only
// admins create, change or delete shared views (PermissionDenied otherwise). Each call runs in
// the caller's transaction and records its audit event there. Thread-safe.
class ViewService {
 public:
  explicit ViewService(const Clock& clock) : clock_(clock) {}

  static constexpr int64_t kMaxViewsPerOwner = 100;

  Result<std::vector<domain::SavedView>> List(ReadTx& tx, const Principal& who);
  Result<domain::SavedView> Get(ReadTx& tx, const Principal& who, Id id);
  Result<domain::SavedView> Create(WriteTx& tx, const Principal& who, const nlohmann::json& body);
  Result<domain::SavedView> Update(WriteTx& tx, const Principal& who, Id id,
                                   const nlohmann::json& body, std::optional<int64_t> if_match);
  Status Delete(WriteTx& tx, const Principal& who, Id id);

 private:
  const Clock& clock_;
};

}  // namespace sahayak::services
