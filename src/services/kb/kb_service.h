#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "domain/kb.h"
#include "domain/text_diff.h"
#include "services/principal.h"
#include "services/store.h"

// The knowledge base use cases (docs/kb.md): categories, sections, articles with translations
// and versions for agents, and the read-only, published-and-public view the help centre shows.
namespace sahayak::services {

// A section with how many articles it holds (all of them for agents; for the public tree,
// those public in the language asked for).
struct KbSectionCount {
  domain::KbSection section;
  int64_t article_count = 0;
};

struct KbCategoryTree {
  domain::KbCategory category;
  std::vector<KbSectionCount> sections;  // by position, then id
};

// One article as the help centre shows it in `language`.
struct PublicArticle {
  domain::KbArticle article;          // all translations (bodies included)
  domain::KbTranslation translation;  // the one in `language`, published
  std::string language;
  std::string html;  // the translation's body rendered and sanitised
  domain::KbCategory category;
  domain::KbSection section;
  std::string category_title;  // in `language`, with fallback
  std::string section_title;
  std::vector<std::string> other_languages;  // where it is public too, KbLanguages() order
};

struct KbDiff {
  int64_t from = 0;
  int64_t to = 0;
  std::string title_from;
  std::string title_to;
  std::vector<domain::DiffLine> lines;
};

// Query of GET /api/v1/kb/articles.
struct KbArticleQuery {
  KbArticleFilter filter;
  std::optional<KbArticleKey> after;
  int limit = 25;
};

// Thread-safe. Changes run in the caller's write transaction `tx` (so handlers can honour
// Idempotency-Key and If-Match in one transaction); reads open their own on `store`. Changes
// record an audit event and an outbox row (topics kb.article.changed / kb.article.deleted with
// {"article_id": n}, kb.category.changed, kb.section.changed with {"category_id"} /
// {"section_id"}) in the same transaction. Errors: NotFound for ids outside the workspace or
// deleted; InvalidArgument with fields for bad bodies (an unknown section or category, or
// attachment, is a field error too); PermissionDenied ("forbidden") for agents changing
// categories, sections or deleting; Aborted ("precondition-failed") on an If-Match mismatch;
// AlreadyExists (kind "conflict", HTTP 409) deleting a non-empty category/section or the last
// translation.
class KbService {
 public:
  KbService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // --- categories and sections (reading: agents; changing: admins) ---
  Result<std::vector<KbCategoryTree>> ListCategories(const Principal& who);
  Result<KbCategoryTree> CreateCategory(WriteTx& tx, const Principal& who, const nlohmann::json& body);
  Result<KbCategoryTree> UpdateCategory(WriteTx& tx, const Principal& who, Id id,
                                        const nlohmann::json& body,
                                        std::optional<int64_t> if_match);
  Status DeleteCategory(WriteTx& tx, const Principal& who, Id id);
  Result<KbSectionCount> CreateSection(WriteTx& tx, const Principal& who,
                                       const nlohmann::json& body);
  Result<KbSectionCount> UpdateSection(WriteTx& tx, const Principal& who, Id id,
                                       const nlohmann::json& body,
                                       std::optional<int64_t> if_match);
  Status DeleteSection(WriteTx& tx, const Principal& who, Id id);

  // --- articles (agents; deleting: admins) ---
  Result<KbArticlePage> ListArticles(const Principal& who, const KbArticleQuery& q);
  Result<domain::KbArticle> GetArticle(const Principal& who, Id id);
  Result<domain::KbArticle> CreateArticle(WriteTx& tx, const Principal& who,
                                          const nlohmann::json& body);
  Result<domain::KbArticle> UpdateArticle(WriteTx& tx, const Principal& who, Id id,
                                          const nlohmann::json& body,
                                          std::optional<int64_t> if_match);
  Status DeleteArticle(WriteTx& tx, const Principal& who, Id id);
  // Creates the translation or saves it; a new version only when title, body or status
  // changed. `if_match` compares with the article's version.
  Result<domain::KbArticle> PutTranslation(WriteTx& tx, const Principal& who, Id id,
                                           std::string_view lang,
                                           const nlohmann::json& body,
                                           std::optional<int64_t> if_match);
  Status DeleteTranslation(WriteTx& tx, const Principal& who, Id id, std::string_view lang);
  Result<std::vector<domain::KbVersion>> ListVersions(const Principal& who, Id id,
                                                      std::string_view lang);
  Result<domain::KbVersion> GetVersion(const Principal& who, Id id, std::string_view lang,
                                       int64_t n);
  Result<KbDiff> Diff(const Principal& who, Id id, std::string_view lang, int64_t from,
                      int64_t to);
  // A new version with version n's title and body, noted "restored from version n".
  Result<domain::KbArticle> Restore(WriteTx& tx, const Principal& who, Id id,
                                    std::string_view lang, int64_t n);

  // Sanitised HTML of Markdown (base/markdown.h).
  static std::string Render(std::string_view markdown);

  // --- the help centre (no login): published translations of public articles only ---
  // Categories -> sections -> count of articles public in `lang`; empty ones left out.
  Result<std::vector<KbCategoryTree>> PublicTree(Id ws, std::string_view lang);
  // By position, then id; each public in `lang`. NotFound for an unknown section.
  Result<std::vector<domain::KbArticle>> PublicArticlesInSection(Id ws, Id section_id,
                                                                 std::string_view lang);
  // NotFound unless the article is public in `lang`.
  Result<PublicArticle> GetPublicArticle(Id ws, Id id, std::string_view lang);
  // Counts a view. Batched in memory and written by FlushViews (at most every few seconds,
  // on the next RecordView after kViewFlushMillis, and when the service is destroyed);
  // NotFound unless the article is public in `lang`.
  Status RecordView(Id ws, Id id, std::string_view lang);
  Status FlushViews();
  // NotFound unless the article is public in `lang`.
  Status Vote(Id ws, Id id, std::string_view lang, bool helpful);
  // The attachment, when linked to a public article with a published translation.
  Result<domain::Attachment> PublicAttachment(Id ws, Id attachment_id);

  static constexpr Millis kViewFlushMillis = 5000;

  ~KbService();

 private:
  Result<domain::KbArticle> SaveTranslation(WriteTx& tx, const Principal& who, Id id,
                                            std::string_view lang,
                                            std::optional<std::string> title,
                                            std::optional<std::string> body,
                                            std::optional<domain::KbStatus> status,
                                            const std::string& note,
                                            std::optional<int64_t> if_match);

  Store& store_;
  const Clock& clock_;
  std::mutex views_mu_;
  std::map<std::tuple<Id, Id, std::string>, int64_t> pending_views_;  // guarded by views_mu_
  Millis last_flush_ = 0;                                             // guarded by views_mu_
};

}  // namespace sahayak::services
