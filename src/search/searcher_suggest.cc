// XapianSearchService::Suggest: what the search box offers while the agent types.
#include <algorithm>
#include <cctype>

#include "base/text.h"
#include "domain/ticket.h"
#include "search/query_builder.h"
#include "search/reader_pool.h"
#include "search/schema.h"
#include "search/searcher.h"
#include "search/searcher_internal.h"

namespace sahayak::search {

namespace {

using services::SearchType;
using services::Suggestion;

bool IsQuerySpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// "#123" or "123" → 123.
std::optional<int64_t> TicketNumber(std::string_view s) {
  if (!s.empty() && s.front() == '#') s.remove_prefix(1);
  if (s.empty() || s.size() > 15) return std::nullopt;
  if (!std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoll(std::string(s));
}

// The typed words, AND'ed, the last one a prefix unless a space follows it.
std::optional<query::Node> SuggestQuery(std::string_view text) {
  query::Node root;
  root.kind = query::Node::Kind::kAnd;
  size_t i = 0;
  while (i < text.size() && root.children.size() < 8) {
    while (i < text.size() && IsQuerySpace(text[i])) ++i;
    size_t b = i;
    while (i < text.size() && !IsQuerySpace(text[i])) ++i;
    if (b == i) break;
    query::Node w;
    w.kind = query::Node::Kind::kWord;
    w.text = std::string(text.substr(b, i - b));
    root.children.push_back(std::move(w));
  }
  if (root.children.empty()) return std::nullopt;
  if (!IsQuerySpace(text.back())) root.children.back().kind = query::Node::Kind::kPrefix;
  if (root.children.size() == 1) return root.children.front();
  return root;
}

std::string Detail(const DocRef& ref) {
  const auto& d = ref.data;
  if (ref.type == SearchType::kTicket) {
    std::string s = "#" + std::to_string(d.value("number", int64_t{0}));
    if (d.contains("status") && d["status"].is_string()) s += " · " + d["status"].get<std::string>();
    return s;
  }
  if (ref.type == SearchType::kArticle) {  // "hi · draft"
    return d.value("language", std::string()) + " · " + d.value("status", std::string());
  }
  if (d.contains("email") && d["email"].is_string()) return d["email"].get<std::string>();
  if (d.contains("domains") && d["domains"].is_array() && !d["domains"].empty() &&
      d["domains"][0].is_string()) {
    return d["domains"][0].get<std::string>();
  }
  return "";
}

}  // namespace

Result<std::vector<Suggestion>> XapianSearchService::Suggest(const services::Principal& who,
                                                             std::string_view text, int limit) {
  if (limit < 1 || limit > 20) {
    return InvalidArgument("limit must be between 1 and 20")
        .WithField("limit", "must be between 1 and 20");
  }
  std::string typed = ToNfc(RepairUtf8(text));
  if (typed.size() > 200) {
    size_t n = 200;  // cut on a character boundary
    while (n > 0 && (static_cast<unsigned char>(typed[n]) & 0xC0) == 0x80) --n;
    typed.resize(n);
  }
  std::string trimmed = Trim(typed);
  std::vector<Suggestion> out;
  if (trimmed.empty()) return out;

  std::vector<Suggestion> people, tickets, articles;
  Status st = store_.Read([&](services::ReadTx& tx) -> Status {
    auto number = TicketNumber(trimmed);
    if (number && !ScopeFor(who).public_only) {
      auto t = tx.GetTicketByNumber(who.workspace_id, *number);
      if (t.ok() && !t->merged_into_id) {
        out.push_back({SearchType::kTicket, t->id, t->subject,
                       "#" + std::to_string(t->number) + " · " + domain::Name(t->status)});
      }
    }
    auto node = SuggestQuery(typed);
    if (!node) return Status::Ok();
    const Scope scope = ScopeFor(who);
    auto run = [&](const std::vector<SearchType>& types, bool by_update,
                   std::vector<Suggestion>* into) {
      return WithReader(options_.index_path, [&](Xapian::Database& db) -> Status {
        into->clear();
        // Translated with the index at hand: stems and sound keys are its lexicon's.
        QueryBuilder builder(ThreadAnalyzer(), tx, who);
        builder.set_index(&db);
        auto user = builder.Build(*node);
        if (!user) return Status::Ok();
        Xapian::Enquire enquire(db);
        enquire.set_query(VisibleQuery::Make(scope, types, user).query());
        if (by_update) enquire.set_sort_by_value_then_relevance(schema::kUpdatedAt, true);
        Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
        for (auto it = mset.begin(); it != mset.end(); ++it) {
          auto ref = ParseDocRef(it.get_document());
          if (!ref) continue;
          if (!out.empty() && out.front().type == ref->type && out.front().id == ref->id) {
            continue;  // already offered by number
          }
          into->push_back({ref->type, ref->id, DocTitle(*ref), Detail(*ref)});
        }
        return Status::Ok();
      });
    };
    RETURN_IF_ERROR(run({SearchType::kArticle}, false, &articles));
    if (scope.public_only) return Status::Ok();  // a visitor: articles only
    RETURN_IF_ERROR(run({SearchType::kContact, SearchType::kOrganisation}, false, &people));
    return run({SearchType::kTicket}, true, &tickets);
  });
  if (!st.ok()) return st;

  // Half the list for people, the rest for tickets; either fills what the other leaves.
  size_t room = static_cast<size_t>(limit) - std::min<size_t>(out.size(), limit);
  // Articles get a quarter of the list, or whatever people and tickets leave; they come last.
  const size_t others = people.size() + tickets.size();
  const size_t article_n =
      std::min(articles.size(), std::max(room / 4, room > others ? room - others : size_t{0}));
  room -= article_n;
  size_t people_n = std::min(people.size(), std::max(room / 2, room - std::min(room, tickets.size())));
  size_t ticket_n = std::min(tickets.size(), room - people_n);
  out.insert(out.end(), people.begin(), people.begin() + static_cast<long>(people_n));
  out.insert(out.end(), tickets.begin(), tickets.begin() + static_cast<long>(ticket_n));
  out.insert(out.end(), articles.begin(), articles.begin() + static_cast<long>(article_n));
  if (out.size() > static_cast<size_t>(limit)) out.resize(limit);
  return out;
}

}  // namespace sahayak::search
