// Document requirements of international shipments: reading a rule's body (each bad member
// named), the use cases on a real SQLite store (admins only, articles checked, one rule per
// destination and origin, If-Match), and what a shipment shows agents and customers.
#include "services/shipments/shipment_documents.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "services/kb/kb_service.h"
#include "services/shipments/shipment_service.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using domain::DocumentRule;
using nlohmann::json;

std::vector<std::string> Fields(const Status& st) {
  std::vector<std::string> out;
  for (const auto& f : st.fields()) out.push_back(f.field);
  return out;
}

json Doc(const std::string& code, const std::string& name) {
  return {{"code", code}, {"name", name}};
}

// ---- bodies ----

TEST(ReadDocumentRuleTest, ReadsAWholeRuleInNfcWithCountriesUpperCased) {
  DocumentRule r;
  const std::string decomposed = "Packing list (de\xcc\x81" "claration)";  // e + U+0301
  json body = {{"destination_country", " us "},
               {"origin_country", "in"},
               {"documents",
                {{{"code", "commercial_invoice"},
                  {"name", "  Commercial invoice  "},
                  {"note", "Value in ₹ and US$, HS code of each item"},
                  {"kb_article_id", 7}},
                 {{"code", "packing_list"}, {"name", decomposed}, {"kb_article_id", nullptr}}}}};
  Status st = ReadDocumentRule(body, true, &r);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(r.destination_country, "US");
  EXPECT_EQ(r.origin_country, "IN");
  ASSERT_EQ(r.documents.size(), 2u);
  EXPECT_EQ(r.documents[0].code, "commercial_invoice");
  EXPECT_EQ(r.documents[0].name, "Commercial invoice");
  EXPECT_EQ(r.documents[0].note, "Value in ₹ and US$, HS code of each item");
  EXPECT_EQ(r.documents[0].kb_article_id, 7);
  EXPECT_EQ(r.documents[1].name, "Packing list (d\xc3\xa9" "claration)");  // é precomposed (NFC)
  EXPECT_FALSE(r.documents[1].kb_article_id.has_value());
}

TEST(ReadDocumentRuleTest, StarMeansEveryDestinationAndEmptyOriginAnyOrigin) {
  DocumentRule r;
  ASSERT_TRUE(ReadDocumentRule({{"destination_country", "*"}, {"documents", json::array()}}, true,
                               &r)
                  .ok());
  EXPECT_EQ(r.destination_country, "*");
  EXPECT_EQ(r.origin_country, "");
  EXPECT_TRUE(r.documents.empty()) << "an empty list says no documents are needed";
  ASSERT_TRUE(ReadDocumentRule({{"origin_country", nullptr}}, false, &r).ok());
  EXPECT_EQ(r.origin_country, "");
}

TEST(ReadDocumentRuleTest, EveryBadMemberIsNamedAndNothingChanges) {
  DocumentRule r;
  r.destination_country = "GB";
  r.documents.push_back({"kyc", "KYC", "", std::nullopt});
  const DocumentRule before = r;
  json body = {{"destination_country", "ZZ"},
               {"origin_country", "India"},
               {"colour", "red"},
               {"documents",
                {{{"code", "Commercial Invoice"}, {"name", "x"}},
                 {{"code", "kyc"}, {"name", ""}},
                 {{"code", "kyc"}, {"name", std::string(101, 'n')}},
                 {{"code", "hs"}, {"name", "HS codes"}, {"note", std::string(501, 'n')}},
                 {{"code", "hs2"}, {"name", "HS"}, {"kb_article_id", "seven"}},
                 {{"code", "hs3"}, {"name", "HS"}, {"kb_article_id", -3}},
                 {{"code", "hs4"}, {"name", "HS"}, {"pages", 2}},
                 "packing list"}}};
  Status st = ReadDocumentRule(body, false, &r);
  ASSERT_EQ(st.code(), Code::kInvalidArgument);
  const auto fields = Fields(st);
  for (const char* f : {"destination_country", "origin_country", "colour", "documents[0].code",
                        "documents[1].name", "documents[2].name", "documents[3].note",
                        "documents[4].kb_article_id", "documents[5].kb_article_id",
                        "documents[6].pages", "documents[7]"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
  }
  EXPECT_EQ(r.destination_country, before.destination_country);
  EXPECT_EQ(r.documents, before.documents);
}

TEST(ReadDocumentRuleTest, CreatingNeedsADestinationAndAList) {
  DocumentRule r;
  Status st = ReadDocumentRule(json::object(), true, &r);
  EXPECT_EQ(Fields(st), (std::vector<std::string>{"destination_country", "documents"}));
  EXPECT_EQ(ReadDocumentRule(json::array(), true, &r).code(), Code::kInvalidArgument);
  st = ReadDocumentRule({{"destination_country", "US"}, {"documents", "invoice"}}, true, &r);
  EXPECT_EQ(Fields(st), (std::vector<std::string>{"documents"}));
  json many = json::array();
  for (int i = 0; i < 21; ++i) many.push_back(Doc("d" + std::to_string(i), "Doc"));
  st = ReadDocumentRule({{"destination_country", "US"}, {"documents", many}}, true, &r);
  EXPECT_EQ(Fields(st), (std::vector<std::string>{"documents"}));
}

TEST(ReadDocumentRuleTest, ACodeAppearsOnceAndAnOriginDiffersFromTheDestination) {
  DocumentRule r;
  Status st = ReadDocumentRule({{"destination_country", "US"},
                                {"documents", {Doc("kyc", "KYC"), Doc("kyc", "KYC again")}}},
                               true, &r);
  EXPECT_EQ(Fields(st), (std::vector<std::string>{"documents[1].code"}));
  st = ReadDocumentRule(
      {{"destination_country", "IN"}, {"origin_country", "IN"}, {"documents", json::array()}},
      true, &r);
  EXPECT_EQ(Fields(st), (std::vector<std::string>{"origin_country"}));
}

// ---- links to articles ----

DocumentArticle Article(domain::KbVisibility visibility,
                        std::vector<DocumentArticle::Translation> translations) {
  DocumentArticle a;
  a.id = 7;
  a.visibility = visibility;
  a.translations = std::move(translations);
  return a;
}

TEST(ArticleLinkTest, AgentsGetTheirLanguageAndAHelpCentreLinkOnlyWhenPublished) {
  const auto a = Article(domain::KbVisibility::kPublic,
                         {{"en", "Customs documents", domain::KbStatus::kPublished},
                          {"hi", "कस्टम के दस्तावेज़", domain::KbStatus::kDraft}});
  auto hi = AgentArticleLink(a, "hi");
  EXPECT_EQ(hi.title, "कस्टम के दस्तावेज़");
  EXPECT_EQ(hi.language, "hi");
  EXPECT_EQ(hi.url, "") << "the Hindi translation is a draft";
  auto kn = AgentArticleLink(a, "kn");
  EXPECT_EQ(kn.title, "Customs documents") << "no Kannada: the article's own title";
  EXPECT_EQ(kn.url, "/help/en/articles/7");
  const auto internal = Article(domain::KbVisibility::kInternal,
                                {{"en", "Checking exports", domain::KbStatus::kPublished}});
  EXPECT_EQ(AgentArticleLink(internal, "en").title, "Checking exports");
  EXPECT_EQ(AgentArticleLink(internal, "en").url, "");
}

TEST(ArticleLinkTest, CustomersAreNeverSentToInternalOrUnpublishedArticles) {
  const auto mixed = Article(domain::KbVisibility::kPublic,
                             {{"en", "Customs documents", domain::KbStatus::kPublished},
                              {"hi", "कस्टम के दस्तावेज़", domain::KbStatus::kDraft}});
  auto hi = PublicArticleLink(mixed, "hi");
  ASSERT_TRUE(hi.has_value());
  EXPECT_EQ(hi->url, "/help/en/articles/7") << "the published English page, not the draft";
  EXPECT_EQ(hi->title, "Customs documents");
  EXPECT_EQ(PublicArticleLink(mixed, "en")->url, "/help/en/articles/7");
  EXPECT_FALSE(PublicArticleLink(Article(domain::KbVisibility::kPublic,
                                         {{"en", "Draft", domain::KbStatus::kDraft},
                                          {"hi", "Old", domain::KbStatus::kArchived}}),
                                 "en")
                   .has_value());
  EXPECT_FALSE(PublicArticleLink(Article(domain::KbVisibility::kInternal,
                                         {{"en", "Agents only", domain::KbStatus::kPublished}}),
                                 "en")
                   .has_value());
}

// ---- the use cases on a real store ----

class DocumentRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    clock_.Set(1'796'000'000'000);
    tickets_ = std::make_unique<TicketService>(clock_);
    service_ = std::make_unique<ShipmentService>(clock_, *tickets_, std::string(32, 'k'));
    kb_ = std::make_unique<KbService>(*store_, clock_);
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      Workspace w;
                      w.name = "Demo";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      for (Principal* p : {&admin_, &agent_}) {
                        domain::Agent a;
                        a.workspace_id = w.id;
                        a.name = p == &admin_ ? "Admin" : "Asha";
                        a.email = a.name + "@example.in";
                        a.role = p == &admin_ ? domain::Role::kAdmin : domain::Role::kAgent;
                        RETURN_IF_ERROR(tx.InsertAgent(&a));
                        p->workspace_id = w.id;
                        p->agent_id = a.id;
                        p->name = a.name;
                        p->role = a.role;
                      }
                      Workspace other;
                      other.name = "Other";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&other));
                      stranger_.workspace_id = other.id;
                      stranger_.role = domain::Role::kAdmin;
                      return Status::Ok();
                    })
                    .ok());
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto cat, kb_->CreateCategory(
                                                     tx, admin_, {{"titles", {{"en", "Shipping"}}}}));
                      ASSIGN_OR_RETURN(auto sec,
                                       kb_->CreateSection(tx, admin_,
                                                          {{"category_id", cat.category.id},
                                                           {"titles", {{"en", "Abroad"}}}}));
                      ASSIGN_OR_RETURN(auto pub, kb_->CreateArticle(
                                                     tx, admin_,
                                                     {{"section_id", sec.section.id},
                                                      {"language", "en"},
                                                      {"title", "Customs documents"},
                                                      {"body", "Keep them ready."},
                                                      {"status", "published"}}));
                      RETURN_IF_ERROR(kb_->PutTranslation(tx, admin_, pub.id, "hi",
                                                          {{"title", "कस्टम के दस्तावेज़"},
                                                           {"body", "तैयार रखें।"},
                                                           {"status", "published"}},
                                                          std::nullopt)
                                          .status());
                      public_article_ = pub.id;
                      ASSIGN_OR_RETURN(auto draft, kb_->CreateArticle(
                                                       tx, admin_,
                                                       {{"section_id", sec.section.id},
                                                        {"language", "en"},
                                                        {"title", "HS codes (draft)"},
                                                        {"body", "Soon."}}));
                      draft_article_ = draft.id;
                      return Status::Ok();
                    })
                    .ok());
  }

  Result<DocumentRule> Create(const json& body, const Principal* who = nullptr) {
    Result<DocumentRule> out = Internal("not run");
    (void)store_->Write([&](WriteTx& tx) -> Status {
      out = service_->CreateDocumentRule(tx, who ? *who : admin_, body);
      return out.ok() ? Status::Ok() : out.status();
    });
    return out;
  }

  Result<DocumentRule> Update(Id id, const json& body, std::optional<int64_t> if_match) {
    Result<DocumentRule> out = Internal("not run");
    (void)store_->Write([&](WriteTx& tx) -> Status {
      out = service_->UpdateDocumentRule(tx, admin_, id, body, if_match);
      return out.ok() ? Status::Ok() : out.status();
    });
    return out;
  }

  Result<DocumentRequirements> Load(const Principal& who, const std::string& lang, bool customer) {
    Result<DocumentRequirements> out = Internal("not run");
    (void)store_->Read([&](ReadTx& tx) -> Status {
      out = DocumentRequirements::Load(tx, who.workspace_id, lang, customer);
      return Status::Ok();
    });
    return out;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<TicketService> tickets_;
  std::unique_ptr<ShipmentService> service_;
  std::unique_ptr<KbService> kb_;
  Principal admin_, agent_, stranger_;
  Id public_article_ = 0, draft_article_ = 0;
};

TEST_F(DocumentRulesTest, AdminsWriteRulesAndAgentsOnlyRead) {
  json body = {{"destination_country", "US"}, {"documents", {Doc("commercial_invoice", "Invoice")}}};
  auto denied = Create(body, &agent_);
  EXPECT_EQ(denied.status().code(), Code::kPermissionDenied);
  auto r = Create(body);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 1);
  (void)store_->Read([&](ReadTx& tx) -> Status {
    auto listed = service_->ListDocumentRules(tx, agent_);
    EXPECT_TRUE(listed.ok());
    EXPECT_EQ(listed->size(), 1u);
    EXPECT_EQ(service_->GetDocumentRule(tx, stranger_, r->id).status().code(), Code::kNotFound)
        << "another workspace does not see it";
    return Status::Ok();
  });
  (void)store_->Write([&](WriteTx& tx) -> Status {
    EXPECT_EQ(service_->DeleteDocumentRule(tx, agent_, r->id).code(), Code::kPermissionDenied);
    EXPECT_EQ(service_->DeleteDocumentRule(tx, stranger_, r->id).code(), Code::kNotFound);
    return Status::Ok();
  });
}

TEST_F(DocumentRulesTest, ArticlesMustExistInTheWorkspace) {
  auto bad = Create({{"destination_country", "US"},
                     {"documents",
                      {{{"code", "kyc"}, {"name", "KYC"}, {"kb_article_id", public_article_}},
                       {{"code", "hs"}, {"name", "HS"}, {"kb_article_id", 999999}}}}});
  ASSERT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Fields(bad.status()), (std::vector<std::string>{"documents[1].kb_article_id"}));
  auto ok = Create({{"destination_country", "US"},
                    {"documents",
                     {{{"code", "hs"}, {"name", "HS"}, {"kb_article_id", draft_article_}}}}});
  EXPECT_TRUE(ok.ok()) << "a draft is an article of the workspace: " << ok.status().ToString();
}

TEST_F(DocumentRulesTest, OneRulePerDestinationAndOriginAndIfMatchGuardsChanges) {
  auto us = Create({{"destination_country", "US"}, {"documents", json::array()}});
  ASSERT_TRUE(us.ok());
  auto again = Create({{"destination_country", "us"}, {"documents", json::array()}});
  EXPECT_EQ(again.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(Fields(again.status()), (std::vector<std::string>{"destination_country"}));
  auto from_in = Create({{"destination_country", "US"}, {"origin_country", "IN"},
                         {"documents", json::array()}});
  EXPECT_TRUE(from_in.ok()) << "another origin is another rule";

  auto stale = Update(us->id, {{"documents", {Doc("kyc", "KYC")}}}, 9);
  EXPECT_EQ(stale.status().code(), Code::kAborted);
  auto changed = Update(us->id, {{"documents", {Doc("kyc", "KYC")}}}, 1);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->version, 2);
  EXPECT_EQ(changed->documents.size(), 1u);
  auto same = Update(us->id, {{"documents", {Doc("kyc", "KYC")}}}, std::nullopt);
  EXPECT_EQ(same->version, 2) << "no change, no new version";
  auto clash = Update(us->id, {{"origin_country", "IN"}}, std::nullopt);
  EXPECT_EQ(clash.status().code(), Code::kAlreadyExists);
}

TEST_F(DocumentRulesTest, AShipmentShowsItsRulesDocumentsWithArticlesForItsReader) {
  ASSERT_TRUE(Create({{"destination_country", "*"},
                      {"documents", {Doc("commercial_invoice", "Commercial invoice")}}})
                  .ok());
  ASSERT_TRUE(Create({{"destination_country", "US"},
                      {"origin_country", "IN"},
                      {"documents",
                       {{{"code", "kyc"},
                         {"name", "Exporter's KYC"},
                         {"note", "Aadhaar or PAN"},
                         {"kb_article_id", public_article_}},
                        {{"code", "hs_codes"}, {"name", "HS codes"},
                         {"kb_article_id", draft_article_}}}}})
                  .ok());
  domain::Shipment to_us;
  to_us.origin.country = "IN";
  to_us.destination.country = "US";
  domain::Shipment to_de = to_us;
  to_de.destination.country = "DE";
  domain::Shipment at_home = to_us;
  at_home.destination.country = "IN";

  auto agent = Load(agent_, "hi", false);
  ASSERT_TRUE(agent.ok()) << agent.status().ToString();
  auto shown = agent->For(to_us);
  ASSERT_EQ(shown.size(), 2u) << "the US rule beats *";
  EXPECT_EQ(shown[0].document->code, "kyc");
  EXPECT_EQ(shown[0].document->note, "Aadhaar or PAN");
  ASSERT_TRUE(shown[0].article.has_value());
  EXPECT_EQ(shown[0].article->title, "कस्टम के दस्तावेज़");
  EXPECT_EQ(shown[0].article->url, "/help/hi/articles/" + std::to_string(public_article_));
  ASSERT_TRUE(shown[1].article.has_value()) << "agents see drafts named by a rule";
  EXPECT_EQ(shown[1].article->title, "HS codes (draft)");
  EXPECT_EQ(shown[1].article->url, "");
  ASSERT_EQ(agent->For(to_de).size(), 1u);
  EXPECT_EQ(agent->For(to_de)[0].document->code, "commercial_invoice");
  EXPECT_TRUE(agent->For(at_home).empty());

  auto customer = Load(agent_, "kn", true);
  ASSERT_TRUE(customer.ok());
  auto theirs = customer->For(to_us);
  ASSERT_EQ(theirs.size(), 2u);
  ASSERT_TRUE(theirs[0].article.has_value());
  EXPECT_EQ(theirs[0].article->url, "/help/en/articles/" + std::to_string(public_article_));
  EXPECT_FALSE(theirs[1].article.has_value()) << "never a link to a draft";

  auto stranger = Load(stranger_, "en", false);
  ASSERT_TRUE(stranger.ok());
  EXPECT_TRUE(stranger->For(to_us).empty()) << "rules are per workspace";
}

TEST_F(DocumentRulesTest, ADeletedArticleLeavesTheDocumentWithoutALink) {
  ASSERT_TRUE(Create({{"destination_country", "AE"},
                      {"documents",
                       {{{"code", "kyc"}, {"name", "KYC"}, {"kb_article_id", public_article_}}}}})
                  .ok());
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return kb_->DeleteArticle(tx, admin_, public_article_); })
                  .ok());
  domain::Shipment s;
  s.origin.country = "IN";
  s.destination.country = "AE";
  auto docs = Load(agent_, "en", false);
  ASSERT_TRUE(docs.ok());
  auto shown = docs->For(s);
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].document->name, "KYC");
  EXPECT_FALSE(shown[0].article.has_value());
}

}  // namespace
}  // namespace sahayak::services
