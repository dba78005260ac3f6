// XapianSearchService on a real SQLite store and a real Xapian index fed by the real Indexer:
// words in three scripts, phrases, prefixes, operators, sorting, paging, facets, snippets,
// and the permission rule. Field filters are in searcher_fields_test.cc.
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"
// After the three above (see its header comment).
#include "search/searcher_test_util.h"

namespace sahayak::search {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

TEST_F(SearcherTest, FindsEnglishWordsAndTheirStems) {
  auto parcel = Ticket("Parcel delayed", "My parcels have not arrived since Monday");
  auto invoice = Ticket("Invoice copy", "Please send the invoice for October");
  Index();
  EXPECT_THAT(Ids("parcel"), ElementsAre(parcel.id));
  EXPECT_THAT(Ids("parcels"), ElementsAre(parcel.id));
  EXPECT_THAT(Ids("arrive"), ElementsAre(parcel.id)) << "arrived → arriv ← arrive";
  EXPECT_THAT(Ids("INVOICE"), ElementsAre(invoice.id));
  EXPECT_THAT(Ids("refund"), ElementsAre());
}

TEST_F(SearcherTest, FindsHindiAndKannadaWordsWhole) {
  auto hindi = Ticket("मेरा पार्सल कहाँ है?", "तीन दिन से इंतज़ार कर रहा हूँ");
  auto kannada = Ticket("ನನ್ನ ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ?", "ಮೂರು ದಿನಗಳಿಂದ ಕಾಯುತ್ತಿದ್ದೇನೆ");
  auto english = Ticket("Invoice copy", "Please send the invoice");
  Index();
  auto hi = IdSet("पार्सल");
  EXPECT_TRUE(hi.count(hindi.id));
  EXPECT_FALSE(hi.count(kannada.id));
  EXPECT_FALSE(hi.count(english.id));
  EXPECT_THAT(Ids("ಪಾರ್ಸೆಲ್"), ElementsAre(kannada.id));
  EXPECT_THAT(Ids("ಎಲ್ಲಿದೆ"), ElementsAre(kannada.id));
  // A naive tokeniser splits पार्सल into प / र / सल; none of them is a word here.
  EXPECT_THAT(Ids("सल"), ElementsAre());
  EXPECT_THAT(Ids("ಸೆಲ್"), ElementsAre());
  // The nukta spelling finds the plain one.
  EXPECT_THAT(Ids("इंतजार"), ElementsAre(hindi.id));
}

TEST_F(SearcherTest, PhrasesPrefixesOrAndNot) {
  auto parcel = Ticket("Parcel delayed at hub", "The parcel arrived broken");
  auto invoice = Ticket("Invoice copy", "Please send the invoice");
  auto kannada = Ticket("ನನ್ನ ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ?", "ಇನ್ನೂ ಬಂದಿಲ್ಲ");
  Index();
  EXPECT_THAT(Ids("\"parcel delayed\""), ElementsAre(parcel.id));
  EXPECT_THAT(Ids("\"delayed parcel\""), ElementsAre());
  EXPECT_THAT(Ids("invo*"), ElementsAre(invoice.id));
  EXPECT_THAT(Ids("ಪಾರ್*"), ElementsAre(kannada.id));
  EXPECT_THAT(IdSet("invoice OR ಪಾರ್ಸೆಲ್"), UnorderedElementsAre(invoice.id, kannada.id));
  EXPECT_THAT(Ids("parcel invoice"), ElementsAre()) << "words are all required";
  EXPECT_THAT(Ids("parcel -broken"), ElementsAre());
  EXPECT_THAT(Ids("parcel NOT invoice"), ElementsAre(parcel.id));
  // A query of negations alone: everything visible but that.
  EXPECT_THAT(IdSet("-invoice"), UnorderedElementsAre(parcel.id, kannada.id));
}

TEST_F(SearcherTest, InternalNotesAreSearchableByAgents) {
  auto t = Ticket("Address change", "Please deliver to my office");
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                services::NewMessage note;
                note.body = "Customer flagged as chargeback risk";
                note.is_public = false;
                return tickets_.AddMessage(tx, asha_, t.id, note).status();
              }).ok());
  Index();
  EXPECT_THAT(Ids("chargeback"), ElementsAre(t.id));
}

TEST_F(SearcherTest, SortsByRelevanceAndByTime) {
  auto older = Ticket("Parcel lost", "parcel parcel parcel never came, the parcel is lost");
  clock_.Advance(3600 * 1000);
  auto newer = Ticket("Damaged box", "the parcel box was damaged");
  clock_.Advance(3600 * 1000);
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                services::TicketPatch p;
                p.priority = domain::Priority::kHigh;
                return tickets_.Update(tx, asha_, older.id, p, std::nullopt).status();
              }).ok());
  Index();
  auto relevance = Find("parcel");
  ASSERT_EQ(relevance.hits.size(), 2u);
  EXPECT_EQ(relevance.hits[0].id, older.id) << "the ticket about parcels ranks first";
  EXPECT_GT(relevance.hits[0].score, relevance.hits[1].score);
  auto by = [](services::SearchSort s) { return [s](SearchRequest& r) { r.sort = s; }; };
  EXPECT_THAT(Ids("parcel", by(services::SearchSort::kNewest)), ElementsAre(newer.id, older.id));
  EXPECT_THAT(Ids("parcel", by(services::SearchSort::kOldest)), ElementsAre(older.id, newer.id));
  EXPECT_THAT(Ids("parcel", by(services::SearchSort::kUpdated)), ElementsAre(older.id, newer.id));
}

// Filters only (and "newest") are paged from the newest creation months (NewestMonths): the
// pages must be exactly those of sorting every match, across months, years, and tickets older
// than the widest window.
TEST_F(SearcherTest, FiltersOnlyPagesNewestFirstAcrossMonthsAndYears) {
  std::vector<domain::Ticket> high;
  const Millis start = clock_.Now();
  for (int i = 0; i < 48; ++i) {
    clock_.Set(start + i * 50LL * 86'400'000);  // every 50 days: 79 months in all
    auto t = Ticket("Parcel " + std::to_string(i), "parcel update",
                    [&](services::TicketCreate& c) {
                      if (i % 3 != 1) c.priority = domain::Priority::kHigh;
                    });
    if (i % 3 != 1) high.push_back(t);
  }
  clock_.Advance(86'400'000);
  Index();
  std::vector<domain::Id> want;
  for (auto it = high.rbegin(); it != high.rend(); ++it) want.push_back(it->id);
  auto page_through = [&](const std::string& q, int limit, services::SearchSort sort) {
    std::vector<domain::Id> got;
    std::string cursor;
    for (int pages = 0; pages < 100; ++pages) {
      auto res = Find(q, [&](SearchRequest& r) {
        r.limit = limit;
        r.cursor = cursor;
        r.sort = sort;
      });
      EXPECT_EQ(res.total, static_cast<int64_t>(want.size())) << q;
      for (const auto& h : res.hits) got.push_back(h.id);
      if (res.next_cursor.empty()) break;
      cursor = res.next_cursor;
    }
    return got;
  };
  for (int limit : {1, 3, 7, 100}) {
    EXPECT_THAT(page_through("priority:high", limit, services::SearchSort::kRelevance),
                ElementsAreArray(want))
        << "limit " << limit;
    EXPECT_THAT(page_through("parcel priority:high", limit, services::SearchSort::kNewest),
                ElementsAreArray(want))
        << "limit " << limit;
  }
  auto oldest = Ids("priority:high", [](SearchRequest& r) {
    r.sort = services::SearchSort::kOldest;
  });
  EXPECT_THAT(oldest, ElementsAreArray(want.rbegin(), want.rend()));
}

TEST_F(SearcherTest, CursorPagesWithoutDuplicatesAndBelongsToItsQuery) {
  std::set<domain::Id> made;
  for (int i = 0; i < 7; ++i) {
    made.insert(Ticket("Shipment " + std::to_string(i), "consignment update").id);
    clock_.Advance(1000);
  }
  Ticket("Unrelated", "invoice");
  Index();
  std::vector<domain::Id> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = Find("consignment", [&](SearchRequest& r) {
      r.limit = 3;
      r.cursor = cursor;
      r.sort = services::SearchSort::kNewest;
    });
    EXPECT_EQ(page.total, 7);
    EXPECT_TRUE(page.total_exact);
    for (const auto& h : page.hits) seen.push_back(h.id);
    cursor = page.next_cursor;
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(std::set<domain::Id>(seen.begin(), seen.end()), made);

  SearchRequest r;
  r.q = "consignment";
  r.limit = 3;
  auto first = search_->Search(asha_, r);
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->next_cursor.empty());
  for (const std::string& bad : {std::string("garbage!"), std::string("eyJ4IjoxfQ")}) {
    r.cursor = bad;
    auto res = search_->Search(asha_, r);
    ASSERT_FALSE(res.ok()) << bad;
    EXPECT_EQ(res.status().code(), Code::kInvalidArgument);
    ASSERT_EQ(res.status().fields().size(), 1u);
    EXPECT_EQ(res.status().fields()[0].field, "cursor");
  }
  r.cursor = first->next_cursor;
  r.q = "shipment";
  EXPECT_EQ(search_->Search(asha_, r).status().code(), Code::kInvalidArgument)
      << "a cursor continues only its own query";
  r.q = "consignment";
  r.sort = services::SearchSort::kOldest;
  EXPECT_EQ(search_->Search(asha_, r).status().code(), Code::kInvalidArgument)
      << "and only its own sort";
  r.sort = services::SearchSort::kRelevance;
  r.limit = 0;
  r.cursor.clear();
  EXPECT_EQ(search_->Search(asha_, r).status().fields()[0].field, "limit");
}

TEST_F(SearcherTest, FacetsCountTheMatchingTickets) {
  auto edit = [](domain::TicketStatus s, domain::Channel ch) {
    return [s, ch](services::TicketCreate& c) {
      c.status = s;
      c.channel = ch;
    };
  };
  Ticket("Late", "courier late", edit(domain::TicketStatus::kOpen, domain::Channel::kEmail));
  Ticket("Late again", "courier late", edit(domain::TicketStatus::kOpen, domain::Channel::kChat));
  Ticket("Late once more", "courier late",
         edit(domain::TicketStatus::kPending, domain::Channel::kChat));
  Ticket("Other", "invoice", edit(domain::TicketStatus::kPending, domain::Channel::kChat));
  Index();
  auto res = Find("courier", [](SearchRequest& r) {
    r.facets = true;
    r.limit = 1;
  });
  EXPECT_EQ(res.total, 3);
  EXPECT_EQ(res.facets["status"], (std::map<std::string, int64_t>{{"open", 2}, {"pending", 1}}));
  EXPECT_EQ(res.facets["channel"], (std::map<std::string, int64_t>{{"chat", 2}, {"email", 1}}));
  EXPECT_EQ(res.facets["priority"], (std::map<std::string, int64_t>{{"normal", 3}}));
  EXPECT_TRUE(Find("courier").facets.empty()) << "only when asked";
}

TEST_F(SearcherTest, SnippetsMarkMatchesAndEscapeHtml) {
  auto t = Ticket("Website form", "Hello <script>alert('x')</script> my parcel & box are lost");
  auto hi = Ticket("पार्सल की शिकायत", "मेरा पार्सल अभी तक नहीं आया।");
  auto kn = Ticket("ದೂರು", "ನನ್ನ ಪಾರ್ಸೆಲ್ ಇನ್ನೂ ಬಂದಿಲ್ಲ");
  Index();
  auto res = Find("parcel");
  ASSERT_FALSE(res.hits.empty());
  const auto& en = std::find_if(res.hits.begin(), res.hits.end(),
                                [&](const auto& h) { return h.id == t.id; })->snippet;
  EXPECT_THAT(en, HasSubstr("<mark>parcel</mark>"));
  EXPECT_THAT(en, HasSubstr("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  EXPECT_THAT(en, HasSubstr("&amp; box"));
  EXPECT_THAT(en, Not(HasSubstr("<script")));
  auto hres = Find("पार्सल");
  auto hit = std::find_if(hres.hits.begin(), hres.hits.end(),
                          [&](const auto& h) { return h.id == hi.id; });
  ASSERT_NE(hit, hres.hits.end());
  EXPECT_THAT(hit->snippet, HasSubstr("<mark>पार्सल</mark>"));
  EXPECT_EQ(hit->title, "पार्सल की शिकायत");
  auto kres = Find("ಪಾರ್ಸೆಲ್");
  ASSERT_EQ(kres.hits.size(), 1u);
  EXPECT_EQ(kres.hits[0].snippet, "ನನ್ನ <mark>ಪಾರ್ಸೆಲ್</mark> ಇನ್ನೂ ಬಂದಿಲ್ಲ");
  EXPECT_EQ(kres.hits[0].fields["number"], kn.number);
  EXPECT_EQ(kres.hits[0].fields["status"], "new");
}

TEST_F(SearcherTest, SnippetsShowTheTicketAsItIsNowEvenBeforeTheIndexCatchesUp) {
  auto t = Ticket("Parcel late", "my parcel is late");
  Index();
  auto before = Find("parcel");
  ASSERT_EQ(before.hits.size(), 1u);
  EXPECT_EQ(before.hits[0].snippet, "my <mark>parcel</mark> is late");
  for (const char* internal : {"text", "ref", "version"}) {
    EXPECT_FALSE(before.hits[0].fields.contains(internal)) << internal;
  }
  // A reply the index has not caught up with yet: the snippet is read from the database and
  // already shows it.
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                services::NewMessage m;
                m.body = "the parcel reached the wrong hub";
                return tickets_.AddMessage(tx, asha_, t.id, m).status();
              }).ok());
  auto lagging = Find("parcel");
  ASSERT_EQ(lagging.hits.size(), 1u);
  EXPECT_THAT(lagging.hits[0].snippet, HasSubstr("the wrong hub"));
  Index();
  auto after = Find("parcel");
  ASSERT_EQ(after.hits.size(), 1u);
  EXPECT_EQ(after.hits[0].snippet, lagging.hits[0].snippet);
}

TEST_F(SearcherTest, NeverShowsAnotherWorkspaceOrAMergedTicket) {
  auto mine = Ticket("Parcel missing", "where is my parcel");
  auto theirs = Ticket("Parcel missing", "where is my parcel", nullptr, &other_ws_);
  auto source = Ticket("Zebra crossing parcel", "duplicate of the other one");
  auto target = Ticket("Target", "the real ticket");
  Index();
  EXPECT_THAT(IdSet("parcel"), UnorderedElementsAre(mine.id, source.id));
  EXPECT_THAT(IdSet("zebra"), UnorderedElementsAre(source.id));
  auto other = Find("parcel", nullptr, &other_ws_);
  ASSERT_EQ(other.hits.size(), 1u);
  EXPECT_EQ(other.hits[0].id, theirs.id);
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                return tickets_.Merge(tx, asha_, source.id, target.id).status();
              }).ok());
  Index();
  EXPECT_THAT(Ids("zebra"), Not(Contains(source.id))) << "the merged ticket is gone";
  EXPECT_THAT(Ids("duplicate"), ElementsAre(target.id)) << "its messages moved to the target";
  auto after = IdSet("parcel");
  EXPECT_TRUE(after.count(mine.id));
  EXPECT_FALSE(after.count(source.id));
  EXPECT_FALSE(after.count(theirs.id));
}

TEST_F(SearcherTest, ReportsProblemsInCodePointsAndListsNothingForAnEmptyQuery) {
  Ticket("Parcel", "parcel");
  Index();
  auto res = Find("पार्सल status:opne");
  ASSERT_FALSE(res.problems.empty());
  EXPECT_EQ(res.problems[0].code, "unknown-value");
  // The span is the value "opne": पार्सल is 6 code points (18 bytes), then " status:".
  EXPECT_EQ(res.problems[0].begin, 14u);
  EXPECT_EQ(res.problems[0].end, 18u);
  EXPECT_FALSE(res.canonical_query.empty());
  auto empty = Find("");
  EXPECT_TRUE(empty.hits.empty());
  EXPECT_EQ(empty.total, 0);
}

TEST_F(SearcherTest, UnavailableUntilTheIndexExists) {
  Ticket("Parcel", "parcel");
  SearchRequest r;
  r.q = "parcel";
  auto res = search_->Search(asha_, r);
  EXPECT_EQ(res.status().code(), Code::kUnavailable);
  Index();
  EXPECT_TRUE(search_->Search(asha_, r).ok());
}

TEST_F(SearcherTest, FindsContactsAndSuggests) {
  auto t = Ticket("Parcel", "parcel", [](services::TicketCreate& c) {
    c.requester.email = "meera@bluedart.example";
    c.requester.name = "Meera Iyer";
  });
  Index();
  auto res = Find("meera", [](SearchRequest& r) { r.types = {services::SearchType::kContact}; });
  ASSERT_EQ(res.hits.size(), 1u);
  EXPECT_EQ(res.hits[0].type, services::SearchType::kContact);
  EXPECT_EQ(res.hits[0].id, t.requester_id);
  EXPECT_EQ(res.hits[0].title, "Meera Iyer");

  auto by_number = search_->Suggest(asha_, "#" + std::to_string(t.number), 5);
  ASSERT_TRUE(by_number.ok()) << by_number.status().ToString();
  ASSERT_FALSE(by_number->empty());
  EXPECT_EQ(by_number->front().id, t.id);
  EXPECT_THAT(by_number->front().detail, HasSubstr("#" + std::to_string(t.number)));
  auto typed = search_->Suggest(asha_, "Mee", 5);
  ASSERT_TRUE(typed.ok());
  bool contact = false, ticket = false;
  for (const auto& s : *typed) {
    contact |= s.type == services::SearchType::kContact && s.title == "Meera Iyer";
    ticket |= s.type == services::SearchType::kTicket && s.id == t.id;
  }
  EXPECT_TRUE(contact);
  EXPECT_TRUE(ticket) << "the ticket's requester is Meera";
  auto org = search_->Suggest(asha_, "blued", 5);
  ASSERT_TRUE(org.ok());
  EXPECT_TRUE(std::any_of(org->begin(), org->end(), [&](const auto& s) {
    return s.type == services::SearchType::kOrganisation && s.id == org_id_;
  }));
  EXPECT_EQ(search_->Suggest(asha_, "x", 21).status().code(), Code::kInvalidArgument);
  EXPECT_TRUE(search_->Suggest(asha_, "   ", 5)->empty());
}

}  // namespace
}  // namespace sahayak::search
