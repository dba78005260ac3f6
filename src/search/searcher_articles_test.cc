// Knowledge-base articles in the index and in search results, on a real SQLite store and a
// real Xapian index (fixture: search/searcher_test_util.h).
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"
// After the three above (see its header comment).
#include "search/searcher_test_util.h"

#include "search/article_documents.h"

#include "base/text.h"

namespace sahayak::search {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

struct Text {
  std::string language, title, body;
  domain::KbStatus status = domain::KbStatus::kPublished;
};

class ArticleSearchTest : public SearcherTest {
 protected:
  void SetUp() override {
    SearcherTest::SetUp();
    ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                  domain::KbCategory c;
                  c.workspace_id = asha_.workspace_id;
                  c.titles = {{"en", "Shipping"}};
                  RETURN_IF_ERROR(tx.kb().InsertKbCategory(&c));
                  domain::KbSection s;
                  s.workspace_id = asha_.workspace_id;
                  s.category_id = c.id;
                  s.titles = {{"en", "Tracking"}};
                  RETURN_IF_ERROR(tx.kb().InsertKbSection(&s));
                  section_ = s.id;
                  return Status::Ok();
                }).ok());
  }

  // An article with its translations, written as the KB service does (with the outbox row).
  domain::Id Article(const std::vector<Text>& texts,
                     domain::KbVisibility visibility = domain::KbVisibility::kPublic,
                     std::vector<std::string> tags = {}) {
    domain::KbArticle a;
    Status st = Write([&](WriteTx& tx) -> Status {
      a.workspace_id = asha_.workspace_id;
      a.section_id = section_;
      a.visibility = visibility;
      a.tags = std::move(tags);
      a.created_by = asha_.agent_id;
      a.created_at = a.updated_at = clock_.Now();
      RETURN_IF_ERROR(tx.kb().InsertKbArticle(&a));
      for (const Text& x : texts) {
        domain::KbTranslation t;
        t.article_id = a.id;
        t.language = x.language;
        t.title = x.title;
        t.body = x.body;
        t.status = x.status;
        t.author_id = asha_.agent_id;
        t.created_at = t.updated_at = clock_.Now();
        RETURN_IF_ERROR(tx.kb().PutKbTranslation(a.workspace_id, t));
      }
      return Outbox(tx, "kb.article.changed", a.id);
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return a.id;
  }

  Status Outbox(WriteTx& tx, const std::string& topic, domain::Id id) {
    domain::OutboxItem o;
    o.workspace_id = asha_.workspace_id;
    o.topic = topic;
    o.payload = {{"article_id", id}};
    o.created_at = clock_.Now();
    return tx.InsertOutbox(&o);
  }

  // "id:language" of every article hit of `q`.
  std::vector<std::string> Hits(const std::string& q,
                                const std::function<void(SearchRequest&)>& edit = nullptr,
                                const Principal* who = nullptr) {
    std::vector<std::string> out;
    auto res = Find(
        q,
        [&](SearchRequest& r) {
          r.types = {services::SearchType::kArticle};
          if (edit) edit(r);
        },
        who);
    for (const auto& h : res.hits) {
      EXPECT_EQ(h.type, services::SearchType::kArticle);
      out.push_back(std::to_string(h.id) + ":" + h.fields.value("language", std::string("?")));
    }
    return out;
  }

  static std::string Key(domain::Id id, const char* lang) {
    return std::to_string(id) + ":" + lang;
  }

  domain::Id section_ = 0;
};

class ArticleScriptsTest : public ArticleSearchTest {
 protected:
  void SetUp() override {
    ArticleSearchTest::SetUp();
    // Written before the index exists: the first Index() rebuilds, so this also checks that
    // a rebuild includes articles.
    track_ = Article({{"en", "Track your parcel",
                       "Enter the **AWB number** on the [tracking page](/help/en/articles/1).\n\n"
                       "Deliveries take two to three days."},
                      {"hi", "अपना पार्सल ट्रैक करें",
                       "ट्रैकिंग पेज पर AWB नंबर डालें।\n\nडिलीवरी में दो से तीन दिन लगते हैं।"},
                      {"kn", "ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ ಟ್ರ್ಯಾಕ್ ಮಾಡಿ",
                       "ಟ್ರ್ಯಾಕಿಂಗ್ ಪುಟದಲ್ಲಿ AWB ಸಂಖ್ಯೆಯನ್ನು ನಮೂದಿಸಿ."}},
                     domain::KbVisibility::kPublic, {"tracking"});
    customs_ = Article({{"en", "Customs documents",
                         "| Shipment | Papers |\n|---|---|\n| International | invoice, KYC |\n"},
                        {"hi", "कस्टम्स के दस्तावेज़",
                         "अंतरराष्ट्रीय शिपमेंट के लिए चालान और केवाईसी दस्तावेज़ ज़रूरी हैं।"},
                        {"kn", "ಕಸ್ಟಮ್ಸ್ ದಾಖಲೆಗಳು",
                         "ಅಂತರರಾಷ್ಟ್ರೀಯ ಸಾಗಣೆಗೆ ಸರಕುಪಟ್ಟಿ ಮತ್ತು ಕೆವೈಸಿ ದಾಖಲೆಗಳು ಬೇಕು."}});
    Index();
  }
  domain::Id track_ = 0, customs_ = 0;
};

TEST_F(ArticleScriptsTest, AWordFindsTheTranslationInItsScript) {
  // The translation in the query's script comes first; a Latin or Devanagari word also
  // reaches the other script's translation through its phonetic key (Hinglish), below it.
  EXPECT_THAT(Hits("पार्सल"), ElementsAre(Key(track_, "hi"), Key(track_, "en")));
  EXPECT_THAT(Hits("parcel"), ElementsAre(Key(track_, "en"), Key(track_, "hi")));
  EXPECT_THAT(Hits("ಪಾರ್ಸೆಲ್"), ElementsAre(Key(track_, "kn")));
  EXPECT_THAT(Hits("ದಾಖಲೆಗಳು"), ElementsAre(Key(customs_, "kn")));
  // Body text, table cells and tags are searchable; Markdown syntax is not indexed.
  EXPECT_THAT(Hits("KYC"), ElementsAre(Key(customs_, "en")));
  EXPECT_THAT(Hits("tracking page"), ElementsAre(Key(track_, "en")));
  EXPECT_THAT(Hits("AWB"),
              UnorderedElementsAre(Key(track_, "en"), Key(track_, "hi"), Key(track_, "kn")));
  EXPECT_THAT(Hits("help"), IsEmpty()) << "link targets are not text";
}

TEST_F(ArticleScriptsTest, StemsAndNuktaVariantsMatch) {
  EXPECT_THAT(Hits("delivery", [](SearchRequest& r) { r.language = "en"; }),
              ElementsAre(Key(track_, "en")));  // "Deliveries"
  EXPECT_THAT(Hits("document"), ElementsAre(Key(customs_, "en")));  // title "documents"
  EXPECT_THAT(Hits("दस्तावेजों"), ElementsAre(Key(customs_, "hi")));  // no nukta, plural
}

TEST_F(ArticleScriptsTest, PiecesOfWordsDoNotMatch) {
  // A naive tokenizer splits पार्सल into प / र / सल and ಪಾರ್ಸೆಲ್ around its viramas.
  EXPECT_THAT(Hits("सल"), IsEmpty());
  EXPECT_THAT(Hits("पार"), IsEmpty());
  EXPECT_THAT(Hits("ಸೆಲ್"), IsEmpty());
  EXPECT_THAT(Hits("ಪಾರ"), IsEmpty());
}

TEST_F(ArticleScriptsTest, HitsCarryTitleSnippetAndFields) {
  auto res = Find("पार्सल", [](SearchRequest& r) {
    r.types = {services::SearchType::kArticle};
    r.language = "hi";
  });
  ASSERT_EQ(res.hits.size(), 1u);
  const auto& h = res.hits[0];
  EXPECT_EQ(h.title, "अपना पार्सल ट्रैक करें");
  EXPECT_NE(h.snippet.find("<mark>पार्सल</mark>"), std::string::npos) << h.snippet;
  EXPECT_EQ(h.fields.value("language", ""), "hi");
  EXPECT_EQ(h.fields.value("status", ""), "published");
  EXPECT_EQ(h.fields.value("visibility", ""), "public");
  EXPECT_EQ(h.fields.value("section_id", domain::Id{0}), section_);
  EXPECT_EQ(h.fields.value("help_url", ""), "/help/hi/articles/" + std::to_string(track_));

  auto body = Find("चालान", [](SearchRequest& r) { r.types = {services::SearchType::kArticle}; });
  ASSERT_EQ(body.hits.size(), 1u);
  EXPECT_NE(body.hits[0].snippet.find("<mark>चालान</mark>"), std::string::npos)
      << body.hits[0].snippet;
}

TEST_F(ArticleScriptsTest, LanguageFilterAndOtherWorkspaces) {
  auto hi = [](SearchRequest& r) { r.language = "hi"; };
  EXPECT_THAT(Hits("AWB", hi), ElementsAre(Key(track_, "hi")));
  EXPECT_THAT(Hits("invoice"), ElementsAre(Key(customs_, "en")));
  EXPECT_THAT(Hits("invoice", hi), IsEmpty());
  EXPECT_THAT(Hits("AWB", nullptr, &other_ws_), IsEmpty());
  // Tickets and articles are apart: the default types do not include articles.
  EXPECT_THAT(Ids("AWB"), IsEmpty());
}

TEST_F(ArticleScriptsTest, SuggestOffersArticlesToAgents) {
  auto s = search_->Suggest(asha_, "ಪಾರ್ಸೆ", 10);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->size(), 1u);
  EXPECT_EQ((*s)[0].type, services::SearchType::kArticle);
  EXPECT_EQ((*s)[0].id, track_);
  EXPECT_EQ((*s)[0].title, "ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ ಟ್ರ್ಯಾಕ್ ಮಾಡಿ");
  EXPECT_EQ((*s)[0].detail, "kn · published");
}

TEST_F(ArticleSearchTest, PublicOnlyShowsPublishedPublicTranslations) {
  Index();
  const domain::Id open = Article({{"en", "Refund rules", "Refunds reach you in 7 days."},
                                   {"hi", "रिफ़ंड के नियम", "Refunds: draft text.",
                                    domain::KbStatus::kDraft}});
  const domain::Id internal =
      Article({{"en", "Refund approvals", "Agents approve refunds above 5000."}},
              domain::KbVisibility::kInternal);
  const domain::Id archived = Article(
      {{"en", "Old refund form", "Refunds used a paper form.", domain::KbStatus::kArchived}});
  const domain::Ticket ticket = Ticket("Refund please", "refunds");
  Index();

  // Agents see every translation, drafts, archived and internal ones too.
  EXPECT_THAT(Hits("refunds"), UnorderedElementsAre(Key(open, "en"), Key(open, "hi"),
                                                    Key(internal, "en"), Key(archived, "en")));
  auto pub = [](SearchRequest& r) { r.public_only = true; };
  EXPECT_THAT(Hits("refunds", pub), ElementsAre(Key(open, "en")));

  // An anonymous caller (the help centre) is limited even without the flag, and never gets
  // tickets, whatever types it asks for.
  Principal visitor;
  visitor.workspace_id = asha_.workspace_id;
  EXPECT_THAT(Hits("refunds", nullptr, &visitor), ElementsAre(Key(open, "en")));
  auto all = Find("refunds", [](SearchRequest& r) { r.types = {}; }, &visitor);
  ASSERT_EQ(all.hits.size(), 1u);
  EXPECT_EQ(all.hits[0].type, services::SearchType::kArticle);
  auto tickets = Find("refunds", nullptr, &visitor);  // types = {ticket}
  ASSERT_EQ(tickets.hits.size(), 1u);
  EXPECT_EQ(tickets.hits[0].type, services::SearchType::kArticle);
  auto suggested = search_->Suggest(visitor, std::to_string(ticket.number), 10);
  ASSERT_TRUE(suggested.ok());
  EXPECT_THAT(*suggested, IsEmpty());
}

TEST_F(ArticleSearchTest, PublishingAndUnpublishingFollowTheOutbox) {
  Index();
  const domain::Id id = Article({{"en", "Rescheduling a delivery", "Pick a new slot.",
                                  domain::KbStatus::kDraft}});
  Index();
  auto pub = [](SearchRequest& r) { r.public_only = true; };
  EXPECT_THAT(Hits("slot", pub), IsEmpty());
  auto set_status = [&](domain::KbStatus status) {
    ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                  ASSIGN_OR_RETURN(domain::KbArticle a,
                                   tx.kb().GetKbArticle(asha_.workspace_id, id));
                  domain::KbTranslation t = a.translations.at(0);
                  t.status = status;
                  RETURN_IF_ERROR(tx.kb().PutKbTranslation(a.workspace_id, t));
                  return Outbox(tx, "kb.article.changed", id);
                }).ok());
  };
  set_status(domain::KbStatus::kPublished);
  Index();
  EXPECT_THAT(Hits("slot", pub), ElementsAre(Key(id, "en")));
  // Unpublished but not yet indexed: the searcher's check against the database hides it.
  set_status(domain::KbStatus::kDraft);
  EXPECT_THAT(Hits("slot", pub), IsEmpty());
  Index();
  EXPECT_THAT(Hits("slot", pub), IsEmpty());
  EXPECT_THAT(Hits("slot"), ElementsAre(Key(id, "en")));
}

TEST_F(ArticleSearchTest, SnippetsComeFromTheIndexedTextUnlessTheBodyChangedSince) {
  Index();
  const domain::Id id = Article({{"en", "Customs papers",
                                  "Bring the **invoice** and the [AWB](https://x.in) slip."}});
  Index();
  auto first = Find("invoice", [](SearchRequest& r) {
    r.types = {services::SearchType::kArticle};
  });
  ASSERT_EQ(first.hits.size(), 1u);
  EXPECT_EQ(first.hits[0].snippet, "Bring the <mark>invoice</mark> and the AWB slip.");
  // The stored text is the index's business, not the API's.
  EXPECT_FALSE(first.hits[0].fields.contains("text"));
  EXPECT_FALSE(first.hits[0].fields.contains("text_of"));
  // Edited but not yet indexed: the snippet is cut from the body the database has now.
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                ASSIGN_OR_RETURN(domain::KbArticle a,
                                 tx.kb().GetKbArticle(asha_.workspace_id, id));
                domain::KbTranslation t = a.translations.at(0);
                t.body = "Bring the *invoice* and a photo ID.";
                return tx.kb().PutKbTranslation(a.workspace_id, t);
              }).ok());
  auto edited = Find("invoice", [](SearchRequest& r) {
    r.types = {services::SearchType::kArticle};
  });
  ASSERT_EQ(edited.hits.size(), 1u);
  EXPECT_EQ(edited.hits[0].snippet, "Bring the <mark>invoice</mark> and a photo ID.");
}

TEST_F(ArticleSearchTest, DeletingAnArticleOrATranslationRemovesItsDocuments) {
  Index();
  const domain::Id id = Article({{"en", "Cash on delivery disputes", "COD amount mismatch."},
                                 {"kn", "ಕ್ಯಾಶ್ ಆನ್ ಡೆಲಿವರಿ", "COD ಮೊತ್ತದ ವ್ಯತ್ಯಾಸ."}});
  Index();
  EXPECT_THAT(Hits("COD"), UnorderedElementsAre(Key(id, "en"), Key(id, "kn")));
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                RETURN_IF_ERROR(tx.kb().DeleteKbTranslation(asha_.workspace_id, id, "kn"));
                return Outbox(tx, "kb.article.changed", id);
              }).ok());
  Index();
  EXPECT_THAT(Hits("COD"), ElementsAre(Key(id, "en")));
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                RETURN_IF_ERROR(tx.kb().SoftDeleteKbArticle(asha_.workspace_id, id, 5));
                return Outbox(tx, "kb.article.deleted", id);
              }).ok());
  Index();
  EXPECT_THAT(Hits("COD"), IsEmpty());
  // And a rebuild does not bring it back.
  ASSERT_TRUE(indexer_->Rebuild().ok());
  EXPECT_THAT(Hits("COD"), IsEmpty());
}

TEST(ArticleDocument, TermsAndData) {
  domain::KbArticle a;
  a.id = 7;
  a.workspace_id = 2;
  a.section_id = 3;
  a.visibility = domain::KbVisibility::kInternal;
  a.tags = {"cod"};
  domain::KbTranslation t;
  t.language = "hi";
  t.title = "कैश ऑन डिलीवरी";
  t.body = "# शीर्षक\n\n**राशि** का अंतर";
  t.status = domain::KbStatus::kDraft;
  Analyzer analyzer;
  Xapian::Document doc = ArticleDocument(a, t, analyzer);
  std::set<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.insert(*it);
  for (const char* want : {"Qa7-hi", "XTarticle", "XW2", "XART7", "XSdraft", "XLhi", "XSEC3",
                           "XI1", "XKcod", "राशि", "शीर्षक"}) {
    EXPECT_TRUE(terms.count(want)) << want;
  }
  EXPECT_FALSE(terms.count("#"));
  auto data = nlohmann::json::parse(doc.get_data());
  EXPECT_EQ(data["name"], "कैश ऑन डिलीवरी");
  EXPECT_EQ(data["ref"], "a7-hi");
  EXPECT_EQ(data["visibility"], "internal");
  EXPECT_EQ(data["help_url"], "/help/hi/articles/7");
  // The plain text snippets are cut from, rendered once at indexing time.
  EXPECT_EQ(data["text"], ArticleSnippetText(t.body));
  EXPECT_EQ(data["text"].get<std::string>().find("**"), std::string::npos);
  EXPECT_NE(data["text"].get<std::string>().find("राशि का अंतर"), std::string::npos);
  EXPECT_EQ(data["text_of"], ArticleBodyKey(t.body));
  EXPECT_NE(ArticleBodyKey(t.body), ArticleBodyKey(t.body + " "));
}

TEST(ArticleDocument, SnippetTextIsCutOnACharacterBoundary) {
  std::string body;
  while (body.size() < kMaxArticleSnippetBytes + 10) body += "पार्सल ";
  const std::string text = ArticleSnippetText(body);
  EXPECT_LE(text.size(), kMaxArticleSnippetBytes);
  EXPECT_GT(text.size(), kMaxArticleSnippetBytes - 4);
  EXPECT_EQ(RepairUtf8(text), text);
}

}  // namespace
}  // namespace sahayak::search
