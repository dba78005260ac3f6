// The knowledge base's tables (migration 0007): categories, sections, translations,
// versions and counters. Articles: tx_kb_articles.cc.
#include "store/sqlite/tx_kb.h"

#include <nlohmann/json.hpp>

namespace sahayak::store {

using domain::KbArticle;
using domain::KbCategory;
using domain::KbSection;
using domain::KbTranslation;
using domain::KbVersion;
using nlohmann::json;

namespace {

domain::LocalizedText ParseText(const std::string& s) {
  domain::LocalizedText out;
  json j = json::parse(s, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.value().is_string()) out[it.key()] = it.value().get<std::string>();
  }
  return out;
}

std::string DumpText(const domain::LocalizedText& t) {
  json j = json::object();
  for (const auto& [k, v] : t) j[k] = v;
  return j.dump();
}

constexpr const char* kCategoryCols =
    "id, workspace_id, titles, descriptions, position, created_at, updated_at, version";
constexpr const char* kSectionCols =
    "id, workspace_id, category_id, titles, descriptions, position, created_at, updated_at, "
    "version";

KbCategory ReadCategory(const Stmt& s) {
  KbCategory c;
  c.id = s.Int(0);
  c.workspace_id = s.Int(1);
  c.titles = ParseText(s.Text(2));
  c.descriptions = ParseText(s.Text(3));
  c.position = s.Int(4);
  c.created_at = s.Int(5);
  c.updated_at = s.Int(6);
  c.version = s.Int(7);
  return c;
}

KbSection ReadSection(const Stmt& s) {
  KbSection c;
  c.id = s.Int(0);
  c.workspace_id = s.Int(1);
  c.category_id = s.Int(2);
  c.titles = ParseText(s.Text(3));
  c.descriptions = ParseText(s.Text(4));
  c.position = s.Int(5);
  c.created_at = s.Int(6);
  c.updated_at = s.Int(7);
  c.version = s.Int(8);
  return c;
}

// Every row of `s`, each read by `read`.
template <typename T>
Result<std::vector<T>> ReadAll(Stmt& s, T (*read)(const Stmt&)) {
  std::vector<T> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(read(s));
  }
  return out;
}

// The one row of `s`, or NotFound naming `what`.
template <typename T>
Result<T> ReadOne(Stmt& s, T (*read)(const Stmt&), const std::string& what) {
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound(what + " does not exist");
  return read(s);
}

Result<int64_t> CountOne(Stmt& s) {
  ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

}  // namespace

// --- categories and sections ---

Result<std::vector<KbCategory>> SqliteKbTx::ListKbCategories(Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kCategoryCols +
           " FROM kb_categories WHERE workspace_id = ? ORDER BY position, id";
  })));
  s.Bind(1, ws);
  return ReadAll(s, &ReadCategory);
}

Result<KbCategory> SqliteKbTx::GetKbCategory(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kCategoryCols +
           " FROM kb_categories WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  return ReadOne(s, &ReadCategory, "category " + std::to_string(id));
}

Result<std::vector<KbSection>> SqliteKbTx::ListKbSections(Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kSectionCols +
           " FROM kb_sections WHERE workspace_id = ? ORDER BY category_id, position, id";
  })));
  s.Bind(1, ws);
  return ReadAll(s, &ReadSection);
}

Result<KbSection> SqliteKbTx::GetKbSection(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kSectionCols +
           " FROM kb_sections WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  return ReadOne(s, &ReadSection, "section " + std::to_string(id));
}

Result<int64_t> SqliteKbTx::CountKbSectionsOfCategory(Id ws, Id category_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT count(*) FROM kb_sections WHERE workspace_id = ? "
                                       "AND category_id = ?"));
  s.Bind(1, ws).Bind(2, category_id);
  return CountOne(s);
}

Result<std::map<Id, int64_t>> SqliteKbTx::CountKbArticlesBySection(Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT section_id, count(*) FROM kb_articles "
                                       "WHERE workspace_id = ? AND deleted_at IS NULL "
                                       "GROUP BY section_id"));
  s.Bind(1, ws);
  std::map<Id, int64_t> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out[s.Int(0)] = s.Int(1);
  }
  return out;
}

Result<std::map<Id, int64_t>> SqliteKbTx::CountPublicKbArticlesBySection(Id ws,
                                                                         std::string_view lang) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "SELECT a.section_id, count(*) FROM kb_translations t "
                               "JOIN kb_articles a ON a.id = t.article_id "
                               "WHERE t.workspace_id = ? AND t.language = ? AND "
                               "t.status = 'published' AND a.visibility = 'public' AND "
                               "a.deleted_at IS NULL GROUP BY a.section_id"));
  s.Bind(1, ws).Bind(2, lang);
  std::map<Id, int64_t> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out[s.Int(0)] = s.Int(1);
  }
  return out;
}

Status SqliteKbTx::InsertKbCategory(KbCategory* c) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "INSERT INTO kb_categories (workspace_id, titles, descriptions, "
                               "position, created_at, updated_at, version) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, c->workspace_id).Bind(2, DumpText(c->titles)).Bind(3, DumpText(c->descriptions));
  s.Bind(4, c->position).Bind(5, c->created_at).Bind(6, c->updated_at).Bind(7, c->version);
  RETURN_IF_ERROR(s.Exec());
  c->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteKbTx::UpdateKbCategory(const KbCategory& c) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "UPDATE kb_categories SET titles = ?, descriptions = ?, "
                               "position = ?, updated_at = ?, version = ? "
                               "WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, DumpText(c.titles)).Bind(2, DumpText(c.descriptions)).Bind(3, c.position);
  s.Bind(4, c.updated_at).Bind(5, c.version).Bind(6, c.workspace_id).Bind(7, c.id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("category " + std::to_string(c.id) + " does not exist");
  return Status::Ok();
}

Status SqliteKbTx::DeleteKbCategory(Id ws, Id id) {
  ASSIGN_OR_RETURN(int64_t n, CountKbSectionsOfCategory(ws, id));
  if (n > 0) return AlreadyExists("the category still has sections").WithKind("conflict");
  ASSIGN_OR_RETURN(Stmt s,
                   c_->Prepare("DELETE FROM kb_categories WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("category " + std::to_string(id) + " does not exist");
  return Status::Ok();
}

Status SqliteKbTx::InsertKbSection(KbSection* c) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "INSERT INTO kb_sections (workspace_id, category_id, titles, "
                               "descriptions, position, created_at, updated_at, version) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, c->workspace_id).Bind(2, c->category_id).Bind(3, DumpText(c->titles));
  s.Bind(4, DumpText(c->descriptions)).Bind(5, c->position).Bind(6, c->created_at);
  s.Bind(7, c->updated_at).Bind(8, c->version);
  RETURN_IF_ERROR(s.Exec());
  c->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteKbTx::UpdateKbSection(const KbSection& c) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "UPDATE kb_sections SET category_id = ?, titles = ?, "
                               "descriptions = ?, position = ?, updated_at = ?, version = ? "
                               "WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, c.category_id).Bind(2, DumpText(c.titles)).Bind(3, DumpText(c.descriptions));
  s.Bind(4, c.position).Bind(5, c.updated_at).Bind(6, c.version).Bind(7, c.workspace_id);
  s.Bind(8, c.id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("section " + std::to_string(c.id) + " does not exist");
  return Status::Ok();
}

Status SqliteKbTx::DeleteKbSection(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt n, c_->Prepare("SELECT count(*) FROM kb_articles WHERE workspace_id = ? "
                                       "AND section_id = ? AND deleted_at IS NULL"));
  n.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(int64_t count, CountOne(n));
  if (count > 0) return AlreadyExists("the section still has articles").WithKind("conflict");
  // Soft-deleted articles keep their rows; move nothing, but the foreign key needs the
  // section, so they are purged with their parts first.
  for (const char* sql :
       {"DELETE FROM kb_versions WHERE article_id IN (SELECT id FROM kb_articles WHERE "
        "workspace_id = ?1 AND section_id = ?2)",
        "DELETE FROM kb_translations WHERE article_id IN (SELECT id FROM kb_articles WHERE "
        "workspace_id = ?1 AND section_id = ?2)",
        "DELETE FROM kb_article_tags WHERE article_id IN (SELECT id FROM kb_articles WHERE "
        "workspace_id = ?1 AND section_id = ?2)",
        "DELETE FROM kb_article_attachments WHERE article_id IN (SELECT id FROM kb_articles "
        "WHERE workspace_id = ?1 AND section_id = ?2)",
        "DELETE FROM kb_articles WHERE workspace_id = ?1 AND section_id = ?2",
        "DELETE FROM kb_sections WHERE workspace_id = ?1 AND id = ?2"}) {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare(sql));
    s.Bind(1, ws).Bind(2, id);
    RETURN_IF_ERROR(s.Exec());
  }
  if (c_->Changes() == 0) return NotFound("section " + std::to_string(id) + " does not exist");
  return Status::Ok();
}

Status SqliteKbTx::PutKbTranslation(Id ws, const KbTranslation& t) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "INSERT INTO kb_translations (article_id, language, "
                               "workspace_id, title, body, status, version_no, author_id, "
                               "created_at, updated_at, published_at) VALUES "
                               "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, "
                               "language) DO UPDATE SET title = excluded.title, body = "
                               "excluded.body, status = excluded.status, version_no = "
                               "excluded.version_no, author_id = excluded.author_id, "
                               "updated_at = excluded.updated_at, published_at = "
                               "excluded.published_at"));
  s.Bind(1, t.article_id).Bind(2, t.language).Bind(3, ws).Bind(4, t.title).Bind(5, t.body);
  s.Bind(6, domain::Name(t.status)).Bind(7, t.version_no).Bind(8, t.author_id);
  s.Bind(9, t.created_at).Bind(10, t.updated_at).Bind(11, t.published_at);
  return s.Exec();
}

Status SqliteKbTx::DeleteKbTranslation(Id ws, Id article_id, std::string_view lang) {
  ASSIGN_OR_RETURN(Stmt v, c_->Prepare("DELETE FROM kb_versions WHERE workspace_id = ? AND "
                                       "article_id = ? AND language = ?"));
  v.Bind(1, ws).Bind(2, article_id).Bind(3, lang);
  RETURN_IF_ERROR(v.Exec());
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM kb_translations WHERE workspace_id = ? AND "
                                       "article_id = ? AND language = ?"));
  s.Bind(1, ws).Bind(2, article_id).Bind(3, lang);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("no translation in " + std::string(lang));
  return Status::Ok();
}

Status SqliteKbTx::InsertKbVersion(Id ws, const KbVersion& v) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "INSERT INTO kb_versions (article_id, language, version_no, "
                               "workspace_id, title, body, status, author_id, note, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, v.article_id).Bind(2, v.language).Bind(3, v.version_no).Bind(4, ws);
  s.Bind(5, v.title).Bind(6, v.body).Bind(7, domain::Name(v.status)).Bind(8, v.author_id);
  s.Bind(9, v.note).Bind(10, v.created_at);
  return s.Exec();
}

Result<std::vector<KbVersion>> SqliteKbTx::ListKbVersions(Id ws, Id article_id,
                                                          std::string_view lang) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "SELECT version_no, title, status, author_id, note, created_at "
                               "FROM kb_versions WHERE workspace_id = ? AND article_id = ? AND "
                               "language = ? ORDER BY version_no DESC"));
  s.Bind(1, ws).Bind(2, article_id).Bind(3, lang);
  std::vector<KbVersion> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    KbVersion v;
    v.article_id = article_id;
    v.language = std::string(lang);
    v.version_no = s.Int(0);
    v.title = s.Text(1);
    v.status = domain::ParseKbStatus(s.Text(2)).value_or(domain::KbStatus::kDraft);
    v.author_id = s.Int(3);
    v.note = s.Text(4);
    v.created_at = s.Int(5);
    out.push_back(std::move(v));
  }
  return out;
}

Result<KbVersion> SqliteKbTx::GetKbVersion(Id ws, Id article_id, std::string_view lang,
                                           int64_t version_no) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "SELECT title, body, status, author_id, note, created_at FROM "
                               "kb_versions WHERE workspace_id = ? AND article_id = ? AND "
                               "language = ? AND version_no = ?"));
  s.Bind(1, ws).Bind(2, article_id).Bind(3, lang).Bind(4, version_no);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("version " + std::to_string(version_no) + " does not exist");
  KbVersion v;
  v.article_id = article_id;
  v.language = std::string(lang);
  v.version_no = version_no;
  v.title = s.Text(0);
  v.body = s.Text(1);
  v.status = domain::ParseKbStatus(s.Text(2)).value_or(domain::KbStatus::kDraft);
  v.author_id = s.Int(3);
  v.note = s.Text(4);
  v.created_at = s.Int(5);
  return v;
}

Status SqliteKbTx::AddKbViews(Id ws, Id article_id, std::string_view lang, int64_t n) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE kb_translations SET views = views + ? WHERE "
                                       "workspace_id = ? AND article_id = ? AND language = ?"));
  s.Bind(1, n).Bind(2, ws).Bind(3, article_id).Bind(4, lang);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("no translation in " + std::string(lang));
  return Status::Ok();
}

Status SqliteKbTx::AddKbVote(Id ws, Id article_id, std::string_view lang, bool helpful) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "UPDATE kb_translations SET helpful_yes = helpful_yes + ?, "
                               "helpful_no = helpful_no + ? WHERE workspace_id = ? AND "
                               "article_id = ? AND language = ?"));
  s.Bind(1, helpful ? 1 : 0).Bind(2, helpful ? 0 : 1).Bind(3, ws).Bind(4, article_id);
  s.Bind(5, lang);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("no translation in " + std::string(lang));
  return Status::Ok();
}

}  // namespace sahayak::store
