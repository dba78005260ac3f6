// The days a report covers, in the workspace's time zone.
#include "services/analytics/period.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "domain/people.h"
#include "services/store.h"

namespace sahayak::services {

namespace {}  // namespace

struct Period::Zone {
  std::unique_ptr<icu::TimeZone> tz;

  int OffsetMinutes(Millis at) const {
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    tz->getOffset(static_cast<UDate>(at), /*local=*/false, raw, dst, status);
    return U_FAILURE(status) ? 0 : (raw + dst) / 60000;
  }
};

Period::Period(const std::string& from, const std::string& to, const std::string& time_zone)
    : from_(from), to_(to), time_zone_(time_zone), zone_(std::make_unique<Zone>()) {
  zone_->tz.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(time_zone)));
  int64_t first = 0, last = 0;
  DayNumber(from, &first);
  DayNumber(to, &last);
  for (int64_t d = first; d <= last + 1; ++d) {
    // Local midnight: the UTC midnight moved back by the offset in force then (asked twice, so
    // a day that starts just after a daylight-saving change lands right).
    const Millis utc_midnight = d * kDay;
    Millis t = utc_midnight - zone_->OffsetMinutes(utc_midnight) * 60'000LL;
    t = utc_midnight - zone_->OffsetMinutes(t) * 60'000LL;
    day_starts_.push_back(t);
    if (d <= last) dates_.push_back(DateOfDay(d));
  }
}

Period::~Period() = default;
Period::Period(Period&&) noexcept = default;
Period& Period::operator=(Period&&) noexcept = default;

std::string Period::LocalDate(Millis t) const { return DateAt(t, zone_->OffsetMinutes(t)); }

int Period::DayOf(Millis t) const {
  if (t < day_starts_.front() || t >= day_starts_.back()) return -1;
  auto it = std::upper_bound(day_starts_.begin(), day_starts_.end(), t);
  return static_cast<int>(it - day_starts_.begin()) - 1;
}

Result<Period> ResolvePeriod(ReadTx& tx, const Principal& who, std::string from, std::string to,
                             Millis now) {
  ASSIGN_OR_RETURN(Workspace w, tx.GetWorkspace(who.workspace_id));
  const std::string zone = domain::IsValidTimeZone(w.time_zone) ? w.time_zone : "UTC";
  if (to.empty()) to = DateAt(now, domain::ZoneOffsetMinutes(zone, now));
  if (from.empty() && IsValidDate(to)) from = AddDays(to, -29);
  int64_t first = 0, last = 0;
  if (!DayNumber(to, &last)) {
    return InvalidArgument("to must be a date").WithField("to", "must be a date YYYY-MM-DD");
  }
  if (!DayNumber(from, &first)) {
    return InvalidArgument("from must be a date").WithField("from", "must be a date YYYY-MM-DD");
  }
  if (last < first) {
    return InvalidArgument("to is before from").WithField("to", "must not be before from");
  }
  if (last - first + 1 > kMaxFigureDays) {
    return InvalidArgument("the period is too long")
        .WithField("to", "must be at most " + std::to_string(kMaxFigureDays) +
                             " days after from, counting both");
  }
  return Period(from, to, zone);
}

}  // namespace sahayak::services
