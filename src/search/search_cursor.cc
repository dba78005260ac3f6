#include "search/search_cursor.h"

#include <nlohmann/json.hpp>

#include "base/crypto.h"
#include "base/text.h"

namespace sahayak::search {

namespace {

Status BadCursor(const std::string& why) {
  return InvalidArgument("bad cursor: " + why).WithField("cursor", why);
}

}  // namespace

std::string SearchKey(std::string_view canonical_query, std::string_view types,
                      std::string_view sort) {
  std::string all(canonical_query);
  all += '\n';
  all += types;
  all += '\n';
  all += sort;
  return Sha256Hex(all).substr(0, 16);
}

std::string EncodeSearchCursor(int64_t offset, std::string_view sort, std::string_view key) {
  nlohmann::json j = {{"v", 1}, {"o", offset}, {"s", sort}, {"h", key}};
  return Base64UrlEncode(j.dump());
}

Result<int64_t> DecodeSearchCursor(std::string_view cursor, std::string_view sort,
                                   std::string_view key) {
  std::string text;
  if (cursor.size() > 512 || !Base64UrlDecode(cursor, &text)) {
    return BadCursor("is not a cursor from a search");
  }
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("o") || !j["o"].is_number_integer() ||
      !j.contains("s") || !j["s"].is_string() || !j.contains("h") || !j["h"].is_string() ||
      j.value("v", 0) != 1) {
    return BadCursor("is not a cursor from a search");
  }
  int64_t offset = j["o"].get<int64_t>();
  if (offset < 0 || offset > kMaxSearchOffset) return BadCursor("is out of range");
  if (j["s"].get<std::string>() != sort) {
    return BadCursor("belongs to another sort; start again without a cursor");
  }
  if (j["h"].get<std::string>() != key) {
    return BadCursor("belongs to another query; start again without a cursor");
  }
  return offset;
}

}  // namespace sahayak::search
