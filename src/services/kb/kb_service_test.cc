// KbService on a real SQLite store and a fake clock.
#include "services/kb/kb_service.h"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/status_fields.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using domain::KbArticle;
using domain::KbStatus;
using nlohmann::json;

class KbServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
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
                      domain::Attachment att;
                      att.workspace_id = w.id;
                      att.filename = "label.png";
                      att.mime_type = "image/png";
                      att.size = 10;
                      att.sha256 = std::string(64, 'a');
                      att.created_at = clock_.Now();
                      RETURN_IF_ERROR(tx.InsertAttachment(&att));
                      attachment_id_ = att.id;
                      return Status::Ok();
                    })
                    .ok());
    auto cat = In<KbCategoryTree>([&](WriteTx& tx) {
      return kb_->CreateCategory(tx, admin_, {{"titles", {{"en", "Shipping"}, {"hi", "शिपिंग"}}}});
    });
    ASSERT_TRUE(cat.ok()) << cat.status().ToString();
    category_id_ = cat->category.id;
    auto sec = In<KbSectionCount>([&](WriteTx& tx) {
      return kb_->CreateSection(tx, admin_,
                                {{"category_id", category_id_}, {"titles", {{"en", "Tracking"}}}});
    });
    ASSERT_TRUE(sec.ok()) << sec.status().ToString();
    section_id_ = sec->section.id;
  }

  template <typename T>
  Result<T> In(const std::function<Result<T>(WriteTx&)>& fn) {
    std::optional<T> out;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(T v, fn(tx));
      out = std::move(v);
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return std::move(*out);
  }

  Result<KbArticle> Create(const json& body, const Principal* who = nullptr) {
    return In<KbArticle>(
        [&](WriteTx& tx) { return kb_->CreateArticle(tx, who ? *who : agent_, body); });
  }

  json Article(const std::string& lang, const std::string& title, const std::string& body,
               const std::string& status = "draft") {
    return {{"section_id", section_id_}, {"language", lang}, {"title", title},
            {"body", body}, {"status", status}};
  }

  Result<KbArticle> Put(domain::Id id, const std::string& lang, const json& body,
                        std::optional<int64_t> if_match = std::nullopt) {
    return In<KbArticle>(
        [&](WriteTx& tx) { return kb_->PutTranslation(tx, agent_, id, lang, body, if_match); });
  }

  std::vector<std::string> OutboxTopics() {
    std::vector<std::string> topics;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto items, tx.ListOutboxAfter(0, 1000));
                      for (const auto& i : items) topics.push_back(i.topic);
                      return Status::Ok();
                    })
                    .ok());
    return topics;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<KbService> kb_;
  Principal admin_, agent_;
  domain::Id attachment_id_ = 0, category_id_ = 0, section_id_ = 0;
};

TEST_F(KbServiceTest, VersionsOnlyWhenTitleBodyOrStatusChange) {
  auto a = Create(Article("hi", "पार्सल ट्रैक करें", "पहला पाठ\nदूसरी पंक्ति"));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_EQ(a->translations.size(), 1u);
  EXPECT_EQ(a->translations[0].version_no, 1);
  EXPECT_EQ(a->translations[0].status, KbStatus::kDraft);
  EXPECT_FALSE(a->translations[0].published_at);

  clock_.Advance(1000);
  auto same = Put(a->id, "hi", {{"title", "पार्सल ट्रैक करें"}, {"body", "पहला पाठ\nदूसरी पंक्ति"}});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->translations[0].version_no, 1) << "saving the same text adds no version";
  EXPECT_EQ(same->version, a->version);

  auto edited = Put(a->id, "hi", {{"title", "पार्सल ट्रैक करें"}, {"body", "पहला पाठ\nनई पंक्ति"}});
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(edited->translations[0].version_no, 2);
  EXPECT_EQ(edited->version, a->version + 1);

  clock_.Advance(1000);
  auto published = Put(a->id, "hi", {{"title", "पार्सल ट्रैक करें"},
                                     {"body", "पहला पाठ\nनई पंक्ति"},
                                     {"status", "published"}});
  ASSERT_TRUE(published.ok());
  EXPECT_EQ(published->translations[0].version_no, 3);
  ASSERT_TRUE(published->translations[0].published_at);
  EXPECT_EQ(*published->translations[0].published_at, clock_.Now());

  auto versions = kb_->ListVersions(agent_, a->id, "hi");
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 3u);
  EXPECT_EQ((*versions)[0].version_no, 3);
  EXPECT_EQ((*versions)[2].version_no, 1);
  EXPECT_EQ((*versions)[0].status, KbStatus::kPublished);
}

TEST_F(KbServiceTest, DiffAndRestoreAddANewVersion) {
  auto a = Create(Article("kn", "ಪಾರ್ಸೆಲ್", "ಒಂದು\nಎರಡು\nಮೂರು"));
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(Put(a->id, "kn", {{"title", "ಪಾರ್ಸೆಲ್ ಟ್ರ್ಯಾಕ್"}, {"body", "ಒಂದು\nಮೂರು\nನಾಲ್ಕು"}}).ok());
  auto d = kb_->Diff(agent_, a->id, "kn", 1, 2);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->title_from, "ಪಾರ್ಸೆಲ್");
  EXPECT_EQ(d->title_to, "ಪಾರ್ಸೆಲ್ ಟ್ರ್ಯಾಕ್");
  std::vector<std::pair<domain::DiffLine::Op, std::string>> lines;
  for (const auto& l : d->lines) lines.push_back({l.op, l.text});
  using Op = domain::DiffLine::Op;
  std::vector<std::pair<Op, std::string>> want = {
      {Op::kEqual, "ಒಂದು"}, {Op::kDelete, "ಎರಡು"}, {Op::kEqual, "ಮೂರು"}, {Op::kInsert, "ನಾಲ್ಕು"}};
  EXPECT_EQ(lines, want);
  EXPECT_EQ(kb_->Diff(agent_, a->id, "kn", 1, 9).status().code(), Code::kNotFound);

  auto restored = In<KbArticle>([&](WriteTx& tx) { return kb_->Restore(tx, agent_, a->id, "kn", 1); });
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  const auto* t = restored->Find("kn");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->version_no, 3);
  EXPECT_EQ(t->title, "ಪಾರ್ಸೆಲ್");
  EXPECT_EQ(t->body, "ಒಂದು\nಎರಡು\nಮೂರು");
  auto v3 = kb_->GetVersion(agent_, a->id, "kn", 3);
  ASSERT_TRUE(v3.ok());
  EXPECT_EQ(v3->note, "restored from version 1");
  // History is never rewritten: version 2 is still there.
  auto v2 = kb_->GetVersion(agent_, a->id, "kn", 2);
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->body, "ಒಂದು\nಮೂರು\nನಾಲ್ಕು");
}

TEST_F(KbServiceTest, StatusTransitionsAndPublicVisibility) {
  auto a = Create(Article("en", "Track your parcel", "Use the **tracking** page.", "published"));
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(Put(a->id, "hi", {{"title", "पार्सल ट्रैक करें"}, {"body", "ड्राफ़्ट"}}).ok());
  auto internal = Create({{"section_id", section_id_}, {"visibility", "internal"},
                          {"language", "en"}, {"title", "Escalation procedure"},
                          {"body", "Agents only"}, {"status", "published"}});
  ASSERT_TRUE(internal.ok());

  auto pub = kb_->GetPublicArticle(admin_.workspace_id, a->id, "en");
  ASSERT_TRUE(pub.ok()) << pub.status().ToString();
  EXPECT_NE(pub->html.find("<strong>tracking</strong>"), std::string::npos) << pub->html;
  EXPECT_EQ(pub->category_title, "Shipping");
  EXPECT_EQ(pub->section_title, "Tracking");
  EXPECT_TRUE(pub->other_languages.empty()) << "the Hindi translation is a draft";
  EXPECT_EQ(kb_->GetPublicArticle(admin_.workspace_id, a->id, "hi").status().code(),
            Code::kNotFound);
  EXPECT_EQ(kb_->GetPublicArticle(admin_.workspace_id, internal->id, "en").status().code(),
            Code::kNotFound)
      << "internal articles never reach the help centre";

  auto tree = kb_->PublicTree(admin_.workspace_id, "en");
  ASSERT_TRUE(tree.ok());
  ASSERT_EQ(tree->size(), 1u);
  ASSERT_EQ((*tree)[0].sections.size(), 1u);
  EXPECT_EQ((*tree)[0].sections[0].article_count, 1) << "the internal article is not counted";
  auto hi_tree = kb_->PublicTree(admin_.workspace_id, "hi");
  ASSERT_TRUE(hi_tree.ok());
  EXPECT_TRUE(hi_tree->empty()) << "nothing is published in Hindi yet";

  // Publishing the Hindi translation makes it public there; archiving takes it away again.
  ASSERT_TRUE(Put(a->id, "hi", {{"title", "पार्सल ट्रैक करें"}, {"body", "ड्राफ़्ट"},
                                {"status", "published"}})
                  .ok());
  pub = kb_->GetPublicArticle(admin_.workspace_id, a->id, "en");
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->other_languages, std::vector<std::string>{"hi"});
  auto in_section = kb_->PublicArticlesInSection(admin_.workspace_id, section_id_, "hi");
  ASSERT_TRUE(in_section.ok());
  ASSERT_EQ(in_section->size(), 1u);
  EXPECT_EQ((*in_section)[0].id, a->id);
  ASSERT_TRUE(Put(a->id, "en", {{"title", "Track your parcel"},
                                {"body", "Use the **tracking** page."},
                                {"status", "archived"}})
                  .ok());
  EXPECT_EQ(kb_->GetPublicArticle(admin_.workspace_id, a->id, "en").status().code(),
            Code::kNotFound);
  EXPECT_TRUE(kb_->GetPublicArticle(admin_.workspace_id, a->id, "hi").ok());

  // Votes and views count only where the article is public.
  EXPECT_TRUE(kb_->Vote(admin_.workspace_id, a->id, "hi", true).ok());
  EXPECT_TRUE(kb_->Vote(admin_.workspace_id, a->id, "hi", false).ok());
  EXPECT_TRUE(kb_->Vote(admin_.workspace_id, a->id, "hi", true).ok());
  EXPECT_EQ(kb_->Vote(admin_.workspace_id, a->id, "en", true).code(), Code::kNotFound);
  EXPECT_EQ(kb_->Vote(admin_.workspace_id, internal->id, "en", true).code(), Code::kNotFound);
  EXPECT_TRUE(kb_->RecordView(admin_.workspace_id, a->id, "hi").ok());
  EXPECT_TRUE(kb_->RecordView(admin_.workspace_id, a->id, "hi").ok());
  ASSERT_TRUE(kb_->FlushViews().ok());
  auto got = kb_->GetArticle(agent_, a->id);
  ASSERT_TRUE(got.ok());
  const auto* hi = got->Find("hi");
  ASSERT_NE(hi, nullptr);
  EXPECT_EQ(hi->helpful_yes, 2);
  EXPECT_EQ(hi->helpful_no, 1);
  EXPECT_EQ(hi->views, 2);
}

TEST_F(KbServiceTest, ValidationNamesTheFields) {
  auto st = Create({{"section_id", 9999}, {"language", "fr"}, {"title", std::string(201, 'x')},
                    {"body", std::string(domain::kMaxKbBodyBytes + 1, 'y')},
                    {"visibility", "secret"}, {"status", "live"}})
                .status();
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  for (const char* f : {"language", "title", "body", "visibility", "status"}) {
    EXPECT_TRUE(HasField(st, f)) << f << " in " << st.ToString();
  }
  st = Create({{"section_id", "one"}, {"language", "en"}, {"title", 5}, {"body", "x"}}).status();
  EXPECT_TRUE(HasField(st, "section_id")) << st.ToString();
  EXPECT_TRUE(HasField(st, "title")) << st.ToString();
  st = Create(Article("en", "   ", "x")).status();
  EXPECT_TRUE(HasField(st, "title")) << st.ToString();

  // References must exist in the workspace.
  json body = Article("en", "Customs", "x");
  body["section_id"] = 9999;
  body["attachment_ids"] = {attachment_id_ + 100};
  st = Create(body).status();
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_TRUE(HasField(st, "section_id")) << st.ToString();
  EXPECT_TRUE(HasField(st, "attachment_ids")) << st.ToString();
  st = In<KbSectionCount>([&](WriteTx& tx) {
         return kb_->CreateSection(tx, admin_, {{"category_id", 9999}, {"titles", {{"en", "X"}}}});
       }).status();
  EXPECT_TRUE(HasField(st, "category_id")) << st.ToString();
  st = In<KbCategoryTree>([&](WriteTx& tx) {
         return kb_->CreateCategory(tx, admin_, {{"titles", {{"fr", "Livraison"}}}});
       }).status();
  EXPECT_EQ(st.code(), Code::kInvalidArgument);

  // A 200-character title in Kannada is fine (characters, not bytes); text is stored NFC and
  // tags are normalised like ticket tags.
  std::string kn_title;
  for (int i = 0; i < 200; ++i) kn_title += "ಕ";
  body = Article("kn", kn_title, "e\xCC\x81t\xC3\xA9");  // "e" + combining acute, then "é"
  body["tags"] = {"Customs ", "customs", "Import Duty"};
  auto a = Create(body);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->translations[0].body, "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(a->tags, (std::vector<std::string>{"customs", "import_duty"}));
}

TEST_F(KbServiceTest, RolesIfMatchAndDeletion) {
  auto st = In<KbCategoryTree>([&](WriteTx& tx) {
              return kb_->CreateCategory(tx, agent_, {{"titles", {{"en", "Billing"}}}});
            }).status();
  EXPECT_EQ(st.code(), Code::kPermissionDenied);

  auto a = Create(Article("en", "Invoices", "How to get a copy", "published"));
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(Put(a->id, "hi", {{"title", "चालान"}, {"body", "प्रति"}}).ok());
  auto stale = Put(a->id, "en", {{"title", "Invoices 2"}, {"body", "x"}}, a->version);
  EXPECT_EQ(stale.status().code(), Code::kAborted) << "the Hindi save moved the version on";
  auto patched = In<KbArticle>([&](WriteTx& tx) {
    return kb_->UpdateArticle(tx, agent_, a->id, {{"tags", {"billing"}}}, a->version + 1);
  });
  ASSERT_TRUE(patched.ok()) << patched.status().ToString();
  EXPECT_EQ(patched->version, a->version + 2);
  EXPECT_EQ(patched->tags, std::vector<std::string>{"billing"});

  // The category and section cannot go while they hold things.
  Status del = store_->Write(
      [&](WriteTx& tx) { return kb_->DeleteCategory(tx, admin_, category_id_); });
  EXPECT_EQ(del.code(), Code::kAlreadyExists);
  del = store_->Write([&](WriteTx& tx) { return kb_->DeleteSection(tx, admin_, section_id_); });
  EXPECT_EQ(del.code(), Code::kAlreadyExists);

  // Translations: not the last one.
  del = store_->Write(
      [&](WriteTx& tx) { return kb_->DeleteTranslation(tx, agent_, a->id, "hi"); });
  EXPECT_EQ(del.code(), Code::kPermissionDenied);
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) {
                    return kb_->DeleteTranslation(tx, admin_, a->id, "hi");
                  })
                  .ok());
  del = store_->Write(
      [&](WriteTx& tx) { return kb_->DeleteTranslation(tx, admin_, a->id, "en"); });
  EXPECT_EQ(del.code(), Code::kAlreadyExists);

  // Deleting is soft, admin-only, and the article vanishes from every read.
  del = store_->Write([&](WriteTx& tx) { return kb_->DeleteArticle(tx, agent_, a->id); });
  EXPECT_EQ(del.code(), Code::kPermissionDenied);
  ASSERT_TRUE(
      store_->Write([&](WriteTx& tx) { return kb_->DeleteArticle(tx, admin_, a->id); }).ok());
  EXPECT_EQ(kb_->GetArticle(agent_, a->id).status().code(), Code::kNotFound);
  EXPECT_EQ(kb_->GetPublicArticle(admin_.workspace_id, a->id, "en").status().code(),
            Code::kNotFound);
  auto list = kb_->ListArticles(agent_, {});
  ASSERT_TRUE(list.ok());
  EXPECT_TRUE(list->items.empty());
  auto tree = kb_->PublicTree(admin_.workspace_id, "en");
  ASSERT_TRUE(tree.ok());
  EXPECT_TRUE(tree->empty());
  // Now the section and category can go.
  EXPECT_TRUE(
      store_->Write([&](WriteTx& tx) { return kb_->DeleteSection(tx, admin_, section_id_); })
          .ok());
  EXPECT_TRUE(
      store_->Write([&](WriteTx& tx) { return kb_->DeleteCategory(tx, admin_, category_id_); })
          .ok());

  auto topics = OutboxTopics();
  EXPECT_EQ(std::count(topics.begin(), topics.end(), "kb.article.deleted"), 1);
  EXPECT_GE(std::count(topics.begin(), topics.end(), "kb.article.changed"), 4);
  EXPECT_GE(std::count(topics.begin(), topics.end(), "kb.section.changed"), 2);
  EXPECT_GE(std::count(topics.begin(), topics.end(), "kb.category.changed"), 2);
}

TEST_F(KbServiceTest, ListFiltersAndPaging) {
  std::vector<domain::Id> ids;
  for (int i = 0; i < 5; ++i) {
    clock_.Advance(1000);
    auto a = Create(Article(i % 2 ? "hi" : "en", "Article " + std::to_string(i), "x",
                            i < 2 ? "published" : "draft"));
    ASSERT_TRUE(a.ok());
    ids.push_back(a->id);
  }
  KbArticleQuery q;
  q.limit = 2;
  std::vector<domain::Id> seen;
  for (int page = 0; page < 5; ++page) {
    auto r = kb_->ListArticles(agent_, q);
    ASSERT_TRUE(r.ok());
    for (const auto& a : r->items) seen.push_back(a.id);
    if (!r->next) break;
    q.after = r->next;
  }
  EXPECT_EQ(seen, std::vector<domain::Id>(ids.rbegin(), ids.rend())) << "newest change first";

  KbArticleQuery hi_published;
  hi_published.filter.language = "hi";
  hi_published.filter.status = KbStatus::kPublished;
  auto r = kb_->ListArticles(agent_, hi_published);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->items.size(), 1u);
  EXPECT_EQ(r->items[0].id, ids[1]);
  EXPECT_TRUE(r->items[0].translations[0].body.empty()) << "lists leave bodies out";
}

TEST_F(KbServiceTest, AttachmentsArePublicOnlyThroughPublicArticles) {
  json body = Article("en", "Label sample", "![label](/help/files/1)");
  body["attachment_ids"] = {attachment_id_};
  auto a = Create(body);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->attachment_ids, std::vector<domain::Id>{attachment_id_});
  EXPECT_EQ(kb_->PublicAttachment(admin_.workspace_id, attachment_id_).status().code(),
            Code::kNotFound)
      << "a draft does not publish its files";
  ASSERT_TRUE(Put(a->id, "en", {{"title", "Label sample"},
                                {"body", "![label](/help/files/1)"},
                                {"status", "published"}})
                  .ok());
  auto att = kb_->PublicAttachment(admin_.workspace_id, attachment_id_);
  ASSERT_TRUE(att.ok()) << att.status().ToString();
  EXPECT_EQ(att->filename, "label.png");
  ASSERT_TRUE(In<KbArticle>([&](WriteTx& tx) {
                return kb_->UpdateArticle(tx, agent_, a->id, {{"visibility", "internal"}},
                                          std::nullopt);
              }).ok());
  EXPECT_EQ(kb_->PublicAttachment(admin_.workspace_id, attachment_id_).status().code(),
            Code::kNotFound);
}

}  // namespace
}  // namespace sahayak::services
