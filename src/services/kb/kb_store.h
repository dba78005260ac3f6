#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/kb.h"

// The knowledge base's storage (docs/kb.md, migration 0007). Reached through ReadTx::kb() and
// WriteTx::kb() (services/store.h); store/sqlite implements it in tx_kb.cc over the same
// connection and transaction as the rest of the store.
//
// Common rules: every method takes the workspace and answers NotFound for ids outside it;
// soft-deleted articles (deleted_at set) are invisible to every read. Articles come with their
// tags, attachment ids and translations (ordered by domain::KbLanguages()).
namespace sahayak::services {

using domain::Id;

struct KbArticleFilter {
  std::optional<Id> section_id;
  std::optional<std::string> language;        // has a translation in that language
  std::optional<domain::KbStatus> status;     // with `language`: that translation's status;
                                              // without: any translation's status
  std::optional<domain::KbVisibility> visibility;
  std::optional<std::string> tag;
};

// Where a list of articles ordered by (updated_at DESC, id DESC) continues.
struct KbArticleKey {
  Millis updated_at = 0;
  Id id = 0;
};

struct KbArticlePage {
  std::vector<domain::KbArticle> items;  // translations without `body`
  std::optional<KbArticleKey> next;
};

class KbReadTx {
 public:
  virtual ~KbReadTx() = default;

  // By position, then id.
  virtual Result<std::vector<domain::KbCategory>> ListKbCategories(Id ws) = 0;
  virtual Result<domain::KbCategory> GetKbCategory(Id ws, Id id) = 0;
  // All sections of the workspace by category, position, id.
  virtual Result<std::vector<domain::KbSection>> ListKbSections(Id ws) = 0;
  virtual Result<domain::KbSection> GetKbSection(Id ws, Id id) = 0;
  virtual Result<int64_t> CountKbSectionsOfCategory(Id ws, Id category_id) = 0;
  // Section id -> number of (not deleted) articles; sections without articles are absent.
  virtual Result<std::map<Id, int64_t>> CountKbArticlesBySection(Id ws) = 0;
  // Section id -> number of public articles with a published translation in `lang`.
  virtual Result<std::map<Id, int64_t>> CountPublicKbArticlesBySection(Id ws,
                                                                       std::string_view lang) = 0;

  // With every translation including its body.
  virtual Result<domain::KbArticle> GetKbArticle(Id ws, Id id) = 0;
  // Newest change first; translations without body.
  virtual Result<KbArticlePage> ListKbArticles(Id ws, const KbArticleFilter& filter,
                                               const std::optional<KbArticleKey>& after,
                                               int limit) = 0;
  // The articles of one section by position, then id; translations without body.
  virtual Result<std::vector<domain::KbArticle>> ListKbArticlesOfSection(Id ws,
                                                                         Id section_id) = 0;
  // Ids of the (not deleted) articles that link the attachment.
  virtual Result<std::vector<Id>> ListKbArticleIdsOfAttachment(Id ws, Id attachment_id) = 0;

  // A translation's versions, newest first, without body.
  virtual Result<std::vector<domain::KbVersion>> ListKbVersions(Id ws, Id article_id,
                                                                std::string_view lang) = 0;
  // One version with its body.
  virtual Result<domain::KbVersion> GetKbVersion(Id ws, Id article_id, std::string_view lang,
                                                 int64_t version_no) = 0;

  // For the search indexer, across all workspaces in id order, with bodies, deleted ones left
  // out: up to `limit` articles with id > `after_id`, or those of `ids` that exist (≤ 500).
  virtual Result<std::vector<domain::KbArticle>> ScanKbArticlesForIndex(Id after_id,
                                                                        int limit) = 0;
  virtual Result<std::vector<domain::KbArticle>> GetKbArticlesForIndex(
      const std::vector<Id>& ids) = 0;
};

class KbWriteTx : public virtual KbReadTx {
 public:
  // Inserts fill in the id.
  virtual Status InsertKbCategory(domain::KbCategory* c) = 0;
  virtual Status UpdateKbCategory(const domain::KbCategory& c) = 0;
  // AlreadyExists (kind "conflict", HTTP 409) while it has sections.
  virtual Status DeleteKbCategory(Id ws, Id id) = 0;

  virtual Status InsertKbSection(domain::KbSection* s) = 0;
  virtual Status UpdateKbSection(const domain::KbSection& s) = 0;
  // AlreadyExists (kind "conflict", HTTP 409) while it has (not deleted) articles.
  virtual Status DeleteKbSection(Id ws, Id id) = 0;

  // The article row with its tags and attachment links (translations are written apart).
  virtual Status InsertKbArticle(domain::KbArticle* a) = 0;
  // The row (section, visibility, position, updated_at, version) and replaces tags and links.
  virtual Status UpdateKbArticle(const domain::KbArticle& a) = 0;
  // Sets deleted_at; the article vanishes from every read.
  virtual Status SoftDeleteKbArticle(Id ws, Id id, Millis at) = 0;

  // Inserts or replaces the translation's text, status, version_no, author, timestamps and
  // published_at; views and votes are kept.
  virtual Status PutKbTranslation(Id ws, const domain::KbTranslation& t) = 0;
  // Removes the translation and its versions.
  virtual Status DeleteKbTranslation(Id ws, Id article_id, std::string_view lang) = 0;
  virtual Status InsertKbVersion(Id ws, const domain::KbVersion& v) = 0;

  // Counters of a translation; NotFound when it does not exist.
  virtual Status AddKbViews(Id ws, Id article_id, std::string_view lang, int64_t n) = 0;
  virtual Status AddKbVote(Id ws, Id article_id, std::string_view lang, bool helpful) = 0;
};

}  // namespace sahayak::services
