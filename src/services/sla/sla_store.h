#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/sla.h"
#include "domain/types.h"

// SLA storage (docs/sla.md, migration 0024). Reached through ReadTx::sla() and WriteTx::sla()
// (services/store.h); store/sqlite/tx_sla.cc implements it inside the store's transaction.
// Methods answer NotFound for ids outside the workspace.
namespace sahayak::services {

using domain::Id;

// A ticket's SLA as last computed, for lists and the sweep.
struct TicketSlaRow {
  Id ticket_id = 0;
  Id workspace_id = 0;
  std::optional<Id> policy_id;
  std::optional<Millis> next_due_at;  // the earliest due time of a running clock
  bool breached = false;
  std::optional<Millis> next_check_at;  // when the sweep must compute it again
  Millis computed_at = 0;
};

// A warning or breach already announced.
struct SlaNotice {
  Id workspace_id = 0;
  Id ticket_id = 0;
  std::string metric;  // domain::Name(SlaMetric)
  Millis due_at = 0;
  std::string kind;    // warning | breach
  Millis created_at = 0;
};

class SlaReadTx {
 public:
  virtual ~SlaReadTx() = default;
  // The workspace's policies in position order (then id), active or not.
  virtual Result<std::vector<domain::SlaPolicy>> ListSlaPolicies(Id ws) = 0;
  virtual Result<domain::SlaPolicy> GetSlaPolicy(Id ws, Id id) = 0;
  // What moved the ticket's clocks, in order: public messages of the customer and of agents,
  // and status changes from its audit history (ticket.created's first status included).
  virtual Result<std::vector<domain::SlaEvent>> ListSlaEvents(Id ws, Id ticket_id) = 0;
  virtual Result<std::optional<TicketSlaRow>> GetTicketSla(Id ws, Id ticket_id) = 0;
  virtual Result<std::vector<SlaNotice>> ListSlaNotices(Id ws, Id ticket_id) = 0;
  // Across workspaces: rows whose next check is at or before `until`, earliest first.
  virtual Result<std::vector<TicketSlaRow>> ListSlaChecksDue(Millis until, int limit) = 0;
  // The last outbox row the sweep applied (0 at first).
  virtual Result<Id> SlaSweepCursor() = 0;
};

class SlaWriteTx : public virtual SlaReadTx {
 public:
  // Fills in the id. AlreadyExists when the workspace has a policy of that name.
  virtual Status InsertSlaPolicy(domain::SlaPolicy* p) = 0;
  virtual Status UpdateSlaPolicy(const domain::SlaPolicy& p) = 0;
  virtual Status DeleteSlaPolicy(Id ws, Id id) = 0;
  virtual Status PutTicketSla(const TicketSlaRow& row) = 0;
  // False when that notice was recorded before (nothing written).
  virtual Result<bool> InsertSlaNotice(const SlaNotice& n) = 0;
  virtual Status SetSlaSweepCursor(Id outbox_id) = 0;
};

}  // namespace sahayak::services
