// Snippets and search cursors, without an index.
#include "search/snippets.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "search/search_cursor.h"

namespace sahayak::search {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class SnippetTest : public ::testing::Test {
 protected:
  std::string Snip(const std::string& q, const std::string& text, size_t* matches = nullptr,
                   size_t chars = 60) {
    query::Node root;
    root.kind = query::Node::Kind::kWord;
    root.text = q;
    if (q.back() == '*') {
      root.kind = query::Node::Kind::kPrefix;
      root.text = q.substr(0, q.size() - 1);
    }
    HighlightTerms h = CollectHighlightTerms(analyzer_, root);
    size_t n = 0;
    std::string s = MakeSnippet(analyzer_, h, text, chars, &n);
    if (matches) *matches = n;
    return s;
  }
  Analyzer analyzer_;
};

TEST_F(SnippetTest, MarksWordsStemsAndPrefixesAndEscapes) {
  EXPECT_EQ(Snip("parcel", "My <b>parcels</b> & boxes."),
            "My &lt;b&gt;<mark>parcels</mark>&lt;/b&gt; &amp; boxes.");
  EXPECT_EQ(Snip("invo*", "Send the invoice, please"), "Send the <mark>invoice</mark>, please");
  EXPECT_EQ(Snip("पार्सल", "मेरा पार्सल नहीं आया।"), "मेरा <mark>पार्सल</mark> नहीं आया।");
  EXPECT_EQ(Snip("इंतज़ार", "बहुत इंतजार किया"), "बहुत <mark>इंतजार</mark> किया")
      << "nukta folded as in the index";
  size_t n = 9;
  EXPECT_EQ(Snip("refund", "nothing here", &n), "nothing here");
  EXPECT_EQ(n, 0u);
}

TEST_F(SnippetTest, ShowsTheWindowAroundTheMatch) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "filler" + std::to_string(i) + " ";
  text += "the ಪಾರ್ಸೆಲ್ is here";
  for (int i = 0; i < 40; ++i) text += " more" + std::to_string(i);
  size_t n = 0;
  std::string s = Snip("ಪಾರ್ಸೆಲ್", text, &n);
  EXPECT_EQ(n, 1u);
  EXPECT_THAT(s, StartsWith("… "));
  EXPECT_THAT(s, HasSubstr("the <mark>ಪಾರ್ಸೆಲ್</mark> is here"));
  EXPECT_THAT(s, testing::EndsWith(" …"));
  EXPECT_THAT(s, Not(HasSubstr("filler0 ")));
}

TEST(SearchCursorTest, RoundTripsAndRefusesOtherSearches) {
  const std::string key = SearchKey("parcel", "ticket,", "relevance");
  EXPECT_NE(key, SearchKey("parcel", "ticket,", "-created_at"));
  EXPECT_NE(key, SearchKey("parcels", "ticket,", "relevance"));
  std::string c = EncodeSearchCursor(50, "relevance", key);
  auto offset = DecodeSearchCursor(c, "relevance", key);
  ASSERT_TRUE(offset.ok());
  EXPECT_EQ(*offset, 50);
  EXPECT_FALSE(DecodeSearchCursor(c, "-created_at", key).ok());
  EXPECT_FALSE(DecodeSearchCursor(c, "relevance", SearchKey("x", "", "relevance")).ok());
  for (const char* bad : {"", "%%%", "bm90IGpzb24", "eyJ2IjoxLCJvIjotMSwicyI6InIiLCJoIjoiIn0"}) {
    auto r = DecodeSearchCursor(bad, "relevance", key);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().fields().at(0).field, "cursor");
  }
}

}  // namespace
}  // namespace sahayak::search
