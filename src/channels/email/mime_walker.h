#pragma once

// The walk over a parsed vmime MIME tree that collects the bodies, the file parts and what a
// delivery report holds. Internal to VmimeMailParser; no vmime types in this header.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/mail.h"

namespace sahayak::channels {

struct WalkLimits {
  size_t max_parts = 100;
  size_t max_part_bytes = 25u * 1024 * 1024;
  int max_depth = 30;
};

struct WalkResult {
  std::string plain;  // text/plain bodies, UTF-8, cleaned
  std::string html;   // text/html bodies, UTF-8
  std::vector<domain::MailPart> parts;
  std::string dsn;               // the message/delivery-status body, when found
  std::string returned_headers;  // header block of the bounced message in a report
  bool has_dsn_part = false;
  bool dropped_parts = false;
  bool is_delivery_report = false;  // top-level multipart/report; report-type=delivery-status
};

// Summarises a forwarded message for the text of the one that carries it: returns its decoded
// subject (for the .eml file name) and fills *summary with "From/Date/Subject + text".
using ForwardSummarizer =
    std::function<std::string(std::string_view eml, int depth, std::string* summary)>;

// Parses `mime` (a whole message, headers normalised) with vmime and walks it. Never throws;
// a vmime failure is noted in problems and whatever was collected is returned.
WalkResult WalkMime(const std::string& mime, const WalkLimits& limits, int depth,
                    const ForwardSummarizer& forward, std::vector<std::string>* problems);

}  // namespace sahayak::channels
