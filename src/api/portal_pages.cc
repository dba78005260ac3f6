// The portal's pages for a signed-in customer: their requests, one request with its public
// conversation and the reply form, a new request, files, the password form, the stylesheet
// (api/portal.h).
#include <cmath>
#include <cstdlib>

#include "api/handlers.h"
#include "api/html.h"
#include "api/portal.h"
#include "api/problem.h"
#include "base/text.h"
#include "domain/kb.h"
#include "services/kb/kb_service.h"

namespace sahayak::api::handlers {

namespace {

using portal::Visit;

constexpr size_t kMaxSubjectChars = 200;

std::string Field(const nlohmann::json& body, const char* name) {
  if (!body.is_object() || !body.contains(name) || !body[name].is_string()) return "";
  return body[name].get<std::string>();
}

std::string Notice(std::string_view text, bool warn) {
  if (text.empty()) return "";
  return std::string("<p class=\"") +
         (warn ? "warn\" role=\"alert\">" : "notice\" role=\"status\">") + html::Escape(text) +
         "</p>\n";
}

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
  main += Notice(message, warn);
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

// --- a new request -------------------------------------------------------------------------

struct NewForm {
  std::string subject;
  std::string body;
  std::string topic;
  nlohmann::json fields = nlohmann::json::object();  // custom field key -> raw text
};

std::string CustomFieldInputs(const Visit& v, const std::vector<domain::CustomFieldDef>& defs,
                              const NewForm& form) {
  std::string out;
  for (const domain::CustomFieldDef& d : defs) {
    if (!d.active) continue;
    const std::string name = "cf_" + d.key;
    const std::string value = form.fields.value(d.key, "");
    const std::string req = d.required ? " required" : "";
    std::string label = html::Escape(d.label);
    if (d.required) label += " <span aria-hidden=\"true\">*</span>";
    switch (d.type) {
      case domain::FieldType::kCheckbox:
        out += "<label class=\"check\"><input type=\"checkbox\" name=\"" + name + "\" value=\"1\"" +
               (value.empty() ? "" : " checked") + "> " + label + "</label>";
        break;
      case domain::FieldType::kDropdown:
        out += "<label for=\"" + name + "\">" + label + "</label><select id=\"" + name +
               "\" name=\"" + name + "\"" + req + "><option value=\"\"></option>";
        for (const std::string& o : d.options) {
          out += "<option" + std::string(o == value ? " selected" : "") + ">" + html::Escape(o) +
                 "</option>";
        }
        out += "</select>";
        break;
      default: {
        const char* type = d.type == domain::FieldType::kNumber ? "number"
                           : d.type == domain::FieldType::kDate ? "date"
                                                                : "text";
        out += "<label for=\"" + name + "\">" + label + "</label><input id=\"" + name +
               "\" name=\"" + name + "\" type=\"" + type + "\"" +
               (d.type == domain::FieldType::kNumber ? " step=\"any\"" : "") + " value=\"" +
               html::Attr(value) + "\"" + req + " maxlength=\"1000\">";
      }
    }
  }
  (void)v;
  return out;
}

Response NewRequestPage(ApiContext& ctx, const Visit& v, int status, const NewForm& form,
                        std::string_view message) {
  std::vector<domain::CustomFieldDef> defs;
  (void)ctx.store.Read([&](services::ReadTx& tx) -> Status {
    auto d = tx.ListCustomFields(v.workspace.id);
    if (d.ok()) defs = std::move(d).value();
    return Status::Ok();
  });
  std::string topics = "<option value=\"\">" + html::Escape(v.T("new.topic_none")) + "</option>";
  if (ctx.kb != nullptr) {
    auto tree = ctx.kb->PublicTree(v.workspace.id, v.lang);
    if (tree.ok()) {
      for (const auto& c : *tree) {
        const std::string title =
            domain::Localized(c.category.titles, v.lang, v.workspace.default_language);
        topics += "<option" + std::string(title == form.topic ? " selected" : "") + ">" +
                  html::Escape(title) + "</option>";
      }
    }
  }
  std::string main = "<p class=\"crumbs\"><a href=\"/portal\">" +
                     html::Escape(v.T("nav.requests")) + "</a></p>\n<h1>" +
                     html::Escape(v.T("new.title")) + "</h1>\n" + Notice(message, true);
  main +=
      "<form class=\"stack\" method=\"post\" enctype=\"multipart/form-data\" "
      "action=\"/portal/new\">" +
      portal::CsrfInput(v) +
      "<input type=\"hidden\" name=\"deflection\" value=\"\"><label for=\"ns\">" +
      html::Escape(v.T("new.subject")) +
      "</label><input id=\"ns\" name=\"subject\" required autocomplete=\"off\" maxlength=\"" +
      std::to_string(kMaxSubjectChars) + "\" data-deflect value=\"" + html::Attr(form.subject) +
      "\"><div data-deflect-list></div><label for=\"nt\">" + html::Escape(v.T("new.topic")) +
      "</label><select id=\"nt\" name=\"topic\">" + topics + "</select><label for=\"nb\">" +
      html::Escape(v.T("new.description")) +
      "</label><textarea id=\"nb\" name=\"body\" rows=\"8\" required maxlength=\"100000\">" +
      html::Escape(form.body) + "</textarea>" + CustomFieldInputs(v, defs, form) +
      "<label for=\"nf\">" + html::Escape(v.T("files.label")) +
      "</label><input id=\"nf\" name=\"files\" type=\"file\" multiple><button "
      "type=\"submit\">" +
      html::Escape(v.T("new.submit")) +
      "</button></form>\n"
      "<script src=\"/help/assets/deflect.js\" defer></script>\n";
  return portal::RenderPage(v, status, v.T("new.title"), std::move(main));
}

// The custom fields of a form as the ticket's JSON; `*bad` names a field that is not valid.
nlohmann::json CustomFieldValues(const std::vector<domain::CustomFieldDef>& defs,
                                 const nlohmann::json& raw, std::string* bad) {
  nlohmann::json out = nlohmann::json::object();
  for (const domain::CustomFieldDef& d : defs) {
    if (!d.active) continue;
    const std::string value = Trim(raw.value(d.key, ""));
    if (value.empty()) continue;
    switch (d.type) {
      case domain::FieldType::kCheckbox:
        out[d.key] = true;
        break;
      case domain::FieldType::kNumber: {
        char* end = nullptr;
        double n = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0' || !std::isfinite(n)) {
          *bad = d.label;
          break;
        }
        if (n == std::floor(n) && std::fabs(n) < 9e15) {
          out[d.key] = static_cast<int64_t>(n);
        } else {
          out[d.key] = n;
        }
        break;
      }
      default:
        out[d.key] = value;
    }
  }
  return out;
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
    main += Notice(v.T("password.saved"), false);
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
  const std::string body = Field(form->fields, "body");
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

Response PortalNewRequest(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ToSignIn(v);
  return NewRequestPage(ctx, v, 200, NewForm{}, "");
}

Response PortalCreateRequest(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ErrorPage(v, 403);
  auto parsed = portal::ReadMultipartForm(call.req);
  if (!parsed.ok()) return portal::ErrorPage(v, 400);
  if (!portal::FormAllowed(v, parsed->fields, true)) return portal::ErrorPage(v, 403);
  NewForm form;
  form.subject = Trim(Field(parsed->fields, "subject"));
  form.body = Field(parsed->fields, "body");
  form.topic = Trim(Field(parsed->fields, "topic"));
  for (auto it = parsed->fields.begin(); it != parsed->fields.end(); ++it) {
    if (it.key().rfind("cf_", 0) == 0 && it.value().is_string()) {
      form.fields[it.key().substr(3)] = it.value();
    }
  }
  if (form.subject.empty() || Trim(form.body).empty()) {
    return NewRequestPage(ctx, v, 422, form, v.T("new.missing"));
  }
  if (CodePointCount(form.subject) > kMaxSubjectChars || CodePointCount(form.topic) > 200) {
    return NewRequestPage(ctx, v, 422, form, v.T("new.subject_long"));
  }
  std::vector<domain::CustomFieldDef> defs;
  (void)ctx.store.Read([&](services::ReadTx& tx) -> Status {
    auto d = tx.ListCustomFields(v.workspace.id);
    if (d.ok()) defs = std::move(d).value();
    return Status::Ok();
  });
  std::string bad_field;
  services::PortalRequest request;
  request.custom_fields = CustomFieldValues(defs, form.fields, &bad_field);
  if (!bad_field.empty()) {
    return NewRequestPage(ctx, v, 422, form, v.F("new.bad_field", {{"field", bad_field}}));
  }
  std::string message;
  auto files = portal::StoreUploads(v, parsed->files, &message);
  if (!files.ok()) {
    return NewRequestPage(ctx, v, files.status().code() == Code::kResourceExhausted ? 413 : 422,
                          form, message);
  }
  request.subject = form.subject;
  request.body = form.body;
  request.topic = form.topic;
  request.attachments = std::move(files).value();
  auto t = ctx.portal->CreateTicket(*v.customer, std::move(request));
  if (!t.ok()) {
    const Status& st = t.status();
    if (st.code() != Code::kInvalidArgument) return portal::ErrorPage(v, 503);
    std::string names;
    for (const auto& f : st.fields()) {
      std::string key = f.field;
      if (key.rfind("custom_fields.", 0) == 0) {
        key = key.substr(14);
        for (const auto& d : defs) {
          if (d.key == key) key = d.label;
        }
      }
      names += (names.empty() ? "" : ", ") + key;
    }
    return NewRequestPage(ctx, v, 422, form, v.F("new.bad_field", {{"field", names}}));
  }
  if (ctx.deflection != nullptr) {
    ctx.deflection->RecordSubmitted(v.workspace.id, Field(parsed->fields, "deflection"), t->id);
  }
  return portal::Redirect("/portal/tickets/" + std::to_string(t->number) + "?created=1");
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
  Status st = ctx.portal->SetPassword(*v.customer, Field(call.body, "password"));
  if (!st.ok()) {
    if (st.code() != Code::kInvalidArgument) return portal::ErrorPage(v, 503);
    std::string main = "<h1>" + html::Escape(v.T("password.set")) + "</h1>\n" +
                       Notice(v.T("password.weak"), true) +
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
