#include "api/router.h"

#include <spdlog/spdlog.h>

#include <exception>

#include "api/common.h"
#include "api/handlers.h"
#include "api/json_body.h"
#include "api/notices.h"
#include "api/problem.h"
#include "base/clock.h"
#include "base/crypto.h"
#include "base/text.h"
#include "domain/kb.h"

namespace sahayak::api {

using nlohmann::json;

namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

enum class Match { kNo, kYes, kBadId };

// The routes' patterns split once, in the order of Router::Routes().
const std::vector<std::vector<std::string_view>>& RoutePatterns() {
  static const auto* patterns = [] {
    auto* out = new std::vector<std::vector<std::string_view>>();
    for (const Route& r : Router::Routes()) out->push_back(Segments(r.pattern));
    return out;
  }();
  return *patterns;
}

Match MatchPattern(const std::vector<std::string_view>& pat,
                   const std::vector<std::string_view>& segs, std::vector<int64_t>* ids,
                   std::string* lang) {
  if (pat.size() != segs.size()) return Match::kNo;
  Match result = Match::kYes;
  for (size_t i = 0; i < pat.size(); ++i) {
    if (pat[i] == "{lang}") {
      // A language segment matches only a language Sahayak writes in; anything else is
      // another route (or none).
      if (!domain::IsKbLanguage(segs[i])) return Match::kNo;
      *lang = std::string(segs[i]);
    } else if (pat[i] == "{key}") {
      // A public key (web forms): any segment; the handler reads it from the path.
    } else if (pat[i].front() == '{') {
      std::string_view s = segs[i];
      int64_t v = 0;
      // At most 18 digits, so the value cannot overflow int64_t.
      bool ok = !s.empty() && s.size() <= 18;
      for (size_t k = 0; ok && k < s.size(); ++k) {
        if (s[k] < '0' || s[k] > '9') {
          ok = false;
        } else {
          v = v * 10 + (s[k] - '0');
        }
      }
      if (!ok || v <= 0) {
        result = Match::kBadId;
        continue;
      }
      ids->push_back(v);
    } else if (pat[i] != segs[i]) {
      return Match::kNo;
    }
  }
  return result;
}

std::string CookieValue(std::string_view header, std::string_view name) {
  size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    size_t end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view part = header.substr(pos, end - pos);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    pos = end + 1;
  }
  return "";
}

bool IsUnsafe(std::string_view method) {
  return method == "POST" || method == "PATCH" || method == "PUT" || method == "DELETE";
}

std::string_view MediaType(std::string_view content_type) {
  size_t semi = content_type.find(';');
  std::string_view t = content_type.substr(0, semi);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  return t;
}

Response TooManyRequests(const RateLimiter::Decision& d) {
  Response r = Problem(429, "rate-limited",
                       "too many requests; try again in " + std::to_string(d.reset_seconds) +
                           " seconds");
  r.AddHeader("Retry-After", std::to_string(std::max<int64_t>(1, d.reset_seconds)));
  r.AddHeader("RateLimit-Limit", std::to_string(d.limit));
  r.AddHeader("RateLimit-Remaining", "0");
  r.AddHeader("RateLimit-Reset", std::to_string(d.reset_seconds));
  return r;
}

void AddRateHeaders(Response* r, const RateLimiter::Decision& d) {
  r->AddHeader("RateLimit-Limit", std::to_string(d.limit));
  r->AddHeader("RateLimit-Remaining", std::to_string(d.remaining));
  r->AddHeader("RateLimit-Reset", std::to_string(d.reset_seconds));
}

}  // namespace

size_t Router::BodyLimit(std::string_view method, std::string_view path) const {
  if (method == "POST" && (path == "/api/v1/attachments" || path == "/api/v1/attachments/")) {
    return ctx_.limits.max_attachment_bytes + 64 * 1024;
  }
  // The customer portal's new requests and replies carry attachments; a file over the limit
  // gets the form again with a message (api/portal.h), a body far over it a 413.
  if (method == "POST" && path.rfind("/portal/", 0) == 0 && path != "/portal/sign-out" &&
      path.rfind("/portal/sign-in", 0) != 0 && path != "/portal/password") {
    return 2 * ctx_.limits.max_attachment_bytes + 64 * 1024;
  }
  // A CSV import (docs/imports.md) and the PDFs of invoices and contracts (docs/commerce.md).
  if (method == "POST" && (path == "/api/v1/imports" || path == "/api/v1/imports/")) {
    return services::kMaxImportBytes + 64 * 1024;
  }
  if (method == "PUT" && path.rfind("/api/v1/", 0) == 0 &&
      (path.ends_with("/pdf") || path.ends_with("/document"))) {
    return services::kMaxDocumentBytes + 64 * 1024;
  }
  // A chat visitor's file (docs/chat.md): at most 10 MiB.
  if (method == "POST" && (path == "/api/v1/chat/attachments" ||
                           path == "/api/v1/chat/attachments/")) {
    return (10 << 20) + 64 * 1024;
  }
  // A web form's submission carries its attachments (api/forms.h).
  if (method == "POST" && path.rfind("/forms/", 0) == 0) {
    return ctx_.limits.max_attachment_bytes + 64 * 1024;
  }
  return ctx_.limits.max_body_bytes;
}

Router::Router(ApiContext& ctx) : ctx_(ctx) {
  for (const Route& r : Routes()) series_.push_back(ctx_.metrics.Handle(r.method, r.pattern));
}

Response Router::Handle(Request& req) {
  const int64_t start = MonotonicNanos();
  const char* label = "unmatched";
  int route_index = -1;
  Response r;
  try {
    r = Dispatch(req, &route_index, &label);
  } catch (const std::exception& e) {
    spdlog::error("{} {} failed: {}", req.method, req.path, e.what());
    r = Problem(500, "internal", "an internal error occurred");
  }
  r.AddHeader("X-Content-Type-Options", "nosniff");
  bool has_cache_control = false;
  for (const auto& [k, v] : r.headers) has_cache_control |= k == "Cache-Control";
  if (!has_cache_control) r.AddHeader("Cache-Control", "no-store");
  double seconds = static_cast<double>(MonotonicNanos() - start) / 1e9;
  if (route_index >= 0) {
    ctx_.metrics.Record(series_[route_index], r.status, seconds);
  } else {
    ctx_.metrics.Record(req.method, label, r.status, seconds);
  }
  if (r.status >= 500) {
    spdlog::error("{} {} -> {} in {:.1f} ms: {}", req.method, req.path, r.status, seconds * 1e3,
                  r.body);
  } else {
    spdlog::debug("{} {} -> {} in {:.1f} ms", req.method, req.path, r.status, seconds * 1e3);
  }
  return r;
}

Response Router::Dispatch(Request& req, int* route_index, const char** label) {
  const auto segs = Segments(req.path);
  const Route* route = nullptr;
  std::vector<int64_t> ids;
  std::string lang;
  std::string allow;
  bool bad_id = false;
  const auto& routes = Routes();
  const auto& patterns = RoutePatterns();
  for (size_t i = 0; i < routes.size(); ++i) {
    const Route& candidate = routes[i];
    std::vector<int64_t> got;
    std::string got_lang;
    Match m = MatchPattern(patterns[i], segs, &got, &got_lang);
    if (m == Match::kNo) continue;
    if (candidate.method != req.method) {
      if (allow.find(candidate.method) == std::string::npos) {
        allow += allow.empty() ? candidate.method : std::string(", ") + candidate.method;
      }
      continue;
    }
    if (m == Match::kBadId) {
      bad_id = true;
      *label = candidate.pattern;
      continue;
    }
    route = &candidate;
    *route_index = static_cast<int>(i);
    ids = std::move(got);
    lang = std::move(got_lang);
    break;
  }
  if (route == nullptr) {
    // The help centre's pages answer unknown paths with a page, not problem+json, and the
    // web console's fallback must not take them.
    if ((req.path == "/help" || req.path.rfind("/help/", 0) == 0) &&
        (req.method == "GET" || req.method == "HEAD")) {
      return handlers::HelpNotFound(ctx_, req);
    }
    // So do the customer portal's (api/portal.h).
    if ((req.path == "/portal" || req.path.rfind("/portal/", 0) == 0) &&
        (req.method == "GET" || req.method == "HEAD")) {
      return handlers::PortalNotFound(ctx_, req);
    }
    // So do the shipment-notice opt-out links, for every method (api/notices.h).
    if (req.path == "/notices" || req.path.rfind("/notices/", 0) == 0) {
      return handlers::NoticesNotFound(ctx_, req);
    }
    if (bad_id) return Problem(404, "not-found", "the id in the path is not a valid id");
    if (!allow.empty()) {
      Response r = Problem(405, "method-not-allowed",
                           req.method + " is not allowed here; use " + allow);
      r.AddHeader("Allow", allow);
      return r;
    }
    if (ctx_.static_site) {
      if (auto page = ctx_.static_site(req)) return std::move(*page);
    }
    return Problem(404, "not-found", "no route for " + req.path);
  }
  *label = route->pattern;

  Call call{req, {}, std::move(ids), json(), std::move(lang)};
  if (route->handler == handlers::Login && ctx_.login_limiter != nullptr) {
    auto d = ctx_.login_limiter->Take("ip:" + req.remote_ip);
    if (!d.allowed) return TooManyRequests(d);
  }
  if (route->access != Access::kPublic) {
    std::string_view authz = req.Header("authorization");
    Result<services::Principal> who = Unauthenticated("log in or send an API token");
    if (!authz.empty()) {
      if (authz.size() > 7 && AsciiLower(authz.substr(0, 7)) == "bearer ") {
        who = ctx_.auth.AuthenticateBearer(std::string(Trim(authz.substr(7))));
      } else {
        who = Unauthenticated("the Authorization header must be \"Bearer <token>\"");
      }
    } else {
      std::string token = CookieValue(req.Header("cookie"), "sahayak_session");
      if (!token.empty()) who = ctx_.auth.AuthenticateSession(token);
    }
    if (!who.ok()) {
      Status st = who.status();
      if (st.code() == Code::kUnauthenticated) st.WithKind("unauthenticated");
      Response r = ProblemResponse(st);
      if (r.status == 401) r.AddHeader("WWW-Authenticate", "Bearer realm=\"sahayak\"");
      return r;
    }
    call.who = std::move(who).value();
    call.who.ip = req.remote_ip;
    call.who.user_agent = std::string(req.Header("user-agent").substr(0, 512));
    if (call.who.via == services::Principal::Via::kSession && IsUnsafe(req.method)) {
      std::string_view sent = req.Header("x-csrf-token");
      if (sent.empty() || !SecureEquals(sent, call.who.csrf_token)) {
        return Problem(403, "csrf", "send the CSRF token from login as the X-CSRF-Token header");
      }
    }
    if (route->access == Access::kAdmin && !call.who.is_admin()) {
      return Problem(403, "forbidden", "only admins may do this");
    }
    if (ctx_.api_limiter != nullptr && ctx_.api_limiter->enabled()) {
      auto d = ctx_.api_limiter->Take(call.who.key());
      if (!d.allowed) return TooManyRequests(d);
      Response r = RunHandler(*route, call);
      AddRateHeaders(&r, d);
      return r;
    }
  }

  return RunHandler(*route, call);
}

Response Router::RunHandler(const Route& route, Call& call) {
  if (route.body == BodyKind::kJson) {
    std::string_view media = MediaType(call.req.Header("content-type"));
    if (AsciiLower(media) != "application/json") {
      return Problem(415, "unsupported-media-type",
                     "send the body as application/json (got \"" + std::string(media) + "\")");
    }
    auto body = ParseJsonBody(call.req.body);
    if (!body.ok()) {
      const Status& st = body.status();
      return Problem(st.kind() == "validation" ? 422 : 400, st.kind(), st.message());
    }
    call.body = std::move(body).value();
  } else if (route.body == BodyKind::kForm) {
    std::string_view media = MediaType(call.req.Header("content-type"));
    if (AsciiLower(media) != "application/x-www-form-urlencoded") {
      return Problem(415, "unsupported-media-type",
                     "send the form as application/x-www-form-urlencoded");
    }
    if (!IsValidUtf8(call.req.body)) return Problem(400, "bad-request", "the form is not UTF-8");
    call.body = json::object();
    for (auto& [name, value] : ParseQuery(call.req.body)) {
      if (!call.body.contains(name) && IsValidUtf8(name) && IsValidUtf8(value)) {
        call.body[name] = ToNfc(value);
      }
    }
  } else if (route.body == BodyKind::kMultipart) {
    std::string_view media = MediaType(call.req.Header("content-type"));
    if (AsciiLower(media) != "multipart/form-data") {
      return Problem(415, "unsupported-media-type",
                     "upload files as multipart/form-data with a part named \"file\"");
    }
  }
  return route.handler(ctx_, call);
}

}  // namespace sahayak::api
