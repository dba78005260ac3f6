#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <unordered_set>
#include <vector>

#include "search/analyzer.h"

// The lexicon: which words of the index a stem or a sound key stands for.
//
// A document stores each word once, as its exact term (with positions). Its stem ("Z" + stem:
// "parcels" → Zparcel, पार्सलों → Zपार्सल) and its sound key ("XP" + key: पार्सल and "parcel" →
// XPprsl) are not terms of the document: they were 43 % of all postings and a fifth of the
// index build's CPU, and every one of them repeated what the word's own posting says. The
// index keeps instead, as Xapian synonyms, the words each stem and key stands for
// (Zparcel → parcel's forms "parcels", "parcelled"; XPprsl → "parcel", "parsal", पार्सल), and
// the query builder looks a stem or key up as the OR of those words (search/query_builder.h).
// The words of a stem are those whose stem differs from the word itself, as the documents
// used to hold Z terms: a query also looks the stem up as a word.
namespace sahayak::search {

// How many words a LexiconWriter remembers (below).
inline constexpr size_t kLexiconSeenLimit = 200000;
inline constexpr size_t kCatchUpSeenLimit = 10000;

// Collects the stems and sound keys of the words documents are written with, and writes them
// to the index. Every document builder takes one (documents.h, article_documents.h) and gives
// it each word as its TextWriter analyses it; the index's writer calls Flush before it adds or
// replaces the documents. A word this writer has recorded before is skipped (a set of the
// words seen, cleared when it holds its limit), so recording costs a hash look-up per
// word with a stem or key. Recording a word twice is harmless (a synonym list is a set).
// Not thread-safe.
class LexiconWriter {
 public:
  // `seen_limit`: how many words it remembers before it starts afresh. A rebuild's workers
  // remember many (each new word costs a synonym write); the server's catch-up, which runs
  // for months on a few documents a second, few (kCatchUpSeenLimit), so it stays small.
  explicit LexiconWriter(size_t seen_limit = kLexiconSeenLimit) : seen_limit_(seen_limit) {}

  // False for a word this writer has recorded (Add would skip it). A document's writer asks
  // before it works out a word's stem and sound key, which most words, seen before, do not
  // need (text_writer.h).
  bool IsNew(std::string_view term) const { return seen_.find(term) == seen_.end(); }

  // Notes `t`'s stem and sound key, if it has any and its word is new to this writer.
  void Add(const Token& t);

  // Adds the synonyms noted since the last Flush to `db`; they are committed with the
  // documents.
  void Flush(Xapian::WritableDatabase& db);

  // Forgets every word seen and what is noted: after a cancelled transaction, whose synonyms
  // were dropped.
  void Forget() {
    seen_.clear();
    pending_.clear();
  }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  size_t seen_limit_;
  std::unordered_set<std::string, Hash, std::equal_to<>> seen_;
  std::vector<std::pair<std::string, std::string>> pending_;  // key term, word
};


// At most this many words a stem or a sound key expands to at query time: the most frequent.
inline constexpr size_t kMaxLexiconExpansion = 32;

// Which words of a key a query wants.
enum class LexiconScript { kAny, kLatin, kNotLatin };

// The words `key_term` (schema::kStem or schema::kPhonetic + value) stands for in `db`, those
// of `script` only, at most kMaxLexiconExpansion (the most frequent when there are more).
std::vector<std::string> LexiconWords(const Xapian::Database& db, const std::string& key_term,
                                      LexiconScript script = LexiconScript::kAny);

// Whether `db` holds any word for `key_term`.
bool HasLexiconWords(const Xapian::Database& db, const std::string& key_term);

}  // namespace sahayak::search
