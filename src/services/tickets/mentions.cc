#include "services/tickets/mentions.h"

#include "services/commerce/commerce_service.h"
#include "services/shipments/shipment_service.h"

namespace sahayak::services {

Status LinkMentionsInText(WriteTx& tx, Id ws, Id ticket_id, std::string_view text, Millis now) {
  RETURN_IF_ERROR(LinkShipmentsInText(tx, ws, ticket_id, text, now));
  return LinkCommerceInText(tx, ws, ticket_id, text, now);
}

}  // namespace sahayak::services
