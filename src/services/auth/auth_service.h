#pragma once

#include <string>

#include "base/clock.h"
#include "base/crypto.h"
#include "services/principal.h"
#include "services/store.h"

namespace sahayak::services {

struct AuthOptions {
  Id workspace_id = 1;              // agents log in to this workspace
  Millis session_ttl = 12LL * 3600 * 1000;            // without "remember me"
  Millis remember_ttl = 30LL * 24 * 3600 * 1000;      // with "remember me"
  int max_failures = 10;            // within failure_window, then locked for lock_duration
  Millis failure_window = 15LL * 60 * 1000;
  Millis lock_duration = 15LL * 60 * 1000;
  PasswordHashCost hash_cost;
};

struct LoginResult {
  Principal principal;
  std::string session_token;  // the cookie value; only its hash is stored
  std::string csrf_token;
  Millis expires_at = 0;
  bool persistent = false;
};

// Sessions, API tokens and password checks. Thread-safe. Password hashing and verification
// run on the calling thread, never on the store's writer.
class AuthService {
 public:
  AuthService(Store& store, const Clock& clock, AuthOptions options)
      : store_(store), clock_(clock), options_(std::move(options)) {}

  // Unauthenticated ("invalid-credentials") for a wrong e-mail, password or a deactivated
  // agent; ResourceExhausted ("account-locked") while locked after repeated failures.
  Result<LoginResult> Login(const std::string& email, const std::string& password,
                            bool remember_me, const std::string& ip,
                            const std::string& user_agent);
  Status Logout(const Principal& who);
  Result<Principal> AuthenticateSession(const std::string& token);
  Result<Principal> AuthenticateBearer(const std::string& token);

  // Creates an API token for `agent_id` and returns its secret (shown once).
  Result<std::string> CreateApiToken(WriteTx& tx, const Principal& who, Id agent_id,
                                     const std::string& name, ApiTokenRecord* out);

  Result<std::string> HashNewPassword(const std::string& password) const;
  const AuthOptions& options() const { return options_; }

 private:
  Result<Principal> PrincipalFor(ReadTx& tx, Id ws, Id agent_id);
  Store& store_;
  const Clock& clock_;
  AuthOptions options_;
};

}  // namespace sahayak::services
