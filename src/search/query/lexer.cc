#include "search/query/lexer.h"

#include <unicode/uchar.h>

#include <vector>

#include "search/query/field_term.h"

namespace sahayak::search::query::internal {

char32_t DecodeAt(std::string_view s, size_t pos, size_t* len) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  size_t n = 1;
  char32_t cp = b0;
  if (b0 >= 0xF0) {
    n = 4;
    cp = b0 & 0x07;
  } else if (b0 >= 0xE0) {
    n = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xC0) {
    n = 2;
    cp = b0 & 0x1F;
  }
  if (pos + n > s.size()) n = s.size() - pos;  // not reached on valid UTF-8
  for (size_t k = 1; k < n; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[pos + k]) & 0x3F);
  }
  *len = n;
  return cp;
}

namespace {

enum CharClass : unsigned char { kPlain = 0, kSpace = 1, kExtender = 2 };

bool IcuSpace(char32_t c) {
  // Control characters (Cc) separate words, but format characters (Cf) do not: ZWJ and
  // ZWNJ sit inside Devanagari and Kannada words (क्‍ष, ಆನ್‌ಲೈನ್), as does the soft hyphen,
  // and the Analyzer removes them. u_iscntrl() would count them as controls.
  return u_isUWhiteSpace(static_cast<UChar32>(c)) ||
         u_charType(static_cast<UChar32>(c)) == U_CONTROL_CHAR || c == 0x200B || c == 0xFEFF;
}

bool IcuExtender(char32_t c) {
  const int gcb = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_GRAPHEME_CLUSTER_BREAK);
  return gcb == U_GCB_EXTEND || gcb == U_GCB_SPACING_MARK || gcb == U_GCB_ZWJ;
}

// ICU's property lookups cost more than the rest of the lexer together, so the Basic
// Multilingual Plane (every Indian script) is classified once, on first use.
const std::vector<unsigned char>& BmpClasses() {
  static const std::vector<unsigned char> classes = [] {
    std::vector<unsigned char> table(0x10000, kPlain);
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (IcuSpace(c)) {
        table[c] = kSpace;
      } else if (IcuExtender(c)) {
        table[c] = kExtender;
      }
    }
    return table;
  }();
  return classes;
}

}  // namespace

bool IsSpace(char32_t c) {
  if (c < 0x80) return c <= 0x20 || c == 0x7F;
  return c < 0x10000 ? BmpClasses()[c] == kSpace : IcuSpace(c);
}

bool IsExtender(char32_t c) {
  if (c < 0x300) return false;
  return c < 0x10000 ? BmpClasses()[c] == kExtender : IcuExtender(c);
}

namespace {

bool IsSyntax(char32_t c) {
  return c == '"' || c == '(' || c == ')';
}

// Skips white space and the extenders that belong to it (or to a delimiter just passed).
size_t SkipSpace(std::string_view s, size_t pos) {
  while (pos < s.size()) {
    size_t len = 0;
    const char32_t c = DecodeAt(s, pos, &len);
    if (!IsSpace(c) && !IsExtender(c)) break;
    pos += len;
  }
  return pos;
}

size_t SkipExtenders(std::string_view s, size_t pos) {
  while (pos < s.size()) {
    size_t len = 0;
    if (!IsExtender(DecodeAt(s, pos, &len))) break;
    pos += len;
  }
  return pos;
}

// End of the run of word characters starting at `pos`.
size_t WordEnd(std::string_view s, size_t pos) {
  while (pos < s.size()) {
    size_t len = 0;
    const char32_t c = DecodeAt(s, pos, &len);
    if (IsSpace(c) || IsSyntax(c)) break;
    pos += len;
  }
  return pos;
}

// Reads a quoted run starting at the quote at `pos`; returns the position after the closing
// quote (or the end) and stores the collapsed inside in `*inside`.
size_t ReadQuoted(std::string_view s, size_t pos, std::string* inside, Span* inside_span,
                  Problems* problems) {
  const size_t open = pos;
  const size_t begin = SkipExtenders(s, pos + 1);
  const size_t close = s.find('"', begin);
  const size_t end = close == std::string_view::npos ? s.size() : close;
  *inside = CollapseSpaces(s.substr(begin, end - begin));
  *inside_span = Span{begin, end};
  if (close == std::string_view::npos) {
    problems->Warn("unclosed-quote",
                   "The quote opened here is not closed; it was read to the end of the query.",
                   Span{open, s.size()});
    return s.size();
  }
  return SkipExtenders(s, close + 1);
}

// Reads the operator of a field term at `pos` (just after the name); "" when there is none.
std::string ReadOp(std::string_view s, size_t* pos, bool date_field) {
  auto at = [&](size_t i) { return i < s.size() ? s[i] : '\0'; };
  size_t i = *pos;
  if (at(i) == ':') {
    ++i;
    if (!date_field || (at(i) != '<' && at(i) != '>' && at(i) != '=')) {
      *pos = i;
      return ":";
    }
  }
  std::string op;
  if (at(i) == '<' || at(i) == '>') {
    op = std::string(1, at(i));
    ++i;
    if (at(i) == '=') {
      op += '=';
      ++i;
    }
  } else if (at(i) == '=') {
    op = "=";
    ++i;
  }
  if (!op.empty()) *pos = i;
  return op;
}

// Reads a field term if the word at [begin, end) starts with a known field name and an
// operator. Returns false (and leaves `*token` alone) otherwise.
bool ReadField(std::string_view s, size_t begin, size_t end, Token* token, size_t* next,
               Problems* problems) {
  size_t i = begin;
  while (i < end && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) ++i;
  if (i == begin || i == end) return false;
  const std::string_view name = CanonicalFieldName(s.substr(begin, i - begin));
  if (name.empty()) return false;
  std::string op = ReadOp(s.substr(0, end), &i, IsDateField(name));
  if (op.empty()) return false;
  token->kind = TokenKind::kField;
  token->name = std::string(name);
  token->op = std::move(op);
  const size_t value_begin = SkipExtenders(s.substr(0, end), i);
  if (value_begin == end && end < s.size() && s[end] == '"') {
    token->quoted = true;
    *next = ReadQuoted(s, end, &token->text, &token->value_span, problems);
  } else {
    token->text = std::string(s.substr(value_begin, end - value_begin));
    token->value_span = Span{value_begin, end};
    *next = end;
  }
  token->span = Span{begin, *next};
  return true;
}

}  // namespace

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (true) {
    pos = SkipSpace(text, pos);
    if (pos >= text.size()) break;
    size_t end = pos;
    while (end < text.size()) {
      size_t len = 0;
      if (IsSpace(DecodeAt(text, end, &len))) break;
      end += len;
    }
    if (!out.empty()) out += ' ';
    out.append(text.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

size_t CutPoint(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  while (cut > 0) {
    size_t len = 0;
    if (!IsExtender(DecodeAt(text, cut, &len))) break;
    --cut;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  return cut;
}

std::vector<Token> Lex(std::string_view s, Problems* problems) {
  std::vector<Token> tokens;
  bool after_minus = false;  // the previous token was an attached '-'
  size_t pos = SkipSpace(s, 0);
  while (pos < s.size()) {
    Token token;
    const char c = s[pos];
    size_t next_len = 0;
    const bool minus_in_word =
        c == '-' && pos + 1 < s.size() && IsExtender(DecodeAt(s, pos + 1, &next_len));
    if (c == '(' || c == ')') {
      token.kind = c == '(' ? TokenKind::kOpen : TokenKind::kClose;
      token.span = Span{pos, pos + 1};
      pos = SkipExtenders(s, pos + 1);
    } else if (c == '"') {
      token.kind = TokenKind::kPhrase;
      Span inside;
      const size_t begin = pos;
      pos = ReadQuoted(s, pos, &token.text, &inside, problems);
      token.span = Span{begin, pos};
    } else if (c == '-' && !minus_in_word) {
      token.kind = TokenKind::kMinus;
      token.span = Span{pos, pos + 1};
      ++pos;
      size_t len = 0;
      token.attached = pos < s.size() && !IsSpace(DecodeAt(s, pos, &len));
    } else {
      const size_t begin = pos;
      const size_t end = WordEnd(s, pos);
      if (!ReadField(s, begin, end, &token, &pos, problems)) {
        const std::string_view word = s.substr(begin, end - begin);
        token.kind = TokenKind::kWord;
        if (!after_minus) {
          if (word == "AND") token.kind = TokenKind::kAnd;
          if (word == "OR") token.kind = TokenKind::kOr;
          if (word == "NOT") token.kind = TokenKind::kNot;
        }
        if (token.kind == TokenKind::kWord) token.text = std::string(word);
        token.span = Span{begin, end};
        pos = end;
      }
    }
    after_minus = token.kind == TokenKind::kMinus && token.attached;
    tokens.push_back(std::move(token));
    pos = SkipSpace(s, pos);
  }
  return tokens;
}

}  // namespace sahayak::search::query::internal
