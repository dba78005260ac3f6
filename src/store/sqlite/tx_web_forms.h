#pragma once

#include "services/webforms/web_form_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

// Web forms over one SQLite connection (tx_web_forms.cc). A member of SqliteTx, so it runs
// inside SqliteTx's transaction. Not thread-safe.
class SqliteWebFormTx final : public services::WebFormWriteTx {
 public:
  explicit SqliteWebFormTx(Connection* conn) : c_(conn) {}

  Result<std::vector<services::WebForm>> ListWebForms(domain::Id ws) override;
  Result<services::WebForm> GetWebForm(domain::Id ws, domain::Id id) override;
  Result<services::WebForm> FindWebFormByKey(std::string_view public_key) override;
  Status InsertWebForm(services::WebForm* f) override;
  Status UpdateWebForm(const services::WebForm& f) override;
  Status DeleteWebForm(domain::Id ws, domain::Id id) override;

 private:
  Connection* c_;
};

}  // namespace sahayak::store
