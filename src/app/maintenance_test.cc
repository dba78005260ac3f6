#include "app/maintenance.h"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::app {
namespace {

TEST(Maintenance, ForgetsOldIdempotencyKeysAndExpiredSessions) {
  sahayak::testing::TempDir dir;
  sahayak::testing::FakeClock clock;
  store::SqliteStoreOptions o;
  o.path = dir.path() + "/m.db";
  o.synchronous_full = false;
  auto store = std::move(store::SqliteStore::Open(o)).value();
  const Millis day = 24LL * 3600 * 1000;
  ASSERT_TRUE(store->Write([&](services::WriteTx& tx) -> Status {
                services::Workspace w;
                w.name = "W";
                RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                domain::Agent a;
                a.workspace_id = w.id;
                a.name = "A";
                a.email = "a@x.in";
                RETURN_IF_ERROR(tx.InsertAgent(&a));
                services::IdempotencyRecord old_key;
                old_key.request_hash = "h";
                old_key.status = 201;
                old_key.created_at = clock.Now() - 2 * day;
                services::IdempotencyRecord new_key = old_key;
                new_key.created_at = clock.Now() - 1000;
                RETURN_IF_ERROR(tx.PutIdempotency(w.id, "agent:1", "old", old_key));
                RETURN_IF_ERROR(tx.PutIdempotency(w.id, "agent:1", "new", new_key));
                services::SessionRecord expired;
                expired.token_hash = "h1";
                expired.workspace_id = w.id;
                expired.agent_id = a.id;
                expired.expires_at = clock.Now() - 1;
                services::SessionRecord live = expired;
                live.token_hash = "h2";
                live.expires_at = clock.Now() + day;
                RETURN_IF_ERROR(tx.InsertSession(expired));
                return tx.InsertSession(live);
              }).ok());
  Maintenance m(*store, clock, /*period=*/day);
  ASSERT_TRUE(m.RunOnce().ok());
  ASSERT_TRUE(store->Read([&](services::ReadTx& tx) -> Status {
                EXPECT_FALSE(tx.GetIdempotency(1, "agent:1", "old").ok());
                EXPECT_TRUE(tx.GetIdempotency(1, "agent:1", "new").ok());
                EXPECT_FALSE(tx.GetSession("h1").ok());
                EXPECT_TRUE(tx.GetSession("h2").ok());
                return Status::Ok();
              }).ok());
}

}  // namespace
}  // namespace sahayak::app
