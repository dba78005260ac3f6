#pragma once

#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "api/http.h"
#include "api/problem.h"
#include "api/router.h"
#include "services/store.h"

// Helpers shared by the handlers.
namespace sahayak::api {

Response JsonResponse(int status, const nlohmann::json& body);
std::string DumpJson(const nlohmann::json& j);
// The id as a JSON number, or null.
inline nlohmann::json IdOrNull(const std::optional<int64_t>& id) {
  return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
}

// limit (1–100, default 25) and cursor from the query string; InvalidArgument naming them.
Result<services::PageRequest> ReadPage(const Request& req, int default_limit = 25);
std::string EncodeCursor(int64_t id);
nlohmann::json ListBody(nlohmann::json data, const std::optional<int64_t>& next);
// The same envelope around items that are already JSON text.
std::string ListBodyText(const std::vector<std::string>& items, const std::optional<int64_t>& next);

// The version named by If-Match ("3", "\"3\"" or W/"3"); nullopt when absent or "*".
// A value that is not a version of ours is -1, which never matches.
std::optional<int64_t> IfMatch(const Request& req);
void SetEtag(Response* r, int64_t version);

// An optional positive integer query parameter; InvalidArgument naming it otherwise.
Result<std::optional<int64_t>> QueryId(const Request& req, const char* name);

// Runs a creating write, honouring Idempotency-Key: a replay of the same key and body returns
// the stored response; the same key with another body is 422 idempotency-key-reused. The
// record is written in the same transaction as the creation.
// `fingerprint` identifies the request for that comparison; empty means its method, path and
// body (uploads pass their file's name and hash, as multipart boundaries differ per request).
// `secret_member` names a top-level member of the response shown only once (an API token, a
// webhook's signing secret): the stored copy lacks it, so a replay answers without it and no
// secret lies in the idempotency records.
Response CreateIdempotent(ApiContext& ctx, Call& call,
                          const std::function<Result<Response>(services::WriteTx&)>& create,
                          const std::string& fingerprint = "",
                          const char* secret_member = nullptr);

// RFC 6266 Content-Disposition "attachment" with an ASCII fallback and the UTF-8 name
// (RFC 5987).
std::string AttachmentDisposition(const std::string& filename);

// 200 with the body built inside a read transaction, or the problem.
Response ReadJson(ApiContext& ctx, const std::function<Result<nlohmann::json>(services::ReadTx&)>& fn);
// The same for a body built as JSON text.
Response ReadJsonText(ApiContext& ctx,
                      const std::function<Result<std::string>(services::ReadTx&)>& fn);

}  // namespace sahayak::api
