#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "api/context.h"
#include "base/status.h"
#include "domain/commerce.h"
#include "services/commerce/commerce_service.h"
#include "services/store.h"

// The JSON of orders, invoices and contracts (docs/commerce.md) and their PDFs, shared by the
// API (handlers_commerce.cc) and the portal (portal_commerce.cc).
namespace sahayak::api {

Result<nlohmann::json> OrderJson(ApiContext& ctx, services::ReadTx& tx, const domain::Order& o);
Result<nlohmann::json> InvoiceJson(ApiContext& ctx, services::ReadTx& tx,
                                   const domain::Invoice& i);
Result<nlohmann::json> ContractJson(ApiContext& ctx, services::ReadTx& tx,
                                    const domain::Contract& k);
Result<nlohmann::json> SummaryJson(ApiContext& ctx, services::ReadTx& tx,
                                   const services::CommerceSummary& s);

// The invoice's PDF: the business's own when uploaded, else rendered from the record in
// `language` ("" : the customer's language, else the workspace's).
Result<std::string> InvoicePdfBytes(ApiContext& ctx, services::ReadTx& tx,
                                    const domain::Invoice& i, std::string language);
// "invoice-INV_2026-27_0042.pdf", "contract-MSA-2026-007.pdf".
std::string InvoiceFileName(const domain::Invoice& i);
std::string ContractFileName(const domain::Contract& k);

}  // namespace sahayak::api
