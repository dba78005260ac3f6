// What the web form and deflection handlers share (api/forms.h), and their static assets.
#include <spdlog/spdlog.h>

#include "api/forms.h"
#include "api/handlers.h"
#include "api/help.h"
#include "api/html.h"
#include "api/problem.h"
#include "domain/kb.h"

namespace sahayak::api::forms {

const Catalog& FormsCatalog() {
  static const Catalog* catalog = new Catalog(Catalog::LoadEmbedded("forms"));
  return *catalog;
}

std::string FormLanguage(const Request& req, std::string_view workspace_default) {
  auto q = req.Query("lang");
  if (q && domain::IsKbLanguage(*q)) return *q;
  std::string preferred = help::PreferredLanguage(req.Header("accept-language"));
  if (!preferred.empty()) return preferred;
  if (domain::IsKbLanguage(workspace_default)) return std::string(workspace_default);
  return "en";
}

std::string KeyFromPath(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string Snippet(const ApiContext& ctx, const Request& req, std::string_view key) {
  std::string base = ctx.public_url;
  if (base.empty()) {
    std::string host(req.Header("host"));
    if (!host.empty()) base = (ctx.secure_cookies ? "https://" : "http://") + host;
  }
  while (!base.empty() && base.back() == '/') base.pop_back();
  return "<script src=\"" + html::Attr(base) + "/forms/embed.js\" data-sahayak-form=\"" +
         html::Attr(key) + "\" async></script>";
}

std::string FormPagePolicy(const services::WebForm& form) {
  std::string ancestors = "'self'";
  // Origins were checked on the way in (NormaliseOrigin): no spaces, quotes or semicolons.
  for (const std::string& o : form.allowed_origins) ancestors += " " + o;
  return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
         "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
         "frame-ancestors " + ancestors;
}

Response AssetResponse(const Request& req, std::string_view name,
                       std::string_view content_type) {
  const EmbeddedFile* f = FindEmbeddedFile(name);
  if (f == nullptr) return Problem(404, "not-found", "no such file");
  Response r;
  r.content_type = std::string(content_type);
  std::string etag = "\"" + std::string(f->sha256).substr(0, 16) + "\"";
  r.AddHeader("ETag", etag);
  r.AddHeader("Cache-Control", "public, max-age=300");
  // embed.js runs on other sites' pages.
  r.AddHeader("Cross-Origin-Resource-Policy", "cross-origin");
  if (req.Header("if-none-match") == etag) {
    r.status = 304;
    return r;
  }
  r.body = f->content;
  return r;
}

}  // namespace sahayak::api::forms

namespace sahayak::api::handlers {

Response FormsAsset(ApiContext&, Call& call) {
  const std::string& p = call.req.path;
  if (p == "/forms/embed.js") {
    return forms::AssetResponse(call.req, "assets/forms_embed.js", "text/javascript; charset=utf-8");
  }
  if (p == "/forms/assets/frame.js") {
    return forms::AssetResponse(call.req, "assets/forms_frame.js", "text/javascript; charset=utf-8");
  }
  if (p == "/forms/assets/forms.css") {
    return forms::AssetResponse(call.req, "assets/forms.css", "text/css; charset=utf-8");
  }
  return forms::AssetResponse(call.req, "assets/deflect.js", "text/javascript; charset=utf-8");
}

}  // namespace sahayak::api::handlers
