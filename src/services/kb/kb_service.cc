// Categories and sections. Articles: kb_articles.cc; the help centre's reads: kb_public.cc.
#include "services/kb/kb_service.h"

#include "base/markdown.h"
#include "services/audit.h"
#include "services/errors.h"
#include "services/kb/kb_input.h"

namespace sahayak::services {

using domain::JsonInput;
using domain::KbCategory;
using domain::KbSection;
using nlohmann::json;
using namespace kb_internal;  // NOLINT: the feature's own helpers

namespace {

json CategoryAudit(const KbCategory& c) {
  return {{"titles", LocalizedJson(c.titles)},
          {"descriptions", LocalizedJson(c.descriptions)},
          {"position", c.position}};
}

json SectionAudit(const KbSection& s) {
  return {{"category_id", s.category_id},
          {"titles", LocalizedJson(s.titles)},
          {"descriptions", LocalizedJson(s.descriptions)},
          {"position", s.position}};
}

Status ApplyCategory(const json& body, bool creating, KbCategory* c) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  JsonInput in(body);
  ReadLocalized(in, "titles", creating, true, domain::kMaxKbTitleChars, &c->titles);
  if (!creating && in.Has("titles") && in.IsNull("titles")) in.Error("titles", "cannot be empty");
  ReadLocalized(in, "descriptions", false, false, kMaxKbDescriptionChars, &c->descriptions);
  ReadPosition(in, &c->position);
  return in.status();
}

// `category_id` is checked against the workspace by the caller.
Status ApplySection(const json& body, bool creating, KbSection* s) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  JsonInput in(body);
  int64_t category_id;
  if (in.Int("category_id", &category_id, creating)) s->category_id = category_id;
  ReadLocalized(in, "titles", creating, true, domain::kMaxKbTitleChars, &s->titles);
  if (!creating && in.Has("titles") && in.IsNull("titles")) in.Error("titles", "cannot be empty");
  ReadLocalized(in, "descriptions", false, false, kMaxKbDescriptionChars, &s->descriptions);
  ReadPosition(in, &s->position);
  return in.status();
}

Status CheckCategory(ReadTx& tx, Id ws, Id category_id) {
  auto c = tx.kb().GetKbCategory(ws, category_id);
  if (c.ok()) return Status::Ok();
  if (c.status().code() != Code::kNotFound) return c.status();
  return InvalidArgument("category " + std::to_string(category_id) + " does not exist")
      .WithField("category_id", "no such category");
}

Result<KbCategoryTree> TreeOf(ReadTx& tx, const KbCategory& c) {
  KbCategoryTree tree{c, {}};
  ASSIGN_OR_RETURN(auto sections, tx.kb().ListKbSections(c.workspace_id));
  ASSIGN_OR_RETURN(auto counts, tx.kb().CountKbArticlesBySection(c.workspace_id));
  for (auto& s : sections) {
    if (s.category_id != c.id) continue;
    auto it = counts.find(s.id);
    tree.sections.push_back({std::move(s), it == counts.end() ? 0 : it->second});
  }
  return tree;
}

}  // namespace

std::string KbService::Render(std::string_view markdown) { return RenderMarkdown(markdown); }

KbService::~KbService() { (void)FlushViews(); }

Result<std::vector<KbCategoryTree>> KbService::ListCategories(const Principal& who) {
  std::vector<KbCategoryTree> out;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto cats, tx.kb().ListKbCategories(who.workspace_id));
    ASSIGN_OR_RETURN(auto sections, tx.kb().ListKbSections(who.workspace_id));
    ASSIGN_OR_RETURN(auto counts, tx.kb().CountKbArticlesBySection(who.workspace_id));
    for (auto& c : cats) {
      KbCategoryTree tree{std::move(c), {}};
      for (const auto& s : sections) {
        if (s.category_id != tree.category.id) continue;
        auto it = counts.find(s.id);
        tree.sections.push_back({s, it == counts.end() ? 0 : it->second});
      }
      out.push_back(std::move(tree));
    }
    return Status::Ok();
  }));
  return out;
}

Result<KbCategoryTree> KbService::CreateCategory(WriteTx& tx, const Principal& who,
                                                 const json& body) {
  if (!who.is_admin()) return Forbidden("create categories");
  KbCategory c;
  c.workspace_id = who.workspace_id;
  RETURN_IF_ERROR(ApplyCategory(body, true, &c));
  c.created_at = c.updated_at = clock_.Now();
  c.version = 1;
  RETURN_IF_ERROR(tx.kb().InsertKbCategory(&c));
  RETURN_IF_ERROR(RecordChange(tx, c.workspace_id, who.actor(), "kb.category.created",
                               "kb_category", c.id, AuditDiff(json(nullptr), CategoryAudit(c)),
                               c.created_at, "kb.category.changed", {{"category_id", c.id}}));
  return KbCategoryTree{c, {}};
}

Result<KbCategoryTree> KbService::UpdateCategory(WriteTx& tx, const Principal& who, Id id,
                                                 const json& body,
                                                 std::optional<int64_t> if_match) {
  if (!who.is_admin()) return Forbidden("change categories");
  RETURN_IF_ERROR(domain::RequireObject(body));
  ASSIGN_OR_RETURN(KbCategory before, tx.kb().GetKbCategory(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Stale("category", id, *if_match, before.version);
  }
  KbCategory c = before;
  RETURN_IF_ERROR(ApplyCategory(body, false, &c));
  json changes = AuditDiff(CategoryAudit(before), CategoryAudit(c));
  if (!changes.empty()) {
    c.updated_at = clock_.Now();
    c.version = before.version + 1;
    RETURN_IF_ERROR(tx.kb().UpdateKbCategory(c));
    RETURN_IF_ERROR(RecordChange(tx, c.workspace_id, who.actor(), "kb.category.updated",
                                 "kb_category", c.id, changes, c.updated_at,
                                 "kb.category.changed", {{"category_id", c.id}}));
  }
  return TreeOf(tx, c);
}

Status KbService::DeleteCategory(WriteTx& tx, const Principal& who, Id id) {
  if (!who.is_admin()) return Forbidden("delete categories");
  ASSIGN_OR_RETURN(KbCategory c, tx.kb().GetKbCategory(who.workspace_id, id));
  RETURN_IF_ERROR(tx.kb().DeleteKbCategory(who.workspace_id, id));
  return RecordChange(tx, c.workspace_id, who.actor(), "kb.category.deleted", "kb_category", id,
                      AuditDiff(CategoryAudit(c), {{"titles", nullptr}}), clock_.Now(),
                      "kb.category.changed", {{"category_id", id}});
}

Result<KbSectionCount> KbService::CreateSection(WriteTx& tx, const Principal& who,
                                                const json& body) {
  if (!who.is_admin()) return Forbidden("create sections");
  KbSection s;
  s.workspace_id = who.workspace_id;
  RETURN_IF_ERROR(ApplySection(body, true, &s));
  RETURN_IF_ERROR(CheckCategory(tx, s.workspace_id, s.category_id));
  s.created_at = s.updated_at = clock_.Now();
  s.version = 1;
  RETURN_IF_ERROR(tx.kb().InsertKbSection(&s));
  RETURN_IF_ERROR(RecordChange(tx, s.workspace_id, who.actor(), "kb.section.created",
                               "kb_section", s.id, AuditDiff(json(nullptr), SectionAudit(s)),
                               s.created_at, "kb.section.changed", {{"section_id", s.id}}));
  return KbSectionCount{s, 0};
}

Result<KbSectionCount> KbService::UpdateSection(WriteTx& tx, const Principal& who, Id id,
                                                const json& body,
                                                std::optional<int64_t> if_match) {
  if (!who.is_admin()) return Forbidden("change sections");
  RETURN_IF_ERROR(domain::RequireObject(body));
  ASSIGN_OR_RETURN(KbSection before, tx.kb().GetKbSection(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Stale("section", id, *if_match, before.version);
  }
  KbSection s = before;
  RETURN_IF_ERROR(ApplySection(body, false, &s));
  if (s.category_id != before.category_id) {
    RETURN_IF_ERROR(CheckCategory(tx, s.workspace_id, s.category_id));
  }
  json changes = AuditDiff(SectionAudit(before), SectionAudit(s));
  if (!changes.empty()) {
    s.updated_at = clock_.Now();
    s.version = before.version + 1;
    RETURN_IF_ERROR(tx.kb().UpdateKbSection(s));
    RETURN_IF_ERROR(RecordChange(tx, s.workspace_id, who.actor(), "kb.section.updated",
                                 "kb_section", s.id, changes, s.updated_at,
                                 "kb.section.changed", {{"section_id", s.id}}));
  }
  ASSIGN_OR_RETURN(auto counts, tx.kb().CountKbArticlesBySection(s.workspace_id));
  auto it = counts.find(s.id);
  return KbSectionCount{s, it == counts.end() ? 0 : it->second};
}

Status KbService::DeleteSection(WriteTx& tx, const Principal& who, Id id) {
  if (!who.is_admin()) return Forbidden("delete sections");
  ASSIGN_OR_RETURN(KbSection s, tx.kb().GetKbSection(who.workspace_id, id));
  RETURN_IF_ERROR(tx.kb().DeleteKbSection(who.workspace_id, id));
  return RecordChange(tx, s.workspace_id, who.actor(), "kb.section.deleted", "kb_section", id,
                      AuditDiff(SectionAudit(s), {{"titles", nullptr}}), clock_.Now(),
                      "kb.section.changed", {{"section_id", id}});
}

}  // namespace sahayak::services
