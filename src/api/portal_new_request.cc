// The portal's new-request flow (docs/portal.md, "Topics and fields"): first the topic (the
// help centre's public categories), then the form with the customer-visible custom fields of
// that topic, then the ticket. No JavaScript is needed; deflect.js only adds suggestions.
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "api/handlers.h"
#include "api/html.h"
#include "api/portal.h"
#include "base/text.h"
#include "domain/custom_field.h"
#include "domain/kb.h"
#include "services/kb/kb_service.h"

namespace sahayak::api::handlers {

namespace {

using domain::Id;
using portal::Visit;

constexpr size_t kMaxSubjectChars = 200;

std::string Warning(std::string_view text) {
  if (text.empty()) return "";
  return "<p class=\"warn\" role=\"alert\">" + html::Escape(text) + "</p>\n";
}

struct Topic {
  Id id = 0;
  std::string title;  // in the visit's language
};

// The topics a visitor may choose: the public categories of the help centre in their language.
std::vector<Topic> Topics(ApiContext& ctx, const Visit& v) {
  std::vector<Topic> out;
  if (ctx.kb == nullptr) return out;
  auto tree = ctx.kb->PublicTree(v.workspace.id, v.lang);
  if (!tree.ok()) return out;
  for (const auto& c : *tree) {
    out.push_back({c.category.id,
                   domain::Localized(c.category.titles, v.lang, v.workspace.default_language)});
  }
  return out;
}

// "0" (something else) or a positive id; nullopt for anything else.
std::optional<Id> ParseTopic(std::string_view s) {
  Id id = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (s.empty() || s.size() > 18 || ec != std::errc() || end != s.data() + s.size() || id < 0) {
    return std::nullopt;
  }
  return id;
}

const Topic* FindTopic(const std::vector<Topic>& topics, Id id) {
  for (const Topic& t : topics) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

std::vector<domain::CustomFieldDef> FieldsOf(ApiContext& ctx, const Visit& v, Id topic_id) {
  std::vector<domain::CustomFieldDef> out;
  (void)ctx.store.Read([&](services::ReadTx& tx) -> Status {
    auto defs = tx.ListCustomFields(v.workspace.id);
    if (!defs.ok()) return defs.status();
    for (auto& d : *defs) {
      if (domain::ShownInPortal(d, topic_id)) out.push_back(std::move(d));
    }
    return Status::Ok();
  });
  return out;
}

struct NewForm {
  Id topic_id = 0;
  std::string subject;
  std::string body;
  nlohmann::json fields = nlohmann::json::object();  // custom field key -> raw text
};

std::string CustomFieldInputs(const std::vector<domain::CustomFieldDef>& defs,
                              const NewForm& form) {
  std::string out;
  for (const domain::CustomFieldDef& d : defs) {
    const std::string name = "cf_" + d.key;
    const std::string value = form.fields.value(d.key, "");
    const std::string req = d.required ? " required" : "";
    std::string label = html::Escape(d.label);
    if (d.required) label += " <span aria-hidden=\"true\">*</span>";
    switch (d.type) {
      case domain::FieldType::kCheckbox:
        out += "<label class=\"check\"><input type=\"checkbox\" name=\"" + name + "\" value=\"1\"" +
               (value.empty() ? "" : " checked") + req + "> " + label + "</label>";
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
  return out;
}

std::string Heading(const Visit& v) {
  return "<p class=\"crumbs\"><a href=\"/portal\">" + html::Escape(v.T("nav.requests")) +
         "</a></p>\n<h1>" + html::Escape(v.T("new.title")) + "</h1>\n";
}

// The form for `topic` (null: no topic). `topics` is every topic the visitor could choose.
Response FormPage(ApiContext& ctx, const Visit& v, int status, const std::vector<Topic>& topics,
                  const NewForm& form, std::string_view message) {
  const Topic* topic = FindTopic(topics, form.topic_id);
  std::string main = Heading(v) + Warning(message);
  if (!topics.empty()) {
    main += "<p class=\"topic\">" +
            html::Escape(v.F("new.topic_chosen",
                             {{"topic", topic ? topic->title : v.T("new.topic_none")}})) +
            " <a href=\"/portal/new\">" + html::Escape(v.T("new.topic_change")) + "</a></p>\n";
  }
  main +=
      "<form class=\"stack\" method=\"post\" enctype=\"multipart/form-data\" "
      "action=\"/portal/new\">" +
      portal::CsrfInput(v) + "<input type=\"hidden\" name=\"topic\" value=\"" +
      std::to_string(topic ? topic->id : 0) +
      "\"><input type=\"hidden\" name=\"deflection\" value=\"\"><label for=\"ns\">" +
      html::Escape(v.T("new.subject")) +
      "</label><input id=\"ns\" name=\"subject\" required autocomplete=\"off\" maxlength=\"" +
      std::to_string(kMaxSubjectChars) + "\" data-deflect value=\"" + html::Attr(form.subject) +
      "\"><div data-deflect-list></div><label for=\"nb\">" + html::Escape(v.T("new.description")) +
      "</label><textarea id=\"nb\" name=\"body\" rows=\"8\" required maxlength=\"100000\">" +
      html::Escape(form.body) + "</textarea>" +
      CustomFieldInputs(FieldsOf(ctx, v, topic ? topic->id : 0), form) + "<label for=\"nf\">" +
      html::Escape(v.T("files.label")) +
      "</label><input id=\"nf\" name=\"files\" type=\"file\" multiple><button "
      "type=\"submit\">" +
      html::Escape(v.T("new.submit")) +
      "</button></form>\n"
      "<script src=\"/help/assets/deflect.js\" defer></script>\n";
  return portal::RenderPage(v, status, v.T("new.title"), std::move(main));
}

// The first step: what the request is about. Without topics, straight to the form.
Response TopicPage(ApiContext& ctx, const Visit& v, int status, const std::vector<Topic>& topics,
                   std::string_view message) {
  if (topics.empty()) return FormPage(ctx, v, status, topics, NewForm{}, message);
  std::string main = Heading(v) + Warning(message) + "<h2 id=\"h-topic\">" +
                     html::Escape(v.T("new.topic_question")) +
                     "</h2>\n<ul class=\"list topics\" aria-labelledby=\"h-topic\">";
  for (const Topic& t : topics) {
    main += "<li><a href=\"/portal/new?topic=" + std::to_string(t.id) + "\">" +
            html::Escape(t.title) + "</a></li>";
  }
  main += "<li><a href=\"/portal/new?topic=0\">" + html::Escape(v.T("new.topic_none")) +
          "</a></li></ul>\n";
  return portal::RenderPage(v, status, v.T("new.title"), std::move(main));
}

// The shown fields' values as the ticket's JSON. `*bad` lists the labels of fields that are
// not valid; `*missing` those required and left empty.
nlohmann::json CustomFieldValues(const std::vector<domain::CustomFieldDef>& defs,
                                 const nlohmann::json& raw, std::string* bad,
                                 std::string* missing) {
  auto add = [](std::string* list, const std::string& label) {
    *list += (list->empty() ? "" : ", ") + label;
  };
  nlohmann::json out = nlohmann::json::object();
  for (const domain::CustomFieldDef& d : defs) {
    const std::string value = Trim(raw.value(d.key, ""));
    if (value.empty()) {
      if (d.required) add(missing, d.label);
      continue;
    }
    switch (d.type) {
      case domain::FieldType::kCheckbox:
        out[d.key] = true;
        break;
      case domain::FieldType::kNumber: {
        char* end = nullptr;
        double n = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0' || !std::isfinite(n)) {
          add(bad, d.label);
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

Response PortalNewRequest(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ToSignIn(v);
  const std::vector<Topic> topics = Topics(ctx, v);
  auto asked = call.req.Query("topic");
  if (!asked) return TopicPage(ctx, v, 200, topics, "");
  auto id = ParseTopic(Trim(*asked));
  if (!id || (*id != 0 && FindTopic(topics, *id) == nullptr)) {
    return TopicPage(ctx, v, 404, topics, v.T("new.topic_unknown"));
  }
  NewForm form;
  form.topic_id = *id;
  return FormPage(ctx, v, 200, topics, form, "");
}

Response PortalCreateRequest(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.portal == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ErrorPage(v, 403);
  auto parsed = portal::ReadMultipartForm(call.req);
  if (!parsed.ok()) return portal::ErrorPage(v, 400);
  if (!portal::FormAllowed(v, parsed->fields, true)) return portal::ErrorPage(v, 403);
  const std::vector<Topic> topics = Topics(ctx, v);
  // A form without a topic (an older page) is "something else".
  const std::string topic_text = Trim(portal::StringField(parsed->fields, "topic"));
  auto topic_id = topic_text.empty() ? std::optional<Id>(0) : ParseTopic(topic_text);
  if (!topic_id || (*topic_id != 0 && FindTopic(topics, *topic_id) == nullptr)) {
    return TopicPage(ctx, v, 422, topics, v.T("new.topic_unknown"));
  }
  NewForm form;
  form.topic_id = *topic_id;
  form.subject = Trim(portal::StringField(parsed->fields, "subject"));
  form.body = portal::StringField(parsed->fields, "body");
  for (auto it = parsed->fields.begin(); it != parsed->fields.end(); ++it) {
    if (it.key().rfind("cf_", 0) == 0 && it.value().is_string()) {
      form.fields[it.key().substr(3)] = it.value();
    }
  }
  if (form.subject.empty() || Trim(form.body).empty()) {
    return FormPage(ctx, v, 422, topics, form, v.T("new.missing"));
  }
  if (CodePointCount(form.subject) > kMaxSubjectChars) {
    return FormPage(ctx, v, 422, topics, form, v.T("new.subject_long"));
  }
  // Only the fields this topic shows: a value for any other (agent-only) field is ignored.
  const std::vector<domain::CustomFieldDef> defs = FieldsOf(ctx, v, form.topic_id);
  std::string bad, missing;
  services::PortalRequest request;
  request.custom_fields = CustomFieldValues(defs, form.fields, &bad, &missing);
  if (!missing.empty()) {
    return FormPage(ctx, v, 422, topics, form, v.F("new.required_field", {{"field", missing}}));
  }
  if (!bad.empty()) {
    return FormPage(ctx, v, 422, topics, form, v.F("new.bad_field", {{"field", bad}}));
  }
  std::string message;
  auto files = portal::StoreUploads(v, parsed->files, &message);
  if (!files.ok()) {
    return FormPage(ctx, v, files.status().code() == Code::kResourceExhausted ? 413 : 422, topics,
                    form, message);
  }
  request.subject = form.subject;
  request.body = form.body;
  if (const Topic* t = FindTopic(topics, form.topic_id)) {
    request.topic = t->title;
    request.topic_id = t->id;
  }
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
    return FormPage(ctx, v, 422, topics, form, v.F("new.bad_field", {{"field", names}}));
  }
  if (ctx.deflection != nullptr) {
    ctx.deflection->RecordSubmitted(v.workspace.id,
                                    portal::StringField(parsed->fields, "deflection"), t->id);
  }
  return portal::Redirect("/portal/tickets/" + std::to_string(t->number) + "?created=1");
}

}  // namespace sahayak::api::handlers
