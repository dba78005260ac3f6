// The portal's page frame: language, session, header with the language switch and account
// links, error pages, forms' checks (api/portal.h).
#include <spdlog/spdlog.h>

#include <algorithm>

#include "api/help.h"
#include "api/html.h"
#include "api/portal.h"
#include "base/crypto.h"
#include "base/text.h"
#include "domain/kb.h"

namespace sahayak::api::portal {

namespace {

// Only the deflection script (help centre) runs; forms post only here.
constexpr const char* kPagePolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

std::string LanguageSwitch(const Visit& v) {
  std::string out =
      "<nav class=\"langs\" aria-label=\"" + html::Attr(v.T("nav.languages")) + "\"><ul>";
  for (const std::string& lang : domain::KbLanguages()) {
    out += "<li><a href=\"" + html::Attr(v.req.path) + "?lang=" + lang + "\" hreflang=\"" + lang +
           "\" lang=\"" + lang + "\"";
    if (lang == v.lang) out += " aria-current=\"true\"";
    out += ">" + html::Escape(help::LanguageName(lang)) + "</a></li>";
  }
  out += "</ul></nav>\n";
  return out;
}

std::string AccountNav(const Visit& v) {
  if (!v.customer) return "";
  std::string out = "<nav class=\"account\" aria-label=\"" + html::Attr(v.T("nav.account")) +
                    "\"><a href=\"/portal\">" + html::Escape(v.T("nav.requests")) +
                    "</a> <a href=\"/portal/new\">" + html::Escape(v.T("nav.new")) +
                    "</a> <a href=\"/portal/track\">" + html::Escape(v.T("nav.track")) +
                    "</a> <form method=\"post\" action=\"/portal/sign-out\">" + CsrfInput(v) +
                    "<button type=\"submit\">" + html::Escape(v.T("nav.sign_out")) +
                    "</button></form></nav>\n";
  return out;
}

std::string CssUrl() {
  std::string v;
  for (const char* name : {"assets/help.css", "assets/portal.css"}) {
    if (const EmbeddedFile* f = FindEmbeddedFile(name)) v += std::string(f->sha256).substr(0, 6);
  }
  return "/portal/assets/portal.css?v=" + v;
}

}  // namespace

const Catalog& PortalCatalog() {
  static const Catalog* catalog = new Catalog(Catalog::LoadEmbedded("portal"));
  return *catalog;
}

Visit StartVisit(ApiContext& ctx, const Request& req, bool* ok) {
  Visit v{ctx, req, "en", {}, std::nullopt, false};
  auto ws = help::HelpWorkspace(ctx, req);
  *ok = ws.ok();
  if (ws.ok()) v.workspace = std::move(ws).value();
  const std::string token = help::CookieValue(req.Header("cookie"), kSessionCookie);
  if (*ok && ctx.portal != nullptr && !token.empty()) {
    auto c = ctx.portal->Authenticate(token);
    if (c.ok()) {
      // A session of another workspace (another site's cookie) signs no one in here.
      if (c->workspace_id == v.workspace.id) v.customer = std::move(c).value();
    } else if (c.status().code() != Code::kUnauthenticated) {
      *ok = false;
    }
  }
  const std::string asked = req.Query("lang").value_or("");
  if (domain::IsKbLanguage(asked)) {
    v.lang = asked;
    v.lang_chosen = true;
  } else {
    std::string fallback = v.workspace.default_language;
    if (v.customer && domain::IsKbLanguage(v.customer->contact.language)) {
      fallback = v.customer->contact.language;
    }
    v.lang = help::ChooseLanguage(req.Header("cookie"), req.Header("accept-language"), fallback);
    // A customer's own language wins over the browser's when no cookie says otherwise.
    if (v.customer && domain::IsKbLanguage(v.customer->contact.language) &&
        !domain::IsKbLanguage(help::CookieValue(req.Header("cookie"), help::kLangCookie))) {
      v.lang = v.customer->contact.language;
    }
  }
  return v;
}

Response RenderPage(const Visit& v, int status, std::string_view title, std::string main_html) {
  html::Page page;
  page.lang = v.lang;
  page.title = std::string(title);
  page.site_name = v.F("site.name", {{"workspace", v.workspace.name}});
  page.home_url = "/portal";
  page.css_url = CssUrl();
  page.skip_label = v.T("skip");
  page.languages_html = LanguageSwitch(v);
  page.search_html = AccountNav(v);
  page.main_html = std::move(main_html);
  page.footer_html =
      "<p><a href=\"/help/" + v.lang + "\">" + html::Escape(v.T("footer.help")) + "</a></p>\n";
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = html::RenderPage(page);
  r.AddHeader("Content-Security-Policy", kPagePolicy);
  r.AddHeader("Content-Language", v.lang);
  r.AddHeader("Referrer-Policy", "same-origin");
  r.AddHeader("Cache-Control", "no-store");
  if (v.lang_chosen && help::CookieValue(v.req.Header("cookie"), help::kLangCookie) != v.lang) {
    std::string cookie = std::string(help::kLangCookie) + "=" + v.lang +
                         "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly";
    if (v.ctx.secure_cookies) cookie += "; Secure";
    r.AddHeader("Set-Cookie", cookie);
  }
  return r;
}

Response ErrorPage(const Visit& v, int status) {
  std::string kind = status == 404   ? "not_found"
                     : status == 429 ? "too_many"
                     : status == 403 ? "forbidden"
                     : status == 400 ? "bad_request"
                     : status == 503 ? "unavailable"
                                     : "error";
  std::string main = "<h1>" + html::Escape(v.T("error." + kind + ".title")) + "</h1>\n<p>" +
                     html::Escape(v.T("error." + kind + ".body")) +
                     "</p>\n<p><a href=\"/portal\">" + html::Escape(v.T("nav.requests")) +
                     "</a></p>\n";
  return RenderPage(v, status, v.T("error." + kind + ".title"), std::move(main));
}

Response Redirect(std::string location) {
  Response r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.AddHeader("Location", std::move(location));
  r.AddHeader("Cache-Control", "no-store");
  return r;
}

Response ToSignIn(const Visit&) {
  return Redirect("/portal/sign-in");
}

std::string CsrfInput(const Visit& v) {
  if (!v.customer) return "";
  return "<input type=\"hidden\" name=\"" + std::string(kCsrfField) + "\" value=\"" +
         html::Attr(v.customer->csrf_token) + "\">";
}

bool FormAllowed(const Visit& v, const nlohmann::json& fields, bool need_session) {
  if (!help::SameOrigin(v.req)) return false;
  if (!need_session) return true;
  if (!v.customer) return false;
  if (!fields.is_object() || !fields.contains(kCsrfField) || !fields[kCsrfField].is_string()) {
    return false;
  }
  const std::string sent = fields[kCsrfField].get<std::string>();
  return !sent.empty() && SecureEquals(sent, v.customer->csrf_token);
}

std::string SessionCookie(const ApiContext& ctx, std::string_view token) {
  std::string cookie = std::string(kSessionCookie) + "=" + std::string(token) +
                       "; Path=/portal; HttpOnly; SameSite=Lax";
  cookie += token.empty() ? "; Max-Age=0" : "; Max-Age=2592000";
  if (ctx.secure_cookies) cookie += "; Secure";
  return cookie;
}

std::optional<Response> Limited(const Visit& v, RateLimiter* limiter, const std::string& key) {
  if (limiter == nullptr) return std::nullopt;
  auto d = limiter->Take(key);
  if (d.allowed) return std::nullopt;
  Response r = ErrorPage(v, 429);
  r.AddHeader("Retry-After", std::to_string(std::max<int64_t>(1, d.reset_seconds)));
  return r;
}

std::string Date(const Visit& v, Millis at) {
  return help::FormatDate(at, v.lang, v.workspace.time_zone);
}

std::string StatusText(const Visit& v, domain::TicketStatus s) {
  return v.T(std::string("status.") + domain::Name(s));
}

std::string Notice(std::string_view text, bool warn) {
  if (text.empty()) return "";
  return std::string("<p class=\"") +
         (warn ? "warn\" role=\"alert\">" : "notice\" role=\"status\">") + html::Escape(text) +
         "</p>\n";
}

}  // namespace sahayak::api::portal
