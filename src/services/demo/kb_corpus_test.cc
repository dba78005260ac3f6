#include "services/demo/kb_corpus.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"
#include "domain/kb.h"
#include "domain/ticket.h"

namespace sahayak::services::demo {
namespace {

// Code points of well-formed UTF-8 (the caller checks IsValidUtf8 first).
std::vector<uint32_t> CodePoints(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

bool IsDevanagari(uint32_t cp) {
  return cp >= 0x0900 && cp <= 0x097F;
}
bool IsKannada(uint32_t cp) {
  return cp >= 0x0C80 && cp <= 0x0CFF;
}
bool IsLatinLetter(uint32_t cp) {
  return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
}

struct ScriptCounts {
  size_t latin = 0;
  size_t devanagari = 0;
  size_t kannada = 0;
  size_t Letters() const { return latin + devanagari + kannada; }
};

ScriptCounts CountScripts(std::string_view s) {
  ScriptCounts c;
  for (uint32_t cp : CodePoints(s)) {
    if (IsLatinLetter(cp)) ++c.latin;
    if (IsDevanagari(cp)) ++c.devanagari;
    if (IsKannada(cp)) ++c.kannada;
  }
  return c;
}

size_t WordCount(std::string_view s) {
  std::istringstream in{std::string(s)};
  size_t n = 0;
  for (std::string w; in >> w;) {
    if (w.find_first_not_of("|-#*") != std::string::npos) ++n;  // not Markdown punctuation
  }
  return n;
}

// How many lines of each Markdown block kind a body has; a translation has the same shape as
// its English original.
struct Shape {
  int headings = 0;
  int list_items = 0;
  int table_rows = 0;
  bool operator==(const Shape&) const = default;
};

Shape ShapeOf(std::string_view body) {
  Shape shape;
  std::istringstream in{std::string(body)};
  static const std::regex kOrdered("^[0-9]+\\. .*");
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("## ")) ++shape.headings;
    if (line.starts_with("- ") || std::regex_match(line, kOrdered)) ++shape.list_items;
    if (line.starts_with("|")) ++shape.table_rows;
  }
  return shape;
}

struct ArticleRef {
  const DemoKbArticle* article;
  std::string where;  // category/section/index, for failure messages
};

std::vector<ArticleRef> AllArticles() {
  std::vector<ArticleRef> out;
  const auto& kb = DemoKnowledgeBase();
  for (size_t c = 0; c < kb.size(); ++c) {
    for (size_t s = 0; s < kb[c].sections.size(); ++s) {
      const auto& articles = kb[c].sections[s].articles;
      for (size_t a = 0; a < articles.size(); ++a) {
        out.push_back({&articles[a], kb[c].titles.at("en") + " / " +
                                         kb[c].sections[s].titles.at("en") + " / #" +
                                         std::to_string(a)});
      }
    }
  }
  return out;
}

const DemoKbTranslation* Find(const DemoKbArticle& a, std::string_view lang) {
  for (const auto& t : a.translations) {
    if (t.language == lang) return &t;
  }
  return nullptr;
}

TEST(KbCorpusTest, CategoriesAndSectionsAreNamedInEveryLanguage) {
  const auto& kb = DemoKnowledgeBase();
  ASSERT_GE(kb.size(), 3u);
  ASSERT_LE(kb.size(), 4u);
  for (const auto& category : kb) {
    EXPECT_FALSE(category.sections.empty());
    for (const auto& lang : domain::KbLanguages()) {
      EXPECT_FALSE(domain::Localized(category.titles, lang, lang).empty()) << lang;
      EXPECT_FALSE(domain::Localized(category.descriptions, lang, lang).empty()) << lang;
    }
    for (const auto& section : category.sections) {
      EXPECT_FALSE(section.articles.empty());
      for (const auto& lang : domain::KbLanguages()) {
        EXPECT_FALSE(domain::Localized(section.titles, lang, lang).empty()) << lang;
        EXPECT_FALSE(domain::Localized(section.descriptions, lang, lang).empty()) << lang;
      }
    }
  }
}

TEST(KbCorpusTest, CategoryAndSectionNamesAreInTheirOwnScript) {
  for (const auto& category : DemoKnowledgeBase()) {
    std::vector<const domain::LocalizedText*> texts = {&category.titles, &category.descriptions};
    for (const auto& section : category.sections) {
      texts.push_back(&section.titles);
      texts.push_back(&section.descriptions);
    }
    for (const auto* text : texts) {
      ScriptCounts hi = CountScripts(text->at("hi"));
      ScriptCounts kn = CountScripts(text->at("kn"));
      EXPECT_GT(hi.devanagari, hi.latin) << text->at("hi");
      EXPECT_GT(kn.kannada, kn.latin) << text->at("kn");
      EXPECT_EQ(ToNfc(text->at("hi")), text->at("hi"));
      EXPECT_EQ(ToNfc(text->at("kn")), text->at("kn"));
    }
  }
}

TEST(KbCorpusTest, PublicArticlesExistInAllThreeLanguagesInOrder) {
  int public_count = 0;
  for (const auto& [article, where] : AllArticles()) {
    if (article->internal) continue;
    ++public_count;
    ASSERT_EQ(article->translations.size(), 3u) << where;
    EXPECT_EQ(article->translations[0].language, "en") << where;
    EXPECT_EQ(article->translations[1].language, "hi") << where;
    EXPECT_EQ(article->translations[2].language, "kn") << where;
  }
  EXPECT_EQ(public_count, 9);
}

TEST(KbCorpusTest, InternalArticlesAreTheTwoAgentProceduresInEnglishAndHindi) {
  std::set<std::string> titles;
  for (const auto& [article, where] : AllArticles()) {
    if (!article->internal) continue;
    ASSERT_NE(Find(*article, "en"), nullptr) << where;
    ASSERT_NE(Find(*article, "hi"), nullptr) << where;
    titles.insert(Find(*article, "en")->title);
  }
  EXPECT_EQ(titles, (std::set<std::string>{"Escalating an NDR to the delivery hub",
                                           "Handling a lost-parcel claim (procedure)"}));
}

TEST(KbCorpusTest, EveryRequiredTopicHasAPublicArticle) {
  std::set<std::string> public_tags;
  for (const auto& [article, where] : AllArticles()) {
    if (!article->internal) public_tags.insert(article->tags.begin(), article->tags.end());
  }
  for (const char* tag :
       {"tracking", "reschedule", "customs", "returns", "cod", "invoice", "renewal"}) {
    EXPECT_TRUE(public_tags.count(tag)) << tag;
  }
}

TEST(KbCorpusTest, TitlesAndBodiesRespectTheArticleLimits) {
  for (const auto& [article, where] : AllArticles()) {
    for (const auto& t : article->translations) {
      SCOPED_TRACE(where + " [" + t.language + "]");
      EXPECT_TRUE(domain::IsKbLanguage(t.language));
      ASSERT_TRUE(IsValidUtf8(t.title));
      ASSERT_TRUE(IsValidUtf8(t.body));
      EXPECT_FALSE(Trim(t.title).empty());
      EXPECT_LE(CodePointCount(t.title), domain::kMaxKbTitleChars);
      EXPECT_LE(t.body.size(), domain::kMaxKbBodyBytes);
      EXPECT_EQ(ToNfc(t.title), t.title);
      EXPECT_EQ(ToNfc(t.body), t.body);
      EXPECT_FALSE(HasControlChars(t.title));
      EXPECT_FALSE(HasControlChars(t.body));
      EXPECT_EQ(t.title.find('\n'), std::string::npos);
    }
  }
}

TEST(KbCorpusTest, PublicBodiesAreHelpCentreLength) {
  for (const auto& [article, where] : AllArticles()) {
    if (article->internal) continue;
    for (const auto& t : article->translations) {
      size_t words = WordCount(t.body);
      EXPECT_GE(words, 150u) << where << " [" << t.language << "]";
      EXPECT_LE(words, 400u) << where << " [" << t.language << "]";
    }
  }
}

TEST(KbCorpusTest, HindiIsMostlyDevanagariAndKannadaMostlyKannadaScript) {
  for (const auto& [article, where] : AllArticles()) {
    for (const auto& t : article->translations) {
      SCOPED_TRACE(where + " [" + t.language + "]");
      ScriptCounts title = CountScripts(t.title);
      ScriptCounts body = CountScripts(t.body);
      if (t.language == "hi") {
        EXPECT_GT(title.devanagari, title.latin);
        EXPECT_EQ(body.kannada, 0u);
        EXPECT_GE(body.devanagari * 100, body.Letters() * 80) << body.latin << " Latin letters";
      } else if (t.language == "kn") {
        EXPECT_GT(title.kannada, title.latin);
        EXPECT_EQ(body.devanagari, 0u);
        EXPECT_GE(body.kannada * 100, body.Letters() * 80) << body.latin << " Latin letters";
      } else {
        EXPECT_EQ(title.devanagari + title.kannada, 0u);
        EXPECT_EQ(body.devanagari + body.kannada, 0u);
      }
    }
  }
}

TEST(KbCorpusTest, TranslationsHaveTheSameHeadingsListsAndTablesAsEnglish) {
  bool any_table = false;
  for (const auto& [article, where] : AllArticles()) {
    const DemoKbTranslation* en = Find(*article, "en");
    ASSERT_NE(en, nullptr) << where;
    Shape want = ShapeOf(en->body);
    EXPECT_GE(want.headings, 2) << where;
    EXPECT_GE(want.list_items, 2) << where;
    any_table = any_table || want.table_rows > 0;
    for (const auto& t : article->translations) {
      Shape got = ShapeOf(t.body);
      EXPECT_EQ(got.headings, want.headings) << where << " [" << t.language << "]";
      EXPECT_EQ(got.list_items, want.list_items) << where << " [" << t.language << "]";
      EXPECT_EQ(got.table_rows, want.table_rows) << where << " [" << t.language << "]";
    }
  }
  EXPECT_TRUE(any_table);
}

TEST(KbCorpusTest, TagsAreAlreadyNormalised) {
  for (const auto& [article, where] : AllArticles()) {
    EXPECT_FALSE(article->tags.empty()) << where;
    EXPECT_LE(article->tags.size(), domain::kMaxKbTags) << where;
    auto normalised = domain::NormaliseTags(article->tags);
    ASSERT_TRUE(normalised.ok()) << where;
    EXPECT_EQ(*normalised, article->tags) << where;
    for (const auto& tag : article->tags) {
      EXPECT_EQ(tag.find(' '), std::string::npos) << tag;
      EXPECT_EQ(AsciiLower(tag), tag) << tag;
    }
  }
}

TEST(KbCorpusTest, ContactDetailsArePlaceholders) {
  static const std::regex kUrl(R"(https?://([A-Za-z0-9.-]+))");
  static const std::regex kEmail(R"([A-Za-z0-9._-]+@([A-Za-z0-9.-]+))");
  static const std::regex kPhone(R"(\b[0-9]{4}-[0-9]{3}-[0-9]{4}\b|\+91)");
  auto check_host = [](const std::string& host, const std::string& where) {
    EXPECT_TRUE(host == "example.com" || host.ends_with(".example.com")) << where << ": " << host;
  };
  for (const auto& [article, where] : AllArticles()) {
    for (const auto& t : article->translations) {
      for (std::sregex_iterator it(t.body.begin(), t.body.end(), kUrl), end; it != end; ++it) {
        check_host((*it)[1], where);
      }
      for (std::sregex_iterator it(t.body.begin(), t.body.end(), kEmail), end; it != end; ++it) {
        check_host((*it)[1], where);
      }
      for (std::sregex_iterator it(t.body.begin(), t.body.end(), kPhone), end; it != end; ++it) {
        EXPECT_EQ(it->str(), "1800-000-0000") << where;
      }
    }
  }
}

}  // namespace
}  // namespace sahayak::services::demo
