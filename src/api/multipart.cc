#include "api/multipart.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "base/text.h"

namespace sahayak::api {
namespace {

constexpr size_t kMaxBoundaryLength = 70;
constexpr size_t kMaxFilenameBytes = 255;
constexpr size_t kMaxExtensionBytes = 16;

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && IsBlank(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Header values with parameters: `value *( ";" name "=" ( token / quoted-string ) )`.

struct Parameter {
  std::string name;  // lower case
  std::string value;
};

struct ParameterizedValue {
  std::string_view value;
  std::vector<Parameter> parameters;
};

// Quoted strings take `\"` and `\\` as escapes; a backslash before anything else is kept, as
// browsers send Windows paths unescaped.
Result<ParameterizedValue> ParseParameterized(std::string_view header) {
  ParameterizedValue out;
  size_t pos = std::min(header.find(';'), header.size());
  out.value = TrimBlanks(header.substr(0, pos));
  while (pos < header.size()) {
    ++pos;  // ';'
    const size_t eq = header.find_first_of("=;", pos);
    const std::string name = Lower(TrimBlanks(header.substr(pos, eq - pos)));
    if (eq == std::string_view::npos || header[eq] == ';') {
      if (!name.empty()) {
        out.parameters.push_back({name, ""});
      }
      pos = std::min(eq, header.size());
      continue;
    }
    pos = eq + 1;
    while (pos < header.size() && IsBlank(header[pos])) {
      ++pos;
    }
    std::string value;
    if (pos < header.size() && header[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < header.size()) {
        const char c = header[pos];
        if (c == '"') {
          closed = true;
          ++pos;
          break;
        }
        if (c == '\\' && pos + 1 < header.size() &&
            (header[pos + 1] == '"' || header[pos + 1] == '\\')) {
          value.push_back(header[pos + 1]);
          pos += 2;
          continue;
        }
        value.push_back(c);
        ++pos;
      }
      if (!closed) {
        return InvalidArgument("unterminated quoted string in parameter \"" +
                               RepairUtf8(name.substr(0, 40)) + "\"");
      }
      pos = std::min(header.find(';', pos), header.size());
    } else {
      const size_t end = std::min(header.find(';', pos), header.size());
      value = std::string(TrimBlanks(header.substr(pos, end - pos)));
      pos = end;
    }
    if (!name.empty()) {
      out.parameters.push_back({name, std::move(value)});
    }
  }
  return out;
}

const std::string* FindParameter(const ParameterizedValue& v, std::string_view name) {
  for (const Parameter& p : v.parameters) {
    if (p.name == name) {
      return &p.value;
    }
  }
  return nullptr;
}

Status CheckBoundary(std::string_view boundary) {
  if (boundary.empty()) {
    return InvalidArgument("multipart boundary is empty");
  }
  if (boundary.size() > kMaxBoundaryLength) {
    return InvalidArgument("multipart boundary is longer than 70 characters");
  }
  for (const char c : boundary) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
    if (!ok) {
      return InvalidArgument("multipart boundary contains a character RFC 2046 does not allow");
    }
  }
  if (boundary.back() == ' ') {
    return InvalidArgument("multipart boundary ends with a space");
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// File names.

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// RFC 5987 ext-value: charset "'" [language] "'" pct-encoded bytes. False when it is malformed
// or in a charset other than UTF-8 and ISO-8859-1.
bool DecodeExtValue(std::string_view ext, std::string* out) {
  const size_t q1 = ext.find('\'');
  const size_t q2 = q1 == std::string_view::npos ? q1 : ext.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) {
    return false;
  }
  const std::string charset = Lower(TrimBlanks(ext.substr(0, q1)));
  const bool latin1 = charset == "iso-8859-1" || charset == "latin1";
  if (charset != "utf-8" && charset != "utf8" && !latin1) {
    return false;
  }
  std::string bytes;
  const std::string_view encoded = ext.substr(q2 + 1);
  for (size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] != '%') {
      bytes.push_back(encoded[i]);
      continue;
    }
    const int hi = i + 2 < encoded.size() ? HexValue(encoded[i + 1]) : -1;
    const int lo = hi >= 0 ? HexValue(encoded[i + 2]) : -1;
    if (lo < 0) {
      return false;
    }
    bytes.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  if (!latin1) {
    *out = std::move(bytes);
    return true;
  }
  out->clear();
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out->push_back(ch);
    } else {
      out->push_back(static_cast<char>(0xC0 | (c >> 6)));
      out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return true;
}

// Code points that must not reach a file name: C0 and C1 controls, DEL, and the bidirectional
// embeddings, overrides and isolates that make "invoice\u202Efdp.exe" read as "invoiceexe.pdf".
// Zero-width (non-)joiners stay: Devanagari and Kannada spelling needs them.
bool IsUnsafeInFilename(std::string_view cp) {
  const auto b0 = static_cast<unsigned char>(cp[0]);
  if (cp.size() == 1) {
    return b0 < 0x20 || b0 == 0x7F;
  }
  if (cp.size() == 2) {
    return b0 == 0xC2 && static_cast<unsigned char>(cp[1]) < 0xA0;
  }
  if (cp.size() == 3 && b0 == 0xE2) {
    const auto b1 = static_cast<unsigned char>(cp[1]);
    const auto b2 = static_cast<unsigned char>(cp[2]);
    return (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
  }
  return false;
}

// Cuts `s` (valid UTF-8) to at most `max` bytes without splitting a code point.
std::string_view CutUtf8(std::string_view s, size_t max) {
  if (s.size() <= max) {
    return s;
  }
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) {
    --end;
  }
  return s.substr(0, end);
}

std::string SanitizeFilename(std::string_view raw) {
  std::string name = RepairUtf8(raw);
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) {
    name.erase(0, slash + 1);
  }
  std::string clean;
  size_t i = 0;
  while (i < name.size()) {
    size_t bad = 0;
    const size_t n = std::max<size_t>(Utf8SequenceLength(std::string_view(name).substr(i), &bad), 1);
    const std::string_view cp = std::string_view(name).substr(i, n);
    if (!IsUnsafeInFilename(cp)) {
      clean.append(cp);
    }
    i += n;
  }
  std::string_view trimmed = TrimBlanks(clean);
  if (trimmed.find_first_not_of('.') == std::string_view::npos) {
    return "attachment";
  }
  if (trimmed.size() <= kMaxFilenameBytes) {
    return std::string(trimmed);
  }
  const size_t dot = trimmed.rfind('.');
  std::string_view extension;
  if (dot != std::string_view::npos && dot > 0 && trimmed.size() - dot <= kMaxExtensionBytes) {
    extension = trimmed.substr(dot);
  }
  const std::string_view stem = trimmed.substr(0, trimmed.size() - extension.size());
  return std::string(CutUtf8(stem, kMaxFilenameBytes - extension.size())) + std::string(extension);
}

// ---------------------------------------------------------------------------------------------
// Body structure.

struct Delimiter {
  size_t start;  // of the line break before "--boundary", or of "--" at the body's start
  size_t next;   // first byte after the delimiter line; unused for the closing delimiter
  bool closing;
};

// The first delimiter line at or after `from`: "--boundary" at the start of a line, then either
// "--" (closing) or optional blanks and a line break.
bool FindDelimiter(std::string_view body, std::string_view dash_boundary, size_t from,
                   size_t data_start, Delimiter* out) {
  size_t pos = from;
  while (true) {
    const size_t k = body.find(dash_boundary, pos);
    if (k == std::string_view::npos) {
      return false;
    }
    pos = k + 1;
    if (k != 0 && body[k - 1] != '\n') {
      continue;
    }
    size_t start = k;
    if (start > data_start && body[start - 1] == '\n') {
      --start;
      if (start > data_start && body[start - 1] == '\r') {
        --start;
      }
    }
    size_t t = k + dash_boundary.size();
    if (body.substr(t, 2) == "--") {
      *out = {start, body.size(), true};
      return true;
    }
    while (t < body.size() && IsBlank(body[t])) {
      ++t;
    }
    if (t < body.size() && body[t] == '\n') {
      *out = {start, t + 1, false};
      return true;
    }
    if (t + 1 < body.size() && body[t] == '\r' && body[t + 1] == '\n') {
      *out = {start, t + 2, false};
      return true;
    }
  }
}

struct Headers {
  std::string content_disposition;
  std::string content_type;
  bool has_disposition = false;
  bool has_type = false;
};

std::string PartLabel(size_t index) { return "multipart part " + std::to_string(index + 1); }

// Reads the header lines from `*pos` up to and including the blank line that ends them.
Result<Headers> ReadHeaders(std::string_view body, std::string_view dash_boundary, size_t index,
                            size_t* pos) {
  Headers headers;
  std::string* last = nullptr;
  while (true) {
    const size_t eol = body.find('\n', *pos);
    if (eol == std::string_view::npos) {
      return InvalidArgument(PartLabel(index) + ": headers are not ended by a blank line");
    }
    std::string_view line = body.substr(*pos, eol - *pos);
    *pos = eol + 1;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.empty()) {
      return headers;
    }
    if (IsBlank(line.front())) {
      if (last != nullptr) {
        last->append(" ").append(TrimBlanks(line));
      }
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      if (line.substr(0, dash_boundary.size()) == dash_boundary) {
        return InvalidArgument(PartLabel(index) + ": no blank line after the headers");
      }
      return InvalidArgument(PartLabel(index) + ": header line without a colon");
    }
    const std::string name = Lower(TrimBlanks(line.substr(0, colon)));
    const std::string_view value = TrimBlanks(line.substr(colon + 1));
    last = nullptr;
    if (name == "content-disposition" && !headers.has_disposition) {
      headers.has_disposition = true;
      headers.content_disposition = std::string(value);
      last = &headers.content_disposition;
    } else if (name == "content-type" && !headers.has_type) {
      headers.has_type = true;
      headers.content_type = std::string(value);
      last = &headers.content_type;
    }
  }
}

Result<MultipartPart> MakePart(const Headers& headers, size_t index, std::string_view data) {
  if (!headers.has_disposition) {
    return InvalidArgument(PartLabel(index) + " has no Content-Disposition header");
  }
  Result<ParameterizedValue> disposition = ParseParameterized(headers.content_disposition);
  if (!disposition.ok()) {
    return InvalidArgument(PartLabel(index) + ": Content-Disposition has an " +
                           disposition.status().message());
  }
  const std::string* name = FindParameter(*disposition, "name");
  if (name == nullptr) {
    return InvalidArgument(PartLabel(index) + ": Content-Disposition has no name parameter");
  }
  MultipartPart part;
  part.name = RepairUtf8(*name);
  const std::string* ext_filename = FindParameter(*disposition, "filename*");
  const std::string* filename = FindParameter(*disposition, "filename");
  std::string decoded;
  if (ext_filename != nullptr && DecodeExtValue(*ext_filename, &decoded)) {
    part.filename = SanitizeFilename(decoded);
  } else if (filename != nullptr) {
    part.filename = SanitizeFilename(*filename);
  } else if (ext_filename != nullptr) {
    part.filename = SanitizeFilename("");
  }
  part.content_type = headers.has_type && !headers.content_type.empty()
                          ? RepairUtf8(headers.content_type)
                          : std::string("text/plain");
  part.data = data;
  return part;
}

}  // namespace

Result<std::string> MultipartBoundary(std::string_view content_type) {
  Result<ParameterizedValue> parsed = ParseParameterized(content_type);
  if (!parsed.ok()) {
    return InvalidArgument("Content-Type has an " + parsed.status().message());
  }
  if (Lower(parsed->value) != "multipart/form-data") {
    return InvalidArgument("Content-Type is not multipart/form-data");
  }
  const std::string* boundary = FindParameter(*parsed, "boundary");
  if (boundary == nullptr) {
    return InvalidArgument("Content-Type has no boundary parameter");
  }
  RETURN_IF_ERROR(CheckBoundary(*boundary));
  return *boundary;
}

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                  size_t max_parts) {
  RETURN_IF_ERROR(CheckBoundary(boundary));
  const std::string dash_boundary = "--" + std::string(boundary);
  Delimiter delimiter;
  if (!FindDelimiter(body, dash_boundary, 0, 0, &delimiter)) {
    return InvalidArgument("multipart body does not contain its boundary");
  }
  std::vector<MultipartPart> parts;
  while (!delimiter.closing) {
    if (parts.size() >= max_parts) {
      return ResourceExhausted("multipart body has more than " + std::to_string(max_parts) +
                               " parts");
    }
    size_t pos = delimiter.next;
    Result<Headers> headers = ReadHeaders(body, dash_boundary, parts.size(), &pos);
    if (!headers.ok()) {
      return headers.status();
    }
    const size_t data_start = pos;
    if (!FindDelimiter(body, dash_boundary, data_start, data_start, &delimiter)) {
      return InvalidArgument("multipart body has no closing boundary");
    }
    Result<MultipartPart> part =
        MakePart(*headers, parts.size(), body.substr(data_start, delimiter.start - data_start));
    if (!part.ok()) {
      return part.status();
    }
    parts.push_back(std::move(part).value());
  }
  return parts;
}

}  // namespace sahayak::api
