#include "api/json_body.h"

#include "base/text.h"

namespace sahayak::api {

using nlohmann::json;

namespace {

constexpr int kMaxJsonDepth = 64;


json Normalise(const json& j) {
  if (j.is_string()) return ToNfc(j.get_ref<const std::string&>());
  if (j.is_array()) {
    json out = json::array();
    for (const auto& e : j) out.push_back(Normalise(e));
    return out;
  }
  if (j.is_object()) {
    json out = json::object();
    for (auto it = j.begin(); it != j.end(); ++it) out[ToNfc(it.key())] = Normalise(it.value());
    return out;
  }
  return j;
}

}  // namespace

Result<json> ParseJsonBody(std::string_view body) {
  if (!IsValidUtf8(body)) {
    return InvalidArgument("the body is not valid UTF-8").WithKind("invalid-utf8");
  }
  if (!JsonDepthWithin(body, kMaxJsonDepth)) {
    return InvalidArgument("the JSON nests deeper than 64 levels").WithKind("malformed-json");
  }
  json parsed;
  try {
    parsed = json::parse(body);
  } catch (const json::exception& e) {
    return InvalidArgument(std::string("the body is not valid JSON: ") + e.what())
        .WithKind("malformed-json");
  }
  if (!parsed.is_object()) {
    return InvalidArgument("the body must be a JSON object").WithKind("validation");
  }
  return Normalise(parsed);
}

}  // namespace sahayak::api
