#pragma once

#include "services/commerce/commerce_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

// Orders, invoices and contracts over one SQLite connection (tx_commerce.cc, migration 0015).
// A member of SqliteTx, so it runs inside SqliteTx's transaction. Not thread-safe.
class SqliteCommerceTx final : public services::CommerceWriteTx {
 public:
  explicit SqliteCommerceTx(Connection* conn) : c_(conn) {}

  Result<domain::Order> GetOrder(domain::Id ws, domain::Id id) override;
  Result<std::vector<domain::Order>> ListOrders(domain::Id ws, const services::CommerceFilter& f,
                                                std::optional<domain::Id> before,
                                                int limit) override;
  Result<std::vector<domain::Order>> FindOrdersByNumbers(
      domain::Id ws, const std::vector<std::string>& numbers) override;
  Result<domain::Invoice> GetInvoice(domain::Id ws, domain::Id id) override;
  Result<std::vector<domain::Invoice>> ListInvoices(domain::Id ws,
                                                    const services::CommerceFilter& f,
                                                    std::optional<domain::Id> before,
                                                    int limit) override;
  Result<std::vector<domain::Invoice>> ListUnpaidInvoices(domain::Id ws,
                                                          const services::CommerceOwner& o,
                                                          int limit) override;
  Result<std::vector<domain::Invoice>> FindInvoicesByNumbers(
      domain::Id ws, const std::vector<std::string>& numbers) override;
  Result<domain::Contract> GetContract(domain::Id ws, domain::Id id) override;
  Result<std::vector<domain::Contract>> ListContracts(domain::Id ws,
                                                      const services::CommerceFilter& f,
                                                      std::optional<domain::Id> before,
                                                      int limit) override;
  Result<std::vector<domain::Contract>> ListContractsOutOfStep(domain::Id ws,
                                                               std::string_view today,
                                                               int limit) override;
  Result<std::vector<services::CommerceLink>> ListTicketOrders(domain::Id ws,
                                                               domain::Id ticket_id) override;
  Result<std::vector<services::CommerceLink>> ListTicketInvoices(domain::Id ws,
                                                                 domain::Id ticket_id) override;
  Result<services::CommerceSettings> GetCommerceSettings(domain::Id ws) override;

  Status InsertOrder(domain::Order* o) override;
  Status UpdateOrder(const domain::Order& o) override;
  Status DeleteOrder(domain::Id ws, domain::Id id) override;
  Status InsertInvoice(domain::Invoice* i) override;
  Status UpdateInvoice(const domain::Invoice& i) override;
  Status DeleteInvoice(domain::Id ws, domain::Id id) override;
  Status InsertContract(domain::Contract* c) override;
  Status UpdateContract(const domain::Contract& c) override;
  Status DeleteContract(domain::Id ws, domain::Id id) override;
  Result<bool> LinkTicketOrder(domain::Id ws, domain::Id ticket_id, domain::Id order_id,
                               std::string_view by, Millis at) override;
  Status UnlinkTicketOrder(domain::Id ws, domain::Id ticket_id, domain::Id order_id) override;
  Result<bool> LinkTicketInvoice(domain::Id ws, domain::Id ticket_id, domain::Id invoice_id,
                                 std::string_view by, Millis at) override;
  Status UnlinkTicketInvoice(domain::Id ws, domain::Id ticket_id,
                             domain::Id invoice_id) override;
  Status PutCommerceSettings(const services::CommerceSettings& s) override;

 private:
  Connection* c_;
};

}  // namespace sahayak::store
