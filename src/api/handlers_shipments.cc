// Shipments (docs/shipments.md): carriers, shipments with their tracking timelines, tracking
// events from carrier systems (the API and the signed webhook), and shipments on tickets.
#include "api/crud.h"
#include "api/forms.h"
#include "api/handlers.h"
#include "domain/delivery.h"
#include "api/json_body.h"
#include "api/shipment_documents.h"
#include "base/clock.h"
#include "base/text.h"
#include "domain/shipment.h"
#include "services/shipments/delivery_input.h"

namespace sahayak::api::handlers {

using domain::Shipment;
using nlohmann::json;
using services::ReadTx;
using services::WriteTx;

namespace {

Response ShipmentsNotWired() {
  return Problem(503, "unavailable", "shipments are not available on this server");
}

json PlaceJson(const domain::ShipmentPlace& p) {
  return {{"city", p.city}, {"pin", p.pin}, {"country", p.country}};
}

json EventJson(const domain::TrackingEvent& e) {
  return {{"id", e.id},
          {"event_id", e.event_id},
          {"status", domain::ShipmentStatusName(e.status)},
          {"occurred_at", FormatRfc3339Zoned(e.occurred_at, e.utc_offset_minutes)},
          {"place", e.place},
          {"description", e.description},
          {"reason", e.reason}};
}

// A shipment as the API shows it; `today` (the workspace's date) decides `late`.
json ShipmentJson(const Shipment& s, const std::vector<domain::TrackingEvent>& events,
                  const std::string& today) {
  auto opt = [](const auto& v) { return v ? json(*v) : json(nullptr); };
  std::string url = domain::TrackingUrl(s.carrier_url, s.tracking_number);
  json ev = json::array();
  for (const auto& e : events) ev.push_back(EventJson(e));
  return {{"id", s.id},
          {"carrier", {{"code", s.carrier_code}, {"name", s.carrier_name}}},
          {"tracking_number", s.tracking_number},
          {"service", s.service},
          {"status", domain::ShipmentStatusName(s.status)},
          {"status_reason", s.status_reason},
          {"origin", PlaceJson(s.origin)},
          {"destination", PlaceJson(s.destination)},
          {"weight_grams", opt(s.weight_grams)},
          {"cod", s.cod_minor ? json{{"amount", domain::FormatMoneyMinor(*s.cod_minor)},
                                     {"currency", s.cod_currency}}
                              : json(nullptr)},
          {"promised_date", opt(s.promised_date)},
          {"eta", opt(s.eta)},
          {"late", domain::IsLate(s, today)},
          {"contact_id", opt(s.contact_id)},
          {"organisation_id", opt(s.organisation_id)},
          {"order_ref", s.order_ref},
          {"tracking_url", url.empty() ? json(nullptr) : json(url)},
          {"last_event_at", s.last_event_at
                                ? json(FormatRfc3339Zoned(*s.last_event_at, s.last_event_offset))
                                : json(nullptr)},
          {"created_at", FormatRfc3339(s.created_at)},
          {"booked_at", FormatRfc3339(s.booked_at != 0 ? s.booked_at : s.created_at)},
          {"updated_at", FormatRfc3339(s.updated_at)},
          {"version", s.version},
          {"delivery",
           {{"date", opt(s.delivery.date)},
            {"window", services::delivery_input::ClockRangeJson(s.delivery.window)},
            {"address", services::delivery_input::AddressJson(s.delivery.address)},
            {"safe_place", s.delivery.safe_place}}},
          {"events", std::move(ev)}};
}


json LinkedJson(json shipment, const services::LinkedShipment& l) {
  shipment["link"] = {{"by", l.linked_by}, {"linked_at", FormatRfc3339(l.linked_at)}};
  return shipment;
}

json IngestJson(const services::TrackingIngestResult& r) {
  json results = json::array();
  for (const auto& i : r.items) {
    results.push_back({{"shipment_id", i.shipment_id},
                       {"event_id", i.event_id},
                       {"outcome", i.recorded ? "recorded" : "duplicate"}});
  }
  return {{"accepted", r.accepted}, {"duplicates", r.duplicates}, {"results", std::move(results)}};
}

json WebhookJson(const services::TrackingWebhook& w) {
  return {{"id", w.id},
          {"name", w.name},
          {"key", w.public_key},
          {"url", "/hooks/tracking/" + w.public_key},
          {"enabled", w.enabled},
          {"last_used_at", w.last_used_at ? json(FormatRfc3339(*w.last_used_at)) : json(nullptr)},
          {"created_at", FormatRfc3339(w.created_at)},
          {"updated_at", FormatRfc3339(w.updated_at)},
          {"version", w.version}};
}

json IssuedJson(const services::IssuedWebhook& w) {
  json j = WebhookJson(w.hook);
  j["secret"] = w.secret;
  return j;
}

// The workspace's document rules, read once for the request, titles in the agent's language.
Result<services::DocumentRequirements> Documents(ReadTx& tx, const Call& call) {
  return services::DocumentRequirements::Load(tx, call.who.workspace_id, call.who.language);
}

Result<services::ShipmentFilter> ReadFilter(const Request& req) {
  services::ShipmentFilter f;
  ASSIGN_OR_RETURN(f.contact_id, QueryId(req, "contact_id"));
  ASSIGN_OR_RETURN(f.organisation_id, QueryId(req, "organisation_id"));
  if (auto n = req.Query("tracking_number"); n && !n->empty()) {
    auto num = domain::NormaliseTrackingNumber(*n);
    if (!num.ok()) {
      return InvalidArgument("tracking_number is not a tracking number")
          .WithField("tracking_number", "is not a tracking number");
    }
    f.tracking_number = *num;
  }
  if (auto s = req.Query("status"); s && !s->empty()) {
    f.status = domain::ParseShipmentStatus(*s);
    if (!f.status) {
      return InvalidArgument("unknown status")
          .WithField("status", std::string("must be one of ") + domain::kShipmentStatusNames);
    }
  }
  return f;
}

}  // namespace

Result<json> FullShipmentJson(ApiContext& ctx, ReadTx& tx, const Shipment& s,
                              const std::string& today,
                              const services::DocumentRequirements* docs) {
  ASSIGN_OR_RETURN(auto events, ctx.shipments->Events(tx, s));
  json j = ShipmentJson(s, events, today);
  if (docs != nullptr) {
    j["documents_required"] = DocumentsRequiredJson(*docs, s);
  } else {
    ASSIGN_OR_RETURN(services::Workspace w, tx.GetWorkspace(s.workspace_id));
    ASSIGN_OR_RETURN(auto loaded,
                     services::DocumentRequirements::Load(tx, s.workspace_id, w.default_language));
    j["documents_required"] = DocumentsRequiredJson(loaded, s);
  }
  if (ctx.delivery != nullptr) {
    ASSIGN_OR_RETURN(services::DeliveryOptions o, ctx.delivery->Options(tx, s));
    json& d = j["delivery"];
    d["time_zone"] = o.time_zone;
    d["windows"] = services::delivery_input::WindowsJson(o.windows);
    d["allowed"] = {{"reschedule", o.allowed.reschedule},
                    {"window", o.allowed.window},
                    {"address", o.allowed.address},
                    {"safe_place", o.allowed.safe_place}};
    d["allowed_dates"] = o.allowed_dates;
    // Attempts made when the customer said nobody would be there (their weekly windows).
    int outside = 0;
    for (size_t i = 0; i < events.size() && i < j["events"].size(); ++i) {
      const bool out = domain::AttemptOutsideWindows(events[i], o.windows, o.time_zone);
      j["events"][i]["outside_hours"] = out;
      outside += out ? 1 : 0;
    }
    d["attempts_outside_hours"] = outside;
  }
  return j;
}

// ---- carriers ----

// List, create, get and patch: handlers_carriers.cc (with the carrier's requests endpoint).

Response DeleteCarrier(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  Status st = ctx.store.Write(
      [&](WriteTx& tx) { return ctx.shipments->DeleteCarrier(tx, call.who, call.id()); });
  return st.ok() ? NoContent() : ProblemResponse(st);
}

// ---- shipments ----

Response ListShipments(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  auto page = ReadPage(call.req);
  if (!page.ok()) return ProblemResponse(page.status());
  auto filter = ReadFilter(call.req);
  if (!filter.ok()) return ProblemResponse(filter.status());
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(std::string today, ctx.shipments->Today(tx, call.who.workspace_id));
    ASSIGN_OR_RETURN(auto result, ctx.shipments->List(tx, call.who, *filter, *page));
    ASSIGN_OR_RETURN(auto docs, Documents(tx, call));
    json data = json::array();
    for (const auto& s : result.items) {
      ASSIGN_OR_RETURN(json j, FullShipmentJson(ctx, tx, s, today, &docs));
      data.push_back(std::move(j));
    }
    return ListBody(std::move(data), result.next);
  });
}

Response CreateShipment(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(Shipment s, ctx.shipments->Create(tx, call.who, call.body));
    ASSIGN_OR_RETURN(std::string today, ctx.shipments->Today(tx, call.who.workspace_id));
    ASSIGN_OR_RETURN(auto docs, Documents(tx, call));
    json j = ShipmentJson(s, {}, today);
    j["documents_required"] = DocumentsRequiredJson(docs, s);
    Response r = JsonResponse(201, j);
    SetEtag(&r, s.version);
    r.AddHeader("Location", "/api/v1/shipments/" + std::to_string(s.id));
    return r;
  });
}

Response GetShipment(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  Response out;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(Shipment s, ctx.shipments->Get(tx, call.who, call.id()));
    ASSIGN_OR_RETURN(std::string today, ctx.shipments->Today(tx, call.who.workspace_id));
    ASSIGN_OR_RETURN(auto docs, Documents(tx, call));
    ASSIGN_OR_RETURN(json j, FullShipmentJson(ctx, tx, s, today, &docs));
    out = JsonResponse(200, j);
    SetEtag(&out, s.version);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response PatchShipment(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  auto if_match = IfMatch(call.req);
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(Shipment s,
                     ctx.shipments->Update(tx, call.who, call.id(), call.body, if_match));
    ASSIGN_OR_RETURN(std::string today, ctx.shipments->Today(tx, call.who.workspace_id));
    ASSIGN_OR_RETURN(auto docs, Documents(tx, call));
    ASSIGN_OR_RETURN(json j, FullShipmentJson(ctx, tx, s, today, &docs));
    out = JsonResponse(200, j);
    SetEtag(&out, s.version);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response ContactShipments(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(std::string today, ctx.shipments->Today(tx, call.who.workspace_id));
    ASSIGN_OR_RETURN(auto all, ctx.shipments->ContactShipments(tx, call.who, call.id()));
    ASSIGN_OR_RETURN(auto docs, Documents(tx, call));
    json data = json::array();
    for (const auto& s : all) {
      ASSIGN_OR_RETURN(json j, FullShipmentJson(ctx, tx, s, today, &docs));
      data.push_back(std::move(j));
    }
    return json{{"data", std::move(data)}};
  });
}

// ---- shipments on tickets ----

Response TicketShipments(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(std::string today, ctx.shipments->Today(tx, call.who.workspace_id));
    ASSIGN_OR_RETURN(auto links, ctx.shipments->TicketShipments(tx, call.who, call.id()));
    ASSIGN_OR_RETURN(auto docs, Documents(tx, call));
    json data = json::array();
    for (const auto& l : links) {
      ASSIGN_OR_RETURN(json j, FullShipmentJson(ctx, tx, l.shipment, today, &docs));
      data.push_back(LinkedJson(std::move(j), l));
    }
    return json{{"data", std::move(data)}};
  });
}

Response LinkTicketShipment(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    bool created = false;
    ASSIGN_OR_RETURN(auto link, ctx.shipments->Link(tx, call.who, call.id(), call.body, &created));
    ASSIGN_OR_RETURN(std::string today, ctx.shipments->Today(tx, call.who.workspace_id));
    ASSIGN_OR_RETURN(auto docs, Documents(tx, call));
    ASSIGN_OR_RETURN(json j, FullShipmentJson(ctx, tx, link.shipment, today, &docs));
    out = JsonResponse(created ? 201 : 200, LinkedJson(std::move(j), link));
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response UnlinkTicketShipment(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  Status st = ctx.store.Write([&](WriteTx& tx) {
    return ctx.shipments->Unlink(tx, call.who, call.id(0), call.id(1));
  });
  return st.ok() ? NoContent() : ProblemResponse(st);
}

// ---- tracking events ----

Response PostTrackingEvents(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto r, ctx.shipments->Ingest(tx, call.who.workspace_id, call.who.actor(),
                                                   call.body));
    out = JsonResponse(200, IngestJson(r));
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response TrackingHook(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return Problem(404, "not-found", "no such tracking webhook");
  const std::string key = forms::KeyFromPath(call.req.path);
  // The signature first: nothing of an unsigned body is read.
  Result<services::TrackingWebhook> hook = NotFound("no such tracking webhook");
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    hook = ctx.shipments->VerifyDelivery(tx, key, call.req.Header("x-sahayak-timestamp"),
                                         call.req.Header("x-sahayak-signature"), call.req.body);
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  if (!hook.ok()) return ProblemResponse(hook.status());
  std::string media = AsciiLower(Trim(std::string(call.req.Header("content-type")).substr(
      0, call.req.Header("content-type").find(';'))));
  if (media != "application/json") {
    return Problem(415, "unsupported-media-type", "send the events as application/json");
  }
  auto body = ParseJsonBody(call.req.body);
  if (!body.ok()) {
    const Status& bad = body.status();
    return Problem(bad.kind() == "validation" ? 422 : 400, bad.kind(), bad.message());
  }
  Response out;
  st = ctx.store.Write([&](WriteTx& tx) -> Status {
    // Again inside the write: a rotation or a disable that committed meanwhile wins, and the
    // hook written back (its last use) is the one read here.
    ASSIGN_OR_RETURN(auto current,
                     ctx.shipments->VerifyDelivery(tx, key, call.req.Header("x-sahayak-timestamp"),
                                                   call.req.Header("x-sahayak-signature"),
                                                   call.req.body));
    ASSIGN_OR_RETURN(auto r, ctx.shipments->IngestDelivery(tx, current, *body));
    out = JsonResponse(200, IngestJson(r));
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

// ---- tracking webhooks ----

Response ListTrackingWebhooks(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto all, ctx.shipments->ListWebhooks(tx, call.who));
    json data = json::array();
    for (const auto& w : all) data.push_back(WebhookJson(w));
    return ListBody(std::move(data), std::nullopt);
  });
}

Response CreateTrackingWebhook(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(auto w, ctx.shipments->CreateWebhook(tx, call.who, call.body));
    Response r = JsonResponse(201, IssuedJson(w));
    SetEtag(&r, w.hook.version);
    r.AddHeader("Location", "/api/v1/tracking-webhooks/" + std::to_string(w.hook.id));
    return r;
  }, "", "secret");
}

Response GetTrackingWebhook(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  return GetOne<services::TrackingWebhook>(
      ctx, [&](ReadTx& tx) { return ctx.shipments->GetWebhook(tx, call.who, call.id()); },
      WebhookJson);
}

Response PatchTrackingWebhook(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  auto if_match = IfMatch(call.req);
  return UpdateOne<services::TrackingWebhook>(
      ctx,
      [&](WriteTx& tx) {
        return ctx.shipments->UpdateWebhook(tx, call.who, call.id(), call.body, if_match);
      },
      WebhookJson);
}

Response DeleteTrackingWebhook(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  Status st = ctx.store.Write(
      [&](WriteTx& tx) { return ctx.shipments->DeleteWebhook(tx, call.who, call.id()); });
  return st.ok() ? NoContent() : ProblemResponse(st);
}

Response RotateTrackingWebhook(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentsNotWired();
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto w, ctx.shipments->RotateWebhookSecret(tx, call.who, call.id()));
    out = JsonResponse(200, IssuedJson(w));
    SetEtag(&out, w.hook.version);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

// ---- proactive notices (docs/shipments.md, "Telling customers first") ----

namespace {

json NoticeSettingsJson(const services::ShipmentNoticeSettings& s) {
  json templates = json::parse(s.templates, nullptr, false);
  if (!templates.is_object()) templates = json::object();
  return {{"notices", s.notices},
          {"quiet_from", s.quiet_from},
          {"quiet_until", s.quiet_until},
          {"templates", templates},
          {"open_tickets", s.open_tickets},
          {"ticket_group_id", s.ticket_group_id ? json(*s.ticket_group_id) : json(nullptr)},
          {"updated_at", s.updated_at > 0 ? json(FormatRfc3339(s.updated_at)) : json(nullptr)},
          {"version", s.version}};
}

json NoticeJson(const services::ShipmentNoticeRecord& n) {
  auto opt = [](const std::optional<domain::Id>& v) { return v ? json(*v) : json(nullptr); };
  return {{"id", n.id},
          {"notice", n.notice},
          {"event_key", n.event_key},
          {"outcome", n.outcome},
          {"contact_id", opt(n.contact_id)},
          {"outbox_id", opt(n.outbox_id)},
          {"ticket_id", opt(n.ticket_id)},
          {"language", n.language},
          {"send_after", FormatRfc3339(n.send_after)},
          {"created_at", FormatRfc3339(n.created_at)},
          {"channel", n.channel.empty() ? json(nullptr) : json(n.channel)},
          {"preferred_channel", n.preferred_channel},
          {"fallback", n.fallback.empty() ? json(nullptr) : json(n.fallback)},
          {"chat", n.chat_conversation_id
                       ? json{{"conversation_id", *n.chat_conversation_id},
                              {"seq", n.chat_seq ? json(*n.chat_seq) : json(nullptr)}}
                       : json(nullptr)}};
}

Response NotifierMissing() {
  return Problem(503, "unavailable", "shipment notices are not available on this server");
}

}  // namespace

Response GetShipmentNoticeSettings(ApiContext& ctx, Call& call) {
  if (ctx.notifier == nullptr) return NotifierMissing();
  return GetOne<services::ShipmentNoticeSettings>(
      ctx, [&](ReadTx& tx) { return ctx.notifier->GetSettings(tx, call.who); },
      NoticeSettingsJson);
}

Response PatchShipmentNoticeSettings(ApiContext& ctx, Call& call) {
  if (ctx.notifier == nullptr) return NotifierMissing();
  auto if_match = IfMatch(call.req);
  return UpdateOne<services::ShipmentNoticeSettings>(
      ctx,
      [&](WriteTx& tx) {
        return ctx.notifier->UpdateSettings(tx, call.who, call.body, if_match);
      },
      NoticeSettingsJson);
}

Response ListShipmentNotices(ApiContext& ctx, Call& call) {
  if (ctx.notifier == nullptr) return NotifierMissing();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto all, ctx.notifier->Notices(tx, call.who, call.id()));
    json data = json::array();
    for (const auto& n : all) data.push_back(NoticeJson(n));
    return ListBody(std::move(data), std::nullopt);
  });
}

Response GetShipmentUpdates(ApiContext& ctx, Call& call) {
  if (ctx.notifier == nullptr) return NotifierMissing();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(bool out, ctx.notifier->OptedOut(tx, call.who, call.id()));
    return json{{"contact_id", call.id()}, {"enabled", !out}};
  });
}

Response PutShipmentUpdates(ApiContext& ctx, Call& call) {
  if (ctx.notifier == nullptr) return NotifierMissing();
  if (!call.body.is_object() || !call.body.contains("enabled") ||
      !call.body["enabled"].is_boolean()) {
    return ProblemResponse(InvalidArgument("send {\"enabled\": true|false}")
                               .WithField("enabled", "must be true or false"));
  }
  const bool enabled = call.body["enabled"].get<bool>();
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    return ctx.notifier->SetOptedOut(tx, call.who, call.id(), !enabled);
  });
  if (!st.ok()) return ProblemResponse(st);
  return JsonResponse(200, json{{"contact_id", call.id()}, {"enabled", enabled}});
}

}  // namespace sahayak::api::handlers
