#pragma once

#include "services/portal/portal_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

using domain::Id;

// The customer portal's storage over one SQLite connection (tx_portal.cc, migration 0008). A
// member of SqliteTx, so it runs inside SqliteTx's transaction. Not thread-safe.
class SqlitePortalTx final : public services::PortalWriteTx {
 public:
  explicit SqlitePortalTx(Connection* conn) : c_(conn) {}

  // PortalReadTx
  Result<std::string> GetPortalPasswordHash(Id ws, Id contact_id) override;
  Result<services::PortalSession> GetPortalSession(std::string_view token_hash) override;
  Result<services::PortalSignInToken> GetPortalSignInToken(Id ws,
                                                         std::string_view token_hash) override;
  Result<std::pair<Id, bool>> GetMessagePlace(Id ws, Id message_id) override;

  // PortalWriteTx
  Status PutPortalPassword(Id ws, Id contact_id, std::string_view hash, Millis at) override;
  Status InsertPortalSession(const services::PortalSession& s) override;
  Status TouchPortalSession(std::string_view token_hash, Millis seen_at,
                            Millis expires_at) override;
  Status DeletePortalSession(std::string_view token_hash) override;
  Status DeletePortalSessionsOfContact(Id ws, Id contact_id) override;
  Status InsertPortalSignInToken(const services::PortalSignInToken& t) override;
  Result<bool> UsePortalSignInToken(Id ws, std::string_view token_hash, Millis at) override;
  Status DeleteExpiredPortalRows(Millis cutoff) override;

 private:
  Connection* c_;
};

}  // namespace sahayak::store
