#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace sahayak::api {

// One part of a multipart/form-data body (RFC 7578).
struct MultipartPart {
  // The Content-Disposition "name" parameter (the form field), as sent; may be empty.
  std::string name;
  // Empty when the part is an ordinary field (no filename parameter). Otherwise the file's name,
  // safe to show and to offer for download: the RFC 5987 `filename*` (UTF-8 or ISO-8859-1)
  // takes precedence over `filename`; any directory part ("C:\dir\", "../") is cut off;
  // control characters and bidirectional overrides are removed; at most 255 bytes, keeping the
  // extension; "attachment" when nothing is left. Never a path, ".", or "..".
  std::string filename;
  // The part's Content-Type header value, trimmed; "text/plain" when absent (RFC 7578 4.4).
  std::string content_type;
  // The part's bytes, pointing into the parsed body: valid as long as the body is.
  std::string_view data;
};

// The boundary parameter of a Content-Type header value, e.g. for
// `multipart/form-data; boundary="----x"` returns "----x". The media type must be
// multipart/form-data (any case); the boundary may be a token or a quoted string and must be
// 1 to 70 characters from RFC 2046's set (letters, digits, '()+_,-./:=? and inner spaces).
// Errors are InvalidArgument naming the problem.
Result<std::string> MultipartBoundary(std::string_view content_type);

// Splits a multipart/form-data body at `boundary` (as returned by MultipartBoundary).
// Lenient where clients differ: CRLF or bare LF line endings, a preamble before the first
// boundary and an epilogue after the last, white space after a boundary line, folded header
// lines, header names in any case, `\"` escapes in quoted parameters (a backslash before any
// other character is kept, so Windows paths survive). Strict where it matters: every part
// needs a Content-Disposition header with a name parameter, and the body must end with the
// closing boundary ("--boundary--"); otherwise InvalidArgument. More than `max_parts` parts
// gives ResourceExhausted. Header values and names in the result are valid UTF-8 (invalid
// sequences become U+FFFD); `data` is returned as sent. Runs in time linear in the body.
Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                  size_t max_parts = 100);

}  // namespace sahayak::api
