#pragma once

#include <nlohmann/json.hpp>

#include "domain/kb.h"
#include "services/kb/kb_service.h"

// Knowledge-base objects as the API shows them (docs/kb.md, "API").
namespace sahayak::api {

nlohmann::json KbSectionJson(const services::KbSectionCount& s);
// With its sections.
nlohmann::json KbCategoryJson(const services::KbCategoryTree& c);
// The list form: translations without body and html.
nlohmann::json KbArticleSummaryJson(const domain::KbArticle& a);
// Every translation with body and rendered html.
nlohmann::json KbArticleJson(const domain::KbArticle& a);
// With `body` when `with_body`.
nlohmann::json KbVersionJson(const domain::KbVersion& v, bool with_body);
nlohmann::json KbDiffJson(const services::KbDiff& d);

}  // namespace sahayak::api
