// Search (GET /api/v1/search) and the search box's suggestions (GET /api/v1/search/suggest).
#include <cstdlib>

#include "api/common.h"
#include "api/handlers.h"
#include "domain/kb.h"

namespace sahayak::api::handlers {

using nlohmann::json;

namespace {

constexpr size_t kMaxQueryParamBytes = 4096;

Response NoSearch() {
  return Problem(503, "unavailable", "search is not available on this server");
}

// A failed search as problem+json; a 503 (the index is being built or busy) says when to
// retry: a build takes seconds, a busy index a moment.
Response SearchProblem(const Status& st) {
  Response r = ProblemResponse(st);
  if (r.status == 503) r.AddHeader("Retry-After", st.kind() == "index-building" ? "5" : "1");
  return r;
}

// An integer query parameter in [lo, hi]; `*out` keeps its default when absent.
bool ReadInt(const Request& req, const char* name, int lo, int hi, int* out, Status* bad) {
  auto v = req.Query(name);
  if (!v) return true;
  char* end = nullptr;
  long n = std::strtol(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0' || n < lo || n > hi) {
    bad->WithField(name, "must be a whole number from " + std::to_string(lo) + " to " +
                             std::to_string(hi));
    return false;
  }
  *out = static_cast<int>(n);
  return true;
}

}  // namespace

Response Search(ApiContext& ctx, Call& call) {
  if (!ctx.search) return NoSearch();
  const Request& req = call.req;
  services::SearchRequest r;
  Status bad = InvalidArgument("invalid search parameters");
  bool ok = true;
  r.q = req.Query("q").value_or("");
  if (r.q.size() > kMaxQueryParamBytes) {
    bad.WithField("q", "must be at most 4096 bytes");
    ok = false;
  }
  if (auto types = req.Query("type"); types && !types->empty()) {
    size_t b = 0;
    while (b <= types->size()) {
      size_t e = types->find(',', b);
      if (e == std::string::npos) e = types->size();
      std::string one = types->substr(b, e - b);
      if (!one.empty()) {
        if (auto t = services::ParseSearchType(one)) {
          r.types.push_back(*t);
        } else {
          bad.WithField("type", "must be a comma-separated list of ticket, contact, "
                                "organization, article");
          ok = false;
          break;
        }
      }
      b = e + 1;
    }
  }
  if (auto s = req.Query("sort")) {
    if (auto sort = services::ParseSearchSort(*s)) {
      r.sort = *sort;
    } else {
      bad.WithField("sort", "must be relevance, -created_at, created_at or -updated_at");
      ok = false;
    }
  }
  ok = ReadInt(req, "limit", 1, 100, &r.limit, &bad) && ok;
  r.cursor = req.Query("cursor").value_or("");
  if (auto lang = req.Query("language"); lang && !lang->empty()) {  // articles only
    if (domain::IsKbLanguage(*lang)) {
      r.language = *lang;
    } else {
      bad.WithField("language", "must be en, hi or kn");
      ok = false;
    }
  }
  if (auto f = req.Query("facets")) {
    if (*f == "1" || *f == "true") {
      r.facets = true;
    } else if (!(f->empty() || *f == "0" || *f == "false")) {
      bad.WithField("facets", "must be 1 or 0");
      ok = false;
    }
  }
  if (!ok) return ProblemResponse(bad);

  auto res = ctx.search->Search(call.who, r);
  if (!res.ok()) return SearchProblem(res.status());
  json data = json::array();
  for (const auto& h : res->hits) {
    data.push_back({{"type", services::Name(h.type)},
                    {"id", h.id},
                    {"title", h.title},
                    {"snippet", h.snippet},
                    {"score", h.score},
                    {"fields", h.fields}});
  }
  json problems = json::array();
  for (const auto& p : res->problems) {
    problems.push_back({{"code", p.code},
                        {"message", p.message},
                        {"begin", p.begin},
                        {"end", p.end},
                        {"ignored", p.ignored}});
  }
  json body = {{"data", std::move(data)},
               {"next_cursor", res->next_cursor.empty() ? json(nullptr) : json(res->next_cursor)},
               {"total", res->total},
               {"total_exact", res->total_exact},
               {"problems", std::move(problems)},
               {"query", res->canonical_query}};
  if (r.facets) {
    json facets = json::object();
    for (const char* name : {"status", "group", "channel", "priority"}) {
      json counts = json::object();
      if (auto it = res->facets.find(name); it != res->facets.end()) {
        for (const auto& [value, n] : it->second) counts[value] = n;
      }
      facets[name] = std::move(counts);
    }
    body["facets"] = std::move(facets);
  }
  return JsonResponse(200, body);
}

Response SearchSuggest(ApiContext& ctx, Call& call) {
  if (!ctx.search) return NoSearch();
  Status bad = InvalidArgument("invalid suggestion parameters");
  int limit = 8;
  if (!ReadInt(call.req, "limit", 1, 20, &limit, &bad)) return ProblemResponse(bad);
  std::string q = call.req.Query("q").value_or("");
  if (q.size() > kMaxQueryParamBytes) {
    return ProblemResponse(bad.WithField("q", "must be at most 4096 bytes"));
  }
  auto res = ctx.search->Suggest(call.who, q, limit);
  if (!res.ok()) return SearchProblem(res.status());
  json data = json::array();
  for (const auto& s : *res) {
    data.push_back({{"type", services::Name(s.type)},
                    {"id", s.id},
                    {"title", s.title},
                    {"detail", s.detail}});
  }
  return JsonResponse(200, {{"data", std::move(data)}});
}

}  // namespace sahayak::api::handlers
