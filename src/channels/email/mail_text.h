#pragma once

// Text helpers for the MIME parser: charset conversion, header decoding, Message-ID lists,
// dates and file names. Everything here takes outside bytes and never fails hard: the result is
// always valid UTF-8, and what had to be repaired is appended to `problems` when one is given.
// Thread-safe; no shared state.

#include <string>
#include <string_view>
#include <vector>

namespace sahayak::channels {

// Bytes in `charset` (any name or alias ICU knows: "UTF-8", "iso-8859-1", "windows-1252",
// "koi8-r", "utf-16" with or without a BOM ...) as UTF-8, not yet NFC.
//  - An empty or ASCII label on 8-bit text: UTF-8 when the bytes are valid UTF-8, else
//    Windows-1252 (what such mail nearly always is).
//  - A single-byte label on bytes that are valid multi-byte UTF-8: UTF-8 (a lying label), noted.
//  - An unknown charset or invalid bytes: best effort (valid UTF-8 kept, else U+FFFD for each
//    bad sequence), noted.
std::string ConvertToUtf8(std::string_view bytes, std::string_view charset,
                          std::vector<std::string>* problems);

// An unstructured header value (Subject, a display name, a file name) as a reader sees it:
// RFC 2047 encoded words (B and Q, split across words and lines, a character split between two
// words) decoded, raw 8-bit bytes taken as UTF-8 or else Windows-1252, unfolded, runs of white
// space folded to one space, control characters dropped, trimmed, NFC.
std::string DecodeHeaderText(std::string_view raw, std::vector<std::string>* problems);

// Valid UTF-8 without control characters other than tab and line feed (CRLF and CR become LF),
// in NFC. For decoded bodies.
std::string CleanBodyText(std::string_view utf8);

// The Message-IDs in a Message-ID, In-Reply-To or References value, without <>, in order,
// without duplicates. Tolerant: ids without brackets, comments and junk between ids, ids folded
// over lines. Anything without an "@" outside brackets is ignored.
std::vector<std::string> ParseMessageIds(std::string_view raw);

// A file name safe to store and offer for download: no directories, control or bidi-override
// characters, at most 200 bytes (cut at a character boundary, keeping the extension), not
// empty, "." or "..". Returns "" when nothing usable is left, so the caller can generate one.
std::string SafeFilename(std::string_view utf8);

// One header field of a header block, unfolded (continuation lines joined by one space).
struct RawHeader {
  std::string name;   // as written
  std::string value;  // raw bytes, leading and trailing white space removed
};

// The header block at the start of `raw` (an optional mbox "From " line is skipped). Stops at
// the first empty line, or at the first line that is neither a header nor a continuation
// (then *missing_blank_line is set). *body_offset is where the body starts. Accepts CRLF and
// bare LF line ends.
std::vector<RawHeader> ScanHeaders(std::string_view raw, size_t* body_offset,
                                   bool* missing_blank_line);

// The value of the first header named `name` (ASCII case-insensitive), or nullptr.
const std::string* FindHeader(const std::vector<RawHeader>& headers, std::string_view name);

// True when a and b are equal ignoring ASCII case.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Adds `what` to a parser's problem list (may be null) unless it is there already; at most 50.
void NoteProblem(std::vector<std::string>* problems, std::string what);

}  // namespace sahayak::channels
