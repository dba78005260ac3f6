// The help centre's page frame: header with the language switch and search box, footer with
// the contact link, error pages, and the headers every page carries.
#include <functional>

#include "api/help.h"
#include "api/html.h"
#include "base/text.h"
#include "domain/kb.h"

namespace sahayak::api::help {

namespace {

// No script at all; the stylesheet and images come from here; forms post only here.
constexpr const char* kPagePolicy =
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

std::string LanguageSwitch(const Visit& v, std::string_view alternate_path) {
  std::string out = "<nav class=\"langs\" aria-label=\"";
  out += html::Attr(v.T("nav.languages"));
  out += "\"><ul>";
  for (const std::string& lang : domain::KbLanguages()) {
    out += "<li><a href=\"/help/";
    out += lang;
    out += html::Attr(alternate_path);
    out += "\" hreflang=\"";
    out += lang;
    out += "\" lang=\"";
    out += lang;
    out += "\"";
    if (lang == v.lang) out += " aria-current=\"true\"";
    out += ">";
    out += html::Escape(LanguageName(lang));
    out += "</a></li>";
  }
  out += "</ul></nav>\n";
  return out;
}

std::string SearchForm(const Visit& v, std::string_view query) {
  std::string out = "<form class=\"search\" role=\"search\" method=\"get\" action=\"";
  out += html::Attr(v.Url("/search"));
  out += "\"><label class=\"sr\" for=\"q\">";
  out += html::Escape(v.T("search.label"));
  out += "</label><input id=\"q\" name=\"q\" type=\"search\" maxlength=\"";
  out += std::to_string(kMaxQueryChars);
  out += "\" value=\"";
  out += html::Attr(query);
  out += "\" placeholder=\"";
  out += html::Attr(v.T("search.placeholder"));
  out += "\"><button type=\"submit\">";
  out += html::Escape(v.T("search.button"));
  out += "</button></form>\n";
  return out;
}

std::string Footer(const Visit& v) {
  if (v.ctx.help_contact_url.empty()) return "";
  std::string out = "<p>";
  out += html::Escape(v.T("contact.prompt"));
  out += " <a href=\"";
  out += html::Attr(v.ctx.help_contact_url);
  out += "\">";
  out += html::Escape(v.T("contact.link"));
  out += "</a></p>\n";
  return out;
}

std::string Hex(size_t h) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    out += kHex[h & 15];
    h >>= 4;
  }
  return out;
}

}  // namespace

std::string Visit::Url(std::string_view rest) const {
  std::string out = "/help/" + lang;
  out += rest;
  return out;
}

Visit StartVisit(ApiContext& ctx, const Request& req, std::string lang, bool* ok) {
  auto ws = HelpWorkspace(ctx, req);
  *ok = ws.ok();
  return Visit{ctx, req, std::move(lang), ws.ok() ? std::move(ws).value() : services::Workspace{},
               Catalog::Help()};
}

std::string CssUrl() {
  const EmbeddedFile* css = FindEmbeddedFile("assets/help.css");
  std::string url = "/help/assets/help.css";
  if (css != nullptr) url += "?v=" + std::string(css->sha256).substr(0, 12);
  return url;
}

Response RenderPage(const Visit& v, int status, std::string_view title, std::string main_html,
                    std::string_view alternate_path, std::string_view query) {
  html::Page page;
  page.lang = v.lang;
  page.title = std::string(title);
  page.site_name = v.F("site.name", {{"workspace", v.workspace.name}});
  page.home_url = v.Url();
  page.css_url = CssUrl();
  page.skip_label = std::string(v.T("skip"));
  page.search_html = SearchForm(v, query);
  page.languages_html = LanguageSwitch(v, alternate_path);
  page.main_html = std::move(main_html);
  page.footer_html = Footer(v);

  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = html::RenderPage(page);
  r.AddHeader("Content-Security-Policy", kPagePolicy);
  r.AddHeader("Content-Language", v.lang);
  r.AddHeader("Referrer-Policy", "same-origin");
  if (status == 200) {
    std::string etag = "W/\"" + Hex(std::hash<std::string>{}(r.body)) + "\"";
    r.AddHeader("ETag", etag);
    r.AddHeader("Cache-Control", "private, max-age=60");
    if (v.req.Header("if-none-match") == etag) {
      r.status = 304;
      r.body.clear();
    }
    // The language a visitor reads in becomes the one /help sends them to next time.
    if (CookieValue(v.req.Header("cookie"), kLangCookie) != v.lang) {
      std::string cookie = std::string(kLangCookie) + "=" + v.lang +
                           "; Path=/help; Max-Age=31536000; SameSite=Lax; HttpOnly";
      if (v.ctx.secure_cookies) cookie += "; Secure";
      r.AddHeader("Set-Cookie", cookie);
    }
  }
  return r;
}

Response ErrorPage(const Visit& v, int status) {
  std::string kind = status == 404   ? "not_found"
                     : status == 429 ? "too_many"
                     : status == 403 ? "forbidden"
                     : status == 400 ? "bad_request"
                                     : "error";
  std::string main = "<h1>" + html::Escape(v.T(kind + ".title")) + "</h1>\n<p>" +
                     html::Escape(v.T(kind + ".body")) + "</p>\n";
  if (status == 404) {
    main += "<p><a href=\"" + html::Attr(v.Url()) + "\">" + html::Escape(v.T("not_found.home")) +
            "</a></p>\n";
  }
  return RenderPage(v, status, v.T(kind + ".title"), std::move(main), "");
}

}  // namespace sahayak::api::help
