// The web form's public routes: GET /forms/{key} shows the form, POST /forms/{key} turns it
// into a ticket (channel web) after the spam checks of docs/web-forms.md.
#include <algorithm>

#include "api/forms.h"
#include "api/handlers.h"
#include "api/help.h"
#include "api/multipart.h"
#include "base/text.h"
#include "services/attachments/attachment_service.h"
#include "services/tickets/inbound_ticket.h"

namespace sahayak::api::handlers {

namespace {

using forms::FormState;
using services::WebForm;

std::string T(std::string_view lang, std::string_view key) {
  return forms::FormsCatalog().Text(lang, key);
}

Response NotFoundPage(const Request& req) {
  std::string lang = forms::FormLanguage(req, "en");
  return forms::MessagePage(nullptr, lang, 404, T(lang, "not_found.title"),
                            T(lang, "not_found.body"));
}

Response TooMany(const WebForm& f, std::string_view lang, int64_t reset_seconds) {
  Response r = forms::MessagePage(&f, lang, 429, T(lang, "too_many.title"),
                                  T(lang, "too_many.body"), "/forms/" + f.public_key + "?lang=" +
                                  std::string(lang), T(lang, "done.another"));
  r.AddHeader("Retry-After", std::to_string(std::max<int64_t>(1, reset_seconds)));
  return r;
}

Response UnavailablePage(const WebForm* f, std::string_view lang) {
  return forms::MessagePage(f, lang, 503, T(lang, "unavailable.title"),
                            T(lang, "unavailable.body"));
}

// The enabled form of the path's key and the workspace's custom fields.
Status LoadForm(ApiContext& ctx, const Request& req, WebForm* form,
                std::vector<domain::CustomFieldDef>* defs, std::string* ws_lang) {
  return ctx.store.Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(*form, ctx.web_forms->FindEnabled(tx, forms::KeyFromPath(req.path)));
    ASSIGN_OR_RETURN(*defs, tx.ListCustomFields(form->workspace_id));
    auto ws = tx.GetWorkspace(form->workspace_id);
    if (ws.ok()) *ws_lang = ws->default_language;
    return Status::Ok();
  });
}

// Types of file a visitor may not send: programs and scripts a colleague could open by
// mistake. Everything else is kept as the ticket API keeps it (type detected from content).
bool Disallowed(const std::string& mime, const std::string& filename) {
  static const char* kTypes[] = {"application/x-dosexec",       "application/x-executable",
                                 "application/x-msdownload",    "application/x-sharedlib",
                                 "application/x-pie-executable", "application/x-mach-binary",
                                 "application/x-msi",           "text/x-shellscript",
                                 "application/java-archive",    "application/x-bat"};
  for (const char* t : kTypes) {
    if (mime == t) return true;
  }
  std::string lower = AsciiLower(filename);
  for (const char* ext : {".exe", ".bat", ".cmd", ".com", ".scr", ".msi", ".js", ".vbs",
                          ".jar", ".ps1", ".sh", ".apk", ".dll"}) {
    std::string_view e(ext);
    if (lower.size() >= e.size() && lower.compare(lower.size() - e.size(), e.size(), e) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

Response WebFormPage(ApiContext& ctx, Call& call) {
  if (ctx.web_forms == nullptr) return NotFoundPage(call.req);
  WebForm form;
  std::vector<domain::CustomFieldDef> defs;
  std::string ws_lang = "en";
  Status st = LoadForm(ctx, call.req, &form, &defs, &ws_lang);
  if (!st.ok()) {
    if (st.code() == Code::kNotFound) return NotFoundPage(call.req);
    return UnavailablePage(nullptr, forms::FormLanguage(call.req, "en"));
  }
  FormState s;
  s.form = &form;
  s.lang = forms::FormLanguage(call.req, ws_lang);
  s.fields = services::ShownFields(form, defs);
  s.token = ctx.web_forms->IssueToken(form);
  return forms::FormPage(s, 200);
}

Response SubmitWebForm(ApiContext& ctx, Call& call) {
  if (ctx.web_forms == nullptr) return NotFoundPage(call.req);
  WebForm form;
  std::vector<domain::CustomFieldDef> defs;
  std::string ws_lang = "en";
  Status st = LoadForm(ctx, call.req, &form, &defs, &ws_lang);
  if (!st.ok()) {
    if (st.code() == Code::kNotFound) return NotFoundPage(call.req);
    return UnavailablePage(nullptr, forms::FormLanguage(call.req, "en"));
  }
  FormState s;
  s.form = &form;
  s.lang = forms::FormLanguage(call.req, ws_lang);
  s.fields = services::ShownFields(form, defs);
  if (ctx.web_form_ip_limiter != nullptr) {
    auto d = ctx.web_form_ip_limiter->Take("web-form:" + call.req.remote_ip);
    if (!d.allowed) return TooMany(form, s.lang, d.reset_seconds);
  }

  auto boundary = MultipartBoundary(call.req.Header("content-type"));
  auto parts = boundary.ok() ? ParseMultipart(call.req.body, *boundary, 60)
                             : Result<std::vector<MultipartPart>>(boundary.status());
  if (!parts.ok()) {
    s.token = ctx.web_forms->IssueToken(form);
    s.notice_key = "form.try_again";
    return forms::FormPage(s, 400);
  }
  std::string start, honeypot;
  std::vector<const MultipartPart*> files;
  for (const MultipartPart& p : *parts) {
    if (!p.filename.empty()) {
      if (p.name == "attachments" && !p.data.empty()) files.push_back(&p);
      continue;
    }
    std::string value = ToNfc(RepairUtf8(p.data));
    if (p.name == "name") s.values.name = value;
    else if (p.name == "email") s.values.email = value;
    else if (p.name == "subject") s.values.subject = value;
    else if (p.name == "message") s.values.message = value;
    else if (p.name == "start") start = value;
    else if (p.name == "website") honeypot = value;
    else if (p.name == "deflection") s.deflection = value;
    else if (p.name.rfind("custom.", 0) == 0) s.values.custom[p.name.substr(7)] = value;
  }
  if (!services::LooksLikeDeflectionToken(s.deflection)) s.deflection.clear();
  s.values.language = s.lang;

  // A bot that filled the honeypot sees what a person would and learns nothing.
  if (!Trim(honeypot).empty()) {
    ctx.web_forms->CountSpam();
    int64_t pretend = 0;
    (void)ctx.store.Read([&](services::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(pretend, tx.CountTickets(form.workspace_id));
      return Status::Ok();
    });
    return forms::MessagePage(
        &form, s.lang, 200, T(s.lang, "done.title"),
        forms::FormsCatalog().Format(s.lang, "done.body",
                                     {{"number", std::to_string(pretend + 1)}}),
        "/forms/" + form.public_key + "?lang=" + s.lang, T(s.lang, "done.another"));
  }

  // From here on every answer but success shows the form again, with a fresh token.
  s.token = ctx.web_forms->IssueToken(form);
  if (ctx.web_forms->CheckToken(form, start) != services::FormTokenCheck::kOk) {
    s.notice_key = "form.try_again";
    return forms::FormPage(s, 400);
  }
  auto ticket_in = services::BuildWebFormTicket(form, defs, s.values);
  if (!ticket_in.ok()) {
    for (const auto& f : ticket_in.status().fields()) {
      std::string key = f.message == "is required"                  ? "error.required"
                        : f.field == "email"                        ? "error.email"
                        : f.message.find("too long") != std::string::npos ? "error.too_long"
                                                                    : "error.invalid";
      s.errors[f.field] = key;
    }
    return forms::FormPage(s, 422);
  }
  if (ctx.web_form_email_limiter != nullptr) {
    auto d = ctx.web_form_email_limiter->Take("web-form:" + ticket_in->requester.email);
    if (!d.allowed) return TooMany(form, s.lang, d.reset_seconds);
  }

  services::Principal who;
  who.workspace_id = form.workspace_id;
  who.via = services::Principal::Via::kCli;
  who.name = "web form: " + form.name;
  who.ip = call.req.remote_ip;
  who.user_agent = std::string(call.req.Header("user-agent").substr(0, 512));
  if (files.size() > forms::kMaxAttachments) {
    s.errors["attachments"] = "error.attachment_count";
    return forms::FormPage(s, 422);
  }
  std::vector<domain::Attachment> stored;
  for (const MultipartPart* p : files) {
    auto a = ctx.attachments.StoreFile(who, p->filename, p->data);
    if (!a.ok()) {
      s.errors["attachments"] = a.status().code() == Code::kResourceExhausted
                                    ? "error.attachment_too_large"
                                    : "error.attachment_invalid";
      return forms::FormPage(s, a.status().code() == Code::kResourceExhausted ? 413 : 422);
    }
    if (Disallowed(a->mime_type, a->filename)) {
      s.errors["attachments"] = "error.attachment_type";
      return forms::FormPage(s, 422);
    }
    stored.push_back(std::move(a).value());
  }

  domain::Ticket ticket;
  st = ctx.store.Write([&](services::WriteTx& tx) -> Status {
    services::TicketCreate in = *ticket_in;
    for (domain::Attachment& a : stored) {
      RETURN_IF_ERROR(ctx.attachments.Record(tx, who, &a));
      in.message.attachment_ids.push_back(a.id);
    }
    in.message.channel_meta = {{"web_form", {{"id", form.id}, {"name", form.name}}}};
    ASSIGN_OR_RETURN(ticket, ctx.tickets.Create(tx, who, in));
    // The acknowledgement mail with the ticket number, as for a ticket opened by e-mail.
    return services::NotifyInboundTicket(tx, ctx.tickets, ticket);
  });
  if (!st.ok()) {
    if (st.code() == Code::kInvalidArgument) {
      s.notice_key = "form.check";
      for (const auto& f : st.fields()) s.errors[f.field] = "error.invalid";
      return forms::FormPage(s, 422);
    }
    return UnavailablePage(&form, s.lang);
  }
  if (ctx.deflection != nullptr && !s.deflection.empty()) {
    ctx.deflection->RecordSubmitted(form.workspace_id, s.deflection, ticket.id);
  }
  return forms::MessagePage(
      &form, s.lang, 200, T(s.lang, "done.title"),
      forms::FormsCatalog().Format(s.lang, "done.body",
                                   {{"number", std::to_string(ticket.number)}}),
      "/forms/" + form.public_key + "?lang=" + s.lang, T(s.lang, "done.another"));
}

}  // namespace sahayak::api::handlers
