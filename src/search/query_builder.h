#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "search/analyzer.h"
#include "search/lexicon.h"
#include "search/query/query.h"
#include "services/principal.h"
#include "services/search/search.h"
#include "services/store.h"

// Turning a parsed search box query (search/query/query.h) into a Xapian query over the
// layout of search/schema.h, and the permission filter every search passes through.
namespace sahayak::search {

// What the caller may see. The one input of the permission filter: VisibleQuery adds
// "workspace = scope.workspace_id" to every query. Today an agent sees every ticket of its
// workspace, internal notes included (they are indexed with the ticket).
// Later, outsourced agents may be limited to their groups: fill `group_ids` in ScopeFor and
// VisibleQuery::Make restricts tickets to them; nothing else needs to change.
struct Scope {
  domain::Id workspace_id = 0;
  std::vector<domain::Id> group_ids;  // empty: every group (and tickets without a group)
  // A visitor of the help centre: articles only, and of those only published translations of
  // public articles (no XI1, XSpublished).
  bool public_only = false;
  std::string article_language;  // articles only in this translation (XL); "": any
};
// An anonymous caller (agent_id 0, not an admin: the help centre) is always public_only.
Scope ScopeFor(const services::Principal& who);
// ScopeFor(who) with the request's public_only and language added.
Scope ScopeFor(const services::Principal& who, const services::SearchRequest& request);

// A query restricted to what a Scope may see and to some document types. The searcher runs
// nothing else: Enquire::set_query is only ever given VisibleQuery::query(), and the only
// way to make one is Make, which always adds the filter.
class VisibleQuery {
 public:
  // `user`: the user's query; nullopt means "everything visible" (a pure negative query
  // comes here already as MatchAll AND_NOT …). `types` empty: tickets, contacts and
  // organisations.
  static VisibleQuery Make(const Scope& scope, const std::vector<services::SearchType>& types,
                           const std::optional<Xapian::Query>& user);
  const Xapian::Query& query() const { return query_; }

 private:
  explicit VisibleQuery(Xapian::Query q) : query_(std::move(q)) {}
  Xapian::Query query_;
};

// Translates one parsed query. Words go through the Analyzer (exact term; the words of its
// stem scaled 0.8 and of its sound key scaled 0.3, from the index's lexicon (search/lexicon.h),
// the sound key only across scripts: a Latin word's key reaches the Devanagari words of
// documents with Hindi text, a Devanagari word's key the Latin words of the others), words
// are all required unless OR is written, phrases are exact
// OP_PHRASE, prefixes OP_WILDCARD (at most 200 most frequent expansions), fields are boolean
// filters, dates value ranges on the created/updated slots. Field values that name agents,
// groups or contacts are looked up in `tx`; an unknown one adds an "unknown-value" problem
// and its clause matches nothing.
// Not thread-safe; one per query. `analyzer`, `tx` and `who` must outlive it.
class QueryBuilder {
 public:
  QueryBuilder(Analyzer& analyzer, services::ReadTx& tx, const services::Principal& who)
      : analyzer_(analyzer), tx_(tx), who_(who) {}

  // nullopt when nothing searchable is left (every word analysed to nothing).
  std::optional<Xapian::Query> Build(const query::Node& root);

  // Problems found while translating (spans are byte offsets, like the parser's).
  const std::vector<query::Problem>& problems() const { return problems_; }

  // The index the query will run on (must outlive the builder). Stems and sound keys are
  // looked up in its lexicon, and a Hinglish word keeps only the Devanagari spellings the
  // index holds; when it holds one, the word's sound key is left out (it would also reach
  // मेला for "mila"). Without it, the query only serves to find the problems of the text:
  // stems and keys stay terms no document has, and only words of the curated table go
  // without their sound key.
  void set_index(const Xapian::Database* index) { index_ = index; }

 private:
  std::optional<Xapian::Query> Translate(const query::Node& n);
  std::optional<Xapian::Query> And(const query::Node& n);
  std::optional<Xapian::Query> Word(const std::string& text);
  std::optional<Xapian::Query> Phrase(const std::string& text);
  std::optional<Xapian::Query> Prefix(const std::string& text);
  std::optional<Xapian::Query> Lexicon(std::string_view prefix, const std::string& value,
                                       LexiconScript script = LexiconScript::kAny);
  // A boolean query (no weight) for field:value; MatchNothing for an unknown value.
  Xapian::Query Field(const query::Node& n);
  Xapian::Query Date(const query::Node& n);
  Xapian::Query Assignee(const query::Node& n);
  Xapian::Query Group(const query::Node& n);
  Xapian::Query Requester(const query::Node& n);
  Xapian::Query WordTerms(std::string_view prefix, const std::string& text);
  Xapian::Query Unknown(const query::Node& n, const std::string& message);

  Analyzer& analyzer_;
  services::ReadTx& tx_;
  const services::Principal& who_;
  std::vector<query::Problem> problems_;
  const Xapian::Database* index_ = nullptr;
};

// Whether a query word's token is also looked up by its phonetic key (XP): it has one and at
// least 3 letters (क, सल, "ka" sound like too much), and a Latin word is no acronym: not
// written in capitals ("GST", "KYC" would meet घोषित, कैश) and not without vowels ("gst"),
// and not a word of the curated Hinglish table (search/hinglish.h), whose Devanagari
// spellings are looked up instead: "mila" finds मिला but no longer मेला.
// `written` is the query word as typed. The query builder and the snippets both ask this.
bool SearchesBySound(const Token& t, std::string_view written);

// A Devanagari spelling of a Hinglish query word as the index holds it: the Analyzer's term
// and Hindi stem ("" when the stem is the term).
struct HinglishTerm {
  std::string term;
  std::string stem;
};
// The Devanagari spellings (search/hinglish.h) a Latin query token also looks up, analysed;
// none for other scripts, acronyms, words without a vowel or under 3 letters. A word's
// spellings are looked up (exact and Z+stem, weight 0.5) in documents with Hindi text only,
// like sound keys; in a phrase, each word is the word or its spellings (one OP_PHRASE).
std::vector<HinglishTerm> HinglishTerms(Analyzer& analyzer, const Token& t,
                                        std::string_view written);

// At most this many terms a prefix (`parc*`) expands to: the most frequent ones.
constexpr Xapian::termcount kMaxWildcardExpansion = 200;

}  // namespace sahayak::search
