// The lexicon: stems and sound keys lead to the words of the index (search/lexicon.h).
#include "search/lexicon.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/temp_dir.h"
#include "search/schema.h"
#include "search/text_writer.h"

namespace sahayak::search {
namespace {

using Words = std::vector<std::string>;

Xapian::Document Doc(std::initializer_list<std::string> terms) {
  Xapian::Document doc;
  for (const auto& t : terms) doc.add_term(t);
  return doc;
}

class LexiconTest : public ::testing::Test {
 protected:
  // Writes `text` as a document, its words through `lexicon`.
  void Write(Xapian::WritableDatabase& db, LexiconWriter& lexicon, std::string_view text) {
    Xapian::Document doc;
    TextWriter writer(&doc, analyzer_, &lexicon);
    writer.Add(text);
    lexicon.Flush(db);
    db.add_document(doc);
  }

  sahayak::testing::TempDir dir_;
  Analyzer analyzer_;
};

TEST_F(LexiconTest, RecordsTheStemsAndSoundKeysOfTheWordsWritten) {
  Xapian::WritableDatabase db(dir_.path() + "/ix", Xapian::DB_CREATE_OR_OVERWRITE);
  LexiconWriter lexicon;
  Write(db, lexicon, "Parcels parcel पार्सल पार्सलों ORD-2231 Mysuru ಪಾರ್ಸೆಲ್‌ಗಳು");
  Write(db, lexicon, "parcels again, and parsal");
  db.commit();
  EXPECT_EQ(LexiconWords(db, "Zparcel"), (Words{"parcels"}))
      << "a word that is its own stem is looked up as a word, not through Z";
  EXPECT_EQ(LexiconWords(db, "Zपार्सल"), (Words{"पार्सलों"}));
  EXPECT_EQ(LexiconWords(db, "Zಪಾರ್ಸೆಲ"), (Words{"ಪಾರ್ಸೆಲ್ಗಳು"})) << "Kannada stems, joiner gone";
  // पार्सलों sounds like पार्सल (a final anusvara only nasalises the vowel).
  EXPECT_EQ(LexiconWords(db, "XPprsl"), (Words{"parcel", "parsal", "पार्सल", "पार्सलों"}));
  EXPECT_EQ(LexiconWords(db, "XPprsl", LexiconScript::kLatin), (Words{"parcel", "parsal"}));
  EXPECT_EQ(LexiconWords(db, "XPprsl", LexiconScript::kNotLatin), (Words{"पार्सल", "पार्सलों"}));
  EXPECT_TRUE(HasLexiconWords(db, "Zparcel"));
  EXPECT_FALSE(HasLexiconWords(db, "Zmysuru"));
  for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) {
    const std::string key = *k;
    EXPECT_TRUE(key[0] == 'Z' || key.rfind("XP", 0) == 0) << key;
    EXPECT_EQ(key.find("2231"), std::string::npos) << "numbers have neither stem nor key";
  }
}

TEST_F(LexiconTest, ExpandsToTheMostFrequentWordsWhenAKeyHasMany) {
  Xapian::WritableDatabase db(dir_.path() + "/ix", Xapian::DB_CREATE_OR_OVERWRITE);
  // 40 words of one stem; word i is in i + 1 documents.
  const size_t n = kMaxLexiconExpansion + 8;
  for (size_t i = 0; i < n; ++i) {
    const std::string w = "w" + std::to_string(100 + i);
    db.add_synonym("Zw", w);
    for (size_t d = 0; d <= i; ++d) db.add_document(Doc({w}));
  }
  db.commit();
  Words words = LexiconWords(db, "Zw");
  ASSERT_EQ(words.size(), kMaxLexiconExpansion);
  EXPECT_EQ(words.front(), "w" + std::to_string(100 + n - 1)) << "the most frequent first";
  for (const auto& w : words) {
    EXPECT_GE(w, "w" + std::to_string(100 + n - kMaxLexiconExpansion)) << w << " is rarer";
  }
}

TEST_F(LexiconTest, AWriterSkipsWordsItHasSeenAndForgetsThemOnRequest) {
  Xapian::WritableDatabase db(dir_.path() + "/ix", Xapian::DB_CREATE_OR_OVERWRITE);
  LexiconWriter lexicon;
  db.begin_transaction();
  Write(db, lexicon, "parcels");
  db.cancel_transaction();
  EXPECT_FALSE(HasLexiconWords(db, "Zparcel")) << "the synonyms went with the transaction";
  Write(db, lexicon, "parcels");
  db.commit();
  EXPECT_FALSE(HasLexiconWords(db, "Zparcel")) << "seen before: skipped";
  EXPECT_FALSE(lexicon.IsNew("parcels"));
  EXPECT_TRUE(lexicon.IsNew("parcel")) << "never written";
  lexicon.Forget();
  EXPECT_TRUE(lexicon.IsNew("parcels"));
  Write(db, lexicon, "parcels");
  db.commit();
  EXPECT_EQ(LexiconWords(db, "Zparcel"), (Words{"parcels"}));
}

TEST_F(LexiconTest, AWriterRemembersAtMostItsLimitOfWords) {
  Xapian::WritableDatabase db(dir_.path() + "/ix", Xapian::DB_CREATE_OR_OVERWRITE);
  LexiconWriter lexicon(/*seen_limit=*/1);
  db.begin_transaction();
  Write(db, lexicon, "parcels");
  db.cancel_transaction();  // "parcels" is remembered, its synonym gone
  Write(db, lexicon, "orders");  // over the limit: "parcels" is forgotten
  Write(db, lexicon, "parcels");
  db.commit();
  EXPECT_EQ(LexiconWords(db, "Zparcel"), (Words{"parcels"})) << "recorded again once forgotten";
  EXPECT_EQ(LexiconWords(db, "Zorder"), (Words{"orders"}));
}

}  // namespace
}  // namespace sahayak::search
