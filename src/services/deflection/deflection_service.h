#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "services/deflection/deflection.h"
#include "services/deflection/deflection_store.h"
#include "services/store.h"

// Article deflection (docs/web-forms.md, "Deflection"): records what the suggestion box of a
// new-request page showed, which article the customer opened, and whether they submitted the
// request anyway; and turns that into the figures analytics shows. Thread-safe.
namespace sahayak::services {

// Attempts younger than this are counted neither way: the customer may still be reading.
inline constexpr Millis kDeflectionSettleMs = 30LL * 60 * 1000;
inline constexpr size_t kDeflectionTopArticles = 10;
// Shown articles kept per attempt (a long session types many queries).
inline constexpr size_t kMaxShownArticles = 100;

struct DeflectionArticleFigure {
  Id id = 0;
  std::string title;  // filled by DeflectionTracker::Figures
  int64_t clicks = 0;
  int64_t deflected = 0;  // deflected attempts in which the article was opened
};

struct DeflectionFigures {
  int64_t attempts = 0;   // attempts counted (older than the settle time)
  int64_t pending = 0;    // attempts in the range still too young to count
  int64_t clicked = 0;    // counted attempts in which an article was opened
  int64_t submitted = 0;  // counted attempts that ended in a request
  int64_t deflected = 0;  // counted attempts that showed articles and ended in no request
  double deflection_rate = 0;  // deflected / attempts; 0 when there are none
  std::vector<DeflectionArticleFigure> articles;  // top 10 by clicks, then deflected, then id
};

// The figures of `attempts` with their `clicks`, at `now`, counting only attempts at least
// `settle_ms` old. Pure.
DeflectionFigures ComputeDeflectionFigures(const std::vector<DeflectionAttempt>& attempts,
                                           const std::vector<DeflectionClick>& clicks, Millis now,
                                           Millis settle_ms = kDeflectionSettleMs);

class DeflectionTracker final : public DeflectionService {
 public:
  DeflectionTracker(Store& store, const Clock& clock, Millis settle_ms = kDeflectionSettleMs)
      : store_(store), clock_(clock), settle_ms_(settle_ms) {}

  // Records that `article_ids` were suggested for `query`. With the token of an attempt of
  // this workspace, that attempt is updated and its token returned; otherwise a new attempt
  // is made when there is something to show (its new token returned), else "" is returned.
  // `source` is "portal" or "web_form"; `lang` en, hi or kn.
  Result<std::string> RecordShown(Id ws, std::string_view token, std::string_view source,
                                  std::string_view lang, std::string_view query,
                                  const std::vector<Id>& article_ids);
  // Records that the attempt's customer opened `article_id`. A bad token is ignored.
  void RecordClick(Id ws, std::string_view token, Id article_id);
  void RecordSubmitted(int64_t workspace_id, std::string_view token, int64_t ticket_id) override;

  // The figures of attempts created in [from, to), with article titles in English (else the
  // first translation).
  Result<DeflectionFigures> Figures(Id ws, Millis from, Millis to);

 private:
  Store& store_;
  const Clock& clock_;
  const Millis settle_ms_;
};

// Whether `token` has the shape of an attempt token (so junk never reaches the database).
bool LooksLikeDeflectionToken(std::string_view token);

}  // namespace sahayak::services
