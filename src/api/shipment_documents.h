#pragma once

#include <nlohmann/json.hpp>

#include "domain/shipment.h"
#include "services/shipments/shipment_documents.h"

// The JSON of the documents international shipments need (docs/shipments.md, "Documents for
// international shipments"), shared by the shipment views (handlers_shipments.cc) and the rules'
// routes (handlers_shipment_documents.cc).
namespace sahayak::api {

// `{"id", "title", "language", "url"}` (url null when the help centre does not show it), or null.
nlohmann::json DocumentArticleJson(const std::optional<services::DocumentArticleLink>& a);

// A shipment's `documents_required`: `[{code, name, note, article}]`, empty when it is domestic
// or no rule matches.
nlohmann::json DocumentsRequiredJson(const services::DocumentRequirements& docs,
                                     const domain::Shipment& s);

}  // namespace sahayak::api
