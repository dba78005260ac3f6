// Saved inbox views and ticket presence.
#include "api/crud.h"
#include "api/handlers.h"
#include "api/views.h"
#include "base/clock.h"
#include "domain/json_input.h"

namespace sahayak::api::handlers {

using nlohmann::json;
using services::ReadTx;
using services::WriteTx;

// --- saved views --------------------------------------------------------------------------

Response ListViews(ApiContext& ctx, Call& call) {
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto views, ctx.views->List(tx, call.who));
    json data = json::array();
    for (const auto& v : views) data.push_back(SavedViewJson(v));
    return ListBody(std::move(data), std::nullopt);
  });
}

Response CreateView(ApiContext& ctx, Call& call) {
  return CreateOne<domain::SavedView>(
      ctx, call, "/api/v1/views",
      [&](WriteTx& tx) { return ctx.views->Create(tx, call.who, call.body); }, SavedViewJson);
}

Response GetView(ApiContext& ctx, Call& call) {
  return GetOne<domain::SavedView>(
      ctx, [&](ReadTx& tx) { return ctx.views->Get(tx, call.who, call.id()); }, SavedViewJson);
}

Response PatchView(ApiContext& ctx, Call& call) {
  auto if_match = IfMatch(call.req);
  return UpdateOne<domain::SavedView>(
      ctx,
      [&](WriteTx& tx) { return ctx.views->Update(tx, call.who, call.id(), call.body, if_match); },
      SavedViewJson);
}

Response DeleteView(ApiContext& ctx, Call& call) {
  Status st =
      ctx.store.Write([&](WriteTx& tx) { return ctx.views->Delete(tx, call.who, call.id()); });
  return st.ok() ? NoContent() : ProblemResponse(st);
}

// --- presence -----------------------------------------------------------------------------

namespace {

// The other agents on the ticket, as {"data": [...]}.
Response PresenceList(ApiContext& ctx, const Call& call) {
  auto present = ctx.presence->Present(call.who.workspace_id, call.id(), call.who.agent_id);
  json data = json::array();
  for (const auto& e : present) {
    data.push_back({{"agent_id", e.agent_id},
                    {"name", e.name},
                    {"state", services::PresenceService::Name(e.state)},
                    {"since", FormatRfc3339(e.since)},
                    {"last_seen_at", FormatRfc3339(e.last_seen_at)}});
  }
  return JsonResponse(200, {{"data", std::move(data)}});
}

// NotFound unless the ticket exists in the caller's workspace (every agent sees every ticket).
Status CheckTicket(ApiContext& ctx, const Call& call) {
  return ctx.store.Read([&](ReadTx& tx) -> Status {
    return tx.GetTicket(call.who.workspace_id, call.id()).status();
  });
}

}  // namespace

Response GetPresence(ApiContext& ctx, Call& call) {
  if (Status st = CheckTicket(ctx, call); !st.ok()) return ProblemResponse(st);
  return PresenceList(ctx, call);
}

Response PostPresence(ApiContext& ctx, Call& call) {
  domain::JsonInput in(call.body);
  std::string state;
  services::PresenceService::State parsed{};
  if (Status st = domain::RequireObject(call.body); !st.ok()) return ProblemResponse(st);
  if (in.Str("state", &state, true, 16) && !services::PresenceService::Parse(state, &parsed)) {
    in.Error("state", "must be one of viewing, replying");
  }
  if (!in.ok()) return ProblemResponse(in.status());
  if (Status st = CheckTicket(ctx, call); !st.ok()) return ProblemResponse(st);
  ctx.presence->Heartbeat(call.who.workspace_id, call.id(), call.who.agent_id, call.who.name,
                          parsed);
  return PresenceList(ctx, call);
}

Response DeletePresence(ApiContext& ctx, Call& call) {
  if (Status st = CheckTicket(ctx, call); !st.ok()) return ProblemResponse(st);
  ctx.presence->Leave(call.who.workspace_id, call.id(), call.who.agent_id);
  return NoContent();
}

}  // namespace sahayak::api::handlers
