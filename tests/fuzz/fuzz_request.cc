// Fuzzes what the API does with a request before any service runs: the target and query
// string, If-Match, and a JSON body read as a ticket would be (UTF-8, depth, NFC, field types,
// tags, phone numbers). The first line of the input is the request target, the rest the body.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/http.h"
#include "api/json_body.h"
#include "base/text.h"
#include "domain/json_input.h"
#include "domain/people.h"
#include "domain/ticket.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nl = input.find('\n');
  sahayak::api::Request req;
  req.target = std::string(input.substr(0, nl));
  sahayak::api::SplitTarget(&req);
  for (const auto& [k, v] : req.query) {
    (void)sahayak::IsValidUtf8(k);
    (void)sahayak::IsValidUtf8(v);
  }
  if (nl == std::string_view::npos) return 0;
  auto body = sahayak::api::ParseJsonBody(input.substr(nl + 1));
  if (!body.ok()) return 0;
  sahayak::domain::JsonInput in(*body);
  std::string s;
  int64_t n;
  bool b;
  std::vector<std::string> tags;
  std::vector<int64_t> ids;
  nlohmann::json obj;
  std::optional<std::optional<int64_t>> nullable;
  in.Str("subject", &s, true, 500);
  in.Int("requester_id", &n);
  in.Bool("public", &b);
  in.NullableId("assignee_id", &nullable);
  in.IdList("attachment_ids", &ids, 20);
  if (in.StrList("tags", &tags, 50)) (void)sahayak::domain::NormaliseTags(tags);
  if (in.Str("phone", &s, false, 32)) (void)sahayak::domain::NormalisePhone(s);
  if (in.Str("email", &s, false, 254)) (void)sahayak::FoldCase(s);
  if (in.Object("message", &obj)) {
    sahayak::domain::JsonInput mi(obj, "message");
    mi.Str("body", &s);
  }
  std::optional<sahayak::domain::TicketStatus> status;
  in.Enum("status", &status, sahayak::domain::ParseStatus, "statuses");
  (void)in.status().ToString();
  return 0;
}
