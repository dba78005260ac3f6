#include "services/tickets/inbound_ticket.h"

namespace sahayak::services {

Status NotifyInboundTicket(WriteTx& tx, const TicketService& tickets, const domain::Ticket& t) {
  TicketObserver* observer = tickets.observer();
  if (observer == nullptr) return Status::Ok();
  ASSIGN_OR_RETURN(domain::Contact requester, tx.GetContact(t.workspace_id, t.requester_id));
  ASSIGN_OR_RETURN(auto page, tx.ListMessages(t.workspace_id, t.id, {std::nullopt, 1}));
  if (page.items.empty()) return Status::Ok();
  return observer->OnInboundTicket(tx, t, requester, page.items.front());
}

}  // namespace sahayak::services
