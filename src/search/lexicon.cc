#include "search/lexicon.h"

#include <algorithm>
#include <utility>

#include "search/schema.h"
#include "search/text_writer.h"

namespace sahayak::search {

namespace {

// At most this many of a key's words are weighed by their frequency before choosing.
constexpr size_t kMaxLexiconCandidates = 256;

}  // namespace

void LexiconWriter::Add(const Token& t) {
  if (t.stem.empty() && t.phonetic.empty()) return;
  if (seen_.find(std::string_view(t.term)) != seen_.end()) return;
  if (seen_.size() >= seen_limit_) seen_.clear();
  seen_.insert(t.term);
  if (!t.stem.empty() && schema::kStem.size() + t.stem.size() <= kMaxTermBytes) {
    pending_.emplace_back(schema::Term(schema::kStem, t.stem), t.term);
  }
  if (!t.phonetic.empty() && schema::kPhonetic.size() + t.phonetic.size() <= kMaxTermBytes) {
    pending_.emplace_back(schema::Term(schema::kPhonetic, t.phonetic), t.term);
  }
}

void LexiconWriter::Flush(Xapian::WritableDatabase& db) {
  if (pending_.empty()) return;
  // Xapian keeps one synonym list in hand and writes it out when another is asked for: in key
  // order, each list is read and written once.
  std::sort(pending_.begin(), pending_.end());
  for (const auto& [key, word] : pending_) db.add_synonym(key, word);
  pending_.clear();
}

std::vector<std::string> LexiconWords(const Xapian::Database& db, const std::string& key_term,
                                      LexiconScript script) {
  std::vector<std::string> words;
  for (auto it = db.synonyms_begin(key_term); it != db.synonyms_end(key_term); ++it) {
    std::string w = *it;
    const bool latin = static_cast<unsigned char>(w[0]) < 0x80;
    if ((script == LexiconScript::kLatin && !latin) ||
        (script == LexiconScript::kNotLatin && latin)) {
      continue;
    }
    words.push_back(std::move(w));
    if (words.size() == kMaxLexiconCandidates) break;
  }
  if (words.size() <= kMaxLexiconExpansion) return words;
  std::vector<std::pair<Xapian::doccount, std::string>> by_freq;
  by_freq.reserve(words.size());
  for (auto& w : words) by_freq.emplace_back(db.get_termfreq(w), std::move(w));
  std::partial_sort(by_freq.begin(), by_freq.begin() + kMaxLexiconExpansion, by_freq.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  words.clear();
  for (size_t i = 0; i < kMaxLexiconExpansion; ++i) words.push_back(std::move(by_freq[i].second));
  return words;
}

bool HasLexiconWords(const Xapian::Database& db, const std::string& key_term) {
  return db.synonyms_begin(key_term) != db.synonyms_end(key_term);
}

}  // namespace sahayak::search
