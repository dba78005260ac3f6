#include "services/deflection/deflection_service.h"

#include <algorithm>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "base/crypto.h"
#include "base/text.h"

namespace sahayak::services {

bool LooksLikeDeflectionToken(std::string_view token) {
  if (token.size() < 16 || token.size() > 64) return false;
  return std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_';
  });
}

DeflectionFigures ComputeDeflectionFigures(const std::vector<DeflectionAttempt>& attempts,
                                           const std::vector<DeflectionClick>& clicks, Millis now,
                                           Millis settle_ms) {
  DeflectionFigures out;
  std::map<Id, const DeflectionAttempt*> counted;
  for (const auto& a : attempts) {
    if (now - a.created_at < settle_ms) {
      ++out.pending;
      continue;
    }
    counted[a.id] = &a;
    ++out.attempts;
    if (a.ticket_id) {
      ++out.submitted;
    } else if (!a.shown_article_ids.empty()) {
      ++out.deflected;
    }
  }
  std::set<Id> clicked_attempts;
  std::map<Id, DeflectionArticleFigure> by_article;
  std::set<std::pair<Id, Id>> deflected_pairs;  // (attempt, article) counted once
  for (const auto& c : clicks) {
    auto it = counted.find(c.attempt_id);
    if (it == counted.end()) continue;
    clicked_attempts.insert(c.attempt_id);
    auto& f = by_article[c.article_id];
    f.id = c.article_id;
    ++f.clicks;
    const DeflectionAttempt& a = *it->second;
    if (!a.ticket_id && !a.shown_article_ids.empty() &&
        deflected_pairs.insert({a.id, c.article_id}).second) {
      ++f.deflected;
    }
  }
  out.clicked = static_cast<int64_t>(clicked_attempts.size());
  out.deflection_rate =
      out.attempts == 0 ? 0.0 : static_cast<double>(out.deflected) / out.attempts;
  for (auto& [id, f] : by_article) out.articles.push_back(f);
  std::sort(out.articles.begin(), out.articles.end(), [](const auto& a, const auto& b) {
    if (a.clicks != b.clicks) return a.clicks > b.clicks;
    if (a.deflected != b.deflected) return a.deflected > b.deflected;
    return a.id < b.id;
  });
  if (out.articles.size() > kDeflectionTopArticles) out.articles.resize(kDeflectionTopArticles);
  return out;
}

Result<std::string> DeflectionTracker::RecordShown(Id ws, std::string_view token,
                                                   std::string_view source,
                                                   std::string_view lang, std::string_view query,
                                                   const std::vector<Id>& article_ids) {
  if (source != "portal" && source != "web_form") {
    return InvalidArgument("unknown source").WithField("source", "must be portal or web_form");
  }
  std::string out;
  const std::string q = ToNfc(query).substr(0, 400);
  RETURN_IF_ERROR(store_.Write([&](WriteTx& tx) -> Status {
    const Millis now = clock_.Now();
    if (LooksLikeDeflectionToken(token)) {
      auto found = tx.deflection().GetDeflectionAttempt(ws, token);
      if (found.ok()) {
        DeflectionAttempt a = std::move(found).value();
        // A submitted attempt is over; its page keeps showing suggestions but they no longer
        // change what it counts as.
        if (a.ticket_id) {
          out = a.token;
          return Status::Ok();
        }
        a.last_query = q;
        for (Id id : article_ids) {
          if (a.shown_article_ids.size() >= kMaxShownArticles) break;
          if (std::find(a.shown_article_ids.begin(), a.shown_article_ids.end(), id) ==
              a.shown_article_ids.end()) {
            a.shown_article_ids.push_back(id);
          }
        }
        a.updated_at = now;
        RETURN_IF_ERROR(tx.deflection().UpdateDeflectionAttempt(a));
        out = a.token;
        return Status::Ok();
      }
      if (found.status().code() != Code::kNotFound) return found.status();
    }
    if (article_ids.empty()) return Status::Ok();
    DeflectionAttempt a;
    a.workspace_id = ws;
    a.token = RandomToken(18);
    a.source = std::string(source);
    a.language = std::string(lang);
    a.last_query = q;
    a.shown_article_ids = article_ids;
    a.created_at = a.updated_at = now;
    RETURN_IF_ERROR(tx.deflection().InsertDeflectionAttempt(&a));
    out = a.token;
    return Status::Ok();
  }));
  return out;
}

void DeflectionTracker::RecordClick(Id ws, std::string_view token, Id article_id) {
  if (!LooksLikeDeflectionToken(token) || article_id <= 0) return;
  Status st = store_.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(DeflectionAttempt a, tx.deflection().GetDeflectionAttempt(ws, token));
    return tx.deflection().InsertDeflectionClick(ws, {a.id, article_id, clock_.Now()});
  });
  if (!st.ok() && st.code() != Code::kNotFound) {
    spdlog::warn("deflection click not recorded: {}", st.message());
  }
}

void DeflectionTracker::RecordSubmitted(int64_t workspace_id, std::string_view token,
                                        int64_t ticket_id) {
  if (!LooksLikeDeflectionToken(token) || ticket_id <= 0) return;
  Status st = store_.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(DeflectionAttempt a,
                     tx.deflection().GetDeflectionAttempt(workspace_id, token));
    if (a.ticket_id) return Status::Ok();  // the first request submitted is the one that counts
    a.ticket_id = ticket_id;
    a.submitted_at = a.updated_at = clock_.Now();
    return tx.deflection().UpdateDeflectionAttempt(a);
  });
  if (!st.ok() && st.code() != Code::kNotFound) {
    spdlog::warn("deflection submission not recorded: {}", st.message());
  }
}

Result<DeflectionFigures> DeflectionTracker::Figures(Id ws, Millis from, Millis to) {
  DeflectionFigures out;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto attempts, tx.deflection().ListDeflectionAttempts(ws, from, to));
    ASSIGN_OR_RETURN(auto clicks, tx.deflection().ListDeflectionClicks(ws, from, to));
    out = ComputeDeflectionFigures(attempts, clicks, clock_.Now(), settle_ms_);
    for (auto& f : out.articles) {
      auto a = tx.kb().GetKbArticle(ws, f.id);
      if (!a.ok()) continue;
      for (const auto& t : a->translations) {
        if (f.title.empty() || t.language == "en") f.title = t.title;
      }
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace sahayak::services
