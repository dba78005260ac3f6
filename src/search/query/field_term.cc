#include "search/query/field_term.h"

#include <array>
#include <utility>
#include <vector>

#include "base/text.h"
#include "search/query/date_term.h"

namespace sahayak::search::query::internal {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 19> kFieldNames = {{
    {"status", "status"},
    {"priority", "priority"},
    {"type", "type"},
    {"channel", "channel"},
    {"assignee", "assignee"},
    {"group", "group"},
    {"tag", "tag"},
    {"requester", "requester"},
    {"org", "org"},
    {"organization", "org"},
    {"organisation", "org"},
    {"lang", "lang"},
    {"language", "lang"},
    {"has", "has"},
    {"is", "is"},
    {"number", "number"},
    {"created", "created"},
    {"updated", "updated"},
    {"tags", "tag"},
}};

constexpr std::array<std::string_view, 6> kStatuses = {"new",     "open",   "pending",
                                                       "on_hold", "solved", "closed"};
constexpr std::array<std::string_view, 4> kUnsolved = {"new", "open", "pending", "on_hold"};
constexpr std::array<std::string_view, 4> kPriorities = {"low", "normal", "high", "urgent"};
constexpr std::array<std::string_view, 5> kTypes = {"question", "incident", "complaint", "problem",
                                                    "task"};
constexpr std::array<std::string_view, 7> kChannels = {"email", "chat",   "phone", "social",
                                                       "web",   "portal", "api"};

// Lower case, with '-' and ' ' read as '_' ("On-Hold", "on hold" → "on_hold").
std::string EnumKey(std::string_view value) {
  std::string key = AsciiLower(value);
  for (char& c : key) {
    if (c == '-' || c == ' ') c = '_';
  }
  return key;
}

template <size_t N>
bool Contains(const std::array<std::string_view, N>& values, std::string_view v) {
  for (std::string_view x : values) {
    if (x == v) return true;
  }
  return false;
}

template <size_t N>
std::string Choices(const std::array<std::string_view, N>& values, std::string_view last) {
  std::string out;
  for (size_t i = 0; i < N; ++i) {
    if (i > 0) out += (i + 1 == N && last.empty()) ? " or " : ", ";
    out += values[i];
  }
  if (!last.empty()) out += std::string(" or ") + std::string(last);
  return out;
}

Node FieldNode(std::string_view field, std::string value, Span span) {
  Node node;
  node.kind = Node::Kind::kField;
  node.field = std::string(field);
  node.value = std::move(value);
  node.text = node.field + ":" + SpellValue(node.value);
  node.span = span;
  return node;
}

Node StatusNode(std::string_view status, Span span) {
  if (status != "unsolved") return FieldNode("status", std::string(status), span);
  Node node;
  node.kind = Node::Kind::kOr;
  node.field = "status";
  node.value = "unsolved";
  node.text = "status:unsolved";
  node.span = span;
  for (std::string_view s : kUnsolved) {
    node.children.push_back(FieldNode("status", std::string(s), span));
  }
  return node;
}

// An id when the value is all digits (any script), else the value as written.
std::string IdOrName(std::string_view value) {
  std::string digits;
  if (ToAsciiDigits(value, &digits)) return digits;
  return std::string(value);
}

std::optional<Node> UnknownValue(const Token& token, std::string what, std::string choices,
                                 Problems* problems) {
  problems->Ignore("unknown-value",
                   "Unknown " + what + " \"" + token.text + "\": use " + choices + ".",
                   token.value_span);
  return std::nullopt;
}

std::optional<Node> BuildLanguage(const Token& token, Problems* problems) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kNames = {{
      {"english", "en"},
      {"hindi", "hi"},
      {"kannada", "kn"},
      {"हिंदी", "hi"},
      {"हिन्दी", "hi"},
      {"ಕನ್ನಡ", "kn"},
  }};
  const std::string key = AsciiLower(token.text);
  for (const auto& [name, code] : kNames) {
    if (key == name) return FieldNode("lang", std::string(code), token.span);
  }
  if (key.size() == 2 && key[0] >= 'a' && key[0] <= 'z' && key[1] >= 'a' && key[1] <= 'z') {
    return FieldNode("lang", key, token.span);
  }
  return UnknownValue(token, "language", "a two-letter code such as en, hi or kn", problems);
}

std::optional<Node> BuildNumber(const Token& token, std::string_view digits_text,
                                Problems* problems) {
  std::string digits;
  if (ToAsciiDigits(digits_text, &digits)) {
    const size_t first = digits.find_first_not_of('0');
    digits = first == std::string::npos ? "" : digits.substr(first);
    if (!digits.empty() && digits.size() <= 18) {
      return FieldNode("number", std::move(digits), token.span);
    }
  }
  problems->Ignore("unknown-value",
                   "Not a ticket number: \"" + std::string(digits_text) +
                       "\"; write the digits, e.g. #1234 or number:1234.",
                   token.kind == TokenKind::kField ? token.value_span : token.span);
  return std::nullopt;
}

std::optional<Node> BuildIs(const Token& token, Problems* problems) {
  const std::string key = EnumKey(token.text);
  if (key == "open" || key == "unsolved") return StatusNode("unsolved", token.span);
  if (key == "unassigned") return FieldNode("assignee", "none", token.span);
  if (key == "mine") return FieldNode("assignee", "me", token.span);
  if (Contains(kStatuses, key)) return StatusNode(key, token.span);
  return UnknownValue(token, "value for is:", "open, unassigned, mine or a status such as solved",
                      problems);
}

std::string_view Example(std::string_view field) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kExamples = {{
      {"status", "status:open"},
      {"priority", "priority:high"},
      {"type", "type:question"},
      {"channel", "channel:email"},
      {"assignee", "assignee:me"},
      {"group", "group:\"Quality Control\""},
      {"tag", "tag:vip"},
      {"requester", "requester:ravi@example.in"},
      {"org", "org:\"Kaveri Logistics\""},
      {"lang", "lang:hi"},
      {"has", "has:attachment"},
      {"is", "is:open"},
      {"number", "number:1234"},
      {"created", "created>2026-01-31"},
      {"updated", "updated<7d"},
  }};
  for (const auto& [name, example] : kExamples) {
    if (name == field) return example;
  }
  return "status:open";
}

std::optional<Node> BuildField(const Token& token, const ParseOptions& options,
                               Problems* problems) {
  const std::string& f = token.name;
  if (token.text.empty()) {
    problems->Ignore("empty-value",
                     "Nothing after \"" + f + token.op + "\"; type a value, e.g. " +
                         std::string(Example(f)) + ".",
                     token.span);
    return std::nullopt;
  }
  if (IsDateField(f)) return BuildDate(token, options, problems);
  if (token.op != ":" && token.op != "=") {
    problems->Ignore("unknown-value",
                     "\"" + f + "\" cannot be compared with \"" + token.op + "\"; write " + f +
                         ":value (only created and updated take < and >).",
                     token.span);
    return std::nullopt;
  }
  const std::string key = EnumKey(token.text);
  if (f == "status") {
    if (Contains(kStatuses, key) || key == "unsolved") return StatusNode(key, token.span);
    return UnknownValue(token, "status", Choices(kStatuses, "unsolved"), problems);
  }
  if (f == "priority") {
    if (Contains(kPriorities, key)) return FieldNode(f, key, token.span);
    return UnknownValue(token, "priority", Choices(kPriorities, ""), problems);
  }
  if (f == "type") {
    if (Contains(kTypes, key)) return FieldNode(f, key, token.span);
    return UnknownValue(token, "type", Choices(kTypes, ""), problems);
  }
  if (f == "channel") {
    const std::string channel = key == "e_mail" || key == "mail" ? "email" : key;
    if (Contains(kChannels, channel)) return FieldNode(f, channel, token.span);
    return UnknownValue(token, "channel", Choices(kChannels, ""), problems);
  }
  if (f == "has") {
    if (key == "attachment" || key == "attachments") return FieldNode(f, "attachment", token.span);
    return UnknownValue(token, "value for has:", "attachment", problems);
  }
  if (f == "is") return BuildIs(token, problems);
  if (f == "lang") return BuildLanguage(token, problems);
  if (f == "number") return BuildNumber(token, token.text, problems);
  if (f == "assignee" && (key == "me" || key == "none")) return FieldNode(f, key, token.span);
  // assignee, group, org, requester, tag: an id, an e-mail address or a name, as written.
  return FieldNode(f, IdOrName(token.text), token.span);
}

bool IsAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// "foo:bar" where foo looks like a field name but is none; "http://x" and "10:30" do not.
bool LooksLikeUnknownField(std::string_view word) {
  if (word.empty() || !IsAsciiLetter(word[0])) return false;
  size_t i = 1;
  while (i < word.size() && (IsAsciiLetter(word[i]) || word[i] == '_' || word[i] == '-')) ++i;
  return i + 1 < word.size() && word[i] == ':' && word[i + 1] != '/';
}

std::optional<Node> BuildWord(const Token& token, Problems* problems) {
  const std::string& word = token.text;
  const size_t last = word.find_last_not_of('*');
  if (last == std::string::npos) {
    problems->Ignore("empty-value",
                     "A \"*\" needs the start of a word before it, e.g. parc*; ignored.",
                     token.span);
    return std::nullopt;
  }
  std::string digits;
  if (word.size() > 1 && word[0] == '#' && last + 1 == word.size() &&
      ToAsciiDigits(std::string_view(word).substr(1), &digits)) {
    return BuildNumber(token, std::string_view(word).substr(1), problems);
  }
  if (LooksLikeUnknownField(word)) {
    const std::string name = word.substr(0, word.find(':'));
    problems->Warn("unknown-field",
                   "Unknown field \"" + name + "\": searched for \"" + word + "\" as a word.",
                   token.span);
  }
  Node node;
  node.span = token.span;
  if (last + 1 < word.size()) {
    node.kind = Node::Kind::kPrefix;
    node.text = word.substr(0, last + 1);
  } else {
    node.kind = Node::Kind::kWord;
    node.text = word;
  }
  return node;
}

}  // namespace

std::string_view CanonicalFieldName(std::string_view name) {
  if (name.size() > 12) return {};
  const std::string lower = AsciiLower(name);
  for (const auto& [alias, canonical] : kFieldNames) {
    if (lower == alias) return canonical;
  }
  return {};
}

bool IsDateField(std::string_view canonical_name) {
  return canonical_name == "created" || canonical_name == "updated";
}

bool ToAsciiDigits(std::string_view s, std::string* ascii) {
  ascii->clear();
  size_t pos = 0;
  while (pos < s.size()) {
    size_t len = 0;
    const char32_t c = DecodeAt(s, pos, &len);
    if (c >= '0' && c <= '9') {
      *ascii += static_cast<char>(c);
    } else if (c >= 0x0966 && c <= 0x096F) {  // Devanagari digits
      *ascii += static_cast<char>('0' + (c - 0x0966));
    } else if (c >= 0x0CE6 && c <= 0x0CEF) {  // Kannada digits
      *ascii += static_cast<char>('0' + (c - 0x0CE6));
    } else {
      return false;
    }
    pos += len;
  }
  return !ascii->empty();
}

std::string SpellValue(std::string_view value) {
  bool bare = !value.empty();
  size_t pos = 0;
  while (bare && pos < value.size()) {
    size_t len = 0;
    const char32_t c = DecodeAt(value, pos, &len);
    if (IsSpace(c) || c == '"' || c == '(' || c == ')') bare = false;
    pos += len;
  }
  return bare ? std::string(value) : "\"" + std::string(value) + "\"";
}

std::optional<Node> BuildTerm(const Token& token, const ParseOptions& options, Problems* problems) {
  switch (token.kind) {
    case TokenKind::kPhrase:
      if (token.text.empty()) {
        problems->Ignore("empty-value", "Empty quotes \"\" were ignored.", token.span);
        return std::nullopt;
      } else {
        Node node;
        node.kind = Node::Kind::kPhrase;
        node.text = token.text;
        node.span = token.span;
        return node;
      }
    case TokenKind::kField:
      return BuildField(token, options, problems);
    case TokenKind::kWord:
      return BuildWord(token, problems);
    default:
      return std::nullopt;
  }
}

}  // namespace sahayak::search::query::internal
