#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "services/principal.h"

// The days a report covers (docs/analytics.md): `from`..`to`, both included, as local dates in
// the workspace's time zone, with their bounds in UTC. Shared by every figure that counts over
// a period, so that "last 30 days" and a daylight-saving change mean the same in each.
namespace sahayak::services {

class ReadTx;

inline constexpr int kMaxFigureDays = 366;

class Period {
 public:
  // Days `from`..`to` (valid dates, from <= to) in `time_zone` (a valid IANA zone).
  Period(const std::string& from, const std::string& to, const std::string& time_zone);
  ~Period();
  Period(Period&&) noexcept;
  Period& operator=(Period&&) noexcept;

  const std::string& from() const { return from_; }
  const std::string& to() const { return to_; }
  const std::string& time_zone() const { return time_zone_; }
  // Local midnight of `from` and of the day after `to`, in UTC.
  Millis start() const { return day_starts_.front(); }
  Millis end() const { return day_starts_.back(); }
  // The dates of the period in order, "YYYY-MM-DD".
  const std::vector<std::string>& dates() const { return dates_; }
  // The local date of `t`.
  std::string LocalDate(Millis t) const;
  // The index of `t`'s day in dates(), or -1 outside the period.
  int DayOf(Millis t) const;

 private:
  struct Zone;
  std::string from_, to_, time_zone_;
  std::unique_ptr<Zone> zone_;
  std::vector<Millis> day_starts_;  // dates_.size() + 1 boundaries
  std::vector<std::string> dates_;
};

// The period of a report's `from` and `to` query parameters in the caller's workspace at time
// `now`: "" for `to` is today in the workspace's zone, "" for `from` 29 days before `to`.
// InvalidArgument naming `from` or `to` when one is not a date, `to` is before `from`, or the
// period is longer than kMaxFigureDays.
Result<Period> ResolvePeriod(ReadTx& tx, const Principal& who, std::string from, std::string to,
                             Millis now);

}  // namespace sahayak::services
