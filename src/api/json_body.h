#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace sahayak::api {

// Parses a request body that must be one JSON object: checks UTF-8 ("invalid-utf8"), nesting
// of at most 64 levels and syntax ("malformed-json"), then stores every string and key as NFC.
// Errors are InvalidArgument with the problem kind set (400); a non-object is "validation".
Result<nlohmann::json> ParseJsonBody(std::string_view body);

}  // namespace sahayak::api
