#include "services/mail/auth_results.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"

namespace sahayak::services {

namespace {

// Longer names and values are not real ones; cut so nothing below grows with hostile input.
constexpr size_t kMaxToken = 255;

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), Lower);
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A header value cut into tokens: words, quoted strings (unquoted), "=" and ";". Comments
// ("(sender IP is 1.2.3.4)", nested) are left out, as RFC 5322 CFWS.
struct Token {
  enum Kind { kWord, kEquals, kSemicolon } kind;
  std::string text;
};

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (IsSpace(c)) {
      ++i;
    } else if (c == '(') {
      int depth = 0;
      for (; i < s.size(); ++i) {
        if (s[i] == '\\') {
          ++i;
        } else if (s[i] == '(') {
          ++depth;
        } else if (s[i] == ')' && --depth == 0) {
          ++i;
          break;
        }
      }
    } else if (c == '=' || c == ';') {
      out.push_back({c == '=' ? Token::kEquals : Token::kSemicolon, std::string(1, c)});
      ++i;
    } else if (c == '"') {
      std::string text;
      for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        if (text.size() < kMaxToken) text.push_back(s[i]);
      }
      ++i;
      out.push_back({Token::kWord, std::move(text)});
    } else {
      const size_t start = i;
      while (i < s.size() && !IsSpace(s[i]) && s[i] != '(' && s[i] != '=' && s[i] != ';' &&
             s[i] != '"') {
        ++i;
      }
      out.push_back({Token::kWord, std::string(s.substr(start, std::min(i - start, kMaxToken)))});
    }
  }
  return out;
}

// One "key=value key=value ..." run between semicolons; a word without "=" stands alone.
struct Pair {
  std::string key;  // lower case
  std::string value;
  bool has_value = false;
};

std::vector<std::vector<Pair>> Statements(const std::vector<Token>& tokens) {
  std::vector<std::vector<Pair>> out(1);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == Token::kSemicolon) {
      out.emplace_back();
    } else if (t.kind == Token::kWord) {
      Pair p;
      p.key = LowerAscii(t.text);
      if (i + 2 < tokens.size() && tokens[i + 1].kind == Token::kEquals &&
          tokens[i + 2].kind == Token::kWord) {
        p.value = tokens[i + 2].text;
        p.has_value = true;
        i += 2;
      } else if (i + 1 < tokens.size() && tokens[i + 1].kind == Token::kEquals) {
        p.has_value = true;  // "header.d=" with nothing after it
        ++i;
      }
      out.back().push_back(std::move(p));
    }
  }
  return out;
}

std::string NormalResult(std::string_view raw) {
  const std::string r = LowerAscii(raw);
  for (const char* known :
       {"pass", "fail", "softfail", "neutral", "none", "temperror", "permerror"}) {
    if (r == known) return r;
  }
  if (r == "hardfail" || r == "policy") return "fail";
  if (r == "bestguesspass") return "none";
  if (r == "temperr" || r == "error") return "temperror";
  if (r == "permerr") return "permerror";
  return "";
}

// The domain a property names: "user@example.in", "@example.in", "example.in"; "" for "none".
std::string PropertyDomain(std::string_view value) {
  const size_t at = value.rfind('@');
  std::string d = LowerAscii(at == std::string_view::npos ? value : value.substr(at + 1));
  while (!d.empty() && d.back() == '.') d.pop_back();
  if (d == "none" || d.find_first_of(" <>,") != std::string::npos) return "";
  return d;
}

// The first statement: "authserv-id [version]", unless it is already a result (Microsoft 365
// writes none).
std::string AuthservId(const std::vector<Pair>& first) {
  if (first.empty() || first.front().has_value) return "";
  return LowerAscii(first.front().key);
}

// Adds the verdicts of one header to `out`.
void AddVerdicts(const std::vector<std::vector<Pair>>& statements, AuthResults* out) {
  bool dkim_from_pass = out->dkim.result == "pass";
  for (const auto& statement : statements) {
    if (statement.empty() || !statement.front().has_value) continue;
    std::string method = statement.front().key;
    method = method.substr(0, method.find('/'));  // "dkim/1=pass"
    const std::string result = NormalResult(statement.front().value);
    if (result.empty()) continue;
    std::string domain;
    for (size_t i = 1; i < statement.size(); ++i) {
      const Pair& p = statement[i];
      if (!p.has_value) continue;
      if ((method == "spf" && p.key == "smtp.mailfrom") ||
          (method == "dmarc" && p.key == "header.from") ||
          (method == "dkim" && p.key == "header.d")) {
        domain = PropertyDomain(p.value);
        break;
      }
      if (method == "spf" && p.key == "smtp.helo" && domain.empty()) {
        domain = PropertyDomain(p.value);
      }
      if (method == "dkim" && p.key == "header.i" && domain.empty()) {
        domain = PropertyDomain(p.value);
      }
    }
    AuthVerdict* target = method == "spf"     ? &out->spf
                          : method == "dkim"  ? &out->dkim
                          : method == "dmarc" ? &out->dmarc
                                              : nullptr;
    if (target == nullptr) continue;
    if (method == "dkim") {
      // A mail may carry several signatures (the author's domain, the mailing service's); one
      // that passes is what DMARC can use, so it is the one to show.
      if (dkim_from_pass || (!target->result.empty() && result != "pass")) continue;
      dkim_from_pass = result == "pass";
    } else if (!target->result.empty()) {
      continue;  // The first verdict of a method counts.
    }
    target->result = result;
    target->domain = domain;
  }
}

// Levenshtein distance of `a` and `b`, or `limit` + 1 when larger.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return std::min(row[b.size()], limit + 1);
}

// `domain` with letters that look alike read as one: "rn" as "m", "vv" as "w", 0 1 3 4 5 as
// o l e a s.
std::string Skeleton(std::string_view domain) {
  std::string out;
  for (size_t i = 0; i < domain.size(); ++i) {
    const char c = domain[i];
    const char next = i + 1 < domain.size() ? domain[i + 1] : '\0';
    if (c == 'r' && next == 'n') {
      out.push_back('m');
      ++i;
    } else if (c == 'v' && next == 'v') {
      out.push_back('w');
      ++i;
    } else {
      switch (c) {
        case '0': out.push_back('o'); break;
        case '1': out.push_back('l'); break;
        case 'i': out.push_back('l'); break;
        case '3': out.push_back('e'); break;
        case '4': out.push_back('a'); break;
        case '5': out.push_back('s'); break;
        default: out.push_back(c);
      }
    }
  }
  return out;
}

bool SameOrRelated(std::string_view a, std::string_view b) {
  const auto under = [](std::string_view sub, std::string_view parent) {
    return sub.size() > parent.size() && sub.substr(sub.size() - parent.size()) == parent &&
           sub[sub.size() - parent.size() - 1] == '.';
  };
  return a == b || under(a, b) || under(b, a);
}

bool LooksLike(const std::string& from, const std::string& own) {
  if (from.empty() || own.empty() || SameOrRelated(from, own)) return false;
  const size_t limit = own.size() >= 8 ? 2 : 1;
  return EditDistance(from, own, limit) <= limit || Skeleton(from) == Skeleton(own);
}

// The e-mail addresses written in a display name ("support@bank.in via Acme").
std::vector<std::string> AddressesIn(std::string_view name) {
  std::vector<std::string> out;
  const auto is_part = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '-' || c == '_' || c == '+' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  for (size_t at = name.find('@'); at != std::string_view::npos; at = name.find('@', at + 1)) {
    size_t start = at, end = at + 1;
    while (start > 0 && is_part(name[start - 1])) --start;
    while (end < name.size() && is_part(name[end])) ++end;
    std::string local(name.substr(start, at - start));
    std::string domain = LowerAscii(name.substr(at + 1, end - at - 1));
    while (!domain.empty() && domain.back() == '.') domain.pop_back();
    if (!local.empty() && domain.find('.') != std::string::npos && domain.front() != '.') {
      out.push_back(LowerAscii(local) + "@" + domain);
    }
  }
  return out;
}

}  // namespace

AuthResults ParseAuthenticationResults(const std::vector<std::string>& headers) {
  AuthResults out;
  for (size_t i = 0; i < headers.size(); ++i) {
    const auto statements = Statements(Tokenize(headers[i]));
    const std::string id = AuthservId(statements.front());
    if (i == 0) {
      out.authserv_id = id;
    } else if (id.empty() || id != out.authserv_id) {
      break;  // Written by another server, before ours saw the mail.
    }
    AddVerdicts(statements, &out);
  }
  return out;
}

AuthResults ParseAuthenticationResults(std::string_view header) {
  return ParseAuthenticationResults(std::vector<std::string>{std::string(header)});
}

std::string AddressDomain(std::string_view address) {
  const size_t at = address.rfind('@');
  if (at == std::string_view::npos) return "";
  std::string d = FoldCase(Trim(address.substr(at + 1)));
  while (!d.empty() && d.back() == '.') d.pop_back();
  return d;
}

std::vector<std::string> MailWarnings(const domain::InboundMail& mail, const AuthResults& auth,
                                      const std::vector<std::string>& own_domains) {
  std::vector<std::string> out;
  const bool no_dmarc = auth.dmarc.result.empty() || auth.dmarc.result == "none";
  if (auth.dmarc.result == "fail" ||
      (no_dmarc && auth.spf.result == "fail" && auth.dkim.result != "pass")) {
    out.push_back(kWarnDmarcFail);
  }
  const std::string from = FoldCase(Trim(mail.from.email));
  for (const std::string& shown : AddressesIn(mail.from.name)) {
    if (FoldCase(shown) != from) {
      out.push_back(kWarnDisplayNameAddress);
      break;
    }
  }
  const std::string from_domain = AddressDomain(from);
  if (mail.reply_to) {
    const std::string reply_domain = AddressDomain(mail.reply_to->email);
    if (!reply_domain.empty() && !from_domain.empty() &&
        !SameOrRelated(reply_domain, from_domain)) {
      out.push_back(kWarnReplyToDomain);
    }
  }
  for (const std::string& own : own_domains) {
    if (LooksLike(from_domain, own)) {
      out.push_back(kWarnLookalikeOwnDomain);
      break;
    }
  }
  return out;
}

}  // namespace sahayak::services
