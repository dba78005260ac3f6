#pragma once

#include "domain/ticket.h"
#include "store/sqlite/connection.h"

// The ticket row as tx_tickets.cc reads it, for the other tx_*.cc files that read whole tickets.
namespace sahayak::store {

// The select list (SLA columns included), columns 0 … 22; a query may add its own after them.
const char* TicketColumns();
domain::Ticket ReadTicketRow(const Stmt& s);

}  // namespace sahayak::store
