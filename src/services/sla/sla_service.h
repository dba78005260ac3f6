#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/sla.h"
#include "services/principal.h"
#include "services/store.h"

// Service level agreements (docs/sla.md): the policies behind /api/v1/sla-policies, a ticket's
// clocks (computed from its history whenever they are asked for), and the sweep that keeps each
// ticket's SLA row up to date for lists and announces warnings and breaches exactly once.
// Admins write policies, agents read them. Thread-safe (holds only the clock).
namespace sahayak::services {

// A ticket's SLA now: the policy that applies (none: no clocks) and its clocks.
struct TicketSla {
  std::optional<domain::SlaPolicy> policy;
  std::optional<Id> business_hours_id;  // the schedule business-hour targets count in
  std::vector<domain::SlaClock> clocks;
  std::optional<Millis> next_due_at;
  bool breached = false;
};

// How long before a due time the warning comes: a quarter of the target, at most an hour.
Millis SlaWarningLead(const domain::SlaClock& c);

class SlaService {
 public:
  explicit SlaService(const Clock& clock) : clock_(clock) {}

  Result<std::vector<domain::SlaPolicy>> List(ReadTx& tx, const Principal& who) const;
  Result<domain::SlaPolicy> Get(ReadTx& tx, const Principal& who, Id id) const;
  // 422 naming each bad member (services/sla/sla_input.h) or `conditions.group_ids[i]` when a
  // group is not the workspace's; 409 naming `name` when another policy has it.
  Result<domain::SlaPolicy> Create(WriteTx& tx, const Principal& who,
                                   const nlohmann::json& body) const;
  // Aborted (412) when `if_match` is not the current version.
  Result<domain::SlaPolicy> Update(WriteTx& tx, const Principal& who, Id id,
                                   const nlohmann::json& body,
                                   std::optional<int64_t> if_match) const;
  Status Delete(WriteTx& tx, const Principal& who, Id id) const;

  // The ticket's SLA at `now` (NotFound for a ticket outside the workspace).
  Result<TicketSla> ForTicket(ReadTx& tx, const Principal& who, Id ticket_id, Millis now) const;

  // One round of the sweep, in the caller's transaction: computes again the tickets changed
  // since the last round (following the outbox, as the search index does; at most `batch`
  // rows) and those whose next warning or breach is due, records each warning and breach once
  // (an audit event on the ticket named after the policy, and an outbox row sla.warning /
  // sla.breached for triggers), and stores each ticket's row. Returns how many tickets it
  // computed.
  Result<int> Sweep(WriteTx& tx, int batch = 500) const;

 private:
  // Computes and stores one ticket's row, announcing what is due at `now`.
  Status Refresh(WriteTx& tx, Id ws, Id ticket_id, Millis now,
                 std::map<Id, std::vector<domain::SlaPolicy>>* policies) const;
  Status CheckGroups(ReadTx& tx, Id ws, const domain::SlaPolicy& p) const;
  const Clock& clock_;
};

// The ticket's SLA from what the store holds, with `policies` the workspace's. Shared by
// ForTicket and the sweep.
Result<TicketSla> ComputeTicketSla(ReadTx& tx, const domain::Ticket& t,
                                   const std::vector<domain::SlaPolicy>& policies, Millis now);

}  // namespace sahayak::services
