#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/context.h"
#include "api/http.h"
#include "services/principal.h"

namespace sahayak::api {

// One request on its way through a handler: who calls, the path's ids, the parsed body.
struct Call {
  const Request& req;
  services::Principal who;
  std::vector<int64_t> ids;
  nlohmann::json body;
  std::string lang;  // the `{lang}` segment of the path (en, hi, kn), if the route has one

  int64_t id(size_t i = 0) const { return ids.at(i); }
};

using Handler = Response (*)(ApiContext&, Call&);

enum class Access { kPublic, kAgent, kAdmin };
// kForm: application/x-www-form-urlencoded (HTML forms); the fields arrive in Call::body as a
// JSON object of strings (the first of a repeated name wins).
enum class BodyKind { kNone, kJson, kMultipart, kForm };

struct Route {
  const char* method;
  const char* pattern;  // "/api/v1/tickets/{id}"; every {…} is a positive integer id
  Access access;
  BodyKind body;
  Handler handler;
};

// Matches requests to routes and runs the checks every route shares, in this order: route
// (404/405), authentication (401), CSRF (403), role (403), content type (415), body (400/422),
// then the handler. Thread-safe; Handle never throws.
class Router {
 public:
  explicit Router(ApiContext& ctx);

  Response Handle(Request& req);

  // The largest body the route for (method, path) accepts; read before the body arrives.
  size_t BodyLimit(std::string_view method, std::string_view path) const;

  static const std::vector<Route>& Routes();

 private:
  // `route_index` is the matched route's position in Routes(), or -1.
  Response Dispatch(Request& req, int* route_index, const char** route_label);
  // Content type and body checks, then the handler.
  Response RunHandler(const Route& route, Call& call);
  ApiContext& ctx_;
  std::vector<Metrics::Series*> series_;  // per route, registered once
};

}  // namespace sahayak::api
