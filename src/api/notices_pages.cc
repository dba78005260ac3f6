// The customer's opt-out from proactive shipment notices: GET /notices/opt-out/{key} shows a
// page with one button, POST /notices/opt-out/{key} (that button, or a mail client's RFC 8058
// one-click request) opts out (api/notices.h).
#include <spdlog/spdlog.h>

#include <utility>

#include "api/handlers.h"
#include "api/help.h"
#include "api/html.h"
#include "api/notices.h"
#include "base/text.h"
#include "domain/kb.h"
#include "services/shipments/shipment_notifier.h"

namespace sahayak::api::notices {

namespace {

constexpr std::string_view kPathPrefix = "/notices/opt-out/";

// "hi" from "hi-IN", "HI_in" …
std::string BaseLanguage(std::string_view tag) {
  std::string l = AsciiLower(Trim(tag));
  return l.substr(0, l.find_first_of("-_"));
}

}  // namespace

const Catalog& NoticesCatalog() {
  static const Catalog* catalog = new Catalog(Catalog::LoadEmbedded("notices"));
  return *catalog;
}

std::string TokenFromPath(std::string_view path) {
  if (path.substr(0, kPathPrefix.size()) != kPathPrefix) return "";
  std::string_view token = path.substr(kPathPrefix.size());
  while (!token.empty() && token.back() == '/') token.remove_suffix(1);
  if (token.find('/') != std::string_view::npos) return "";
  return std::string(token);
}

std::string MaskEmail(std::string_view email) {
  const size_t at = email.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= email.size()) return "";
  // The first character of the local part, whole (it may be more than one byte).
  const unsigned char lead = static_cast<unsigned char>(email[0]);
  size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (n > at) n = at;
  return std::string(email.substr(0, n)) + "***" + std::string(email.substr(at));
}

std::string PageLanguage(const Request& req, std::string_view contact_language,
                         std::string_view workspace_default) {
  auto asked = req.Query("lang");
  if (asked && domain::IsKbLanguage(*asked)) return *asked;
  std::string cookie = help::CookieValue(req.Header("cookie"), help::kLangCookie);
  if (domain::IsKbLanguage(cookie)) return cookie;
  std::string contact = BaseLanguage(contact_language);
  if (domain::IsKbLanguage(contact)) return contact;
  return help::ChooseLanguage("", req.Header("accept-language"), BaseLanguage(workspace_default));
}

}  // namespace sahayak::api::notices

namespace sahayak::api::handlers {

namespace {

using notices::NoticesCatalog;

std::string T(std::string_view lang, std::string_view key) {
  return NoticesCatalog().Text(lang, key);
}

std::string F(std::string_view lang, std::string_view key,
              const std::vector<std::pair<std::string_view, std::string>>& args) {
  return NoticesCatalog().Format(lang, key, args);
}

// Links relative to the page ("?lang=hi"), so a garbled path is never written back into it.
std::string LanguageSwitch(std::string_view lang) {
  std::string out = "<nav class=\"langs\" aria-label=\"" + html::Attr(T(lang, "nav.languages")) +
                    "\"><ul>";
  for (const std::string& l : domain::KbLanguages()) {
    out += "<li><a href=\"?lang=" + l + "\" hreflang=\"" + l + "\" lang=\"" + l + "\"";
    if (l == lang) out += " aria-current=\"true\"";
    out += ">" + html::Escape(help::LanguageName(l)) + "</a></li>";
  }
  return out + "</ul></nav>\n";
}

// A whole page: the help centre's stylesheet and frame, and headers that keep the token in
// the URL to this site (no Referer, no cache, no framing, no indexing).
Response Page(std::string_view lang, std::string_view business, int status,
              std::string_view title, std::string main_html) {
  html::Page page;
  page.lang = std::string(lang);
  page.title = std::string(title);
  page.site_name = business.empty() ? T(lang, "site.generic") : std::string(business);
  page.home_url = "/help/" + std::string(lang);
  page.css_url = help::CssUrl();
  page.skip_label = T(lang, "skip");
  page.languages_html = LanguageSwitch(lang);
  page.main_html = std::move(main_html);
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = html::RenderPage(page);
  r.AddHeader("Content-Security-Policy", notices::kPagePolicy);
  r.AddHeader("X-Frame-Options", "DENY");
  r.AddHeader("Referrer-Policy", "no-referrer");
  r.AddHeader("Cache-Control", "no-store");
  r.AddHeader("X-Robots-Tag", "noindex, nofollow");
  r.AddHeader("Content-Language", std::string(lang));
  return r;
}

Response MessagePage(std::string_view lang, std::string_view business, int status,
                     const std::string& title, const std::string& body) {
  std::string main = "<h1>" + html::Escape(title) + "</h1>\n<p role=\"status\">" +
                     html::Escape(body) + "</p>\n";
  return Page(lang, business, status, title, std::move(main));
}

// The workspace whose site this is (by Host), for the frame of a page without a valid token;
// an unnamed one when it cannot be read.
services::Workspace SiteWorkspace(ApiContext& ctx, const Request& req) {
  auto ws = help::HelpWorkspace(ctx, req);
  return ws.ok() ? std::move(ws).value() : services::Workspace{};
}

// The same page for every link that is not a valid one: malformed, forged, another server's,
// or of a contact or workspace that is gone. It does not say which.
Response InvalidLinkPage(ApiContext& ctx, const Request& req) {
  const services::Workspace site = SiteWorkspace(ctx, req);
  const std::string lang = notices::PageLanguage(req, "", site.default_language);
  return MessagePage(lang, site.name, 404, T(lang, "invalid.title"), T(lang, "invalid.body"));
}

// A store failure: try again later.
Response UnavailablePage(ApiContext& ctx, const Request& req) {
  const services::Workspace site = SiteWorkspace(ctx, req);
  const std::string lang = notices::PageLanguage(req, "", site.default_language);
  return MessagePage(lang, site.name, 503, T(lang, "unavailable.title"),
                     T(lang, "unavailable.body"));
}

// Whom the page names: the masked e-mail address, else the name, else nobody.
std::string Who(const domain::Contact& c) {
  std::string masked = notices::MaskEmail(c.First(domain::Identity::Kind::kEmail));
  if (!masked.empty()) return masked;
  return Trim(c.name);
}

}  // namespace

Response NoticeOptOutPage(ApiContext& ctx, Call& call) {
  const Request& req = call.req;
  if (ctx.notifier == nullptr) return InvalidLinkPage(ctx, req);
  const std::string token = notices::TokenFromPath(req.path);
  auto ids = ctx.notifier->ReadOptOutToken(token);
  if (!ids.ok()) return InvalidLinkPage(ctx, req);

  // Reading only: a GET never opts out (mail scanners and previews open links).
  services::Workspace ws;
  domain::Contact contact;
  bool opted_out = false;
  Status st = ctx.store.Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(ws, tx.GetWorkspace(ids->first));
    ASSIGN_OR_RETURN(contact, tx.GetContact(ids->first, ids->second));
    ASSIGN_OR_RETURN(opted_out, tx.shipments().IsOptedOut(ids->first, ids->second,
                                                          services::kShipmentTopic));
    return Status::Ok();
  });
  if (!st.ok()) {
    if (st.code() == Code::kNotFound) return InvalidLinkPage(ctx, req);
    spdlog::warn("opt-out page: {}", st.message());
    return UnavailablePage(ctx, req);
  }

  const std::string lang = notices::PageLanguage(req, contact.language, ws.default_language);
  if (opted_out) {
    return MessagePage(lang, ws.name, 200, T(lang, "already.title"),
                       F(lang, "already.body", {{"business", ws.name}}));
  }
  const std::string who = Who(contact);
  const std::string heading = who.empty() ? T(lang, "confirm.heading_plain")
                                          : F(lang, "confirm.heading", {{"who", who}});
  std::string main = "<h1>" + html::Escape(heading) + "</h1>\n<p>" +
                     html::Escape(F(lang, "confirm.body", {{"business", ws.name}})) + "</p>\n";
  // Posts to this same URL; the language goes along so the answer is in it too. The token
  // passed ReadOptOutToken: digits, dots and hex only.
  main += "<form method=\"post\" action=\"" + html::Attr("/notices/opt-out/" + token) +
          "?lang=" + lang + "\"><button type=\"submit\">" +
          html::Escape(T(lang, "confirm.button")) + "</button></form>\n";
  return Page(lang, ws.name, 200, heading, std::move(main));
}

Response NoticeOptOutSubmit(ApiContext& ctx, Call& call) {
  const Request& req = call.req;
  if (ctx.notifier == nullptr) return InvalidLinkPage(ctx, req);
  const std::string token = notices::TokenFromPath(req.path);
  auto ids = ctx.notifier->ReadOptOutToken(token);
  if (!ids.ok()) return InvalidLinkPage(ctx, req);

  // The body (the button's empty form, or RFC 8058's List-Unsubscribe=One-Click, urlencoded
  // or multipart) is not read: the token is the authority and opting out again changes
  // nothing.
  services::Workspace ws;
  domain::Contact contact;
  Status st = ctx.store.Write([&](services::WriteTx& tx) -> Status {
    RETURN_IF_ERROR(ctx.notifier->OptOutByToken(tx, token));
    ASSIGN_OR_RETURN(ws, tx.GetWorkspace(ids->first));
    ASSIGN_OR_RETURN(contact, tx.GetContact(ids->first, ids->second));
    return Status::Ok();
  });
  if (!st.ok()) {
    if (st.code() == Code::kNotFound) return InvalidLinkPage(ctx, req);
    spdlog::warn("opt-out: {}", st.message());
    return UnavailablePage(ctx, req);
  }
  const std::string lang = notices::PageLanguage(req, contact.language, ws.default_language);
  return MessagePage(lang, ws.name, 200, T(lang, "done.title"),
                     F(lang, "done.body", {{"business", ws.name}}));
}

Response NoticesNotFound(ApiContext& ctx, const Request& req) {
  return InvalidLinkPage(ctx, req);
}

}  // namespace sahayak::api::handlers
