#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "search/query/query.h"

namespace sahayak::search::query {
namespace {

using Kind = Node::Kind;

// 2026-03-15T12:00:00Z.
constexpr int64_t kNow = 1773576000000;
constexpr int64_t kDayMs = 86400000;

ParsedQuery P(std::string_view q, int utc_offset_minutes = 330) {
  ParseOptions options;
  options.now_millis = kNow;
  options.utc_offset_minutes = utc_offset_minutes;
  return Parse(q, options);
}

std::string C(std::string_view q) {
  return P(q).Canonical();
}

std::vector<std::string> Codes(const ParsedQuery& p) {
  std::vector<std::string> codes;
  for (const Problem& problem : p.problems) codes.push_back(problem.code);
  return codes;
}

const Problem* Find(const ParsedQuery& p, std::string_view code) {
  for (const Problem& problem : p.problems) {
    if (problem.code == code) return &problem;
  }
  return nullptr;
}

std::string SpanText(std::string_view q, const Span& span) {
  return std::string(q.substr(span.begin, span.end - span.begin));
}

using Strings = std::vector<std::string>;

TEST(QueryParser, WordsInAnyScriptAreAndedInOrder) {
  const std::string q = "पार्सल ಪಾರ್ಸೆಲ್ late ORD-2231";
  const ParsedQuery p = P(q);
  ASSERT_TRUE(p.has_root);
  EXPECT_TRUE(p.problems.empty());
  ASSERT_EQ(p.root.kind, Kind::kAnd);
  ASSERT_EQ(p.root.children.size(), 4u);
  EXPECT_EQ(p.root.children[0].text, "पार्सल");
  EXPECT_EQ(p.root.children[1].text, "ಪಾರ್ಸೆಲ್");
  EXPECT_EQ(p.root.children[3].text, "ORD-2231");
  EXPECT_EQ(SpanText(q, p.root.children[1].span), "ಪಾರ್ಸೆಲ್");
  EXPECT_EQ(p.Canonical(), "पार्सल AND ಪಾರ್ಸೆಲ್ AND late AND ORD-2231");
}

TEST(QueryParser, JoinersAndSoftHyphensStayInsideTheirWord) {
  // Kannada keyboards type ZWNJ in ಆನ್‌ಲೈನ್; Hindi ones ZWJ in क्‍ष. Neither splits the word.
  for (const std::string q : {"ಆನ್\u200cಲೈನ್", "क्\u200dषतिग्रस्त", "deli\u00advery"}) {
    const ParsedQuery p = P(q);
    ASSERT_TRUE(p.has_root) << q;
    EXPECT_EQ(p.root.kind, Kind::kWord) << q << " → " << p.Canonical();
    EXPECT_EQ(p.root.text, q);
  }
  // A control character still separates.
  EXPECT_EQ(C("parcel\u0007late"), "parcel AND late");
}

TEST(QueryParser, EmptyAndBlankQueriesHaveNoRoot) {
  for (std::string_view q : {"", "   ", "\t\n", "()", "\"\""}) {
    const ParsedQuery p = P(q);
    EXPECT_FALSE(p.has_root) << q;
    EXPECT_EQ(p.Canonical(), "") << q;
  }
}

TEST(QueryParser, OrBindsTighterThanAndAndNotTightest) {
  EXPECT_EQ(C("a b OR c"), "a AND (b OR c)");
  EXPECT_EQ(C("a OR b c"), "(a OR b) AND c");
  EXPECT_EQ(C("NOT a OR b"), "NOT a OR b");
  EXPECT_EQ(C("NOT (a OR b) c"), "NOT (a OR b) AND c");
  EXPECT_EQ(C("(a b) OR c"), "(a AND b) OR c");
  const ParsedQuery p = P("a b OR c");
  ASSERT_EQ(p.root.kind, Kind::kAnd);
  ASSERT_EQ(p.root.children.size(), 2u);
  EXPECT_EQ(p.root.children[1].kind, Kind::kOr);
  const ParsedQuery n = P("NOT a OR b");
  ASSERT_EQ(n.root.kind, Kind::kOr);
  EXPECT_EQ(n.root.children[0].kind, Kind::kNot);
}

TEST(QueryParser, LowerCaseOperatorsAndPipesAreWords) {
  EXPECT_EQ(C("parcel and late or not"), "parcel AND and AND late AND or AND not");
  EXPECT_EQ(C("a|b"), "a|b");
  EXPECT_EQ(C("a | b"), "a AND | AND b");
}

TEST(QueryParser, GroupsAreFlattened) {
  EXPECT_EQ(C("a AND (b AND c)"), "a AND b AND c");
  EXPECT_EQ(C("(a OR (b OR c)) d"), "(a OR b OR c) AND d");
  EXPECT_EQ(C("((((a))))"), "a");
  EXPECT_EQ(P("a (b c)").root.children.size(), 3u);
}

TEST(QueryParser, PhrasesKeepTheirWordsInOrder) {
  const std::string q = "\"मेरा  पार्सल\" late";
  const ParsedQuery p = P(q);
  ASSERT_EQ(p.root.kind, Kind::kAnd);
  EXPECT_EQ(p.root.children[0].kind, Kind::kPhrase);
  EXPECT_EQ(p.root.children[0].text, "मेरा पार्सल");
  EXPECT_EQ(SpanText(q, p.root.children[0].span), "\"मेरा  पार्सल\"");
  EXPECT_EQ(p.Canonical(), "\"मेरा पार्सल\" AND late");
  EXPECT_EQ(C("\"status:open (x)\""), "\"status:open (x)\"") << "syntax inside quotes is text";
}

TEST(QueryParser, UnclosedQuoteRunsToTheEnd) {
  const std::string q = "late \"ನನ್ನ ಪಾರ್ಸೆಲ್";
  const ParsedQuery p = P(q);
  ASSERT_EQ(Codes(p), Strings{"unclosed-quote"});
  EXPECT_FALSE(p.problems[0].ignored);
  EXPECT_EQ(SpanText(q, p.problems[0].span), "\"ನನ್ನ ಪಾರ್ಸೆಲ್");
  EXPECT_EQ(p.Canonical(), "late AND \"ನನ್ನ ಪಾರ್ಸೆಲ್\"");
}

TEST(QueryParser, EmptyPhraseIsIgnored) {
  const ParsedQuery p = P("parcel \"  \"");
  EXPECT_EQ(Codes(p), Strings{"empty-value"});
  EXPECT_TRUE(p.problems[0].ignored);
  EXPECT_EQ(p.Canonical(), "parcel");
}

TEST(QueryParser, TrailingStarMakesAPrefix) {
  ParsedQuery p = P("पार्स*");
  EXPECT_EQ(p.root.kind, Kind::kPrefix);
  EXPECT_EQ(p.root.text, "पार्स");
  EXPECT_EQ(p.Canonical(), "पार्स*");
  p = P("a*b");
  EXPECT_EQ(p.root.kind, Kind::kWord);
  EXPECT_EQ(p.root.text, "a*b");
  EXPECT_EQ(C("parc**"), "parc*");
}

TEST(QueryParser, LoneStarIsIgnoredWithAProblem) {
  const std::string q = "parcel *";
  const ParsedQuery p = P(q);
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_TRUE(p.problems[0].ignored);
  EXPECT_EQ(SpanText(q, p.problems[0].span), "*");
  EXPECT_EQ(p.Canonical(), "parcel");
}

TEST(QueryParser, MinusNegatesWordsFieldsPhrasesAndGroups) {
  EXPECT_EQ(C("parcel -spam"), "parcel AND NOT spam");
  EXPECT_EQ(C("parcel -status:closed"), "parcel AND NOT status:closed");
  EXPECT_EQ(C("parcel -\"not delivered\""), "parcel AND NOT \"not delivered\"");
  EXPECT_EQ(C("parcel -(spam OR ad)"), "parcel AND NOT (spam OR ad)");
  EXPECT_EQ(C("parcel NOT spam"), "parcel AND NOT spam");
  EXPECT_EQ(C("ORD-2231"), "ORD-2231") << "a '-' inside a word is part of it";
  EXPECT_EQ(C("-(-parcel)"), "parcel") << "double negation cancels";
}

TEST(QueryParser, MinusBeforeAKeywordExcludesTheWord) {
  const ParsedQuery p = P("parcel -OR");
  ASSERT_EQ(p.root.kind, Kind::kAnd);
  ASSERT_EQ(p.root.children[1].kind, Kind::kNot);
  EXPECT_EQ(p.root.children[1].children[0].kind, Kind::kWord);
  EXPECT_EQ(p.root.children[1].children[0].text, "OR");
  EXPECT_EQ(p.Canonical(), "parcel AND NOT \"OR\"");
  EXPECT_EQ(C(p.Canonical()), p.Canonical());
}

TEST(QueryParser, LongRunsOfNegationsCancelInPairs) {
  EXPECT_EQ(C(std::string(900, '-') + "parcel"), "parcel");
  std::string nots;
  for (int i = 0; i < 201; ++i) nots += "NOT ";
  const ParsedQuery p = P(nots + "spam");
  ASSERT_EQ(p.root.kind, Kind::kNot);
  EXPECT_EQ(p.root.children[0].text, "spam");
}

TEST(QueryParser, DetachedMinusIsADanglingOperator) {
  const std::string q = "a - b";
  const ParsedQuery p = P(q);
  ASSERT_EQ(Codes(p), Strings{"dangling-operator"});
  EXPECT_EQ(SpanText(q, p.problems[0].span), "-");
  EXPECT_EQ(p.Canonical(), "a AND b");
}

TEST(QueryParser, OnlyNegativeQueryIsKeptWithAWarning) {
  ParsedQuery p = P("-spam");
  ASSERT_TRUE(p.has_root);
  EXPECT_EQ(p.root.kind, Kind::kNot);
  EXPECT_EQ(Codes(p), Strings{"only-negative"});
  EXPECT_FALSE(p.problems[0].ignored);
  p = P("-spam -status:closed");
  EXPECT_EQ(Codes(p), Strings{"only-negative"});
  EXPECT_EQ(p.Canonical(), "NOT spam AND NOT status:closed");
  EXPECT_TRUE(P("parcel -spam").problems.empty());
  EXPECT_TRUE(P("-(-parcel)").problems.empty());
}

TEST(QueryParser, UnbalancedParenthesesAreRecovered) {
  std::string q = "a) b";
  ParsedQuery p = P(q);
  ASSERT_EQ(Codes(p), Strings{"unbalanced-parenthesis"});
  EXPECT_TRUE(p.problems[0].ignored);
  EXPECT_EQ(p.problems[0].span.begin, 1u);
  EXPECT_EQ(p.Canonical(), "a AND b");

  q = "a (b OR c";
  p = P(q);
  ASSERT_EQ(Codes(p), Strings{"unbalanced-parenthesis"});
  EXPECT_FALSE(p.problems[0].ignored);
  EXPECT_EQ(p.problems[0].span.begin, 2u);
  EXPECT_EQ(p.Canonical(), "a AND (b OR c)");
}

TEST(QueryParser, DanglingOperatorsAreDropped) {
  struct Case {
    const char* query;
    const char* canonical;
  };
  for (const Case& c :
       {Case{"AND parcel", "parcel"}, Case{"parcel OR", "parcel"}, Case{"a AND AND b", "a AND b"},
        Case{"a OR OR b", "a OR b"}, Case{"OR", ""}, Case{"a NOT", "a"}, Case{"(OR a)", "a"},
        Case{"a AND OR b", "a AND b"}, Case{"(a AND) b", "a AND b"}}) {
    const ParsedQuery p = P(c.query);
    EXPECT_EQ(p.Canonical(), c.canonical) << c.query;
    ASSERT_FALSE(p.problems.empty()) << c.query;
    EXPECT_EQ(p.problems[0].code, "dangling-operator") << c.query;
  }
  EXPECT_TRUE(P("a AND b").problems.empty());
}

TEST(QueryParser, StatusValuesAreCanonicalAndCaseInsensitive) {
  ParsedQuery p = P("Status:Open");
  ASSERT_EQ(p.root.kind, Kind::kField);
  EXPECT_EQ(p.root.field, "status");
  EXPECT_EQ(p.root.value, "open");
  EXPECT_EQ(p.Canonical(), "status:open");
  EXPECT_EQ(C("STATUS:on-hold"), "status:on_hold");
  EXPECT_EQ(C("status:\"On Hold\""), "status:on_hold");
  EXPECT_EQ(C("status=solved"), "status:solved");
}

TEST(QueryParser, UnsolvedExpandsToAnOr) {
  const ParsedQuery p = P("status:unsolved");
  ASSERT_EQ(p.root.kind, Kind::kOr);
  std::vector<std::string> values;
  for (const Node& child : p.root.children) {
    EXPECT_EQ(child.kind, Kind::kField);
    EXPECT_EQ(child.field, "status");
    values.push_back(child.value);
  }
  EXPECT_EQ(values, (Strings{"new", "open", "pending", "on_hold"}));
  EXPECT_EQ(p.Canonical(), "status:unsolved");
  EXPECT_EQ(C("is:open"), "status:unsolved");
  EXPECT_EQ(C("parcel -is:open"), "parcel AND NOT status:unsolved");
}

TEST(QueryParser, EnumeratedFieldsAcceptTheirValues) {
  EXPECT_EQ(C("priority:URGENT type:complaint channel:Email"),
            "priority:urgent AND type:complaint AND channel:email");
  EXPECT_EQ(C("has:attachment"), "has:attachment");
  EXPECT_EQ(C("is:unassigned"), "assignee:none");
  EXPECT_EQ(C("is:mine"), "assignee:me");
  EXPECT_EQ(C("lang:HI language:kn"), "lang:hi AND lang:kn");
  EXPECT_EQ(C("organisation:Kaveri organization:12"), "org:Kaveri AND org:12");
}

TEST(QueryParser, AssigneeTakesMeNoneEmailIdOrQuotedName) {
  EXPECT_EQ(C("assignee:ME"), "assignee:me");
  EXPECT_EQ(C("assignee:none"), "assignee:none");
  EXPECT_EQ(C("assignee:asha@kaveri.in"), "assignee:asha@kaveri.in");
  EXPECT_EQ(C("assignee:४२"), "assignee:42");
  const ParsedQuery p = P("assignee:\"Asha  Rao\" parcel");
  ASSERT_EQ(p.root.kind, Kind::kAnd);
  EXPECT_EQ(p.root.children[0].value, "Asha Rao");
  EXPECT_EQ(p.Canonical(), "assignee:\"Asha Rao\" AND parcel");
}

TEST(QueryParser, GroupNamesMayBeQuoted) {
  const std::string q = "group:\"Quality Control\" -tag:vip";
  const ParsedQuery p = P(q);
  ASSERT_EQ(p.root.kind, Kind::kAnd);
  EXPECT_EQ(p.root.children[0].field, "group");
  EXPECT_EQ(p.root.children[0].value, "Quality Control");
  EXPECT_EQ(SpanText(q, p.root.children[0].span), "group:\"Quality Control\"");
  EXPECT_EQ(p.Canonical(), "group:\"Quality Control\" AND NOT tag:vip");
  EXPECT_EQ(C("group:\"Sales\""), "group:Sales");
  EXPECT_EQ(C("requester:\"रवि कुमार\""), "requester:\"रवि कुमार\"");
}

TEST(QueryParser, TicketNumbersAcceptIndianDigits) {
  for (std::string_view q : {"#1234", "number:1234", "#१२३४", "#೧೨೩೪", "number:०१२३४"}) {
    const ParsedQuery p = P(q);
    ASSERT_EQ(p.root.kind, Kind::kField) << q;
    EXPECT_EQ(p.root.field, "number") << q;
    EXPECT_EQ(p.root.value, "1234") << q;
    EXPECT_TRUE(p.problems.empty()) << q;
  }
  EXPECT_EQ(P("#vip").root.kind, Kind::kWord) << "a hashtag is a word";
  const ParsedQuery bad = P("number:12a");
  EXPECT_FALSE(bad.has_root);
  EXPECT_EQ(Codes(bad), Strings{"unknown-value"});
}

TEST(QueryParser, UnknownFieldIsSearchedAsTheWordTyped) {
  const std::string q = "foo:bar parcel";
  const ParsedQuery p = P(q);
  ASSERT_EQ(Codes(p), Strings{"unknown-field"});
  EXPECT_FALSE(p.problems[0].ignored);
  EXPECT_EQ(SpanText(q, p.problems[0].span), "foo:bar");
  EXPECT_NE(p.problems[0].message.find("\"foo\""), std::string::npos);
  ASSERT_EQ(p.root.kind, Kind::kAnd);
  EXPECT_EQ(p.root.children[0].kind, Kind::kWord);
  EXPECT_EQ(p.root.children[0].text, "foo:bar");
}

TEST(QueryParser, ColonsAndComparisonsStayInWords) {
  for (std::string_view q : {"10:30", "http://x.in/a", "a<b", "x=1", "status", "price>100"}) {
    const ParsedQuery p = P(q);
    ASSERT_TRUE(p.has_root) << q;
    EXPECT_EQ(p.root.kind, Kind::kWord) << q;
    EXPECT_EQ(p.root.text, q) << q;
    EXPECT_TRUE(p.problems.empty()) << q;
  }
}

TEST(QueryParser, UnknownValueIsIgnoredWithChoices) {
  const std::string q = "parcel status:opne";
  const ParsedQuery p = P(q);
  ASSERT_EQ(Codes(p), Strings{"unknown-value"});
  EXPECT_TRUE(p.problems[0].ignored);
  EXPECT_EQ(SpanText(q, p.problems[0].span), "opne");
  EXPECT_EQ(p.problems[0].message,
            "Unknown status \"opne\": use new, open, pending, on_hold, solved, closed or "
            "unsolved.");
  EXPECT_EQ(p.Canonical(), "parcel");
  for (std::string_view bad : {"priority:asap", "type:bug", "channel:fax", "has:photo", "is:x",
                               "lang:hindustani", "priority>high"}) {
    EXPECT_EQ(Codes(P(bad)), Strings{"unknown-value"}) << bad;
  }
}

TEST(QueryParser, EmptyValueIsIgnored) {
  const std::string q = "status: open";
  const ParsedQuery p = P(q);
  ASSERT_EQ(Codes(p), Strings{"empty-value"});
  EXPECT_EQ(SpanText(q, p.problems[0].span), "status:");
  EXPECT_EQ(p.Canonical(), "open");
  EXPECT_EQ(Codes(P("tag:\"\"")), Strings{"empty-value"});
}

struct DateCase {
  const char* query;
  Compare compare;
  int64_t millis;
  const char* canonical;
};

TEST(QueryParser, WholeDayDatesInTheSearchersZone) {
  const int64_t jan1 = 1767205800000;  // 2026-01-01T00:00+05:30
  const int64_t jan2 = 1767292200000;
  for (const DateCase& c : {
           DateCase{"created>2026-01-01", Compare::kGreaterOrEqual, jan2, "created>2026-01-01"},
           DateCase{"created>=2026-01-01", Compare::kGreaterOrEqual, jan1, "created>=2026-01-01"},
           DateCase{"created<2026-01-01", Compare::kLess, jan1, "created<2026-01-01"},
           DateCase{"created<=2026-1-1", Compare::kLess, jan2, "created<=2026-01-01"},
           DateCase{"Updated:>2026-01-01", Compare::kGreaterOrEqual, jan2, "updated>2026-01-01"},
           DateCase{"created>२०२६-०१-०१", Compare::kGreaterOrEqual, jan2, "created>2026-01-01"},
       }) {
    const ParsedQuery p = P(c.query);
    ASSERT_TRUE(p.has_root) << c.query;
    EXPECT_TRUE(p.problems.empty()) << c.query;
    EXPECT_EQ(p.root.kind, Kind::kDate) << c.query;
    EXPECT_EQ(p.root.compare, c.compare) << c.query;
    EXPECT_EQ(p.root.millis, c.millis) << c.query;
    EXPECT_EQ(p.Canonical(), c.canonical) << c.query;
  }
  EXPECT_EQ(P("created>2026-01-01", 0).root.millis, jan2 + 330 * 60000) << "UTC searcher";
}

TEST(QueryParser, DateWithColonMeansWithinThatPeriod) {
  struct Case {
    const char* query;
    int64_t from;
    int64_t to;
  };
  for (const Case& c : {Case{"created:2026-01-01", 1767205800000, 1767292200000},
                        Case{"created=2026-01", 1767205800000, 1769884200000},
                        Case{"created:2026", 1767205800000, 1798741800000},
                        Case{"updated:2024-02-29", 1709145000000, 1709231400000}}) {
    const ParsedQuery p = P(c.query);
    ASSERT_EQ(p.root.kind, Kind::kAnd) << c.query;
    ASSERT_EQ(p.root.children.size(), 2u);
    EXPECT_EQ(p.root.children[0].kind, Kind::kDate);
    EXPECT_EQ(p.root.children[0].compare, Compare::kGreaterOrEqual) << c.query;
    EXPECT_EQ(p.root.children[0].millis, c.from) << c.query;
    EXPECT_EQ(p.root.children[1].compare, Compare::kLess) << c.query;
    EXPECT_EQ(p.root.children[1].millis, c.to) << c.query;
  }
  EXPECT_EQ(C("created=2026-01"), "created:2026-01");
  EXPECT_EQ(C("parcel created:2026"), "parcel AND created:2026");
}

TEST(QueryParser, RelativeAgesCompareTheOtherWay) {
  for (const DateCase& c : {
           DateCase{"updated<7d", Compare::kGreaterOrEqual, kNow - 7 * kDayMs, "updated<7d"},
           DateCase{"updated:7d", Compare::kGreaterOrEqual, kNow - 7 * kDayMs, "updated<7d"},
           DateCase{"updated>7d", Compare::kLess, kNow - 7 * kDayMs, "updated>7d"},
           DateCase{"updated>=2w", Compare::kLessOrEqual, kNow - 14 * kDayMs, "updated>=2w"},
           DateCase{"created<12H", Compare::kGreaterOrEqual, kNow - 12 * 3600000, "created<12h"},
           DateCase{"created<3m", Compare::kGreaterOrEqual, kNow - 90 * kDayMs, "created<3m"},
           DateCase{"created>1y", Compare::kLess, kNow - 365 * kDayMs, "created>1y"},
           DateCase{"created<०७d", Compare::kGreaterOrEqual, kNow - 7 * kDayMs, "created<7d"},
       }) {
    const ParsedQuery p = P(c.query);
    ASSERT_EQ(p.root.kind, Kind::kDate) << c.query;
    EXPECT_EQ(p.root.compare, c.compare) << c.query;
    EXPECT_EQ(p.root.millis, c.millis) << c.query;
    EXPECT_EQ(p.Canonical(), c.canonical) << c.query;
  }
}

TEST(QueryParser, BadDatesAreIgnoredAndPointAtTheValue) {
  for (std::string_view value :
       {"2026-13-01", "2026-02-30", "2025-02-29", "yesterday", "7", "7x", "26-01-01", "2026-"}) {
    const std::string q = "parcel created>" + std::string(value);
    const ParsedQuery p = P(q);
    ASSERT_EQ(Codes(p), Strings{"bad-date"}) << q;
    EXPECT_TRUE(p.problems[0].ignored);
    EXPECT_EQ(SpanText(q, p.problems[0].span), value) << q;
    EXPECT_EQ(p.Canonical(), "parcel") << q;
  }
}

TEST(QueryParser, TooLongQueryIsCutOnACharacterBoundary) {
  std::string q;
  while (q.size() < 1200) q += "पार्सल ";  // 19 bytes a word
  const ParsedQuery p = P(q);
  const Problem* too_long = Find(p, "too-long");
  ASSERT_NE(too_long, nullptr);
  EXPECT_TRUE(too_long->ignored);
  EXPECT_LE(too_long->span.begin, kMaxQueryBytes);
  EXPECT_EQ(too_long->span.end, q.size());
  ASSERT_TRUE(p.has_root);
  for (const Node& child : p.root.children) {
    EXPECT_TRUE(std::string("पार्सल").find(child.text) == 0) << child.text;
  }
}

TEST(QueryParser, TooManyTermsKeepsTheFirst) {
  std::string q;
  for (int i = 0; i < 100; ++i) q += "w" + std::to_string(i) + " ";
  const ParsedQuery p = P(q);
  const Problem* problem = Find(p, "too-many-terms");
  ASSERT_NE(problem, nullptr);
  EXPECT_EQ(SpanText(q, problem->span).substr(0, 4), "w64 ");
  ASSERT_EQ(p.root.children.size(), kMaxQueryTerms);
  EXPECT_EQ(p.root.children.back().text, "w63");
}

size_t DepthOf(const Node& node) {
  size_t deepest = 0;
  for (const Node& child : node.children) deepest = std::max(deepest, DepthOf(child));
  return deepest + 1;
}

TEST(QueryParser, TooDeepNestingIsLimited) {
  std::string q;
  for (int i = 0; i < 30; ++i) q += "a" + std::to_string(i) + (i % 2 ? " OR (" : " (");
  q += "end";
  const ParsedQuery p = P(q);
  EXPECT_NE(Find(p, "too-deep"), nullptr);
  ASSERT_TRUE(p.has_root);
  EXPECT_LE(DepthOf(p.root), kMaxQueryDepth);
  EXPECT_EQ(C(p.Canonical()), p.Canonical());

  std::string nots;
  for (int i = 0; i < 40; ++i) nots += "-(a" + std::to_string(i) + " ";
  const ParsedQuery n = P(nots);
  EXPECT_LE(DepthOf(n.root), kMaxQueryDepth);
  EXPECT_EQ(C(n.Canonical()), n.Canonical());
}

TEST(QueryParser, InvalidUtf8IsRepairedAndTextIsNfc) {
  ParsedQuery p = P("parcel \xFF\xFE late");
  ASSERT_TRUE(p.has_root);
  EXPECT_EQ(p.root.children[1].text, "\xEF\xBF\xBD\xEF\xBF\xBD");
  p = P("cafe\xCC\x81");  // e + combining acute
  EXPECT_EQ(p.root.text, "caf\xC3\xA9");
  EXPECT_EQ(p.root.span.end, 5u) << "spans count bytes of the NFC text";
}

TEST(QueryParser, CombiningMarksStayWithTheirCharacter) {
  // A virama after "(" belongs to the parenthesis, not to the next word.
  ParsedQuery p = P("(\xE0\xA5\x8Dपार्सल)");
  EXPECT_EQ(p.root.text, "पार्सल");
  // A '-' followed by a combining mark is a character of a word, not a NOT.
  p = P("a -\xCC\x81x");
  ASSERT_EQ(p.root.kind, Kind::kAnd);
  EXPECT_EQ(p.root.children[1].kind, Kind::kWord);
  EXPECT_EQ(C(p.Canonical()), p.Canonical());
}

TEST(QueryParser, HighlightWordsSkipNegationsAndFields) {
  const ParsedQuery p = P("parcel \"मेरा पार्सल\" deliv* -spam status:open NOT (ad OR promo) parcel");
  EXPECT_EQ(p.HighlightWords(), (Strings{"parcel", "मेरा", "पार्सल", "deliv"}));
  EXPECT_TRUE(P("-spam").HighlightWords().empty());
}

TEST(QueryParser, CanonicalReadsBackTheSame) {
  for (std::string_view q : {
           "parcel late",
           "a b OR c -d",
           "Status:Open OR status:pending parcel",
           "group:\"Quality Control\" assignee:\"Asha Rao\" tag:vip",
           "created>2026-01-01 updated<7d created:2026-02",
           "-\"not delivered\" -(spam OR promo) #12 is:open is:unassigned",
           "foo:bar 10:30 http://x.in",
           "parcel -OR -AND -NOT",
           "#12a* #vip* status* \"AND\"",
           "((a OR b) (c OR (d e))) OR f",
           "पार्सल OR ಪಾರ್ಸೆಲ್ -\"देर से\" lang:hindi",
           "a)) ((b \"c",
       }) {
    const std::string once = C(q);
    EXPECT_EQ(C(once), once) << q;
    EXPECT_TRUE(P(once).problems.empty() || P(once).problems[0].code == "unknown-field" ||
                P(once).problems[0].code == "only-negative")
        << q << " -> " << once << ": " << P(once).problems[0].code;
  }
}

TEST(QueryParser, CanonicalOfAFullQueryStaysWithinTheLimit) {
  std::string q;
  for (int i = 0; i < 60; ++i) q += "is:open ";  // 480 bytes, but status:unsolved is longer
  const ParsedQuery p = P(q);
  const std::string canonical = p.Canonical();
  EXPECT_LE(canonical.size(), kMaxQueryBytes);
  EXPECT_EQ(C(canonical), canonical);
  EXPECT_NE(Find(p, "too-many-terms"), nullptr) << "each is:open is four terms";
}

TEST(QueryParser, GeneratedQueriesReadBackTheSame) {
  const std::vector<std::string> pieces = {"parcel",
                                           "पार्सल",
                                           "ಪಾರ್ಸೆಲ್",
                                           "AND",
                                           "OR",
                                           "NOT",
                                           "-",
                                           "(",
                                           ")",
                                           "\"",
                                           "*",
                                           "status:open",
                                           "is:open",
                                           "created>2026-01-01",
                                           "updated<7d",
                                           "created:2026",
                                           "#12",
                                           "#१२",
                                           "foo:bar",
                                           "a*",
                                           "group:\"Q  C\"",
                                           "\xCC\x81",
                                           "\xE0\xA5\x8D",
                                           "10:30",
                                           "tag:",
                                           "lang:xx",
                                           " ",
                                           " ",
                                           " "};
  std::mt19937 random(20260315);
  for (int i = 0; i < 3000; ++i) {
    std::string q;
    const size_t n = random() % 24;
    for (size_t k = 0; k < n; ++k) q += pieces[random() % pieces.size()];
    const ParsedQuery p = P(q);
    const std::string canonical = p.Canonical();
    EXPECT_EQ(C(canonical), canonical) << q;
    EXPECT_LE(canonical.size(), kMaxQueryBytes) << q;
    if (p.has_root) {
      EXPECT_LE(DepthOf(p.root), kMaxQueryDepth) << q;
    }
    for (const Problem& problem : p.problems) {
      EXPECT_LE(problem.span.begin, problem.span.end) << q;
      EXPECT_LE(problem.span.end, q.size()) << q;  // the pieces are NFC
    }
  }
}

TEST(QueryParser, ProblemsAreCapped) {
  const ParsedQuery p = P(std::string(500, ')') + " a");
  EXPECT_LE(p.problems.size(), 32u);
  EXPECT_EQ(p.Canonical(), "a");
}

}  // namespace
}  // namespace sahayak::search::query
