#pragma once

#include <string>
#include <vector>

#include "domain/macro.h"
#include "services/principal.h"
#include "services/store.h"

// What the placeholders of a text about ticket `t`, written by `who`, stand for (macros'
// replies and notes, rules' replies, notes and notifications; docs/macros.md lists them), and
// the languages its reader may want, best first (the ticket's, then the requester's).
namespace sahayak::services {

Result<domain::PlaceholderValues> TemplateValues(ReadTx& tx, const Principal& who,
                                                 const domain::Ticket& t,
                                                 std::vector<std::string>* languages);

}  // namespace sahayak::services
