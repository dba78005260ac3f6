// MailboxService on a real SQLite store, a fake clock and a fake mail server check.
#include "services/mail/mailbox_service.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/crypto.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using nlohmann::json;

constexpr char kImapPassword[] = "imap-Secret-9a7f";
constexpr char kSmtpPassword[] = "smtp-Secret-4c1d";

// Records what it was asked and answers what the test set.
class FakeCheck : public MailServerCheck {
 public:
  Result<int64_t> CheckImap(const domain::Mailbox& m, const std::string& password,
                            int deadline_seconds) override {
    imap_host = m.imap_host;
    imap_password = password;
    deadline = deadline_seconds;
    return imap_answer;
  }
  Result<std::string> SendMail(const domain::Mailbox& m, const std::string& password,
                               const domain::OutboundMail& mail, int) override {
    smtp_password = password;
    sent = mail;
    return smtp_answer;
  }

  Result<int64_t> imap_answer = int64_t{3};
  Result<std::string> smtp_answer = std::string("250 2.0.0 Ok: queued as 4F2");
  std::string imap_host, imap_password, smtp_password;
  int deadline = 0;
  domain::OutboundMail sent;
};

class MailboxServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    key_ = NewSecretKey();
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      Workspace w;
                      w.name = "Demo";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      for (Principal* p : {&admin_, &agent_}) {
                        domain::Agent a;
                        a.workspace_id = w.id;
                        a.name = p == &admin_ ? "Admin" : "Asha";
                        a.email = a.name + "@example.in";
                        a.role = p == &admin_ ? domain::Role::kAdmin : domain::Role::kAgent;
                        RETURN_IF_ERROR(tx.InsertAgent(&a));
                        p->workspace_id = w.id;
                        p->agent_id = a.id;
                        p->name = a.name;
                        p->role = a.role;
                      }
                      domain::Group g;
                      g.workspace_id = w.id;
                      g.name = "Support";
                      RETURN_IF_ERROR(tx.InsertGroup(&g));
                      group_id_ = g.id;
                      return Status::Ok();
                    })
                    .ok());
    service_ = std::make_unique<MailboxService>(*store_, clock_, key_, &check_);
  }

  json Valid() const {
    return {{"name", "Support"},
            {"address", "Support@Acme-Courier.test"},
            {"from_name", "Acme Support"},
            {"group_id", group_id_},
            {"imap_host", "imap.acme-courier.test"},
            {"imap_port", 993},
            {"imap_username", "support"},
            {"imap_password", kImapPassword},
            {"smtp_host", "smtp.acme-courier.test"},
            {"smtp_password", kSmtpPassword},
            {"auto_ack_templates",
             {{"hi", {{"subject", "आपका टिकट"}, {"body", "धन्यवाद"}}},
              {"en", {{"subject", "Your ticket"}, {"body", "Thanks"}}}}}};
  }

  Result<domain::Mailbox> Create(const json& body, const Principal* who = nullptr) {
    domain::Mailbox m;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(m, service_->Create(tx, who ? *who : admin_, body));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return m;
  }

  Result<domain::Mailbox> Update(domain::Id id, const json& body,
                                 std::optional<int64_t> if_match = std::nullopt) {
    domain::Mailbox m;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(m, service_->Update(tx, admin_, id, body, if_match));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return m;
  }

  domain::Mailbox Stored(domain::Id id) {
    domain::Mailbox m;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(m, tx.GetMailbox(admin_.workspace_id, id));
                      return Status::Ok();
                    })
                    .ok());
    return m;
  }

  std::string AuditText() {
    std::string out;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      PageRequest p;
                      p.limit = 100;
                      ASSIGN_OR_RETURN(auto page,
                                       tx.ListAuditEvents(admin_.workspace_id, AuditFilter{}, p));
                      for (const auto& e : page.items)
                        out += e.action + " " + e.changes.dump() + "\n";
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  // The field names a failed Create names.
  std::vector<std::string> BadFields(const json& body) {
    auto r = Create(body);
    EXPECT_FALSE(r.ok()) << body.dump();
    std::vector<std::string> fields;
    if (!r.ok()) {
      for (const auto& f : r.status().fields()) fields.push_back(f.field);
    }
    return fields;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::string key_;
  std::unique_ptr<store::SqliteStore> store_;
  FakeCheck check_;
  std::unique_ptr<MailboxService> service_;
  Principal admin_, agent_;
  domain::Id group_id_ = 0;
};

TEST_F(MailboxServiceTest, CreatesWithFoldedAddressAndSealedPasswords) {
  auto m = Create(Valid());
  ASSERT_TRUE(m.ok()) << m.status().message();
  domain::Mailbox s = Stored(m->id);
  EXPECT_EQ(s.address, "support@acme-courier.test");
  EXPECT_EQ(s.group_id, group_id_);
  EXPECT_EQ(s.from_name, "Acme Support");
  // Sealed: not the plaintext, not containing it, and it opens back under the key.
  EXPECT_NE(s.imap_password_sealed, kImapPassword);
  EXPECT_EQ(s.imap_password_sealed.find(kImapPassword), std::string::npos);
  EXPECT_EQ(s.imap_password_sealed.rfind("v1.", 0), 0u);
  EXPECT_EQ(OpenSecret(key_, s.imap_password_sealed).value(), kImapPassword);
  EXPECT_EQ(OpenSecret(key_, s.smtp_password_sealed).value(), kSmtpPassword);
  EXPECT_FALSE(OpenSecret(NewSecretKey(), s.imap_password_sealed).ok());
  json templates = json::parse(s.auto_ack_templates);
  EXPECT_EQ(templates["hi"]["subject"], "आपका टिकट");
  EXPECT_FALSE(templates.contains("kn"));
}

TEST_F(MailboxServiceTest, NoPasswordInAuditEventsOrTheDatabaseFile) {
  auto m = Create(Valid());
  ASSERT_TRUE(m.ok());
  ASSERT_TRUE(Update(m->id, {{"imap_password", "another-Secret-77"}, {"smtp_password", ""}}).ok());
  std::string audit = AuditText();
  EXPECT_NE(audit.find("mailbox.created"), std::string::npos);
  EXPECT_NE(audit.find("\"imap_password\":\"set\""), std::string::npos) << audit;
  EXPECT_NE(audit.find("\"imap_password\":\"changed\""), std::string::npos) << audit;
  EXPECT_NE(audit.find("\"smtp_password\":\"cleared\""), std::string::npos) << audit;
  for (const char* secret : {kImapPassword, kSmtpPassword, "another-Secret-77", "v1."}) {
    EXPECT_EQ(audit.find(secret), std::string::npos) << secret << " in " << audit;
  }
  store_.reset();  // close, so the WAL is checkpointed into the file
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream f(dir_.path() + "/t.db" + suffix, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    bytes += ss.str();
  }
  ASSERT_FALSE(bytes.empty());
  for (const char* secret : {kImapPassword, kSmtpPassword, "another-Secret-77"}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
  }
}

TEST_F(MailboxServiceTest, PatchKeepsOmittedPasswordsAndEmptyClears) {
  auto m = Create(Valid());
  ASSERT_TRUE(m.ok());
  std::string sealed = Stored(m->id).imap_password_sealed;
  auto u = Update(m->id, {{"from_name", "Acme Help"}});
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->version, 2);
  EXPECT_EQ(Stored(m->id).imap_password_sealed, sealed);
  EXPECT_EQ(Stored(m->id).from_name, "Acme Help");
  ASSERT_TRUE(Update(m->id, {{"imap_password", ""}}).ok());
  EXPECT_EQ(Stored(m->id).imap_password_sealed, "");
  EXPECT_NE(Stored(m->id).smtp_password_sealed, "");
  // The same settings again change nothing and keep the version.
  auto same = Update(m->id, {{"from_name", "Acme Help"}});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, 3);
}

TEST_F(MailboxServiceTest, StaleIfMatchIsRefused) {
  auto m = Create(Valid());
  ASSERT_TRUE(m.ok());
  auto u = Update(m->id, {{"from_name", "X"}}, 7);
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.status().code(), Code::kAborted);
  EXPECT_TRUE(Update(m->id, {{"from_name", "X"}}, 1).ok());
}

TEST_F(MailboxServiceTest, ValidationNamesEachField) {
  auto with = [&](const char* key, json value) {
    json b = Valid();
    b[key] = std::move(value);
    return b;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(BadFields(with("name", "")), V{"name"});
  EXPECT_EQ(BadFields(with("name", std::string(65, 'n'))), V{"name"});
  EXPECT_EQ(BadFields(with("name", "two\nlines")), V{"name"});
  EXPECT_EQ(BadFields(with("address", "not-an-address")), V{"address"});
  EXPECT_EQ(BadFields(with("from_name", std::string(101, 'f'))), V{"from_name"});
  EXPECT_EQ(BadFields(with("group_id", 9999)), V{"group_id"});
  EXPECT_EQ(BadFields(with("imap_port", 0)), V{"imap_port"});
  EXPECT_EQ(BadFields(with("smtp_port", 65536)), V{"smtp_port"});
  EXPECT_EQ(BadFields(with("imap_security", "ssl")), V{"imap_security"});
  EXPECT_EQ(BadFields(with("smtp_security", "TLS1.3")), V{"smtp_security"});
  EXPECT_EQ(BadFields(with("imap_after", "archive")), V{"imap_after"});
  EXPECT_EQ(BadFields(with("imap_after", "move")), V{"imap_move_to"});
  EXPECT_EQ(BadFields(with("imap_poll_seconds", 9)), V{"imap_poll_seconds"});
  EXPECT_EQ(BadFields(with("imap_poll_seconds", 3601)), V{"imap_poll_seconds"});
  EXPECT_EQ(BadFields(with("imap_host", "imap example")), V{"imap_host"});
  EXPECT_EQ(BadFields(with("imap_password", 1234)), V{"imap_password"});
  EXPECT_EQ(BadFields(with("imap_password_set", true)), V{"imap_password_set"});
  EXPECT_EQ(BadFields(with("auto_ack_templates", {{"fr", {{"subject", "a"}, {"body", "b"}}}})),
            V{"auto_ack_templates.fr"});
  EXPECT_EQ(BadFields(with("auto_ack_templates",
                           {{"kn", {{"subject", std::string(201, 's')}, {"body", "b"}}}})),
            V{"auto_ack_templates.kn.subject"});
  EXPECT_EQ(BadFields(with("auto_ack_templates",
                           {{"en", {{"subject", "s"}, {"body", std::string(5001, 'b')}}}})),
            V{"auto_ack_templates.en.body"});
  EXPECT_EQ(BadFields(with("auto_ack_templates",
                           {{"en", {{"subject", "a\r\nBcc: x@y.z"}, {"body", "b"}}}})),
            V{"auto_ack_templates.en.subject"});
  EXPECT_EQ(BadFields(with("auto_ack_templates", "hello")), V{"auto_ack_templates"});
  // Several at once, each named.
  json b = Valid();
  b["imap_port"] = -1;
  b["address"] = "x";
  auto fields = BadFields(b);
  EXPECT_EQ(fields.size(), 2u);
  // Name and address are required on create only.
  json none = Valid();
  none.erase("name");
  none.erase("address");
  EXPECT_EQ(BadFields(none), (V{"name", "address"}));
}

TEST_F(MailboxServiceTest, AcceptsTheBoundaries) {
  json b = Valid();
  b["name"] = std::string(64, 'n');
  b["from_name"] = std::string(100, 'f');
  b["imap_port"] = 1;
  b["smtp_port"] = 65535;
  b["imap_poll_seconds"] = 10;
  b["imap_after"] = "move";
  b["imap_move_to"] = "Imported";
  b["auto_ack_templates"] = {
      {"kn", {{"subject", std::string(200, 's')}, {"body", std::string(5000, 'b')}}}};
  auto m = Create(b);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->imap_after, "move");
  auto u = Update(m->id, {{"imap_poll_seconds", 3600}, {"imap_after", "delete"}});
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->imap_poll_seconds, 3600);
}

TEST_F(MailboxServiceTest, TextIsNormalisedToNfc) {
  json b = Valid();
  b["from_name"] = "Cafe\xCC\x81 Support";  // e + combining acute
  auto m = Create(b);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->from_name, "Caf\xC3\xA9 Support");
}

TEST_F(MailboxServiceTest, NameAndAddressAreUnique) {
  ASSERT_TRUE(Create(Valid()).ok());
  json b = Valid();
  b["address"] = "other@acme-courier.test";
  auto r = Create(b);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kAlreadyExists);
  ASSERT_EQ(r.status().fields().size(), 1u);
  EXPECT_EQ(r.status().fields()[0].field, "name");
  b = Valid();
  b["name"] = "Billing";
  b["address"] = "SUPPORT@acme-courier.test";
  r = Create(b);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().fields()[0].field, "address");
}

TEST_F(MailboxServiceTest, OnlyAdmins) {
  auto r = Create(Valid(), &agent_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kPermissionDenied);
  auto m = Create(Valid());
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(service_->TestImap(agent_, m->id).status().code(), Code::kPermissionDenied);
}

TEST_F(MailboxServiceTest, DeleteRecordsTheEvent) {
  auto m = Create(Valid());
  ASSERT_TRUE(m.ok());
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return service_->Delete(tx, admin_, m->id); }).ok());
  EXPECT_NE(AuditText().find("mailbox.deleted"), std::string::npos);
  Status st = store_->Write([&](WriteTx& tx) { return service_->Delete(tx, admin_, m->id); });
  EXPECT_EQ(st.code(), Code::kNotFound);
}

TEST_F(MailboxServiceTest, TestImapOpensThePasswordAndReportsInWords) {
  auto m = Create(Valid());
  ASSERT_TRUE(m.ok());
  auto ok = service_->TestImap(admin_, m->id);
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->ok);
  EXPECT_EQ(ok->messages_pending, 3);
  EXPECT_EQ(check_.imap_password, kImapPassword);
  EXPECT_LE(check_.deadline, 20);
  check_.imap_answer = Unauthenticated(
      "imap.acme-courier.test:993 refused the login: "
      "[AUTHENTICATIONFAILED] Authentication failed.");
  auto bad = service_->TestImap(admin_, m->id);
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE(bad->ok);
  EXPECT_NE(bad->error.find("Authentication failed"), std::string::npos);
  // Sealed under another key: says so instead of trying a garbled password.
  MailboxService other(*store_, clock_, NewSecretKey(), &check_);
  auto garbled = other.TestImap(admin_, m->id);
  ASSERT_TRUE(garbled.ok());
  EXPECT_FALSE(garbled->ok);
  EXPECT_NE(garbled->error.find("enter the password again"), std::string::npos);
}

TEST_F(MailboxServiceTest, TestImapNeedsAnImapHost) {
  json b = Valid();
  b.erase("imap_host");
  auto m = Create(b);
  ASSERT_TRUE(m.ok());
  auto r = service_->TestImap(admin_, m->id);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(r.status().fields()[0].field, "imap_host");
}

TEST_F(MailboxServiceTest, TestSmtpSendsAnAutoGeneratedMail) {
  auto m = Create(Valid());
  ASSERT_TRUE(m.ok());
  auto r = service_->TestSmtp(admin_, m->id, " Ravi.Kumar@Example.in ");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->ok);
  EXPECT_EQ(r->server_reply, "250 2.0.0 Ok: queued as 4F2");
  EXPECT_EQ(check_.smtp_password, kSmtpPassword);
  EXPECT_EQ(check_.sent.auto_submitted, "auto-generated");
  ASSERT_EQ(check_.sent.to.size(), 1u);
  EXPECT_EQ(check_.sent.to[0].email, "ravi.kumar@example.in");
  EXPECT_EQ(check_.sent.from.email, "support@acme-courier.test");
  EXPECT_EQ(check_.sent.from.name, "Acme Support");
  EXPECT_NE(check_.sent.message_id.find("@acme-courier.test"), std::string::npos);
  check_.smtp_answer = FailedPrecondition("550 5.1.1 <nobody@example.in>: Recipient unknown");
  r = service_->TestSmtp(admin_, m->id, "nobody@example.in");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->ok);
  EXPECT_NE(r->error.find("Recipient unknown"), std::string::npos);
  std::string audit = AuditText();
  EXPECT_NE(audit.find("mailbox.test_sent"), std::string::npos);
  EXPECT_NE(audit.find("nobody@example.in"), std::string::npos);
  EXPECT_EQ(audit.find(kSmtpPassword), std::string::npos);
}

TEST_F(MailboxServiceTest, TestSmtpChecksTheAddress) {
  auto m = Create(Valid());
  ASSERT_TRUE(m.ok());
  for (const char* to : {"", "nobody", "a@b.c\r\nRCPT TO:<x@y.z>"}) {
    auto r = service_->TestSmtp(admin_, m->id, to);
    ASSERT_FALSE(r.ok()) << to;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(r.status().fields()[0].field, "to");
  }
}

}  // namespace
}  // namespace sahayak::services
