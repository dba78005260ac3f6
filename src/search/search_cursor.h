#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

// The opaque cursor of GET /api/v1/search: base64url of {"v":1,"o":offset,"s":sort,"h":key},
// where `key` is a short hash of the canonical query, the types and the sort, so a cursor
// only continues the search it came from.
namespace sahayak::search {

// How deep paging may go.
constexpr int64_t kMaxSearchOffset = 100000;

// A short hash naming one search: its canonical query, its types and its sort.
std::string SearchKey(std::string_view canonical_query, std::string_view types,
                      std::string_view sort);

std::string EncodeSearchCursor(int64_t offset, std::string_view sort, std::string_view key);

// The offset to continue from. InvalidArgument naming `cursor` when it is not one of ours or
// belongs to another search (`key`) or sort.
Result<int64_t> DecodeSearchCursor(std::string_view cursor, std::string_view sort,
                                   std::string_view key);

}  // namespace sahayak::search
