#include "search/text_writer.h"

#include <algorithm>
#include <vector>

#include "search/schema.h"

namespace sahayak::search {

void AddBooleanTerm(Xapian::Document* doc, std::string_view prefix, std::string_view value) {
  if (value.empty() || prefix.size() + value.size() > kMaxTermBytes) return;
  doc->add_boolean_term(schema::Term(prefix, value));
}

void TextWriter::Add(std::string_view text, Xapian::termcount wdf, std::string_view word_prefix) {
  if (text.empty()) return;
  // Stems and sound keys only go to the lexicon, and only for words it has not seen: working
  // them out for every word was 8 % of a rebuild's instructions (callgrind, 10,000 tickets).
  std::vector<Token> tokens = analyzer_.Analyze(text, next_, Analyzer::Detail::kTermsOnly);
  if (tokens.empty()) return;
  uint32_t last = next_;
  for (Token& t : tokens) {
    if (t.term.empty() || t.term.size() > kMaxTermBytes) continue;
    doc_->add_posting(t.term, t.position, wdf);
    if (lexicon_ != nullptr && lexicon_->IsNew(t.term)) {
      analyzer_.AddStemAndKey(t);
      lexicon_->Add(t);
    }
    AddParts(t, wdf);
    last = std::max(last, t.position);
    if (!word_prefix.empty() && t.term.size() + word_prefix.size() <= kMaxTermBytes) {
      doc_->add_term(schema::Term(word_prefix, t.term));
    }
  }
  next_ = last + 1 + kFieldGap;
}

void TextWriter::AddParts(const Token& t, Xapian::termcount wdf) {
  // Only a token joined by punctuation has parts: most have none, and are passed over here.
  auto joiner = [](char ch) {
    return ch == '@' || ch == '.' || ch == '_' || ch == '\'' || ch == ':' || ch == '/';
  };
  if (std::none_of(t.term.begin(), t.term.end(), joiner)) return;
  size_t start = 0;
  for (size_t i = 0; i <= t.term.size(); ++i) {
    if (i < t.term.size() && !joiner(t.term[i])) continue;
    if (i - start >= 2 && i - start < t.term.size()) {  // "t" of "don't" is no word
      doc_->add_posting(t.term.substr(start, i - start), t.position, wdf);
    }
    start = i + 1;
  }
}

void TextWriter::AddWithParts(const std::string& s) {
  Add(s);
  std::string parts = s;
  for (char& ch : parts) {
    if (ch == '_' || ch == '.' || ch == '-') ch = ' ';
  }
  if (parts != s) Add(parts);
}

}  // namespace sahayak::search
