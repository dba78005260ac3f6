#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "domain/custom_field.h"
#include "domain/message.h"
#include "domain/people.h"
#include "domain/ticket.h"
#include "services/store.h"

// Entities as the API shows them (docs/api/README.md).
namespace sahayak::api {

// Tickets are the hottest responses, so they are written as JSON text directly.
std::string TicketJson(const domain::Ticket& t, const services::ContactSummary* requester);
// Looks up the requester in `tx` for the summary.
Result<std::string> TicketJsonWithRequester(services::ReadTx& tx, const domain::Ticket& t);
nlohmann::json MessageJson(const domain::Message& m);
nlohmann::json AttachmentJson(const domain::Attachment& a);
nlohmann::json ContactJson(const domain::Contact& c);
nlohmann::json OrganisationJson(const domain::Organisation& o);
nlohmann::json AgentJson(const domain::Agent& a);
nlohmann::json GroupJson(const domain::Group& g);
nlohmann::json CustomFieldJson(const domain::CustomFieldDef& f);
nlohmann::json ApiTokenJson(const services::ApiTokenRecord& t);
nlohmann::json WorkspaceJson(const services::Workspace& w);
nlohmann::json AuditEventJson(const domain::AuditEvent& e);
nlohmann::json SavedViewJson(const domain::SavedView& v);

}  // namespace sahayak::api
