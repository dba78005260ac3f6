// WebFormService on a real SQLite store: validation of forms and of visitors' submissions.
#include "services/webforms/web_form_service.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/status_fields.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using nlohmann::json;

TEST(NormaliseOriginTest, KeepsSchemeHostAndPortOnly) {
  EXPECT_EQ(NormaliseOrigin("https://Shop.Example.in"), "https://shop.example.in");
  EXPECT_EQ(NormaliseOrigin(" http://localhost:8080/ "), "http://localhost:8080");
  EXPECT_EQ(NormaliseOrigin("https://127.0.0.1:9"), "https://127.0.0.1:9");
  for (const char* bad : {"shop.example.in", "ftp://shop.example.in", "https://",
                          "https://shop.example.in/contact", "https://*.example.in",
                          "https://a b.in", "https://shop.example.in:0",
                          "https://shop.example.in:99999", "https://user@shop.in",
                          "https://shop.in;script-src *", "javascript:alert(1)"}) {
    EXPECT_FALSE(NormaliseOrigin(bad).has_value()) << bad;
  }
}

class WebFormServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    service_ = std::make_unique<WebFormService>(clock_, std::string(32, 'k'));
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      Workspace w;
                      w.name = "Demo";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      admin_.workspace_id = agent_.workspace_id = w.id;
                      admin_.role = domain::Role::kAdmin;
                      agent_.role = domain::Role::kAgent;
                      domain::Group g;
                      g.workspace_id = w.id;
                      g.name = "Shipping";
                      RETURN_IF_ERROR(tx.InsertGroup(&g));
                      group_id_ = g.id;
                      domain::CustomFieldDef order;
                      order.workspace_id = w.id;
                      order.key = "order_id";
                      order.label = "Order id";
                      RETURN_IF_ERROR(tx.InsertCustomField(&order));
                      domain::CustomFieldDef qty;
                      qty.workspace_id = w.id;
                      qty.key = "boxes";
                      qty.label = "Boxes";
                      qty.type = domain::FieldType::kNumber;
                      return tx.InsertCustomField(&qty);
                    })
                    .ok());
  }

  Result<WebForm> Create(const json& body, const Principal& who) {
    WebForm out;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(out, service_->Create(tx, who, body));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return out;
  }

  std::vector<domain::CustomFieldDef> Defs() {
    std::vector<domain::CustomFieldDef> defs;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(defs, tx.ListCustomFields(admin_.workspace_id));
                      return Status::Ok();
                    })
                    .ok());
    return defs;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<WebFormService> service_;
  Principal admin_, agent_;
  Id group_id_ = 0;
};

TEST_F(WebFormServiceTest, CreatesAFormWithARandomUrlSafeKey) {
  auto f = Create({{"name", "Contact us"},
                   {"group_id", group_id_},
                   {"allowed_origins", {"https://Shop.Example.in"}},
                   {"fields", {{{"key", "order_id"}, {"required", true}}}}},
                  admin_);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_GE(f->public_key.size(), 20u);
  EXPECT_EQ(f->public_key.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(f->allowed_origins, std::vector<std::string>{"https://shop.example.in"});
  EXPECT_EQ(f->min_fill_seconds, 3);
  auto g = Create({{"name", "Second"}}, admin_);
  ASSERT_TRUE(g.ok());
  EXPECT_NE(f->public_key, g->public_key);
  store_->Read([&](ReadTx& tx) -> Status {
    auto found = service_->FindEnabled(tx, f->public_key);
    EXPECT_TRUE(found.ok());
    EXPECT_EQ(found->fields.size(), 1u);
    EXPECT_TRUE(found->fields[0].required);
    return Status::Ok();
  });
}

TEST_F(WebFormServiceTest, NamesEveryBadField) {
  auto f = Create({{"name", ""},
                   {"group_id", 999},
                   {"allowed_origins", {"https://ok.in", "shop.example.in"}},
                   {"fields", {{{"key", "nope"}}}},
                   {"min_fill_seconds", -1},
                   {"colour", "red"}},
                  admin_);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), Code::kInvalidArgument);
  for (const char* field : {"name", "group_id", "allowed_origins[1]", "fields[0].key",
                            "min_fill_seconds", "colour"}) {
    EXPECT_TRUE(HasField(f.status(), field)) << field << ": " << f.status().ToString();
  }
  EXPECT_TRUE(HasField(Create({{"name", std::string(101, 'a')}}, admin_).status(), "name"));
  EXPECT_TRUE(HasField(Create(json::object(), admin_).status(), "name"));
}

TEST_F(WebFormServiceTest, OnlyAdminsManageForms) {
  EXPECT_EQ(Create({{"name", "x"}}, agent_).status().code(), Code::kPermissionDenied);
}

TEST_F(WebFormServiceTest, UpdatesWithVersionsAndDisabledFormsAreNotFound) {
  auto f = Create({{"name", "Contact us"}}, admin_);
  ASSERT_TRUE(f.ok());
  Status st = store_->Write([&](WriteTx& tx) -> Status {
    auto stale = service_->Update(tx, admin_, f->id, {{"enabled", false}}, 7);
    EXPECT_EQ(stale.status().kind(), "precondition-failed");
    ASSIGN_OR_RETURN(WebForm u, service_->Update(tx, admin_, f->id, {{"enabled", false}}, 1));
    EXPECT_EQ(u.version, 2);
    EXPECT_FALSE(u.enabled);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  store_->Read([&](ReadTx& tx) -> Status {
    EXPECT_EQ(service_->FindEnabled(tx, f->public_key).status().code(), Code::kNotFound);
    EXPECT_EQ(service_->FindEnabled(tx, "no-such-key").status().code(), Code::kNotFound);
    return Status::Ok();
  });
}

TEST_F(WebFormServiceTest, BuildsTheTicketOfASubmission) {
  WebForm form;
  form.group_id = group_id_;
  form.fields = {{"order_id", true}, {"boxes", false}};
  WebFormSubmission in;
  in.name = " Priya ";
  in.email = "Priya@Example.IN";
  // न + nukta composes to ऩ under NFC (क + nukta would not: क़ is a composition exclusion).
  in.subject = "पार्सल न\u093c";
  in.message = "मेरा पार्सल कब आएगा?";
  in.custom = {{"order_id", "ORD-7"}, {"boxes", "2"}};
  in.language = "hi";
  auto t = BuildWebFormTicket(form, Defs(), in);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->requester.email, "priya@example.in");
  EXPECT_EQ(t->requester.name, "Priya");
  EXPECT_EQ(t->subject, "पार्सल \u0929");
  EXPECT_EQ(t->channel, domain::Channel::kWeb);
  EXPECT_EQ(t->group_id, group_id_);
  EXPECT_EQ(t->custom_fields["order_id"], "ORD-7");
  EXPECT_EQ(t->custom_fields["boxes"], 2);
  EXPECT_EQ(t->language, "hi");
}

TEST_F(WebFormServiceTest, NamesTheBadFieldsOfASubmission) {
  WebForm form;
  form.fields = {{"order_id", true}, {"boxes", false}};
  WebFormSubmission in;
  in.email = "not an address";
  in.custom = {{"boxes", "many"}};
  auto t = BuildWebFormTicket(form, Defs(), in);
  ASSERT_FALSE(t.ok());
  for (const char* field : {"email", "subject", "message", "custom.order_id", "custom.boxes"}) {
    EXPECT_TRUE(HasField(t.status(), field)) << field << ": " << t.status().ToString();
  }
  in = WebFormSubmission{};
  in.email = "a@b.in";
  in.subject = std::string(501, 'x');
  in.message = "hi";
  in.custom = {{"order_id", "1"}};
  auto long_subject = BuildWebFormTicket(form, Defs(), in);
  ASSERT_FALSE(long_subject.ok());
  EXPECT_TRUE(HasField(long_subject.status(), "subject"));
  EXPECT_FALSE(HasField(long_subject.status(), "email"));
}

TEST_F(WebFormServiceTest, ShowsTheWorkspacesRequiredFieldsToo) {
  auto defs = Defs();
  domain::CustomFieldDef internal = defs[0];
  internal.key = "escalation_code";
  defs.push_back(internal);
  for (auto& d : defs) {
    d.required = d.key == "boxes" || d.key == "escalation_code";
    d.customer_visible = d.key != "escalation_code";  // agent-only: not on web forms
  }
  WebForm form;
  form.fields = {{"order_id", false}};
  auto shown = ShownFields(form, defs);
  ASSERT_EQ(shown.size(), 2u);
  EXPECT_EQ(shown[0].def.key, "order_id");
  EXPECT_FALSE(shown[0].required);
  EXPECT_EQ(shown[1].def.key, "boxes");
  EXPECT_TRUE(shown[1].required);
}

}  // namespace
}  // namespace sahayak::services
