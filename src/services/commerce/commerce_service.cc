#include "services/commerce/commerce_service.h"

#include <algorithm>
#include <set>

#include "base/text.h"
#include "domain/json_input.h"
#include "services/audit.h"
#include "services/commerce/commerce_input.h"
#include "services/errors.h"
#include "services/shipments/shipment_service.h"
#include "services/tickets/customer_ref.h"
#include "services/tickets/inbound_ticket.h"

namespace sahayak::services {

using domain::Contract;
using domain::Invoice;
using domain::Order;
using nlohmann::json;

namespace {

constexpr size_t kMaxCandidates = 50;

json Opt(const std::optional<Id>& v) { return v ? json(*v) : json(nullptr); }
json Opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

domain::Actor ContactActor(const domain::Contact& c) {
  return {domain::Actor::Kind::kContact, c.id, c.name, "", ""};
}

domain::Actor SystemActor() { return {domain::Actor::Kind::kSystem, 0, "contracts", "", ""}; }

// A page of `limit` + 1 rows read: the extra row says there is a next page.
template <typename T>
Page<T> ToPage(std::vector<T> rows, int limit) {
  Page<T> page;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(limit);
    page.next = rows.back().id;
  }
  page.items = std::move(rows);
  return page;
}

// The workspace's agent `id`, or the error naming the member.
Status CheckAgent(ReadTx& tx, Id ws, Id id, domain::JsonInput* in) {
  auto a = tx.GetAgent(ws, id);
  if (!a.ok()) {
    if (a.status().code() != Code::kNotFound) return a.status();
    in->Error("account_manager_id", "is not an agent of this workspace");
  }
  return Status::Ok();
}

// What a customer may see: their own, or their organisation's with "organization" access.
bool CustomerMaySee(const domain::Contact& c, const std::optional<Id>& contact_id,
                    const std::optional<Id>& organisation_id) {
  if (contact_id && *contact_id == c.id) return true;
  return c.ticket_access == "organization" && c.organisation_id && organisation_id &&
         *organisation_id == *c.organisation_id;
}

CommerceOwner CustomerOwner(const domain::Contact& c) {
  CommerceOwner o;
  o.contact_id = c.id;
  if (c.ticket_access == "organization" && c.organisation_id) o.organisation_id = c.organisation_id;
  return o;
}

// Contracts first in force, then upcoming, then expired; newest start first within each.
void SortContracts(std::vector<Contract>* contracts, const std::string& today) {
  auto rank = [&](const Contract& k) {
    const std::string s = domain::ContractState(k, today);
    return s == "active" ? 0 : s == "upcoming" ? 1 : 2;
  };
  std::stable_sort(contracts->begin(), contracts->end(), [&](const Contract& a, const Contract& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    return a.start_on > b.start_on;
  });
}

// Unpaid invoices (overdue first: they come oldest due first) and then the newest others.
Result<std::vector<Invoice>> SummaryInvoices(ReadTx& tx, Id ws, const CommerceOwner& owner) {
  ASSIGN_OR_RETURN(std::vector<Invoice> out,
                   tx.commerce().ListUnpaidInvoices(ws, owner, kSummarySize));
  if (static_cast<int>(out.size()) < kSummarySize) {
    CommerceFilter f;
    f.owner = owner;
    ASSIGN_OR_RETURN(std::vector<Invoice> recent,
                     tx.commerce().ListInvoices(ws, f, std::nullopt, 2 * kSummarySize));
    for (Invoice& i : recent) {
      if (static_cast<int>(out.size()) >= kSummarySize) break;
      if (std::none_of(out.begin(), out.end(), [&](const Invoice& x) { return x.id == i.id; })) {
        out.push_back(std::move(i));
      }
    }
  }
  return out;
}

Result<std::vector<Contract>> OrganisationContracts(ReadTx& tx, Id ws, Id organisation_id,
                                                    const std::string& today) {
  CommerceFilter f;
  f.owner.organisation_id = organisation_id;
  ASSIGN_OR_RETURN(std::vector<Contract> out,
                   tx.commerce().ListContracts(ws, f, std::nullopt, 2 * kSummarySize));
  SortContracts(&out, today);
  if (static_cast<int>(out.size()) > kSummarySize) out.resize(kSummarySize);
  return out;
}

}  // namespace

json OrderAuditView(const Order& o) {
  return {{"number", o.number},
          {"contact_id", Opt(o.contact_id)},
          {"organisation_id", Opt(o.organisation_id)},
          {"status", domain::OrderStatusName(o.status)},
          {"payment_status", domain::PaymentStatusName(o.payment_status)},
          {"currency", o.currency},
          {"items", o.items.size()},
          {"total", domain::FormatMoneyMinor(o.total)}};
}

json InvoiceAuditView(const Invoice& i) {
  return {{"number", i.number},
          {"contact_id", Opt(i.contact_id)},
          {"organisation_id", Opt(i.organisation_id)},
          {"order_number", i.order_number},
          {"currency", i.currency},
          {"lines", i.lines.size()},
          {"total", domain::FormatMoneyMinor(i.total)},
          {"amount_paid", domain::FormatMoneyMinor(i.amount_paid)},
          {"issued_on", i.issued_on},
          {"due_on", i.due_on},
          {"status", domain::InvoiceStatusName(i.status)},
          {"pdf", i.pdf_sha256.empty() ? "generated" : "uploaded"}};
}

json ContractAuditView(const Contract& c) {
  return {{"number", c.number},
          {"organisation_id", c.organisation_id},
          {"plan", c.plan},
          {"tier", domain::Name(c.tier)},
          {"sla_tier", domain::Name(c.sla_tier)},
          {"start_on", c.start_on},
          {"end_on", Opt(c.end_on)},
          {"renewal_on", Opt(c.renewal_on)},
          {"account_manager_id", Opt(c.account_manager_id)},
          {"document", !c.document_sha256.empty()}};
}

Result<std::string> CommerceService::Today(ReadTx& tx, Id ws) const {
  ASSIGN_OR_RETURN(Workspace w, tx.GetWorkspace(ws));
  const Millis now = clock_.Now();
  return DateAt(now, domain::ZoneOffsetMinutes(w.time_zone, now));
}

// ---- orders ----

Result<Order> CommerceService::GetOrder(ReadTx& tx, const Principal& who, Id id) const {
  return tx.commerce().GetOrder(who.workspace_id, id);
}

Result<Page<Order>> CommerceService::ListOrders(ReadTx& tx, const Principal& who,
                                                const CommerceFilter& f,
                                                const PageRequest& page) const {
  ASSIGN_OR_RETURN(auto rows,
                   tx.commerce().ListOrders(who.workspace_id, f, page.cursor, page.limit + 1));
  return ToPage(std::move(rows), page.limit);
}

Result<Order> CommerceService::CreateOrder(WriteTx& tx, const Principal& who,
                                           const json& body) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change orders"));
  RETURN_IF_ERROR(domain::RequireObject(body));
  const Millis now = clock_.Now();
  Order o;
  o.workspace_id = who.workspace_id;
  domain::JsonInput in(body);
  CustomerRef customer;
  RETURN_IF_ERROR(customer.Read(tx, who.workspace_id, body, &in));
  commerce_input::ReadOrder(body, true, now, &in, &o);
  RETURN_IF_ERROR(in.status());
  RETURN_IF_ERROR(customer.Apply(tx, tickets_, who, &o.contact_id, &o.organisation_id));
  o.created_at = o.updated_at = now;
  RETURN_IF_ERROR(tx.commerce().InsertOrder(&o));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "order.created", "order", o.id,
                               AuditCreated(OrderAuditView(o)), now, "order.created",
                               {{"order_id", o.id}}));
  return o;
}

Result<Order> CommerceService::UpdateOrder(WriteTx& tx, const Principal& who, Id id,
                                           const json& body,
                                           std::optional<int64_t> if_match) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change orders"));
  RETURN_IF_ERROR(domain::RequireObject(body));
  ASSIGN_OR_RETURN(Order before, tx.commerce().GetOrder(who.workspace_id, id));
  if (if_match && *if_match != before.version) return Stale("order", id, *if_match, before.version);
  Order o = before;
  domain::JsonInput in(body);
  CustomerRef customer;
  RETURN_IF_ERROR(customer.Read(tx, who.workspace_id, body, &in));
  commerce_input::ReadOrder(body, false, clock_.Now(), &in, &o);
  RETURN_IF_ERROR(in.status());
  RETURN_IF_ERROR(customer.Apply(tx, tickets_, who, &o.contact_id, &o.organisation_id));
  json changes = AuditDiff(OrderAuditView(before), OrderAuditView(o));
  if (changes.empty() && o.items == before.items && o.placed_at == before.placed_at &&
      o.shipping == before.shipping && o.discount == before.discount && o.tax == before.tax) {
    return before;
  }
  o.updated_at = clock_.Now();
  o.version = before.version + 1;
  RETURN_IF_ERROR(tx.commerce().UpdateOrder(o));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "order.updated", "order", o.id,
                               changes, o.updated_at, "order.updated", {{"order_id", o.id}}));
  return o;
}

Status CommerceService::DeleteOrder(WriteTx& tx, const Principal& who, Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change orders"));
  ASSIGN_OR_RETURN(Order o, tx.commerce().GetOrder(who.workspace_id, id));
  RETURN_IF_ERROR(tx.commerce().DeleteOrder(who.workspace_id, id));
  return RecordChange(tx, who.workspace_id, who.actor(), "order.deleted", "order", id,
                      {{"number", {o.number, nullptr}}}, clock_.Now(), "order.deleted",
                      {{"order_id", id}});
}

Result<std::vector<domain::Shipment>> CommerceService::OrderShipments(ReadTx& tx,
                                                                      const Order& o) const {
  ShipmentFilter f;
  f.order_ref = o.number;
  return tx.shipments().ListShipments(o.workspace_id, f, std::nullopt, 50);
}

// ---- invoices ----

Result<Invoice> CommerceService::GetInvoice(ReadTx& tx, const Principal& who, Id id) const {
  return tx.commerce().GetInvoice(who.workspace_id, id);
}

Result<Page<Invoice>> CommerceService::ListInvoices(ReadTx& tx, const Principal& who,
                                                    const CommerceFilter& f,
                                                    const PageRequest& page) const {
  CommerceFilter filter = f;
  ASSIGN_OR_RETURN(filter.today, Today(tx, who.workspace_id));
  ASSIGN_OR_RETURN(auto rows, tx.commerce().ListInvoices(who.workspace_id, filter, page.cursor,
                                                         page.limit + 1));
  return ToPage(std::move(rows), page.limit);
}

Result<Invoice> CommerceService::CreateInvoice(WriteTx& tx, const Principal& who,
                                               const json& body) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change invoices"));
  RETURN_IF_ERROR(domain::RequireObject(body));
  Invoice i;
  i.workspace_id = who.workspace_id;
  domain::JsonInput in(body);
  CustomerRef customer;
  RETURN_IF_ERROR(customer.Read(tx, who.workspace_id, body, &in));
  commerce_input::ReadInvoice(body, true, &in, &i);
  RETURN_IF_ERROR(in.status());
  RETURN_IF_ERROR(customer.Apply(tx, tickets_, who, &i.contact_id, &i.organisation_id));
  i.created_at = i.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.commerce().InsertInvoice(&i));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "invoice.created", "invoice",
                               i.id, AuditCreated(InvoiceAuditView(i)), i.created_at,
                               "invoice.created", {{"invoice_id", i.id}}));
  return i;
}

Result<Invoice> CommerceService::UpdateInvoice(WriteTx& tx, const Principal& who, Id id,
                                               const json& body,
                                               std::optional<int64_t> if_match) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change invoices"));
  RETURN_IF_ERROR(domain::RequireObject(body));
  ASSIGN_OR_RETURN(Invoice before, tx.commerce().GetInvoice(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Stale("invoice", id, *if_match, before.version);
  }
  Invoice i = before;
  domain::JsonInput in(body);
  CustomerRef customer;
  RETURN_IF_ERROR(customer.Read(tx, who.workspace_id, body, &in));
  commerce_input::ReadInvoice(body, false, &in, &i);
  RETURN_IF_ERROR(in.status());
  RETURN_IF_ERROR(customer.Apply(tx, tickets_, who, &i.contact_id, &i.organisation_id));
  json changes = AuditDiff(InvoiceAuditView(before), InvoiceAuditView(i));
  if (changes.empty() && i.lines == before.lines && i.bill_to == before.bill_to &&
      i.tax_id == before.tax_id && i.tax == before.tax) {
    return before;
  }
  i.updated_at = clock_.Now();
  i.version = before.version + 1;
  RETURN_IF_ERROR(tx.commerce().UpdateInvoice(i));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "invoice.updated", "invoice",
                               i.id, changes, i.updated_at, "invoice.updated",
                               {{"invoice_id", i.id}}));
  return i;
}

Status CommerceService::DeleteInvoice(WriteTx& tx, const Principal& who, Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change invoices"));
  ASSIGN_OR_RETURN(Invoice i, tx.commerce().GetInvoice(who.workspace_id, id));
  RETURN_IF_ERROR(tx.commerce().DeleteInvoice(who.workspace_id, id));
  return RecordChange(tx, who.workspace_id, who.actor(), "invoice.deleted", "invoice", id,
                      {{"number", {i.number, nullptr}}}, clock_.Now(), "invoice.deleted",
                      {{"invoice_id", id}});
}

// ---- contracts ----

Result<Contract> CommerceService::GetContract(ReadTx& tx, const Principal& who, Id id) const {
  return tx.commerce().GetContract(who.workspace_id, id);
}

Result<Page<Contract>> CommerceService::ListContracts(ReadTx& tx, const Principal& who,
                                                      const CommerceFilter& f,
                                                      const PageRequest& page) const {
  ASSIGN_OR_RETURN(auto rows,
                   tx.commerce().ListContracts(who.workspace_id, f, page.cursor, page.limit + 1));
  return ToPage(std::move(rows), page.limit);
}

namespace {

// Reads a contract body into `k`, checking the organisation and account manager.
Status ApplyContract(ReadTx& tx, Id ws, const json& body, bool creating, Contract* k) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  domain::JsonInput in(body);
  std::optional<int64_t> org;
  std::optional<std::optional<int64_t>> manager;
  commerce_input::ReadContract(body, creating, &in, k, &org, &manager);
  if (org) {
    auto o = tx.GetOrganisation(ws, *org);
    if (!o.ok()) {
      if (o.status().code() != Code::kNotFound) return o.status();
      in.Error("organisation_id", "is not an organisation of this workspace");
    } else {
      k->organisation_id = *org;
    }
  }
  if (manager) {
    if (*manager) RETURN_IF_ERROR(CheckAgent(tx, ws, **manager, &in));
    k->account_manager_id = *manager;
  }
  return in.status();
}

}  // namespace

Status CommerceService::SyncOrganisation(WriteTx& tx, const Contract& k,
                                         const domain::Actor& actor, Millis now) const {
  ASSIGN_OR_RETURN(std::string today, Today(tx, k.workspace_id));
  if (domain::ContractState(k, today) != "active") return Status::Ok();
  // Only the contract in force that started last sets the tier.
  ASSIGN_OR_RETURN(auto out_of_step, tx.commerce().ListContractsOutOfStep(k.workspace_id, today, 1000));
  for (const Contract& c : out_of_step) {
    if (c.organisation_id != k.organisation_id) continue;
    ASSIGN_OR_RETURN(domain::Organisation o, tx.GetOrganisation(c.workspace_id, c.organisation_id));
    json changes = json::object();
    DiffField(&changes, "tier", domain::Name(o.tier), domain::Name(c.tier));
    o.tier = c.tier;
    if (c.account_manager_id) {
      DiffField(&changes, "account_manager_id", Opt(o.account_manager_id),
                Opt(c.account_manager_id));
      o.account_manager_id = c.account_manager_id;
    }
    if (changes.empty()) continue;
    o.updated_at = now;
    o.version += 1;
    RETURN_IF_ERROR(tx.UpdateOrganisation(o));
    changes["contract"] = {nullptr, c.number};
    RETURN_IF_ERROR(RecordChange(tx, o.workspace_id, actor, "organisation.updated",
                                 "organisation", o.id, changes, now, "organisation.updated",
                                 {{"organisation_id", o.id}}));
  }
  return Status::Ok();
}

Result<Contract> CommerceService::CreateContract(WriteTx& tx, const Principal& who,
                                                 const json& body) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change contracts"));
  Contract k;
  k.workspace_id = who.workspace_id;
  RETURN_IF_ERROR(ApplyContract(tx, who.workspace_id, body, true, &k));
  k.created_at = k.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.commerce().InsertContract(&k));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "contract.created", "contract",
                               k.id, AuditCreated(ContractAuditView(k)), k.created_at,
                               "contract.created", {{"contract_id", k.id}}));
  RETURN_IF_ERROR(SyncOrganisation(tx, k, who.actor(), k.created_at));
  return k;
}

Result<Contract> CommerceService::UpdateContract(WriteTx& tx, const Principal& who, Id id,
                                                 const json& body,
                                                 std::optional<int64_t> if_match) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change contracts"));
  ASSIGN_OR_RETURN(Contract before, tx.commerce().GetContract(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Stale("contract", id, *if_match, before.version);
  }
  Contract k = before;
  RETURN_IF_ERROR(ApplyContract(tx, who.workspace_id, body, false, &k));
  json changes = AuditDiff(ContractAuditView(before), ContractAuditView(k));
  if (changes.empty() && k.notes == before.notes) return before;
  k.updated_at = clock_.Now();
  k.version = before.version + 1;
  RETURN_IF_ERROR(tx.commerce().UpdateContract(k));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "contract.updated", "contract",
                               k.id, changes, k.updated_at, "contract.updated",
                               {{"contract_id", k.id}}));
  RETURN_IF_ERROR(SyncOrganisation(tx, k, who.actor(), k.updated_at));
  return k;
}

Status CommerceService::DeleteContract(WriteTx& tx, const Principal& who, Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change contracts"));
  ASSIGN_OR_RETURN(Contract k, tx.commerce().GetContract(who.workspace_id, id));
  RETURN_IF_ERROR(tx.commerce().DeleteContract(who.workspace_id, id));
  return RecordChange(tx, who.workspace_id, who.actor(), "contract.deleted", "contract", id,
                      {{"number", {k.number, nullptr}}}, clock_.Now(), "contract.deleted",
                      {{"contract_id", id}});
}

Result<int> CommerceService::SyncContractTiers(WriteTx& tx, Id ws) const {
  ASSIGN_OR_RETURN(std::string today, Today(tx, ws));
  ASSIGN_OR_RETURN(auto contracts, tx.commerce().ListContractsOutOfStep(ws, today, 500));
  const Millis now = clock_.Now();
  for (const Contract& k : contracts) {
    RETURN_IF_ERROR(SyncOrganisation(tx, k, SystemActor(), now));
  }
  return static_cast<int>(contracts.size());
}

// ---- documents ----

Result<std::string> CommerceService::StoreDocument(std::string_view bytes) const {
  if (bytes.size() > kMaxDocumentBytes) {
    return InvalidArgument("the file is larger than 10 MB").WithField("file", "is larger than 10 MB");
  }
  if (bytes.substr(0, 5) != "%PDF-") {
    return InvalidArgument("the file is not a PDF").WithField("file", "must be a PDF");
  }
  return blobs_.Put(bytes);
}

Result<std::string> CommerceService::ReadDocument(const std::string& sha256) const {
  return blobs_.Get(sha256);
}

Result<Invoice> CommerceService::SetInvoicePdf(WriteTx& tx, const Principal& who, Id id,
                                               std::optional<std::string> sha256) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change invoices"));
  ASSIGN_OR_RETURN(Invoice i, tx.commerce().GetInvoice(who.workspace_id, id));
  const std::string before = i.pdf_sha256;
  i.pdf_sha256 = sha256.value_or("");
  if (i.pdf_sha256 == before) return i;
  i.updated_at = clock_.Now();
  i.version += 1;
  RETURN_IF_ERROR(tx.commerce().UpdateInvoice(i));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "invoice.updated", "invoice",
                               i.id,
                               {{"pdf", {before.empty() ? "generated" : "uploaded",
                                         i.pdf_sha256.empty() ? "generated" : "uploaded"}}},
                               i.updated_at, "invoice.updated", {{"invoice_id", i.id}}));
  return i;
}

Result<Contract> CommerceService::SetContractDocument(WriteTx& tx, const Principal& who, Id id,
                                                      std::optional<std::string> sha256) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change contracts"));
  ASSIGN_OR_RETURN(Contract k, tx.commerce().GetContract(who.workspace_id, id));
  const std::string before = k.document_sha256;
  k.document_sha256 = sha256.value_or("");
  if (k.document_sha256 == before) return k;
  k.updated_at = clock_.Now();
  k.version += 1;
  RETURN_IF_ERROR(tx.commerce().UpdateContract(k));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "contract.updated", "contract",
                               k.id, {{"document", {!before.empty(), !k.document_sha256.empty()}}},
                               k.updated_at, "contract.updated", {{"contract_id", k.id}}));
  return k;
}

// ---- beside a ticket ----

Result<CommerceSummary> CommerceService::ContactSummary(ReadTx& tx, const Principal& who,
                                                        Id contact_id) const {
  const Id ws = who.workspace_id;
  ASSIGN_OR_RETURN(domain::Contact c, tx.GetContact(ws, contact_id));
  CommerceSummary out;
  CommerceFilter f;
  f.owner.contact_id = contact_id;
  ASSIGN_OR_RETURN(out.orders, tx.commerce().ListOrders(ws, f, std::nullopt, kSummarySize));
  ASSIGN_OR_RETURN(out.invoices, SummaryInvoices(tx, ws, f.owner));
  if (c.organisation_id) {
    ASSIGN_OR_RETURN(std::string today, Today(tx, ws));
    ASSIGN_OR_RETURN(out.contracts, OrganisationContracts(tx, ws, *c.organisation_id, today));
  }
  return out;
}

Result<CommerceSummary> CommerceService::OrganisationSummary(ReadTx& tx, const Principal& who,
                                                             Id organisation_id) const {
  const Id ws = who.workspace_id;
  RETURN_IF_ERROR(tx.GetOrganisation(ws, organisation_id).status());
  CommerceSummary out;
  CommerceFilter f;
  f.owner.organisation_id = organisation_id;
  ASSIGN_OR_RETURN(out.orders, tx.commerce().ListOrders(ws, f, std::nullopt, kSummarySize));
  ASSIGN_OR_RETURN(out.invoices, SummaryInvoices(tx, ws, f.owner));
  ASSIGN_OR_RETURN(std::string today, Today(tx, ws));
  ASSIGN_OR_RETURN(out.contracts, OrganisationContracts(tx, ws, organisation_id, today));
  return out;
}

// ---- tickets ----

Result<std::vector<LinkedOrder>> CommerceService::TicketOrders(ReadTx& tx, const Principal& who,
                                                               Id ticket_id) const {
  const Id ws = who.workspace_id;
  RETURN_IF_ERROR(tx.GetTicket(ws, ticket_id).status());
  ASSIGN_OR_RETURN(auto links, tx.commerce().ListTicketOrders(ws, ticket_id));
  std::vector<LinkedOrder> out;
  for (const CommerceLink& l : links) {
    ASSIGN_OR_RETURN(Order o, tx.commerce().GetOrder(ws, l.target_id));
    out.push_back({std::move(o), l});
  }
  return out;
}

Result<std::vector<LinkedInvoice>> CommerceService::TicketInvoices(ReadTx& tx,
                                                                   const Principal& who,
                                                                   Id ticket_id) const {
  const Id ws = who.workspace_id;
  RETURN_IF_ERROR(tx.GetTicket(ws, ticket_id).status());
  ASSIGN_OR_RETURN(auto links, tx.commerce().ListTicketInvoices(ws, ticket_id));
  std::vector<LinkedInvoice> out;
  for (const CommerceLink& l : links) {
    ASSIGN_OR_RETURN(Invoice i, tx.commerce().GetInvoice(ws, l.target_id));
    out.push_back({std::move(i), l});
  }
  return out;
}

namespace {

// The id a link body names: {"<id_key>"} or {"number"}; `find` looks a number up.
template <typename Find>
Result<Id> LinkTarget(const json& body, const char* id_key, const char* what, Find find) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  domain::JsonInput in(body);
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (it.key() != id_key && it.key() != "number") in.Error(it.key(), "is not a member of a link");
  }
  int64_t id = 0;
  if (in.Int(id_key, &id)) {
    if (in.Has("number")) in.Error("number", std::string("give ") + id_key + " or number");
    RETURN_IF_ERROR(in.status());
    return id;
  }
  std::string number;
  commerce_input::ReadNumber(&in, "number", &number, true);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(std::optional<Id> found, find(number));
  if (!found) return NotFound(std::string("there is no ") + what + " " + number);
  return *found;
}

}  // namespace

Result<LinkedOrder> CommerceService::LinkOrder(WriteTx& tx, const Principal& who, Id ticket_id,
                                               const json& body, bool* created) const {
  const Id ws = who.workspace_id;
  RETURN_IF_ERROR(tx.GetTicket(ws, ticket_id).status());
  ASSIGN_OR_RETURN(Id id, LinkTarget(body, "order_id", "order",
                                     [&](const std::string& n) -> Result<std::optional<Id>> {
                                       ASSIGN_OR_RETURN(auto v,
                                                        tx.commerce().FindOrdersByNumbers(ws, {n}));
                                       if (v.empty()) return std::optional<Id>();
                                       return std::optional<Id>(v[0].id);
                                     }));
  ASSIGN_OR_RETURN(Order o, tx.commerce().GetOrder(ws, id));
  const Millis now = clock_.Now();
  ASSIGN_OR_RETURN(*created, tx.commerce().LinkTicketOrder(ws, ticket_id, o.id, "agent", now));
  if (*created) {
    RETURN_IF_ERROR(RecordChange(tx, ws, who.actor(), "ticket.order_linked", "ticket", ticket_id,
                                 {{"orders", {nullptr, o.number}}}, now, "ticket.updated",
                                 {{"ticket_id", ticket_id}}));
  }
  ASSIGN_OR_RETURN(auto links, tx.commerce().ListTicketOrders(ws, ticket_id));
  for (const CommerceLink& l : links) {
    if (l.target_id == o.id) return LinkedOrder{std::move(o), l};
  }
  return Internal("the link just written is not there");
}

Status CommerceService::UnlinkOrder(WriteTx& tx, const Principal& who, Id ticket_id,
                                    Id order_id) const {
  const Id ws = who.workspace_id;
  RETURN_IF_ERROR(tx.GetTicket(ws, ticket_id).status());
  ASSIGN_OR_RETURN(Order o, tx.commerce().GetOrder(ws, order_id));
  RETURN_IF_ERROR(tx.commerce().UnlinkTicketOrder(ws, ticket_id, order_id));
  return RecordChange(tx, ws, who.actor(), "ticket.order_unlinked", "ticket", ticket_id,
                      {{"orders", {o.number, nullptr}}}, clock_.Now(), "ticket.updated",
                      {{"ticket_id", ticket_id}});
}

Result<LinkedInvoice> CommerceService::LinkInvoice(WriteTx& tx, const Principal& who,
                                                   Id ticket_id, const json& body,
                                                   bool* created) const {
  const Id ws = who.workspace_id;
  RETURN_IF_ERROR(tx.GetTicket(ws, ticket_id).status());
  ASSIGN_OR_RETURN(Id id, LinkTarget(body, "invoice_id", "invoice",
                                     [&](const std::string& n) -> Result<std::optional<Id>> {
                                       ASSIGN_OR_RETURN(
                                           auto v, tx.commerce().FindInvoicesByNumbers(ws, {n}));
                                       if (v.empty()) return std::optional<Id>();
                                       return std::optional<Id>(v[0].id);
                                     }));
  ASSIGN_OR_RETURN(Invoice i, tx.commerce().GetInvoice(ws, id));
  const Millis now = clock_.Now();
  ASSIGN_OR_RETURN(*created, tx.commerce().LinkTicketInvoice(ws, ticket_id, i.id, "agent", now));
  if (*created) {
    RETURN_IF_ERROR(RecordChange(tx, ws, who.actor(), "ticket.invoice_linked", "ticket",
                                 ticket_id, {{"invoices", {nullptr, i.number}}}, now,
                                 "ticket.updated", {{"ticket_id", ticket_id}}));
  }
  ASSIGN_OR_RETURN(auto links, tx.commerce().ListTicketInvoices(ws, ticket_id));
  for (const CommerceLink& l : links) {
    if (l.target_id == i.id) return LinkedInvoice{std::move(i), l};
  }
  return Internal("the link just written is not there");
}

Status CommerceService::UnlinkInvoice(WriteTx& tx, const Principal& who, Id ticket_id,
                                      Id invoice_id) const {
  const Id ws = who.workspace_id;
  RETURN_IF_ERROR(tx.GetTicket(ws, ticket_id).status());
  ASSIGN_OR_RETURN(Invoice i, tx.commerce().GetInvoice(ws, invoice_id));
  RETURN_IF_ERROR(tx.commerce().UnlinkTicketInvoice(ws, ticket_id, invoice_id));
  return RecordChange(tx, ws, who.actor(), "ticket.invoice_unlinked", "ticket", ticket_id,
                      {{"invoices", {i.number, nullptr}}}, clock_.Now(), "ticket.updated",
                      {{"ticket_id", ticket_id}});
}

Status LinkCommerceInText(WriteTx& tx, Id ws, Id ticket_id, std::string_view text, Millis now) {
  ASSIGN_OR_RETURN(CommerceSettings settings, tx.commerce().GetCommerceSettings(ws));
  std::vector<std::string> numbers;
  for (const std::string& w :
       ReferenceWords(text, {settings.order_pattern, settings.invoice_pattern}, 5, true)) {
    auto n = domain::NormaliseReference(w);
    if (n.ok() && std::find(numbers.begin(), numbers.end(), *n) == numbers.end()) {
      numbers.push_back(*n);
    }
    if (numbers.size() >= kMaxCandidates) break;
  }
  if (numbers.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(auto orders, tx.commerce().FindOrdersByNumbers(ws, numbers));
  for (const Order& o : orders) {
    RETURN_IF_ERROR(tx.commerce().LinkTicketOrder(ws, ticket_id, o.id, "auto", now).status());
  }
  ASSIGN_OR_RETURN(auto invoices, tx.commerce().FindInvoicesByNumbers(ws, numbers));
  for (const Invoice& i : invoices) {
    RETURN_IF_ERROR(tx.commerce().LinkTicketInvoice(ws, ticket_id, i.id, "auto", now).status());
  }
  return Status::Ok();
}

// ---- settings ----

Result<CommerceSettings> CommerceService::Settings(ReadTx& tx, const Principal& who) const {
  return tx.commerce().GetCommerceSettings(who.workspace_id);
}

Result<CommerceSettings> CommerceService::PutSettings(WriteTx& tx, const Principal& who,
                                                      const json& body,
                                                      std::optional<int64_t> if_match) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change commerce settings"));
  RETURN_IF_ERROR(domain::RequireObject(body));
  ASSIGN_OR_RETURN(CommerceSettings before, tx.commerce().GetCommerceSettings(who.workspace_id));
  if (if_match && *if_match != before.version) {
    return Stale("commerce settings of workspace", who.workspace_id, *if_match, before.version);
  }
  CommerceSettings s = before;
  domain::JsonInput in(body);
  commerce_input::ReadPatterns(body, &in, &s.order_pattern, &s.invoice_pattern);
  RETURN_IF_ERROR(in.status());
  json changes = json::object();
  DiffField(&changes, "order_pattern", before.order_pattern, s.order_pattern);
  DiffField(&changes, "invoice_pattern", before.invoice_pattern, s.invoice_pattern);
  if (changes.empty() && before.version > 0) return before;
  s.updated_at = clock_.Now();
  s.version = before.version + 1;
  RETURN_IF_ERROR(tx.commerce().PutCommerceSettings(s));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "commerce_settings.updated",
                               "workspace", who.workspace_id, changes, s.updated_at));
  return s;
}

// ---- the portal ----

Result<CommerceSummary> CommerceService::CustomerSummary(ReadTx& tx,
                                                         const domain::Contact& c) const {
  const Id ws = c.workspace_id;
  CommerceSummary out;
  CommerceFilter f;
  f.owner = CustomerOwner(c);
  ASSIGN_OR_RETURN(out.orders, tx.commerce().ListOrders(ws, f, std::nullopt, kSummarySize));
  ASSIGN_OR_RETURN(out.invoices, SummaryInvoices(tx, ws, f.owner));
  if (f.owner.organisation_id) {
    ASSIGN_OR_RETURN(std::string today, Today(tx, ws));
    ASSIGN_OR_RETURN(out.contracts, OrganisationContracts(tx, ws, *f.owner.organisation_id, today));
    // Customers see contracts in force or about to start, not old ones.
    std::erase_if(out.contracts, [&](const Contract& k) {
      return domain::ContractState(k, today) == "expired";
    });
  }
  return out;
}

Result<Order> CommerceService::CustomerOrder(ReadTx& tx, const domain::Contact& c, Id id) const {
  auto o = tx.commerce().GetOrder(c.workspace_id, id);
  if (!o.ok()) return o.status();
  if (!CustomerMaySee(c, o->contact_id, o->organisation_id)) return NotFound("no such order");
  return o;
}

Result<Invoice> CommerceService::CustomerInvoice(ReadTx& tx, const domain::Contact& c,
                                                 Id id) const {
  auto i = tx.commerce().GetInvoice(c.workspace_id, id);
  if (!i.ok()) return i.status();
  if (!CustomerMaySee(c, i->contact_id, i->organisation_id) ||
      i->status == domain::InvoiceStatus::kVoid) {
    return NotFound("no such invoice");
  }
  return i;
}

Result<Contract> CommerceService::CustomerContract(ReadTx& tx, const domain::Contact& c,
                                                   Id id) const {
  auto k = tx.commerce().GetContract(c.workspace_id, id);
  if (!k.ok()) return k.status();
  if (!CustomerMaySee(c, std::nullopt, k->organisation_id)) return NotFound("no such contract");
  return k;
}

Status CommerceService::RecordInvoiceDownload(WriteTx& tx, const domain::Contact& c,
                                              const Invoice& i) const {
  return RecordChange(tx, c.workspace_id, ContactActor(c), "invoice.downloaded", "contact", c.id,
                      {{"invoice", {nullptr, i.number}}}, clock_.Now());
}

Result<domain::Ticket> CommerceService::RequestContractCopy(WriteTx& tx, const domain::Contact& c,
                                                            Id id, const std::string& subject,
                                                            const std::string& body) const {
  ASSIGN_OR_RETURN(Contract k, CustomerContract(tx, c, id));
  TicketCreate in;
  in.subject = subject;
  in.message.body = body;
  in.message.channel = domain::Channel::kPortal;
  in.requester.id = c.id;
  in.channel = domain::Channel::kPortal;
  in.language = c.language;
  in.tags = {"contract-copy"};
  in.assignee_id = k.account_manager_id;
  Principal p;
  p.workspace_id = c.workspace_id;
  p.via = Principal::Via::kCli;
  p.name = c.name;
  ASSIGN_OR_RETURN(domain::Ticket t, tickets_.Create(tx, p, in));
  RETURN_IF_ERROR(NotifyInboundTicket(tx, tickets_, t));
  RETURN_IF_ERROR(RecordChange(tx, c.workspace_id, ContactActor(c), "contract.copy_requested",
                               "contact", c.id,
                               {{"contract", {nullptr, k.number}}, {"ticket_id", {nullptr, t.id}}},
                               clock_.Now()));
  return t;
}

}  // namespace sahayak::services
