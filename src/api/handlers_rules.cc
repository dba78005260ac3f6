// Triggers and automations (docs/automation.md): /api/v1/triggers, /api/v1/automations, their
// previews and the condition builder's vocabulary /api/v1/rules/fields. Admins only.
#include "api/crud.h"
#include "api/handlers.h"
#include "api/views.h"
#include "services/rules/rule_service.h"
#include "services/rules/rule_webhooks.h"

namespace sahayak::api::handlers {

namespace {

using domain::Rule;
using domain::RuleKind;
using nlohmann::json;
using services::ReadTx;
using services::WriteTx;

Response RulesNotWired() {
  return Problem(503, "unavailable", "triggers and automations are not available on this server");
}

Response RuleResponse(int status, const Rule& r) {
  Response out = JsonResponse(status, services::RuleJson(r));
  SetEtag(&out, r.version);
  return out;
}

const char* Path(RuleKind k) { return k == RuleKind::kTrigger ? "triggers" : "automations"; }

Response List(ApiContext& ctx, Call& call, RuleKind kind) {
  if (ctx.rules == nullptr) return RulesNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto list, ctx.rules->List(tx, call.who, kind));
    json data = json::array();
    for (const auto& r : list) data.push_back(services::RuleJson(r));
    return ListBody(std::move(data), std::nullopt);
  });
}

Response Create(ApiContext& ctx, Call& call, RuleKind kind) {
  if (ctx.rules == nullptr) return RulesNotWired();
  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(Rule r, ctx.rules->Create(tx, call.who, kind, call.body));
    Response out = RuleResponse(201, r);
    out.AddHeader("Location", std::string("/api/v1/") + Path(kind) + "/" + std::to_string(r.id));
    return out;
  });
}

Response Get(ApiContext& ctx, Call& call, RuleKind kind) {
  if (ctx.rules == nullptr) return RulesNotWired();
  Response out;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(Rule r, ctx.rules->Get(tx, call.who, kind, call.id()));
    out = RuleResponse(200, r);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response Patch(ApiContext& ctx, Call& call, RuleKind kind) {
  if (ctx.rules == nullptr) return RulesNotWired();
  auto if_match = IfMatch(call.req);
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(Rule r, ctx.rules->Update(tx, call.who, kind, call.id(), call.body, if_match));
    out = RuleResponse(200, r);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response Delete(ApiContext& ctx, Call& call, RuleKind kind) {
  if (ctx.rules == nullptr) return RulesNotWired();
  Status st = ctx.store.Write(
      [&](WriteTx& tx) { return ctx.rules->Delete(tx, call.who, kind, call.id()); });
  return st.ok() ? NoContent() : ProblemResponse(st);
}

Response Preview(ApiContext& ctx, Call& call, RuleKind kind) {
  if (ctx.rules == nullptr) return RulesNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(services::RulePreview p, ctx.rules->Preview(tx, call.who, kind, call.body));
    json tickets = json::array();
    for (const auto& t : p.tickets) {
      ASSIGN_OR_RETURN(std::string text, TicketJsonWithRequester(tx, t));
      tickets.push_back(json::parse(text));
    }
    return json{{"count", p.count},
                {"scanned", p.scanned},
                {"complete", p.complete},
                {"tickets", std::move(tickets)},
                {"skipped", p.skipped}};
  });
}

Response Deliveries(ApiContext& ctx, Call& call, RuleKind kind) {
  if (ctx.rules == nullptr || ctx.rule_webhooks == nullptr) return RulesNotWired();
  return ListPaged<services::RuleWebhookDelivery>(
      ctx, call,
      [&](ReadTx& tx, const services::PageRequest& page)
          -> Result<services::Page<services::RuleWebhookDelivery>> {
        RETURN_IF_ERROR(ctx.rules->Get(tx, call.who, kind, call.id()).status());  // 404
        return ctx.rule_webhooks->List(tx, call.who, call.id(), page);
      },
      services::RuleWebhookDeliveryJson);
}

Response RetryDelivery(ApiContext& ctx, Call& call, RuleKind kind) {
  if (ctx.rules == nullptr || ctx.rule_webhooks == nullptr) return RulesNotWired();
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    RETURN_IF_ERROR(ctx.rules->Get(tx, call.who, kind, call.id()).status());
    ASSIGN_OR_RETURN(auto d, ctx.rule_webhooks->Retry(tx, call.who, call.id(), call.id(1)));
    out = JsonResponse(200, services::RuleWebhookDeliveryJson(d));
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

}  // namespace

Response ListTriggerDeliveries(ApiContext& ctx, Call& call) {
  return Deliveries(ctx, call, RuleKind::kTrigger);
}
Response RetryTriggerDelivery(ApiContext& ctx, Call& call) {
  return RetryDelivery(ctx, call, RuleKind::kTrigger);
}
Response ListAutomationDeliveries(ApiContext& ctx, Call& call) {
  return Deliveries(ctx, call, RuleKind::kAutomation);
}
Response RetryAutomationDelivery(ApiContext& ctx, Call& call) {
  return RetryDelivery(ctx, call, RuleKind::kAutomation);
}

Response RuleFields(ApiContext& ctx, Call& call) {
  if (ctx.rules == nullptr) return RulesNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) { return ctx.rules->Vocabulary(tx, call.who); });
}

Response ListTriggers(ApiContext& ctx, Call& call) { return List(ctx, call, RuleKind::kTrigger); }
Response CreateTrigger(ApiContext& ctx, Call& call) { return Create(ctx, call, RuleKind::kTrigger); }
Response GetTrigger(ApiContext& ctx, Call& call) { return Get(ctx, call, RuleKind::kTrigger); }
Response PatchTrigger(ApiContext& ctx, Call& call) { return Patch(ctx, call, RuleKind::kTrigger); }
Response DeleteTrigger(ApiContext& ctx, Call& call) { return Delete(ctx, call, RuleKind::kTrigger); }
Response PreviewTrigger(ApiContext& ctx, Call& call) {
  return Preview(ctx, call, RuleKind::kTrigger);
}
Response ListAutomations(ApiContext& ctx, Call& call) {
  return List(ctx, call, RuleKind::kAutomation);
}
Response CreateAutomation(ApiContext& ctx, Call& call) {
  return Create(ctx, call, RuleKind::kAutomation);
}
Response GetAutomation(ApiContext& ctx, Call& call) { return Get(ctx, call, RuleKind::kAutomation); }
Response PatchAutomation(ApiContext& ctx, Call& call) {
  return Patch(ctx, call, RuleKind::kAutomation);
}
Response DeleteAutomation(ApiContext& ctx, Call& call) {
  return Delete(ctx, call, RuleKind::kAutomation);
}
Response PreviewAutomation(ApiContext& ctx, Call& call) {
  return Preview(ctx, call, RuleKind::kAutomation);
}

}  // namespace sahayak::api::handlers
