// The portal's pages for a signed-in customer: their requests, one request with its public
// conversation and the reply form, files, the password form, the stylesheet (api/portal.h).
// A new request: portal_new_request.cc.
#include "api/handlers.h"
#include "api/html.h"
#include "api/portal.h"
#include "api/problem.h"
#include "base/text.h"

namespace sahayak::api::handlers {

namespace {

using portal::Visit;

// --- a ticket's page -----------------------------------------------------------------------

std::string ReplyForm(const Visit& v, const domain::Ticket& t, std::string_view body) {
  if (t.status == domain::TicketStatus::kClosed) {
    return "<p class=\"meta\">" + html::Escape(v.T("ticket.closed")) + " <a href=\"/portal/new\">" +
           html::Escape(v.T("nav.new")) + "</a></p>\n";
  }
  return "<form class=\"stack\" method=\"post\" enctype=\"multipart/form-data\" action=\"/portal/"
         "tickets/" +
         std::to_string(t.number) + "/replies\">" + portal::CsrfInput(v) +
         "<h2><label for=\"rb\">" + html::Escape(v.T("ticket.reply")) +
         "</label></h2><textarea id=\"rb\" name=\"body\" rows=\"6\" maxlength=\"100000\">" +
         html::Escape(body) + "</textarea><label for=\"rf\">" + html::Escape(v.T("files.label")) +
         "</label><input id=\"rf\" name=\"files\" type=\"file\" multiple><button "
         "type=\"submit\">" +
         html::Escape(v.T("ticket.send")) + "</button></form>\n";
}

Response TicketPage(const Visit& v, const services::PortalTicket& pt, int status,
                    std::string_view message, bool warn, std::string_view draft) {
  const domain::Ticket& t = pt.ticket;
  std::string main = "<p class=\"crumbs\"><a href=\"/portal\">" +
                     html::Escape(v.T("nav.requests")) + "</a></p>\n<h1>" +
                     html::Escape(t.subject) + "</h1>\n<p class=\"meta\">" +
                     html::Escape(v.F("ticket.meta", {{"number", std::to_string(t.number)},
                                                      {"date", portal::Date(v, t.created_at)}})) +
                     " <span class=\"status s-" + domain::Name(t.status) + "\">" +
                     html::Escape(portal::StatusText(v, t.status)) + "</span></p>\n";
  if (v.customer && t.requester_id != v.customer->contact.id) {
    main += "<p class=\"meta\">" +
            html::Escape(v.F("ticket.requested_by", {{"name", pt.requester_name}})) + "</p>\n";
  }
  main += portal::Notice(message, warn);
  main += "<ol class=\"thread\">\n";
  for (const domain::Message& m : pt.messages) {
    const bool mine = m.author_kind == domain::Actor::Kind::kContact;
    main += "<li class=\"msg" + std::string(mine ? " mine" : " agent") + "\" id=\"m" +
            std::to_string(m.id) + "\"><p class=\"meta\"><strong>" +
            html::Escape(m.author_name.empty() ? v.T("ticket.support") : m.author_name) +
            "</strong> · " + html::Escape(portal::Date(v, m.created_at)) +
            "</p><div class=\"body\">" + m.html +  // sanitised when stored
            "</div>";
    if (!m.attachments.empty()) {
      main += "<ul class=\"files\">";
      for (const domain::Attachment& a : m.attachments) {
        main += "<li><a href=\"/portal/files/" + std::to_string(a.id) + "\">" +
                html::Escape(a.filename) + "</a></li>";
      }
      main += "</ul>";
    }
    main += "</li>\n";
  }
  main += "</ol>\n" + ReplyForm(v, t, draft);
  return portal::RenderPage(v, status, t.subject, std::move(main));
}

}  // namespace

Response PortalHome(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ToSignIn(v);
  auto tickets = ctx.portal->ListTickets(*v.customer);
  if (!tickets.ok()) return portal::ErrorPage(v, 503);
  std::string main =
      "<h1>" + html::Escape(v.F("home.heading", {{"name", v.customer->contact.name}})) + "</h1>\n";
  if (call.req.Query("password") == std::optional<std::string>("set")) {
    main += portal::Notice(v.T("password.saved"), false);
  }
  main += "<p><a class=\"button\" href=\"/portal/new\">" + html::Escape(v.T("nav.new")) +
          "</a></p>\n<section aria-labelledby=\"h-req\"><h2 id=\"h-req\">" +
          html::Escape(v.T("home.requests")) + "</h2>\n";
  if (tickets->empty()) {
    main += "<p>" + html::Escape(v.T("home.none")) + "</p>\n";
  } else {
    main += "<ul class=\"list tickets\">";
    for (const domain::Ticket& t : *tickets) {
      main += "<li><a href=\"/portal/tickets/" + std::to_string(t.number) + "\">#" +
              std::to_string(t.number) + " " + html::Escape(t.subject) +
              "</a> <span class=\"status s-" + domain::Name(t.status) + "\">" +
              html::Escape(portal::StatusText(v, t.status)) + "</span> <span class=\"meta\">" +
              html::Escape(v.F("home.updated", {{"date", portal::Date(v, t.updated_at)}})) +
              "</span>";
      if (t.requester_id != v.customer->contact.id) {
        main += " <span class=\"meta\">" + html::Escape(v.T("home.organisation")) + "</span>";
      }
      main += "</li>";
    }
    main += "</ul>\n";
  }
  main += "</section>\n" + portal::RenderPanels(v, portal::HomePanels(v));
  auto has_password = ctx.portal->HasPassword(*v.customer);
  main +=
      "<details class=\"card\"><summary>" +
      html::Escape(v.T(has_password.ok() && *has_password ? "password.change" : "password.set")) +
      "</summary><form class=\"stack\" method=\"post\" action=\"/portal/password\">" +
      portal::CsrfInput(v) + "<label for=\"np\">" + html::Escape(v.T("password.new")) +
      "</label><input id=\"np\" name=\"password\" type=\"password\" "
      "autocomplete=\"new-password\" required minlength=\"8\" maxlength=\"1024\"><button "
      "type=\"submit\">" +
      html::Escape(v.T("password.save")) + "</button></form></details>\n";
  return portal::RenderPage(v, 200, v.T("home.requests"), std::move(main));
}

Response PortalTicket(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ToSignIn(v);
  auto t = ctx.portal->GetTicket(*v.customer, call.id());
  if (!t.ok()) return portal::ErrorPage(v, t.status().code() == Code::kNotFound ? 404 : 503);
  std::string message;
  if (call.req.Query("created")) message = v.T("new.created");
  if (call.req.Query("replied")) message = v.T("ticket.replied");
  return TicketPage(v, *t, 200, message, false, "");
}

Response PortalReply(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ErrorPage(v, 403);
  auto form = portal::ReadMultipartForm(call.req);
  if (!form.ok()) return portal::ErrorPage(v, 400);
  if (!portal::FormAllowed(v, form->fields, true)) return portal::ErrorPage(v, 403);
  auto t = ctx.portal->GetTicket(*v.customer, call.id());
  if (!t.ok()) return portal::ErrorPage(v, t.status().code() == Code::kNotFound ? 404 : 503);
  const std::string body = portal::StringField(form->fields, "body");
  if (Trim(body).empty() && form->files.empty()) {
    return TicketPage(v, *t, 422, v.T("ticket.empty"), true, body);
  }
  std::string message;
  auto files = portal::StoreUploads(v, form->files, &message);
  if (!files.ok()) {
    return TicketPage(v, *t, files.status().code() == Code::kResourceExhausted ? 413 : 422, message,
                      true, body);
  }
  auto m = ctx.portal->Reply(*v.customer, call.id(), body, std::move(files).value());
  if (!m.ok()) {
    const Status& st = m.status();
    if (st.code() == Code::kNotFound) return portal::ErrorPage(v, 404);
    if (st.kind() == "ticket-closed")
      return TicketPage(v, *t, 409, v.T("ticket.closed"), true, body);
    if (st.code() == Code::kInvalidArgument) {
      return TicketPage(v, *t, 422, v.T("ticket.too_long"), true, body);
    }
    return portal::ErrorPage(v, 503);
  }
  return portal::Redirect("/portal/tickets/" + std::to_string(call.id()) + "?replied=1#m" +
                          std::to_string(m->id));
}

Response PortalFile(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ToSignIn(v);
  auto a = ctx.portal->VisibleAttachment(*v.customer, call.id());
  if (!a.ok()) return portal::ErrorPage(v, a.status().code() == Code::kNotFound ? 404 : 503);
  services::Principal reader;
  reader.workspace_id = v.workspace.id;
  reader.via = services::Principal::Via::kCli;
  auto got = ctx.attachments.Download(reader, call.id());
  if (!got.ok()) return portal::ErrorPage(v, got.status().code() == Code::kNotFound ? 404 : 503);
  Response r;
  r.content_type = got->first.mime_type;
  r.body = std::move(got->second);
  const bool image = got->first.mime_type == "image/png" || got->first.mime_type == "image/jpeg" ||
                     got->first.mime_type == "image/gif";
  r.AddHeader("Content-Disposition", std::string(image ? "inline" : "attachment") +
                                         "; filename*=UTF-8''" +
                                         html::UrlEncode(got->first.filename));
  r.AddHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  r.AddHeader("Cache-Control", "private, no-store");
  return r;
}

Response PortalSetPassword(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ErrorPage(v, 403);
  if (!portal::FormAllowed(v, call.body, true)) return portal::ErrorPage(v, 403);
  Status st = ctx.portal->SetPassword(*v.customer, portal::StringField(call.body, "password"));
  if (!st.ok()) {
    if (st.code() != Code::kInvalidArgument) return portal::ErrorPage(v, 503);
    std::string main = "<h1>" + html::Escape(v.T("password.set")) + "</h1>\n" +
                       portal::Notice(v.T("password.weak"), true) +
                       "<form class=\"stack\" method=\"post\" action=\"/portal/password\">" +
                       portal::CsrfInput(v) + "<label for=\"np\">" +
                       html::Escape(v.T("password.new")) +
                       "</label><input id=\"np\" name=\"password\" type=\"password\" "
                       "autocomplete=\"new-password\" required minlength=\"8\"><button "
                       "type=\"submit\">" +
                       html::Escape(v.T("password.save")) + "</button></form>\n";
    return portal::RenderPage(v, 422, v.T("password.set"), std::move(main));
  }
  return portal::Redirect("/portal?password=set");
}

Response PortalCss(ApiContext&, Call& call) {
  std::string body, tag;
  for (const char* name : {"assets/help.css", "assets/portal.css"}) {
    if (const EmbeddedFile* f = FindEmbeddedFile(name)) {
      body += f->content;
      body += "\n";
      tag += std::string(f->sha256).substr(0, 6);
    }
  }
  Response r;
  r.content_type = "text/css; charset=utf-8";
  const std::string etag = "\"" + tag + "\"";
  r.AddHeader("ETag", etag);
  r.AddHeader("Cache-Control", call.req.Query("v") == std::optional<std::string>(tag)
                                   ? "public, max-age=31536000, immutable"
                                   : "public, max-age=300");
  if (call.req.Header("if-none-match") == etag) {
    r.status = 304;
    return r;
  }
  r.body = std::move(body);
  return r;
}

}  // namespace sahayak::api::handlers
