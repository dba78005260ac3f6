#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "search/analyzer.h"
#include "search/query/query.h"

// Snippets for search hits: a window of the hit's text around what the query matched,
// HTML-escaped, with the matching words wrapped in <mark>…</mark>.
//
// Highlighting is done here with the same Analyzer the index and the query use, not with
// Xapian's MSet::snippet(), whose own tokeniser and stemmer know neither the Analyzer's
// normalisation (nukta, ZWJ/ZWNJ, Devanagari digits) nor the Hindi stems and phonetic keys:
// a word is marked when its exact term, stem or phonetic key is one the query looks for, or
// when it starts with one of the query's prefixes.
namespace sahayak::search {

// What to highlight: gathered from the words, phrases and prefixes of a query that are not
// under a NOT.
struct HighlightTerms {
  std::set<std::string> terms;      // exact terms
  std::set<std::string> stems;      // stems (the term itself when it has no other stem)
  std::set<std::string> phonetics;  // phonetic keys, each prefixed "L" (of a Latin word) or
                                    // "D" (Devanagari): they only mark words of the other script
  std::vector<std::string> prefixes;  // normalised prefixes of `parc*`
  bool empty() const { return terms.empty() && prefixes.empty(); }
};
HighlightTerms CollectHighlightTerms(Analyzer& analyzer, const query::Node& root);

// Escapes & < > " ' for HTML text and attribute values.
std::string EscapeHtml(std::string_view text);

// The best window of about `max_chars` characters of `text` (the one with the most distinct
// highlighted words), HTML-escaped, matches in <mark>…</mark>, with "…" where text was cut.
// `*matches` is how many distinct query words the window highlights; without a match the
// window is the start of the text. Looks at most at the first 64 KiB of `text`. Not
// thread-safe (the Analyzer).
std::string MakeSnippet(Analyzer& analyzer, const HighlightTerms& highlight,
                        std::string_view text, size_t max_chars, size_t* matches);

}  // namespace sahayak::search
