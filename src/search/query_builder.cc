#include "search/query_builder.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "base/text.h"
#include "domain/ticket.h"
#include "search/hinglish.h"
#include "search/lexicon.h"
#include "search/schema.h"

namespace sahayak::search {

namespace {

using Q = Xapian::Query;
using query::Node;

constexpr double kStemWeight = 0.8;
constexpr double kHinglishWeight = 0.5;
constexpr double kPhoneticWeight = 0.3;

Q Boolean(const Q& q) { return Q(Q::OP_SCALE_WEIGHT, q, 0.0); }

Q Combine(Q::op op, const std::vector<Q>& qs) {
  if (qs.size() == 1) return qs.front();
  return Q(op, qs.begin(), qs.end());
}

Q Term(std::string_view prefix, std::string_view value) {
  return Q(schema::Term(prefix, value));
}

// "42" → 42; nullopt for anything but plain positive decimal digits.
std::optional<int64_t> PositiveInt(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

std::string EnumValue(std::string_view v) {
  std::string s = AsciiLower(Trim(v));
  std::replace(s.begin(), s.end(), '-', '_');
  return s;
}

}  // namespace

namespace {

// A Hinglish-looking Latin token: a word of the curated table, or a plain word with a sound
// key, at least 3 letters, with a vowel, not written in capitals (GST, KYC, NDR are acronyms).
bool MayBeHinglish(const Token& t, std::string_view written) {
  if (t.script != Script::kLatin) return false;
  if (IsCuratedHinglish(t.term)) return true;  // also "tha", whose sound key is too short
  if (t.phonetic.empty() || CodePointCount(t.term) < 3) return false;
  int letters = 0, capitals = 0;
  for (char c : written) {
    if (c >= 'A' && c <= 'Z') ++capitals;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ++letters;
  }
  if (letters >= 2 && capitals == letters) return false;
  return t.term.find_first_of("aeiou") != std::string::npos;
}

}  // namespace

bool SearchesBySound(const Token& t, std::string_view written) {
  if (t.script != Script::kLatin) return !t.phonetic.empty() && CodePointCount(t.term) >= 3;
  return MayBeHinglish(t, written) && !IsCuratedHinglish(t.term);
}

std::vector<HinglishTerm> HinglishTerms(Analyzer& analyzer, const Token& t,
                                        std::string_view written) {
  std::vector<HinglishTerm> out;
  if (!MayBeHinglish(t, written)) return out;
  for (const std::string& w : DevanagariSpellings(t.term).words) {
    auto tokens = analyzer.Analyze(w);
    if (tokens.size() != 1 || tokens.front().script != Script::kDevanagari) continue;
    out.push_back({tokens.front().term, tokens.front().stem});
  }
  return out;
}

Scope ScopeFor(const services::Principal& who) {
  Scope s;
  s.workspace_id = who.workspace_id;
  s.public_only = who.agent_id == 0 && !who.is_admin();
  return s;
}

Scope ScopeFor(const services::Principal& who, const services::SearchRequest& request) {
  Scope s = ScopeFor(who);
  s.public_only = s.public_only || request.public_only;
  s.article_language = request.language;
  return s;
}

VisibleQuery VisibleQuery::Make(const Scope& scope, const std::vector<services::SearchType>& types,
                                const std::optional<Xapian::Query>& user) {
  std::vector<services::SearchType> wanted = types;
  if (wanted.empty()) {
    wanted = {services::SearchType::kTicket, services::SearchType::kContact,
              services::SearchType::kOrganisation};
  }
  if (scope.public_only) wanted = {services::SearchType::kArticle};
  std::vector<Q> type_terms;
  for (auto t : wanted) {
    Q type_term = Term(schema::kType, services::Name(t));
    if (t == services::SearchType::kTicket && !scope.group_ids.empty()) {
      std::vector<Q> groups;
      for (auto g : scope.group_ids) groups.push_back(Term(schema::kGroup, std::to_string(g)));
      type_term = Q(Q::OP_AND, type_term, Combine(Q::OP_OR, groups));
    }
    if (t == services::SearchType::kArticle) {
      if (!scope.article_language.empty()) {
        type_term = Q(Q::OP_AND, type_term, Term(schema::kLanguage, scope.article_language));
      }
      if (scope.public_only) {
        type_term = Q(Q::OP_AND_NOT, Q(Q::OP_AND, type_term, Term(schema::kStatus, "published")),
                      Term(schema::kInternal, "1"));
      }
    }
    type_terms.push_back(type_term);
  }
  Q filter(Q::OP_AND, Term(schema::kWorkspace, std::to_string(scope.workspace_id)),
           Combine(Q::OP_OR, type_terms));
  if (!user) return VisibleQuery(Boolean(filter));
  return VisibleQuery(Q(Q::OP_FILTER, *user, filter));
}

std::optional<Q> QueryBuilder::Build(const Node& root) {
  if (root.kind == Node::Kind::kNot) {
    // A pure negative query: everything visible but that.
    auto neg = Translate(root.children.empty() ? Node{} : root.children.front());
    if (!neg) return std::nullopt;
    return Q(Q::OP_AND_NOT, Q::MatchAll, *neg);
  }
  return Translate(root);
}

std::optional<Q> QueryBuilder::Translate(const Node& n) {
  switch (n.kind) {
    case Node::Kind::kWord: return Word(n.text);
    case Node::Kind::kPhrase: return Phrase(n.text);
    case Node::Kind::kPrefix: return Prefix(n.text);
    case Node::Kind::kField: return Boolean(Field(n));
    case Node::Kind::kDate: return Boolean(Date(n));
    case Node::Kind::kAnd: return And(n);
    case Node::Kind::kOr: {
      std::vector<Q> any;
      for (const auto& c : n.children) {
        if (auto q = c.kind == Node::Kind::kNot ? Build(c) : Translate(c)) any.push_back(*q);
      }
      if (any.empty()) return std::nullopt;
      return Combine(Q::OP_OR, any);
    }
    case Node::Kind::kNot: return Build(n);
  }
  return std::nullopt;
}

// Scoring parts are AND'ed, fields and dates filter them without adding weight, negations
// are taken away from the result.
std::optional<Q> QueryBuilder::And(const Node& n) {
  std::vector<Q> scoring, filters, negatives;
  for (const auto& c : n.children) {
    if (c.kind == Node::Kind::kField) {
      filters.push_back(Field(c));
    } else if (c.kind == Node::Kind::kDate) {
      filters.push_back(Date(c));
    } else if (c.kind == Node::Kind::kNot) {
      if (!c.children.empty()) {
        if (auto q = Translate(c.children.front())) negatives.push_back(*q);
      }
    } else if (auto q = Translate(c)) {
      scoring.push_back(*q);
    }
  }
  std::optional<Q> base;
  if (!scoring.empty() && !filters.empty()) {
    base = Q(Q::OP_FILTER, Combine(Q::OP_AND, scoring), Combine(Q::OP_AND, filters));
  } else if (!scoring.empty()) {
    base = Combine(Q::OP_AND, scoring);
  } else if (!filters.empty()) {
    base = Boolean(Combine(Q::OP_AND, filters));
  }
  if (negatives.empty()) return base;
  return Q(Q::OP_AND_NOT, base ? *base : Q::MatchAll, Combine(Q::OP_OR, negatives));
}

std::optional<Q> QueryBuilder::Word(const std::string& text) {
  auto tokens = analyzer_.Analyze(text);
  if (tokens.empty()) return std::nullopt;
  std::vector<Q> each;
  std::vector<Q> exact;
  for (const auto& t : tokens) {
    std::vector<Q> alts = {Q(t.term)};
    if (!t.stem.empty()) alts.push_back(Q(Q::OP_SCALE_WEIGHT, Q(t.stem), kStemWeight));
    // Documents store Z+stem only when the stem differs from the word, so "parcel" must look
    // for Zparcel to find "parcels", and "parcels" for the exact "parcel". A one-letter word
    // is its own stem only by accident: Hindi's stemmer cuts का, की, के and को down to क, so
    // "क" must not find them.
    if ((t.script == Script::kLatin || t.script == Script::kDevanagari ||
         t.script == Script::kKannada) &&
        CodePointCount(t.term) > 1) {
      const std::string& s = t.stem.empty() ? t.term : t.stem;
      if (auto forms = Lexicon(schema::kStem, s)) {
        alts.push_back(Q(Q::OP_SCALE_WEIGHT, *forms, kStemWeight));
      }
    }
    bool by_sound = SearchesBySound(t, text);
    auto hinglish = HinglishTerms(analyzer_, t, text);
    if (index_ != nullptr && !hinglish.empty()) {
      std::erase_if(hinglish, [&](const HinglishTerm& h) {
        return !index_->term_exists(h.term) &&
               (h.stem.empty() || !HasLexiconWords(*index_, schema::Term(schema::kStem, h.stem)));
      });
      by_sound = hinglish.empty() && !t.phonetic.empty();
    }
    if (!hinglish.empty()) {
      // "mila" also looks up मिला (and its stem: मिली, मिले) in documents with Hindi text.
      std::vector<Q> dev;
      for (const auto& h : hinglish) {
        dev.emplace_back(h.term);
        if (h.stem.empty()) continue;
        if (auto forms = Lexicon(schema::kStem, h.stem)) dev.push_back(*forms);
      }
      Q q(Q::OP_FILTER, Combine(Q::OP_OR, dev), Term(schema::kLanguage, "hi"));
      alts.push_back(Q(Q::OP_SCALE_WEIGHT, q, kHinglishWeight));
    }
    if (by_sound) {
      // Sound keys bridge scripts (Hinglish "parcel" ↔ पार्सल); within one script they are
      // too loose (मिला ~ मूल, delivery ~ deliver). So a Latin word's key only reaches
      // documents with Hindi text, and a Devanagari word's key only documents without.
      // Of the key's words, only those of the other script: the Devanagari words for a
      // Latin word, the Latin words for a Devanagari one.
      const bool latin = t.script == Script::kLatin;
      if (auto words = Lexicon(schema::kPhonetic, t.phonetic,
                               latin ? LexiconScript::kNotLatin : LexiconScript::kLatin)) {
        Q hindi = Term(schema::kLanguage, "hi");
        Q key = latin ? Q(Q::OP_FILTER, *words, hindi) : Q(Q::OP_AND_NOT, *words, hindi);
        alts.push_back(Q(Q::OP_SCALE_WEIGHT, key, kPhoneticWeight));
      }
    }
    each.push_back(Combine(Q::OP_OR, alts));
    exact.emplace_back(t.term, 1, t.position);
  }
  if (each.size() == 1) return each.front();
  // "ORD-2231": every part required; written together ranks higher.
  Q phrase(Q::OP_PHRASE, exact.begin(), exact.end(), static_cast<Xapian::termcount>(exact.size()));
  return Q(Q::OP_AND_MAYBE, Combine(Q::OP_AND, each), phrase);
}

// The words of the index a stem or sound key stands for (search/lexicon.h), as one
// OP_SYNONYM: weighed as if they were one term, as the stem's or key's own term would be.
// Without an index, the key as a term (the translation is then used for its problems only).
std::optional<Q> QueryBuilder::Lexicon(std::string_view prefix, const std::string& value,
                                       LexiconScript script) {
  const std::string key = schema::Term(prefix, value);
  if (index_ == nullptr) return Q(key);
  std::vector<std::string> words = LexiconWords(*index_, key, script);
  if (words.empty()) return std::nullopt;
  if (words.size() == 1) return Q(words.front());
  return Q(Q::OP_SYNONYM, words.begin(), words.end());
}

std::optional<Q> QueryBuilder::Phrase(const std::string& text) {
  auto tokens = analyzer_.Analyze(text);
  if (tokens.empty()) return std::nullopt;
  std::vector<Q> exact;
  // "nahi mila" also as the Devanagari phrase नहीं मिला, when every word has spellings.
  std::vector<Q> devanagari;
  for (const auto& t : tokens) {
    exact.emplace_back(t.term, 1, t.position);
    if (devanagari.size() + 1 < exact.size()) continue;
    std::vector<Q> spellings;
    for (const auto& h : HinglishTerms(analyzer_, t, text)) {
      // Only spellings the index holds: each is a position list to merge in every candidate.
      if (index_ == nullptr || index_->term_exists(h.term)) spellings.emplace_back(h.term);
    }
    if (!spellings.empty()) devanagari.push_back(Combine(Q::OP_OR, spellings));
  }
  if (exact.size() == 1) return exact.front();
  const auto n = static_cast<Xapian::termcount>(exact.size());
  if (devanagari.size() != exact.size()) return Q(Q::OP_PHRASE, exact.begin(), exact.end(), n);
  // One phrase whose every word is the word or its spellings (weighed 0.5): Xapian checks the
  // positions of a phrase only for documents that could make the page, but an OR of two
  // phrases (the Latin one, the Devanagari one) checks both in every candidate, which made
  // "tak nahi" six times slower at a million tickets. A phrase mixing the scripts
  // ("tak नहीं") matches too; nobody writes one by accident.
  std::vector<Q> either;
  for (size_t i = 0; i < exact.size(); ++i) {
    either.push_back(Q(Q::OP_OR, exact[i], Q(Q::OP_SCALE_WEIGHT, devanagari[i], kHinglishWeight)));
  }
  return Q(Q::OP_PHRASE, either.begin(), either.end(), n);
}

std::optional<Q> QueryBuilder::Prefix(const std::string& text) {
  std::string p = analyzer_.NormalizeWord(text);
  if (p.empty()) return std::nullopt;
  return Q(Q::OP_WILDCARD, p, kMaxWildcardExpansion, Q::WILDCARD_LIMIT_MOST_FREQUENT);
}

Q QueryBuilder::Unknown(const Node& n, const std::string& message) {
  query::Problem p;
  p.code = "unknown-value";
  p.message = message;
  p.span = n.span;
  problems_.push_back(std::move(p));
  return Q::MatchNothing;
}

Q QueryBuilder::Date(const Node& n) {
  Xapian::valueno slot = n.field == "updated" ? schema::kUpdatedAt : schema::kCreatedAt;
  auto at = [](int64_t ms) { return Xapian::sortable_serialise(static_cast<double>(ms)); };
  switch (n.compare) {
    case query::Compare::kLess: return Q(Q::OP_VALUE_LE, slot, at(n.millis - 1));
    case query::Compare::kLessOrEqual: return Q(Q::OP_VALUE_LE, slot, at(n.millis));
    case query::Compare::kEqual: return Q(Q::OP_VALUE_RANGE, slot, at(n.millis), at(n.millis));
    case query::Compare::kGreaterOrEqual: return Q(Q::OP_VALUE_GE, slot, at(n.millis));
    case query::Compare::kGreater: return Q(Q::OP_VALUE_GE, slot, at(n.millis + 1));
  }
  return Q::MatchNothing;
}

Q QueryBuilder::Field(const Node& n) {
  const std::string& f = n.field;
  const std::string v = EnumValue(n.value);
  if (f == "status") {
    if (v == "unsolved") {
      std::vector<Q> any;
      for (const char* s : {"new", "open", "pending", "on_hold"}) any.push_back(Term(schema::kStatus, s));
      return Combine(Q::OP_OR, any);
    }
    if (auto s = domain::ParseStatus(v)) return Term(schema::kStatus, domain::Name(*s));
    return Unknown(n, "Unknown status \"" + n.value + "\".");
  }
  if (f == "priority") {
    if (auto p = domain::ParsePriority(v)) return Term(schema::kPriority, domain::Name(*p));
    return Unknown(n, "Unknown priority \"" + n.value + "\".");
  }
  if (f == "type") {
    if (auto t = domain::ParseTicketType(v)) return Term(schema::kTicketType, domain::Name(*t));
    return Unknown(n, "Unknown ticket type \"" + n.value + "\".");
  }
  if (f == "channel") {
    if (auto c = domain::ParseChannel(v)) return Term(schema::kChannel, domain::Name(*c));
    return Unknown(n, "Unknown channel \"" + n.value + "\".");
  }
  if (f == "tag") {
    auto tag = domain::NormaliseTag(n.value);
    if (!tag.ok()) return Unknown(n, "\"" + n.value + "\" is not a tag.");
    return Term(schema::kTag, *tag);
  }
  if (f == "lang") return Term(schema::kLanguage, v);
  if (f == "has") {
    if (v == "attachment" || v == "attachments") return Term(schema::kHas, "attachment");
    return Unknown(n, "Unknown has:" + n.value + ": use has:attachment.");
  }
  if (f == "number") {
    if (auto num = PositiveInt(Trim(n.value))) return Term(schema::kNumber, std::to_string(*num));
    return Unknown(n, "\"" + n.value + "\" is not a ticket number.");
  }
  if (f == "is") {
    Node mapped = n;
    if (v == "open") {
      mapped.field = "status";
      mapped.value = "unsolved";
    } else if (v == "unassigned" || v == "mine") {
      mapped.field = "assignee";
      mapped.value = v == "mine" ? "me" : "none";
    } else {
      return Unknown(n, "Unknown is:" + n.value + ": use is:open, is:unassigned or is:mine.");
    }
    return Field(mapped);
  }
  if (f == "assignee") return Assignee(n);
  if (f == "group") return Group(n);
  if (f == "requester") return Requester(n);
  if (f == "org") {
    if (auto id = PositiveInt(Trim(n.value))) return Term(schema::kOrg, std::to_string(*id));
    return WordTerms(schema::kOrgWord, n.value);
  }
  return Unknown(n, "Unknown field \"" + f + "\".");
}

// Every word of `text` as a `prefix`+term (requester or organisation name words).
Q QueryBuilder::WordTerms(std::string_view prefix, const std::string& text) {
  std::vector<Q> all;
  for (const auto& t : analyzer_.Analyze(text)) all.push_back(Term(prefix, t.term));
  if (all.empty()) return Q::MatchNothing;
  return Combine(Q::OP_AND, all);
}

Q QueryBuilder::Assignee(const Node& n) {
  const std::string value(Trim(n.value));
  const std::string lower = AsciiLower(value);
  const domain::Id ws = who_.workspace_id;
  if (lower == "me") return Term(schema::kAssignee, std::to_string(who_.agent_id));
  if (lower == "none") return Term(schema::kAssignee, "none");
  if (auto id = PositiveInt(value)) return Term(schema::kAssignee, std::to_string(*id));
  if (value.find('@') != std::string::npos) {
    auto agent = tx_.FindAgentByEmail(ws, FoldCase(value));
    if (agent.ok()) return Term(schema::kAssignee, std::to_string(agent->id));
    return Unknown(n, "There is no agent \"" + value + "\" in this workspace.");
  }
  const std::string folded = FoldCase(value);
  services::PageRequest page;
  page.limit = 100;
  for (;;) {
    auto agents = tx_.ListAgents(ws, page);
    if (!agents.ok()) break;
    for (const auto& a : agents->items) {
      if (FoldCase(a.name) == folded) return Term(schema::kAssignee, std::to_string(a.id));
    }
    if (!agents->next) break;
    page.cursor = agents->next;
  }
  return Unknown(n, "There is no agent \"" + value + "\" in this workspace.");
}

Q QueryBuilder::Group(const Node& n) {
  const std::string value(Trim(n.value));
  if (AsciiLower(value) == "none") return Term(schema::kGroup, "none");
  const std::string folded = FoldCase(value);
  auto id = PositiveInt(value);
  services::PageRequest page;
  page.limit = 100;
  for (;;) {
    auto groups = tx_.ListGroups(who_.workspace_id, page);
    if (!groups.ok()) break;
    for (const auto& g : groups->items) {
      if ((id && g.id == *id) || FoldCase(g.name) == folded) {
        return Term(schema::kGroup, std::to_string(g.id));
      }
    }
    if (!groups->next) break;
    page.cursor = groups->next;
  }
  return Unknown(n, "There is no group \"" + value + "\" in this workspace.");
}

Q QueryBuilder::Requester(const Node& n) {
  const std::string value(Trim(n.value));
  if (LooksLikeEmail(value)) {
    auto c = tx_.FindContactByIdentity(who_.workspace_id, domain::Identity::Kind::kEmail,
                                       FoldCase(value));
    if (c.ok()) return Term(schema::kRequester, std::to_string(c->id));
  }
  return WordTerms(schema::kRequesterWord, value);
}

}  // namespace sahayak::search
