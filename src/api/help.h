#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/catalog.h"
#include "api/context.h"
#include "api/http.h"
#include "base/clock.h"
#include "services/store.h"

// The public help centre at /help (docs/kb.md, "Help centre"): server-rendered pages in the
// visitor's language, no login, no script. The route handlers are in api/handlers.h; this
// header holds what they share. Everything here is thread-safe.
namespace sahayak::api::help {

// The cookie that remembers the visitor's language.
inline constexpr const char* kLangCookie = "sahayak_help_lang";
// The longest search, in code points; a longer one gets a message instead of results.
inline constexpr size_t kMaxQueryChars = 200;
// Feedback votes a visitor's address may send per minute.
inline constexpr int64_t kFeedbackPerMinute = 10;

// --- language (help_lang.cc) ---

// The value of cookie `name` in a Cookie header, or "".
std::string CookieValue(std::string_view cookie_header, std::string_view name);
// The help centre language an Accept-Language header prefers most ("hi-IN,hi;q=0.9,en;q=0.8"
// -> "hi"): highest q first, then order; q=0 refuses; region subtags ignored. "" when it
// names none of en, hi, kn.
std::string PreferredLanguage(std::string_view accept_language);
// The language to send a visitor of /help to: the cookie's when it names one of ours, else
// Accept-Language's, else the workspace's default (when ours), else English.
std::string ChooseLanguage(std::string_view cookie_header, std::string_view accept_language,
                           std::string_view workspace_default);
// Whether an unsafe request comes from a page of this site: its Origin (or, without one, its
// Referer) names the same host and port as its Host header. Neither header: false.
bool SameOrigin(const Request& req);
// The language's own name: "English", "हिन्दी", "ಕನ್ನಡ".
std::string_view LanguageName(std::string_view lang);

// --- dates (help_date.cc) ---

// A date as a reader of `lang` writes it ("3 December 2026", "3 दिसंबर 2026",
// "3 ಡಿಸೆಂಬರ್ 2026" or as ICU's locale data has it) in `time_zone` (an IANA name; an unknown
// one is UTC).
std::string FormatDate(Millis at, std::string_view lang, std::string_view time_zone);

// --- pages (help_layout.cc) ---

// One visit to a page: the workspace shown, the language, the catalogue.
struct Visit {
  ApiContext& ctx;
  const Request& req;
  std::string lang;
  services::Workspace workspace;
  const Catalog& catalog;

  std::string T(std::string_view key) const { return catalog.Text(lang, key); }
  std::string F(std::string_view key,
                const std::vector<std::pair<std::string_view, std::string>>& args) const {
    return catalog.Format(lang, key, args);
  }
  // "/help/<lang>" + rest.
  std::string Url(std::string_view rest = "") const;
};

// --- which workspace (help_site.cc) ---

// The workspace whose public_host is the host `host_header` names (port dropped, case
// folded, punycode; domain::RequestHost); when none is, the default one: the lowest id. Null
// only when `all` is empty.
const services::Workspace* ChooseWorkspace(const std::vector<services::Workspace>& all,
                                           std::string_view host_header);
// The workspace a public page (help centre, portal, /help/suggest) shows, chosen by the
// request's Host header as ChooseWorkspace does. Read afresh on every call (nothing cached).
// NotFound when there is no workspace at all.
Result<services::Workspace> HelpWorkspace(ApiContext& ctx, const Request& req);
// The base URL of a workspace's site: `public_url` ("https://support.example.in") with its
// host replaced by `public_host` when that is set (scheme, port and path kept).
std::string SiteUrl(std::string_view public_url, std::string_view public_host);
// A visit in `lang` to the help centre's workspace; when that cannot be read, `*ok` is false
// and the visit shows an unnamed workspace (for an error page).
Visit StartVisit(ApiContext& ctx, const Request& req, std::string lang, bool* ok);

// A complete page. `alternate_path` is the page's path after "/help/<lang>" ("", or
// "/articles/7"), for the language switch. `query` fills the search box.
Response RenderPage(const Visit& v, int status, std::string_view title, std::string main_html,
                    std::string_view alternate_path, std::string_view query = "");
// A friendly error page: 404 not_found, 429 too_many, 403 forbidden, 400 bad_request, 503 and
// others error.
Response ErrorPage(const Visit& v, int status);
// The stylesheet's URL, with its content hash as the version.
std::string CssUrl();

}  // namespace sahayak::api::help
