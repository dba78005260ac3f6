// The help centre's reading pages: home (/help/{lang}), a section, an article, search.
#include <ctime>

#include "api/handlers.h"
#include "api/help.h"
#include "api/html.h"
#include "base/text.h"
#include "domain/kb.h"
#include "services/kb/kb_service.h"

namespace sahayak::api::handlers {

namespace {

using help::Visit;

constexpr int kSearchResults = 20;

std::string Link(std::string_view href, std::string_view text) {
  return "<a href=\"" + html::Attr(href) + "\">" + html::Escape(text) + "</a>";
}

std::string Breadcrumbs(const Visit& v, const std::vector<std::pair<std::string, std::string>>&
                                            trail) {
  std::string out = "<nav class=\"crumbs\" aria-label=\"" + html::Attr(v.T("nav.breadcrumbs")) +
                    "\"><ol><li>" + Link(v.Url(), v.T("nav.home")) + "</li>";
  for (const auto& [href, text] : trail) {
    out += "<li>";
    out += href.empty() ? html::Escape(text) : Link(href, text);
    out += "</li>";
  }
  out += "</ol></nav>\n";
  return out;
}

std::string Localized(const Visit& v, const domain::LocalizedText& text) {
  return domain::Localized(text, v.lang, v.workspace.default_language);
}

// The categories and their sections, as cards.
std::string Topics(const Visit& v, const std::vector<services::KbCategoryTree>& tree) {
  if (tree.empty()) return "<p>" + html::Escape(v.T("home.empty")) + "</p>\n";
  std::string out = "<h2 class=\"sr\">" + html::Escape(v.T("home.topics")) +
                    "</h2>\n<ul class=\"cards\">\n";
  for (const auto& c : tree) {
    std::string id = std::to_string(c.category.id);
    out += "<li class=\"card\" id=\"c" + id + "\"><h2>" +
           html::Escape(Localized(v, c.category.titles)) + "</h2>";
    std::string description = Localized(v, c.category.descriptions);
    if (!description.empty()) out += "<p>" + html::Escape(description) + "</p>";
    out += "<ul>";
    for (const auto& s : c.sections) {
      out += "<li>" + Link(v.Url("/sections/" + std::to_string(s.section.id)),
                           Localized(v, s.section.titles));
      out += " <span class=\"count\">" +
             html::Escape(v.F("section.count", {{"count", std::to_string(s.article_count)}})) +
             "</span></li>";
    }
    out += "</ul></li>\n";
  }
  out += "</ul>\n";
  return out;
}

Response UnavailablePage(const Visit& v) { return help::ErrorPage(v, 503); }

// The page offered when an article exists but is not public in the language asked for.
Response OtherLanguages(const Visit& v, domain::Id id, const std::vector<std::string>& langs) {
  std::string main = "<h1>" + html::Escape(v.T("other_language.title")) + "</h1>\n<p>" +
                     html::Escape(v.T("other_language.body")) + "</p>\n<ul class=\"list\">";
  for (const std::string& l : langs) {
    main += "<li><a href=\"/help/" + l + "/articles/" + std::to_string(id) + "\" hreflang=\"" +
            l + "\" lang=\"" + l + "\">" + html::Escape(help::LanguageName(l)) + "</a></li>";
  }
  main += "</ul>\n";
  return help::RenderPage(v, 404, v.T("other_language.title"), std::move(main),
                          "/articles/" + std::to_string(id));
}

std::string IsoDate(Millis at) {
  time_t seconds = static_cast<time_t>(at / 1000);
  struct tm tm {};
  gmtime_r(&seconds, &tm);
  char buf[16];
  strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

Response HelpHome(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = help::StartVisit(ctx, call.req, call.lang, &ok);
  if (!ok || ctx.kb == nullptr) return UnavailablePage(v);
  auto tree = ctx.kb->PublicTree(v.workspace.id, v.lang);
  if (!tree.ok()) return UnavailablePage(v);
  std::string main = "<h1>" + html::Escape(v.T("home.heading")) + "</h1>\n" + Topics(v, *tree);
  return help::RenderPage(v, 200, v.T("nav.home"), std::move(main), "");
}

Response HelpSection(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = help::StartVisit(ctx, call.req, call.lang, &ok);
  if (!ok || ctx.kb == nullptr) return UnavailablePage(v);
  const domain::Id section_id = call.id();
  auto articles = ctx.kb->PublicArticlesInSection(v.workspace.id, section_id, v.lang);
  if (!articles.ok()) {
    return articles.status().code() == Code::kNotFound ? help::ErrorPage(v, 404)
                                                       : UnavailablePage(v);
  }
  auto tree = ctx.kb->PublicTree(v.workspace.id, v.lang);
  if (!tree.ok()) return UnavailablePage(v);
  std::string title = v.T("nav.home");
  std::string description;
  std::vector<std::pair<std::string, std::string>> trail;
  for (const auto& c : *tree) {
    for (const auto& s : c.sections) {
      if (s.section.id != section_id) continue;
      title = Localized(v, s.section.titles);
      description = Localized(v, s.section.descriptions);
      trail.emplace_back(v.Url("#c" + std::to_string(c.category.id)),
                         Localized(v, c.category.titles));
      trail.emplace_back("", title);
    }
  }
  std::string main = Breadcrumbs(v, trail) + "<h1>" + html::Escape(title) + "</h1>\n";
  if (!description.empty()) main += "<p>" + html::Escape(description) + "</p>\n";
  if (articles->empty()) {
    main += "<p>" + html::Escape(v.T("section.empty")) + "</p>\n";
  } else {
    main += "<ul class=\"list\">";
    for (const domain::KbArticle& a : *articles) {
      const domain::KbTranslation* t = a.Find(v.lang);
      if (t == nullptr) continue;
      main += "<li>" + Link(v.Url("/articles/" + std::to_string(a.id)), t->title) + "</li>";
    }
    main += "</ul>\n";
  }
  return help::RenderPage(v, 200, title, std::move(main),
                          "/sections/" + std::to_string(section_id));
}

Response HelpArticle(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = help::StartVisit(ctx, call.req, call.lang, &ok);
  if (!ok || ctx.kb == nullptr) return UnavailablePage(v);
  const domain::Id id = call.id();
  const domain::Id ws = v.workspace.id;
  auto got = ctx.kb->GetPublicArticle(ws, id, v.lang);
  if (!got.ok()) {
    if (got.status().code() != Code::kNotFound) return UnavailablePage(v);
    std::vector<std::string> elsewhere;
    for (const std::string& l : domain::KbLanguages()) {
      if (l != v.lang && ctx.kb->GetPublicArticle(ws, id, l).ok()) elsewhere.push_back(l);
    }
    if (elsewhere.empty()) return help::ErrorPage(v, 404);
    return OtherLanguages(v, id, elsewhere);
  }
  const services::PublicArticle& a = *got;
  (void)ctx.kb->RecordView(ws, id, v.lang);  // a lost view count must not cost the page
  // Opened from a suggestion on a new-request page (/help/suggest): a deflection click.
  if (auto d = call.req.Query("d"); d && ctx.deflection_tracker != nullptr) {
    ctx.deflection_tracker->RecordClick(ws, *d, id);
  }

  std::string main = Breadcrumbs(
      v, {{v.Url("#c" + std::to_string(a.category.id)), a.category_title},
          {v.Url("/sections/" + std::to_string(a.section.id)), a.section_title}});
  main += "<article class=\"article\">\n<h1>" + html::Escape(a.translation.title) + "</h1>\n";
  main += "<p class=\"meta\"><time datetime=\"" + IsoDate(a.translation.updated_at) + "\">" +
          html::Escape(v.F("article.updated",
                           {{"date", help::FormatDate(a.translation.updated_at, v.lang,
                                                      v.workspace.time_zone)}})) +
          "</time></p>\n";
  main += a.html;  // rendered from Markdown and sanitised by KbService
  main += "\n</article>\n";

  std::vector<std::string> files;
  for (domain::Id file_id : a.article.attachment_ids) {
    auto f = ctx.kb->PublicAttachment(ws, file_id);
    if (!f.ok()) continue;
    files.push_back("<li>" + Link("/help/files/" + std::to_string(file_id), f->filename) +
                    "</li>");
  }
  if (!files.empty()) {
    main += "<h2>" + html::Escape(v.T("article.attachments")) + "</h2>\n<ul class=\"list\">";
    for (const std::string& f : files) main += f;
    main += "</ul>\n";
  }
  if (!a.other_languages.empty()) {
    main += "<p>" + html::Escape(v.T("article.other_languages"));
    for (const std::string& l : a.other_languages) {
      main += " <a href=\"/help/" + l + "/articles/" + std::to_string(id) + "\" hreflang=\"" +
              l + "\" lang=\"" + l + "\">" + html::Escape(help::LanguageName(l)) + "</a>";
    }
    main += "</p>\n";
  }

  main += "<section class=\"feedback\" id=\"feedback\" aria-labelledby=\"fb\">";
  if (call.req.Query("feedback") == std::optional<std::string>("thanks")) {
    main += "<h2 id=\"fb\" class=\"sr\">" + html::Escape(v.T("feedback.question")) +
            "</h2><p class=\"notice\" role=\"status\">" + html::Escape(v.T("feedback.thanks")) +
            "</p>";
  } else {
    main += "<form method=\"post\" action=\"" +
            html::Attr(v.Url("/articles/" + std::to_string(id) + "/feedback")) +
            "\"><fieldset><legend id=\"fb\">" + html::Escape(v.T("feedback.question")) +
            "</legend><button type=\"submit\" name=\"helpful\" value=\"yes\">" +
            html::Escape(v.T("feedback.yes")) +
            "</button><button type=\"submit\" name=\"helpful\" value=\"no\">" +
            html::Escape(v.T("feedback.no")) + "</button></fieldset></form>";
  }
  main += "</section>\n";
  return help::RenderPage(v, 200, a.translation.title, std::move(main),
                          "/articles/" + std::to_string(id));
}

Response HelpSearch(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = help::StartVisit(ctx, call.req, call.lang, &ok);
  if (!ok) return UnavailablePage(v);
  std::string q = ToNfc(Trim(RepairUtf8(call.req.Query("q").value_or(""))));
  if (q.empty()) {
    Response r;
    r.status = 302;
    r.content_type = "text/plain; charset=utf-8";
    r.AddHeader("Location", v.Url());
    return r;
  }
  if (CodePointCount(q) > help::kMaxQueryChars) {
    std::string main = "<h1>" + html::Escape(v.T("search.button")) + "</h1>\n<p class=\"warn\">" +
                       html::Escape(v.F("search.too_long",
                                        {{"max", std::to_string(help::kMaxQueryChars)}})) +
                       "</p>\n";
    return help::RenderPage(v, 400, v.T("search.button"), std::move(main), "/search");
  }
  std::string heading = v.F("search.heading", {{"query", q}});
  std::string main = "<h1>" + html::Escape(heading) + "</h1>\n";
  Result<services::SearchResult> found = Unavailable("no search");
  if (ctx.search != nullptr) {
    services::Principal anonymous;
    anonymous.workspace_id = v.workspace.id;
    anonymous.via = services::Principal::Via::kCli;
    anonymous.name = "help centre";
    services::SearchRequest r;
    r.q = q;
    r.types = {services::SearchType::kArticle};
    r.public_only = true;
    r.language = v.lang;
    r.limit = kSearchResults;
    found = ctx.search->Search(anonymous, r);
  }
  if (!found.ok()) {
    main += "<p class=\"warn\">" + html::Escape(v.T("search.unavailable")) + "</p>\n";
  } else if (found->hits.empty()) {
    main += "<p>" + html::Escape(v.F("search.none", {{"query", q}})) + "</p>\n";
  } else {
    main += "<p class=\"count\">" +
            html::Escape(v.F("search.count", {{"count", std::to_string(found->total)}})) +
            "</p>\n<ol class=\"list\">";
    for (const services::SearchHit& h : found->hits) {
      main += "<li>" + Link(v.Url("/articles/" + std::to_string(h.id)), h.title);
      // The snippet is HTML already: escaped text with the matches in <mark>.
      if (!h.snippet.empty()) main += "<p>" + h.snippet + "</p>";
      main += "</li>";
    }
    main += "</ol>\n";
  }
  return help::RenderPage(v, 200, heading, std::move(main),
                          "/search?q=" + html::UrlEncode(q), q);
}

}  // namespace sahayak::api::handlers
