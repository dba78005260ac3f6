// Orders, invoices, contracts and their ticket links (migration 0015).
#include "store/sqlite/tx_commerce.h"

#include "store/sqlite/rows.h"

namespace sahayak::store {

namespace {

using domain::Contract;
using domain::Id;
using domain::Invoice;
using domain::Order;

void BindOptText(Stmt& s, int i, const std::optional<std::string>& v) {
  if (v) {
    s.Bind(i, *v);
  } else {
    s.BindNull(i);
  }
}

Status Taken(const Status& st, const char* what, const std::string& number) {
  if (st.code() != Code::kAlreadyExists) return st;
  return AlreadyExists(std::string("the workspace already has ") + what + " " + number)
      .WithField("number", "is taken");
}

Status OneRow(Connection* c, const char* what, Id id) {
  if (c->Changes() == 0) return NotFound(std::string(what) + " " + std::to_string(id));
  return Status::Ok();
}

// "?, ?, …" for n values, starting at parameter `first`.
std::string Placeholders(size_t n, int first) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i) out += ", ";
    out += "?" + std::to_string(first + static_cast<int>(i));
  }
  return out;
}

// The owner clause: a contact's own, an organisation's, or either of both.
std::string OwnerWhere(const services::CommerceOwner& o, const char* alias) {
  const std::string a(alias);
  if (o.contact_id && o.organisation_id) {
    return " AND (" + a + ".contact_id = ?2 OR " + a + ".organisation_id = ?3)";
  }
  if (o.contact_id) return " AND " + a + ".contact_id = ?2";
  if (o.organisation_id) return " AND " + a + ".organisation_id = ?3";
  return "";
}

void BindOwner(Stmt& s, const services::CommerceOwner& o) {
  if (o.contact_id) s.Bind(2, *o.contact_id);
  if (o.organisation_id) s.Bind(3, *o.organisation_id);
}

// ---- orders ----

constexpr const char* kOrderColumns =
    "o.id, o.workspace_id, o.number, o.contact_id, o.organisation_id, o.status, "
    "o.payment_status, o.currency, o.items, o.subtotal, o.shipping, o.discount, o.tax, o.total, "
    "o.placed_at, o.created_at, o.updated_at, o.version ";

Order ReadOrder(const Stmt& s) {
  Order o;
  o.id = s.Int(0);
  o.workspace_id = s.Int(1);
  o.number = s.Text(2);
  o.contact_id = s.OptInt(3);
  o.organisation_id = s.OptInt(4);
  o.status = domain::ParseOrderStatus(s.Text(5)).value_or(domain::OrderStatus::kPlaced);
  o.payment_status =
      domain::ParsePaymentStatus(s.Text(6)).value_or(domain::PaymentStatus::kPending);
  o.currency = s.Text(7);
  o.items = domain::ItemsFromJsonText(s.Text(8));
  o.subtotal = s.Int(9);
  o.shipping = s.Int(10);
  o.discount = s.Int(11);
  o.tax = s.Int(12);
  o.total = s.Int(13);
  o.placed_at = s.Int(14);
  o.created_at = s.Int(15);
  o.updated_at = s.Int(16);
  o.version = s.Int(17);
  return o;
}

// Binds the changeable columns at 1..15.
void BindOrder(Stmt& s, const Order& o) {
  s.Bind(1, o.contact_id).Bind(2, o.organisation_id);
  s.Bind(3, domain::OrderStatusName(o.status)).Bind(4, domain::PaymentStatusName(o.payment_status));
  s.Bind(5, o.currency).Bind(6, domain::ItemsToJsonText(o.items));
  s.Bind(7, o.subtotal).Bind(8, o.shipping).Bind(9, o.discount).Bind(10, o.tax);
  s.Bind(11, o.total).Bind(12, o.placed_at).Bind(13, o.updated_at).Bind(14, o.version);
}

// ---- invoices ----

constexpr const char* kInvoiceColumns =
    "i.id, i.workspace_id, i.number, i.contact_id, i.organisation_id, i.order_number, "
    "i.currency, i.bill_to, i.tax_id, i.lines, i.subtotal, i.tax, i.total, i.amount_paid, "
    "i.issued_on, i.due_on, i.status, i.pdf_sha256, i.created_at, i.updated_at, i.version ";

Invoice ReadInvoice(const Stmt& s) {
  Invoice i;
  i.id = s.Int(0);
  i.workspace_id = s.Int(1);
  i.number = s.Text(2);
  i.contact_id = s.OptInt(3);
  i.organisation_id = s.OptInt(4);
  i.order_number = s.Text(5);
  i.currency = s.Text(6);
  i.bill_to = s.Text(7);
  i.tax_id = s.Text(8);
  i.lines = domain::LinesFromJsonText(s.Text(9));
  i.subtotal = s.Int(10);
  i.tax = s.Int(11);
  i.total = s.Int(12);
  i.amount_paid = s.Int(13);
  i.issued_on = s.Text(14);
  i.due_on = s.Text(15);
  i.status = domain::ParseInvoiceStatus(s.Text(16)).value_or(domain::InvoiceStatus::kIssued);
  i.pdf_sha256 = s.Text(17);
  i.created_at = s.Int(18);
  i.updated_at = s.Int(19);
  i.version = s.Int(20);
  return i;
}

// Binds the changeable columns at 1..17.
void BindInvoice(Stmt& s, const Invoice& i) {
  s.Bind(1, i.contact_id).Bind(2, i.organisation_id).Bind(3, i.order_number);
  s.Bind(4, i.currency).Bind(5, i.bill_to).Bind(6, i.tax_id);
  s.Bind(7, domain::LinesToJsonText(i.lines)).Bind(8, i.subtotal).Bind(9, i.tax);
  s.Bind(10, i.total).Bind(11, i.amount_paid).Bind(12, i.issued_on).Bind(13, i.due_on);
  s.Bind(14, domain::InvoiceStatusName(i.status)).Bind(15, i.pdf_sha256);
  s.Bind(16, i.updated_at).Bind(17, i.version);
}

// ---- contracts ----

constexpr const char* kContractColumns =
    "k.id, k.workspace_id, k.number, k.organisation_id, k.plan, k.tier, k.sla_tier, "
    "k.start_on, k.end_on, k.renewal_on, k.account_manager_id, k.notes, k.document_sha256, "
    "k.created_at, k.updated_at, k.version ";

Contract ReadContract(const Stmt& s) {
  Contract k;
  k.id = s.Int(0);
  k.workspace_id = s.Int(1);
  k.number = s.Text(2);
  k.organisation_id = s.Int(3);
  k.plan = s.Text(4);
  k.tier = domain::ParseTier(s.Text(5)).value_or(domain::Tier::kStandard);
  k.sla_tier = domain::ParseTier(s.Text(6)).value_or(domain::Tier::kStandard);
  k.start_on = s.Text(7);
  k.end_on = s.OptText(8);
  k.renewal_on = s.OptText(9);
  k.account_manager_id = s.OptInt(10);
  k.notes = s.Text(11);
  k.document_sha256 = s.Text(12);
  k.created_at = s.Int(13);
  k.updated_at = s.Int(14);
  k.version = s.Int(15);
  return k;
}

// Binds the changeable columns at 1..12.
void BindContract(Stmt& s, const Contract& k) {
  s.Bind(1, k.organisation_id).Bind(2, k.plan).Bind(3, domain::Name(k.tier));
  s.Bind(4, domain::Name(k.sla_tier)).Bind(5, k.start_on);
  BindOptText(s, 6, k.end_on);
  BindOptText(s, 7, k.renewal_on);
  s.Bind(8, k.account_manager_id).Bind(9, k.notes).Bind(10, k.document_sha256);
  s.Bind(11, k.updated_at).Bind(12, k.version);
}

Result<std::vector<services::CommerceLink>> Links(Stmt& s) {
  std::vector<services::CommerceLink> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back({s.Int(0), s.Int(1), s.Text(2), s.Int(3)});
  }
  return out;
}

}  // namespace

// ---- orders ----

Result<Order> SqliteCommerceTx::GetOrder(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kOrderColumns +
                                       "FROM orders o WHERE o.workspace_id = ? AND o.id = ?"));
  s.Bind(1, ws).Bind(2, id);
  return ReadOne<Order>(s, ReadOrder, "order", id);
}

Result<std::vector<Order>> SqliteCommerceTx::ListOrders(Id ws, const services::CommerceFilter& f,
                                                        std::optional<Id> before, int limit) {
  std::string sql = std::string("SELECT ") + kOrderColumns + "FROM orders o WHERE o.workspace_id = ?1" +
                    OwnerWhere(f.owner, "o");
  if (f.number) sql += " AND o.number = ?4";
  sql += " AND (?5 IS NULL OR o.id < ?5) ORDER BY o.id DESC LIMIT ?6";
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(sql));
  s.Bind(1, ws);
  BindOwner(s, f.owner);
  if (f.number) s.Bind(4, *f.number);
  s.Bind(5, before).Bind(6, limit);
  return ReadAll<Order>(s, ReadOrder);
}

Result<std::vector<Order>> SqliteCommerceTx::FindOrdersByNumbers(
    Id ws, const std::vector<std::string>& numbers) {
  if (numbers.empty()) return std::vector<Order>();
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kOrderColumns +
                                       "FROM orders o WHERE o.workspace_id = ?1 AND o.number IN (" +
                                       Placeholders(numbers.size(), 2) + ") ORDER BY o.id"));
  s.Bind(1, ws);
  for (size_t i = 0; i < numbers.size(); ++i) s.Bind(static_cast<int>(i) + 2, numbers[i]);
  return ReadAll<Order>(s, ReadOrder);
}

Status SqliteCommerceTx::InsertOrder(Order* o) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT INTO orders (contact_id, organisation_id, status, payment_status, currency, items, "
      "subtotal, shipping, discount, tax, total, placed_at, updated_at, version, workspace_id, "
      "number, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  BindOrder(s, *o);
  s.Bind(15, o->workspace_id).Bind(16, o->number).Bind(17, o->created_at);
  RETURN_IF_ERROR(Taken(s.Exec(), "an order", o->number));
  o->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteCommerceTx::UpdateOrder(const Order& o) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "UPDATE orders SET contact_id = ?, organisation_id = ?, status = ?, payment_status = ?, "
      "currency = ?, items = ?, subtotal = ?, shipping = ?, discount = ?, tax = ?, total = ?, "
      "placed_at = ?, updated_at = ?, version = ? WHERE workspace_id = ? AND id = ?"));
  BindOrder(s, o);
  s.Bind(15, o.workspace_id).Bind(16, o.id);
  RETURN_IF_ERROR(s.Exec());
  return OneRow(c_, "order", o.id);
}

Status SqliteCommerceTx::DeleteOrder(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM orders WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(s.Exec());
  return OneRow(c_, "order", id);
}

// ---- invoices ----

Result<Invoice> SqliteCommerceTx::GetInvoice(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kInvoiceColumns +
                                       "FROM invoices i WHERE i.workspace_id = ? AND i.id = ?"));
  s.Bind(1, ws).Bind(2, id);
  return ReadOne<Invoice>(s, ReadInvoice, "invoice", id);
}

Result<std::vector<Invoice>> SqliteCommerceTx::ListInvoices(Id ws,
                                                            const services::CommerceFilter& f,
                                                            std::optional<Id> before,
                                                            int limit) {
  std::string sql = std::string("SELECT ") + kInvoiceColumns +
                    "FROM invoices i WHERE i.workspace_id = ?1" + OwnerWhere(f.owner, "i");
  if (f.number) sql += " AND i.number = ?4";
  // The states of domain::InvoiceState, in SQL.
  if (f.invoice_state == "paid") {
    sql += " AND (i.status = 'paid' OR (i.status = 'issued' AND i.amount_paid >= i.total))";
  } else if (f.invoice_state == "void") {
    sql += " AND i.status = 'void'";
  } else if (f.invoice_state == "overdue") {
    sql += " AND i.status = 'issued' AND i.amount_paid < i.total AND i.due_on < ?7";
  } else if (f.invoice_state == "open") {
    sql += " AND i.status = 'issued' AND i.amount_paid < i.total AND i.due_on >= ?7";
  }
  sql += " AND (?5 IS NULL OR i.id < ?5) ORDER BY i.id DESC LIMIT ?6";
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(sql));
  s.Bind(1, ws);
  BindOwner(s, f.owner);
  if (f.number) s.Bind(4, *f.number);
  if (f.invoice_state == "overdue" || f.invoice_state == "open") s.Bind(7, f.today);
  s.Bind(5, before).Bind(6, limit);
  return ReadAll<Invoice>(s, ReadInvoice);
}

Result<std::vector<Invoice>> SqliteCommerceTx::ListUnpaidInvoices(Id ws,
                                                                  const services::CommerceOwner& o,
                                                                  int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      std::string("SELECT ") + kInvoiceColumns + "FROM invoices i WHERE i.workspace_id = ?1" +
      OwnerWhere(o, "i") +
      " AND i.status = 'issued' AND i.amount_paid < i.total ORDER BY i.due_on, i.id LIMIT ?4"));
  s.Bind(1, ws);
  BindOwner(s, o);
  s.Bind(4, limit);
  return ReadAll<Invoice>(s, ReadInvoice);
}

Result<std::vector<Invoice>> SqliteCommerceTx::FindInvoicesByNumbers(
    Id ws, const std::vector<std::string>& numbers) {
  if (numbers.empty()) return std::vector<Invoice>();
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      std::string("SELECT ") + kInvoiceColumns +
      "FROM invoices i WHERE i.workspace_id = ?1 AND i.number IN (" +
      Placeholders(numbers.size(), 2) + ") ORDER BY i.id"));
  s.Bind(1, ws);
  for (size_t i = 0; i < numbers.size(); ++i) s.Bind(static_cast<int>(i) + 2, numbers[i]);
  return ReadAll<Invoice>(s, ReadInvoice);
}

Status SqliteCommerceTx::InsertInvoice(Invoice* i) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT INTO invoices (contact_id, organisation_id, order_number, currency, bill_to, "
      "tax_id, lines, subtotal, tax, total, amount_paid, issued_on, due_on, status, pdf_sha256, "
      "updated_at, version, workspace_id, number, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  BindInvoice(s, *i);
  s.Bind(18, i->workspace_id).Bind(19, i->number).Bind(20, i->created_at);
  RETURN_IF_ERROR(Taken(s.Exec(), "an invoice", i->number));
  i->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteCommerceTx::UpdateInvoice(const Invoice& i) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "UPDATE invoices SET contact_id = ?, organisation_id = ?, order_number = ?, currency = ?, "
      "bill_to = ?, tax_id = ?, lines = ?, subtotal = ?, tax = ?, total = ?, amount_paid = ?, "
      "issued_on = ?, due_on = ?, status = ?, pdf_sha256 = ?, updated_at = ?, version = ? "
      "WHERE workspace_id = ? AND id = ?"));
  BindInvoice(s, i);
  s.Bind(18, i.workspace_id).Bind(19, i.id);
  RETURN_IF_ERROR(s.Exec());
  return OneRow(c_, "invoice", i.id);
}

Status SqliteCommerceTx::DeleteInvoice(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM invoices WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(s.Exec());
  return OneRow(c_, "invoice", id);
}

// ---- contracts ----

Result<Contract> SqliteCommerceTx::GetContract(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kContractColumns +
                                       "FROM contracts k WHERE k.workspace_id = ? AND k.id = ?"));
  s.Bind(1, ws).Bind(2, id);
  return ReadOne<Contract>(s, ReadContract, "contract", id);
}

Result<std::vector<Contract>> SqliteCommerceTx::ListContracts(Id ws,
                                                              const services::CommerceFilter& f,
                                                              std::optional<Id> before,
                                                              int limit) {
  // Contracts belong to organisations only: a contact filter alone matches none.
  if (f.owner.contact_id && !f.owner.organisation_id) return std::vector<Contract>();
  std::string sql = std::string("SELECT ") + kContractColumns +
                    "FROM contracts k WHERE k.workspace_id = ?1";
  if (f.owner.organisation_id) sql += " AND k.organisation_id = ?3";
  if (f.number) sql += " AND k.number = ?4";
  sql += " AND (?5 IS NULL OR k.id < ?5) ORDER BY k.id DESC LIMIT ?6";
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(sql));
  s.Bind(1, ws);
  if (f.owner.organisation_id) s.Bind(3, *f.owner.organisation_id);
  if (f.number) s.Bind(4, *f.number);
  s.Bind(5, before).Bind(6, limit);
  return ReadAll<Contract>(s, ReadContract);
}

Result<std::vector<Contract>> SqliteCommerceTx::ListContractsOutOfStep(Id ws,
                                                                       std::string_view today,
                                                                       int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      std::string("SELECT ") + kContractColumns +
      "FROM contracts k JOIN organisations o ON o.id = k.organisation_id "
      "WHERE k.workspace_id = ?1 AND k.start_on <= ?2 AND (k.end_on IS NULL OR k.end_on >= ?2) "
      "AND NOT EXISTS (SELECT 1 FROM contracts n WHERE n.workspace_id = k.workspace_id "
      "  AND n.organisation_id = k.organisation_id AND n.start_on <= ?2 "
      "  AND (n.end_on IS NULL OR n.end_on >= ?2) "
      "  AND (n.start_on > k.start_on OR (n.start_on = k.start_on AND n.id > k.id))) "
      "AND (o.tier != k.tier OR (k.account_manager_id IS NOT NULL "
      "  AND o.account_manager_id IS NOT k.account_manager_id)) "
      "ORDER BY k.id LIMIT ?3"));
  s.Bind(1, ws).Bind(2, today).Bind(3, limit);
  return ReadAll<Contract>(s, ReadContract);
}

Status SqliteCommerceTx::InsertContract(Contract* k) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT INTO contracts (organisation_id, plan, tier, sla_tier, start_on, end_on, "
      "renewal_on, account_manager_id, notes, document_sha256, updated_at, version, "
      "workspace_id, number, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  BindContract(s, *k);
  s.Bind(13, k->workspace_id).Bind(14, k->number).Bind(15, k->created_at);
  RETURN_IF_ERROR(Taken(s.Exec(), "a contract", k->number));
  k->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteCommerceTx::UpdateContract(const Contract& k) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "UPDATE contracts SET organisation_id = ?, plan = ?, tier = ?, sla_tier = ?, start_on = ?, "
      "end_on = ?, renewal_on = ?, account_manager_id = ?, notes = ?, document_sha256 = ?, "
      "updated_at = ?, version = ? WHERE workspace_id = ? AND id = ?"));
  BindContract(s, k);
  s.Bind(13, k.workspace_id).Bind(14, k.id);
  RETURN_IF_ERROR(s.Exec());
  return OneRow(c_, "contract", k.id);
}

Status SqliteCommerceTx::DeleteContract(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM contracts WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(s.Exec());
  return OneRow(c_, "contract", id);
}

// ---- ticket links ----

Result<std::vector<services::CommerceLink>> SqliteCommerceTx::ListTicketOrders(Id ws,
                                                                               Id ticket_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "SELECT ticket_id, order_id, linked_by, linked_at FROM ticket_orders "
      "WHERE workspace_id = ? AND ticket_id = ? ORDER BY linked_at, order_id"));
  s.Bind(1, ws).Bind(2, ticket_id);
  return Links(s);
}

Result<std::vector<services::CommerceLink>> SqliteCommerceTx::ListTicketInvoices(Id ws,
                                                                                 Id ticket_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "SELECT ticket_id, invoice_id, linked_by, linked_at FROM ticket_invoices "
      "WHERE workspace_id = ? AND ticket_id = ? ORDER BY linked_at, invoice_id"));
  s.Bind(1, ws).Bind(2, ticket_id);
  return Links(s);
}

Result<bool> SqliteCommerceTx::LinkTicketOrder(Id ws, Id ticket_id, Id order_id,
                                               std::string_view by, Millis at) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT OR IGNORE INTO ticket_orders (workspace_id, ticket_id, order_id, linked_by, "
      "linked_at) VALUES (?, ?, ?, ?, ?)"));
  s.Bind(1, ws).Bind(2, ticket_id).Bind(3, order_id).Bind(4, by).Bind(5, at);
  RETURN_IF_ERROR(s.Exec());
  return c_->Changes() > 0;
}

Status SqliteCommerceTx::UnlinkTicketOrder(Id ws, Id ticket_id, Id order_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "DELETE FROM ticket_orders WHERE workspace_id = ? AND ticket_id = ? AND order_id = ?"));
  s.Bind(1, ws).Bind(2, ticket_id).Bind(3, order_id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("the ticket is not linked to that order");
  return Status::Ok();
}

Result<bool> SqliteCommerceTx::LinkTicketInvoice(Id ws, Id ticket_id, Id invoice_id,
                                                 std::string_view by, Millis at) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT OR IGNORE INTO ticket_invoices (workspace_id, ticket_id, invoice_id, linked_by, "
      "linked_at) VALUES (?, ?, ?, ?, ?)"));
  s.Bind(1, ws).Bind(2, ticket_id).Bind(3, invoice_id).Bind(4, by).Bind(5, at);
  RETURN_IF_ERROR(s.Exec());
  return c_->Changes() > 0;
}

Status SqliteCommerceTx::UnlinkTicketInvoice(Id ws, Id ticket_id, Id invoice_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "DELETE FROM ticket_invoices WHERE workspace_id = ? AND ticket_id = ? AND invoice_id = ?"));
  s.Bind(1, ws).Bind(2, ticket_id).Bind(3, invoice_id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("the ticket is not linked to that invoice");
  return Status::Ok();
}

// ---- settings ----

Result<services::CommerceSettings> SqliteCommerceTx::GetCommerceSettings(Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "SELECT order_pattern, invoice_pattern, updated_at, version FROM commerce_settings "
      "WHERE workspace_id = ?"));
  s.Bind(1, ws);
  services::CommerceSettings out;
  out.workspace_id = ws;
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return out;
  out.order_pattern = s.Text(0);
  out.invoice_pattern = s.Text(1);
  out.updated_at = s.Int(2);
  out.version = s.Int(3);
  return out;
}

Status SqliteCommerceTx::PutCommerceSettings(const services::CommerceSettings& x) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT INTO commerce_settings (workspace_id, order_pattern, invoice_pattern, updated_at, "
      "version) VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace_id) DO UPDATE SET "
      "order_pattern = excluded.order_pattern, invoice_pattern = excluded.invoice_pattern, "
      "updated_at = excluded.updated_at, version = excluded.version"));
  s.Bind(1, x.workspace_id).Bind(2, x.order_pattern).Bind(3, x.invoice_pattern);
  s.Bind(4, x.updated_at).Bind(5, x.version);
  return s.Exec();
}

}  // namespace sahayak::store
