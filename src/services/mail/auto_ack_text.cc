// The text of an acknowledgement (AutoAckText in outbound_service.h): the mailbox's template
// for the language, else the built-in one, with the placeholders filled.
#include <algorithm>
#include <utility>
#include <vector>

#include "base/text.h"
#include "services/mail/outbound_service.h"
#include "services/mail/threading.h"

namespace sahayak::services {

using nlohmann::json;

namespace {

// Where the built-in bodies take the portal line; not a placeholder templates can use.
constexpr std::string_view kPortalLineMark = "{{#portal_line}}";

std::string ReplaceAll(std::string s, std::string_view what, std::string_view with) {
  for (size_t at = 0; (at = s.find(what, at)) != std::string::npos; at += with.size()) {
    s.replace(at, what.size(), with);
  }
  return s;
}

std::string Fill(std::string s, int64_t number, std::string_view subject, std::string_view name,
                 std::string_view url) {
  const std::vector<std::pair<std::string, std::string>> values = {
      {"ticket.number", std::to_string(number)},
      {"ticket.subject", std::string(subject)},
      {"requester.name", std::string(name)},
      {"ticket.url", std::string(url)}};
  // One pass per placeholder over the template only: a value that happens to contain
  // "{{ticket.url}}" (a subject, a name) is left as typed.
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (s.compare(i, 2, "{{") == 0) {
      for (const auto& [key, value] : values) {
        for (const std::string& form : {"{{" + key + "}}", "{{ " + key + " }}"}) {
          if (s.compare(i, form.size(), form) == 0) {
            out += value;
            i += form.size();
            replaced = true;
            break;
          }
        }
        if (replaced) break;
      }
    }
    if (!replaced) out.push_back(s[i++]);
  }
  return out;
}

struct BuiltInAck {
  const char* language;
  const char* body;
  const char* portal_line;  // shown when the ticket can be followed in the portal
};

// NFC UTF-8. The portal line ends with the blank line that separates it from the next.
constexpr BuiltInAck kBuiltInAcks[] = {
    {"en",
     "Hello {{requester.name}},\n\n"
     "Thank you for writing to us. We have received your request and opened ticket "
     "#{{ticket.number}}. One of our team will reply soon.\n\n"
     "To add anything, reply to this e-mail and keep [#{{ticket.number}}] in the subject.\n\n"
     "{{#portal_line}}"
     "This is an automatic reply.",
     "You can follow your request in our customer portal: {{ticket.url}}\n\n"},
    {"hi",
     "नमस्ते {{requester.name}},\n\n"
     "हमें लिखने के लिए धन्यवाद। हमें आपका अनुरोध मिल गया है और हमने टिकट "
     "#{{ticket.number}} खोला है। हमारी टीम जल्द ही उत्तर देगी।\n\n"
     "कुछ और जोड़ना हो तो इसी ई-मेल का उत्तर दें और विषय में [#{{ticket.number}}] रहने दें।\n\n"
     "{{#portal_line}}"
     "यह एक स्वचालित उत्तर है।",
     "आप अपने अनुरोध की स्थिति हमारे ग्राहक पोर्टल पर देख सकते हैं: {{ticket.url}}\n\n"},
    {"kn",
     "ನಮಸ್ಕಾರ {{requester.name}},\n\n"
     "ನಮಗೆ ಬರೆದದ್ದಕ್ಕಾಗಿ ಧನ್ಯವಾದಗಳು. ನಿಮ್ಮ ವಿನಂತಿ ನಮಗೆ ತಲುಪಿದೆ ಮತ್ತು ಟಿಕೆಟ್ "
     "#{{ticket.number}} ತೆರೆಯಲಾಗಿದೆ. ನಮ್ಮ ತಂಡ ಶೀಘ್ರದಲ್ಲೇ ಉತ್ತರಿಸುತ್ತದೆ.\n\n"
     "ಇನ್ನೇನಾದರೂ ಸೇರಿಸಲು ಈ ಇ-ಮೇಲ್‌ಗೆ ಉತ್ತರಿಸಿ ಮತ್ತು ವಿಷಯದಲ್ಲಿ [#{{ticket.number}}] ಇರಲಿ.\n\n"
     "{{#portal_line}}"
     "ಇದು ಸ್ವಯಂಚಾಲಿತ ಉತ್ತರ.",
     "ನಿಮ್ಮ ವಿನಂತಿಯ ಸ್ಥಿತಿಯನ್ನು ನಮ್ಮ ಗ್ರಾಹಕ ಪೋರ್ಟಲ್‌ನಲ್ಲಿ ನೋಡಬಹುದು: {{ticket.url}}\n\n"},
};

// "hi" from "hi-IN", "HI" …
std::string BaseLanguage(std::string_view tag) {
  std::string l = AsciiLower(Trim(tag));
  const size_t cut = l.find_first_of("-_");
  return cut == std::string::npos ? l : l.substr(0, cut);
}

}  // namespace

AckText AutoAckText(std::string_view templates_json, std::string_view language, int64_t number,
                    std::string_view subject, std::string_view requester_name,
                    std::string_view ticket_url) {
  const std::string lang = BaseLanguage(language);
  AckText out;
  out.subject = ReplySubject(subject, number);
  const BuiltInAck* built_in = &kBuiltInAcks[0];
  for (const auto& b : kBuiltInAcks) {
    if (lang == b.language) built_in = &b;
  }
  out.body = ReplaceAll(built_in->body, kPortalLineMark,
                        ticket_url.empty() ? std::string_view() : built_in->portal_line);
  json t = json::parse(templates_json, nullptr, /*allow_exceptions=*/false);
  if (t.is_object()) {
    for (const std::string& key : {std::string(Trim(language)), lang}) {
      if (!t.contains(key) || !t[key].is_object()) continue;
      const json& e = t[key];
      if (e.contains("subject") && e["subject"].is_string() &&
          !Trim(e["subject"].get<std::string>()).empty()) {
        out.subject = e["subject"].get<std::string>();
      }
      if (e.contains("body") && e["body"].is_string() &&
          !Trim(e["body"].get<std::string>()).empty()) {
        out.body = e["body"].get<std::string>();
      }
      break;
    }
  }
  out.subject = Fill(out.subject, number, subject, requester_name, ticket_url);
  out.body = Fill(out.body, number, subject, requester_name, ticket_url);
  // Line breaks in a template's subject would be refused when composing.
  std::replace_if(out.subject.begin(), out.subject.end(),
                  [](char c) { return c == '\r' || c == '\n' || c == '\t'; }, ' ');
  // The token keeps the customer's answer on the ticket even when the template forgot it.
  const auto numbers = SubjectTicketNumbers(out.subject);
  if (std::find(numbers.begin(), numbers.end(), number) == numbers.end()) {
    out.subject += " [#" + std::to_string(number) + "]";
  }
  return out;
}

}  // namespace sahayak::services
