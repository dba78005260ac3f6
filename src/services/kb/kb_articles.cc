// Articles, translations and versions (docs/kb.md).
#include <algorithm>

#include "domain/ticket.h"
#include "services/audit.h"
#include "services/errors.h"
#include "services/kb/kb_input.h"
#include "services/kb/kb_service.h"

namespace sahayak::services {

using domain::JsonInput;
using domain::KbArticle;
using domain::KbStatus;
using domain::KbTranslation;
using domain::KbVersion;
using nlohmann::json;
using namespace kb_internal;  // NOLINT: the feature's own helpers

namespace {

json ArticleAudit(const KbArticle& a) {
  return {{"section_id", a.section_id},
          {"visibility", domain::Name(a.visibility)},
          {"tags", a.tags},
          {"attachment_ids", a.attachment_ids},
          {"position", a.position}};
}

json Changed(const json& before, const json& after) {
  json changes = json::object();
  for (auto it = after.begin(); it != after.end(); ++it) {
    DiffField(&changes, it.key(), before.is_object() ? before.value(it.key(), json(nullptr))
                                                      : json(nullptr),
              it.value());
  }
  return changes;
}

Status Changes(WriteTx& tx, const Principal& who, const KbArticle& a, const std::string& action,
               json changes, Millis now) {
  return RecordChange(tx, a.workspace_id, who.actor(), action, "kb_article", a.id,
                      std::move(changes), now, "kb.article.changed", {{"article_id", a.id}});
}

// The article members of a create or PATCH body; references are checked by CheckRefs.
Status ApplyArticle(JsonInput& in, bool creating, KbArticle* a) {
  int64_t section_id;
  if (in.Int("section_id", &section_id, creating)) a->section_id = section_id;
  std::optional<domain::KbVisibility> vis;
  if (in.Enum("visibility", &vis, domain::ParseKbVisibility, "public, internal")) {
    a->visibility = *vis;
  }
  std::vector<std::string> tags;
  if (in.StrList("tags", &tags, domain::kMaxKbTags)) {
    auto norm = domain::NormaliseTags(tags);
    if (norm.ok()) {
      a->tags = std::move(*norm);
    } else {
      for (const auto& f : norm.status().fields()) in.Error(f.field, f.message);
    }
  }
  std::vector<Id> atts;
  if (in.IdList("attachment_ids", &atts, domain::kMaxKbAttachments)) {
    std::sort(atts.begin(), atts.end());
    atts.erase(std::unique(atts.begin(), atts.end()), atts.end());
    a->attachment_ids = std::move(atts);
  }
  ReadPosition(in, &a->position);
  return in.status();
}

Status CheckRefs(ReadTx& tx, const KbArticle& a, const KbArticle* before) {
  Status bad = InvalidArgument("the article refers to something that does not exist");
  bool any = false;
  if (!before || before->section_id != a.section_id) {
    auto s = tx.kb().GetKbSection(a.workspace_id, a.section_id);
    if (!s.ok() && s.status().code() != Code::kNotFound) return s.status();
    if (!s.ok()) {
      bad.WithField("section_id", "no such section");
      any = true;
    }
  }
  for (Id att : a.attachment_ids) {
    auto r = tx.GetAttachment(a.workspace_id, att);
    if (!r.ok() && r.status().code() != Code::kNotFound) return r.status();
    if (!r.ok()) {
      bad.WithField("attachment_ids", "attachment " + std::to_string(att) + " does not exist");
      any = true;
    }
  }
  return any ? bad : Status::Ok();
}

}  // namespace

Result<KbArticlePage> KbService::ListArticles(const Principal& who, const KbArticleQuery& q) {
  (void)FlushViews();
  KbArticlePage out;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.kb().ListKbArticles(who.workspace_id, q.filter, q.after,
                                                 std::clamp(q.limit, 1, 100)));
    return Status::Ok();
  }));
  return out;
}

Result<KbArticle> KbService::GetArticle(const Principal& who, Id id) {
  (void)FlushViews();
  KbArticle out;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.kb().GetKbArticle(who.workspace_id, id));
    return Status::Ok();
  }));
  return out;
}

Result<KbArticle> KbService::CreateArticle(WriteTx& tx, const Principal& who,
                                           const json& body) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  JsonInput in(body);
  KbArticle a;
  a.workspace_id = who.workspace_id;
  std::string lang;
  if (in.Str("language", &lang, true, 16) && !domain::IsKbLanguage(lang)) {
    in.Error("language", "must be one of en, hi, kn");
  }
  KbTranslation t;
  ReadTitle(in, "title", true, &t.title);
  ReadBody(in, "body", true, &t.body);
  std::optional<KbStatus> status;
  in.Enum("status", &status, domain::ParseKbStatus, "draft, published, archived");
  RETURN_IF_ERROR(ApplyArticle(in, true, &a));
  RETURN_IF_ERROR(CheckRefs(tx, a, nullptr));
  Millis now = clock_.Now();
  a.created_by = who.agent_id;
  a.created_at = a.updated_at = now;
  a.version = 1;
  RETURN_IF_ERROR(tx.kb().InsertKbArticle(&a));
  t.article_id = a.id;
  t.language = lang;
  t.status = status.value_or(KbStatus::kDraft);
  t.version_no = 1;
  t.author_id = who.agent_id;
  t.created_at = t.updated_at = now;
  if (t.status == KbStatus::kPublished) t.published_at = now;
  RETURN_IF_ERROR(tx.kb().PutKbTranslation(a.workspace_id, t));
  RETURN_IF_ERROR(tx.kb().InsertKbVersion(
      a.workspace_id, {a.id, lang, 1, t.title, t.body, t.status, who.agent_id, "", now}));
  json changes = Changed(json(nullptr), ArticleAudit(a));
  changes["translation"] = {nullptr, {{"language", lang}, {"title", t.title},
                                      {"status", domain::Name(t.status)}}};
  RETURN_IF_ERROR(Changes(tx, who, a, "kb.article.created", changes, now));
  return tx.kb().GetKbArticle(a.workspace_id, a.id);
}

Result<KbArticle> KbService::UpdateArticle(WriteTx& tx, const Principal& who, Id id,
                                           const json& body, std::optional<int64_t> if_match) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  ASSIGN_OR_RETURN(KbArticle before, tx.kb().GetKbArticle(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Stale("article", id, *if_match, before.version);
  }
  KbArticle a = before;
  JsonInput in(body);
  RETURN_IF_ERROR(ApplyArticle(in, false, &a));
  RETURN_IF_ERROR(CheckRefs(tx, a, &before));
  json changes = Changed(ArticleAudit(before), ArticleAudit(a));
  if (changes.empty()) return before;
  a.updated_at = clock_.Now();
  a.version = before.version + 1;
  RETURN_IF_ERROR(tx.kb().UpdateKbArticle(a));
  RETURN_IF_ERROR(Changes(tx, who, a, "kb.article.updated", changes, a.updated_at));
  return a;
}

Status KbService::DeleteArticle(WriteTx& tx, const Principal& who, Id id) {
  if (!who.is_admin()) return Forbidden("delete articles");
  ASSIGN_OR_RETURN(KbArticle a, tx.kb().GetKbArticle(who.workspace_id, id));
  Millis now = clock_.Now();
  RETURN_IF_ERROR(tx.kb().SoftDeleteKbArticle(a.workspace_id, id, now));
  return RecordChange(tx, a.workspace_id, who.actor(), "kb.article.deleted", "kb_article", id,
                      {{"deleted", {false, true}}}, now, "kb.article.deleted",
                      {{"article_id", id}});
}

Result<KbArticle> KbService::PutTranslation(WriteTx& tx, const Principal& who, Id id,
                                            std::string_view lang, const json& body,
                                            std::optional<int64_t> if_match) {
  RETURN_IF_ERROR(CheckLanguage(lang));
  RETURN_IF_ERROR(domain::RequireObject(body));
  JsonInput in(body);
  std::string title, text;
  ReadTitle(in, "title", true, &title);
  ReadBody(in, "body", true, &text);
  std::optional<KbStatus> status;
  in.Enum("status", &status, domain::ParseKbStatus, "draft, published, archived");
  RETURN_IF_ERROR(in.status());
  return SaveTranslation(tx, who, id, lang, title, text, status, "", if_match);
}

Result<KbArticle> KbService::SaveTranslation(WriteTx& tx, const Principal& who, Id id,
                                             std::string_view lang,
                                             std::optional<std::string> title,
                                             std::optional<std::string> body,
                                             std::optional<KbStatus> status,
                                             const std::string& note,
                                             std::optional<int64_t> if_match) {
  ASSIGN_OR_RETURN(KbArticle a, tx.kb().GetKbArticle(who.workspace_id, id));
  if (if_match && *if_match != a.version) return Stale("article", id, *if_match, a.version);
  Millis now = clock_.Now();
  const KbTranslation* cur = a.Find(lang);
  KbTranslation t;
  if (cur) {
    t = *cur;
  } else {
    t.article_id = id;
    t.language = std::string(lang);
    t.version_no = 0;
    t.created_at = now;
  }
  std::string new_title = title.value_or(t.title);
  std::string new_body = body.value_or(t.body);
  // Saving without a status keeps the current one (a new translation starts as a draft).
  KbStatus new_status = status.value_or(cur ? t.status : KbStatus::kDraft);
  bool changed = !cur || new_title != t.title || new_body != t.body || new_status != t.status;
  if (!changed) return a;
  json changes = json::object();
  changes["language"] = std::string(lang);
  if (cur) {
    DiffField(&changes, "title", t.title, new_title);
    DiffField(&changes, "status", domain::Name(t.status), domain::Name(new_status));
    if (new_body != t.body) changes["body"] = "changed";
  } else {
    changes["title"] = {nullptr, new_title};
    changes["status"] = {nullptr, domain::Name(new_status)};
  }
  if (new_status == KbStatus::kPublished && (!cur || t.status != KbStatus::kPublished)) {
    t.published_at = now;
  }
  t.title = std::move(new_title);
  t.body = std::move(new_body);
  t.status = new_status;
  t.version_no += 1;
  t.author_id = who.agent_id;
  t.updated_at = now;
  RETURN_IF_ERROR(tx.kb().PutKbTranslation(a.workspace_id, t));
  RETURN_IF_ERROR(tx.kb().InsertKbVersion(a.workspace_id, {id, t.language, t.version_no, t.title,
                                                           t.body, t.status, who.agent_id, note,
                                                           now}));
  a.updated_at = now;
  a.version += 1;
  RETURN_IF_ERROR(tx.kb().UpdateKbArticle(a));
  if (!note.empty()) changes["note"] = note;
  RETURN_IF_ERROR(Changes(tx, who, a, cur ? "kb.translation.updated" : "kb.translation.created",
                          changes, now));
  return tx.kb().GetKbArticle(a.workspace_id, id);
}

Status KbService::DeleteTranslation(WriteTx& tx, const Principal& who, Id id,
                                    std::string_view lang) {
  if (!who.is_admin()) return Forbidden("delete translations");
  RETURN_IF_ERROR(CheckLanguage(lang));
  ASSIGN_OR_RETURN(KbArticle a, tx.kb().GetKbArticle(who.workspace_id, id));
  const KbTranslation* t = a.Find(lang);
  if (!t) {
    return NotFound("article " + std::to_string(id) + " has no " + std::string(lang) +
                    " translation");
  }
  if (a.translations.size() == 1) {
    return AlreadyExists("the last translation cannot be deleted; delete the article")
        .WithKind("conflict");
  }
  std::string title = t->title;
  RETURN_IF_ERROR(tx.kb().DeleteKbTranslation(a.workspace_id, id, lang));
  Millis now = clock_.Now();
  a.updated_at = now;
  a.version += 1;
  RETURN_IF_ERROR(tx.kb().UpdateKbArticle(a));
  return Changes(tx, who, a, "kb.translation.deleted",
                 {{"language", std::string(lang)}, {"title", {title, nullptr}}}, now);
}

Result<std::vector<KbVersion>> KbService::ListVersions(const Principal& who, Id id,
                                                       std::string_view lang) {
  RETURN_IF_ERROR(CheckLanguage(lang));
  std::vector<KbVersion> out;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(KbArticle a, tx.kb().GetKbArticle(who.workspace_id, id));
    if (!a.Find(lang)) {
      return NotFound("article " + std::to_string(id) + " has no " + std::string(lang) +
                      " translation");
    }
    ASSIGN_OR_RETURN(out, tx.kb().ListKbVersions(who.workspace_id, id, lang));
    return Status::Ok();
  }));
  return out;
}

Result<KbVersion> KbService::GetVersion(const Principal& who, Id id, std::string_view lang,
                                        int64_t n) {
  RETURN_IF_ERROR(CheckLanguage(lang));
  KbVersion out;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(KbArticle a, tx.kb().GetKbArticle(who.workspace_id, id));
    ASSIGN_OR_RETURN(out, tx.kb().GetKbVersion(who.workspace_id, id, lang, n));
    return Status::Ok();
  }));
  return out;
}

Result<KbDiff> KbService::Diff(const Principal& who, Id id, std::string_view lang, int64_t from,
                               int64_t to) {
  ASSIGN_OR_RETURN(KbVersion a, GetVersion(who, id, lang, from));
  ASSIGN_OR_RETURN(KbVersion b, GetVersion(who, id, lang, to));
  KbDiff d;
  d.from = from;
  d.to = to;
  d.title_from = a.title;
  d.title_to = b.title;
  d.lines = domain::DiffLines(a.body, b.body);
  return d;
}

Result<KbArticle> KbService::Restore(WriteTx& tx, const Principal& who, Id id,
                                     std::string_view lang, int64_t n) {
  RETURN_IF_ERROR(CheckLanguage(lang));
  ASSIGN_OR_RETURN(KbArticle a, tx.kb().GetKbArticle(who.workspace_id, id));
  ASSIGN_OR_RETURN(KbVersion v, tx.kb().GetKbVersion(who.workspace_id, id, lang, n));
  return SaveTranslation(tx, who, id, lang, v.title, v.body, std::nullopt,
                         "restored from version " + std::to_string(n), std::nullopt);
}

}  // namespace sahayak::services
