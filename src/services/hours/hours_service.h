#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "domain/business_hours.h"
#include "services/principal.h"
#include "services/store.h"

// Business hours and holidays (docs/business-hours.md): the use cases behind
// /api/v1/business-hours, and the way SLAs, automations and the chat widget reach a schedule's
// arithmetic (ClockFor). Admins write, agents read. Every use case runs in the caller's
// transaction and records its audit event there. Thread-safe (holds only the clock).
namespace sahayak::services {

// A schedule ready for arithmetic, with the record it came from.
struct ScheduleClock {
  BusinessHoursRecord record;
  domain::BusinessClock clock;
};

// An instant with the schedule zone's offset at that instant, to show it as local time.
struct ZonedTime {
  Millis at = 0;
  int offset_minutes = 0;
};

// Whether a schedule is open at a moment, and what comes next.
struct HoursStatus {
  Id schedule_id = 0;
  std::string time_zone;
  ZonedTime at;
  bool open = false;
  std::optional<ZonedTime> next_change;  // nullopt: 24/7, or nothing within the horizon
  std::optional<ZonedTime> next_open;    // `at` when open
  std::optional<StoredHoliday> holiday;  // the holiday on `at`'s local date
};

struct HolidayImport {
  BusinessHoursRecord record;  // after the import
  int events = 0;              // VEVENTs in the file
  int added = 0;               // dates added
  int already = 0;             // dates the schedule had already (kept as they were)
};

class BusinessHoursService {
 public:
  explicit BusinessHoursService(const Clock& clock) : clock_(clock) {}

  Result<std::vector<BusinessHoursRecord>> List(ReadTx& tx, const Principal& who) const;
  Result<BusinessHoursRecord> Get(ReadTx& tx, const Principal& who, Id id) const;
  // The body as ReadBusinessHours reads it; time_zone defaults to the workspace's, and the
  // workspace's first schedule becomes its default. Groups must be the workspace's and follow
  // no other schedule (422 naming `group_ids[i]`).
  Result<BusinessHoursRecord> Create(WriteTx& tx, const Principal& who,
                                     const nlohmann::json& body) const;
  // Aborted (412) when `if_match` is not the current version.
  Result<BusinessHoursRecord> Update(WriteTx& tx, const Principal& who, Id id,
                                     const nlohmann::json& body,
                                     std::optional<int64_t> if_match) const;
  Status Delete(WriteTx& tx, const Principal& who, Id id) const;
  // Adds one holiday ({date, name, calendar?}); 422 naming `date` when the date has one.
  Result<BusinessHoursRecord> AddHoliday(WriteTx& tx, const Principal& who, Id id,
                                         const nlohmann::json& body,
                                         std::optional<int64_t> if_match) const;
  // Adds the holidays of an iCalendar file (domain/ical.h; yearly repeats spread over this
  // year and the next two). Dates the schedule has keep their holiday. `calendar` labels the
  // new holidays ("" : the file's X-WR-CALNAME).
  Result<HolidayImport> ImportHolidays(WriteTx& tx, const Principal& who, Id id,
                                       std::string_view ics, std::string calendar,
                                       std::optional<int64_t> if_match) const;

  Result<HoursStatus> StatusAt(ReadTx& tx, const Principal& who, Id id, Millis at) const;
  // The moment `duration` of business time after `from` (domain::BusinessClock::
  // AddBusinessTime); InvalidArgument naming `minutes` when the schedule has no such moment
  // within its horizon.
  Result<ZonedTime> DueAt(ReadTx& tx, const Principal& who, Id id, Millis from,
                          Millis duration) const;

  // For SLAs, automations and the chat widget: the schedule `group_id` follows, else the
  // workspace's default; nullopt when there is neither (then every moment counts).
  static Result<std::optional<ScheduleClock>> ClockFor(ReadTx& tx, Id ws,
                                                       std::optional<Id> group_id);
  // The clock of one stored schedule.
  static Result<ScheduleClock> ClockOf(BusinessHoursRecord record);

 private:
  Status CheckGroups(ReadTx& tx, const BusinessHoursRecord& r) const;
  const Clock& clock_;
};

}  // namespace sahayak::services
