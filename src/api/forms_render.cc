// The web form's pages: the form itself and the one-message pages (thanks, not found, too many
// requests). Small documents with one stylesheet and two scripts from this server: frame.js
// tells the embedding page the height, deflect.js suggests articles under the subject.
#include "api/forms.h"
#include "api/help.h"
#include "api/html.h"
#include "domain/kb.h"

namespace sahayak::api::forms {

namespace {

std::string T(std::string_view lang, std::string_view key) {
  return FormsCatalog().Text(lang, key);
}

std::string Head(std::string_view lang, std::string_view title) {
  std::string out = "<!doctype html>\n<html lang=\"" + html::Attr(lang) +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>" + html::Escape(title) + "</title>\n";
  out += "<link rel=\"stylesheet\" href=\"" + html::Attr(help::CssUrl()) + "\">\n";
  out += "<link rel=\"stylesheet\" href=\"/forms/assets/forms.css\">\n";
  out += "<script src=\"/forms/assets/frame.js\" defer></script>\n";
  return out;
}

Response Html(const services::WebForm* form, std::string_view lang, int status,
              std::string body) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  services::WebForm none;
  r.AddHeader("Content-Security-Policy", FormPagePolicy(form != nullptr ? *form : none));
  r.AddHeader("Content-Language", std::string(lang));
  r.AddHeader("Referrer-Policy", "same-origin");
  return r;
}

std::string ErrorText(const FormState& s, const std::string& field) {
  auto it = s.errors.find(field);
  return it == s.errors.end() ? "" : T(s.lang, it->second);
}

// Attributes and the message paragraph of a field that may carry an error.
std::string Invalid(const FormState& s, const std::string& field, const std::string& id) {
  if (s.errors.count(field) == 0) return "";
  return " aria-invalid=\"true\" aria-describedby=\"" + id + "-error\"";
}

std::string ErrorLine(const FormState& s, const std::string& field, const std::string& id) {
  std::string text = ErrorText(s, field);
  if (text.empty()) return "";
  return "<span class=\"error\" id=\"" + id + "-error\">" + html::Escape(text) + "</span>";
}

std::string Label(const FormState& s, const std::string& id, std::string_view text,
                  bool required) {
  return "<label for=\"" + id + "\">" + html::Escape(text) + " <span class=\"hint\">" +
         html::Escape(T(s.lang, required ? "form.required" : "form.optional")) + "</span></label>";
}

std::string TextInput(const FormState& s, const std::string& field, std::string_view type,
                      std::string_view label, const std::string& value, bool required,
                      std::string_view extra) {
  std::string id = "f-" + field;
  for (char& c : id) {
    if (c == '.') c = '-';
  }
  std::string out = "<p class=\"field\">" + Label(s, id, label, required);
  out += "<input id=\"" + id + "\" name=\"" + html::Attr(field) + "\" type=\"" +
         std::string(type) + "\" value=\"" + html::Attr(value) + "\"";
  if (required) out += " required";
  out += std::string(extra) + Invalid(s, field, id) + ">" + ErrorLine(s, field, id) + "</p>\n";
  return out;
}

std::string CustomField(const FormState& s, const services::ShownField& f) {
  const std::string field = "custom." + f.def.key;
  const std::string id = "f-custom-" + f.def.key;
  auto it = s.values.custom.find(f.def.key);
  const std::string value = it == s.values.custom.end() ? "" : it->second;
  switch (f.def.type) {
    case domain::FieldType::kNumber:
      return TextInput(s, field, "text", f.def.label, value, f.required, " inputmode=\"decimal\"");
    case domain::FieldType::kDate:
      return TextInput(s, field, "date", f.def.label, value, f.required, "");
    case domain::FieldType::kCheckbox: {
      std::string out = "<p class=\"field check\"><input id=\"" + id + "\" name=\"" +
                        html::Attr(field) + "\" type=\"checkbox\" value=\"on\"";
      if (value == "on") out += " checked";
      out += "><label for=\"" + id + "\">" + html::Escape(f.def.label) + "</label>" +
             ErrorLine(s, field, id) + "</p>\n";
      return out;
    }
    case domain::FieldType::kDropdown: {
      std::string out = "<p class=\"field\">" + Label(s, id, f.def.label, f.required) +
                        "<select id=\"" + id + "\" name=\"" + html::Attr(field) + "\"";
      if (f.required) out += " required";
      out += Invalid(s, field, id) + "><option value=\"\">" +
             html::Escape(T(s.lang, "form.choose")) + "</option>";
      for (const auto& o : f.def.options) {
        out += "<option value=\"" + html::Attr(o) + "\"" + (o == value ? " selected" : "") +
               ">" + html::Escape(o) + "</option>";
      }
      out += "</select>" + ErrorLine(s, field, id) + "</p>\n";
      return out;
    }
    default:
      return TextInput(s, field, "text", f.def.label, value, f.required, " maxlength=\"1000\"");
  }
}

std::string Languages(const FormState& s) {
  std::string out = "<nav class=\"langs\" aria-label=\"" + html::Attr(T(s.lang, "form.languages")) +
                    "\"><ul>";
  for (const std::string& l : domain::KbLanguages()) {
    out += "<li><a href=\"/forms/" + html::Attr(s.form->public_key) + "?lang=" + l +
           "\" hreflang=\"" + l + "\" lang=\"" + l + "\"";
    if (l == s.lang) out += " aria-current=\"true\"";
    out += ">" + html::Escape(help::LanguageName(l)) + "</a></li>";
  }
  return out + "</ul></nav>\n";
}

}  // namespace

Response FormPage(const FormState& s, int status) {
  const services::WebForm& f = *s.form;
  std::string out = Head(s.lang, f.name);
  out += "<script src=\"/help/assets/deflect.js\" defer></script>\n</head>\n";
  out += "<body class=\"web-form\">\n<main id=\"content\">\n" + Languages(s);
  out += "<h1>" + html::Escape(f.name) + "</h1>\n";
  if (!s.notice_key.empty()) {
    out += "<p class=\"warn\" role=\"alert\">" + html::Escape(T(s.lang, s.notice_key)) + "</p>\n";
  } else if (!s.errors.empty()) {
    out += "<p class=\"warn\" role=\"alert\">" + html::Escape(T(s.lang, "form.check")) + "</p>\n";
  }
  out += "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/forms/" +
         html::Attr(f.public_key) + "?lang=" + s.lang + "\">\n";
  out += "<input type=\"hidden\" name=\"start\" value=\"" + html::Attr(s.token) + "\">\n";
  out += "<input type=\"hidden\" name=\"deflection\" value=\"" + html::Attr(s.deflection) +
         "\">\n";
  out += "<input type=\"hidden\" name=\"lang\" value=\"" + s.lang + "\">\n";
  // The honeypot: people never see or reach it; bots that fill every field fill it.
  out += "<div class=\"hp\" aria-hidden=\"true\"><label for=\"f-website\">" +
         html::Escape(T(s.lang, "form.honeypot")) +
         "</label><input id=\"f-website\" name=\"website\" type=\"text\" value=\"\" "
         "tabindex=\"-1\" autocomplete=\"off\"></div>\n";
  out += TextInput(s, "name", "text", T(s.lang, "form.name"), s.values.name, false,
                   " maxlength=\"200\" autocomplete=\"name\"");
  out += TextInput(s, "email", "email", T(s.lang, "form.email"), s.values.email, true,
                   " maxlength=\"254\" autocomplete=\"email\"");
  out += TextInput(s, "subject", "text", T(s.lang, "form.subject"), s.values.subject, true,
                   " maxlength=\"500\" autocomplete=\"off\" data-deflect=\"web_form\"");
  out += "<div class=\"suggest\" data-deflect-box hidden><h2>" +
         html::Escape(T(s.lang, "form.suggest_heading")) + "</h2><p class=\"hint\">" +
         html::Escape(T(s.lang, "form.suggest_hint")) +
         "</p><ul data-deflect-list></ul></div>\n";
  out += "<p class=\"field\">" + Label(s, "f-message", T(s.lang, "form.message"), true) +
         "<textarea id=\"f-message\" name=\"message\" rows=\"6\" required" +
         Invalid(s, "message", "f-message") + ">" + html::Escape(s.values.message) +
         "</textarea>" + ErrorLine(s, "message", "f-message") + "</p>\n";
  for (const auto& field : s.fields) out += CustomField(s, field);
  out += "<p class=\"field\">" + Label(s, "f-attachments", T(s.lang, "form.attachments"), false) +
         "<input id=\"f-attachments\" name=\"attachments\" type=\"file\" multiple" +
         Invalid(s, "attachments", "f-attachments") + "><span class=\"hint\">" +
         html::Escape(FormsCatalog().Format(s.lang, "form.attachments_hint",
                                            {{"count", std::to_string(kMaxAttachments)}})) +
         "</span>" + ErrorLine(s, "attachments", "f-attachments") + "</p>\n";
  out += "<p><button type=\"submit\">" + html::Escape(T(s.lang, "form.submit")) +
         "</button></p>\n</form>\n</main>\n</body>\n</html>\n";
  return Html(&f, s.lang, status, std::move(out));
}

Response MessagePage(const services::WebForm* form, std::string_view lang, int status,
                     std::string_view title, std::string_view body, std::string_view link_url,
                     std::string_view link_text) {
  std::string out = Head(lang, title) + "</head>\n<body class=\"web-form\">\n<main id=\"content\">\n";
  out += "<h1>" + html::Escape(title) + "</h1>\n<p role=\"status\">" + html::Escape(body) +
         "</p>\n";
  if (!link_url.empty()) {
    out += "<p><a href=\"" + html::Attr(link_url) + "\">" + html::Escape(link_text) + "</a></p>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return Html(form, lang, status, std::move(out));
}

}  // namespace sahayak::api::forms
