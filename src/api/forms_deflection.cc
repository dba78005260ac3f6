// Article deflection: /help/suggest (suggestions while a customer types the subject of a new
// request) and /api/v1/kb/deflection (the figures for analytics).
#include <algorithm>
#include <ctime>

#include "api/common.h"
#include "api/forms.h"
#include "api/handlers.h"
#include "api/help.h"
#include "api/problem.h"
#include "base/text.h"
#include "domain/kb.h"

namespace sahayak::api::handlers {

using nlohmann::json;

namespace {

// The search engine's snippet is HTML (escaped text, matches in <mark>); the JSON carries
// plain text, which deflect.js sets as textContent.
std::string PlainSnippet(std::string_view html) {
  std::string out;
  for (size_t i = 0; i < html.size(); ++i) {
    char c = html[i];
    if (c == '<') {
      size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      i = end;
      continue;
    }
    if (c == '&') {
      static const std::pair<const char*, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''},
          {"&#x27;", '\''}, {"&apos;", '\''}};
      bool done = false;
      for (const auto& [name, ch] : kEntities) {
        std::string_view n(name);
        if (html.substr(i, n.size()) == n) {
          out += ch;
          i += n.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += c;
  }
  return out;
}

// "2026-12-03" -> midnight UTC of that day; false when it is not such a date.
bool ParseDay(const std::string& s, Millis* out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  struct tm tm {};
  tm.tm_year = std::stoi(s.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(s.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(s.substr(8, 2));
  if (tm.tm_year < 70 || tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1) return false;
  struct tm check = tm;
  time_t t = timegm(&check);
  if (t < 0 || check.tm_mday != tm.tm_mday || check.tm_mon != tm.tm_mon) return false;
  *out = static_cast<Millis>(t) * 1000;
  return true;
}

std::string Day(Millis at) {
  time_t seconds = static_cast<time_t>(at / 1000);
  struct tm tm {};
  gmtime_r(&seconds, &tm);
  char buf[16];
  strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

Response HelpSuggest(ApiContext& ctx, Call& call) {
  if (ctx.help_suggest_limiter != nullptr) {
    auto d = ctx.help_suggest_limiter->Take("help-suggest:" + call.req.remote_ip);
    if (!d.allowed) {
      Response r = Problem(429, "rate-limited", "too many suggestions; try again in a minute");
      r.AddHeader("Retry-After", std::to_string(std::max<int64_t>(1, d.reset_seconds)));
      return r;
    }
  }
  Status errors = InvalidArgument("the suggestion request is not valid");
  bool failed = false;
  std::string lang = call.req.Query("lang").value_or("en");
  if (!domain::IsKbLanguage(lang)) {
    failed = true;
    errors.WithField("lang", "must be en, hi or kn");
  }
  std::string source = call.req.Query("source").value_or("portal");
  if (source != "portal" && source != "web_form") {
    failed = true;
    errors.WithField("source", "must be portal or web_form");
  }
  std::string q = ToNfc(Trim(RepairUtf8(call.req.Query("q").value_or(""))));
  if (CodePointCount(q) > forms::kMaxSuggestQueryChars) {
    failed = true;
    errors.WithField("q", "is longer than 200 characters");
  }
  if (failed) return ProblemResponse(errors);
  std::string token = call.req.Query("d").value_or("");
  if (!services::LooksLikeDeflectionToken(token)) token.clear();
  if (ctx.search == nullptr || ctx.deflection_tracker == nullptr) {
    return Problem(503, "unavailable", "suggestions are not available on this server");
  }
  auto ws = help::HelpWorkspace(ctx, call.req);
  if (!ws.ok()) return ProblemResponse(ws.status());

  std::vector<services::SearchHit> hits;
  if (CodePointCount(q) >= 2) {
    services::Principal anonymous;
    anonymous.workspace_id = ws->id;
    anonymous.via = services::Principal::Via::kCli;
    anonymous.name = "help centre";
    services::SearchRequest r;
    r.q = q;
    r.types = {services::SearchType::kArticle};
    r.public_only = true;
    r.language = lang;
    r.limit = forms::kSuggestions;
    auto found = ctx.search->Search(anonymous, r);
    // A query the search language cannot read is no reason to fail a typing customer.
    if (found.ok()) hits = std::move(found->hits);
  }
  std::vector<domain::Id> ids;
  for (const auto& h : hits) ids.push_back(h.id);
  auto recorded = ctx.deflection_tracker->RecordShown(ws->id, token, source, lang, q, ids);
  if (recorded.ok()) token = *recorded;
  json articles = json::array();
  for (const auto& h : hits) {
    std::string url = "/help/" + lang + "/articles/" + std::to_string(h.id);
    if (!token.empty()) url += "?d=" + token;
    articles.push_back(
        {{"id", h.id}, {"title", h.title}, {"url", url}, {"snippet", PlainSnippet(h.snippet)}});
  }
  Response r = JsonResponse(200, {{"deflection", token}, {"articles", articles}});
  return r;
}

Response KbDeflection(ApiContext& ctx, Call& call) {
  if (ctx.deflection_tracker == nullptr) {
    return Problem(503, "unavailable", "deflection figures are not available on this server");
  }
  const Millis today = ctx.clock.Now() / 86400000 * 86400000;
  Millis from = today - 29LL * 86400000, to = today;
  Status errors = InvalidArgument("the date range is not valid");
  bool failed = false;
  if (auto f = call.req.Query("from"); f && !ParseDay(*f, &from)) {
    failed = true;
    errors.WithField("from", "must be a date like 2026-12-01");
  }
  if (auto t = call.req.Query("to"); t && !ParseDay(*t, &to)) {
    failed = true;
    errors.WithField("to", "must be a date like 2026-12-31");
  }
  if (!failed && to < from) {
    failed = true;
    errors.WithField("to", "is before from");
  }
  if (!failed && to - from > 366LL * 86400000) {
    failed = true;
    errors.WithField("from", "the range is longer than 366 days");
  }
  if (failed) return ProblemResponse(errors);
  auto figures = ctx.deflection_tracker->Figures(call.who.workspace_id, from, to + 86400000);
  if (!figures.ok()) return ProblemResponse(figures.status());
  json articles = json::array();
  for (const auto& a : figures->articles) {
    articles.push_back(
        {{"id", a.id}, {"title", a.title}, {"clicks", a.clicks}, {"deflected", a.deflected}});
  }
  return JsonResponse(200, {{"from", Day(from)},
                            {"to", Day(to)},
                            {"attempts", figures->attempts},
                            {"pending", figures->pending},
                            {"clicked", figures->clicked},
                            {"submitted", figures->submitted},
                            {"deflected", figures->deflected},
                            {"deflection_rate", figures->deflection_rate},
                            {"articles", articles}});
}

}  // namespace sahayak::api::handlers
