// The portal's sign-in: the page, sign-in links by e-mail, passwords, signing out, and the
// agents' portal invitation (api/portal.h; docs/portal.md).
#include <algorithm>

#include "api/handlers.h"
#include "api/help.h"
#include "api/html.h"
#include "api/json_writer.h"
#include "api/portal.h"
#include "api/problem.h"
#include "base/text.h"

namespace sahayak::api::handlers {

namespace {

using portal::Visit;

// The e-mail link form (also on the "link no longer works" page).
std::string LinkForm(const Visit& v, std::string_view email) {
  return "<form class=\"stack\" method=\"post\" action=\"/portal/sign-in/email\"><h2>" +
         html::Escape(v.T("sign_in.link_heading")) + "</h2><p>" +
         html::Escape(v.T("sign_in.link_help")) + "</p><label for=\"le\">" +
         html::Escape(v.T("sign_in.email")) +
         "</label><input id=\"le\" name=\"email\" type=\"email\" autocomplete=\"email\" "
         "required maxlength=\"254\" value=\"" +
         html::Attr(email) + "\"><button type=\"submit\">" +
         html::Escape(v.T("sign_in.link_button")) + "</button></form>\n";
}

std::string PasswordForm(const Visit& v, std::string_view email) {
  return "<form class=\"stack\" method=\"post\" action=\"/portal/sign-in/password\"><h2>" +
         html::Escape(v.T("sign_in.password_heading")) + "</h2><label for=\"pe\">" +
         html::Escape(v.T("sign_in.email")) +
         "</label><input id=\"pe\" name=\"email\" type=\"email\" autocomplete=\"username\" "
         "required maxlength=\"254\" value=\"" +
         html::Attr(email) + "\"><label for=\"pp\">" + html::Escape(v.T("sign_in.password")) +
         "</label><input id=\"pp\" name=\"password\" type=\"password\" "
         "autocomplete=\"current-password\" required maxlength=\"1024\"><button "
         "type=\"submit\">" +
         html::Escape(v.T("sign_in.password_button")) + "</button></form>\n";
}

Response SignInPage(const Visit& v, int status, std::string_view message, std::string_view email,
                    bool warn = true) {
  std::string main = "<h1>" + html::Escape(v.T("sign_in.title")) + "</h1>\n";
  if (!message.empty()) {
    main += warn ? "<p class=\"warn\" role=\"alert\">" : "<p class=\"notice\" role=\"status\">";
    main += html::Escape(message) + "</p>\n";
  }
  main += "<div class=\"columns\">" + LinkForm(v, email) + PasswordForm(v, email) + "</div>\n";
  main += "<p><a href=\"/portal/track\">" + html::Escape(v.T("track.from_sign_in")) + "</a></p>\n";
  return portal::RenderPage(v, status, v.T("sign_in.title"), std::move(main));
}

// The page for a link that is unknown, used or expired, with a form for a new one.
Response LinkInvalidPage(const Visit& v) {
  std::string main = "<h1>" + html::Escape(v.T("link.invalid_title")) + "</h1>\n<p>" +
                     html::Escape(v.T("link.invalid_body")) + "</p>\n" + LinkForm(v, "");
  return portal::RenderPage(v, 410, v.T("link.invalid_title"), std::move(main));
}

// The token of /portal/sign-in/<token>.
std::string PathToken(const Request& req) {
  std::string_view path = req.path;
  const std::string_view prefix = "/portal/sign-in/";
  if (path.rfind(prefix, 0) != 0) return "";
  std::string_view token = path.substr(prefix.size());
  if (token.empty() || token.size() > 128) return "";
  for (char c : token) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return "";
  }
  return std::string(token);
}

std::string LinkBase(const ApiContext& ctx, std::string_view public_host) {
  return help::SiteUrl(ctx.public_url.empty() ? "http://127.0.0.1:8080" : ctx.public_url,
                       public_host);
}

// The public host of the agent's workspace ("" when unknown: the server's own address).
std::string AgentSiteHost(ApiContext& ctx, domain::Id workspace_id) {
  std::string host;
  (void)ctx.store.Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto ws, tx.GetWorkspace(workspace_id));
    host = ws.public_host;
    return Status::Ok();
  });
  return host;
}

}  // namespace

Response PortalSignIn(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  if (v.customer) return portal::Redirect("/portal");
  if (call.req.Query("signed_out")) return SignInPage(v, 200, v.T("sign_in.signed_out"), "", false);
  return SignInPage(v, 200, "", "");
}

Response PortalRequestLink(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  if (!portal::FormAllowed(v, call.body, false)) return portal::ErrorPage(v, 403);
  const std::string email = FoldCase(Trim(portal::StringField(call.body, "email")));
  if (!LooksLikeEmail(email) || email.size() > 254) {
    return SignInPage(v, 422, v.T("sign_in.bad_email"), portal::StringField(call.body, "email"));
  }
  if (auto r = portal::Limited(v, ctx.portal_ip_limiter, "link-ip:" + call.req.remote_ip)) {
    return *r;
  }
  if (auto r = portal::Limited(v, ctx.portal_address_limiter, "link:" + email)) return *r;
  Status st = ctx.portal->RequestSignInLink(v.workspace.id, email,
                                             LinkBase(ctx, v.workspace.public_host), v.lang);
  if (!st.ok()) return portal::ErrorPage(v, 503);
  // The same page whether or not the address is known.
  std::string main = "<h1>" + html::Escape(v.T("link.sent_title")) + "</h1>\n<p>" +
                     html::Escape(v.F("link.sent_body", {{"email", email}})) + "</p>\n";
  return portal::RenderPage(v, 200, v.T("link.sent_title"), std::move(main));
}

Response PortalPasswordSignIn(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  if (!portal::FormAllowed(v, call.body, false)) return portal::ErrorPage(v, 403);
  const std::string email = FoldCase(Trim(portal::StringField(call.body, "email")));
  if (auto r = portal::Limited(v, ctx.portal_ip_limiter, "password-ip:" + call.req.remote_ip)) {
    return *r;
  }
  if (auto r = portal::Limited(v, ctx.portal_address_limiter, "password:" + email)) return *r;
  auto signed_in = ctx.portal->SignInWithPassword(
      v.workspace.id, email, portal::StringField(call.body, "password"), call.req.remote_ip,
      call.req.Header("user-agent"));
  if (!signed_in.ok()) {
    if (signed_in.status().code() != Code::kUnauthenticated) return portal::ErrorPage(v, 503);
    return SignInPage(v, 401, v.T("sign_in.failed"), portal::StringField(call.body, "email"));
  }
  Response r = portal::Redirect("/portal");
  r.AddHeader("Set-Cookie", portal::SessionCookie(ctx, signed_in->token));
  return r;
}

Response PortalLinkPage(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  const std::string token = PathToken(call.req);
  // Showing the page does not use the link: mail scanners open links too.
  if (token.empty() || !ctx.portal->SignInLinkUsable(v.workspace.id, token)) {
    return LinkInvalidPage(v);
  }
  std::string main = "<h1>" + html::Escape(v.T("link.confirm_title")) + "</h1>\n<p>" +
                     html::Escape(v.T("link.confirm_body")) +
                     "</p>\n<form method=\"post\" action=\"" + html::Attr(call.req.path) +
                     "\"><button type=\"submit\">" + html::Escape(v.T("link.confirm_button")) +
                     "</button></form>\n";
  Response r = portal::RenderPage(v, 200, v.T("link.confirm_title"), std::move(main));
  // Search engines must not keep it (the page sends no Referer elsewhere: same-origin).
  r.AddHeader("X-Robots-Tag", "noindex");
  return r;
}

Response PortalUseLink(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  if (!portal::FormAllowed(v, call.body, false)) return portal::ErrorPage(v, 403);
  const std::string token = PathToken(call.req);
  if (token.empty()) return LinkInvalidPage(v);
  // Only a link of the workspace whose site this is: one opened on another workspace's host
  // is refused there without being used up.
  auto signed_in = ctx.portal->ConsumeSignInLink(v.workspace.id, token, call.req.remote_ip,
                                                 call.req.Header("user-agent"));
  if (!signed_in.ok()) {
    if (signed_in.status().kind() == services::kPortalLinkInvalid) return LinkInvalidPage(v);
    return portal::ErrorPage(v, 503);
  }
  Response r = portal::Redirect("/portal");
  r.AddHeader("Set-Cookie", portal::SessionCookie(ctx, signed_in->token));
  return r;
}

Response PortalSignOut(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ToSignIn(v);
  if (!portal::FormAllowed(v, call.body, true)) return portal::ErrorPage(v, 403);
  const std::string token = help::CookieValue(call.req.Header("cookie"), portal::kSessionCookie);
  if (!ctx.portal->SignOut(token).ok()) return portal::ErrorPage(v, 503);
  Response r = portal::Redirect("/portal/sign-in?signed_out=1");
  r.AddHeader("Set-Cookie", portal::SessionCookie(ctx, ""));
  return r;
}

Response PortalInvitation(ApiContext& ctx, Call& call) {
  if (ctx.portal == nullptr)
    return Problem(503, "unavailable", "the customer portal is not running");
  if (ctx.portal_address_limiter != nullptr) {
    auto d = ctx.portal_address_limiter->Take("invite:" + std::to_string(call.id()));
    if (!d.allowed) {
      Response r = Problem(429, "rate-limited",
                           "a sign-in link went to this contact moments ago; try again in " +
                               std::to_string(d.reset_seconds) + " seconds");
      r.AddHeader("Retry-After", std::to_string(std::max<int64_t>(1, d.reset_seconds)));
      return r;
    }
  }
  auto sent = ctx.portal->InviteContact(
      call.who, call.id(), LinkBase(ctx, AgentSiteHost(ctx, call.who.workspace_id)));
  if (!sent.ok()) {
    if (sent.status().kind() == "no-email") {
      return Problem(422, "no-email", sent.status().message());
    }
    return ProblemResponse(sent.status());
  }
  Response r;
  r.status = 202;
  r.body = nlohmann::json({{"sent_to", *sent}}).dump();
  return r;
}

Response PortalNotFound(ApiContext& ctx, const Request& req) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, req, &ok);
  return portal::ErrorPage(v, ok ? 404 : 503);
}

}  // namespace sahayak::api::handlers
