#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "domain/json_input.h"
#include "services/principal.h"
#include "services/store.h"
#include "services/tickets/ticket_service.h"

// Whose a record is — a shipment, an order, an invoice: the members `contact_id`,
// `contact` ({"email", "phone", "name"}: found or created like a ticket's requester) and
// `organisation_id` (the contact's when not given) of a request body. Read in two steps so a
// client learns of every bad member at once and nothing is created for a body refused.
namespace sahayak::services {

class CustomerRef {
 public:
  // Checks the members, noting errors in `in`; looks up ids given in the workspace.
  Status Read(ReadTx& tx, Id ws, const nlohmann::json& body, domain::JsonInput* in);
  // After every member passed: finds or creates the contact given by identity and fills in
  // `*contact_id` and `*organisation_id` for what the body said (members absent leave them).
  Status Apply(WriteTx& tx, TicketService& tickets, const Principal& who,
               std::optional<Id>* contact_id, std::optional<Id>* organisation_id) const;

 private:
  std::optional<std::optional<Id>> contact_id_;       // engaged: the member was given
  std::optional<Id> contact_org_;                     // the given contact's organisation
  std::optional<std::optional<Id>> organisation_id_;
  std::optional<RequesterInput> by_identity_;
};

}  // namespace sahayak::services
