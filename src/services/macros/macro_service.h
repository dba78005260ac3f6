#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "domain/macro.h"
#include "services/principal.h"
#include "services/store.h"
#include "services/tickets/ticket_service.h"

namespace sahayak::services {

struct MacroQuery {
  std::string q;             // case-folded substring of the name or description; "" = all
  bool active_only = false;  // the pickers want only active macros
  bool by_usage = false;     // most used first (then name); otherwise by name
};

// What applying a macro to a ticket does (or would do): the fields it changes, as
// {"status": ["open", "pending"], …} like audit events, the notes it adds and the reply it
// writes, rendered for the ticket in the language chosen.
struct MacroOutcome {
  domain::Macro macro;
  domain::Ticket ticket;  // after the change (Preview: as it would be)
  nlohmann::json changes = nlohmann::json::object();
  std::vector<std::string> notes;
  std::string reply;                    // "" when the macro has none
  std::string reply_language;           // the variant chosen: en | hi | kn, or ""
  std::optional<domain::Message> sent;  // Apply with send: the reply posted
};

// Macros (docs/macros.md). An agent sees the shared macros (those limited to a group only when
// they belong to it; admins see all shared ones) and their own personal ones; another agent's
// personal macro is NotFound for everyone else, admins included. Only admins create, change or
// delete shared macros (PermissionDenied otherwise). Writes run in the caller's transaction
// with their audit events. Thread-safe.
class MacroService {
 public:
  // `tickets` must outlive the service; Apply changes tickets only through it, so audit events,
  // outbox rows (search index, webhooks, mail) happen as for a change by hand.
  MacroService(const Clock& clock, TicketService& tickets) : clock_(clock), tickets_(tickets) {}

  static constexpr int64_t kMaxMacrosPerOwner = 500;

  Result<std::vector<domain::Macro>> List(ReadTx& tx, const Principal& who,
                                          const MacroQuery& query);
  Result<domain::Macro> Get(ReadTx& tx, const Principal& who, Id id);
  // Body members: name, description, shared, group_id, actions, reply ({"en": …}),
  // default_language, active. Each bad one is named in the InvalidArgument.
  Result<domain::Macro> Create(WriteTx& tx, const Principal& who, const nlohmann::json& body);
  Result<domain::Macro> Update(WriteTx& tx, const Principal& who, Id id, const nlohmann::json& body,
                               std::optional<int64_t> if_match);
  Status Delete(WriteTx& tx, const Principal& who, Id id);

  // What Apply would do, writing nothing. InvalidArgument naming the action when it cannot
  // apply (a group deleted since, a closed ticket, a status the ticket cannot move to).
  Result<MacroOutcome> Preview(ReadTx& tx, const Principal& who, Id ticket_id, Id macro_id);
  // Applies the actions through TicketService (each audit event names the macro under "via"),
  // adds its notes, counts the use, and returns the rendered reply for the agent's composer;
  // with `send` the reply is posted as a public message too. All or nothing.
  Result<MacroOutcome> Apply(WriteTx& tx, const Principal& who, Id ticket_id, Id macro_id,
                             bool send);

 private:
  Result<MacroOutcome> Plan(ReadTx& tx, const Principal& who, Id ticket_id, Id macro_id,
                            TicketPatch* patch);

  const Clock& clock_;
  TicketService& tickets_;
};

}  // namespace sahayak::services
