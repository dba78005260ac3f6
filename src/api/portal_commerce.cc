// The customer's orders, invoices and contracts in the portal (docs/commerce.md, "In the
// portal"): the home page's panels, an order's page, an invoice's PDF, a contract's page and
// the request for a copy of it. Anything the customer may not see is the portal's 404.
#include "api/commerce_views.h"
#include "api/common.h"
#include "api/handlers.h"
#include "api/html.h"
#include "api/portal.h"
#include "base/locale_format.h"
#include "domain/people.h"
#include "domain/shipment.h"

namespace sahayak::api {

using portal::Visit;

namespace {

std::string Money(const Visit& v, int64_t minor, const std::string& currency) {
  return FormatCurrency(minor, currency, v.lang);
}

std::string Day(const Visit& v, const std::string& date) { return FormatDay(date, v.lang, "yMMMd"); }

// When an order was placed, as a day where the workspace is.
std::string PlacedDay(const Visit& v, Millis at) {
  return FormatDateSkeleton(at, domain::ZoneOffsetMinutes(v.workspace.time_zone, at), v.lang,
                            "yMMMd");
}

std::string InvoiceStateText(const Visit& v, const std::string& state) {
  return v.T("invoice.state." + state);
}

std::string Fact(const std::string& label, const std::string& value) {
  if (value.empty()) return "";
  return "<dt>" + html::Escape(label) + "</dt><dd>" + html::Escape(value) + "</dd>";
}

std::string Crumbs(const Visit& v) {
  return "<p class=\"crumbs\"><a href=\"/portal\">" + html::Escape(v.T("nav.requests")) +
         "</a></p>\n";
}

}  // namespace

namespace portal {

void CommercePanels(const Visit& v, std::vector<Panel>* panels) {
  Panel orders{"orders", {}}, invoices{"invoices", {}}, contracts{"contracts", {}};
  if (v.customer && v.ctx.commerce != nullptr) {
    (void)v.ctx.store.Read([&](services::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto s, v.ctx.commerce->CustomerSummary(tx, v.customer->contact));
      ASSIGN_OR_RETURN(std::string today, v.ctx.commerce->Today(tx, v.customer->workspace_id));
      for (const domain::Order& o : s.orders) {
        orders.items.push_back(
            {v.F("order.title", {{"number", o.number}}),
             v.T(std::string("order.status.") + domain::OrderStatusName(o.status)) + " · " +
                 Money(v, o.total, o.currency) + " · " +
                 PlacedDay(v, o.placed_at),
             "/portal/orders/" + std::to_string(o.id)});
      }
      for (const domain::Invoice& i : s.invoices) {
        if (i.status == domain::InvoiceStatus::kVoid) continue;
        const std::string state = domain::InvoiceState(i, today);
        invoices.items.push_back(
            {v.F("invoice.title", {{"number", i.number}}),
             InvoiceStateText(v, state) + " · " + Money(v, i.total, i.currency) + " · " +
                 v.F("invoice.due_on", {{"date", Day(v, i.due_on)}}),
             "/portal/invoices/" + std::to_string(i.id) + "/pdf"});
      }
      for (const domain::Contract& k : s.contracts) {
        contracts.items.push_back({v.F("contract.title", {{"number", k.number}}),
                                   k.plan + (k.plan.empty() ? "" : " · ") +
                                       v.T("contract.state." + domain::ContractState(k, today)),
                                   "/portal/contracts/" + std::to_string(k.id)});
      }
      return Status::Ok();
    });
  }
  panels->push_back(std::move(orders));
  panels->push_back(std::move(invoices));
  if (!contracts.items.empty()) panels->push_back(std::move(contracts));
}

}  // namespace portal

namespace handlers {

Response PortalOrder(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.commerce == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ToSignIn(v);
  std::optional<Response> out;
  Status st = ctx.store.Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Order o, ctx.commerce->CustomerOrder(tx, v.customer->contact, call.id()));
    ASSIGN_OR_RETURN(auto parcels, ctx.commerce->OrderShipments(tx, o));
    const std::string title = v.F("order.title", {{"number", o.number}});
    std::string main = Crumbs(v) + "<h1>" + html::Escape(title) + "</h1>\n<dl class=\"facts\">" +
                       Fact(v.T("order.placed"), PlacedDay(v, o.placed_at)) +
                       Fact(v.T("order.status"),
                            v.T(std::string("order.status.") + domain::OrderStatusName(o.status))) +
                       Fact(v.T("order.payment"),
                            v.T(std::string("order.payment.") +
                                domain::PaymentStatusName(o.payment_status))) +
                       "</dl>\n<table class=\"items\"><thead><tr><th scope=\"col\">" +
                       html::Escape(v.T("order.item")) + "</th><th scope=\"col\">" +
                       html::Escape(v.T("order.quantity")) + "</th><th scope=\"col\">" +
                       html::Escape(v.T("order.amount")) + "</th></tr></thead><tbody>";
    for (const domain::OrderItem& it : o.items) {
      main += "<tr><td>" + html::Escape(it.name) + "</td><td>" + std::to_string(it.quantity) +
              "</td><td>" + html::Escape(Money(v, it.amount, o.currency)) + "</td></tr>";
    }
    main += "</tbody></table>\n<dl class=\"facts totals\">" +
            Fact(v.T("order.shipping"), o.shipping ? Money(v, o.shipping, o.currency) : "") +
            Fact(v.T("order.discount"), o.discount ? Money(v, o.discount, o.currency) : "") +
            Fact(v.T("order.tax"), o.tax ? Money(v, o.tax, o.currency) : "") +
            Fact(v.T("order.total"), Money(v, o.total, o.currency)) + "</dl>\n";
    main += "<section aria-labelledby=\"h-parcels\"><h2 id=\"h-parcels\">" +
            html::Escape(v.T("order.parcels")) + "</h2>";
    if (parcels.empty()) {
      main += "<p class=\"meta\">" + html::Escape(v.T("order.no_parcels")) + "</p>";
    } else {
      main += "<ul class=\"list\">";
      for (const domain::Shipment& s : parcels) {
        const bool own = s.contact_id == v.customer->contact.id;
        const std::string label = s.tracking_number + " · " + s.carrier_name;
        main += "<li>" +
                (own ? "<a href=\"/portal/shipments/" + std::to_string(s.id) + "\">" +
                           html::Escape(label) + "</a>"
                     : html::Escape(label)) +
                " <span class=\"meta\">" + html::Escape(portal::ShipmentStatusText(v, s.status)) +
                "</span></li>";
      }
      main += "</ul>";
    }
    main += "</section>\n";
    out = portal::RenderPage(v, 200, title, std::move(main));
    return Status::Ok();
  });
  if (!st.ok()) return portal::ErrorPage(v, st.code() == Code::kNotFound ? 404 : 503);
  return std::move(*out);
}

Response PortalInvoicePdf(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.commerce == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ToSignIn(v);
  std::string bytes;
  domain::Invoice invoice;
  Status st = ctx.store.Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(invoice, ctx.commerce->CustomerInvoice(tx, v.customer->contact, call.id()));
    ASSIGN_OR_RETURN(bytes, InvoicePdfBytes(ctx, tx, invoice, v.lang));
    return Status::Ok();
  });
  if (!st.ok()) return portal::ErrorPage(v, st.code() == Code::kNotFound ? 404 : 503);
  // On the customer's timeline; a download that cannot be recorded is not refused.
  (void)ctx.store.Write([&](services::WriteTx& tx) {
    return ctx.commerce->RecordInvoiceDownload(tx, v.customer->contact, invoice);
  });
  Response r;
  r.content_type = "application/pdf";
  r.body = std::move(bytes);
  r.AddHeader("Content-Disposition", AttachmentDisposition(InvoiceFileName(invoice)));
  r.AddHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  r.AddHeader("Cache-Control", "private, no-store");
  return r;
}

namespace {

Response ContractPage(const Visit& v, services::ReadTx& tx, const domain::Contract& k, int status,
                      std::string_view message, bool warn) {
  auto today = v.ctx.commerce->Today(tx, k.workspace_id);
  if (!today.ok()) return portal::ErrorPage(v, 503);
  std::string manager;
  if (k.account_manager_id) {
    if (auto a = tx.GetAgent(k.workspace_id, *k.account_manager_id); a.ok()) manager = a->name;
  }
  const std::string title = v.F("contract.title", {{"number", k.number}});
  std::string main =
      Crumbs(v) + "<h1>" + html::Escape(title) + "</h1>\n" + portal::Notice(message, warn) +
      "<dl class=\"facts\">" + Fact(v.T("contract.plan"), k.plan) +
      Fact(v.T("contract.tier"), v.T(std::string("contract.tier.") + domain::Name(k.tier))) +
      Fact(v.T("contract.state"), v.T("contract.state." + domain::ContractState(k, *today))) +
      Fact(v.T("contract.start"), Day(v, k.start_on)) +
      Fact(v.T("contract.end"), k.end_on ? Day(v, *k.end_on) : v.T("contract.open_ended")) +
      Fact(v.T("contract.renewal"), k.renewal_on ? Day(v, *k.renewal_on) : "") +
      Fact(v.T("contract.manager"), manager) + "</dl>\n";
  main += "<form class=\"stack\" method=\"post\" action=\"/portal/contracts/" +
          std::to_string(k.id) + "/copy-request\">" + portal::CsrfInput(v) + "<p>" +
          html::Escape(v.T("contract.copy.explain")) + "</p><button type=\"submit\">" +
          html::Escape(v.T("contract.copy.button")) + "</button></form>\n";
  return portal::RenderPage(v, status, title, std::move(main));
}

}  // namespace

Response PortalContract(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.commerce == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ToSignIn(v);
  std::optional<Response> out;
  Status st = ctx.store.Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Contract k,
                     ctx.commerce->CustomerContract(tx, v.customer->contact, call.id()));
    out = ContractPage(v, tx, k, 200, "", false);
    return Status::Ok();
  });
  if (!st.ok()) return portal::ErrorPage(v, st.code() == Code::kNotFound ? 404 : 503);
  return std::move(*out);
}

Response PortalContractCopyRequest(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.commerce == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ErrorPage(v, 403);
  if (!portal::FormAllowed(v, call.body, true)) return portal::ErrorPage(v, 403);
  domain::Ticket ticket;
  Status st = ctx.store.Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Contract k,
                     ctx.commerce->CustomerContract(tx, v.customer->contact, call.id()));
    const std::string subject = v.F("contract.copy.subject", {{"number", k.number}});
    const std::string body = v.F("contract.copy.body", {{"number", k.number},
                                                         {"name", v.customer->contact.name}});
    ASSIGN_OR_RETURN(ticket, ctx.commerce->RequestContractCopy(tx, v.customer->contact, k.id,
                                                                subject, body));
    return Status::Ok();
  });
  if (!st.ok()) return portal::ErrorPage(v, st.code() == Code::kNotFound ? 404 : 503);
  return portal::Redirect("/portal/tickets/" + std::to_string(ticket.number) + "?created=1");
}

}  // namespace handlers

}  // namespace sahayak::api
