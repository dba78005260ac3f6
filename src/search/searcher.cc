#include "search/searcher.h"

#include <algorithm>
#include <map>
#include <utility>

#include "base/text.h"
#include "search/documents.h"
#include "search/query/query.h"
#include "search/query_builder.h"
#include "search/reader_pool.h"
#include "search/schema.h"
#include "search/search_cursor.h"
#include "search/searcher_internal.h"
#include "search/slices.h"
#include "search/snippets.h"

namespace sahayak::search {

using nlohmann::json;
using services::SearchType;

namespace {

// Scored matches checked for an exact total: past this many the total is Xapian's estimate.
// Checking 10,000 cost a third of a text query's time at a million tickets (p50 25-31 ms
// against 15-18 ms with 1,000; 200 was no faster).
constexpr Xapian::doccount kCheckAtLeast = 1000;
// Unscored matches counted (filters only, newest first): a boolean count is cheap.
constexpr Xapian::doccount kCountAtLeast = 10000;
constexpr Xapian::doccount kFacetCheckAtLeast = 100000;

struct Facet {
  const char* name;
  Xapian::valueno slot;
};
constexpr Facet kFacets[] = {{"status", schema::kStatusSlot},
                             {"group", schema::kGroupSlot},
                             {"channel", schema::kChannelSlot},
                             {"priority", schema::kPrioritySlot}};

std::string TypesKey(const std::vector<SearchType>& types) {
  std::vector<std::string> names;
  for (auto t : types) names.push_back(services::Name(t));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out;
  for (const auto& n : names) out += n + ",";
  return out;
}

// True when the query has no text: every match weighs 0, so it sorts by creation time.
bool FiltersOnly(const query::Node& n) {
  using Kind = query::Node::Kind;
  if (n.kind == Kind::kWord || n.kind == Kind::kPhrase || n.kind == Kind::kPrefix) return false;
  return std::all_of(n.children.begin(), n.children.end(),
                     [](const query::Node& c) { return FiltersOnly(c); });
}

constexpr int kMaxWindowMonths = 64;

// Sorting by creation time reads the time of every match: 290,000 of them for
// `status:closed channel:email` at 1,000,000 tickets. Newest first, a page needs only the
// newest months: `q` narrowed to the documents created in the last 1, 2, 4 … 64 months (XM
// terms, and the next month for a clock running behind) as soon as that holds `need` matches.
// Every match outside is older than every one inside, so the first `need` are the same.
// `q` itself when even 64 months hold fewer.
Xapian::Query NewestMonths(Xapian::Database& db, const Xapian::Query& q, Xapian::doccount need,
                           Millis now) {
  const int month = MonthOf(now);
  for (int span = 1; span <= kMaxWindowMonths; span *= 2) {
    std::vector<Xapian::Query> months;
    for (int m = month + 1; m > month - span; --m) months.emplace_back(CreatedMonthTerm(m));
    Xapian::Query narrowed(Xapian::Query::OP_FILTER, q,
                           Xapian::Query(Xapian::Query::OP_OR, months.begin(), months.end()));
    Xapian::Enquire count(db);
    count.set_query(narrowed);
    count.set_weighting_scheme(Xapian::BoolWeight());
    if (count.get_mset(0, 0, need).get_matches_lower_bound() >= need) return narrowed;
  }
  return q;
}

// Byte offset `b` of `text` as a code-point offset.
size_t CodePointOffset(std::string_view text, size_t b) {
  return CodePointCount(text.substr(0, std::min(b, text.size())));
}

// The snippet of a ticket hit: from its messages (`text`, TicketSnippetText of the bodies
// read for the page), unless its subject holds more of the query's words; the start of its
// messages when nothing matches.
std::string TicketSnippet(const services::TicketHead& t, const std::string& text,
                          const HighlightTerms& highlight, const SearcherOptions& options) {
  Analyzer& analyzer = ThreadAnalyzer();
  size_t in_body = 0, in_subject = 0;
  std::string body = MakeSnippet(analyzer, highlight, text, options.snippet_chars, &in_body);
  std::string subj =
      MakeSnippet(analyzer, highlight, t.subject, options.snippet_chars, &in_subject);
  if (in_subject > in_body || body.empty()) return subj;
  return body;
}

}  // namespace

std::optional<DocRef> ParseDocRef(const Xapian::Document& doc) {
  DocRef ref;
  ref.data = json::parse(doc.get_data(), nullptr, /*allow_exceptions=*/false);
  if (!ref.data.is_object()) return std::nullopt;
  auto r = ref.data.find("ref");
  if (r == ref.data.end() || !r->is_string()) return std::nullopt;
  const std::string& term = r->get_ref<const std::string&>();
  if (term.size() < 2) return std::nullopt;
  switch (term[0]) {
    case 't': ref.type = SearchType::kTicket; break;
    case 'c': ref.type = SearchType::kContact; break;
    case 'o': ref.type = SearchType::kOrganisation; break;
    case 'a': ref.type = SearchType::kArticle; break;
    default: return std::nullopt;
  }
  try {
    ref.id = std::stoll(term.substr(1));
  } catch (...) {
    return std::nullopt;
  }
  return ref;
}

std::string DocTitle(const DocRef& ref) {
  const char* key = ref.type == SearchType::kTicket ? "subject" : "name";
  auto it = ref.data.find(key);
  if (it == ref.data.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

json DocFields(const DocRef& ref) {
  json fields = json::object();
  for (auto it = ref.data.begin(); it != ref.data.end(); ++it) {
    const std::string& k = it.key();
    if (k == "subject" || k == "name" || k == "ref") continue;
    if (ref.type == SearchType::kTicket && (k == "text" || k == "version")) continue;
    if (k.size() > 3 && k.compare(k.size() - 3, 3, "_at") == 0 && it->is_number_integer()) {
      fields[k] = FormatRfc3339(it->get<int64_t>());
    } else {
      fields[k] = *it;
    }
  }
  return fields;
}

Result<services::SearchResult> XapianSearchService::Search(
    const services::Principal& who, const services::SearchRequest& request) {
  if (request.limit < 1 || request.limit > 100) {
    return InvalidArgument("limit must be between 1 and 100")
        .WithField("limit", "must be between 1 and 100");
  }
  query::ParseOptions po;
  po.now_millis = clock_.Now();
  po.utc_offset_minutes = request.utc_offset_minutes;
  query::ParsedQuery parsed = query::Parse(request.q, po);

  services::SearchResult result;
  result.canonical_query = parsed.Canonical();
  const std::string sort = services::Name(request.sort);
  const std::string key = SearchKey(result.canonical_query, TypesKey(request.types), sort);
  int64_t offset = 0;
  if (!request.cursor.empty()) {
    ASSIGN_OR_RETURN(offset, DecodeSearchCursor(request.cursor, sort, key));
  }
  std::vector<query::Problem> problems = parsed.problems;
  bool wants_tickets = request.types.empty() ||
                       std::count(request.types.begin(), request.types.end(),
                                  SearchType::kTicket) > 0;
  bool more = false;

  if (parsed.has_root) {
    Status st = store_.Read([&](services::ReadTx& tx) -> Status {
      Analyzer& analyzer = ThreadAnalyzer();
      QueryBuilder builder(analyzer, tx, who);
      auto user = builder.Build(parsed.root);
      for (const auto& p : builder.problems()) problems.push_back(p);
      if (!user) return Status::Ok();
      const Scope scope = ScopeFor(who, request);
      const HighlightTerms highlight = CollectHighlightTerms(analyzer, parsed.root);
      return WithReader(options_.index_path, [&](Xapian::Database& db) -> Status {
        // Translated again with the index at hand: a Hinglish word keeps the Devanagari
        // spellings the index holds and then needs no sound key (query_builder.h).
        QueryBuilder with_index(analyzer, tx, who);
        with_index.set_index(&db);
        auto indexed = with_index.Build(parsed.root);
        const VisibleQuery visible =
            VisibleQuery::Make(scope, request.types, indexed ? indexed : user);
        result.hits.clear();
        result.facets.clear();
        MatchSpec spec;
        spec.query = visible.query();
        spec.sort = request.sort;
        if (request.facets && wants_tickets) {
          for (const auto& f : kFacets) spec.facet_slots.push_back(f.slot);
        }
        spec.first = static_cast<Xapian::doccount>(offset);
        spec.count = static_cast<Xapian::doccount>(request.limit + 1);
        spec.check = spec.facet_slots.empty() ? kCheckAtLeast : kFacetCheckAtLeast;
        const auto need = static_cast<Xapian::doccount>(offset + request.limit + 1);
        const bool newest_first =
            request.sort == services::SearchSort::kNewest ||
            (request.sort == services::SearchSort::kRelevance && FiltersOnly(parsed.root));
        MatchResult match;
        if (newest_first && spec.facet_slots.empty()) {
          // Counted without sorting (cheap), paged from the newest months (NewestMonths).
          Xapian::Enquire count(db);
          count.set_query(visible.query());
          count.set_weighting_scheme(Xapian::BoolWeight());
          Xapian::MSet all = count.get_mset(0, 0, kCountAtLeast);
          result.total = all.get_matches_estimated();
          result.total_exact = all.get_matches_lower_bound() == all.get_matches_upper_bound();
          if (all.get_matches_lower_bound() > need) {
            spec.query = NewestMonths(db, visible.query(), need, clock_.Now());
          }
          spec.check = 0;  // counted above
          match = MatchOnce(db, spec);
        } else {
          // Scoring every match of common words is the slow part: split over the cores.
          match = matcher_.Match(options_.index_path, db, spec);
          result.total = match.estimated;
          result.total_exact = match.lower == match.upper;
        }
        more = match.docs.size() > static_cast<size_t>(request.limit);
        // The page's documents first, then their tickets in one query: a hit costs a read of
        // its document and of its ticket's row, nothing more.
        std::vector<std::pair<DocRef, double>> page;
        std::vector<domain::Id> ticket_ids;
        int taken = 0;
        for (const MatchedDoc& m : match.docs) {
          if (taken++ >= request.limit) break;
          auto ref = ParseDocRef(db.get_document(m.docid));
          if (!ref) continue;
          if (ref->type == SearchType::kTicket) ticket_ids.push_back(ref->id);
          page.emplace_back(std::move(*ref), m.weight);
        }
        std::map<domain::Id, services::TicketHead> heads;
        std::map<domain::Id, std::vector<std::string>> bodies;
        if (!ticket_ids.empty()) {
          ASSIGN_OR_RETURN(auto found, tx.GetTicketHeads(who.workspace_id, ticket_ids));
          for (auto& h : found) heads.emplace(h.id, std::move(h));
          ASSIGN_OR_RETURN(bodies, tx.GetFirstMessageBodies(
                                       who.workspace_id, ticket_ids,
                                       static_cast<int>(kTicketSnippetMessages)));
        }
        for (auto& [r, weight] : page) {
          DocRef* ref = &r;
          services::SearchHit hit;
          hit.type = ref->type;
          hit.id = ref->id;
          hit.title = DocTitle(*ref);
          hit.score = weight;
          hit.fields = DocFields(*ref);
          if (ref->type == SearchType::kTicket) {
            auto t = heads.find(ref->id);
            // Stale index: a merged or deleted ticket is never shown.
            if (t == heads.end() || t->second.merged_into_id) continue;
            hit.title = t->second.subject;
            auto b = bodies.find(ref->id);
            hit.snippet = TicketSnippet(
                t->second, b == bodies.end() ? std::string() : TicketSnippetText(b->second),
                highlight, options_);
          } else if (ref->type == SearchType::kArticle) {
            if (!FillArticleHit(tx, who.workspace_id, scope.public_only, highlight,
                                options_.snippet_chars, &hit)) {
              continue;
            }
          } else {
            std::string text = hit.title;
            for (const char* k : {"email", "domains"}) {
              auto f = ref->data.find(k);
              if (f == ref->data.end()) continue;
              if (f->is_string()) text += " · " + f->get<std::string>();
              if (f->is_array()) {
                for (const auto& d : *f) {
                  if (d.is_string()) text += " · " + d.get<std::string>();
                }
              }
            }
            size_t matches = 0;
            hit.snippet = MakeSnippet(analyzer, highlight, text, options_.snippet_chars, &matches);
          }
          result.hits.push_back(std::move(hit));
        }
        for (size_t i = 0; i < match.facets.size(); ++i) {
          auto& counts = result.facets[kFacets[i].name];
          for (const auto& [value, n] : match.facets[i]) counts[value] = n;
        }
        return Status::Ok();
      });
    });
    if (!st.ok()) return st;
  }

  if (more && offset + request.limit <= kMaxSearchOffset) {
    result.next_cursor = EncodeSearchCursor(offset + request.limit, sort, key);
  }
  // Spans are byte offsets into the NFC query the parser read; the console counts code points.
  const std::string nfc = ToNfc(RepairUtf8(request.q));
  for (const auto& p : problems) {
    services::SearchProblem sp;
    sp.code = p.code;
    sp.message = p.message;
    sp.begin = CodePointOffset(nfc, p.span.begin);
    sp.end = CodePointOffset(nfc, p.span.end);
    sp.ignored = p.ignored;
    result.problems.push_back(std::move(sp));
  }
  return result;
}

}  // namespace sahayak::search
