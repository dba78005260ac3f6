#include "api/views_kb.h"

#include "base/clock.h"

namespace sahayak::api {

using nlohmann::json;

namespace {

json Text(const domain::LocalizedText& t) {
  json j = json::object();
  for (const auto& [k, v] : t) j[k] = v;
  return j;
}

json TranslationSummary(const domain::KbTranslation& t) {
  return {{"language", t.language},       {"title", t.title},
          {"status", domain::Name(t.status)}, {"version_no", t.version_no},
          {"updated_at", FormatRfc3339(t.updated_at)}, {"views", t.views},
          {"helpful_yes", t.helpful_yes}, {"helpful_no", t.helpful_no}};
}

// Where the help centre shows the article: its first published public language, else its first.
std::string HelpUrl(const domain::KbArticle& a) {
  std::string lang = a.translations.empty() ? "en" : a.translations.front().language;
  for (const auto& l : domain::KbLanguages()) {
    if (a.PublicIn(l)) {
      lang = l;
      break;
    }
  }
  return "/help/" + lang + "/articles/" + std::to_string(a.id);
}

}  // namespace

json KbSectionJson(const services::KbSectionCount& c) {
  const auto& s = c.section;
  return {{"id", s.id},
          {"category_id", s.category_id},
          {"titles", Text(s.titles)},
          {"descriptions", Text(s.descriptions)},
          {"position", s.position},
          {"article_count", c.article_count},
          {"created_at", FormatRfc3339(s.created_at)},
          {"updated_at", FormatRfc3339(s.updated_at)},
          {"version", s.version}};
}

json KbCategoryJson(const services::KbCategoryTree& t) {
  const auto& c = t.category;
  json sections = json::array();
  for (const auto& s : t.sections) sections.push_back(KbSectionJson(s));
  return {{"id", c.id},
          {"titles", Text(c.titles)},
          {"descriptions", Text(c.descriptions)},
          {"position", c.position},
          {"created_at", FormatRfc3339(c.created_at)},
          {"updated_at", FormatRfc3339(c.updated_at)},
          {"version", c.version},
          {"sections", std::move(sections)}};
}

json KbArticleSummaryJson(const domain::KbArticle& a) {
  json translations = json::array();
  for (const auto& t : a.translations) translations.push_back(TranslationSummary(t));
  return {{"id", a.id},
          {"section_id", a.section_id},
          {"visibility", domain::Name(a.visibility)},
          {"tags", a.tags},
          {"updated_at", FormatRfc3339(a.updated_at)},
          {"version", a.version},
          {"translations", std::move(translations)}};
}

json KbArticleJson(const domain::KbArticle& a) {
  json j = KbArticleSummaryJson(a);
  json translations = json::array();
  for (const auto& t : a.translations) {
    json tj = TranslationSummary(t);
    tj["body"] = t.body;
    tj["html"] = services::KbService::Render(t.body);
    tj["author_id"] = t.author_id;
    tj["created_at"] = FormatRfc3339(t.created_at);
    tj["published_at"] = t.published_at ? json(FormatRfc3339(*t.published_at)) : json(nullptr);
    translations.push_back(std::move(tj));
  }
  j["translations"] = std::move(translations);
  j["attachment_ids"] = a.attachment_ids;
  j["created_by"] = a.created_by;
  j["created_at"] = FormatRfc3339(a.created_at);
  j["position"] = a.position;
  j["help_url"] = HelpUrl(a);
  return j;
}

json KbVersionJson(const domain::KbVersion& v, bool with_body) {
  json j = {{"version_no", v.version_no}, {"language", v.language},
            {"title", v.title},           {"status", domain::Name(v.status)},
            {"author_id", v.author_id},   {"note", v.note},
            {"created_at", FormatRfc3339(v.created_at)}};
  if (with_body) j["body"] = v.body;
  return j;
}

json KbDiffJson(const services::KbDiff& d) {
  json lines = json::array();
  for (const auto& l : d.lines) {
    const char* op = l.op == domain::DiffLine::Op::kEqual    ? "equal"
                     : l.op == domain::DiffLine::Op::kInsert ? "insert"
                                                             : "delete";
    lines.push_back({{"op", op}, {"text", l.text}});
  }
  return {{"from", d.from},
          {"to", d.to},
          {"title", {{"from", d.title_from}, {"to", d.title_to}}},
          {"lines", std::move(lines)}};
}

}  // namespace sahayak::api
