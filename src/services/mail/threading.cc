#include "services/mail/threading.h"

#include <array>

#include "base/crypto.h"
#include "base/text.h"

namespace sahayak::services {

namespace {

// Reply and forward prefixes as mail clients write them, case-folded: English, German
// (AW, WG), Nordic (SV, VS, VB), Dutch (Antw, Doorst), French (TR), Italian (RIF, I),
// Spanish/Portuguese (RES, RV, ENC), Polish (ODP, PD), Hindi and Kannada.
constexpr std::array<std::string_view, 21> kPrefixes = {
    "re",  "fw",  "fwd", "aw",  "wg",  "sv", "vs",   "vb",   "antw", "doorst",  "tr",
    "rif", "res", "rv",  "enc", "odp", "pd", "उत्तर", "जवाब", "ಉತ್ತರ", "ಪ್ರತ್ಯುತ್ತರ"};

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Byte length of the white-space character at s[i], or 0. Covers ASCII white space and the
// Unicode spaces mail clients put into subjects (no-break, thin, ideographic, zero-width).
size_t SpaceLength(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
  auto at = [&](size_t k) -> unsigned char {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
  };
  if (c == 0xC2 && at(1) == 0xA0) return 2;                                    // U+00A0
  if (c == 0xE2 && at(1) == 0x80 && at(2) >= 0x80 && at(2) <= 0x8B) return 3;  // U+2000-200B
  if (c == 0xE2 && at(1) == 0x80 && at(2) == 0xAF) return 3;                   // U+202F
  if (c == 0xE2 && at(1) == 0x81 && at(2) == 0x9F) return 3;                   // U+205F
  if (c == 0xE3 && at(1) == 0x80 && at(2) == 0x80) return 3;                   // U+3000
  if (c == 0xEF && at(1) == 0xBB && at(2) == 0xBF) return 3;                   // U+FEFF
  return 0;
}

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size()) {
    size_t n = SpaceLength(s, i);
    if (n == 0) break;
    i += n;
  }
  return i;
}

// Where the text continues after a reply/forward prefix at `pos` ("re:", "RE :", "re[2]:",
// "aw^3:", "re："), or npos when there is none.
size_t AfterPrefix(std::string_view s, size_t pos) {
  for (std::string_view word : kPrefixes) {
    if (s.substr(pos, word.size()) != word) continue;
    size_t p = pos + word.size();
    if (p < s.size() && (s[p] == '[' || s[p] == '(')) {
      const char close = s[p] == '[' ? ']' : ')';
      size_t q = p + 1;
      while (q < s.size() && IsDigit(s[q]) && q - p <= 4) ++q;
      if (q > p + 1 && q < s.size() && s[q] == close) p = q + 1;
    } else if (p < s.size() && s[p] == '^') {
      size_t q = p + 1;
      while (q < s.size() && IsDigit(s[q]) && q - p <= 4) ++q;
      if (q > p + 1) p = q;
    }
    p = SkipSpace(s, p);
    if (p < s.size() && s[p] == ':') return p + 1;
    if (s.substr(p, 3) == "\xEF\xBC\x9A") return p + 3;  // U+FF1A full-width colon
  }
  return std::string_view::npos;
}

// Length of a "[#123]" token at s[i], or 0.
size_t TokenLength(std::string_view s, size_t i, int64_t* number) {
  if (s.substr(i, 2) != "[#") return 0;
  size_t p = i + 2;
  int64_t n = 0;
  while (p < s.size() && IsDigit(s[p]) && p - i - 2 < 18) {
    n = n * 10 + (s[p] - '0');
    ++p;
  }
  if (p == i + 2 || p >= s.size() || s[p] != ']') return 0;
  if (number != nullptr) *number = n;
  return p + 1 - i;
}

// Decodes one code point of valid UTF-8 at s[i]; advances i.
char32_t NextCodePoint(std::string_view s, size_t* i) {
  const unsigned char c = static_cast<unsigned char>(s[*i]);
  size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (*i + len > s.size()) len = s.size() - *i;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += len;
  return cp;
}

std::string ValidUtf8(std::string_view s) {
  return IsValidUtf8(s) ? std::string(s) : RepairUtf8(s);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// An attribute value as SanitizeHtml escaped it, unescaped and percent-decoded.
std::string DecodeCid(std::string_view v) {
  std::string unescaped;
  for (size_t i = 0; i < v.size();) {
    struct Entity {
      std::string_view text;
      char ch;
    };
    static constexpr Entity kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}};
    bool matched = false;
    for (const Entity& e : kEntities) {
      if (v.substr(i, e.text.size()) == e.text) {
        unescaped.push_back(e.ch);
        i += e.text.size();
        matched = true;
        break;
      }
    }
    if (!matched) unescaped.push_back(v[i++]);
  }
  std::string out;
  for (size_t i = 0; i < unescaped.size(); ++i) {
    if (unescaped[i] == '%' && i + 2 < unescaped.size() && HexValue(unescaped[i + 1]) >= 0 &&
        HexValue(unescaped[i + 2]) >= 0) {
      out.push_back(
          static_cast<char>(HexValue(unescaped[i + 1]) * 16 + HexValue(unescaped[i + 2])));
      i += 2;
    } else {
      out.push_back(unescaped[i]);
    }
  }
  return AsciiLower(out);
}

}  // namespace

std::string NormaliseSubject(std::string_view subject) {
  std::string folded = FoldCase(ValidUtf8(subject));
  std::string no_tokens;
  no_tokens.reserve(folded.size());
  for (size_t i = 0; i < folded.size();) {
    size_t n = TokenLength(folded, i, nullptr);
    if (n > 0) {
      no_tokens.push_back(' ');
      i += n;
    } else {
      no_tokens.push_back(folded[i++]);
    }
  }
  size_t pos = 0;
  while (true) {
    pos = SkipSpace(no_tokens, pos);
    size_t after = AfterPrefix(no_tokens, pos);
    if (after == std::string_view::npos) break;
    pos = after;
  }
  std::string out;
  bool pending_space = false;
  for (size_t i = pos; i < no_tokens.size();) {
    size_t n = SpaceLength(no_tokens, i);
    if (n > 0) {
      pending_space = true;
      i += n;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(no_tokens[i++]);
  }
  return out;
}

std::vector<int64_t> SubjectTicketNumbers(std::string_view subject) {
  std::vector<int64_t> out;
  for (size_t i = 0; i < subject.size() && out.size() < 10;) {
    int64_t n = 0;
    size_t len = TokenLength(subject, i, &n);
    if (len > 0) {
      if (n > 0) out.push_back(n);
      i += len;
    } else {
      ++i;
    }
  }
  return out;
}

std::optional<int64_t> PlusAddressTicketNumber(std::string_view address,
                                               std::string_view mailbox_address) {
  const size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= address.size()) return std::nullopt;
  const std::string_view local = address.substr(0, at);
  const size_t plus = local.rfind('+');
  if (plus == std::string_view::npos || plus == 0) return std::nullopt;
  const std::string_view tag = local.substr(plus + 1);
  if (tag.size() < 2 || tag.size() > 19 || (tag[0] != 't' && tag[0] != 'T')) return std::nullopt;
  int64_t n = 0;
  for (char c : tag.substr(1)) {
    if (!IsDigit(c)) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n <= 0) return std::nullopt;
  if (!mailbox_address.empty()) {
    std::string base = AsciiLower(local.substr(0, plus)) + "@" + AsciiLower(address.substr(at + 1));
    if (base != AsciiLower(Trim(mailbox_address))) return std::nullopt;
  }
  return n;
}

std::string CleanMessageId(std::string_view id) {
  std::string s = Trim(id);
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') s = Trim(s.substr(1, s.size() - 2));
  if (s.empty() || s.size() > 998) return "";
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>') return "";
  }
  return s;
}

std::string SyntheticMessageId(std::string_view raw) {
  return "sha256-" + Sha256Hex(raw) + "@sahayak.invalid";
}

std::string GuessLanguageByScript(std::string_view text) {
  std::string s = ValidUtf8(text.substr(0, 64 * 1024));
  int64_t devanagari = 0, kannada = 0, latin = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t c = NextCodePoint(s, &i);
    if (c >= 0x0900 && c <= 0x097F) {
      ++devanagari;
    } else if (c >= 0x0C80 && c <= 0x0CFF) {
      ++kannada;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7)) {
      ++latin;
    }
  }
  const int64_t letters = devanagari + kannada + latin;
  if (letters == 0) return "";
  if (devanagari * 2 > letters) return "hi";
  if (kannada * 2 > letters) return "kn";
  return "";
}

std::string RewriteCidImages(std::string_view html,
                             const std::map<std::string, std::string>& urls) {
  if (urls.empty()) return std::string(html);
  std::map<std::string, std::string> lower;
  for (const auto& [cid, url] : urls) lower.emplace(AsciiLower(cid), url);
  constexpr std::string_view kSrc = " src=\"";
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  while (true) {
    size_t at = html.find(kSrc, i);
    if (at == std::string_view::npos) break;
    size_t start = at + kSrc.size();
    size_t end = html.find('"', start);
    if (end == std::string_view::npos) break;
    std::string_view value = html.substr(start, end - start);
    out.append(html.substr(i, start - i));
    auto it = value.size() > 4 && AsciiLower(value.substr(0, 4)) == "cid:"
                  ? lower.find(DecodeCid(value.substr(4)))
                  : lower.end();
    out.append(it != lower.end() ? std::string_view(it->second) : value);
    i = end;
  }
  out.append(html.substr(i));
  return out;
}

}  // namespace sahayak::services
