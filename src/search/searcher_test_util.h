#pragma once

// The fixture of the searcher tests: a real SQLite store, tickets made through the real
// TicketService, indexed by the real Indexer into a real Xapian index, searched by
// XapianSearchService.
//
// REQUIRES: included by a *_test.cc after "store/sqlite/sqlite_store.h",
// "testing/fake_clock.h" and "testing/temp_dir.h" (only tests may reach into store/ and
// testing/, and scripts/check-layers checks that file by file).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "search/indexer.h"
#include "search/searcher.h"
#include "services/tickets/ticket_service.h"

namespace sahayak::search {

using services::Principal;
using services::SearchRequest;
using services::SearchResult;
using services::WriteTx;

class SearcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                  for (Principal* p : {&asha_, &other_ws_}) {
                    services::Workspace w;
                    w.name = p == &asha_ ? "Courier" : "Shop";
                    RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                    domain::Agent a;
                    a.workspace_id = w.id;
                    a.name = p == &asha_ ? "Asha Rao" : "Zoya";
                    a.email = p == &asha_ ? "asha@courier.example" : "zoya@shop.example";
                    RETURN_IF_ERROR(tx.InsertAgent(&a));
                    p->workspace_id = w.id;
                    p->agent_id = a.id;
                    p->name = a.name;
                  }
                  domain::Agent b;
                  b.workspace_id = asha_.workspace_id;
                  b.name = "Bhaskar";
                  b.email = "bhaskar@courier.example";
                  RETURN_IF_ERROR(tx.InsertAgent(&b));
                  bhaskar_id_ = b.id;
                  domain::Group g;
                  g.workspace_id = asha_.workspace_id;
                  g.name = "Quality Control";
                  RETURN_IF_ERROR(tx.InsertGroup(&g));
                  qc_group_ = g.id;
                  domain::Organisation org;
                  org.workspace_id = asha_.workspace_id;
                  org.name = "Bluedart Traders";
                  org.domains = {"bluedart.example"};
                  RETURN_IF_ERROR(tx.InsertOrganisation(&org));
                  org_id_ = org.id;
                  return Status::Ok();
                }).ok());
    SearcherOptions so;
    so.index_path = dir_.path() + "/search";
    // Every search of these tests runs split into slices, as a large index's do
    // (search/slices.h): the answers must be those of one match.
    so.slices = 3;
    so.slice_min_documents = 0;
    search_ = std::make_unique<XapianSearchService>(*store_, clock_, so);
  }

  Status Write(const std::function<Status(WriteTx&)>& fn) { return store_->Write(fn); }

  // A ticket of `who`'s workspace; `edit` may set more of the creation.
  domain::Ticket Ticket(const std::string& subject, const std::string& body,
                        const std::function<void(services::TicketCreate&)>& edit = nullptr,
                        const Principal* who = nullptr) {
    services::TicketCreate c;
    c.subject = subject;
    c.message.body = body;
    c.requester.email = "ravi@customer.example";
    c.requester.name = "Ravi Kumar";
    if (edit) edit(c);
    domain::Ticket t;
    Status st = Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(t, tickets_.Create(tx, who ? *who : asha_, c));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return t;
  }

  // Brings the index up to date with the database, as the server's indexing thread does.
  void Index() {
    if (!indexer_) {
      auto opened = Indexer::Open(dir_.path() + "/search", store_.get());
      ASSERT_TRUE(opened.ok()) << opened.status().ToString();
      indexer_ = std::move(opened).value();
      if (indexer_->needs_rebuild()) {  // as the server does on start
        auto rebuilt = indexer_->Rebuild();
        ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
      }
    }
    auto applied = indexer_->CatchUp();
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  }

  SearchResult Find(const std::string& q, const std::function<void(SearchRequest&)>& edit = nullptr,
                    const Principal* who = nullptr) {
    SearchRequest r;
    r.q = q;
    r.types = {services::SearchType::kTicket};
    r.limit = 100;
    if (edit) edit(r);
    auto res = search_->Search(who ? *who : asha_, r);
    EXPECT_TRUE(res.ok()) << q << ": " << res.status().ToString();
    return res.ok() ? std::move(res).value() : SearchResult{};
  }

  // The ids of the tickets `q` finds, in order.
  std::vector<domain::Id> Ids(const std::string& q,
                              const std::function<void(SearchRequest&)>& edit = nullptr) {
    std::vector<domain::Id> ids;
    for (const auto& h : Find(q, edit).hits) ids.push_back(h.id);
    return ids;
  }
  std::set<domain::Id> IdSet(const std::string& q) {
    auto v = Ids(q);
    return {v.begin(), v.end()};
  }

  sahayak::testing::TempDir dir_;
  sahayak::testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  services::TicketService tickets_{clock_};
  std::unique_ptr<Indexer> indexer_;
  std::unique_ptr<XapianSearchService> search_;
  Principal asha_, other_ws_;
  domain::Id bhaskar_id_ = 0, qc_group_ = 0, org_id_ = 0;
};

}  // namespace sahayak::search
