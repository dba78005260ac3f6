// Fuzzes what the API does with a request before any service runs: the target and query
// string, If-Match, and a JSON body read as a ticket would be (UTF-8, depth, NFC, field types,
// tags, phone numbers). The first line of the input is the request target, the rest the body.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/http.h"
#include "api/json_body.h"
#include "base/text.h"
#include "domain/json_input.h"
#include "domain/people.h"
#include "domain/ticket.h"
#include "fuzz_assert.h"

namespace {

// Every string and key the API keeps is valid UTF-8 in NFC.
void AssertNfc(const nlohmann::json& j) {
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    FUZZ_ASSERT_TRUE(sahayak::IsValidUtf8(s), "a parsed string is not UTF-8");
    FUZZ_ASSERT_TRUE(sahayak::ToNfc(s) == s, "a parsed string is not NFC");
  } else if (j.is_structured()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (j.is_object()) FUZZ_ASSERT_TRUE(sahayak::ToNfc(it.key()) == it.key(), "a key is not NFC");
      AssertNfc(it.value());
    }
  }
}

}  // namespace

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
  if (!body.ok()) {
    const std::string& kind = body.status().kind();
    FUZZ_ASSERT_TRUE(kind == "invalid-utf8" || kind == "malformed-json" || kind == "validation",
           "a rejected body has no problem kind");
    return 0;
  }
  FUZZ_ASSERT_TRUE(body->is_object(), "an accepted body is not an object");
  AssertNfc(*body);
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
  if (in.StrList("tags", &tags, 50)) {
    auto normalised = sahayak::domain::NormaliseTags(tags);
    if (normalised.ok()) {
      auto again = sahayak::domain::NormaliseTags(*normalised);
      FUZZ_ASSERT_TRUE(again.ok() && *again == *normalised, "normalising tags is not idempotent");
    }
  }
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
