#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"
#include "domain/types.h"

// The customer portal's storage (docs/portal.md, migration 0008): portal passwords, customer
// sessions and one-time sign-in links. Reached through ReadTx::portal() and WriteTx::portal()
// (services/store.h); store/sqlite implements it in tx_portal.cc over the same connection and
// transaction as the rest of the store. Tokens are kept only as their SHA-256 (hex).
namespace sahayak::services {

using domain::Id;

struct PortalSession {
  std::string token_hash;
  Id workspace_id = 0;
  Id contact_id = 0;
  std::string csrf_token;
  Millis created_at = 0;
  Millis last_seen_at = 0;
  Millis expires_at = 0;
  std::string ip;
  std::string user_agent;
};

struct PortalSignInToken {
  std::string token_hash;
  Id workspace_id = 0;
  Id contact_id = 0;
  std::string purpose = "sign_in";  // sign_in | invitation
  Millis created_at = 0;
  Millis expires_at = 0;
  std::optional<Millis> used_at;
};

class PortalReadTx {
 public:
  virtual ~PortalReadTx() = default;

  // The contact's argon2id password hash; NotFound when they have none.
  virtual Result<std::string> GetPortalPasswordHash(Id ws, Id contact_id) = 0;
  // NotFound when no session has that hash (expired ones are still returned: check expires_at).
  virtual Result<PortalSession> GetPortalSession(std::string_view token_hash) = 0;
  // NotFound when no link of workspace `ws` has that hash (a link of another workspace is
  // NotFound too: a link is only ever looked at on its own workspace's site).
  virtual Result<PortalSignInToken> GetPortalSignInToken(Id ws, std::string_view token_hash) = 0;
  // The ticket a message belongs to and whether the message is public (for attachment
  // downloads); NotFound outside the workspace.
  virtual Result<std::pair<Id, bool>> GetMessagePlace(Id ws, Id message_id) = 0;
};

class PortalWriteTx : public virtual PortalReadTx {
 public:
  // Sets (or replaces) the contact's password hash.
  virtual Status PutPortalPassword(Id ws, Id contact_id, std::string_view hash, Millis at) = 0;
  virtual Status InsertPortalSession(const PortalSession& s) = 0;
  // A visit: the session lives on until `expires_at`.
  virtual Status TouchPortalSession(std::string_view token_hash, Millis seen_at,
                                    Millis expires_at) = 0;
  virtual Status DeletePortalSession(std::string_view token_hash) = 0;
  virtual Status DeletePortalSessionsOfContact(Id ws, Id contact_id) = 0;
  virtual Status InsertPortalSignInToken(const PortalSignInToken& t) = 0;
  // Marks an unused token of workspace `ws` used at `at`: true when this call used it, false
  // when it was used already or does not exist in `ws` (a link of another workspace is left
  // untouched, still usable on its own site), so two concurrent clicks cannot both sign in.
  virtual Result<bool> UsePortalSignInToken(Id ws, std::string_view token_hash, Millis at) = 0;
  // Forgets sessions and sign-in tokens that expired before `cutoff`.
  virtual Status DeleteExpiredPortalRows(Millis cutoff) = 0;
};

}  // namespace sahayak::services
