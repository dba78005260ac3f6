#pragma once

#include <atomic>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "services/principal.h"
#include "services/store.h"
#include "services/tickets/ticket_service.h"
#include "services/webforms/form_token.h"
#include "services/webforms/web_form_store.h"

// Web forms (docs/web-forms.md): administration of the forms, the start tokens their pages
// carry, and turning a visitor's submission into a ticket request. Thread-safe.
namespace sahayak::services {

inline constexpr size_t kMaxWebFormNameChars = 100;
inline constexpr size_t kMaxWebFormOrigins = 20;
inline constexpr size_t kMaxWebFormFields = 20;
inline constexpr int64_t kMaxMinFillSeconds = 600;
inline constexpr size_t kMaxVisitorNameChars = 200;
inline constexpr size_t kMaxFormMessageChars = 20000;

// "https://Shop.Example.in:8443" -> "https://shop.example.in:8443": scheme http or https, a
// host name or address, an optional port, nothing else (no path, query, user or wildcard).
// nullopt when it is not such an origin.
std::optional<std::string> NormaliseOrigin(std::string_view origin);

// What a visitor typed into a form, as sent (the page's field names).
struct WebFormSubmission {
  std::string name;
  std::string email;
  std::string subject;
  std::string message;
  std::map<std::string, std::string> custom;  // custom field key -> text as typed
  std::string language;                       // the page's language (en, hi, kn)
};

// The custom fields a form shows: its own, then every active customer-visible workspace field
// that tickets require (a ticket cannot be created without them; agent-only ones are not
// required on web forms, domain::RequiredOnCreate). Unknown or inactive keys are left out.
struct ShownField {
  domain::CustomFieldDef def;
  bool required = false;
};
std::vector<ShownField> ShownFields(const WebForm& form,
                                    const std::vector<domain::CustomFieldDef>& defs);

// The ticket a submission asks for, or InvalidArgument naming each bad field by the page's
// field names ("email", "subject", "message", "custom.<key>"). Text is trimmed and NFC.
Result<TicketCreate> BuildWebFormTicket(const WebForm& form,
                                        const std::vector<domain::CustomFieldDef>& defs,
                                        const WebFormSubmission& in);

class WebFormService {
 public:
  // `secret_key`: the server's secret (app/secret_key.cc); form tokens are signed with a key
  // derived from it.
  WebFormService(const Clock& clock, std::string_view secret_key)
      : clock_(clock), token_key_(DeriveFormTokenKey(secret_key)) {}

  // Administration (admins only: PermissionDenied otherwise). Bodies are the API's JSON
  // (docs/api/openapi.yaml, WebFormInput); errors name each bad member.
  Result<std::vector<WebForm>> List(ReadTx& tx, const Principal& who) const;
  Result<WebForm> Get(ReadTx& tx, const Principal& who, Id id) const;
  Result<WebForm> Create(WriteTx& tx, const Principal& who, const nlohmann::json& body) const;
  // `if_match`: the version the caller last saw; Aborted ("precondition-failed") when stale.
  Result<WebForm> Update(WriteTx& tx, const Principal& who, Id id, const nlohmann::json& body,
                         std::optional<int64_t> if_match) const;
  Status Delete(WriteTx& tx, const Principal& who, Id id) const;

  // The public side. A form that is unknown or disabled is NotFound.
  Result<WebForm> FindEnabled(ReadTx& tx, std::string_view public_key) const;
  std::string IssueToken(const WebForm& form) const;
  FormTokenCheck CheckToken(const WebForm& form, std::string_view token) const;

  // Submissions a honeypot caught (pretended success, nothing stored), since start.
  void CountSpam() { spam_.fetch_add(1); }
  int64_t spam_count() const { return spam_.load(); }

  const Clock& clock() const { return clock_; }

 private:
  Status Apply(ReadTx& tx, Id ws, const nlohmann::json& body, bool creating, WebForm* f) const;

  const Clock& clock_;
  const std::string token_key_;
  std::atomic<int64_t> spam_{0};
};

// The JSON the audit log keeps of a form.
nlohmann::json WebFormAuditView(const WebForm& f);

}  // namespace sahayak::services
