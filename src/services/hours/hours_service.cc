#include "services/hours/hours_service.h"

#include <algorithm>
#include <map>

#include "domain/delivery.h"
#include "domain/ical.h"
#include "services/audit.h"
#include "services/hours/hours_input.h"

namespace sahayak::services {

using nlohmann::json;

domain::BusinessSchedule BusinessHoursRecord::Schedule() const {
  domain::BusinessSchedule s;
  s.time_zone = time_zone;
  s.always_open = always_open;
  s.periods = periods;
  s.holidays.reserve(holidays.size());
  for (const StoredHoliday& h : holidays) s.holidays.push_back({h.date, h.name});
  return s;
}

namespace {

json AuditView(const BusinessHoursRecord& r) {
  json periods = json::array();
  for (const auto& p : r.periods) {
    periods.push_back(std::string(domain::WeekdayName(p.weekday)) + " " +
                      domain::FormatClock(p.start) + "-" + domain::FormatClock(p.end));
  }
  json holidays = json::array();
  for (const auto& h : r.holidays) holidays.push_back(h.date + " " + h.name);
  return {{"name", r.name},
          {"time_zone", r.time_zone},
          {"always_open", r.always_open},
          {"is_default", r.is_default},
          {"periods", periods},
          {"holidays", holidays},
          {"group_ids", r.group_ids}};
}

Status CheckVersion(const BusinessHoursRecord& r, std::optional<int64_t> if_match) {
  if (if_match && *if_match != r.version) {
    return Aborted("business hours " + std::to_string(r.id) + " changed since version " +
                   std::to_string(*if_match) + "; they are now at version " +
                   std::to_string(r.version))
        .WithKind("precondition-failed");
  }
  return Status::Ok();
}

int YearOf(Millis t) {
  return std::stoi(DateAt(t, 0).substr(0, 4));
}

}  // namespace

// The workspace's groups, each following at most one schedule.
Status BusinessHoursService::CheckGroups(ReadTx& tx, const BusinessHoursRecord& r) const {
  Status bad = InvalidArgument("a group cannot follow these business hours");
  bool any = false;
  for (size_t i = 0; i < r.group_ids.size(); ++i) {
    const std::string field = "group_ids[" + std::to_string(i) + "]";
    auto g = tx.GetGroup(r.workspace_id, r.group_ids[i]);
    if (!g.ok()) {
      if (g.status().code() != Code::kNotFound) return g.status();
      bad.WithField(field, "is not a group of this workspace");
      any = true;
      continue;
    }
    ASSIGN_OR_RETURN(auto other, tx.hours().BusinessHoursOfGroup(r.workspace_id, r.group_ids[i]));
    if (other && *other != r.id) {
      ASSIGN_OR_RETURN(auto o, tx.hours().GetBusinessHours(r.workspace_id, *other));
      bad.WithField(field, "group \"" + g->name + "\" follows \"" + o.name +
                               "\" already; take it out there first");
      any = true;
    }
  }
  return any ? bad : Status::Ok();
}

Result<std::vector<BusinessHoursRecord>> BusinessHoursService::List(ReadTx& tx,
                                                                    const Principal& who) const {
  return tx.hours().ListBusinessHours(who.workspace_id);
}

Result<BusinessHoursRecord> BusinessHoursService::Get(ReadTx& tx, const Principal& who,
                                                      Id id) const {
  return tx.hours().GetBusinessHours(who.workspace_id, id);
}

Result<BusinessHoursRecord> BusinessHoursService::Create(WriteTx& tx, const Principal& who,
                                                         const json& body) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change business hours"));
  ASSIGN_OR_RETURN(Workspace w, tx.GetWorkspace(who.workspace_id));
  ASSIGN_OR_RETURN(auto current_default, tx.hours().DefaultBusinessHours(who.workspace_id));
  BusinessHoursRecord r;
  r.workspace_id = who.workspace_id;
  r.time_zone = w.time_zone;
  r.is_default = !current_default.has_value();
  RETURN_IF_ERROR(ReadBusinessHours(body, true, &r));
  RETURN_IF_ERROR(CheckGroups(tx, r));
  r.created_at = r.updated_at = clock_.Now();
  r.version = 1;
  RETURN_IF_ERROR(tx.hours().InsertBusinessHours(&r));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "business_hours.created",
                               "business_hours", r.id, AuditCreated(AuditView(r)), r.created_at));
  return r;
}

Result<BusinessHoursRecord> BusinessHoursService::Update(WriteTx& tx, const Principal& who, Id id,
                                                         const json& body,
                                                         std::optional<int64_t> if_match) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change business hours"));
  ASSIGN_OR_RETURN(BusinessHoursRecord before, tx.hours().GetBusinessHours(who.workspace_id, id));
  RETURN_IF_ERROR(CheckVersion(before, if_match));
  BusinessHoursRecord r = before;
  RETURN_IF_ERROR(ReadBusinessHours(body, false, &r));
  RETURN_IF_ERROR(CheckGroups(tx, r));
  json changes = AuditDiff(AuditView(before), AuditView(r));
  if (changes.empty()) return before;
  r.updated_at = clock_.Now();
  r.version = before.version + 1;
  RETURN_IF_ERROR(tx.hours().UpdateBusinessHours(r));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "business_hours.updated",
                               "business_hours", r.id, changes, r.updated_at));
  return r;
}

Status BusinessHoursService::Delete(WriteTx& tx, const Principal& who, Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change business hours"));
  ASSIGN_OR_RETURN(BusinessHoursRecord r, tx.hours().GetBusinessHours(who.workspace_id, id));
  RETURN_IF_ERROR(tx.hours().DeleteBusinessHours(who.workspace_id, id));
  return RecordChange(tx, who.workspace_id, who.actor(), "business_hours.deleted", "business_hours",
                      id, {{"name", {r.name, nullptr}}}, clock_.Now());
}

Result<BusinessHoursRecord> BusinessHoursService::AddHoliday(
    WriteTx& tx, const Principal& who, Id id, const json& body,
    std::optional<int64_t> if_match) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change business hours"));
  StoredHoliday h;
  RETURN_IF_ERROR(ReadHoliday(body, &h));
  ASSIGN_OR_RETURN(BusinessHoursRecord before, tx.hours().GetBusinessHours(who.workspace_id, id));
  RETURN_IF_ERROR(CheckVersion(before, if_match));
  for (const StoredHoliday& o : before.holidays) {
    if (o.date == h.date) {
      return InvalidArgument("the schedule has a holiday on " + h.date + " already")
          .WithField("date", "has a holiday already: " + o.name);
    }
  }
  if (before.holidays.size() >= domain::kMaxHolidays) {
    return InvalidArgument("the schedule has the most holidays it may have")
        .WithField("date", "cannot be added: a schedule has at most " +
                               std::to_string(domain::kMaxHolidays) + " holidays");
  }
  BusinessHoursRecord r = before;
  r.holidays.push_back(h);
  std::sort(r.holidays.begin(), r.holidays.end(),
            [](const StoredHoliday& a, const StoredHoliday& b) { return a.date < b.date; });
  r.updated_at = clock_.Now();
  r.version = before.version + 1;
  RETURN_IF_ERROR(tx.hours().UpdateBusinessHours(r));
  RETURN_IF_ERROR(
      RecordChange(tx, who.workspace_id, who.actor(), "business_hours.updated", "business_hours",
                   r.id, {{"holiday_added", {nullptr, h.date + " " + h.name}}}, r.updated_at));
  return r;
}

Result<HolidayImport> BusinessHoursService::ImportHolidays(WriteTx& tx, const Principal& who, Id id,
                                                           std::string_view ics,
                                                           std::string calendar,
                                                           std::optional<int64_t> if_match) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change business hours"));
  ASSIGN_OR_RETURN(BusinessHoursRecord before, tx.hours().GetBusinessHours(who.workspace_id, id));
  RETURN_IF_ERROR(CheckVersion(before, if_match));
  domain::ICalOptions options;
  options.first_year = YearOf(clock_.Now());
  options.last_year = options.first_year + 2;
  ASSIGN_OR_RETURN(domain::ICalHolidays file, domain::ParseICalHolidays(ics, options));
  if (calendar.empty()) calendar = file.calendar_name;
  HolidayImport out;
  out.events = file.events;
  std::map<std::string, StoredHoliday> by_date;
  for (const StoredHoliday& h : before.holidays) by_date.emplace(h.date, h);
  for (const domain::Holiday& h : file.holidays) {
    if (by_date.emplace(h.date, StoredHoliday{h.date, h.name, calendar}).second) {
      ++out.added;
    } else {
      ++out.already;
    }
  }
  if (by_date.size() > domain::kMaxHolidays) {
    return InvalidArgument("the schedule would have more than " +
                           std::to_string(domain::kMaxHolidays) + " holidays")
        .WithField("ics", "holds " + std::to_string(out.added) +
                              " new dates; a schedule has at most " +
                              std::to_string(domain::kMaxHolidays) + " holidays");
  }
  BusinessHoursRecord r = before;
  r.holidays.clear();
  for (auto& [date, h] : by_date) r.holidays.push_back(std::move(h));
  if (out.added > 0) {
    r.updated_at = clock_.Now();
    r.version = before.version + 1;
    RETURN_IF_ERROR(tx.hours().UpdateBusinessHours(r));
    RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "business_hours.updated",
                                 "business_hours", r.id,
                                 {{"holidays_imported", {nullptr, out.added}}}, r.updated_at));
  }
  out.record = std::move(r);
  return out;
}

Result<ScheduleClock> BusinessHoursService::ClockOf(BusinessHoursRecord record) {
  ASSIGN_OR_RETURN(domain::BusinessClock clock, domain::BusinessClock::Make(record.Schedule()));
  return ScheduleClock{std::move(record), std::move(clock)};
}

Result<std::optional<ScheduleClock>> BusinessHoursService::ClockFor(ReadTx& tx, Id ws,
                                                                    std::optional<Id> group_id) {
  std::optional<Id> id;
  if (group_id) {
    ASSIGN_OR_RETURN(id, tx.hours().BusinessHoursOfGroup(ws, *group_id));
  }
  if (!id) {
    ASSIGN_OR_RETURN(id, tx.hours().DefaultBusinessHours(ws));
  }
  if (!id) return std::optional<ScheduleClock>();
  ASSIGN_OR_RETURN(BusinessHoursRecord r, tx.hours().GetBusinessHours(ws, *id));
  ASSIGN_OR_RETURN(ScheduleClock c, ClockOf(std::move(r)));
  return std::optional<ScheduleClock>(std::move(c));
}

Result<HoursStatus> BusinessHoursService::StatusAt(ReadTx& tx, const Principal& who, Id id,
                                                   Millis at) const {
  ASSIGN_OR_RETURN(BusinessHoursRecord r, tx.hours().GetBusinessHours(who.workspace_id, id));
  ASSIGN_OR_RETURN(ScheduleClock c, ClockOf(std::move(r)));
  auto zoned = [&](std::optional<Millis> t) -> std::optional<ZonedTime> {
    if (!t) return std::nullopt;
    return ZonedTime{*t, c.clock.OffsetMinutes(*t)};
  };
  HoursStatus s;
  s.schedule_id = id;
  s.time_zone = c.record.time_zone;
  s.at = *zoned(at);
  s.open = c.clock.IsOpen(at);
  s.next_change = zoned(c.clock.NextChange(at));
  s.next_open = zoned(c.clock.NextOpen(at));
  if (const domain::Holiday* h = c.clock.HolidayAt(at)) {
    for (const StoredHoliday& stored : c.record.holidays) {
      if (stored.date == h->date) s.holiday = stored;
    }
  }
  return s;
}

Result<ZonedTime> BusinessHoursService::DueAt(ReadTx& tx, const Principal& who, Id id, Millis from,
                                              Millis duration) const {
  ASSIGN_OR_RETURN(BusinessHoursRecord r, tx.hours().GetBusinessHours(who.workspace_id, id));
  ASSIGN_OR_RETURN(ScheduleClock c, ClockOf(std::move(r)));
  std::optional<Millis> due = c.clock.AddBusinessTime(from, duration);
  if (!due) {
    return InvalidArgument("the schedule is not open long enough within ten years")
        .WithField("minutes", "reaches past ten years of these business hours");
  }
  return ZonedTime{*due, c.clock.OffsetMinutes(*due)};
}

}  // namespace sahayak::services
