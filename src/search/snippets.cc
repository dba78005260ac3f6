#include "search/snippets.h"

#include <cctype>
#include <cstring>
#include <map>
#include <unordered_map>

#include "base/text.h"
#include "search/query_builder.h"

namespace sahayak::search {

namespace {

using query::Node;

constexpr size_t kMaxSnippetSource = 64 * 1024;
constexpr size_t kLeadingContext = 40;  // characters shown before the first match

// A query word's phonetic key marks words of the other script only (as in the query).
std::string PhoneticKey(const Token& t, bool other_script) {
  bool latin = t.script == Script::kLatin;
  if (other_script) latin = !latin;
  return (latin ? "L" : "D") + t.phonetic;
}

void Collect(Analyzer& analyzer, const Node& n, HighlightTerms* out) {
  switch (n.kind) {
    case Node::Kind::kWord:
    case Node::Kind::kPhrase:
      for (const auto& t : analyzer.Analyze(n.text)) {
        out->terms.insert(t.term);
        out->stems.insert(t.stem.empty() ? t.term : t.stem);
        if (SearchesBySound(t, n.text)) out->phonetics.insert(PhoneticKey(t, false));
        for (const auto& h : HinglishTerms(analyzer, t, n.text)) {
          out->terms.insert(h.term);
          if (!h.stem.empty()) out->stems.insert(h.stem);
        }
      }
      return;
    case Node::Kind::kPrefix: {
      std::string p = analyzer.NormalizeWord(n.text);
      if (!p.empty()) out->prefixes.push_back(std::move(p));
      return;
    }
    case Node::Kind::kNot: return;
    default:
      for (const auto& c : n.children) Collect(analyzer, c, out);
  }
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
// Characters that end a word for highlighting: white space and ASCII punctuation that does not
// join the parts of a word ("ORD-2231", "asha@example.in", "don't" stay whole).
bool IsBreak(char c) {
  return IsSpace(c) || (c != 0 && std::strchr("<>()[]{}\"/\\|;,!?*=+~^$#%&:`", c) != nullptr);
}

// A run of text between breaks; [core_begin, core_end) is it without the punctuation around
// it, which is what gets marked.
struct Chunk {
  size_t begin = 0, end = 0;
  size_t core_begin = 0, core_end = 0;
  size_t cp_begin = 0, cp_end = 0;  // in code points of the whole text
  const std::string* key = nullptr;  // the matching term, when it matched
};

bool EndsWithDanda(std::string_view s) {
  return s.size() >= 3 && s.substr(s.size() - 3, 2) == "\xE0\xA5" &&
         (s.back() == '\xA4' || s.back() == '\xA5');
}

// Text between chunks, escaped, each run of white space as one space.
std::string Gap(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += EscapeHtml(std::string_view(&c, 1));
  }
  if (space) out += ' ';
  return out;
}

std::vector<Chunk> Split(std::string_view text) {
  std::vector<Chunk> chunks;
  size_t cp = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsBreak(text[i])) {
      ++i;
      ++cp;
    }
    if (i >= text.size()) break;
    Chunk c;
    c.begin = i;
    c.cp_begin = cp;
    while (i < text.size() && !IsBreak(text[i])) {
      cp += IsContinuation(text[i]) ? 0 : 1;
      ++i;
    }
    c.end = i;
    c.cp_end = cp;
    c.core_begin = c.begin;
    c.core_end = c.end;
    auto punct = [](char ch) { return static_cast<unsigned char>(ch) < 0x80 && std::ispunct(ch); };
    while (c.core_begin < c.core_end && punct(text[c.core_begin])) ++c.core_begin;
    for (;;) {
      std::string_view core = text.substr(c.core_begin, c.core_end - c.core_begin);
      if (!core.empty() && punct(core.back())) {
        --c.core_end;
      } else if (EndsWithDanda(core)) {
        c.core_end -= 3;
      } else {
        break;
      }
    }
    chunks.push_back(c);
  }
  return chunks;
}

class Matcher {
 public:
  Matcher(Analyzer& analyzer, const HighlightTerms& h) : analyzer_(analyzer), h_(h) {}

  // The query term `word` matches, or nullptr.
  const std::string* Match(std::string_view word) {
    if (word.empty()) return nullptr;
    auto [it, fresh] = cache_.try_emplace(std::string(word), std::string());
    if (!fresh) return it->second.empty() ? nullptr : &it->second;
    for (const auto& t : analyzer_.Analyze(word)) {
      bool hit = h_.terms.count(t.term) || h_.stems.count(t.stem.empty() ? t.term : t.stem) ||
                 (!t.phonetic.empty() && h_.phonetics.count(PhoneticKey(t, true)));
      for (const auto& p : h_.prefixes) hit = hit || t.term.compare(0, p.size(), p) == 0;
      if (hit) {
        it->second = t.term;
        return &it->second;
      }
    }
    return nullptr;
  }

 private:
  Analyzer& analyzer_;
  const HighlightTerms& h_;
  std::unordered_map<std::string, std::string> cache_;
};

// How many distinct keys the chunks [first, last] hold.
size_t Distinct(const std::vector<Chunk>& chunks, size_t first, size_t last) {
  std::map<std::string_view, int> seen;
  for (size_t i = first; i <= last; ++i) {
    if (chunks[i].key) seen[*chunks[i].key] = 1;
  }
  return seen.size();
}

}  // namespace

HighlightTerms CollectHighlightTerms(Analyzer& analyzer, const Node& root) {
  HighlightTerms h;
  Collect(analyzer, root, &h);
  return h;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string MakeSnippet(Analyzer& analyzer, const HighlightTerms& highlight,
                        std::string_view text, size_t max_chars, size_t* matches) {
  *matches = 0;
  bool cut = false;
  if (text.size() > kMaxSnippetSource) {
    size_t n = kMaxSnippetSource;
    while (n > 0 && IsContinuation(text[n])) --n;
    text = text.substr(0, n);
    cut = true;
  }
  std::vector<Chunk> chunks = Split(text);
  if (chunks.empty()) return "";

  // Mark chunks in order; stop early once a window holds every distinct query word.
  const size_t wanted = std::max<size_t>(1, highlight.terms.size() + highlight.prefixes.size());
  Matcher matcher(analyzer, highlight);
  size_t best_first = 0, best_count = 0;
  size_t analysed = chunks.size();
  size_t window_first = 0;
  for (size_t i = 0; i < chunks.size() && !highlight.empty(); ++i) {
    Chunk& c = chunks[i];
    c.key = matcher.Match(text.substr(c.core_begin, c.core_end - c.core_begin));
    if (!c.key) continue;
    while (window_first < i && c.cp_end - chunks[window_first].cp_begin > max_chars) {
      ++window_first;
    }
    while (!chunks[window_first].key) ++window_first;
    size_t count = Distinct(chunks, window_first, i);
    if (count > best_count) {
      best_count = count;
      best_first = window_first;
    }
    if (best_count >= wanted) {
      analysed = i + 1;
      break;
    }
  }
  // Chunks after an early stop may hold more matches inside the window: mark them too.
  for (size_t i = analysed; i < chunks.size() && best_count > 0; ++i) {
    if (chunks[i].cp_begin - chunks[best_first].cp_begin > max_chars) break;
    Chunk& c = chunks[i];
    c.key = matcher.Match(text.substr(c.core_begin, c.core_end - c.core_begin));
  }
  *matches = best_count;

  size_t first = best_first;
  while (first > 0 && chunks[best_first].cp_begin - chunks[first - 1].cp_begin <= kLeadingContext) {
    --first;
  }
  size_t last = first;
  while (last + 1 < chunks.size() &&
         chunks[last + 1].cp_end - chunks[first].cp_begin <= max_chars) {
    ++last;
  }

  std::string out;
  if (first > 0) out += "… ";
  for (size_t i = first; i <= last; ++i) {
    const Chunk& c = chunks[i];
    if (i > first) out += Gap(text.substr(chunks[i - 1].end, c.begin - chunks[i - 1].end));
    if (i == 0) out += Gap(Trim(text.substr(0, c.begin)));
    if (c.key && c.cp_end - c.cp_begin <= max_chars) {
      out += EscapeHtml(text.substr(c.begin, c.core_begin - c.begin));
      out += "<mark>";
      out += EscapeHtml(text.substr(c.core_begin, c.core_end - c.core_begin));
      out += "</mark>";
      out += EscapeHtml(text.substr(c.core_end, c.end - c.core_end));
    } else if (c.cp_end - c.cp_begin > max_chars) {
      // One enormous "word" (a URL, base64): show its start only.
      std::string_view w = text.substr(c.begin, c.end - c.begin);
      size_t n = 0, bytes = 0;
      while (bytes < w.size() && n < max_chars) {
        ++bytes;
        while (bytes < w.size() && IsContinuation(w[bytes])) ++bytes;
        ++n;
      }
      out += EscapeHtml(w.substr(0, bytes));
      cut = true;
      break;
    } else {
      out += EscapeHtml(text.substr(c.begin, c.end - c.begin));
    }
  }
  if (last + 1 == chunks.size() && !cut) {
    out += Gap(Trim(text.substr(chunks[last].end)));
  } else {
    out += " …";
  }
  return out;
}

}  // namespace sahayak::search
