// The help centre's other routes: /help (choose a language), the feedback form, the
// stylesheet, public articles' files, and the page for unknown /help paths.
#include <algorithm>

#include "api/handlers.h"
#include "api/help.h"
#include "api/html.h"
#include "api/problem.h"
#include "base/text.h"
#include "domain/kb.h"
#include "services/kb/kb_service.h"

namespace sahayak::api::handlers {

namespace {

Response Redirect(int status, std::string location) {
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.AddHeader("Location", std::move(location));
  return r;
}

// The visitor's language for a page whose path names none (or an unknown one).
std::string VisitorLanguage(ApiContext& ctx, const Request& req) {
  auto ws = help::HelpWorkspace(ctx, req);
  return help::ChooseLanguage(req.Header("cookie"), req.Header("accept-language"),
                              ws.ok() ? ws->default_language : "en");
}

bool InlineType(std::string_view mime) {
  return mime == "image/png" || mime == "image/jpeg" || mime == "image/gif" ||
         mime == "image/webp";
}

}  // namespace

Response HelpRoot(ApiContext& ctx, Call& call) {
  Response r = Redirect(302, "/help/" + VisitorLanguage(ctx, call.req));
  r.AddHeader("Vary", "Cookie, Accept-Language");
  return r;
}

Response HelpFeedback(ApiContext& ctx, Call& call) {
  bool ok = false;
  help::Visit v = help::StartVisit(ctx, call.req, call.lang, &ok);
  if (!ok || ctx.kb == nullptr) return help::ErrorPage(v, 503);
  // Public routes carry no session, so the router's CSRF check does not apply: a form posted
  // from another site is refused here.
  if (!help::SameOrigin(call.req)) return help::ErrorPage(v, 403);
  if (ctx.help_feedback_limiter != nullptr) {
    auto d = ctx.help_feedback_limiter->Take("help-feedback:" + call.req.remote_ip);
    if (!d.allowed) {
      Response r = help::ErrorPage(v, 429);
      r.AddHeader("Retry-After", std::to_string(std::max<int64_t>(1, d.reset_seconds)));
      return r;
    }
  }
  std::string answer =
      call.body.is_object() && call.body.contains("helpful") && call.body["helpful"].is_string()
          ? call.body["helpful"].get<std::string>()
          : "";
  if (answer != "yes" && answer != "no") return help::ErrorPage(v, 400);
  Status st = ctx.kb->Vote(v.workspace.id, call.id(), v.lang, answer == "yes");
  if (!st.ok()) return help::ErrorPage(v, st.code() == Code::kNotFound ? 404 : 503);
  return Redirect(303, v.Url("/articles/" + std::to_string(call.id()) +
                             "?feedback=thanks#feedback"));
}

Response HelpCss(ApiContext&, Call& call) {
  const EmbeddedFile* css = FindEmbeddedFile("assets/help.css");
  if (css == nullptr) return Problem(404, "not-found", "no stylesheet");
  Response r;
  r.content_type = "text/css; charset=utf-8";
  std::string etag = "\"" + std::string(css->sha256).substr(0, 16) + "\"";
  r.AddHeader("ETag", etag);
  // The page links the stylesheet with its hash as ?v=, so that URL never changes content.
  bool versioned = call.req.Query("v") == std::optional<std::string>(
                                               std::string(css->sha256).substr(0, 12));
  r.AddHeader("Cache-Control",
              versioned ? "public, max-age=31536000, immutable" : "public, max-age=300");
  if (call.req.Header("if-none-match") == etag) {
    r.status = 304;
    return r;
  }
  r.body = css->content;
  return r;
}

Response HelpFile(ApiContext& ctx, Call& call) {
  std::string lang = VisitorLanguage(ctx, call.req);
  bool ok = false;
  help::Visit v = help::StartVisit(ctx, call.req, lang, &ok);
  if (!ok || ctx.kb == nullptr) return help::ErrorPage(v, 503);
  auto a = ctx.kb->PublicAttachment(v.workspace.id, call.id());
  if (!a.ok()) return help::ErrorPage(v, a.status().code() == Code::kNotFound ? 404 : 503);
  services::Principal reader;
  reader.workspace_id = v.workspace.id;
  reader.via = services::Principal::Via::kCli;
  auto got = ctx.attachments.Download(reader, call.id());
  if (!got.ok()) return help::ErrorPage(v, got.status().code() == Code::kNotFound ? 404 : 503);
  Response r;
  r.content_type = got->first.mime_type;
  r.body = std::move(got->second);
  std::string disposition = InlineType(got->first.mime_type) ? "inline" : "attachment";
  r.AddHeader("Content-Disposition",
              disposition + "; filename*=UTF-8''" + html::UrlEncode(got->first.filename));
  r.AddHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  r.AddHeader("Cache-Control", "public, max-age=3600");
  r.AddHeader("ETag", "\"" + got->first.sha256.substr(0, 32) + "\"");
  return r;
}

Response HelpNotFound(ApiContext& ctx, const Request& req) {
  // /help/<lang>/…: the language of the path when it is one of ours.
  std::string lang;
  std::string_view rest = std::string_view(req.path).substr(std::min<size_t>(6, req.path.size()));
  std::string_view first = rest.substr(0, rest.find('/'));
  lang = domain::IsKbLanguage(first) ? std::string(first) : VisitorLanguage(ctx, req);
  bool ok = false;
  help::Visit v = help::StartVisit(ctx, req, lang, &ok);
  return help::ErrorPage(v, 404);
}

}  // namespace sahayak::api::handlers
