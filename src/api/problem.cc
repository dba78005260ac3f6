#include "api/problem.h"

#include <nlohmann/json.hpp>

namespace sahayak::api {

namespace {

const char* Title(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 423: return "Locked";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
  }
}

std::string DefaultKind(Code code) {
  switch (code) {
    case Code::kInvalidArgument: return "validation";
    case Code::kNotFound: return "not-found";
    case Code::kAlreadyExists: return "already-exists";
    case Code::kFailedPrecondition: return "failed-precondition";
    case Code::kAborted: return "precondition-failed";
    case Code::kPermissionDenied: return "forbidden";
    case Code::kUnauthenticated: return "unauthenticated";
    case Code::kResourceExhausted: return "rate-limited";
    case Code::kUnavailable: return "unavailable";
    default: return "internal";
  }
}

}  // namespace

int HttpStatusFor(const Status& st) {
  const std::string& kind = st.kind();
  if (kind == "account-locked") return 423;
  if (kind == "payload-too-large") return 413;
  if (kind == "malformed-json" || kind == "invalid-utf8" || kind == "bad-request") return 400;
  if (kind == "unsupported-media-type") return 415;
  switch (st.code()) {
    case Code::kOk: return 200;
    case Code::kInvalidArgument: return 422;
    case Code::kNotFound: return 404;
    case Code::kAlreadyExists: return 409;
    case Code::kFailedPrecondition: return 422;
    case Code::kAborted: return 412;
    case Code::kPermissionDenied: return 403;
    case Code::kUnauthenticated: return 401;
    case Code::kResourceExhausted: return 429;
    case Code::kUnavailable: return 503;
    case Code::kInternal: return 500;
  }
  return 500;
}

Response ProblemResponse(const Status& st) {
  int status = HttpStatusFor(st);
  std::string kind = st.kind().empty() ? DefaultKind(st.code()) : st.kind();
  nlohmann::json j = {{"type", "/problems/" + kind},
                      {"title", Title(status)},
                      {"status", status},
                      {"detail", status == 500 ? "an internal error occurred; it has been logged"
                                               : st.message()}};
  if (!st.fields().empty()) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& f : st.fields()) errors.push_back({{"field", f.field}, {"message", f.message}});
    j["errors"] = errors;
  }
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response Problem(int http_status, const std::string& kind, const std::string& detail) {
  Status st(http_status == 404   ? Code::kNotFound
            : http_status == 401 ? Code::kUnauthenticated
            : http_status == 403 ? Code::kPermissionDenied
            : http_status == 500 ? Code::kInternal
                                 : Code::kInvalidArgument,
            detail);
  st.WithKind(kind);
  Response r = ProblemResponse(st);
  if (r.status != http_status) {
    nlohmann::json j = nlohmann::json::parse(r.body);
    j["status"] = http_status;
    j["title"] = Title(http_status);
    r.status = http_status;
    r.body = j.dump();
  }
  return r;
}

}  // namespace sahayak::api
