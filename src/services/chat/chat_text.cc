#include "services/chat/chat_text.h"

namespace sahayak::services::chat_text {

namespace {

struct Texts {
  const char* language;
  const char* subject;  // {name} is the visitor's name
  const char* offline_subject;
  const char* visitor;
};

// NFC UTF-8. Word order follows each language: Hindi and Kannada put the name first.
constexpr Texts kTexts[] = {
    {"en", "Chat with {name}", "Message from {name} (chat offline)", "Visitor"},
    {"hi", "{name} के साथ चैट", "{name} का संदेश (चैट ऑफ़लाइन)", "आगंतुक"},
    {"kn", "{name} ಜೊತೆ ಚಾಟ್", "{name} ಅವರ ಸಂದೇಶ (ಚಾಟ್ ಆಫ್‌ಲೈನ್)", "ಸಂದರ್ಶಕ"},
};

const Texts& For(std::string_view language) {
  std::string_view primary = language.substr(0, language.find('-'));
  for (const Texts& t : kTexts) {
    if (primary == t.language) return t;
  }
  return kTexts[0];
}

std::string Fill(std::string_view pattern, std::string_view name) {
  std::string out(pattern);
  size_t at = out.find("{name}");
  if (at != std::string::npos) out.replace(at, 6, name);
  return out;
}

}  // namespace

std::string TicketSubject(std::string_view language, std::string_view visitor_name) {
  return Fill(For(language).subject, visitor_name);
}

std::string OfflineSubject(std::string_view language, std::string_view visitor_name) {
  return Fill(For(language).offline_subject, visitor_name);
}

std::string VisitorName(std::string_view language) { return For(language).visitor; }

}  // namespace sahayak::services::chat_text
