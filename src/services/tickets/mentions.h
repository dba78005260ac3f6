#pragma once

#include <string_view>

#include "base/clock.h"
#include "services/store.h"

namespace sahayak::services {

// Links ticket `ticket_id` to the shipments, orders and invoices whose numbers `text` mentions
// (LinkShipmentsInText, LinkCommerceInText). Called wherever a ticket gets text: a new
// ticket's subject and every message, from any channel.
Status LinkMentionsInText(WriteTx& tx, Id ws, Id ticket_id, std::string_view text, Millis now);

}  // namespace sahayak::services
