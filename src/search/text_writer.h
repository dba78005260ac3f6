#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "search/analyzer.h"
#include "search/lexicon.h"

// Writing analysed free text and filter terms into a Xapian document, the one way every
// document type (tickets, contacts, organisations, articles) does it, so the query builder's
// look-ups (search/query_builder.h) find the same terms everywhere.
namespace sahayak::search {

// Xapian refuses terms over 245 bytes; a longer "word" (a base64 blob, a URL) is noise anyway.
constexpr size_t kMaxTermBytes = 240;

// Position gap between fields (subject, each message, tags …) so phrases never span two.
constexpr Xapian::termpos kFieldGap = 100;

// Adds prefix + value as a boolean (filter) term; nothing when `value` is empty or the term
// would be longer than kMaxTermBytes.
void AddBooleanTerm(Xapian::Document* doc, std::string_view prefix, std::string_view value);

// Adds analysed free text field after field, leaving kFieldGap positions between them.
// Not thread-safe (it uses the caller's Analyzer); `doc`, `analyzer` and `lexicon` must
// outlive it. Each word goes to `lexicon` too, when there is one (search/lexicon.h).
class TextWriter {
 public:
  TextWriter(Xapian::Document* doc, Analyzer& analyzer, LexiconWriter* lexicon = nullptr)
      : doc_(doc), analyzer_(analyzer), lexicon_(lexicon) {}

  // Every token of `text` as its exact term at its position (wdf `wdf`), and a token that
  // ICU joined across "@", ".", "_", "'", ":" or "/" (an e-mail address, a host name, a
  // file name) also as its parts at the same position: "support@sahayakexpress.in" is found
  // by "sahayakexpress", "don't" by "don"; with `word_prefix`
  // also as that prefix + term (field words: requester:, org:). Terms over kMaxTermBytes are
  // left out. Stems and sound keys are not terms: they go to the lexicon.
  void Add(std::string_view text, Xapian::termcount wdf = 1, std::string_view word_prefix = "");

  // `s` as itself and, when it joins words with '_', '.' or '-' ("express_delivery",
  // "invoice_scan.pdf", which word breaking keeps together), once more split into its parts,
  // so both "express_delivery" and "delivery" find it. For tags and file names.
  void AddWithParts(const std::string& s);

 private:
  void AddParts(const Token& t, Xapian::termcount wdf);

  Xapian::Document* doc_;
  Analyzer& analyzer_;
  LexiconWriter* lexicon_;
  uint32_t next_ = 1;
};

}  // namespace sahayak::search
