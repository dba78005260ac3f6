#pragma once

#include "base/status.h"
#include "domain/ticket.h"
#include "services/store.h"
#include "services/tickets/ticket_service.h"

namespace sahayak::services {

// Tells the ticket observer of `tickets` (TicketObserver::OnInboundTicket: the acknowledgement
// mail, services/mail/outbound_service.h) that a customer opened ticket `t` through a page of
// their own — the web form or the portal — as e-mail ingest does for a mail. Call it inside the
// transaction `tx` that created `t`, right after TicketService::Create, so the acknowledgement
// commits with the ticket or not at all. Loads the requester and the first message; OK and
// nothing done when `tickets` has no observer.
Status NotifyInboundTicket(WriteTx& tx, const TicketService& tickets, const domain::Ticket& t);

}  // namespace sahayak::services
