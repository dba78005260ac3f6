#pragma once

#include <functional>
#include <optional>

#include "api/common.h"

// The shapes most resource handlers share: a paged list, a get with ETag, a create with
// Idempotency-Key, a patch with If-Match. Handlers pass the store call and the view.
namespace sahayak::api {

template <typename T>
Response ListPaged(ApiContext& ctx, Call& call,
                   const std::function<Result<services::Page<T>>(services::ReadTx&,
                                                                 const services::PageRequest&)>& list,
                   nlohmann::json (*view)(const T&)) {
  auto page = ReadPage(call.req);
  if (!page.ok()) return ProblemResponse(page.status());
  return ReadJson(ctx, [&](services::ReadTx& tx) -> Result<nlohmann::json> {
    ASSIGN_OR_RETURN(services::Page<T> result, list(tx, *page));
    nlohmann::json data = nlohmann::json::array();
    for (const auto& item : result.items) data.push_back(view(item));
    return ListBody(std::move(data), result.next);
  });
}

template <typename T>
Response GetOne(ApiContext& ctx, const std::function<Result<T>(services::ReadTx&)>& get,
                nlohmann::json (*view)(const T&)) {
  Response out;
  Status st = ctx.store.Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(T item, get(tx));
    out = JsonResponse(200, view(item));
    SetEtag(&out, item.version);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

template <typename T>
Response CreateOne(ApiContext& ctx, Call& call, const char* collection,
                   const std::function<Result<T>(services::WriteTx&)>& create,
                   nlohmann::json (*view)(const T&)) {
  return CreateIdempotent(ctx, call, [&](services::WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(T item, create(tx));
    Response r = JsonResponse(201, view(item));
    SetEtag(&r, item.version);
    r.AddHeader("Location", std::string(collection) + "/" + std::to_string(item.id));
    return r;
  });
}

template <typename T>
Response UpdateOne(ApiContext& ctx,
                   const std::function<Result<T>(services::WriteTx&)>& update,
                   nlohmann::json (*view)(const T&)) {
  Response out;
  Status st = ctx.store.Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(T item, update(tx));
    out = JsonResponse(200, view(item));
    SetEtag(&out, item.version);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

inline Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

}  // namespace sahayak::api
