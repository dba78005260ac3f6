#pragma once

#include <string>

#include "api/http.h"
#include "base/status.h"

namespace sahayak::api {

// The one place where error codes become HTTP statuses: an RFC 9457 problem+json response
// with a stable `type` ("/problems/<kind>"), a `detail`, and `errors` naming each field.
Response ProblemResponse(const Status& status);

// A problem of an explicit HTTP status and kind (for errors found before any service runs).
Response Problem(int http_status, const std::string& kind, const std::string& detail);

// The HTTP status a code maps to, given its kind.
int HttpStatusFor(const Status& status);

}  // namespace sahayak::api
