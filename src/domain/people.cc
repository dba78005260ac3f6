#include "domain/people.h"

#include <memory>

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include "base/text.h"

namespace sahayak::domain {

const char* Name(Role r) { return r == Role::kAdmin ? "admin" : "agent"; }

std::optional<Role> ParseRole(std::string_view s) {
  if (s == "admin") return Role::kAdmin;
  if (s == "agent") return Role::kAgent;
  return std::nullopt;
}

const char* Name(Identity::Kind k) {
  switch (k) {
    case Identity::Kind::kEmail: return "email";
    case Identity::Kind::kPhone: return "phone";
    case Identity::Kind::kSocial: return "social";
  }
  return "email";
}

std::optional<Identity::Kind> ParseIdentityKind(std::string_view s) {
  if (s == "email") return Identity::Kind::kEmail;
  if (s == "phone") return Identity::Kind::kPhone;
  if (s == "social") return Identity::Kind::kSocial;
  return std::nullopt;
}

std::string Contact::First(Identity::Kind kind) const {
  for (const auto& i : identities) {
    if (i.kind == kind) return i.value;
  }
  return "";
}

const char* Name(Tier t) {
  switch (t) {
    case Tier::kBasic: return "basic";
    case Tier::kStandard: return "standard";
    case Tier::kPremium: return "premium";
    case Tier::kEnterprise: return "enterprise";
  }
  return "standard";
}

std::optional<Tier> ParseTier(std::string_view s) {
  for (Tier t : {Tier::kBasic, Tier::kStandard, Tier::kPremium, Tier::kEnterprise}) {
    if (s == Name(t)) return t;
  }
  return std::nullopt;
}

Result<std::string> NormalisePhone(std::string_view raw) {
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.') {
      continue;
    } else {
      return InvalidArgument("a phone number holds only digits, spaces, '-', '(', ')' and '+'")
          .WithField("phone", "not a phone number");
    }
  }
  if (!plus) {
    if (digits.size() == 11 && digits[0] == '0') digits.erase(0, 1);
    if (digits.size() == 10) {
      digits = "91" + digits;
    } else if (digits.size() == 12 && digits.rfind("91", 0) == 0) {
      // already has the country code, written without '+'
    } else if (digits.size() > 15 || digits.size() < 8) {
      return InvalidArgument("a phone number has 8 to 15 digits").WithField("phone", "length");
    }
  }
  if (digits.size() < 8 || digits.size() > 15) {
    return InvalidArgument("a phone number has 8 to 15 digits").WithField("phone", "length");
  }
  return "+" + digits;
}

Result<std::string> NormaliseDomain(std::string_view raw) {
  std::string d = AsciiLower(Trim(raw));
  if (d.size() < 3 || d.size() > 253 || d.find('.') == std::string::npos || d.front() == '.' ||
      d.back() == '.' || d.find("..") != std::string::npos) {
    return InvalidArgument("\"" + std::string(raw) + "\" is not a domain name")
        .WithField("domains", "not a domain name");
  }
  for (unsigned char c : d) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
          c >= 0x80)) {
      return InvalidArgument("\"" + std::string(raw) + "\" is not a domain name")
          .WithField("domains", "not a domain name");
    }
  }
  return d;
}

std::string EmailDomain(std::string_view email) {
  size_t at = email.rfind('@');
  if (at == std::string_view::npos) return "";
  return AsciiLower(email.substr(at + 1));
}

bool IsSupportedLanguage(std::string_view lang) {
  return lang == "en" || lang == "hi" || lang == "kn";
}

bool LooksLikeLanguageTag(std::string_view tag) {
  if (tag.size() < 2 || tag.size() > 35) return false;
  size_t i = 0;
  while (i < tag.size() && ((tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= 'A' && tag[i] <= 'Z'))) {
    ++i;
  }
  if (i < 2 || i > 3) return false;
  for (; i < tag.size(); ++i) {
    char c = tag[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-';
    if (!ok) return false;
  }
  return true;
}

bool IsValidTimeZone(std::string_view zone) {
  if (zone.empty() || zone.size() > 64) return false;
  icu::UnicodeString id = icu::UnicodeString::fromUTF8(icu::StringPiece(zone.data(), zone.size()));
  icu::UnicodeString canonical;
  UBool is_system = false;
  UErrorCode status = U_ZERO_ERROR;
  icu::TimeZone::getCanonicalID(id, canonical, is_system, status);
  return U_SUCCESS(status) && is_system;
}

int ZoneOffsetMinutes(std::string_view zone, Millis at) {
  if (!IsValidTimeZone(zone)) return 0;
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(
      icu::UnicodeString::fromUTF8(icu::StringPiece(zone.data(), zone.size()))));
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  tz->getOffset(static_cast<UDate>(at), /*local=*/false, raw, dst, status);
  if (U_FAILURE(status)) return 0;
  return (raw + dst) / 60000;
}

}  // namespace sahayak::domain
