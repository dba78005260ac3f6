// The one writer of free-text terms, shared by ticket and article documents.
#include "search/text_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "search/article_documents.h"
#include "search/documents.h"
#include "search/schema.h"

namespace sahayak::search {
namespace {

std::vector<std::string> Terms(const Xapian::Document& doc) {
  return {doc.termlist_begin(), doc.termlist_end()};
}

std::vector<Xapian::termpos> Positions(const Xapian::Document& doc, const std::string& term) {
  auto it = doc.termlist_begin();
  it.skip_to(term);
  if (it == doc.termlist_end() || *it != term) return {};
  return {it.positionlist_begin(), it.positionlist_end()};
}

TEST(TextWriterTest, WritesExactTermsWithFieldGapsAndNoStemsOrKeys) {
  Analyzer analyzer;
  Xapian::Document doc;
  TextWriter text(&doc, analyzer);
  text.Add("Parcels delayed", 3);
  text.Add("पार्सलों का इंतज़ार");
  const auto terms = Terms(doc);
  auto has = [&](const std::string& t) {
    return std::find(terms.begin(), terms.end(), t) != terms.end();
  };
  EXPECT_TRUE(has("parcels"));
  EXPECT_TRUE(has("पार्सलों"));
  for (const auto& t : terms) {
    EXPECT_FALSE(t[0] == 'Z' || t.rfind("XP", 0) == 0)
        << t << ": stems and sound keys are the lexicon's (search/lexicon.h)";
  }
  EXPECT_TRUE(has("इंतजार")) << "nukta folded";
  EXPECT_EQ(Positions(doc, "parcels"), (std::vector<Xapian::termpos>{1}));
  EXPECT_EQ(Positions(doc, "delayed"), (std::vector<Xapian::termpos>{2}));
  // The second field starts kFieldGap positions after the first one's last word.
  EXPECT_EQ(Positions(doc, "पार्सलों"), (std::vector<Xapian::termpos>{2 + 1 + kFieldGap}));
  auto it = doc.termlist_begin();
  it.skip_to("parcels");
  EXPECT_EQ(it.get_wdf(), 3u);
}

TEST(TextWriterTest, PartsAndOverlongTerms) {
  Analyzer analyzer;
  Xapian::Document doc;
  TextWriter text(&doc, analyzer);
  text.AddWithParts("express_delivery");
  text.Add(std::string(300, 'a'));
  text.Add("Asha Rao", 1, schema::kRequesterWord);
  const auto terms = Terms(doc);
  auto has = [&](const std::string& t) {
    return std::find(terms.begin(), terms.end(), t) != terms.end();
  };
  EXPECT_TRUE(has("express_delivery"));
  EXPECT_TRUE(has("express"));
  EXPECT_TRUE(has("delivery"));
  EXPECT_TRUE(has("XRWasha"));
  for (const auto& t : terms) EXPECT_LE(t.size(), kMaxTermBytes + 4) << t.substr(0, 20);
  EXPECT_FALSE(has(std::string(300, 'a')));
}

TEST(TextWriterTest, AddressesAndJoinedWordsAreAlsoTheirParts) {
  Analyzer analyzer;
  Xapian::Document doc;
  TextWriter text(&doc, analyzer);
  text.Add("Write to support@sahayakexpress.in: the customer's invoice_scan.pdf, don't wait");
  const auto terms = Terms(doc);
  auto has = [&](const std::string& t) {
    return std::find(terms.begin(), terms.end(), t) != terms.end();
  };
  EXPECT_TRUE(has("support@sahayakexpress.in")) << "the whole address";
  EXPECT_EQ(Positions(doc, "sahayakexpress"), Positions(doc, "support@sahayakexpress.in"))
      << "its parts at its position";
  EXPECT_TRUE(has("support"));
  EXPECT_TRUE(has("in"));
  EXPECT_TRUE(has("customer")) << "customer's";
  EXPECT_TRUE(has("invoice_scan.pdf"));
  EXPECT_TRUE(has("invoice"));
  EXPECT_TRUE(has("pdf"));
  EXPECT_TRUE(has("don"));
  EXPECT_FALSE(has("t")) << "a one-letter part is no word";
  EXPECT_FALSE(has("s"));
}

// A ticket and an article with the same text carry the same free-text terms: the query
// builder looks words up one way for both.
TEST(TextWriterTest, TicketsAndArticlesShareTheirTextTerms) {
  Analyzer analyzer;
  const std::string title = "Returned parcels: पैसे वापस कब मिलेंगे? ಪಾರ್ಸೆಲ್ ಹಿಂದಿರುಗಿಸಿ";
  services::TicketForIndex t;
  t.ticket.id = 1;
  t.ticket.workspace_id = 1;
  t.ticket.subject = title;
  domain::KbArticle a;
  a.id = 2;
  a.workspace_id = 1;
  domain::KbTranslation tr;
  tr.language = "en";
  tr.title = title;
  Xapian::Document ticket = TicketDocument(t, analyzer);
  Xapian::Document article = ArticleDocument(a, tr, analyzer);
  auto free_text = [](const Xapian::Document& d) {
    std::vector<std::string> out;
    for (auto it = d.termlist_begin(); it != d.termlist_end(); ++it) {
      const std::string term = *it;
      const bool upper = !term.empty() && term[0] >= 'A' && term[0] <= 'Z';
      if (!upper || term.rfind(schema::kStem, 0) == 0 || term.rfind(schema::kPhonetic, 0) == 0) {
        if (!(term.rfind(schema::kPhonetic, 0) == 0 && term.size() > 2 && term[2] >= 'A' &&
              term[2] <= 'Z')) {
          out.push_back(term);
        }
      }
    }
    return out;
  };
  const auto from_ticket = free_text(ticket);
  EXPECT_FALSE(from_ticket.empty());
  EXPECT_EQ(from_ticket, free_text(article));
  EXPECT_EQ(Positions(ticket, "returned"), Positions(article, "returned"));
}

}  // namespace
}  // namespace sahayak::search
