#pragma once

#include <map>
#include <string>
#include <string_view>

#include "api/catalog.h"
#include "api/context.h"
#include "api/http.h"
#include "services/webforms/web_form_service.h"

// Web forms' public side (/forms/{key}, docs/web-forms.md) and article deflection
// (/help/suggest). Handlers are in api/handlers.h; this header holds what their files share.
// Everything here is thread-safe.
namespace sahayak::api::forms {

// Files a visitor may attach to one submission (together within the attachment size limit).
inline constexpr size_t kMaxAttachments = 5;
// Suggestions /help/suggest returns.
inline constexpr int kSuggestions = 5;
// The longest suggestion query, in code points.
inline constexpr size_t kMaxSuggestQueryChars = 200;

// The forms' catalogue (i18n/forms.<lang>.json), parsed once.
const Catalog& FormsCatalog();

// The form's language from ?lang= (en, hi, kn), else Accept-Language, else the workspace's
// default, else English.
std::string FormLanguage(const Request& req, std::string_view workspace_default);

// The key in /forms/{key}.
std::string KeyFromPath(std::string_view path);

// The HTML snippet a business pastes into its site: ctx.public_url, else the request's Host.
std::string Snippet(const ApiContext& ctx, const Request& req, std::string_view key);

// The Content-Security-Policy of a form's page: scripts and styles from here only, forms
// posting here only, framed by this site and the form's allowed origins.
std::string FormPagePolicy(const services::WebForm& form);

// The value for a JavaScript or CSS file response of an embedded asset ("assets/x.js"), with
// an ETag; 404 problem when missing.
Response AssetResponse(const Request& req, std::string_view name, std::string_view content_type);

// --- pages (forms_render.cc) ---

// Everything one rendering of a form shows: the values typed so far and what was wrong.
struct FormState {
  const services::WebForm* form = nullptr;
  std::string lang;
  std::vector<services::ShownField> fields;
  services::WebFormSubmission values;
  // Page field name ("email", "custom.order_id", "attachments") -> catalogue key of its error.
  std::map<std::string, std::string> errors;
  std::string notice_key;  // a message above the form (catalogue key), or ""
  std::string token;       // the start token
  std::string deflection;  // the deflection attempt's token so far
};

// The form page (status 200, 400 or 422) with its Content-Security-Policy.
Response FormPage(const FormState& s, int status);
// A page with only a heading and a paragraph (success, 404, 429, 503), in `lang`; `form`
// (may be null) sets the frame-ancestors so it shows inside the embedding site.
Response MessagePage(const services::WebForm* form, std::string_view lang, int status,
                     std::string_view title, std::string_view body, std::string_view link_url = "",
                     std::string_view link_text = "");

}  // namespace sahayak::api::forms
