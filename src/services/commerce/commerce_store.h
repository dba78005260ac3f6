#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/commerce.h"
#include "domain/types.h"

// Orders, invoices, contracts, their links to tickets and the workspace's number patterns
// (docs/commerce.md, migration 0015): storage reached through ReadTx::commerce() and
// WriteTx::commerce() (services/store.h); store/sqlite/tx_commerce.cc implements it inside the
// store's transaction. Every method takes the workspace and answers NotFound for ids outside
// it; inserts answer AlreadyExists when the number is taken.
namespace sahayak::services {

using domain::Id;

// Whose documents a list holds. Both set: the contact's own or the organisation's.
struct CommerceOwner {
  std::optional<Id> contact_id;
  std::optional<Id> organisation_id;
};

struct CommerceFilter {
  CommerceOwner owner;
  std::optional<std::string> number;  // normalised
  // Invoices only: "open" | "overdue" | "paid" | "void" (domain::InvoiceState) on `today`.
  std::optional<std::string> invoice_state;
  std::string today;  // "YYYY-MM-DD"; CommerceService fills it in
};

struct CommerceSettings {
  Id workspace_id = 0;
  std::string order_pattern;
  std::string invoice_pattern;
  Millis updated_at = 0;
  int64_t version = 0;  // 0: never saved
};

// A link between a ticket and an order or invoice.
struct CommerceLink {
  Id ticket_id = 0;
  Id target_id = 0;
  std::string linked_by;  // "auto" | "agent"
  Millis linked_at = 0;
};

class CommerceReadTx {
 public:
  virtual ~CommerceReadTx() = default;

  virtual Result<domain::Order> GetOrder(Id ws, Id id) = 0;
  // Newest first (id descending) below `before`, at most `limit`.
  virtual Result<std::vector<domain::Order>> ListOrders(Id ws, const CommerceFilter& f,
                                                        std::optional<Id> before, int limit) = 0;
  // The orders with one of `numbers` (normalised), by id.
  virtual Result<std::vector<domain::Order>> FindOrdersByNumbers(
      Id ws, const std::vector<std::string>& numbers) = 0;

  virtual Result<domain::Invoice> GetInvoice(Id ws, Id id) = 0;
  virtual Result<std::vector<domain::Invoice>> ListInvoices(Id ws, const CommerceFilter& f,
                                                            std::optional<Id> before,
                                                            int limit) = 0;
  // Issued invoices not fully paid, oldest due date first, at most `limit`.
  virtual Result<std::vector<domain::Invoice>> ListUnpaidInvoices(Id ws, const CommerceOwner& o,
                                                                  int limit) = 0;
  virtual Result<std::vector<domain::Invoice>> FindInvoicesByNumbers(
      Id ws, const std::vector<std::string>& numbers) = 0;

  virtual Result<domain::Contract> GetContract(Id ws, Id id) = 0;
  virtual Result<std::vector<domain::Contract>> ListContracts(Id ws, const CommerceFilter& f,
                                                              std::optional<Id> before,
                                                              int limit) = 0;
  // Contracts in force on `today` whose organisation's tier or account manager differs from
  // theirs; where several are in force for one organisation, only the one that started last.
  virtual Result<std::vector<domain::Contract>> ListContractsOutOfStep(Id ws,
                                                                       std::string_view today,
                                                                       int limit) = 0;

  // Oldest link first.
  virtual Result<std::vector<CommerceLink>> ListTicketOrders(Id ws, Id ticket_id) = 0;
  virtual Result<std::vector<CommerceLink>> ListTicketInvoices(Id ws, Id ticket_id) = 0;

  // The defaults (version 0) when never saved.
  virtual Result<CommerceSettings> GetCommerceSettings(Id ws) = 0;
};

class CommerceWriteTx : public virtual CommerceReadTx {
 public:
  virtual Status InsertOrder(domain::Order* o) = 0;
  virtual Status UpdateOrder(const domain::Order& o) = 0;
  virtual Status DeleteOrder(Id ws, Id id) = 0;

  virtual Status InsertInvoice(domain::Invoice* i) = 0;
  virtual Status UpdateInvoice(const domain::Invoice& i) = 0;
  virtual Status DeleteInvoice(Id ws, Id id) = 0;

  virtual Status InsertContract(domain::Contract* c) = 0;
  virtual Status UpdateContract(const domain::Contract& c) = 0;
  virtual Status DeleteContract(Id ws, Id id) = 0;

  // True when linked now, false when it already was (the first link's kind stays).
  virtual Result<bool> LinkTicketOrder(Id ws, Id ticket_id, Id order_id, std::string_view by,
                                       Millis at) = 0;
  virtual Status UnlinkTicketOrder(Id ws, Id ticket_id, Id order_id) = 0;
  virtual Result<bool> LinkTicketInvoice(Id ws, Id ticket_id, Id invoice_id,
                                         std::string_view by, Millis at) = 0;
  virtual Status UnlinkTicketInvoice(Id ws, Id ticket_id, Id invoice_id) = 0;

  virtual Status PutCommerceSettings(const CommerceSettings& s) = 0;
};

}  // namespace sahayak::services
