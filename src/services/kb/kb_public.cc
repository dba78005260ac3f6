// What the help centre reads: published translations of public articles, nothing else.
#include "base/markdown.h"
#include "services/kb/kb_input.h"
#include "services/kb/kb_service.h"

namespace sahayak::services {

using domain::KbArticle;
using namespace kb_internal;  // NOLINT: the feature's own helpers

namespace {

Status NotPublic(Id id, std::string_view lang) {
  return NotFound("article " + std::to_string(id) + " is not published in " + std::string(lang));
}

// The article when a visitor may read it in `lang`; NotFound otherwise.
Result<KbArticle> PublicArticleIn(ReadTx& tx, Id ws, Id id, std::string_view lang) {
  auto a = tx.kb().GetKbArticle(ws, id);
  if (!a.ok()) return a.status().code() == Code::kNotFound ? NotPublic(id, lang) : a.status();
  if (!a->PublicIn(lang)) return NotPublic(id, lang);
  return a;
}

}  // namespace

Result<std::vector<KbCategoryTree>> KbService::PublicTree(Id ws, std::string_view lang) {
  RETURN_IF_ERROR(CheckLanguage(lang));
  std::vector<KbCategoryTree> out;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto cats, tx.kb().ListKbCategories(ws));
    ASSIGN_OR_RETURN(auto sections, tx.kb().ListKbSections(ws));
    ASSIGN_OR_RETURN(auto counts, tx.kb().CountPublicKbArticlesBySection(ws, lang));
    for (auto& c : cats) {
      KbCategoryTree tree{std::move(c), {}};
      for (const auto& s : sections) {
        if (s.category_id != tree.category.id) continue;
        auto it = counts.find(s.id);
        if (it == counts.end() || it->second == 0) continue;
        tree.sections.push_back({s, it->second});
      }
      if (!tree.sections.empty()) out.push_back(std::move(tree));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<KbArticle>> KbService::PublicArticlesInSection(Id ws, Id section_id,
                                                                  std::string_view lang) {
  RETURN_IF_ERROR(CheckLanguage(lang));
  std::vector<KbArticle> out;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    RETURN_IF_ERROR(tx.kb().GetKbSection(ws, section_id).status());
    ASSIGN_OR_RETURN(auto all, tx.kb().ListKbArticlesOfSection(ws, section_id));
    for (auto& a : all) {
      if (a.PublicIn(lang)) out.push_back(std::move(a));
    }
    return Status::Ok();
  }));
  return out;
}

Result<PublicArticle> KbService::GetPublicArticle(Id ws, Id id, std::string_view lang) {
  RETURN_IF_ERROR(CheckLanguage(lang));
  PublicArticle out;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out.article, PublicArticleIn(tx, ws, id, lang));
    ASSIGN_OR_RETURN(out.section, tx.kb().GetKbSection(ws, out.article.section_id));
    ASSIGN_OR_RETURN(out.category, tx.kb().GetKbCategory(ws, out.section.category_id));
    ASSIGN_OR_RETURN(Workspace w, tx.GetWorkspace(ws));
    out.category_title = domain::Localized(out.category.titles, lang, w.default_language);
    out.section_title = domain::Localized(out.section.titles, lang, w.default_language);
    return Status::Ok();
  }));
  out.language = std::string(lang);
  out.translation = *out.article.Find(lang);
  out.html = RenderMarkdown(out.translation.body);
  for (const auto& l : domain::KbLanguages()) {
    if (l != lang && out.article.PublicIn(l)) out.other_languages.push_back(l);
  }
  return out;
}

Status KbService::RecordView(Id ws, Id id, std::string_view lang) {
  RETURN_IF_ERROR(CheckLanguage(lang));
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    return PublicArticleIn(tx, ws, id, lang).status();
  }));
  bool flush = false;
  {
    std::lock_guard<std::mutex> lock(views_mu_);
    pending_views_[{ws, id, std::string(lang)}] += 1;
    flush = clock_.Now() - last_flush_ >= kViewFlushMillis;
  }
  return flush ? FlushViews() : Status::Ok();
}

Status KbService::FlushViews() {
  std::map<std::tuple<Id, Id, std::string>, int64_t> batch;
  {
    std::lock_guard<std::mutex> lock(views_mu_);
    batch.swap(pending_views_);
    last_flush_ = clock_.Now();
  }
  if (batch.empty()) return Status::Ok();
  return store_.Write([&](WriteTx& tx) -> Status {
    for (const auto& [key, n] : batch) {
      const auto& [ws, id, lang] = key;
      Status st = tx.kb().AddKbViews(ws, id, lang, n);
      // A translation deleted meanwhile just loses its last views.
      if (!st.ok() && st.code() != Code::kNotFound) return st;
    }
    return Status::Ok();
  });
}

Status KbService::Vote(Id ws, Id id, std::string_view lang, bool helpful) {
  RETURN_IF_ERROR(CheckLanguage(lang));
  return store_.Write([&](WriteTx& tx) -> Status {
    RETURN_IF_ERROR(PublicArticleIn(tx, ws, id, lang).status());
    return tx.kb().AddKbVote(ws, id, lang, helpful);
  });
}

Result<domain::Attachment> KbService::PublicAttachment(Id ws, Id attachment_id) {
  domain::Attachment out;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto ids, tx.kb().ListKbArticleIdsOfAttachment(ws, attachment_id));
    for (Id id : ids) {
      ASSIGN_OR_RETURN(KbArticle a, tx.kb().GetKbArticle(ws, id));
      for (const auto& l : domain::KbLanguages()) {
        if (a.PublicIn(l)) {
          ASSIGN_OR_RETURN(out, tx.GetAttachment(ws, attachment_id));
          return Status::Ok();
        }
      }
    }
    return NotFound("attachment " + std::to_string(attachment_id) + " is not public");
  }));
  return out;
}

}  // namespace sahayak::services
