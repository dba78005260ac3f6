#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/catalog.h"
#include "api/context.h"
#include "api/http.h"
#include "domain/shipment.h"
#include "services/portal/portal_service.h"

// The customer portal at /portal (docs/portal.md): server-rendered pages in the visitor's
// language (en, hi, kn; the help centre's cookie and negotiation), no framework. The route
// handlers are in api/handlers.h; this header holds what they share. Thread-safe.
namespace sahayak::api::portal {

// The session cookie: HttpOnly, SameSite=Lax, Path=/portal, Secure when ctx.secure_cookies.
inline constexpr const char* kSessionCookie = "sahayak_portal";
// The hidden form field that carries the session's CSRF token.
inline constexpr const char* kCsrfField = "csrf";
// Sign-in link requests and password attempts per address and per minute; per IP and minute.
inline constexpr int64_t kPerAddressPerMinute = 5;
inline constexpr int64_t kPerIpPerMinute = 30;
// Public tracking lookups (/portal/track) per IP address and per tracking number, a minute:
// guessing a six-digit PIN code for one number would take months.
inline constexpr int64_t kTrackPerIpPerMinute = 20;
inline constexpr int64_t kTrackPerNumberPerMinute = 5;

// The portal's catalogue (i18n/portal.<lang>.json), parsed once.
const Catalog& PortalCatalog();

// One visit: the language, the workspace, and the signed-in customer, if any.
struct Visit {
  ApiContext& ctx;
  const Request& req;
  std::string lang;
  services::Workspace workspace;
  std::optional<services::PortalCustomer> customer;
  bool lang_chosen = false;  // ?lang= named a language: remember it in the cookie

  std::string T(std::string_view key) const { return PortalCatalog().Text(lang, key); }
  std::string F(std::string_view key,
                const std::vector<std::pair<std::string_view, std::string>>& args) const {
    return PortalCatalog().Format(lang, key, args);
  }
};

// The language (?lang=, else the cookie, else Accept-Language, else the signed-in customer's,
// else the workspace's default, else English), the workspace and the customer of a request.
// `*ok` is false when the workspace or the session cannot be read (a 503 page).
Visit StartVisit(ApiContext& ctx, const Request& req, bool* ok);

// A complete page, with the language switch, the account links and the portal's headers.
Response RenderPage(const Visit& v, int status, std::string_view title, std::string main_html);
// A friendly error page: 404, 403, 429, 400, 503 (others: a general error).
Response ErrorPage(const Visit& v, int status);
// 303 See Other to `location`.
Response Redirect(std::string location);
// To the sign-in page (for pages that need a customer).
Response ToSignIn(const Visit& v);
// A one-line message above a page's content: a notice, or a warning (role="alert"); "" when
// `text` is empty.
std::string Notice(std::string_view text, bool warn);
// The hidden CSRF input of the signed-in customer's forms ("" when signed out).
std::string CsrfInput(const Visit& v);
// Whether an unsafe request may go on: same origin and, when `need_session`, a signed-in
// customer whose form carried the session's CSRF token in `fields`.
bool FormAllowed(const Visit& v, const nlohmann::json& fields, bool need_session);
// The Set-Cookie value for a new session (or, with an empty token, one that ends it).
std::string SessionCookie(const ApiContext& ctx, std::string_view token);
// A 429 page when `key` is over its limit on `limiter` (null: never).
std::optional<Response> Limited(const Visit& v, RateLimiter* limiter, const std::string& key);
// "3 December 2026" in the visit's language and the workspace's time zone.
std::string Date(const Visit& v, Millis at);
// The visit's text for a ticket status ("Open", "खुला" …).
std::string StatusText(const Visit& v, domain::TicketStatus s);

// The panels on the home page beside the tickets: shipments, orders, invoices and, for those
// who see their organisation's, contracts. Each says so when it has nothing to show.
struct PanelItem {
  std::string title;   // plain text
  std::string detail;  // plain text
  std::string url;     // may be empty
};
struct Panel {
  std::string key;  // "shipments" | "orders" | "invoices": the catalogue's panel.<key>.*
  std::vector<PanelItem> items;
};
std::vector<Panel> HomePanels(const Visit& v);
// Appends the orders, invoices and contracts panels (api/portal_commerce.cc).
void CommercePanels(const Visit& v, std::vector<Panel>* panels);

// Parcels (api/portal_shipments.cc). A calendar date "YYYY-MM-DD" as "Mon, 7 Dec" in the
// visit's language; a shipment status in words; a parcel's scans as an <ol class="timeline">,
// newest first, each with its local time, status and place — and the carrier's description
// only when `with_descriptions` (the public tracking page leaves free text out).
std::string DayText(const Visit& v, const std::string& date);
std::string ShipmentStatusText(const Visit& v, domain::ShipmentStatus s);
std::string TimelineHtml(const Visit& v, const std::vector<domain::TrackingEvent>& events,
                         bool with_descriptions);
std::string RenderPanels(const Visit& v, const std::vector<Panel>& panels);

// A multipart form: its fields (first of each name, NFC) and its files.
struct UploadedFile {
  std::string filename;
  std::string_view data;
};
struct MultipartForm {
  nlohmann::json fields = nlohmann::json::object();
  std::vector<UploadedFile> files;
};
Result<MultipartForm> ReadMultipartForm(const Request& req);
// A posted form's (or JSON body's) string field `name`, NFC; "" when absent or not a string.
std::string StringField(const nlohmann::json& body, const char* name);
// Checks and stores the uploaded files (size: ctx.limits.max_attachment_bytes; no executables)
// before anything is written; on failure, the message to show in the visit's language.
Result<std::vector<domain::Attachment>> StoreUploads(const Visit& v,
                                                     const std::vector<UploadedFile>& files,
                                                     std::string* message);

}  // namespace sahayak::api::portal
