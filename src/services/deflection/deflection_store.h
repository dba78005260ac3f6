#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/types.h"

// Article deflection's storage (migration 0009), reached through ReadTx::deflection() and
// WriteTx::deflection() (services/store.h); store/sqlite implements it in tx_deflection.cc.
namespace sahayak::services {

using domain::Id;

// One suggestion session on a new-request page (services/deflection/deflection.h).
struct DeflectionAttempt {
  Id id = 0;
  Id workspace_id = 0;
  std::string token;
  std::string source;    // "portal" | "web_form"
  std::string language;  // en | hi | kn
  std::string last_query;
  std::vector<Id> shown_article_ids;  // every article shown, in first-shown order
  std::optional<Id> ticket_id;        // the request submitted anyway
  std::optional<Millis> submitted_at;
  Millis created_at = 0;
  Millis updated_at = 0;
};

struct DeflectionClick {
  Id attempt_id = 0;
  Id article_id = 0;
  Millis clicked_at = 0;
};

class DeflectionReadTx {
 public:
  virtual ~DeflectionReadTx() = default;
  // NotFound when the workspace has no attempt with that token.
  virtual Result<DeflectionAttempt> GetDeflectionAttempt(Id ws, std::string_view token) = 0;
  // Attempts created in [from, to), oldest first.
  virtual Result<std::vector<DeflectionAttempt>> ListDeflectionAttempts(Id ws, Millis from,
                                                                        Millis to) = 0;
  // Clicks of the attempts created in [from, to).
  virtual Result<std::vector<DeflectionClick>> ListDeflectionClicks(Id ws, Millis from,
                                                                    Millis to) = 0;
};

class DeflectionWriteTx : public virtual DeflectionReadTx {
 public:
  // Fills in the id.
  virtual Status InsertDeflectionAttempt(DeflectionAttempt* a) = 0;
  // Query, shown articles, submission and updated_at of the attempt `a.id`.
  virtual Status UpdateDeflectionAttempt(const DeflectionAttempt& a) = 0;
  virtual Status InsertDeflectionClick(Id ws, const DeflectionClick& c) = 0;
};

}  // namespace sahayak::services
