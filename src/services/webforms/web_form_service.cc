#include "services/webforms/web_form_service.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "base/crypto.h"
#include "base/text.h"
#include "domain/json_input.h"
#include "services/audit.h"

namespace sahayak::services {

using nlohmann::json;

namespace {

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// A custom field's value from the text a visitor typed, by the field's type; nullopt when the
// text does not fit (the caller names the field).
std::optional<json> FieldValue(const domain::CustomFieldDef& def, const std::string& text) {
  switch (def.type) {
    case domain::FieldType::kNumber: {
      char* end = nullptr;
      double v = std::strtod(text.c_str(), &end);
      if (end == text.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
      if (v == std::floor(v) && std::fabs(v) < 9e15) return json(static_cast<int64_t>(v));
      return json(v);
    }
    case domain::FieldType::kCheckbox:
      return json(text == "on" || text == "true" || text == "1" || text == "yes");
    default:
      return json(text);
  }
}

}  // namespace

std::optional<std::string> NormaliseOrigin(std::string_view origin) {
  std::string o = AsciiLower(Trim(origin));
  std::string scheme;
  if (o.rfind("https://", 0) == 0) {
    scheme = "https://";
  } else if (o.rfind("http://", 0) == 0) {
    scheme = "http://";
  } else {
    return std::nullopt;
  }
  std::string rest = o.substr(scheme.size());
  if (!rest.empty() && rest.back() == '/') rest.pop_back();  // "https://a.in/" is common
  std::string host = rest, port;
  size_t colon = rest.rfind(':');
  if (colon != std::string::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::atoi(port.c_str()) < 1 || std::atoi(port.c_str()) > 65535) {
      return std::nullopt;
    }
  }
  if (host.empty() || host.size() > 253 || host.front() == '.' || host.back() == '.' ||
      host.front() == '-' || host.find("..") != std::string::npos ||
      !std::all_of(host.begin(), host.end(), IsHostChar)) {
    return std::nullopt;
  }
  return scheme + host + (port.empty() ? "" : ":" + port);
}

std::vector<ShownField> ShownFields(const WebForm& form,
                                    const std::vector<domain::CustomFieldDef>& defs) {
  std::vector<ShownField> out;
  auto find = [&](const std::string& key) -> const domain::CustomFieldDef* {
    for (const auto& d : defs) {
      if (d.key == key && d.active) return &d;
    }
    return nullptr;
  };
  for (const auto& f : form.fields) {
    if (const auto* d = find(f.key)) out.push_back({*d, f.required || d->required});
  }
  for (const auto& d : defs) {
    // Every required field a customer may see; agent-only ones only when the form names them.
    if (!d.active || !d.required || !d.customer_visible) continue;
    bool shown = std::any_of(out.begin(), out.end(),
                             [&](const ShownField& s) { return s.def.key == d.key; });
    if (!shown) out.push_back({d, true});
  }
  return out;
}

Result<TicketCreate> BuildWebFormTicket(const WebForm& form,
                                        const std::vector<domain::CustomFieldDef>& defs,
                                        const WebFormSubmission& in) {
  Status errors = InvalidArgument("the request is not complete");
  bool failed = false;
  auto bad = [&](const std::string& field, const std::string& why) {
    failed = true;
    errors.WithField(field, why);
  };
  TicketCreate t;
  std::string name = ToNfc(Trim(in.name));
  std::string email = FoldCase(Trim(in.email));
  std::string subject = ToNfc(Trim(in.subject));
  std::string message = ToNfc(Trim(in.message));
  if (HasControlChars(name) || CodePointCount(name) > kMaxVisitorNameChars) {
    bad("name", "is too long");
  }
  if (email.empty()) {
    bad("email", "is required");
  } else if (!LooksLikeEmail(email) || email.size() > 254) {
    bad("email", "is not an e-mail address");
  }
  if (subject.empty()) {
    bad("subject", "is required");
  } else if (CodePointCount(subject) > domain::kMaxSubjectChars) {
    bad("subject", "is too long");
  }
  if (message.empty()) {
    bad("message", "is required");
  } else if (CodePointCount(message) > kMaxFormMessageChars) {
    bad("message", "is too long");
  }
  json custom = json::object();
  for (const ShownField& f : ShownFields(form, defs)) {
    auto it = in.custom.find(f.def.key);
    std::string text = it == in.custom.end() ? "" : ToNfc(Trim(it->second));
    if (text.empty()) {
      // An unticked checkbox sends nothing: that is "no", not "missing".
      if (f.def.type == domain::FieldType::kCheckbox) {
        custom[f.def.key] = false;
      } else if (f.required) {
        bad("custom." + f.def.key, "is required");
      }
      continue;
    }
    auto v = FieldValue(f.def, text);
    if (!v || !domain::ValidateFieldValue(f.def, *v).ok()) {
      bad("custom." + f.def.key, "is not a valid value");
      continue;
    }
    custom[f.def.key] = *v;
  }
  if (failed) return errors;
  t.subject = subject;
  t.message.body = message;
  t.requester.email = email;
  t.requester.name = name;
  t.channel = domain::Channel::kWeb;
  t.group_id = form.group_id;
  t.custom_fields = std::move(custom);
  t.language = in.language;
  return t;
}

json WebFormAuditView(const WebForm& f) {
  json fields = json::array();
  for (const auto& x : f.fields) fields.push_back({{"key", x.key}, {"required", x.required}});
  return {{"name", f.name},
          {"group_id", f.group_id ? json(*f.group_id) : json(nullptr)},
          {"enabled", f.enabled},
          {"allowed_origins", f.allowed_origins},
          {"fields", fields},
          {"min_fill_seconds", f.min_fill_seconds}};
}

Status WebFormService::Apply(ReadTx& tx, Id ws, const json& body, bool creating,
                             WebForm* f) const {
  RETURN_IF_ERROR(domain::RequireObject(body));
  domain::JsonInput in(body);
  static const char* kMembers[] = {"name",   "group_id", "enabled", "allowed_origins",
                                   "fields", "min_fill_seconds"};
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (std::find_if(std::begin(kMembers), std::end(kMembers),
                     [&](const char* m) { return it.key() == m; }) == std::end(kMembers)) {
      in.Error(it.key(), "is not a member of a web form");
    }
  }
  std::string name;
  if (in.Str("name", &name, creating, 100000)) {
    name = ToNfc(Trim(name));
    if (name.empty()) {
      in.Error("name", "must not be empty");
    } else if (CodePointCount(name) > kMaxWebFormNameChars || HasControlChars(name)) {
      in.Error("name", "is longer than 100 characters");
    } else {
      f->name = name;
    }
  }
  std::optional<std::optional<Id>> group;
  if (in.NullableId("group_id", &group)) {
    if (*group && !tx.GetGroup(ws, **group).ok()) {
      in.Error("group_id", "is not a group of this workspace");
    } else {
      f->group_id = *group;
    }
  }
  in.Bool("enabled", &f->enabled);
  std::vector<std::string> origins;
  if (in.StrList("allowed_origins", &origins, kMaxWebFormOrigins)) {
    std::vector<std::string> clean;
    for (size_t i = 0; i < origins.size(); ++i) {
      auto o = NormaliseOrigin(origins[i]);
      if (!o) {
        in.Error("allowed_origins[" + std::to_string(i) + "]",
                 "is not an origin like https://shop.example.in");
      } else if (std::find(clean.begin(), clean.end(), *o) == clean.end()) {
        clean.push_back(*o);
      }
    }
    f->allowed_origins = std::move(clean);
  }
  if (in.Has("fields") && !in.IsNull("fields")) {
    const json& fields = body["fields"];
    if (!fields.is_array()) {
      in.Error("fields", "must be an array of {\"key\", \"required\"}");
    } else if (fields.size() > kMaxWebFormFields) {
      in.Error("fields", "has more than 20 fields");
    } else {
      auto defs = tx.ListCustomFields(ws);
      if (!defs.ok()) return defs.status();
      std::vector<WebFormField> out;
      for (size_t i = 0; i < fields.size(); ++i) {
        const json& x = fields[i];
        std::string at = "fields[" + std::to_string(i) + "]";
        if (!x.is_object() || !x.contains("key") || !x["key"].is_string()) {
          in.Error(at, "must be an object with a \"key\"");
          continue;
        }
        std::string key = x["key"].get<std::string>();
        bool known = std::any_of(defs->begin(), defs->end(), [&](const auto& d) {
          return d.key == key && d.active;
        });
        if (!known) {
          in.Error(at + ".key", "is not an active custom field of this workspace");
          continue;
        }
        if (x.contains("required") && !x["required"].is_boolean()) {
          in.Error(at + ".required", "must be true or false");
          continue;
        }
        if (std::any_of(out.begin(), out.end(), [&](const auto& o) { return o.key == key; })) {
          in.Error(at + ".key", "is listed twice");
          continue;
        }
        out.push_back({key, x.value("required", false)});
      }
      f->fields = std::move(out);
    }
  }
  int64_t min_fill = f->min_fill_seconds;
  if (in.Int("min_fill_seconds", &min_fill)) {
    if (min_fill < 0 || min_fill > kMaxMinFillSeconds) {
      in.Error("min_fill_seconds", "must be between 0 and 600");
    } else {
      f->min_fill_seconds = min_fill;
    }
  }
  return in.status();
}

Result<std::vector<WebForm>> WebFormService::List(ReadTx& tx, const Principal& who) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage web forms"));
  return tx.web_forms().ListWebForms(who.workspace_id);
}

Result<WebForm> WebFormService::Get(ReadTx& tx, const Principal& who, Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage web forms"));
  return tx.web_forms().GetWebForm(who.workspace_id, id);
}

Result<WebForm> WebFormService::Create(WriteTx& tx, const Principal& who,
                                       const json& body) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage web forms"));
  WebForm f;
  f.workspace_id = who.workspace_id;
  RETURN_IF_ERROR(Apply(tx, who.workspace_id, body, true, &f));
  f.public_key = RandomToken(18);
  f.created_at = f.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.web_forms().InsertWebForm(&f));
  json changes = json::object();
  json view = WebFormAuditView(f);
  for (auto it = view.begin(); it != view.end(); ++it) {
    changes[it.key()] = json::array({nullptr, it.value()});
  }
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "web_form.created",
                               "web_form", f.id, changes, f.created_at));
  return f;
}

Result<WebForm> WebFormService::Update(WriteTx& tx, const Principal& who, Id id,
                                       const json& body, std::optional<int64_t> if_match) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage web forms"));
  ASSIGN_OR_RETURN(WebForm before, tx.web_forms().GetWebForm(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Aborted("web form " + std::to_string(id) + " changed since version " +
                   std::to_string(*if_match) + "; it is now at version " +
                   std::to_string(before.version))
        .WithKind("precondition-failed");
  }
  WebForm f = before;
  RETURN_IF_ERROR(Apply(tx, who.workspace_id, body, false, &f));
  json changes = json::object();
  json va = WebFormAuditView(before), vb = WebFormAuditView(f);
  for (auto it = vb.begin(); it != vb.end(); ++it) {
    DiffField(&changes, it.key(), va[it.key()], it.value());
  }
  if (changes.empty()) return before;
  f.updated_at = clock_.Now();
  f.version = before.version + 1;
  RETURN_IF_ERROR(tx.web_forms().UpdateWebForm(f));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "web_form.updated",
                               "web_form", f.id, changes, f.updated_at));
  return f;
}

Status WebFormService::Delete(WriteTx& tx, const Principal& who, Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage web forms"));
  ASSIGN_OR_RETURN(WebForm f, tx.web_forms().GetWebForm(who.workspace_id, id));
  RETURN_IF_ERROR(tx.web_forms().DeleteWebForm(who.workspace_id, id));
  return RecordChange(tx, who.workspace_id, who.actor(), "web_form.deleted", "web_form", id,
                      {{"name", {f.name, nullptr}}}, clock_.Now());
}

Result<WebForm> WebFormService::FindEnabled(ReadTx& tx, std::string_view public_key) const {
  if (public_key.empty() || public_key.size() > 64) return NotFound("no such web form");
  ASSIGN_OR_RETURN(WebForm f, tx.web_forms().FindWebFormByKey(public_key));
  if (!f.enabled) return NotFound("the web form is switched off");
  return f;
}

std::string WebFormService::IssueToken(const WebForm& form) const {
  return IssueFormToken(token_key_, form.public_key, clock_.Now());
}

FormTokenCheck WebFormService::CheckToken(const WebForm& form, std::string_view token) const {
  return CheckFormToken(token_key_, form.public_key, token, clock_.Now(),
                        form.min_fill_seconds * 1000);
}

}  // namespace sahayak::services
