// CommerceService on a real SQLite store and blob folder with a fake clock: orders, invoices
// and contracts (who may write, bodies refused whole, versions), contracts setting their
// organisation's tier, numbers found in tickets' text, and what a portal customer may see.
#include "services/commerce/commerce_service.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "services/tickets/mentions.h"
#include "store/file_blob_store.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/status_fields.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using nlohmann::json;

class CommerceServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    blobs_ = std::make_unique<store::FileBlobStore>(dir_.path() + "/blobs");
    clock_.Set(1'796'000'000'000);  // 2026-11-30T00:53Z: 30 November in Asia/Kolkata
    tickets_ = std::make_unique<TicketService>(clock_);
    service_ = std::make_unique<CommerceService>(clock_, *tickets_, *blobs_);
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      Workspace w;
                      w.name = "Demo";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      admin_.workspace_id = agent_.workspace_id = w.id;
                      admin_.role = domain::Role::kAdmin;
                      agent_.role = domain::Role::kAgent;
                      domain::Organisation org;
                      org.workspace_id = w.id;
                      org.name = "Kaveri Textiles";
                      org.created_at = org.updated_at = clock_.Now();
                      RETURN_IF_ERROR(tx.InsertOrganisation(&org));
                      org_id_ = org.id;
                      domain::Agent a;
                      a.workspace_id = w.id;
                      a.name = "Asha Rao";
                      a.email = "asha@demo.test";
                      a.created_at = a.updated_at = clock_.Now();
                      RETURN_IF_ERROR(tx.InsertAgent(&a));
                      manager_id_ = a.id;
                      for (auto [name, email, access] :
                           {std::tuple{"Meera", "meera@kaveri.test", "own"},
                            std::tuple{"Ravi", "ravi@kaveri.test", "organization"},
                            std::tuple{"Outsider", "x@elsewhere.test", "own"}}) {
                        domain::Contact c;
                        c.workspace_id = w.id;
                        c.name = name;
                        c.identities = {{domain::Identity::Kind::kEmail, email}};
                        c.ticket_access = access;
                        if (std::string(email).ends_with("kaveri.test")) c.organisation_id = org.id;
                        c.created_at = c.updated_at = clock_.Now();
                        RETURN_IF_ERROR(tx.InsertContact(&c));
                        contacts_.push_back(c);
                      }
                      return Status::Ok();
                    })
                    .ok());
  }

  template <typename T>
  Result<T> Write(const std::function<Result<T>(WriteTx&)>& fn) {
    Result<T> out = Internal("not run");
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      out = fn(tx);
      return out.ok() ? Status::Ok() : out.status();
    });
    if (!st.ok()) return st;
    return out;
  }

  template <typename T>
  Result<T> Read(const std::function<Result<T>(ReadTx&)>& fn) {
    Result<T> out = Internal("not run");
    (void)store_->Read([&](ReadTx& tx) -> Status {
      out = fn(tx);
      return Status::Ok();
    });
    return out;
  }

  Result<domain::Order> CreateOrder(const json& body, const Principal* who = nullptr) {
    const Principal& p = who != nullptr ? *who : admin_;
    return Write<domain::Order>([&](WriteTx& tx) { return service_->CreateOrder(tx, p, body); });
  }

  Result<domain::Invoice> CreateInvoice(const json& body) {
    return Write<domain::Invoice>(
        [&](WriteTx& tx) { return service_->CreateInvoice(tx, admin_, body); });
  }

  Result<domain::Contract> CreateContract(const json& body) {
    return Write<domain::Contract>(
        [&](WriteTx& tx) { return service_->CreateContract(tx, admin_, body); });
  }

  domain::Organisation Org() {
    return *Read<domain::Organisation>(
        [&](ReadTx& tx) { return tx.GetOrganisation(admin_.workspace_id, org_id_); });
  }

  int OrderCount() {
    auto page = Read<Page<domain::Order>>([&](ReadTx& tx) {
      return service_->ListOrders(tx, admin_, {}, PageRequest{std::nullopt, 100});
    });
    return static_cast<int>(page->items.size());
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<store::FileBlobStore> blobs_;
  std::unique_ptr<TicketService> tickets_;
  std::unique_ptr<CommerceService> service_;
  Principal admin_, agent_;
  Id org_id_ = 0, manager_id_ = 0;
  std::vector<domain::Contact> contacts_;
};

TEST_F(CommerceServiceTest, AnOrderFindsItsCustomerByEmailAndTakesTheirOrganisation) {
  auto o = CreateOrder({{"number", "#od-1001"},
                        {"contact", {{"email", "meera@kaveri.test"}}},
                        {"payment_status", "cod"},
                        {"items", {{{"name", "Silk saree"}, {"quantity", 2}, {"unit_price", "1500"}}}},
                        {"shipping", 50},
                        {"total", "3050.00"}});
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->number, "OD-1001");
  EXPECT_EQ(o->contact_id, contacts_[0].id);
  EXPECT_EQ(o->organisation_id, org_id_);
  EXPECT_EQ(o->subtotal, 300000);
  EXPECT_EQ(o->total, 305000);
  EXPECT_EQ(o->placed_at, clock_.Now());
  EXPECT_EQ(o->payment_status, domain::PaymentStatus::kCashOnDelivery);
}

TEST_F(CommerceServiceTest, ABadOrderIsRefusedWholeNamingEveryMember) {
  auto o = CreateOrder({{"number", "OD-2"},
                        {"contact", {{"email", "new.person@example.test"}}},
                        {"status", "lost"},
                        {"items", {{{"quantity", 0}, {"unit_price", "-5"}}}},
                        {"colour", "red"}});
  ASSERT_EQ(o.status().code(), Code::kInvalidArgument);
  EXPECT_TRUE(HasField(o.status(), "status"));
  EXPECT_TRUE(HasField(o.status(), "items[0].name"));
  EXPECT_TRUE(HasField(o.status(), "items[0].quantity"));
  EXPECT_TRUE(HasField(o.status(), "items[0].unit_price"));
  EXPECT_TRUE(HasField(o.status(), "colour"));
  EXPECT_EQ(OrderCount(), 0);
  // Nor was the contact created for a body refused.
  auto found = Read<Page<domain::Contact>>([&](ReadTx& tx) {
    ContactFilter f;
    f.email = "new.person@example.test";
    return tx.ListContacts(admin_.workspace_id, f, PageRequest{std::nullopt, 10});
  });
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_TRUE(found->items.empty());
}

TEST_F(CommerceServiceTest, ATotalThatDoesNotAddUpIsNamed) {
  auto o = CreateOrder({{"number", "OD-3"},
                        {"items", {{{"name", "Book"}, {"unit_price", "100"}}}},
                        {"discount", "10"},
                        {"total", "100"}});
  ASSERT_EQ(o.status().code(), Code::kInvalidArgument);
  EXPECT_TRUE(HasField(o.status(), "total"));
  auto big_discount = CreateOrder(
      {{"number", "OD-4"}, {"items", {{{"name", "Book"}, {"unit_price", "100"}}}}, {"discount", "101"}});
  EXPECT_TRUE(HasField(big_discount.status(), "discount"));
}

TEST_F(CommerceServiceTest, OnlyAdminsWriteAndNumbersAreUnique) {
  EXPECT_EQ(CreateOrder({{"number", "OD-5"}}, &agent_).status().code(), Code::kPermissionDenied);
  ASSERT_TRUE(CreateOrder({{"number", "OD-5"}}).ok());
  EXPECT_EQ(CreateOrder({{"number", "od-5"}}).status().code(), Code::kAlreadyExists);
  EXPECT_EQ(OrderCount(), 1);
}

TEST_F(CommerceServiceTest, UpdatesCheckTheVersionAndKeepTheNumber) {
  auto o = CreateOrder({{"number", "OD-6"}});
  ASSERT_TRUE(o.ok());
  auto stale = Write<domain::Order>([&](WriteTx& tx) {
    return service_->UpdateOrder(tx, admin_, o->id, {{"status", "shipped"}}, o->version + 1);
  });
  EXPECT_EQ(stale.status().kind(), "precondition-failed");
  auto renumber = Write<domain::Order>([&](WriteTx& tx) {
    return service_->UpdateOrder(tx, admin_, o->id, {{"number", "OD-7"}}, std::nullopt);
  });
  EXPECT_TRUE(HasField(renumber.status(), "number"));
  auto shipped = Write<domain::Order>([&](WriteTx& tx) {
    return service_->UpdateOrder(tx, admin_, o->id, {{"status", "shipped"}}, o->version);
  });
  ASSERT_TRUE(shipped.ok()) << shipped.status().ToString();
  EXPECT_EQ(shipped->status, domain::OrderStatus::kShipped);
  EXPECT_EQ(shipped->version, o->version + 1);
}

TEST_F(CommerceServiceTest, InvoicesComputeTaxAndKnowWhenTheyAreOverdue) {
  auto i = CreateInvoice({{"number", "INV/2026-27/0042"},
                          {"organisation_id", org_id_},
                          {"lines",
                           {{{"description", "Express delivery"}, {"quantity", 1},
                             {"unit_price", "10000"}, {"tax_rate", "18"}}}},
                          {"issued_on", "2026-11-01"},
                          {"due_on", "2026-11-15"}});
  ASSERT_TRUE(i.ok()) << i.status().ToString();
  EXPECT_EQ(i->tax, 180000);
  EXPECT_EQ(i->total, 1180000);
  auto today = Read<std::string>([&](ReadTx& tx) { return service_->Today(tx, admin_.workspace_id); });
  EXPECT_EQ(*today, "2026-11-30");
  EXPECT_EQ(domain::InvoiceState(*i, *today), "overdue");

  auto wrong_tax = CreateInvoice({{"number", "INV-2"},
                                  {"lines", {{{"description", "x"}, {"unit_price", "100"},
                                              {"tax_rate", "18"}}}},
                                  {"tax", "10"},
                                  {"issued_on", "2026-11-01"}});
  EXPECT_TRUE(HasField(wrong_tax.status(), "tax"));
  auto backwards = CreateInvoice({{"number", "INV-3"}, {"issued_on", "2026-11-10"},
                                  {"due_on", "2026-11-01"}});
  EXPECT_TRUE(HasField(backwards.status(), "due_on"));
  auto overpaid = CreateInvoice({{"number", "INV-4"}, {"issued_on", "2026-11-10"},
                                 {"amount_paid", "1"}});
  EXPECT_TRUE(HasField(overpaid.status(), "amount_paid"));
}

TEST_F(CommerceServiceTest, UploadedPdfsMustBePdfs) {
  EXPECT_TRUE(HasField(service_->StoreDocument("<html>not a pdf</html>").status(), "file"));
  auto sha = service_->StoreDocument("%PDF-1.4\n%%EOF\n");
  ASSERT_TRUE(sha.ok());
  EXPECT_EQ(*service_->ReadDocument(*sha), "%PDF-1.4\n%%EOF\n");
}

TEST_F(CommerceServiceTest, AContractInForceSetsTheOrganisationsTierAndManager) {
  auto k = CreateContract({{"number", "MSA-2026-007"},
                           {"organisation_id", org_id_},
                           {"plan", "Business Annual"},
                           {"tier", "enterprise"},
                           {"start_on", "2026-04-01"},
                           {"end_on", "2027-03-31"},
                           {"account_manager_id", manager_id_}});
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  EXPECT_EQ(k->sla_tier, domain::Tier::kEnterprise);  // defaults to the tier
  EXPECT_EQ(Org().tier, domain::Tier::kEnterprise);
  EXPECT_EQ(Org().account_manager_id, manager_id_);
}

TEST_F(CommerceServiceTest, AContractStartingLaterAppliesOnItsFirstDay) {
  ASSERT_TRUE(CreateContract({{"number", "C-1"}, {"organisation_id", org_id_},
                              {"tier", "basic"}, {"start_on", "2026-01-01"}})
                  .ok());
  ASSERT_TRUE(CreateContract({{"number", "C-2"}, {"organisation_id", org_id_},
                              {"tier", "premium"}, {"start_on", "2026-12-02"}})
                  .ok());
  EXPECT_EQ(Org().tier, domain::Tier::kBasic);
  clock_.Advance(24LL * 3600 * 1000);  // 1 December: C-2 not yet
  auto n = Write<int>([&](WriteTx& tx) { return service_->SyncContractTiers(tx, admin_.workspace_id); });
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0);
  clock_.Advance(24LL * 3600 * 1000);  // 2 December: the later start wins
  n = Write<int>([&](WriteTx& tx) { return service_->SyncContractTiers(tx, admin_.workspace_id); });
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(Org().tier, domain::Tier::kPremium);
  n = Write<int>([&](WriteTx& tx) { return service_->SyncContractTiers(tx, admin_.workspace_id); });
  EXPECT_EQ(*n, 0);  // in step now
}

TEST_F(CommerceServiceTest, AContractNeedsItsOrganisationAndAnAgentAsManager) {
  auto k = CreateContract({{"number", "C-9"}, {"organisation_id", 9999},
                           {"account_manager_id", 9999}, {"start_on", "2026-01-01"},
                           {"end_on", "2025-01-01"}});
  ASSERT_EQ(k.status().code(), Code::kInvalidArgument);
  EXPECT_TRUE(HasField(k.status(), "organisation_id"));
  EXPECT_TRUE(HasField(k.status(), "account_manager_id"));
  EXPECT_TRUE(HasField(k.status(), "end_on"));
}

TEST_F(CommerceServiceTest, NumbersInATicketsTextLinkItsOrdersAndInvoices) {
  ASSERT_TRUE(Write<CommerceSettings>([&](WriteTx& tx) {
                return service_->PutSettings(tx, admin_, {{"order_pattern", "#(\\d{4,})"}},
                                             std::nullopt);
              }).ok());
  ASSERT_TRUE(CreateOrder({{"number", "5501"}}).ok());
  ASSERT_TRUE(CreateOrder({{"number", "9999"}}).ok());
  ASSERT_TRUE(CreateInvoice({{"number", "INV/2026/77"}, {"issued_on", "2026-11-01"}}).ok());
  auto t = Write<domain::Ticket>([&](WriteTx& tx) {
    TicketCreate in;
    in.subject = "ऑर्डर #5501 नहीं मिला";
    in.message.body = "Invoice inv/2026/77 too. Not 9999 without the hash.";
    in.requester.id = contacts_[0].id;
    return tickets_->Create(tx, admin_, in);
  });
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  auto orders = Read<std::vector<LinkedOrder>>(
      [&](ReadTx& tx) { return service_->TicketOrders(tx, agent_, t->id); });
  ASSERT_EQ(orders->size(), 1u);
  EXPECT_EQ((*orders)[0].order.number, "5501");
  EXPECT_EQ((*orders)[0].link.linked_by, "auto");
  auto invoices = Read<std::vector<LinkedInvoice>>(
      [&](ReadTx& tx) { return service_->TicketInvoices(tx, agent_, t->id); });
  ASSERT_EQ(invoices->size(), 1u);
  EXPECT_EQ((*invoices)[0].invoice.number, "INV/2026/77");

  // An agent links another by number; a second time is no new link.
  bool created = false;
  auto linked = Write<LinkedOrder>([&](WriteTx& tx) {
    return service_->LinkOrder(tx, agent_, t->id, {{"number", "9999"}}, &created);
  });
  ASSERT_TRUE(linked.ok());
  EXPECT_TRUE(created);
  EXPECT_EQ(linked->link.linked_by, "agent");
  linked = Write<LinkedOrder>([&](WriteTx& tx) {
    return service_->LinkOrder(tx, agent_, t->id, {{"number", "9999"}}, &created);
  });
  EXPECT_FALSE(created);
  auto missing = Write<LinkedOrder>([&](WriteTx& tx) {
    return service_->LinkOrder(tx, agent_, t->id, {{"number", "1234"}}, &created);
  });
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
}

TEST_F(CommerceServiceTest, ABadPatternIsRefused) {
  auto s = Write<CommerceSettings>([&](WriteTx& tx) {
    return service_->PutSettings(tx, admin_, {{"invoice_pattern", "("}}, std::nullopt);
  });
  EXPECT_TRUE(HasField(s.status(), "invoice_pattern"));
  auto by_agent = Write<CommerceSettings>([&](WriteTx& tx) {
    return service_->PutSettings(tx, agent_, {{"invoice_pattern", "X"}}, std::nullopt);
  });
  EXPECT_EQ(by_agent.status().code(), Code::kPermissionDenied);
}

TEST_F(CommerceServiceTest, ACustomerSeesTheirOwnAndWithAccessTheirOrganisations) {
  const domain::Contact& meera = contacts_[0];     // own
  const domain::Contact& ravi = contacts_[1];      // organization
  const domain::Contact& outsider = contacts_[2];  // another customer
  auto own = CreateOrder({{"number", "OD-M"}, {"contact_id", meera.id}});
  auto invoice = CreateInvoice({{"number", "INV-ORG"}, {"organisation_id", org_id_},
                                {"issued_on", "2026-11-01"}});
  auto contract = CreateContract({{"number", "C-ORG"}, {"organisation_id", org_id_},
                                  {"start_on", "2026-01-01"}, {"account_manager_id", manager_id_}});
  ASSERT_TRUE(own.ok() && invoice.ok() && contract.ok());
  auto sees = [&](const domain::Contact& c) {
    return std::tuple{
        Read<domain::Order>([&](ReadTx& tx) { return service_->CustomerOrder(tx, c, own->id); }).ok(),
        Read<domain::Invoice>([&](ReadTx& tx) { return service_->CustomerInvoice(tx, c, invoice->id); }).ok(),
        Read<domain::Contract>([&](ReadTx& tx) { return service_->CustomerContract(tx, c, contract->id); }).ok()};
  };
  // Meera's order is her organisation's too (it took her organisation), so Ravi, who sees
  // the organisation's, sees it; Meera sees only her own.
  EXPECT_EQ(sees(meera), std::tuple(true, false, false));
  EXPECT_EQ(sees(ravi), std::tuple(true, true, true));
  EXPECT_EQ(sees(outsider), std::tuple(false, false, false));
  auto summary = Read<CommerceSummary>([&](ReadTx& tx) { return service_->CustomerSummary(tx, ravi); });
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->invoices.size(), 1u);
  EXPECT_EQ(summary->contracts.size(), 1u);
  EXPECT_EQ(summary->orders.size(), 1u);
  auto own_summary =
      Read<CommerceSummary>([&](ReadTx& tx) { return service_->CustomerSummary(tx, outsider); });
  EXPECT_TRUE(own_summary->orders.empty() && own_summary->invoices.empty() &&
              own_summary->contracts.empty());

  // Asking for a copy opens a ticket for the account manager and notes it on the timeline.
  auto t = Write<domain::Ticket>([&](WriteTx& tx) {
    return service_->RequestContractCopy(tx, ravi, contract->id, "Copy of contract C-ORG",
                                         "Ravi asked for a copy");
  });
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->assignee_id, manager_id_);
  EXPECT_EQ(t->requester_id, ravi.id);
  EXPECT_NE(std::find(t->tags.begin(), t->tags.end(), "contract-copy"), t->tags.end());
  auto refused = Write<domain::Ticket>([&](WriteTx& tx) {
    return service_->RequestContractCopy(tx, outsider, contract->id, "s", "b");
  });
  EXPECT_EQ(refused.status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace sahayak::services
