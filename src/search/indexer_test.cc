// The indexer on a real SQLite database (changed through the real services) and a real
// Xapian index in a temporary folder.
#include "search/indexer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "search/documents.h"
#include "search/reader_pool.h"
#include "search/schema.h"
#include "services/people/people_service.h"
#include "services/tickets/ticket_service.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::search {
namespace {

using nlohmann::json;
using services::Principal;
using services::WriteTx;

class IndexerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                  services::Workspace w;
                  w.name = "Demo";
                  RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                  who_.workspace_id = w.id;
                  domain::Agent a;
                  a.workspace_id = w.id;
                  a.name = "Kavya";
                  a.email = "kavya@example.in";
                  a.role = domain::Role::kAdmin;
                  RETURN_IF_ERROR(tx.InsertAgent(&a));
                  who_.agent_id = a.id;
                  who_.name = a.name;
                  who_.role = a.role;
                  return Status::Ok();
                }).ok());
  }

  template <typename Fn>
  Status Write(Fn fn) {
    return store_->Write([&](WriteTx& tx) -> Status { return fn(tx); });
  }

  domain::Ticket Create(const std::string& subject, const std::string& body,
                        const std::string& email, const std::string& name = "Ravi") {
    services::TicketCreate c;
    c.subject = subject;
    c.message.body = body;
    c.requester.email = email;
    c.requester.name = name;
    domain::Ticket t;
    Status st = Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(t, tickets_.Create(tx, who_, c));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return t;
  }

  std::unique_ptr<Indexer> OpenIndexer(const std::string& path) {
    auto ix = Indexer::Open(path, store_.get());
    EXPECT_TRUE(ix.ok()) << ix.status().ToString();
    return ix.ok() ? std::move(ix).value() : nullptr;
  }

  int64_t CatchUp(Indexer& ix) {
    auto n = ix.CatchUp();
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() ? *n : -1;
  }

  json TicketData(const std::string& path, domain::Id id) {
    Xapian::Database db(path);
    auto p = db.postlist_begin(TicketIdTerm(id));
    if (p == db.postlist_end(TicketIdTerm(id))) return nullptr;
    return json::parse(db.get_document(*p).get_data());
  }

  // Every document's terms, by its id term: what two indexes must agree on.
  // The lexicon (search/lexicon.h): every stem's and sound key's words.
  std::map<std::string, std::set<std::string>> AllSynonyms(const std::string& path) {
    Xapian::Database db(path);
    std::map<std::string, std::set<std::string>> out;
    for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) {
      out[*k] = {db.synonyms_begin(*k), db.synonyms_end(*k)};
    }
    return out;
  }

  std::map<std::string, std::set<std::string>> AllTerms(const std::string& path) {
    Xapian::Database db(path);
    std::map<std::string, std::set<std::string>> out;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
      Xapian::Document d = db.get_document(*p);
      std::set<std::string> terms(d.termlist_begin(), d.termlist_end());
      std::string id;
      for (const auto& t : terms) {
        if (t.size() > 1 && t[0] == 'Q') id = t;
      }
      out[id] = std::move(terms);
    }
    return out;
  }

  std::string IndexPath() const { return dir_.path() + "/search"; }

  sahayak::testing::TempDir dir_;
  sahayak::testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  services::TicketService tickets_{clock_};
  services::PeopleService people_{clock_};
  Principal who_;
};

TEST_F(IndexerTest, ANewIndexOnAnEmptyDatabaseIsCurrent) {
  auto ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  EXPECT_FALSE(ix->needs_rebuild());
  EXPECT_EQ(CatchUp(*ix), 0);
}

TEST_F(IndexerTest, CatchUpIndexesNewTicketsAndKeepsTheCursor) {
  auto ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  domain::Ticket a = Create("पार्सल नहीं मिला", "मेरा पार्सल कहाँ है?", "ravi@example.in");
  domain::Ticket b = Create("Invoice copy", "Please send the invoices for March", "meena@example.in",
                            "Meena");
  EXPECT_GT(CatchUp(*ix), 0);
  {
    Xapian::Database db(IndexPath());
    EXPECT_TRUE(db.term_exists(TicketIdTerm(a.id)));
    EXPECT_TRUE(db.term_exists(TicketIdTerm(b.id)));
    EXPECT_TRUE(db.term_exists("पार्सल")) << "the Hindi word is a term";
    EXPECT_EQ(LexiconWords(db, "Zinvoic"), (std::vector<std::string>{"invoice", "invoices"}))
        << "the lexicon leads from a stem to its words";
    EXPECT_EQ(LexiconWords(db, "XPprsl"), (std::vector<std::string>{"पार्सल"}))
        << "and from a sound key to its words";
    EXPECT_EQ(db.get_termfreq("XTticket"), 2u);
    EXPECT_EQ(db.get_termfreq("XTcontact"), 2u) << "the new requesters are contacts";
    EXPECT_EQ(TicketData(IndexPath(), b.id)["requester"]["name"], "Meena");
  }
  auto stats = ReadIndexStats(IndexPath());
  ASSERT_TRUE(stats.ok());
  domain::Id max_outbox = 0;
  ASSERT_TRUE(store_->Read([&](services::ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(max_outbox, tx.MaxOutboxId());
                return Status::Ok();
              }).ok());
  EXPECT_EQ(stats->outbox_cursor, max_outbox);
  EXPECT_EQ(stats->schema_version, schema::kSchemaVersion);

  ix.reset();  // as after a restart: the cursor comes back from the index
  ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  EXPECT_FALSE(ix->needs_rebuild());
  EXPECT_EQ(CatchUp(*ix), 0) << "nothing is applied twice";
}

TEST_F(IndexerTest, CatchUpTwiceChangesNothing) {
  auto ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  Create("Parcel delayed", "Where is my parcel?", "ravi@example.in");
  CatchUp(*ix);
  auto before = AllTerms(IndexPath());
  EXPECT_EQ(CatchUp(*ix), 0);
  EXPECT_EQ(AllTerms(IndexPath()), before);
}

TEST_F(IndexerTest, RepliesUpdatesAndMergesReachTheIndex) {
  auto ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  domain::Ticket source = Create("Parcel delayed", "Where is my parcel?", "ravi@example.in");
  domain::Ticket target = Create("Delivery question", "When will it come?", "ravi@example.in");
  CatchUp(*ix);
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                services::NewMessage m;
                m.body = "ಪಾರ್ಸೆಲ್ ಇನ್ನೂ ಬಂದಿಲ್ಲ";
                RETURN_IF_ERROR(tickets_.AddMessage(tx, who_, target.id, m).status());
                services::TicketPatch p;
                p.status = domain::TicketStatus::kPending;
                p.add_tags = {"vip"};
                return tickets_.Update(tx, who_, target.id, p, std::nullopt).status();
              }).ok());
  CatchUp(*ix);
  {
    Xapian::Database db(IndexPath());
    EXPECT_TRUE(db.term_exists("ಪಾರ್ಸೆಲ್")) << "the Kannada reply is searchable";
    EXPECT_EQ(db.get_termfreq("XSpending"), 1u);
    EXPECT_EQ(db.get_termfreq("XSnew"), 1u) << "the old status term is gone";
    EXPECT_EQ(db.get_termfreq("XKvip"), 1u);
  }
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                return tickets_.Merge(tx, who_, source.id, target.id).status();
              }).ok());
  CatchUp(*ix);
  Xapian::Database db(IndexPath());
  EXPECT_FALSE(db.term_exists(TicketIdTerm(source.id))) << "a merged ticket leaves the index";
  auto p = db.postlist_begin(TicketIdTerm(target.id));
  ASSERT_NE(p, db.postlist_end(TicketIdTerm(target.id)));
  Xapian::Document d = db.get_document(*p);
  auto t = d.termlist_begin();
  t.skip_to("parcel");
  EXPECT_TRUE(t != d.termlist_end() && *t == "parcel")
      << "the source's messages are found on the target";
}

TEST_F(IndexerTest, AContactOrOrganisationChangeReachesItsTickets) {
  auto ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  domain::Organisation org;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                ASSIGN_OR_RETURN(org, people_.CreateOrganisation(
                                          tx, who_, {{"name", "Kaveri Traders"},
                                                     {"domains", {"kaveri.in"}}}));
                return Status::Ok();
              }).ok());
  domain::Ticket t = Create("Parcel delayed", "Where is my parcel?", "ravi@kaveri.in");
  CatchUp(*ix);
  EXPECT_EQ(TicketData(IndexPath(), t.id)["requester"]["name"], "Ravi");
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                RETURN_IF_ERROR(people_.UpdateContact(tx, who_, t.requester_id,
                                                      {{"name", "Ravi Shankar"}}, std::nullopt)
                                    .status());
                return people_.UpdateOrganisation(tx, who_, org.id, {{"name", "Cauvery Traders"}},
                                                  std::nullopt)
                    .status();
              }).ok());
  CatchUp(*ix);
  EXPECT_EQ(TicketData(IndexPath(), t.id)["requester"]["name"], "Ravi Shankar");
  Xapian::Database db(IndexPath());
  EXPECT_TRUE(db.term_exists("XRWshankar")) << "the ticket finds by the new requester name";
  EXPECT_TRUE(db.term_exists("XOWcauvery")) << "and by the new organisation name";
  EXPECT_FALSE(db.term_exists("XOWkaveri"));
  EXPECT_TRUE(db.term_exists(OrganisationIdTerm(org.id)));
}

TEST_F(IndexerTest, ALostIndexNeedsARebuildAndTheRebuildMatchesCatchUp) {
  auto ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  domain::Ticket a = Create("पार्सल नहीं मिला", "मेरा पार्सल कहाँ है?", "ravi@example.in");
  domain::Ticket b = Create("Invoice copy", "Please send the invoice", "meena@example.in");
  Create("Refund", "I want my money back", "ravi@example.in");
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                return tickets_.Merge(tx, who_, a.id, b.id).status();
              }).ok());
  CatchUp(*ix);
  auto incremental = AllTerms(IndexPath());

  const std::string other = dir_.path() + "/other";
  auto fresh = OpenIndexer(other);
  ASSERT_NE(fresh, nullptr);
  EXPECT_TRUE(fresh->needs_rebuild()) << "a new index beside a full database";
  EXPECT_FALSE(fresh->CatchUp().ok()) << "catching up cannot fill a new index";
  std::vector<std::pair<int64_t, int64_t>> calls;
  auto summary = fresh->Rebuild([&](int64_t done, int64_t total) { calls.push_back({done, total}); });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_FALSE(fresh->needs_rebuild());
  EXPECT_EQ(summary->documents, 4) << "two tickets (one was merged) and two contacts";
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back().first, calls.back().second);
  EXPECT_GT(summary->bytes, 0);
  EXPECT_GT(summary->merge_seconds, 0) << "the shards were merged";
  EXPECT_LE(summary->merge_seconds, summary->seconds) << "as part of the rebuild";
  EXPECT_EQ(AllTerms(other), incremental);
  EXPECT_EQ(CatchUp(*fresh), 0) << "the rebuild's cursor covers what it read";
}

TEST_F(IndexerTest, ARebuildInManySmallShardsMatchesCatchUp) {
  auto ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  Create("पार्सल नहीं मिला", "मेरा पार्सल कहाँ है?", "ravi@example.in");
  Create("Invoice copy", "Please send the invoices for March", "meena@example.in");
  Create("ಪಾರ್ಸೆಲ್ ಬಂದಿಲ್ಲ", "ನನ್ನ ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ?", "asha@example.in");
  Create("Refund", "I want my money back", "ravi@example.in");
  Create("parcel nahi mila", "AWB 12345 ka status batao", "meena@example.in");
  CatchUp(*ix);

  const std::string other = dir_.path() + "/other";
  auto fresh = OpenIndexer(other);
  ASSERT_NE(fresh, nullptr);
  fresh->set_shard_documents(2);
  auto summary = fresh->Rebuild();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->documents, 8) << "five tickets and three contacts, two to a shard";
  EXPECT_EQ(AllTerms(other), AllTerms(IndexPath()));
  const auto lexicon = AllSynonyms(IndexPath());
  EXPECT_EQ(AllSynonyms(other), lexicon) << "compact() unites the shards' lexicons";
  EXPECT_EQ(lexicon.at("XPprsl"), (std::set<std::string>{"parcel", "पार्सल"}));
  EXPECT_EQ(lexicon.at("Zinvoic"), (std::set<std::string>{"invoice", "invoices"}));
  EXPECT_EQ(lexicon.count("Zಪಾರ್ಸೆಲ"), 1u) << "Kannada stems too";
  EXPECT_FALSE(std::filesystem::exists(other + ".parts")) << "the shards are cleaned up";
}

TEST_F(IndexerTest, ARebuildOfAnEmptyDatabaseGivesAnEmptyCurrentIndex) {
  auto ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  auto summary = ix->Rebuild();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->documents, 0);
  EXPECT_FALSE(ix->needs_rebuild());
  EXPECT_TRUE(AllTerms(IndexPath()).empty());
}

TEST_F(IndexerTest, ChangesDuringOrAfterARebuildAreCaughtUp) {
  Create("Parcel delayed", "Where is my parcel?", "ravi@example.in");
  auto ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  ASSERT_TRUE(ix->needs_rebuild());
  const uint64_t before = IndexGeneration(IndexPath());
  ASSERT_TRUE(ix->Rebuild().ok());
  const uint64_t after = IndexGeneration(IndexPath());
  EXPECT_NE(before, after) << "readers see the swap";
  domain::Ticket late = Create("Wrong address", "The address is wrong", "meena@example.in");
  EXPECT_GT(CatchUp(*ix), 0);
  EXPECT_EQ(IndexGeneration(IndexPath()), after) << "a commit is no swap";
  Xapian::Database db(IndexPath());
  EXPECT_TRUE(db.term_exists(TicketIdTerm(late.id)));
  EXPECT_FALSE(std::filesystem::exists(IndexPath() + ".new"));
  EXPECT_FALSE(std::filesystem::exists(IndexPath() + ".old"));
}

TEST_F(IndexerTest, ASecondWriterIsRefusedClearly) {
  auto ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  auto second = Indexer::Open(IndexPath(), store_.get());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Code::kUnavailable);
  EXPECT_EQ(second.status().kind(), "index-locked");
  EXPECT_TRUE(ReadIndexStats(IndexPath()).ok()) << "readers are welcome meanwhile";
}

TEST_F(IndexerTest, AnOldSchemaNeedsARebuild) {
  Create("Parcel delayed", "Where is my parcel?", "ravi@example.in");
  {
    Xapian::WritableDatabase db(IndexPath(), Xapian::DB_CREATE_OR_OPEN);
    db.set_metadata(std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion - 1));
    db.commit();
  }
  auto ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  EXPECT_TRUE(ix->needs_rebuild());
  ASSERT_TRUE(ix->Rebuild().ok());
  auto stats = ReadIndexStats(IndexPath());
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->schema_version, schema::kSchemaVersion);
  EXPECT_EQ(stats->tickets, 1);
}

TEST_F(IndexerTest, AStoppedRebuildLeavesTheOldIndex) {
  Create("Parcel delayed", "Where is my parcel?", "ravi@example.in");
  auto ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  ASSERT_TRUE(ix->Rebuild().ok());
  const uint64_t generation = IndexGeneration(IndexPath());
  std::atomic<bool> stop{true};
  auto r = ix->Rebuild(nullptr, &stop);
  EXPECT_EQ(r.status().code(), Code::kAborted);
  EXPECT_EQ(IndexGeneration(IndexPath()), generation);
  EXPECT_FALSE(std::filesystem::exists(IndexPath() + ".new"));
  EXPECT_EQ(CatchUp(*ix), 0) << "the index stays usable";
}

TEST_F(IndexerTest, SearchersAreToldHowFarTheFirstBuildHasCome) {
  Create("Parcel delayed", "Where is my parcel?", "ravi@example.in");
  Create("Invoice copy", "Please send the invoice", "meena@example.in");
  auto ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  ASSERT_TRUE(ix->needs_rebuild());
  auto search = [&] {
    return WithReader(IndexPath(), [](Xapian::Database&) { return Status::Ok(); });
  };
  // The index folder exists (the indexer holds its lock) but nothing is built yet: searching
  // it would say "no results" for every query, so readers are told to come back.
  Status before = search();
  EXPECT_EQ(before.code(), Code::kUnavailable);
  EXPECT_EQ(before.kind(), "index-building");
  EXPECT_FALSE(RebuildInProgress(IndexPath()).has_value());

  std::vector<Status> during;
  std::vector<std::pair<int64_t, int64_t>> seen;
  ASSERT_TRUE(ix->Rebuild([&](int64_t done, int64_t total) {
                  during.push_back(search());
                  auto state = RebuildInProgress(IndexPath());
                  if (state) seen.push_back({state->done, state->total});
                }).ok());
  ASSERT_FALSE(during.empty());
  EXPECT_EQ(during.front().kind(), "index-building");
  EXPECT_NE(during.front().message().find("being built: "), std::string::npos)
      << during.front().message();
  EXPECT_NE(during.front().message().find(" of 4 documents"), std::string::npos)
      << "two tickets and two contacts: " << during.front().message();
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().second, 4);
  EXPECT_TRUE(search().ok()) << "answers as soon as the build is swapped in";
  EXPECT_FALSE(RebuildInProgress(IndexPath()).has_value());
}

TEST_F(IndexerTest, ARebuildKilledHalfwayLeavesTheOldIndexWhole) {
  Create("Parcel delayed", "Where is my parcel?", "ravi@example.in");
  {
    auto ix = OpenIndexer(IndexPath());
    ASSERT_NE(ix, nullptr);
    ASSERT_TRUE(ix->Rebuild().ok());
  }
  const uint64_t generation = IndexGeneration(IndexPath());
  // What a kill -9 during the next rebuild leaves: shards, and a new index that already
  // carries the schema version (killed after the compaction, before the swap).
  Create("Refund", "I want my money back", "meena@example.in");
  std::filesystem::create_directories(IndexPath() + ".parts");
  for (const char* left : {".parts/0", ".new"}) {
    Xapian::WritableDatabase half(IndexPath() + left, Xapian::DB_CREATE_OR_OPEN);
    Xapian::Document d;
    d.add_boolean_term(TicketIdTerm(999));
    half.add_document(d);
    half.set_metadata(std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion));
    half.commit();
  }
  auto ix = OpenIndexer(IndexPath());
  ASSERT_NE(ix, nullptr);
  EXPECT_FALSE(ix->needs_rebuild()) << "the old index is whole";
  EXPECT_EQ(IndexGeneration(IndexPath()), generation) << "the half-built one is not swapped in";
  EXPECT_FALSE(std::filesystem::exists(IndexPath() + ".new"));
  EXPECT_FALSE(std::filesystem::exists(IndexPath() + ".parts"));
  EXPECT_GT(CatchUp(*ix), 0) << "and catches up with what changed meanwhile";
  Xapian::Database db(IndexPath());
  EXPECT_EQ(db.get_termfreq(schema::Term(schema::kType, "ticket")), 2);
  EXPECT_FALSE(db.term_exists(TicketIdTerm(999)));
}

}  // namespace
}  // namespace sahayak::search
