// The knowledge base's articles with their tags, attachment links and translations.
#include <algorithm>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "store/sqlite/tx_kb.h"

namespace sahayak::store {

using domain::KbArticle;
using domain::KbTranslation;
using nlohmann::json;

namespace {

constexpr const char* kArticleCols =
    "a.id, a.workspace_id, a.section_id, a.visibility, a.position, a.created_by, a.created_at, "
    "a.updated_at, a.version";

KbArticle ReadArticle(const Stmt& s) {
  KbArticle a;
  a.id = s.Int(0);
  a.workspace_id = s.Int(1);
  a.section_id = s.Int(2);
  a.visibility = domain::ParseKbVisibility(s.Text(3)).value_or(domain::KbVisibility::kInternal);
  a.position = s.Int(4);
  a.created_by = s.Int(5);
  a.created_at = s.Int(6);
  a.updated_at = s.Int(7);
  a.version = s.Int(8);
  return a;
}

int LangOrder(const std::string& lang) {
  const auto& all = domain::KbLanguages();
  auto it = std::find(all.begin(), all.end(), lang);
  return static_cast<int>(it - all.begin());
}

// Collects rows of `s` into articles.
Result<std::vector<KbArticle>> ReadArticles(Stmt& s) {
  std::vector<KbArticle> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadArticle(s));
  }
  return out;
}

}  // namespace

// --- articles ---

Status SqliteKbTx::LoadArticleParts(std::vector<KbArticle>* articles, bool bodies) {
  if (articles->empty()) return Status::Ok();
  std::unordered_map<Id, KbArticle*> by_id;
  json ids = json::array();
  for (auto& a : *articles) {
    by_id[a.id] = &a;
    ids.push_back(a.id);
  }
  std::string id_list = ids.dump();
  {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT article_id, tag FROM kb_article_tags WHERE "
                                         "article_id IN (SELECT value FROM json_each(?)) "
                                         "ORDER BY article_id, tag"));
    s.Bind(1, id_list);
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      by_id[s.Int(0)]->tags.push_back(s.Text(1));
    }
  }
  {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT article_id, attachment_id FROM "
                                         "kb_article_attachments WHERE article_id IN "
                                         "(SELECT value FROM json_each(?)) "
                                         "ORDER BY article_id, attachment_id"));
    s.Bind(1, id_list);
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      by_id[s.Int(0)]->attachment_ids.push_back(s.Int(1));
    }
  }
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "SELECT article_id, language, title, CASE WHEN ?2 THEN body "
                               "ELSE '' END, status, version_no, author_id, created_at, "
                               "updated_at, published_at, views, helpful_yes, helpful_no "
                               "FROM kb_translations WHERE article_id IN "
                               "(SELECT value FROM json_each(?1))"));
  s.Bind(1, id_list).Bind(2, bodies);
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    KbTranslation t;
    t.article_id = s.Int(0);
    t.language = s.Text(1);
    t.title = s.Text(2);
    t.body = s.Text(3);
    t.status = domain::ParseKbStatus(s.Text(4)).value_or(domain::KbStatus::kDraft);
    t.version_no = s.Int(5);
    t.author_id = s.Int(6);
    t.created_at = s.Int(7);
    t.updated_at = s.Int(8);
    t.published_at = s.OptInt(9);
    t.views = s.Int(10);
    t.helpful_yes = s.Int(11);
    t.helpful_no = s.Int(12);
    by_id[t.article_id]->translations.push_back(std::move(t));
  }
  for (auto& a : *articles) {
    std::sort(a.translations.begin(), a.translations.end(),
              [](const KbTranslation& x, const KbTranslation& y) {
                return LangOrder(x.language) < LangOrder(y.language);
              });
  }
  return Status::Ok();
}

Result<KbArticle> SqliteKbTx::GetKbArticle(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kArticleCols +
           " FROM kb_articles a WHERE a.workspace_id = ? AND a.id = ? AND a.deleted_at IS NULL";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(std::vector<KbArticle> v, ReadArticles(s));
  if (v.empty()) return NotFound("article " + std::to_string(id) + " does not exist");
  RETURN_IF_ERROR(LoadArticleParts(&v, true));
  return std::move(v[0]);
}

Result<services::KbArticlePage> SqliteKbTx::ListKbArticles(
    Id ws, const services::KbArticleFilter& f, const std::optional<services::KbArticleKey>& after,
    int limit) {
  // One statement; absent filters are NULL parameters that match everything.
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kArticleCols +
           " FROM kb_articles a WHERE a.workspace_id = ?1 AND a.deleted_at IS NULL"
           " AND (?2 IS NULL OR a.section_id = ?2)"
           " AND (?3 IS NULL OR a.visibility = ?3)"
           " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM kb_article_tags g WHERE"
           "      g.article_id = a.id AND g.tag = ?4))"
           " AND (?5 IS NULL AND ?6 IS NULL OR EXISTS (SELECT 1 FROM kb_translations t WHERE"
           "      t.article_id = a.id AND (?5 IS NULL OR t.language = ?5)"
           "      AND (?6 IS NULL OR t.status = ?6)))"
           " AND (?7 IS NULL OR a.updated_at < ?7 OR (a.updated_at = ?7 AND a.id < ?8))"
           " ORDER BY a.updated_at DESC, a.id DESC LIMIT ?9";
  })));
  s.Bind(1, ws);
  if (f.section_id) s.Bind(2, *f.section_id); else s.BindNull(2);
  if (f.visibility) s.Bind(3, domain::Name(*f.visibility)); else s.BindNull(3);
  if (f.tag) s.Bind(4, *f.tag); else s.BindNull(4);
  if (f.language) s.Bind(5, *f.language); else s.BindNull(5);
  if (f.status) s.Bind(6, domain::Name(*f.status)); else s.BindNull(6);
  if (after) {
    s.Bind(7, after->updated_at).Bind(8, after->id);
  } else {
    s.BindNull(7).BindNull(8);
  }
  s.Bind(9, static_cast<int64_t>(limit) + 1);
  ASSIGN_OR_RETURN(std::vector<KbArticle> v, ReadArticles(s));
  services::KbArticlePage page;
  if (static_cast<int>(v.size()) > limit) {
    v.resize(limit);
    page.next = services::KbArticleKey{v.back().updated_at, v.back().id};
  }
  RETURN_IF_ERROR(LoadArticleParts(&v, false));
  page.items = std::move(v);
  return page;
}

Result<std::vector<KbArticle>> SqliteKbTx::ListKbArticlesOfSection(Id ws, Id section_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kArticleCols +
           " FROM kb_articles a WHERE a.workspace_id = ? AND a.section_id = ? AND "
           "a.deleted_at IS NULL ORDER BY a.position, a.id";
  })));
  s.Bind(1, ws).Bind(2, section_id);
  ASSIGN_OR_RETURN(std::vector<KbArticle> v, ReadArticles(s));
  RETURN_IF_ERROR(LoadArticleParts(&v, false));
  return v;
}

Result<std::vector<Id>> SqliteKbTx::ListKbArticleIdsOfAttachment(Id ws, Id attachment_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "SELECT l.article_id FROM kb_article_attachments l JOIN "
                               "kb_articles a ON a.id = l.article_id WHERE l.attachment_id = ? "
                               "AND l.workspace_id = ? AND a.deleted_at IS NULL "
                               "ORDER BY l.article_id"));
  s.Bind(1, attachment_id).Bind(2, ws);
  std::vector<Id> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(s.Int(0));
  }
  return out;
}

Result<std::vector<KbArticle>> SqliteKbTx::ScanKbArticlesForIndex(Id after_id, int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kArticleCols +
           " FROM kb_articles a WHERE a.id > ? AND a.deleted_at IS NULL ORDER BY a.id LIMIT ?";
  })));
  s.Bind(1, after_id).Bind(2, limit);
  ASSIGN_OR_RETURN(std::vector<KbArticle> v, ReadArticles(s));
  RETURN_IF_ERROR(LoadArticleParts(&v, true));
  return v;
}

Result<std::vector<KbArticle>> SqliteKbTx::GetKbArticlesForIndex(const std::vector<Id>& ids) {
  if (ids.size() > 500) return InvalidArgument("at most 500 ids");
  json list = ids;
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kArticleCols +
           " FROM kb_articles a WHERE a.id IN (SELECT value FROM json_each(?)) AND "
           "a.deleted_at IS NULL ORDER BY a.id";
  })));
  s.Bind(1, list.dump());
  ASSIGN_OR_RETURN(std::vector<KbArticle> v, ReadArticles(s));
  RETURN_IF_ERROR(LoadArticleParts(&v, true));
  return v;
}

Status SqliteKbTx::WriteArticleLinks(const KbArticle& a) {
  ASSIGN_OR_RETURN(Stmt dt, c_->Prepare("DELETE FROM kb_article_tags WHERE article_id = ?"));
  dt.Bind(1, a.id);
  RETURN_IF_ERROR(dt.Exec());
  for (const auto& tag : a.tags) {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT OR IGNORE INTO kb_article_tags (article_id, "
                                         "tag, workspace_id) VALUES (?, ?, ?)"));
    s.Bind(1, a.id).Bind(2, tag).Bind(3, a.workspace_id);
    RETURN_IF_ERROR(s.Exec());
  }
  ASSIGN_OR_RETURN(Stmt da,
                   c_->Prepare("DELETE FROM kb_article_attachments WHERE article_id = ?"));
  da.Bind(1, a.id);
  RETURN_IF_ERROR(da.Exec());
  for (Id att : a.attachment_ids) {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT OR IGNORE INTO kb_article_attachments "
                                         "(article_id, attachment_id, workspace_id) "
                                         "VALUES (?, ?, ?)"));
    s.Bind(1, a.id).Bind(2, att).Bind(3, a.workspace_id);
    RETURN_IF_ERROR(s.Exec());
  }
  return Status::Ok();
}

Status SqliteKbTx::InsertKbArticle(KbArticle* a) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "INSERT INTO kb_articles (workspace_id, section_id, visibility, "
                               "position, created_by, created_at, updated_at, version) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, a->workspace_id).Bind(2, a->section_id).Bind(3, domain::Name(a->visibility));
  s.Bind(4, a->position).Bind(5, a->created_by).Bind(6, a->created_at).Bind(7, a->updated_at);
  s.Bind(8, a->version);
  RETURN_IF_ERROR(s.Exec());
  a->id = c_->LastInsertId();
  return WriteArticleLinks(*a);
}

Status SqliteKbTx::UpdateKbArticle(const KbArticle& a) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "UPDATE kb_articles SET section_id = ?, visibility = ?, "
                               "position = ?, updated_at = ?, version = ? WHERE "
                               "workspace_id = ? AND id = ? AND deleted_at IS NULL"));
  s.Bind(1, a.section_id).Bind(2, domain::Name(a.visibility)).Bind(3, a.position);
  s.Bind(4, a.updated_at).Bind(5, a.version).Bind(6, a.workspace_id).Bind(7, a.id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("article " + std::to_string(a.id) + " does not exist");
  return WriteArticleLinks(a);
}

Status SqliteKbTx::SoftDeleteKbArticle(Id ws, Id id, Millis at) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE kb_articles SET deleted_at = ?, updated_at = ?, "
                                       "version = version + 1 WHERE workspace_id = ? AND id = ? "
                                       "AND deleted_at IS NULL"));
  s.Bind(1, at).Bind(2, at).Bind(3, ws).Bind(4, id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("article " + std::to_string(id) + " does not exist");
  return Status::Ok();
}

}  // namespace sahayak::store
