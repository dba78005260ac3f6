#pragma once

#include "services/sla/sla_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

// SLA policies, tickets' SLA rows and notices over one SQLite connection (tx_sla.cc,
// migration 0024). A member of SqliteTx, so it runs inside SqliteTx's transaction. Not
// thread-safe.
class SqliteSlaTx final : public services::SlaWriteTx {
 public:
  explicit SqliteSlaTx(Connection* conn) : c_(conn) {}

  Result<std::vector<domain::SlaPolicy>> ListSlaPolicies(domain::Id ws) override;
  Result<domain::SlaPolicy> GetSlaPolicy(domain::Id ws, domain::Id id) override;
  Result<std::vector<domain::SlaEvent>> ListSlaEvents(domain::Id ws, domain::Id ticket_id) override;
  Result<std::optional<services::TicketSlaRow>> GetTicketSla(domain::Id ws,
                                                             domain::Id ticket_id) override;
  Result<std::vector<services::SlaNotice>> ListSlaNotices(domain::Id ws,
                                                          domain::Id ticket_id) override;
  Result<std::vector<services::TicketSlaRow>> ListSlaChecksDue(Millis until, int limit) override;
  Result<domain::Id> SlaSweepCursor() override;

  Status InsertSlaPolicy(domain::SlaPolicy* p) override;
  Status UpdateSlaPolicy(const domain::SlaPolicy& p) override;
  Status DeleteSlaPolicy(domain::Id ws, domain::Id id) override;
  Status PutTicketSla(const services::TicketSlaRow& row) override;
  Result<bool> InsertSlaNotice(const services::SlaNotice& n) override;
  Status SetSlaSweepCursor(domain::Id outbox_id) override;

 private:
  Connection* c_;
};

}  // namespace sahayak::store
