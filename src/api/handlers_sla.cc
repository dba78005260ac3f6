// SLA policies and a ticket's SLA (docs/sla.md): /api/v1/sla-policies and
// /api/v1/tickets/{id}/sla.
#include "api/crud.h"
#include "api/handlers.h"
#include "base/clock.h"
#include "services/sla/sla_service.h"

namespace sahayak::api::handlers {

namespace {

using domain::SlaPolicy;
using nlohmann::json;
using services::ReadTx;
using services::WriteTx;

Response SlaNotWired() {
  return Problem(503, "unavailable", "SLA policies are not available on this server");
}

json Time(const std::optional<Millis>& t) {
  if (!t) return nullptr;
  return FormatRfc3339(*t);
}

template <typename T>
json Names(const std::vector<T>& values) {
  json out = json::array();
  for (const T& v : values) out.push_back(domain::Name(v));
  return out;
}

json PolicyJson(const SlaPolicy& p) {
  json targets = json::array();
  for (const auto& t : p.targets) {
    targets.push_back({{"metric", domain::Name(t.metric)},
                       {"minutes", t.minutes},
                       {"business_hours", t.business_hours}});
  }
  return {{"id", p.id},
          {"name", p.name},
          {"description", p.description},
          {"position", p.position},
          {"active", p.active},
          {"conditions",
           {{"channels", Names(p.when.channels)},
            {"priorities", Names(p.when.priorities)},
            {"tiers", Names(p.when.tiers)},
            {"group_ids", p.when.group_ids},
            {"tags", p.when.tags}}},
          {"targets", std::move(targets)},
          {"created_at", FormatRfc3339(p.created_at)},
          {"updated_at", FormatRfc3339(p.updated_at)},
          {"version", p.version}};
}

Response PolicyResponse(int status, const SlaPolicy& p) {
  Response out = JsonResponse(status, PolicyJson(p));
  SetEtag(&out, p.version);
  return out;
}

}  // namespace

Response ListSlaPolicies(ApiContext& ctx, Call& call) {
  if (ctx.sla == nullptr) return SlaNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto list, ctx.sla->List(tx, call.who));
    json data = json::array();
    for (const auto& p : list) data.push_back(PolicyJson(p));
    return ListBody(std::move(data), std::nullopt);
  });
}

Response CreateSlaPolicy(ApiContext& ctx, Call& call) {
  if (ctx.sla == nullptr) return SlaNotWired();
  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(SlaPolicy p, ctx.sla->Create(tx, call.who, call.body));
    Response out = PolicyResponse(201, p);
    out.AddHeader("Location", "/api/v1/sla-policies/" + std::to_string(p.id));
    return out;
  });
}

Response GetSlaPolicy(ApiContext& ctx, Call& call) {
  if (ctx.sla == nullptr) return SlaNotWired();
  Response out;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(SlaPolicy p, ctx.sla->Get(tx, call.who, call.id()));
    out = PolicyResponse(200, p);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response PatchSlaPolicy(ApiContext& ctx, Call& call) {
  if (ctx.sla == nullptr) return SlaNotWired();
  auto if_match = IfMatch(call.req);
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(SlaPolicy p, ctx.sla->Update(tx, call.who, call.id(), call.body, if_match));
    out = PolicyResponse(200, p);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response DeleteSlaPolicy(ApiContext& ctx, Call& call) {
  if (ctx.sla == nullptr) return SlaNotWired();
  Status st = ctx.store.Write([&](WriteTx& tx) { return ctx.sla->Delete(tx, call.who, call.id()); });
  return st.ok() ? NoContent() : ProblemResponse(st);
}

Response GetTicketSla(ApiContext& ctx, Call& call) {
  if (ctx.sla == nullptr) return SlaNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    const Millis now = ctx.clock.Now();
    ASSIGN_OR_RETURN(services::TicketSla sla, ctx.sla->ForTicket(tx, call.who, call.id(), now));
    json clocks = json::array();
    for (const domain::SlaClock& c : sla.clocks) {
      clocks.push_back({{"metric", domain::Name(c.metric)},
                        {"target_minutes", c.target_minutes},
                        {"business_hours", c.business_hours},
                        {"state", domain::Name(c.state)},
                        {"started_at", FormatRfc3339(c.started_at)},
                        {"due_at", Time(c.due_at)},
                        {"fulfilled_at", Time(c.fulfilled_at)},
                        {"elapsed_seconds", c.elapsed / 1000},
                        {"breaches", c.breaches}});
    }
    json policy = nullptr;
    if (sla.policy) policy = {{"id", sla.policy->id}, {"name", sla.policy->name}};
    return json{{"policy", std::move(policy)},
                {"business_hours_id",
                 sla.business_hours_id ? json(*sla.business_hours_id) : json(nullptr)},
                {"clocks", std::move(clocks)},
                {"next_due_at", Time(sla.next_due_at)},
                {"breached", sla.breached},
                {"at", FormatRfc3339(now)}};
  });
}

}  // namespace sahayak::api::handlers
