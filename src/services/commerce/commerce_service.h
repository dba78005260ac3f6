#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "domain/commerce.h"
#include "domain/people.h"
#include "domain/shipment.h"
#include "services/attachments/blob_store.h"
#include "services/commerce/commerce_store.h"
#include "services/principal.h"
#include "services/store.h"
#include "services/tickets/ticket_service.h"

// Orders, invoices and contracts (docs/commerce.md): what the customer bought, was billed and
// agreed to, beside their tickets and in the portal. Agents read; admins (and API tokens)
// write; customers see their own and, with "organization" ticket access, their organisation's.
// Every use case runs inside the caller's transaction. Thread-safe.
namespace sahayak::services {

inline constexpr size_t kMaxDocumentBytes = 10 * 1024 * 1024;  // uploaded PDFs
inline constexpr int kSummarySize = 10;                        // per list beside a ticket

struct LinkedOrder {
  domain::Order order;
  CommerceLink link;
};

struct LinkedInvoice {
  domain::Invoice invoice;
  CommerceLink link;
};

// What the sidebar and the portal show of a customer.
struct CommerceSummary {
  std::vector<domain::Order> orders;
  std::vector<domain::Invoice> invoices;
  std::vector<domain::Contract> contracts;
};

class CommerceService {
 public:
  CommerceService(const Clock& clock, TicketService& tickets, BlobStore& blobs)
      : clock_(clock), tickets_(tickets), blobs_(blobs) {}

  // "YYYY-MM-DD" now where the workspace is: what invoice and contract states are judged on.
  Result<std::string> Today(ReadTx& tx, Id ws) const;

  // Orders.
  Result<domain::Order> GetOrder(ReadTx& tx, const Principal& who, Id id) const;
  Result<Page<domain::Order>> ListOrders(ReadTx& tx, const Principal& who,
                                         const CommerceFilter& f, const PageRequest& page) const;
  Result<domain::Order> CreateOrder(WriteTx& tx, const Principal& who,
                                    const nlohmann::json& body) const;
  // `if_match`: the version the caller last saw; Aborted ("precondition-failed") when stale.
  Result<domain::Order> UpdateOrder(WriteTx& tx, const Principal& who, Id id,
                                    const nlohmann::json& body,
                                    std::optional<int64_t> if_match) const;
  Status DeleteOrder(WriteTx& tx, const Principal& who, Id id) const;
  // The order's parcels: the shipments whose order_ref is its number.
  Result<std::vector<domain::Shipment>> OrderShipments(ReadTx& tx, const domain::Order& o) const;

  // Invoices.
  Result<domain::Invoice> GetInvoice(ReadTx& tx, const Principal& who, Id id) const;
  Result<Page<domain::Invoice>> ListInvoices(ReadTx& tx, const Principal& who,
                                             const CommerceFilter& f,
                                             const PageRequest& page) const;
  Result<domain::Invoice> CreateInvoice(WriteTx& tx, const Principal& who,
                                        const nlohmann::json& body) const;
  Result<domain::Invoice> UpdateInvoice(WriteTx& tx, const Principal& who, Id id,
                                        const nlohmann::json& body,
                                        std::optional<int64_t> if_match) const;
  Status DeleteInvoice(WriteTx& tx, const Principal& who, Id id) const;

  // Contracts. Writing one that is in force brings its organisation's tier and account
  // manager into step.
  Result<domain::Contract> GetContract(ReadTx& tx, const Principal& who, Id id) const;
  Result<Page<domain::Contract>> ListContracts(ReadTx& tx, const Principal& who,
                                               const CommerceFilter& f,
                                               const PageRequest& page) const;
  Result<domain::Contract> CreateContract(WriteTx& tx, const Principal& who,
                                          const nlohmann::json& body) const;
  Result<domain::Contract> UpdateContract(WriteTx& tx, const Principal& who, Id id,
                                          const nlohmann::json& body,
                                          std::optional<int64_t> if_match) const;
  Status DeleteContract(WriteTx& tx, const Principal& who, Id id) const;
  // Organisations whose tier or account manager differ from their contract in force today
  // are brought into step (audited as the system); how many changed. The maintenance pass.
  Result<int> SyncContractTiers(WriteTx& tx, Id ws) const;

  // PDFs: an invoice's own PDF or a contract's signed copy. `bytes` must be a PDF of at most
  // kMaxDocumentBytes (InvalidArgument naming "file" otherwise); stored as a blob before the
  // transaction. nullopt removes it.
  Result<std::string> StoreDocument(std::string_view bytes) const;
  Result<domain::Invoice> SetInvoicePdf(WriteTx& tx, const Principal& who, Id id,
                                        std::optional<std::string> sha256) const;
  Result<domain::Contract> SetContractDocument(WriteTx& tx, const Principal& who, Id id,
                                               std::optional<std::string> sha256) const;
  // A stored document's bytes.
  Result<std::string> ReadDocument(const std::string& sha256) const;

  // Beside a ticket: a contact's (with their organisation's contracts) or an organisation's.
  Result<CommerceSummary> ContactSummary(ReadTx& tx, const Principal& who, Id contact_id) const;
  Result<CommerceSummary> OrganisationSummary(ReadTx& tx, const Principal& who,
                                              Id organisation_id) const;

  // A ticket's orders and invoices.
  Result<std::vector<LinkedOrder>> TicketOrders(ReadTx& tx, const Principal& who,
                                                Id ticket_id) const;
  Result<std::vector<LinkedInvoice>> TicketInvoices(ReadTx& tx, const Principal& who,
                                                    Id ticket_id) const;
  // Body {"number"} or {"order_id"} / {"invoice_id"}. `*created`: linked now.
  Result<LinkedOrder> LinkOrder(WriteTx& tx, const Principal& who, Id ticket_id,
                                const nlohmann::json& body, bool* created) const;
  Status UnlinkOrder(WriteTx& tx, const Principal& who, Id ticket_id, Id order_id) const;
  Result<LinkedInvoice> LinkInvoice(WriteTx& tx, const Principal& who, Id ticket_id,
                                    const nlohmann::json& body, bool* created) const;
  Status UnlinkInvoice(WriteTx& tx, const Principal& who, Id ticket_id, Id invoice_id) const;

  Result<CommerceSettings> Settings(ReadTx& tx, const Principal& who) const;
  Result<CommerceSettings> PutSettings(WriteTx& tx, const Principal& who,
                                       const nlohmann::json& body,
                                       std::optional<int64_t> if_match) const;

  // The portal: what a signed-in customer may see. Anything else is NotFound.
  Result<CommerceSummary> CustomerSummary(ReadTx& tx, const domain::Contact& c) const;
  Result<domain::Order> CustomerOrder(ReadTx& tx, const domain::Contact& c, Id id) const;
  Result<domain::Invoice> CustomerInvoice(ReadTx& tx, const domain::Contact& c, Id id) const;
  Result<domain::Contract> CustomerContract(ReadTx& tx, const domain::Contact& c, Id id) const;
  // Records on the customer's timeline that they downloaded an invoice.
  Status RecordInvoiceDownload(WriteTx& tx, const domain::Contact& c,
                               const domain::Invoice& i) const;
  // Opens a ticket from the customer asking for a copy of the contract (assigned to its
  // account manager, tag "contract-copy") with `subject` and `body` in their language;
  // records it on their timeline. The ticket.
  Result<domain::Ticket> RequestContractCopy(WriteTx& tx, const domain::Contact& c, Id id,
                                             const std::string& subject,
                                             const std::string& body) const;

  const Clock& clock() const { return clock_; }

 private:
  Status SyncOrganisation(WriteTx& tx, const domain::Contract& k, const domain::Actor& actor,
                          Millis now) const;

  const Clock& clock_;
  TicketService& tickets_;
  BlobStore& blobs_;
};

// The JSON the audit log keeps.
nlohmann::json OrderAuditView(const domain::Order& o);
nlohmann::json InvoiceAuditView(const domain::Invoice& i);
nlohmann::json ContractAuditView(const domain::Contract& c);

// Links ticket `ticket_id` to every order and invoice of the workspace whose number `text`
// mentions (linked_by "auto"): the workspace's patterns, and words of 5-40 characters of A-Z,
// 0-9, '-' and '/' with a digit. Cheap when the workspace has no orders or invoices.
Status LinkCommerceInText(WriteTx& tx, Id ws, Id ticket_id, std::string_view text, Millis now);

}  // namespace sahayak::services
