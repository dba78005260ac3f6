#pragma once

#include "services/kb/kb_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

using domain::Id;

// The knowledge base's storage over one SQLite connection (tx_kb.cc). A member of SqliteTx,
// so it runs inside SqliteTx's transaction. Not thread-safe.
class SqliteKbTx final : public services::KbWriteTx {
 public:
  explicit SqliteKbTx(Connection* conn) : c_(conn) {}

  // KbReadTx
  Result<std::vector<domain::KbCategory>> ListKbCategories(Id ws) override;
  Result<domain::KbCategory> GetKbCategory(Id ws, Id id) override;
  Result<std::vector<domain::KbSection>> ListKbSections(Id ws) override;
  Result<domain::KbSection> GetKbSection(Id ws, Id id) override;
  Result<int64_t> CountKbSectionsOfCategory(Id ws, Id category_id) override;
  Result<std::map<Id, int64_t>> CountKbArticlesBySection(Id ws) override;
  Result<std::map<Id, int64_t>> CountPublicKbArticlesBySection(Id ws,
                                                               std::string_view lang) override;
  Result<domain::KbArticle> GetKbArticle(Id ws, Id id) override;
  Result<services::KbArticlePage> ListKbArticles(
      Id ws, const services::KbArticleFilter& filter,
      const std::optional<services::KbArticleKey>& after, int limit) override;
  Result<std::vector<domain::KbArticle>> ListKbArticlesOfSection(Id ws, Id section_id) override;
  Result<std::vector<Id>> ListKbArticleIdsOfAttachment(Id ws, Id attachment_id) override;
  Result<std::vector<domain::KbVersion>> ListKbVersions(Id ws, Id article_id,
                                                        std::string_view lang) override;
  Result<domain::KbVersion> GetKbVersion(Id ws, Id article_id, std::string_view lang,
                                         int64_t version_no) override;
  Result<std::vector<domain::KbArticle>> ScanKbArticlesForIndex(Id after_id, int limit) override;
  Result<std::vector<domain::KbArticle>> GetKbArticlesForIndex(
      const std::vector<Id>& ids) override;

  // KbWriteTx
  Status InsertKbCategory(domain::KbCategory* c) override;
  Status UpdateKbCategory(const domain::KbCategory& c) override;
  Status DeleteKbCategory(Id ws, Id id) override;
  Status InsertKbSection(domain::KbSection* s) override;
  Status UpdateKbSection(const domain::KbSection& s) override;
  Status DeleteKbSection(Id ws, Id id) override;
  Status InsertKbArticle(domain::KbArticle* a) override;
  Status UpdateKbArticle(const domain::KbArticle& a) override;
  Status SoftDeleteKbArticle(Id ws, Id id, Millis at) override;
  Status PutKbTranslation(Id ws, const domain::KbTranslation& t) override;
  Status DeleteKbTranslation(Id ws, Id article_id, std::string_view lang) override;
  Status InsertKbVersion(Id ws, const domain::KbVersion& v) override;
  Status AddKbViews(Id ws, Id article_id, std::string_view lang, int64_t n) override;
  Status AddKbVote(Id ws, Id article_id, std::string_view lang, bool helpful) override;

 private:
  // Fills tags, attachment ids and translations (with bodies when `bodies`) of `articles`.
  Status LoadArticleParts(std::vector<domain::KbArticle>* articles, bool bodies);
  Status WriteArticleLinks(const domain::KbArticle& a);

  Connection* c_;
};

}  // namespace sahayak::store
