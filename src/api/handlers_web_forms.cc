// Web forms (admin): CRUD of the embeddable contact forms (docs/web-forms.md).
#include "api/crud.h"
#include "api/forms.h"
#include "api/handlers.h"
#include "base/clock.h"

namespace sahayak::api::handlers {

using nlohmann::json;
using services::ReadTx;
using services::WebForm;
using services::WriteTx;

namespace {

json WebFormJson(const WebForm& f) {
  json j = services::WebFormAuditView(f);
  j["id"] = f.id;
  j["key"] = f.public_key;
  j["url"] = "/forms/" + f.public_key;
  j["created_at"] = FormatRfc3339(f.created_at);
  j["updated_at"] = FormatRfc3339(f.updated_at);
  j["version"] = f.version;
  return j;
}

void AddSnippet(const ApiContext& ctx, const Request& req, json* form) {
  if (form->is_object() && form->contains("key") && (*form)["key"].is_string()) {
    (*form)["snippet"] = forms::Snippet(ctx, req, (*form)["key"].get<std::string>());
  }
}

// The snippet depends on the request (its Host), which the views, run inside transactions on
// other threads, cannot see: it is added to the finished response (replays included).
Response WithSnippets(const ApiContext& ctx, const Request& req, Response r) {
  if (r.status >= 300 || r.body.empty()) return r;
  json j = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return r;
  if (j.contains("data") && j["data"].is_array()) {
    for (auto& f : j["data"]) AddSnippet(ctx, req, &f);
  } else {
    AddSnippet(ctx, req, &j);
  }
  r.body = DumpJson(j);
  return r;
}

Response WebFormsNotWired() {
  return Problem(503, "unavailable", "web forms are not available on this server");
}

}  // namespace

Response ListWebForms(ApiContext& ctx, Call& call) {
  if (ctx.web_forms == nullptr) return WebFormsNotWired();
  return WithSnippets(ctx, call.req, ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto all, ctx.web_forms->List(tx, call.who));
    json data = json::array();
    for (const auto& f : all) data.push_back(WebFormJson(f));
    return ListBody(std::move(data), std::nullopt);
  }));
}

Response CreateWebForm(ApiContext& ctx, Call& call) {
  if (ctx.web_forms == nullptr) return WebFormsNotWired();
  return WithSnippets(
      ctx, call.req,
      CreateOne<WebForm>(
          ctx, call, "/api/v1/web-forms",
          [&](WriteTx& tx) { return ctx.web_forms->Create(tx, call.who, call.body); },
          WebFormJson));
}

Response GetWebForm(ApiContext& ctx, Call& call) {
  if (ctx.web_forms == nullptr) return WebFormsNotWired();
  return WithSnippets(
      ctx, call.req,
      GetOne<WebForm>(
          ctx, [&](ReadTx& tx) { return ctx.web_forms->Get(tx, call.who, call.id()); },
          WebFormJson));
}

Response PatchWebForm(ApiContext& ctx, Call& call) {
  if (ctx.web_forms == nullptr) return WebFormsNotWired();
  auto if_match = IfMatch(call.req);
  return WithSnippets(ctx, call.req,
                      UpdateOne<WebForm>(
                          ctx,
                          [&](WriteTx& tx) {
                            return ctx.web_forms->Update(tx, call.who, call.id(), call.body,
                                                         if_match);
                          },
                          WebFormJson));
}

Response DeleteWebForm(ApiContext& ctx, Call& call) {
  if (ctx.web_forms == nullptr) return WebFormsNotWired();
  Status st =
      ctx.store.Write([&](WriteTx& tx) { return ctx.web_forms->Delete(tx, call.who, call.id()); });
  return st.ok() ? NoContent() : ProblemResponse(st);
}

}  // namespace sahayak::api::handlers
