#include "search/analyzer.h"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include "base/text.h"
#include "search/kannada_stem.h"
#include "search/phonetic.h"

namespace sahayak::search {
namespace {

// U+0958–U+095F (क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़) are composition exclusions, so NFC already writes them
// as base + U+093C; the table catches precomposed forms that arrive some other way.
constexpr char16_t kNuktaBase[8] = {0x0915, 0x0916, 0x0917, 0x091C, 0x0921, 0x0922, 0x092B, 0x092F};

bool NeedsFold(char16_t c) {
  return c == 0x00AD || c == 0x200C || c == 0x200D || c == 0xFEFF || c == 0x0901 || c == 0x093C ||
         c == 0x0CBC || (c >= 0x0958 && c <= 0x096F) || (c >= 0x0CE6 && c <= 0x0CEF);
}

// Applies the folds of analyzer.h that ICU has no single call for. Returns false when
// nothing changed (the common case: no copy).
bool FoldIndic(const icu::UnicodeString& in, icu::UnicodeString* out) {
  const int32_t n = in.length();
  int32_t i = 0;
  while (i < n && !NeedsFold(in.charAt(i))) {
    ++i;
  }
  if (i == n) {
    return false;
  }
  out->remove();
  out->append(in, 0, i);
  for (; i < n; ++i) {
    const char16_t c = in.charAt(i);
    switch (c) {
      case 0x00AD:  // soft hyphen
      case 0x200C:  // ZWNJ
      case 0x200D:  // ZWJ
      case 0xFEFF:  // zero-width no-break space / BOM
      case 0x093C:  // Devanagari nukta
      case 0x0CBC:  // Kannada nukta
        continue;
      case 0x0901:  // chandrabindu → anusvara
        out->append(static_cast<char16_t>(0x0902));
        continue;
      default:
        break;
    }
    if (c >= 0x0958 && c <= 0x095F) {
      out->append(kNuktaBase[c - 0x0958]);
    } else if (c >= 0x0966 && c <= 0x096F) {
      out->append(static_cast<char16_t>(u'0' + (c - 0x0966)));
    } else if (c >= 0x0CE6 && c <= 0x0CEF) {
      out->append(static_cast<char16_t>(u'0' + (c - 0x0CE6)));
    } else {
      out->append(c);
    }
  }
  return true;
}

// What a word is made of, in one pass over its code points.
struct WordShape {
  int latin = 0;
  int devanagari = 0;
  int kannada = 0;
  int other = 0;  // letters of other scripts
  int digits = 0;
  int alnum = 0;  // letters and digits (marks excluded)

  // The script by the letters: the most frequent of Latin, Devanagari and Kannada, kNumber
  // for digits without letters.
  Script script() const {
    if (latin + devanagari + kannada + other == 0) {
      return digits > 0 ? Script::kNumber : Script::kOther;
    }
    if (other >= latin && other >= devanagari && other >= kannada) {
      return Script::kOther;
    }
    if (devanagari >= latin && devanagari >= kannada) {
      return Script::kDevanagari;
    }
    return kannada > latin ? Script::kKannada : Script::kLatin;
  }
};

// Narrows [*start, *end) of `s` to leave out white space at either end. ICU's word rules can
// end a word with white space: U+202F (narrow no-break space) is ExtendNumLet in UAX #29, so
// "7777\u202F" is one segment; a term never keeps it (found by the fuzzer).
void TrimWhiteSpace(const icu::UnicodeString& s, int32_t* start, int32_t* end) {
  while (*start < *end && u_isUWhiteSpace(s.char32At(*start))) {
    *start = s.moveIndex32(*start, 1);
  }
  while (*end > *start && u_isUWhiteSpace(s.char32At(s.moveIndex32(*end, -1)))) {
    *end = s.moveIndex32(*end, -1);
  }
}

WordShape ShapeOf(const icu::UnicodeString& s, int32_t start, int32_t end) {
  WordShape shape;
  const char16_t* p = s.getBuffer();
  for (int32_t i = start; i < end;) {
    UChar32 c;
    U16_NEXT(p, i, end, c);
    if (c < 0x80) {  // most text is ASCII: skip the property look-ups
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        ++shape.latin;
        ++shape.alnum;
      } else if (c >= '0' && c <= '9') {
        ++shape.digits;
        ++shape.alnum;
      }
      continue;
    }
    if (u_isdigit(c)) {
      ++shape.digits;
      ++shape.alnum;
      continue;
    }
    const bool letter = u_isalpha(c);
    if (!letter && !(U_GET_GC_MASK(c) & U_GC_M_MASK)) {
      continue;
    }
    shape.alnum += letter ? 1 : 0;
    // Vowel signs and viramas (marks) count for their script: ि alone is still Devanagari.
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
      case USCRIPT_LATIN:
        ++shape.latin;
        break;
      case USCRIPT_DEVANAGARI:
        ++shape.devanagari;
        break;
      case USCRIPT_KANNADA:
        ++shape.kannada;
        break;
      case USCRIPT_INHERITED:
      case USCRIPT_COMMON:
        break;  // combining marks shared by scripts count for none
      default:
        ++shape.other;
        break;
    }
  }
  return shape;
}

// Only plain words sound like something: "don't" does, "ord2231" and "a.b@example.in" do not.
bool IsPlainWord(std::string_view term) {
  for (const char ch : term) {
    const auto c = static_cast<unsigned char>(ch);
    const bool ascii_letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c < 0x80 && !ascii_letter && c != '\'') {
      return false;
    }
  }
  return true;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};
using StemmerPtr = std::unique_ptr<sb_stemmer, StemmerDeleter>;

}  // namespace

struct Analyzer::Impl {
  const icu::Normalizer2* nfc = nullptr;
  std::unique_ptr<icu::BreakIterator> words;
  StemmerPtr english;
  StemmerPtr hindi;
  PhoneticKeyer phonetic;
  icu::UnicodeString scratch;
  const icu::UnicodeString empty;

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) {
      nfc = nullptr;
    }
    status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) {
      words.reset();
    }
    english.reset(sb_stemmer_new("english", "UTF_8"));
    hindi.reset(sb_stemmer_new("hindi", "UTF_8"));
  }

  void ToNfc(icu::UnicodeString& s) {
    if (nfc == nullptr) {
      return;
    }
    UErrorCode status = U_ZERO_ERROR;
    if (nfc->quickCheck(s, status) == UNORM_YES && U_SUCCESS(status)) {
      return;
    }
    status = U_ZERO_ERROR;
    icu::UnicodeString out = nfc->normalize(s, status);
    if (U_SUCCESS(status)) {
      s = std::move(out);
    }
  }

  // The whole normalisation of analyzer.h, on UTF-16 (what ICU's break iterator wants).
  icu::UnicodeString Normalize(std::string_view text) {
    icu::UnicodeString u;
    if (IsValidUtf8(text)) {
      u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
    } else {
      const std::string repaired = RepairUtf8(text);
      u = icu::UnicodeString::fromUTF8(icu::StringPiece(repaired.data(), repaired.size()));
    }
    ToNfc(u);
    if (FoldIndic(u, &scratch)) {
      u.swap(scratch);
    }
    u.foldCase(U_FOLD_CASE_DEFAULT);
    // Removing a joiner or folding case can leave marks that NFC composes or reorders.
    ToNfc(u);
    return u;
  }

  std::string Stem(sb_stemmer* stemmer, const std::string& term) {
    if (stemmer == nullptr) {
      return "";
    }
    const sb_symbol* stem = sb_stemmer_stem(
        stemmer, reinterpret_cast<const sb_symbol*>(term.data()), static_cast<int>(term.size()));
    if (stem == nullptr) {
      return "";
    }
    std::string out(reinterpret_cast<const char*>(stem),
                    static_cast<size_t>(sb_stemmer_length(stemmer)));
    if (out == term) {
      out.clear();
    }
    return out;
  }

  void Fill(Token& token) {
    switch (token.script) {
      case Script::kLatin: {
        token.stem = Stem(english.get(), token.term);
        if (IsPlainWord(token.term)) {
          token.phonetic = phonetic.ForLatin(token.term);
        }
        break;
      }
      case Script::kDevanagari:
        token.stem = Stem(hindi.get(), token.term);
        token.phonetic = phonetic.ForDevanagari(token.term);
        break;
      case Script::kKannada:
        token.stem = KannadaStem(token.term);
        break;
      default:
        break;
    }
  }
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;

std::vector<Token> Analyzer::Analyze(std::string_view text, uint32_t first_position,
                                     Detail detail) {
  std::vector<Token> tokens;
  if (text.empty() || impl_->words == nullptr) {
    return tokens;
  }
  const icu::UnicodeString u = impl_->Normalize(text);
  icu::BreakIterator& words = *impl_->words;
  words.setText(u);
  tokens.reserve(text.size() / 6 + 1);
  uint32_t position = first_position;
  int32_t start = words.first();
  for (int32_t end = words.next(); end != icu::BreakIterator::DONE;
       start = end, end = words.next()) {
    // Rule status alone is not enough: a lone combining mark or U+FFFD can form a segment.
    int32_t from = start;
    int32_t to = end;
    TrimWhiteSpace(u, &from, &to);
    const WordShape shape = ShapeOf(u, from, to);
    if (shape.alnum == 0) {
      continue;  // spaces, punctuation, symbols
    }
    Token& token = tokens.emplace_back();
    u.tempSubStringBetween(from, to).toUTF8String(token.term);
    token.position = position++;
    token.script = shape.script();
    if (detail == Detail::kFull) impl_->Fill(token);
  }
  // The iterator keeps a pointer to `u`; point it at something that outlives this call.
  words.setText(impl_->empty);
  return tokens;
}

void Analyzer::AddStemAndKey(Token& token) {
  token.stem.clear();
  token.phonetic.clear();
  impl_->Fill(token);
}

std::string Analyzer::NormalizeWord(std::string_view word) {
  icu::UnicodeString u = impl_->Normalize(word);
  int32_t start = 0;
  int32_t end = u.length();
  TrimWhiteSpace(u, &start, &end);
  if (ShapeOf(u, start, end).alnum == 0) {
    return "";
  }
  std::string out;
  u.tempSubStringBetween(start, end).toUTF8String(out);
  return out;
}

}  // namespace sahayak::search
