#pragma once

#include <vector>

#include "domain/macro.h"
#include "services/principal.h"
#include "services/store.h"

// Who may see which macro (macro_service.cc, macro_apply.cc); internal to services/macros.
namespace sahayak::services {

// The groups `who` belongs to (admins: all of them count, see MaySee).
Result<std::vector<domain::Id>> AgentGroups(ReadTx& tx, const Principal& who);

// Their own personal macros; shared ones unless limited to a group they are not in (admins
// see every shared macro).
bool MaySee(const Principal& who, const std::vector<domain::Id>& groups, const domain::Macro& m);

// The macro, if `who` may see it; NotFound otherwise.
Result<domain::Macro> Visible(ReadTx& tx, const Principal& who, domain::Id id);

}  // namespace sahayak::services
