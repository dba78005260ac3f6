#include "api/commerce_views.h"

#include "api/portal.h"
#include "base/clock.h"
#include "base/locale_format.h"
#include "domain/shipment.h"

namespace sahayak::api {

using domain::Contract;
using domain::Invoice;
using domain::Order;
using nlohmann::json;

namespace {

json Opt(const std::optional<domain::Id>& v) { return v ? json(*v) : json(nullptr); }
json Opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
std::string Money(int64_t minor) { return domain::FormatMoneyMinor(minor); }

std::string SafeFileName(std::string_view prefix, const std::string& number) {
  std::string out(prefix);
  for (char c : number) out += (c == '/' || c == '.') ? '_' : c;
  return out + ".pdf";
}

}  // namespace

Result<json> OrderJson(ApiContext& ctx, services::ReadTx& tx, const Order& o) {
  json items = json::array();
  for (const domain::OrderItem& it : o.items) {
    items.push_back({{"sku", it.sku},
                     {"name", it.name},
                     {"quantity", it.quantity},
                     {"unit_price", Money(it.unit_price)},
                     {"amount", Money(it.amount)}});
  }
  json shipments = json::array();
  ASSIGN_OR_RETURN(auto parcels, ctx.commerce->OrderShipments(tx, o));
  for (const domain::Shipment& s : parcels) {
    shipments.push_back({{"id", s.id},
                         {"carrier", s.carrier_code},
                         {"tracking_number", s.tracking_number},
                         {"status", domain::ShipmentStatusName(s.status)},
                         {"eta", Opt(s.eta)}});
  }
  return json{{"id", o.id},
              {"number", o.number},
              {"contact_id", Opt(o.contact_id)},
              {"organisation_id", Opt(o.organisation_id)},
              {"status", domain::OrderStatusName(o.status)},
              {"payment_status", domain::PaymentStatusName(o.payment_status)},
              {"currency", o.currency},
              {"items", std::move(items)},
              {"subtotal", Money(o.subtotal)},
              {"shipping", Money(o.shipping)},
              {"discount", Money(o.discount)},
              {"tax", Money(o.tax)},
              {"total", Money(o.total)},
              {"placed_at", FormatRfc3339(o.placed_at)},
              {"shipments", std::move(shipments)},
              {"created_at", FormatRfc3339(o.created_at)},
              {"updated_at", FormatRfc3339(o.updated_at)},
              {"version", o.version}};
}

Result<json> InvoiceJson(ApiContext& ctx, services::ReadTx& tx, const Invoice& i) {
  ASSIGN_OR_RETURN(std::string today, ctx.commerce->Today(tx, i.workspace_id));
  json lines = json::array();
  for (const domain::InvoiceLine& l : i.lines) {
    lines.push_back({{"description", l.description},
                     {"hsn", l.hsn},
                     {"quantity", l.quantity},
                     {"unit_price", Money(l.unit_price)},
                     {"tax_rate", domain::FormatRatePercent(l.tax_rate_bp)},
                     {"amount", Money(l.amount)}});
  }
  const std::string url = "/api/v1/invoices/" + std::to_string(i.id) + "/pdf";
  return json{{"id", i.id},
              {"number", i.number},
              {"contact_id", Opt(i.contact_id)},
              {"organisation_id", Opt(i.organisation_id)},
              {"order_number", i.order_number},
              {"currency", i.currency},
              {"bill_to", i.bill_to},
              {"tax_id", i.tax_id},
              {"lines", std::move(lines)},
              {"subtotal", Money(i.subtotal)},
              {"tax", Money(i.tax)},
              {"total", Money(i.total)},
              {"amount_paid", Money(i.amount_paid)},
              {"balance", Money(std::max<int64_t>(0, i.total - i.amount_paid))},
              {"issued_on", i.issued_on},
              {"due_on", i.due_on},
              {"status", domain::InvoiceStatusName(i.status)},
              {"state", domain::InvoiceState(i, today)},
              {"pdf", {{"source", i.pdf_sha256.empty() ? "generated" : "uploaded"}, {"url", url}}},
              {"created_at", FormatRfc3339(i.created_at)},
              {"updated_at", FormatRfc3339(i.updated_at)},
              {"version", i.version}};
}

Result<json> ContractJson(ApiContext& ctx, services::ReadTx& tx, const Contract& k) {
  ASSIGN_OR_RETURN(std::string today, ctx.commerce->Today(tx, k.workspace_id));
  std::string org_name;
  if (auto o = tx.GetOrganisation(k.workspace_id, k.organisation_id); o.ok()) org_name = o->name;
  json manager = nullptr;
  if (k.account_manager_id) {
    auto a = tx.GetAgent(k.workspace_id, *k.account_manager_id);
    if (a.ok()) manager = {{"id", a->id}, {"name", a->name}};
  }
  json document = nullptr;
  if (!k.document_sha256.empty()) {
    document = {{"url", "/api/v1/contracts/" + std::to_string(k.id) + "/document"}};
  }
  return json{{"id", k.id},
              {"number", k.number},
              {"organisation_id", k.organisation_id},
              {"organisation_name", org_name},
              {"plan", k.plan},
              {"tier", domain::Name(k.tier)},
              {"sla_tier", domain::Name(k.sla_tier)},
              {"start_on", k.start_on},
              {"end_on", Opt(k.end_on)},
              {"renewal_on", Opt(k.renewal_on)},
              {"state", domain::ContractState(k, today)},
              {"account_manager_id", Opt(k.account_manager_id)},
              {"account_manager", std::move(manager)},
              {"notes", k.notes},
              {"document", std::move(document)},
              {"created_at", FormatRfc3339(k.created_at)},
              {"updated_at", FormatRfc3339(k.updated_at)},
              {"version", k.version}};
}

Result<json> SummaryJson(ApiContext& ctx, services::ReadTx& tx,
                         const services::CommerceSummary& s) {
  json orders = json::array(), invoices = json::array(), contracts = json::array();
  for (const Order& o : s.orders) {
    ASSIGN_OR_RETURN(json j, OrderJson(ctx, tx, o));
    orders.push_back(std::move(j));
  }
  for (const Invoice& i : s.invoices) {
    ASSIGN_OR_RETURN(json j, InvoiceJson(ctx, tx, i));
    invoices.push_back(std::move(j));
  }
  for (const Contract& k : s.contracts) {
    ASSIGN_OR_RETURN(json j, ContractJson(ctx, tx, k));
    contracts.push_back(std::move(j));
  }
  return json{{"orders", std::move(orders)},
              {"invoices", std::move(invoices)},
              {"contracts", std::move(contracts)}};
}

std::string InvoiceFileName(const Invoice& i) { return SafeFileName("invoice-", i.number); }
std::string ContractFileName(const Contract& k) { return SafeFileName("contract-", k.number); }

Result<std::string> InvoicePdfBytes(ApiContext& ctx, services::ReadTx& tx, const Invoice& i,
                                    std::string language) {
  if (!i.pdf_sha256.empty()) return ctx.commerce->ReadDocument(i.pdf_sha256);
  if (ctx.invoice_renderer == nullptr) {
    return Unavailable("invoices cannot be rendered on this server");
  }
  ASSIGN_OR_RETURN(services::Workspace w, tx.GetWorkspace(i.workspace_id));
  if (language.empty() && i.contact_id) {
    if (auto c = tx.GetContact(i.workspace_id, *i.contact_id); c.ok()) language = c->language;
  }
  if (language != "en" && language != "hi" && language != "kn") language = w.default_language;
  if (language != "hi" && language != "kn") language = "en";
  const Catalog& cat = portal::PortalCatalog();
  auto T = [&](std::string_view key) { return cat.Text(language, key); };
  auto money = [&](int64_t minor) { return FormatCurrency(minor, i.currency, language); };
  ASSIGN_OR_RETURN(std::string today, ctx.commerce->Today(tx, i.workspace_id));

  services::InvoiceDocument d;
  d.language = language;
  d.title = T("invoice.pdf.title");
  d.seller = w.name;
  d.number_label = T("invoice.number");
  d.number = i.number;
  d.issued_label = T("invoice.issued");
  d.issued_on = FormatDay(i.issued_on, language);
  d.due_label = T("invoice.due");
  d.due_on = FormatDay(i.due_on, language);
  d.order_label = T("invoice.order");
  d.order_number = i.order_number;
  d.bill_to_label = T("invoice.bill_to");
  d.bill_to = i.bill_to;
  if (d.bill_to.empty() && i.organisation_id) {
    if (auto o = tx.GetOrganisation(i.workspace_id, *i.organisation_id); o.ok()) d.bill_to = o->name;
  }
  if (d.bill_to.empty() && i.contact_id) {
    if (auto c = tx.GetContact(i.workspace_id, *i.contact_id); c.ok()) d.bill_to = c->name;
  }
  d.tax_id_label = T("invoice.tax_id");
  d.tax_id = i.tax_id;
  d.columns = {T("invoice.col.description"), T("invoice.col.hsn"), T("invoice.col.quantity"),
               T("invoice.col.unit_price"), T("invoice.col.tax_rate"), T("invoice.col.amount")};
  for (const domain::InvoiceLine& l : i.lines) {
    d.rows.push_back({l.description, l.hsn, std::to_string(l.quantity), money(l.unit_price),
                      domain::FormatRatePercent(l.tax_rate_bp) + " %", money(l.amount)});
  }
  d.totals = {{T("invoice.subtotal"), money(i.subtotal)}, {T("invoice.tax"), money(i.tax)}};
  if (i.amount_paid > 0) d.totals.push_back({T("invoice.paid"), money(i.amount_paid)});
  d.totals.push_back({T("invoice.total_due"), money(std::max<int64_t>(0, i.total - i.amount_paid))});
  const std::string state = domain::InvoiceState(i, today);
  if (state == "paid") d.status_line = T("invoice.state.paid");
  if (state == "overdue") {
    d.status_line = cat.Format(language, "invoice.overdue_since",
                               {{"date", FormatDay(i.due_on, language)}});
  }
  d.footer = cat.Format(language, "invoice.pdf.footer",
                        {{"date", FormatDay(today, language)}});
  return ctx.invoice_renderer->Render(d);
}

}  // namespace sahayak::api
