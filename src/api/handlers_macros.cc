// Macros (docs/macros.md): /api/v1/macros and applying one to a ticket.
#include "api/common.h"
#include "api/crud.h"
#include "api/handlers.h"
#include "api/views.h"
#include "base/clock.h"
#include "domain/json_input.h"

namespace sahayak::api::handlers {

using nlohmann::json;
using services::ReadTx;
using services::WriteTx;

namespace {

json MacroJson(const domain::Macro& m) {
  return {{"id", m.id},
          {"name", m.name},
          {"description", m.description},
          {"shared", m.shared()},
          {"owner_agent_id", IdOrNull(m.owner_agent_id)},
          {"group_id", IdOrNull(m.group_id)},
          {"actions", domain::ActionsToJson(m.actions)},
          {"reply", m.reply},
          {"default_language", m.default_language},
          {"active", m.active},
          {"usage_count", m.usage_count},
          {"last_used_at", m.last_used_at ? json(FormatRfc3339(*m.last_used_at)) : json(nullptr)},
          {"created_at", FormatRfc3339(m.created_at)},
          {"updated_at", FormatRfc3339(m.updated_at)},
          {"version", m.version}};
}

json OutcomeJson(const services::MacroOutcome& o) {
  const domain::Ticket& t = o.ticket;
  json j = {
      {"macro", {{"id", o.macro.id}, {"name", o.macro.name}, {"usage_count", o.macro.usage_count}}},
      {"ticket",
       {{"id", t.id},
        {"number", t.number},
        {"status", domain::Name(t.status)},
        {"priority", domain::Name(t.priority)},
        {"group_id", IdOrNull(t.group_id)},
        {"assignee_id", IdOrNull(t.assignee_id)},
        {"tags", t.tags},
        {"custom_fields", t.custom_fields},
        {"version", t.version}}},
      {"changes", o.changes},
      {"notes", o.notes},
      {"reply", o.reply},
      {"reply_language", o.reply_language.empty() ? json(nullptr) : json(o.reply_language)},
      {"message", o.sent ? MessageJson(*o.sent) : json(nullptr)}};
  return j;
}

Response MacrosUnavailable() {
  return ProblemResponse(Unavailable("macros are not available"));
}

}  // namespace

Response ListMacros(ApiContext& ctx, Call& call) {
  if (ctx.macros == nullptr) return MacrosUnavailable();
  services::MacroQuery query;
  query.q = call.req.Query("q").value_or("");
  const std::string sort = call.req.Query("sort").value_or("name");
  if (sort != "name" && sort != "usage") {
    return ProblemResponse(InvalidArgument("bad sort").WithField("sort", "must be name or usage"));
  }
  query.by_usage = sort == "usage";
  const std::string active = call.req.Query("active").value_or("");
  if (!active.empty() && active != "true" && active != "false") {
    return ProblemResponse(
        InvalidArgument("bad active").WithField("active", "must be true or false"));
  }
  query.active_only = active == "true";
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto macros, ctx.macros->List(tx, call.who, query));
    json data = json::array();
    for (const auto& m : macros) {
      if (active == "false" && m.active) continue;
      data.push_back(MacroJson(m));
    }
    return ListBody(std::move(data), std::nullopt);
  });
}

Response CreateMacro(ApiContext& ctx, Call& call) {
  if (ctx.macros == nullptr) return MacrosUnavailable();
  return CreateOne<domain::Macro>(
      ctx, call, "/api/v1/macros",
      [&](WriteTx& tx) { return ctx.macros->Create(tx, call.who, call.body); }, MacroJson);
}

Response GetMacro(ApiContext& ctx, Call& call) {
  if (ctx.macros == nullptr) return MacrosUnavailable();
  return GetOne<domain::Macro>(
      ctx, [&](ReadTx& tx) { return ctx.macros->Get(tx, call.who, call.id()); }, MacroJson);
}

Response PatchMacro(ApiContext& ctx, Call& call) {
  if (ctx.macros == nullptr) return MacrosUnavailable();
  auto if_match = IfMatch(call.req);
  return UpdateOne<domain::Macro>(
      ctx,
      [&](WriteTx& tx) { return ctx.macros->Update(tx, call.who, call.id(), call.body, if_match); },
      MacroJson);
}

Response DeleteMacro(ApiContext& ctx, Call& call) {
  if (ctx.macros == nullptr) return MacrosUnavailable();
  Status st =
      ctx.store.Write([&](WriteTx& tx) { return ctx.macros->Delete(tx, call.who, call.id()); });
  return st.ok() ? NoContent() : ProblemResponse(st);
}

Response PreviewMacro(ApiContext& ctx, Call& call) {
  if (ctx.macros == nullptr) return MacrosUnavailable();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto out, ctx.macros->Preview(tx, call.who, call.id(0), call.id(1)));
    return OutcomeJson(out);
  });
}

Response ApplyMacro(ApiContext& ctx, Call& call) {
  if (ctx.macros == nullptr) return MacrosUnavailable();
  if (Status st = domain::RequireObject(call.body); !st.ok()) return ProblemResponse(st);
  domain::JsonInput in(call.body);
  bool send = false;
  in.Bool("send", &send);
  if (!in.ok()) return ProblemResponse(in.status());
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto outcome, ctx.macros->Apply(tx, call.who, call.id(0), call.id(1), send));
    out = JsonResponse(200, OutcomeJson(outcome));
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

}  // namespace sahayak::api::handlers
