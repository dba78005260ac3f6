#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

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
  // How long a checked session or token is trusted without asking the database again. A
  // change made through this process (logout, deactivation, revoked token) takes effect at
  // once; one made by another process (the CLI) within this time.
  Millis principal_cache_ttl = 5000;
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
  // agent; ResourceExhausted ("account-locked") while locked after repeated failures, with
  // `*locked_for` (when given) set to the time left until the lock ends.
  Result<LoginResult> Login(const std::string& email, const std::string& password,
                            bool remember_me, const std::string& ip,
                            const std::string& user_agent, Millis* locked_for = nullptr);
  // The caller changes their own password: InvalidArgument naming current_password when it is
  // wrong (counted like a failed login, so it locks the account the same way; "account-locked"
  // while locked), naming new_password when it breaks the password rules. Ends the agent's
  // other sessions; the caller's own session (or token) stays.
  Status ChangePassword(const Principal& who, const std::string& current_password,
                        const std::string& new_password, Millis* locked_for = nullptr);
  Status Logout(const Principal& who);
  Result<Principal> AuthenticateSession(const std::string& token);
  Result<Principal> AuthenticateBearer(const std::string& token);

  // Creates an API token for `agent_id` and returns its secret (shown once).
  Result<std::string> CreateApiToken(WriteTx& tx, const Principal& who, Id agent_id,
                                     const std::string& name, ApiTokenRecord* out);

  Result<std::string> HashNewPassword(const std::string& password) const;
  const AuthOptions& options() const { return options_; }

  // Forgets every cached session and token check; call after anything that may end one
  // (an agent deactivated or changed, a token revoked).
  void ForgetCachedPrincipals();

 private:
  struct Cached {
    Principal principal;
    Millis until;
  };
  Result<Principal> PrincipalFor(ReadTx& tx, Id ws, Id agent_id);
  // Counts a failed password check toward the lock-out, with its audit event.
  Status RecordFailure(Id ws, const domain::Agent& agent, const domain::Actor& actor, Millis now);
  std::optional<Principal> FromCache(const std::string& key, Millis now);
  void Remember(const std::string& key, const Principal& p, Millis until);
  Store& store_;
  const Clock& clock_;
  AuthOptions options_;
  std::mutex cache_mu_;
  std::unordered_map<std::string, Cached> cache_;
};

}  // namespace sahayak::services
