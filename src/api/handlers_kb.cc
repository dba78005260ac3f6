// The knowledge base's REST API (docs/kb.md, "API").
#include <algorithm>
#include <cstdlib>

#include "api/crud.h"
#include "api/handlers.h"
#include "api/views_kb.h"
#include "base/text.h"
#include "domain/json_input.h"
#include "domain/ticket.h"

namespace sahayak::api::handlers {

using nlohmann::json;
using services::KbService;
using services::ReadTx;
using services::WriteTx;

namespace {

Response NoKb() {
  return ProblemResponse(Unavailable("the knowledge base is not available"));
}

// 200 (or `status`) with the body and the entity's ETag.
Response WithEtag(int status, json body, int64_t version) {
  Response r = JsonResponse(status, body);
  SetEtag(&r, version);
  return r;
}

// Runs a change in one write transaction; the response is built inside it.
Response Change(ApiContext& ctx, const std::function<Result<Response>(WriteTx&)>& fn) {
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, fn(tx));
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response Deleted(ApiContext& ctx, const std::function<Status(WriteTx&)>& fn) {
  Status st = ctx.store.Write(fn);
  return st.ok() ? NoContent() : ProblemResponse(st);
}

// The cursor of the article list: "k:<updated_at>:<id>" in base64url.
std::string EncodeKbCursor(const services::KbArticleKey& k) {
  return Base64UrlEncode("k:" + std::to_string(k.updated_at) + ":" + std::to_string(k.id));
}

Result<services::KbArticleKey> DecodeKbCursor(const std::string& c) {
  std::string raw;
  services::KbArticleKey k;
  if (Base64UrlDecode(c, &raw) && raw.rfind("k:", 0) == 0) {
    char* end = nullptr;
    k.updated_at = std::strtoll(raw.c_str() + 2, &end, 10);
    if (*end == ':') {
      char* end2 = nullptr;
      k.id = std::strtoll(end + 1, &end2, 10);
      if (*end2 == '\0' && k.id > 0) return k;
    }
  }
  return InvalidArgument("the cursor is not one this list gave out")
      .WithField("cursor", "is not valid");
}

Result<services::KbArticleQuery> ReadArticleQuery(const Request& req) {
  services::KbArticleQuery q;
  Status bad = InvalidArgument("the list query has invalid parameters");
  bool any = false;
  auto section = QueryId(req, "section_id");
  if (!section.ok()) {
    bad.WithField("section_id", "must be a positive id");
    any = true;
  } else {
    q.filter.section_id = *section;
  }
  if (auto l = req.Query("language")) {
    if (domain::IsKbLanguage(*l)) {
      q.filter.language = *l;
    } else {
      bad.WithField("language", "must be one of en, hi, kn");
      any = true;
    }
  }
  if (auto s = req.Query("status")) {
    q.filter.status = domain::ParseKbStatus(*s);
    if (!q.filter.status) {
      bad.WithField("status", "must be one of draft, published, archived");
      any = true;
    }
  }
  if (auto v = req.Query("visibility")) {
    q.filter.visibility = domain::ParseKbVisibility(*v);
    if (!q.filter.visibility) {
      bad.WithField("visibility", "must be one of public, internal");
      any = true;
    }
  }
  if (auto t = req.Query("tag"); t && !t->empty()) {
    auto tag = domain::NormaliseTag(*t);
    if (tag.ok()) {
      q.filter.tag = *tag;
    } else {
      bad.WithField("tag", "is not a valid tag");
      any = true;
    }
  }
  if (auto l = req.Query("limit")) {
    char* end = nullptr;
    long v = std::strtol(l->c_str(), &end, 10);
    if (l->empty() || *end != '\0' || v < 1 || v > 100) {
      bad.WithField("limit", "must be 1 to 100");
      any = true;
    } else {
      q.limit = static_cast<int>(v);
    }
  }
  if (auto c = req.Query("cursor"); c && !c->empty()) {
    auto k = DecodeKbCursor(*c);
    if (k.ok()) {
      q.after = *k;
    } else {
      bad.WithField("cursor", "is not valid");
      any = true;
    }
  }
  if (any) return bad;
  return q;
}

// A positive whole number from the query string; InvalidArgument naming it otherwise.
Result<int64_t> RequiredNumber(const Request& req, const char* name) {
  auto v = QueryId(req, name);
  if (!v.ok()) return v.status();
  if (!*v) {
    return InvalidArgument(std::string(name) + " is required").WithField(name, "is required");
  }
  return **v;
}

}  // namespace

// --- categories and sections ---------------------------------------------------------------

Response ListKbCategories(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  auto cats = ctx.kb->ListCategories(call.who);
  if (!cats.ok()) return ProblemResponse(cats.status());
  json items = json::array();
  for (const auto& c : *cats) items.push_back(KbCategoryJson(c));
  return JsonResponse(200, {{"items", std::move(items)}});
}

Response CreateKbCategory(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(auto c, ctx.kb->CreateCategory(tx, call.who, call.body));
    Response r = WithEtag(201, KbCategoryJson(c), c.category.version);
    r.AddHeader("Location", "/api/v1/kb/categories/" + std::to_string(c.category.id));
    return r;
  });
}

Response PatchKbCategory(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  auto if_match = IfMatch(call.req);
  return Change(ctx, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(auto c, ctx.kb->UpdateCategory(tx, call.who, call.id(), call.body, if_match));
    return WithEtag(200, KbCategoryJson(c), c.category.version);
  });
}

Response DeleteKbCategory(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  return Deleted(ctx, [&](WriteTx& tx) { return ctx.kb->DeleteCategory(tx, call.who, call.id()); });
}

Response CreateKbSection(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(auto s, ctx.kb->CreateSection(tx, call.who, call.body));
    Response r = WithEtag(201, KbSectionJson(s), s.section.version);
    r.AddHeader("Location", "/api/v1/kb/sections/" + std::to_string(s.section.id));
    return r;
  });
}

Response PatchKbSection(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  auto if_match = IfMatch(call.req);
  return Change(ctx, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(auto s, ctx.kb->UpdateSection(tx, call.who, call.id(), call.body, if_match));
    return WithEtag(200, KbSectionJson(s), s.section.version);
  });
}

Response DeleteKbSection(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  return Deleted(ctx, [&](WriteTx& tx) { return ctx.kb->DeleteSection(tx, call.who, call.id()); });
}

// --- articles ------------------------------------------------------------------------------

Response ListKbArticles(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  auto q = ReadArticleQuery(call.req);
  if (!q.ok()) return ProblemResponse(q.status());
  auto page = ctx.kb->ListArticles(call.who, *q);
  if (!page.ok()) return ProblemResponse(page.status());
  json items = json::array();
  for (const auto& a : page->items) items.push_back(KbArticleSummaryJson(a));
  return JsonResponse(200, {{"items", std::move(items)},
                            {"next_cursor", page->next ? json(EncodeKbCursor(*page->next))
                                                       : json(nullptr)}});
}

Response CreateKbArticle(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(auto a, ctx.kb->CreateArticle(tx, call.who, call.body));
    Response r = WithEtag(201, KbArticleJson(a), a.version);
    r.AddHeader("Location", "/api/v1/kb/articles/" + std::to_string(a.id));
    return r;
  });
}

Response GetKbArticle(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  auto a = ctx.kb->GetArticle(call.who, call.id());
  if (!a.ok()) return ProblemResponse(a.status());
  return WithEtag(200, KbArticleJson(*a), a->version);
}

Response PatchKbArticle(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  auto if_match = IfMatch(call.req);
  return Change(ctx, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(auto a, ctx.kb->UpdateArticle(tx, call.who, call.id(), call.body, if_match));
    return WithEtag(200, KbArticleJson(a), a.version);
  });
}

Response DeleteKbArticle(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  return Deleted(ctx, [&](WriteTx& tx) { return ctx.kb->DeleteArticle(tx, call.who, call.id()); });
}

Response PutKbTranslation(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  auto if_match = IfMatch(call.req);
  return Change(ctx, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(auto a, ctx.kb->PutTranslation(tx, call.who, call.id(), call.lang,
                                                    call.body, if_match));
    return WithEtag(200, KbArticleJson(a), a.version);
  });
}

Response DeleteKbTranslation(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  return Deleted(ctx, [&](WriteTx& tx) {
    return ctx.kb->DeleteTranslation(tx, call.who, call.id(), call.lang);
  });
}

Response ListKbVersions(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  auto versions = ctx.kb->ListVersions(call.who, call.id(), call.lang);
  if (!versions.ok()) return ProblemResponse(versions.status());
  json items = json::array();
  for (const auto& v : *versions) items.push_back(KbVersionJson(v, false));
  return JsonResponse(200, {{"items", std::move(items)}});
}

Response GetKbVersion(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  auto v = ctx.kb->GetVersion(call.who, call.id(0), call.lang, call.id(1));
  if (!v.ok()) return ProblemResponse(v.status());
  return JsonResponse(200, KbVersionJson(*v, true));
}

Response DiffKbTranslation(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  auto from = RequiredNumber(call.req, "from");
  auto to = RequiredNumber(call.req, "to");
  if (!from.ok() || !to.ok()) {
    Status bad = InvalidArgument("from and to must name versions");
    for (const auto* r : {&from, &to}) {
      for (const auto& f : r->status().fields()) bad.WithField(f.field, f.message);
    }
    return ProblemResponse(bad);
  }
  auto d = ctx.kb->Diff(call.who, call.id(), call.lang, *from, *to);
  if (!d.ok()) return ProblemResponse(d.status());
  return JsonResponse(200, KbDiffJson(*d));
}

Response RestoreKbVersion(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  return Change(ctx, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(auto a, ctx.kb->Restore(tx, call.who, call.id(0), call.lang, call.id(1)));
    return WithEtag(200, KbArticleJson(a), a.version);
  });
}

Response PreviewKb(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  if (Status st = domain::RequireObject(call.body); !st.ok()) return ProblemResponse(st);
  domain::JsonInput in(call.body);
  std::string body;
  if (in.Str("body", &body, false, domain::kMaxKbBodyBytes) &&
      body.size() > domain::kMaxKbBodyBytes) {
    in.Error("body", "is larger than 256 KiB");
  }
  if (!in.Has("body") || in.IsNull("body")) in.Error("body", "is required");
  if (!in.ok()) return ProblemResponse(in.status());
  return JsonResponse(200, {{"html", KbService::Render(ToNfc(body))}});
}

// Public: no login. Limited per address before anything else, so it cannot probe articles.
Response KbFeedback(ApiContext& ctx, Call& call) {
  if (!ctx.kb) return NoKb();
  if (ctx.kb_feedback_limiter != nullptr) {
    auto d = ctx.kb_feedback_limiter->Take("kb-feedback:" + call.req.remote_ip);
    if (!d.allowed) {
      Response r = ProblemResponse(ResourceExhausted("too much feedback from this address; try "
                                                     "again in " +
                                                     std::to_string(d.reset_seconds) +
                                                     " seconds"));
      r.AddHeader("Retry-After", std::to_string(std::max<int64_t>(1, d.reset_seconds)));
      return r;
    }
  }
  if (Status st = domain::RequireObject(call.body); !st.ok()) return ProblemResponse(st);
  domain::JsonInput in(call.body);
  std::string lang;
  if (in.Str("language", &lang, true, 16) && !domain::IsKbLanguage(lang)) {
    in.Error("language", "must be one of en, hi, kn");
  }
  bool helpful = false;
  in.Bool("helpful", &helpful, true);
  if (!in.ok()) return ProblemResponse(in.status());
  Status st = ctx.kb->Vote(ctx.auth.options().workspace_id, call.id(), lang, helpful);
  return st.ok() ? NoContent() : ProblemResponse(st);
}

}  // namespace sahayak::api::handlers
