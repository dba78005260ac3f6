#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/types.h"

namespace sahayak::domain {

enum class Role { kAdmin, kAgent };
const char* Name(Role r);
std::optional<Role> ParseRole(std::string_view s);

// A person who works tickets.
struct Agent {
  Id id = 0;
  Id workspace_id = 0;
  std::string name;
  std::string email;  // case-folded
  Role role = Role::kAgent;
  std::string language = "en";
  std::string time_zone = "Asia/Kolkata";
  bool active = true;
  std::string password_hash;  // argon2id; empty until a password is set
  std::vector<Id> group_ids;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

// A department or team: Shipping, Quality Control, Accounts Receivable, Repairs, Sales.
struct Group {
  Id id = 0;
  Id workspace_id = 0;
  std::string name;
  std::string description;
  std::vector<Id> agent_ids;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

struct Identity {
  enum class Kind { kEmail, kPhone, kSocial };
  Kind kind = Kind::kEmail;
  std::string value;  // normalised: e-mail case-folded, phone E.164, social as given
};
const char* Name(Identity::Kind k);
std::optional<Identity::Kind> ParseIdentityKind(std::string_view s);

// A customer. Several identities (e-mail, phone, social handles) lead to the same contact.
struct Contact {
  Id id = 0;
  Id workspace_id = 0;
  std::string name;
  std::vector<Identity> identities;
  std::string language;
  std::string time_zone;
  std::optional<Id> organisation_id;
  // Which tickets the customer portal shows them: "own", or "organization" (also their
  // organisation's; docs/portal.md).
  std::string ticket_access = "own";
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;

  // The first identity of that kind, or empty.
  std::string First(Identity::Kind kind) const;
};

enum class Tier { kBasic, kStandard, kPremium, kEnterprise };
const char* Name(Tier t);
std::optional<Tier> ParseTier(std::string_view s);

// A business customer (B2B account); contacts join it by e-mail domain.
struct Organisation {
  Id id = 0;
  Id workspace_id = 0;
  std::string name;
  std::vector<std::string> domains;  // lower-case
  Tier tier = Tier::kStandard;
  std::optional<Id> account_manager_id;
  std::string notes;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

// Normalises a phone number to E.164 ("+919845012345"). Indian 10-digit numbers without a
// country code get +91. Error when it cannot be a phone number.
Result<std::string> NormalisePhone(std::string_view raw);
// Lower-cases and checks a domain name ("Example.co.in" -> "example.co.in").
Result<std::string> NormaliseDomain(std::string_view raw);
// The part after '@', lower-case.
std::string EmailDomain(std::string_view email);

// UI languages Sahayak ships catalogues for.
bool IsSupportedLanguage(std::string_view lang);
// Any BCP 47-looking language tag ("en", "hi", "kn", "en-IN").
bool LooksLikeLanguageTag(std::string_view tag);
// An IANA zone name as ICU knows it ("Asia/Kolkata", "UTC").
bool IsValidTimeZone(std::string_view zone);
// Minutes east of UTC in IANA zone `zone` at instant `at` (daylight saving included); 0 for an
// unknown zone.
int ZoneOffsetMinutes(std::string_view zone, Millis at);

}  // namespace sahayak::domain
