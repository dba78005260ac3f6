// Orders, invoices and contracts (docs/commerce.md): the resources, their PDFs, the summaries
// beside a ticket, the ticket links and the workspace's number patterns.
#include "api/commerce_views.h"
#include "api/common.h"
#include "api/crud.h"
#include "api/handlers.h"
#include "api/multipart.h"
#include "base/clock.h"

namespace sahayak::api::handlers {

using domain::Contract;
using domain::Invoice;
using domain::Order;
using nlohmann::json;
using services::ReadTx;
using services::WriteTx;

namespace {

Response CommerceNotWired() {
  return Problem(503, "unavailable", "orders, invoices and contracts are not available here");
}

Result<services::CommerceFilter> ReadFilter(const Request& req) {
  services::CommerceFilter f;
  ASSIGN_OR_RETURN(f.owner.contact_id, QueryId(req, "contact_id"));
  ASSIGN_OR_RETURN(f.owner.organisation_id, QueryId(req, "organisation_id"));
  if (auto n = req.Query("number"); n && !n->empty()) {
    auto num = domain::NormaliseReference(*n);
    if (!num.ok()) {
      return InvalidArgument("number is not an order, invoice or contract number")
          .WithField("number", num.status().message());
    }
    f.number = *num;
  }
  if (auto st = req.Query("state"); st && !st->empty()) {
    if (*st != "open" && *st != "overdue" && *st != "paid" && *st != "void") {
      return InvalidArgument("state must be one of open, overdue, paid, void")
          .WithField("state", "must be one of open, overdue, paid, void");
    }
    f.invoice_state = std::string(*st);
  }
  return f;
}

// A paged list of `T` with each item's view built inside the read.
template <typename T>
Response ListWith(ApiContext& ctx, Call& call,
                  const std::function<Result<services::Page<T>>(
                      ReadTx&, const services::CommerceFilter&, const services::PageRequest&)>& list,
                  const std::function<Result<json>(ReadTx&, const T&)>& view) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  auto page = ReadPage(call.req);
  if (!page.ok()) return ProblemResponse(page.status());
  auto filter = ReadFilter(call.req);
  if (!filter.ok()) return ProblemResponse(filter.status());
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(services::Page<T> result, list(tx, *filter, *page));
    json data = json::array();
    for (const T& item : result.items) {
      ASSIGN_OR_RETURN(json j, view(tx, item));
      data.push_back(std::move(j));
    }
    return ListBody(std::move(data), result.next);
  });
}

template <typename T>
Response GetWith(ApiContext& ctx, const std::function<Result<T>(ReadTx&)>& get,
                 const std::function<Result<json>(ReadTx&, const T&)>& view) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  Response out;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(T item, get(tx));
    ASSIGN_OR_RETURN(json j, view(tx, item));
    out = JsonResponse(200, j);
    SetEtag(&out, item.version);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

template <typename T>
Response CreateWith(ApiContext& ctx, Call& call, const char* collection,
                    const std::function<Result<T>(WriteTx&)>& create,
                    const std::function<Result<json>(ReadTx&, const T&)>& view) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(T item, create(tx));
    ASSIGN_OR_RETURN(json j, view(tx, item));
    Response r = JsonResponse(201, j);
    SetEtag(&r, item.version);
    r.AddHeader("Location", std::string(collection) + "/" + std::to_string(item.id));
    return r;
  });
}

template <typename T>
Response UpdateWith(ApiContext& ctx, const std::function<Result<T>(WriteTx&)>& update,
                    const std::function<Result<json>(ReadTx&, const T&)>& view) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(T item, update(tx));
    ASSIGN_OR_RETURN(json j, view(tx, item));
    out = JsonResponse(200, j);
    SetEtag(&out, item.version);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response DeleteWith(ApiContext& ctx, const std::function<Status(WriteTx&)>& remove) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  Status st = ctx.store.Write(remove);
  return st.ok() ? NoContent() : ProblemResponse(st);
}

// The "file" part of a multipart upload: a PDF, stored as a blob before any write.
Result<std::string> StoreUploadedPdf(ApiContext& ctx, const Call& call) {
  auto boundary = MultipartBoundary(call.req.Header("content-type"));
  if (!boundary.ok()) return InvalidArgument(boundary.status().message()).WithKind("bad-request");
  auto parts = ParseMultipart(call.req.body, *boundary, 4);
  if (!parts.ok()) {
    return InvalidArgument("the multipart body is malformed: " + parts.status().message())
        .WithKind("bad-request");
  }
  for (const auto& p : *parts) {
    if (p.name == "file") return ctx.commerce->StoreDocument(p.data);
  }
  return InvalidArgument("upload the PDF in a part named \"file\"").WithField("file", "is required");
}

Response PdfResponse(std::string bytes, const std::string& filename) {
  Response r;
  r.content_type = "application/pdf";
  r.body = std::move(bytes);
  r.AddHeader("Content-Disposition", AttachmentDisposition(filename));
  r.AddHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  r.AddHeader("Cache-Control", "private, no-store");
  return r;
}

json LinkJson(json item, const services::CommerceLink& l) {
  item["link"] = {{"by", l.linked_by}, {"linked_at", FormatRfc3339(l.linked_at)}};
  return item;
}

json SettingsJson(const services::CommerceSettings& s) {
  return {{"order_pattern", s.order_pattern},
          {"invoice_pattern", s.invoice_pattern},
          {"updated_at", s.version > 0 ? json(FormatRfc3339(s.updated_at)) : json(nullptr)},
          {"version", s.version}};
}

}  // namespace

// ---- orders ----

Response ListOrders(ApiContext& ctx, Call& call) {
  return ListWith<Order>(
      ctx, call,
      [&](ReadTx& tx, const services::CommerceFilter& f, const services::PageRequest& p) {
        return ctx.commerce->ListOrders(tx, call.who, f, p);
      },
      [&](ReadTx& tx, const Order& o) { return OrderJson(ctx, tx, o); });
}

Response CreateOrder(ApiContext& ctx, Call& call) {
  return CreateWith<Order>(
      ctx, call, "/api/v1/orders",
      [&](WriteTx& tx) { return ctx.commerce->CreateOrder(tx, call.who, call.body); },
      [&](ReadTx& tx, const Order& o) { return OrderJson(ctx, tx, o); });
}

Response GetOrder(ApiContext& ctx, Call& call) {
  return GetWith<Order>(
      ctx, [&](ReadTx& tx) { return ctx.commerce->GetOrder(tx, call.who, call.id()); },
      [&](ReadTx& tx, const Order& o) { return OrderJson(ctx, tx, o); });
}

Response PatchOrder(ApiContext& ctx, Call& call) {
  auto if_match = IfMatch(call.req);
  return UpdateWith<Order>(
      ctx,
      [&](WriteTx& tx) {
        return ctx.commerce->UpdateOrder(tx, call.who, call.id(), call.body, if_match);
      },
      [&](ReadTx& tx, const Order& o) { return OrderJson(ctx, tx, o); });
}

Response DeleteOrder(ApiContext& ctx, Call& call) {
  return DeleteWith(ctx, [&](WriteTx& tx) {
    return ctx.commerce->DeleteOrder(tx, call.who, call.id());
  });
}

// ---- invoices ----

Response ListInvoices(ApiContext& ctx, Call& call) {
  return ListWith<Invoice>(
      ctx, call,
      [&](ReadTx& tx, const services::CommerceFilter& f, const services::PageRequest& p) {
        return ctx.commerce->ListInvoices(tx, call.who, f, p);
      },
      [&](ReadTx& tx, const Invoice& i) { return InvoiceJson(ctx, tx, i); });
}

Response CreateInvoice(ApiContext& ctx, Call& call) {
  return CreateWith<Invoice>(
      ctx, call, "/api/v1/invoices",
      [&](WriteTx& tx) { return ctx.commerce->CreateInvoice(tx, call.who, call.body); },
      [&](ReadTx& tx, const Invoice& i) { return InvoiceJson(ctx, tx, i); });
}

Response GetInvoice(ApiContext& ctx, Call& call) {
  return GetWith<Invoice>(
      ctx, [&](ReadTx& tx) { return ctx.commerce->GetInvoice(tx, call.who, call.id()); },
      [&](ReadTx& tx, const Invoice& i) { return InvoiceJson(ctx, tx, i); });
}

Response PatchInvoice(ApiContext& ctx, Call& call) {
  auto if_match = IfMatch(call.req);
  return UpdateWith<Invoice>(
      ctx,
      [&](WriteTx& tx) {
        return ctx.commerce->UpdateInvoice(tx, call.who, call.id(), call.body, if_match);
      },
      [&](ReadTx& tx, const Invoice& i) { return InvoiceJson(ctx, tx, i); });
}

Response DeleteInvoice(ApiContext& ctx, Call& call) {
  return DeleteWith(ctx, [&](WriteTx& tx) {
    return ctx.commerce->DeleteInvoice(tx, call.who, call.id());
  });
}

Response InvoicePdf(ApiContext& ctx, Call& call) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  std::string bytes;
  Invoice invoice;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(invoice, ctx.commerce->GetInvoice(tx, call.who, call.id()));
    ASSIGN_OR_RETURN(bytes, InvoicePdfBytes(ctx, tx, invoice, ""));
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  return PdfResponse(std::move(bytes), InvoiceFileName(invoice));
}

Response PutInvoicePdf(ApiContext& ctx, Call& call) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  if (!call.who.is_admin()) {
    return ProblemResponse(PermissionDenied("only admins may change invoices"));
  }
  auto sha = StoreUploadedPdf(ctx, call);
  if (!sha.ok()) return ProblemResponse(sha.status());
  return UpdateWith<Invoice>(
      ctx, [&](WriteTx& tx) { return ctx.commerce->SetInvoicePdf(tx, call.who, call.id(), *sha); },
      [&](ReadTx& tx, const Invoice& i) { return InvoiceJson(ctx, tx, i); });
}

Response DeleteInvoicePdf(ApiContext& ctx, Call& call) {
  return UpdateWith<Invoice>(
      ctx,
      [&](WriteTx& tx) {
        return ctx.commerce->SetInvoicePdf(tx, call.who, call.id(), std::nullopt);
      },
      [&](ReadTx& tx, const Invoice& i) { return InvoiceJson(ctx, tx, i); });
}

// ---- contracts ----

Response ListContracts(ApiContext& ctx, Call& call) {
  return ListWith<Contract>(
      ctx, call,
      [&](ReadTx& tx, const services::CommerceFilter& f, const services::PageRequest& p) {
        return ctx.commerce->ListContracts(tx, call.who, f, p);
      },
      [&](ReadTx& tx, const Contract& k) { return ContractJson(ctx, tx, k); });
}

Response CreateContract(ApiContext& ctx, Call& call) {
  return CreateWith<Contract>(
      ctx, call, "/api/v1/contracts",
      [&](WriteTx& tx) { return ctx.commerce->CreateContract(tx, call.who, call.body); },
      [&](ReadTx& tx, const Contract& k) { return ContractJson(ctx, tx, k); });
}

Response GetContract(ApiContext& ctx, Call& call) {
  return GetWith<Contract>(
      ctx, [&](ReadTx& tx) { return ctx.commerce->GetContract(tx, call.who, call.id()); },
      [&](ReadTx& tx, const Contract& k) { return ContractJson(ctx, tx, k); });
}

Response PatchContract(ApiContext& ctx, Call& call) {
  auto if_match = IfMatch(call.req);
  return UpdateWith<Contract>(
      ctx,
      [&](WriteTx& tx) {
        return ctx.commerce->UpdateContract(tx, call.who, call.id(), call.body, if_match);
      },
      [&](ReadTx& tx, const Contract& k) { return ContractJson(ctx, tx, k); });
}

Response DeleteContract(ApiContext& ctx, Call& call) {
  return DeleteWith(ctx, [&](WriteTx& tx) {
    return ctx.commerce->DeleteContract(tx, call.who, call.id());
  });
}

Response ContractDocument(ApiContext& ctx, Call& call) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  Contract k;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(k, ctx.commerce->GetContract(tx, call.who, call.id()));
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  if (k.document_sha256.empty()) {
    return ProblemResponse(NotFound("contract " + k.number + " has no document"));
  }
  auto bytes = ctx.commerce->ReadDocument(k.document_sha256);
  if (!bytes.ok()) return ProblemResponse(bytes.status());
  return PdfResponse(std::move(bytes).value(), ContractFileName(k));
}

Response PutContractDocument(ApiContext& ctx, Call& call) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  if (!call.who.is_admin()) {
    return ProblemResponse(PermissionDenied("only admins may change contracts"));
  }
  auto sha = StoreUploadedPdf(ctx, call);
  if (!sha.ok()) return ProblemResponse(sha.status());
  return UpdateWith<Contract>(
      ctx,
      [&](WriteTx& tx) { return ctx.commerce->SetContractDocument(tx, call.who, call.id(), *sha); },
      [&](ReadTx& tx, const Contract& k) { return ContractJson(ctx, tx, k); });
}

Response DeleteContractDocument(ApiContext& ctx, Call& call) {
  return UpdateWith<Contract>(
      ctx,
      [&](WriteTx& tx) {
        return ctx.commerce->SetContractDocument(tx, call.who, call.id(), std::nullopt);
      },
      [&](ReadTx& tx, const Contract& k) { return ContractJson(ctx, tx, k); });
}

// ---- beside a ticket ----

Response ContactCommerce(ApiContext& ctx, Call& call) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto s, ctx.commerce->ContactSummary(tx, call.who, call.id()));
    return SummaryJson(ctx, tx, s);
  });
}

Response OrganisationCommerce(ApiContext& ctx, Call& call) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto s, ctx.commerce->OrganisationSummary(tx, call.who, call.id()));
    return SummaryJson(ctx, tx, s);
  });
}

Response TicketOrders(ApiContext& ctx, Call& call) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto links, ctx.commerce->TicketOrders(tx, call.who, call.id()));
    json data = json::array();
    for (const auto& l : links) {
      ASSIGN_OR_RETURN(json j, OrderJson(ctx, tx, l.order));
      data.push_back(LinkJson(std::move(j), l.link));
    }
    return json{{"data", std::move(data)}};
  });
}

Response LinkTicketOrder(ApiContext& ctx, Call& call) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    bool created = false;
    ASSIGN_OR_RETURN(auto l, ctx.commerce->LinkOrder(tx, call.who, call.id(), call.body, &created));
    ASSIGN_OR_RETURN(json j, OrderJson(ctx, tx, l.order));
    out = JsonResponse(created ? 201 : 200, LinkJson(std::move(j), l.link));
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response UnlinkTicketOrder(ApiContext& ctx, Call& call) {
  return DeleteWith(ctx, [&](WriteTx& tx) {
    return ctx.commerce->UnlinkOrder(tx, call.who, call.id(0), call.id(1));
  });
}

Response TicketInvoices(ApiContext& ctx, Call& call) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto links, ctx.commerce->TicketInvoices(tx, call.who, call.id()));
    json data = json::array();
    for (const auto& l : links) {
      ASSIGN_OR_RETURN(json j, InvoiceJson(ctx, tx, l.invoice));
      data.push_back(LinkJson(std::move(j), l.link));
    }
    return json{{"data", std::move(data)}};
  });
}

Response LinkTicketInvoice(ApiContext& ctx, Call& call) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    bool created = false;
    ASSIGN_OR_RETURN(auto l,
                     ctx.commerce->LinkInvoice(tx, call.who, call.id(), call.body, &created));
    ASSIGN_OR_RETURN(json j, InvoiceJson(ctx, tx, l.invoice));
    out = JsonResponse(created ? 201 : 200, LinkJson(std::move(j), l.link));
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response UnlinkTicketInvoice(ApiContext& ctx, Call& call) {
  return DeleteWith(ctx, [&](WriteTx& tx) {
    return ctx.commerce->UnlinkInvoice(tx, call.who, call.id(0), call.id(1));
  });
}

// ---- settings ----

Response GetCommerceSettings(ApiContext& ctx, Call& call) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  return GetOne<services::CommerceSettings>(
      ctx, [&](ReadTx& tx) { return ctx.commerce->Settings(tx, call.who); }, SettingsJson);
}

Response PutCommerceSettings(ApiContext& ctx, Call& call) {
  if (ctx.commerce == nullptr) return CommerceNotWired();
  auto if_match = IfMatch(call.req);
  return UpdateOne<services::CommerceSettings>(
      ctx,
      [&](WriteTx& tx) { return ctx.commerce->PutSettings(tx, call.who, call.body, if_match); },
      SettingsJson);
}

}  // namespace sahayak::api::handlers
