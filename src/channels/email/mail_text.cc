#include "channels/email/mail_text.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <memory>

#include "base/text.h"

namespace sahayak::channels {
namespace {

constexpr size_t kMaxHeaderValue = 64 * 1024;

bool Has8Bit(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return true;
  }
  return false;
}

char LowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// A charset label reduced to what ICU may be asked about; "" when it holds anything odd.
std::string NormalizeLabel(std::string_view charset) {
  charset = TrimAscii(charset);
  if (charset.size() >= 2 && charset.front() == '"' && charset.back() == '"') {
    charset = charset.substr(1, charset.size() - 2);
  }
  const size_t star = charset.find('*');  // RFC 2231 language suffix: utf-8*hi
  if (star != std::string_view::npos) charset = charset.substr(0, star);
  if (charset.empty() || charset.size() > 40) return "";
  std::string out;
  for (char c : charset) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.' || c == ':';
    if (!ok) return "?";
    out.push_back(LowerAscii(c));
  }
  return out;
}

bool IsAsciiLabel(const std::string& l) {
  return l.empty() || l == "us-ascii" || l == "ascii" || l == "ansi_x3.4-1968" || l == "us" ||
         l == "iso646-us" || l == "default" || l == "unknown-8bit" || l == "x-unknown";
}

bool IsUtf8Label(const std::string& l) {
  return l == "utf-8" || l == "utf8";
}

bool IsWideLabel(const std::string& l) {
  return StartsWith(l, "utf-16") || StartsWith(l, "utf-32") || StartsWith(l, "ucs-2") ||
         StartsWith(l, "ucs2") || StartsWith(l, "ucs-4") || StartsWith(l, "unicode") ||
         StartsWith(l, "utf-7") || StartsWith(l, "utf16") || StartsWith(l, "utf32");
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// ICU conversion; false when the charset is unknown. *had_errors tells of bytes that were not
// valid in the charset (replaced).
bool IcuToUtf8(std::string_view bytes, const std::string& label, std::string* out,
               bool* had_errors) {
  *had_errors = false;
  if (bytes.size() > (1u << 30)) return false;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(label.c_str(), &err));
  if (U_FAILURE(err) || !conv) return false;
  for (int attempt = 0; attempt < 2; ++attempt) {
    err = U_ZERO_ERROR;
    ucnv_reset(conv.get());
    if (attempt == 0) {
      ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
    } else {
      ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr,
                          &err);
    }
    if (U_FAILURE(err)) return false;
    icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), conv.get(), err);
    if (U_SUCCESS(err)) {
      out->clear();
      u.toUTF8String(*out);
      return true;
    }
    *had_errors = true;
  }
  return false;
}

std::string Windows1252ToUtf8(std::string_view bytes) {
  std::string out;
  bool errors = false;
  if (IcuToUtf8(bytes, "windows-1252", &out, &errors)) return RepairUtf8(out);
  return RepairUtf8(bytes);
}

bool IsKnownCharset(const std::string& label) {
  if (label.empty() || label == "?") return false;
  UErrorCode err = U_ZERO_ERROR;
  const uint16_t aliases = ucnv_countAliases(label.c_str(), &err);
  return U_SUCCESS(err) && aliases > 0;
}

std::string PrintableLabel(const std::string& label) {
  return label == "?" ? std::string("(unreadable name)") : label;
}

// ---- RFC 2047 ----

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

std::string DecodeBase64Lenient(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    const int v = Base64Value(c);
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string DecodeQ(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '_') {
      out.push_back(' ');
    } else if (c == '=' && i + 2 < in.size() + 0 && HexValue(in[i + 1]) >= 0 &&
               HexValue(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

struct Segment {
  std::string bytes;
  std::string charset;  // "" for raw text
  bool encoded = false;
};

// Parses "=?charset?E?text?=" at the start of `s`; returns its length or 0.
size_t ParseEncodedWord(std::string_view s, Segment* seg) {
  if (!StartsWith(s, "=?")) return 0;
  const size_t q1 = s.find('?', 2);
  if (q1 == std::string_view::npos || q1 == 2 || q1 > 80) return 0;
  if (q1 + 3 > s.size() || s[q1 + 2] != '?') return 0;
  const char enc = LowerAscii(s[q1 + 1]);
  if (enc != 'b' && enc != 'q') return 0;
  const size_t text_start = q1 + 3;
  // The text ends at "?="; it holds no white space, and real words are short (75 characters
  // by RFC 2047, a few hundred from broken clients), so the search is bounded.
  size_t end = std::string_view::npos;
  for (size_t k = text_start; k + 1 < s.size() && k < text_start + 4096; ++k) {
    if (IsSpace(s[k])) break;
    if (s[k] == '?' && s[k + 1] == '=') {
      end = k;
      break;
    }
  }
  if (end == std::string_view::npos) return 0;
  const std::string_view charset = s.substr(2, q1 - 2);
  const std::string_view text = s.substr(text_start, end - text_start);
  for (char c : charset) {
    if (IsSpace(c)) return 0;
  }
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 0;
  }
  seg->charset = NormalizeLabel(charset);
  if (seg->charset.empty()) seg->charset = "?";
  seg->encoded = true;
  seg->bytes = enc == 'b' ? DecodeBase64Lenient(text) : DecodeQ(text);
  return end + 2;
}

std::string FoldWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0B || c == 0x0C) {
      space = true;
      ++i;
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      ++i;
      continue;
    }
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      // C1 controls; U+00A0 (no-break space) counts as space.
      if (static_cast<unsigned char>(s[i + 1]) < 0xA0) {
        i += 2;
        continue;
      }
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
    ++i;
  }
  return out;
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

std::string ConvertToUtf8(std::string_view bytes, std::string_view charset,
                          std::vector<std::string>* problems) {
  const std::string label = NormalizeLabel(charset);
  const bool eight_bit = Has8Bit(bytes);
  if (IsAsciiLabel(label)) {
    if (!eight_bit || IsValidUtf8(bytes)) return std::string(bytes);
    if (!label.empty()) {
      NoteProblem(problems, "8-bit text labelled " + label + ", read as windows-1252");
    }
    return Windows1252ToUtf8(bytes);
  }
  if (IsUtf8Label(label)) {
    if (IsValidUtf8(bytes)) return std::string(bytes);
    NoteProblem(problems, "invalid UTF-8 replaced");
    return RepairUtf8(bytes);
  }
  const bool wide = IsWideLabel(label);
  if (!wide && eight_bit && IsValidUtf8(bytes)) {
    NoteProblem(problems, "text labelled " + label + " is UTF-8");
    return std::string(bytes);
  }
  if (!wide && !eight_bit && !StartsWith(label, "iso-2022") && !StartsWith(label, "hz")) {
    // 7-bit text in an ASCII-compatible charset is itself (mail charsets are, but for the
    // 7-bit stateful ones above); only whether the name is known is worth a note.
    if (!IsKnownCharset(label)) NoteProblem(problems, "unknown charset " + PrintableLabel(label));
    return std::string(bytes);
  }
  std::string out;
  bool errors = false;
  if (label == "?" || !IcuToUtf8(bytes, label, &out, &errors)) {
    NoteProblem(problems, "unknown charset " + PrintableLabel(label));
    return IsValidUtf8(bytes) ? std::string(bytes) : RepairUtf8(bytes);
  }
  if (errors) NoteProblem(problems, "bytes not valid in " + label + " replaced");
  return IsValidUtf8(out) ? out : RepairUtf8(out);
}

std::string DecodeHeaderText(std::string_view raw, std::vector<std::string>* problems) {
  std::vector<Segment> segments;
  size_t i = 0;
  size_t plain_start = 0;
  auto flush_plain = [&](size_t end, bool before_encoded) {
    std::string_view plain = raw.substr(plain_start, end - plain_start);
    if (plain.empty()) return;
    // White space between two encoded words is not part of the text (RFC 2047 section 6.2).
    if (before_encoded && !segments.empty() && segments.back().encoded &&
        TrimAscii(plain).empty()) {
      return;
    }
    if (!segments.empty() && !segments.back().encoded) {
      segments.back().bytes.append(plain);
    } else {
      segments.push_back({std::string(plain), "", false});
    }
  };
  while (i < raw.size()) {
    const size_t p = raw.find("=?", i);
    if (p == std::string_view::npos) break;
    Segment seg;
    const size_t len = ParseEncodedWord(raw.substr(p), &seg);
    if (len == 0) {
      i = p + 2;
      continue;
    }
    flush_plain(p, true);
    // Adjacent words in one charset are joined before conversion, so a character split between
    // two words (as some clients do) survives.
    if (!segments.empty() && segments.back().encoded && segments.back().charset == seg.charset) {
      segments.back().bytes.append(seg.bytes);
    } else {
      segments.push_back(std::move(seg));
    }
    i = p + len;
    plain_start = i;
  }
  flush_plain(raw.size(), false);
  std::string joined;
  for (const Segment& s : segments) {
    joined.append(ConvertToUtf8(s.bytes, s.charset, problems));
  }
  std::string folded = FoldWhitespace(RepairUtf8(joined));
  return ToNfc(Trim(folded));
}

std::string CleanBodyText(std::string_view utf8) {
  const std::string valid = IsValidUtf8(utf8) ? std::string(utf8) : RepairUtf8(utf8);
  std::string out;
  out.reserve(valid.size());
  for (size_t i = 0; i < valid.size(); ++i) {
    const auto c = static_cast<unsigned char>(valid[i]);
    if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < valid.size() && valid[i + 1] == '\n') ++i;
      continue;
    }
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) continue;
    if (c == 0xC2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) < 0xA0) {
      ++i;  // C1 control
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  return ToNfc(out);
}

std::vector<std::string> ParseMessageIds(std::string_view raw) {
  std::vector<std::string> ids;
  auto add = [&ids](std::string_view id) {
    std::string clean;
    for (char c : id) {
      const auto u = static_cast<unsigned char>(c);
      if (u > 0x20 && u < 0x7F && c != '<' && c != '>' && c != '"') clean.push_back(c);
    }
    if (clean.empty() || clean.size() > 500) return;
    for (const std::string& have : ids) {
      if (have == clean) return;
    }
    if (ids.size() < 200) ids.push_back(std::move(clean));
  };
  bool bracketed = false;
  size_t i = 0;
  while (i < raw.size()) {
    const size_t open = raw.find('<', i);
    if (open == std::string_view::npos) break;
    const size_t close = raw.find('>', open + 1);
    if (close == std::string_view::npos) break;
    std::string_view inner = raw.substr(open + 1, close - open - 1);
    const size_t nested = inner.rfind('<');
    if (nested != std::string_view::npos) inner = inner.substr(nested + 1);
    if (!TrimAscii(inner).empty()) {
      bracketed = true;
      add(inner);
    }
    i = close + 1;
  }
  if (bracketed) return ids;
  // No brackets: whitespace- or comma-separated tokens that look like ids.
  size_t start = 0;
  for (size_t k = 0; k <= raw.size(); ++k) {
    const bool sep = k == raw.size() || IsSpace(raw[k]) || raw[k] == ',' || raw[k] == ';';
    if (!sep) continue;
    std::string_view token = raw.substr(start, k - start);
    if (token.find('@') != std::string_view::npos && token.front() != '@' && token.back() != '@') {
      add(token);
    }
    start = k + 1;
  }
  return ids;
}

std::string SafeFilename(std::string_view utf8) {
  std::string valid = IsValidUtf8(utf8) ? std::string(utf8) : RepairUtf8(utf8);
  const size_t slash = valid.find_last_of("/\\");
  if (slash != std::string::npos) valid = valid.substr(slash + 1);
  std::string out;
  for (size_t i = 0; i < valid.size(); ++i) {
    const auto c = static_cast<unsigned char>(valid[i]);
    if (c < 0x20 || c == 0x7F) continue;
    if (c == 0xC2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) < 0xA0) {
      ++i;
      continue;
    }
    // Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069) can disguise an
    // extension ("invoice\u202Efdp.exe").
    if (c == 0xE2 && i + 2 < valid.size()) {
      const auto c1 = static_cast<unsigned char>(valid[i + 1]);
      const auto c2 = static_cast<unsigned char>(valid[i + 2]);
      if ((c1 == 0x80 && c2 >= 0xAA && c2 <= 0xAE) || (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9)) {
        i += 2;
        continue;
      }
    }
    if (c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|') {
      out.push_back('_');
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  out = Trim(FoldWhitespace(out));
  if (out == "." || out == "..") return "";
  if (out.size() > 200) {
    std::string ext;
    const size_t dot = out.rfind('.');
    if (dot != std::string::npos && out.size() - dot <= 16) ext = out.substr(dot);
    size_t cut = 200 - ext.size();
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + ext;
  }
  return ToNfc(out);
}

std::vector<RawHeader> ScanHeaders(std::string_view raw, size_t* body_offset,
                                   bool* missing_blank_line) {
  std::vector<RawHeader> headers;
  *missing_blank_line = false;
  size_t pos = 0;
  bool first = true;
  while (pos < raw.size()) {
    size_t eol = raw.find('\n', pos);
    const size_t next = eol == std::string_view::npos ? raw.size() : eol + 1;
    std::string_view line =
        raw.substr(pos, (eol == std::string_view::npos ? raw.size() : eol) - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      pos = next;
      break;
    }
    if (first && StartsWith(line, "From ")) {  // mbox separator line
      first = false;
      pos = next;
      continue;
    }
    first = false;
    if ((line[0] == ' ' || line[0] == '\t')) {
      if (headers.empty()) {
        pos = next;  // leading white space before any header: skip it
        continue;
      }
      std::string& value = headers.back().value;
      const std::string_view more = TrimAscii(line);
      if (!more.empty() && value.size() < kMaxHeaderValue) {
        if (!value.empty()) value.push_back(' ');
        value.append(more);
      }
      pos = next;
      continue;
    }
    const size_t colon = line.find(':');
    bool valid = colon != std::string_view::npos && colon > 0;
    std::string_view name = valid ? TrimAscii(line.substr(0, colon)) : std::string_view();
    if (valid) {
      valid = !name.empty() && name.size() <= 100;
      for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F) valid = false;
      }
    }
    if (!valid) {
      *missing_blank_line = !headers.empty();
      break;
    }
    if (headers.size() < 1000) {
      // A header value is never legitimately this long; the cap keeps every later step linear.
      headers.push_back(
          {std::string(name),
           std::string(TrimAscii(line.substr(colon + 1)).substr(0, kMaxHeaderValue))});
    }
    pos = next;
  }
  *body_offset = pos;
  return headers;
}

const std::string* FindHeader(const std::vector<RawHeader>& headers, std::string_view name) {
  for (const RawHeader& h : headers) {
    if (EqualsIgnoreCase(h.name, name)) return &h.value;
  }
  return nullptr;
}

void NoteProblem(std::vector<std::string>* problems, std::string what) {
  if (problems == nullptr) return;
  for (const std::string& p : *problems) {
    if (p == what) return;
  }
  if (problems->size() < 50) problems->push_back(std::move(what));
}

}  // namespace sahayak::channels
