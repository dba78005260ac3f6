// Business hours (migration 0021): schedules with their week as one JSON text column, their
// holidays and the groups that follow them in tables of their own.
#include "store/sqlite/tx_hours.h"

#include <array>
#include <nlohmann/json.hpp>

namespace sahayak::store {

namespace {

using nlohmann::json;
using services::BusinessHoursRecord;

constexpr const char* kHoursColumns =
    "id, workspace_id, name, time_zone, always_open, periods, is_default, created_at, "
    "updated_at, version";

constexpr std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string Clock(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60 % 100, minutes % 60);
  return buf;
}

int Minutes(const std::string& hhmm) {
  if (hhmm.size() != 5) return 0;
  return ((hhmm[0] - '0') * 10 + (hhmm[1] - '0')) * 60 + (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
}

std::string PeriodsToJsonText(const std::vector<domain::BusinessPeriod>& periods) {
  json out = json::array();
  for (const auto& p : periods) {
    out.push_back({{"day", kDays[static_cast<size_t>(p.weekday % 7)]},
                   {"start", Clock(p.start)},
                   {"end", Clock(p.end)}});
  }
  return out.dump();
}

// A damaged column reads as no periods rather than failing every read.
std::vector<domain::BusinessPeriod> PeriodsFromJsonText(const std::string& text) {
  std::vector<domain::BusinessPeriod> out;
  json list = json::parse(text, nullptr, false);
  if (!list.is_array()) return out;
  for (const json& j : list) {
    if (!j.is_object()) continue;
    domain::BusinessPeriod p;
    const std::string day = j.value("day", "");
    for (size_t d = 0; d < kDays.size(); ++d) {
      if (day == kDays[d]) p.weekday = static_cast<int>(d);
    }
    p.start = Minutes(j.value("start", ""));
    p.end = Minutes(j.value("end", ""));
    out.push_back(p);
  }
  return out;
}

BusinessHoursRecord ReadRecord(const Stmt& s) {
  BusinessHoursRecord r;
  r.id = s.Int(0);
  r.workspace_id = s.Int(1);
  r.name = s.Text(2);
  r.time_zone = s.Text(3);
  r.always_open = s.Int(4) != 0;
  r.periods = PeriodsFromJsonText(s.Text(5));
  r.is_default = s.Int(6) != 0;
  r.created_at = s.Int(7);
  r.updated_at = s.Int(8);
  r.version = s.Int(9);
  return r;
}

Status NameTaken(const Status& st, const BusinessHoursRecord& r) {
  if (st.code() != Code::kAlreadyExists) return st;
  return AlreadyExists("there are already business hours named \"" + r.name + "\"")
      .WithField("name", "is taken by other business hours");
}

}  // namespace

Status SqliteHoursTx::LoadChildren(BusinessHoursRecord* r) {
  {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT date, name, calendar FROM business_holidays WHERE "
                                         "schedule_id = ? ORDER BY date"));
    s.Bind(1, r->id);
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      r->holidays.push_back({s.Text(0), s.Text(1), s.Text(2)});
    }
  }
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare(
          "SELECT group_id FROM group_business_hours WHERE schedule_id = ? ORDER BY group_id"));
  s.Bind(1, r->id);
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    r->group_ids.push_back(s.Int(0));
  }
  return Status::Ok();
}

Status SqliteHoursTx::WriteChildren(const BusinessHoursRecord& r) {
  {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM business_holidays WHERE schedule_id = ?"));
    s.Bind(1, r.id);
    RETURN_IF_ERROR(s.Exec());
  }
  for (const auto& h : r.holidays) {
    ASSIGN_OR_RETURN(
        Stmt s,
        c_->Prepare(
            "INSERT INTO business_holidays (workspace_id, schedule_id, date, name, calendar) "
            "VALUES (?, ?, ?, ?, ?)"));
    s.Bind(1, r.workspace_id).Bind(2, r.id).Bind(3, h.date).Bind(4, h.name).Bind(5, h.calendar);
    RETURN_IF_ERROR(s.Exec());
  }
  {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM group_business_hours WHERE schedule_id = ?"));
    s.Bind(1, r.id);
    RETURN_IF_ERROR(s.Exec());
  }
  for (domain::Id g : r.group_ids) {
    ASSIGN_OR_RETURN(
        Stmt s,
        c_->Prepare("INSERT INTO group_business_hours (group_id, workspace_id, schedule_id) VALUES "
                    "(?, ?, ?) "
                    "ON CONFLICT (group_id) DO UPDATE SET schedule_id = excluded.schedule_id"));
    s.Bind(1, g).Bind(2, r.workspace_id).Bind(3, r.id);
    RETURN_IF_ERROR(s.Exec());
  }
  return Status::Ok();
}

Status SqliteHoursTx::ClearOtherDefaults(const BusinessHoursRecord& r) {
  if (!r.is_default) return Status::Ok();
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare("UPDATE business_hours SET is_default = 0 WHERE workspace_id = ? AND id != ? AND "
                  "is_default = 1"));
  s.Bind(1, r.workspace_id).Bind(2, r.id);
  return s.Exec();
}

Result<std::vector<BusinessHoursRecord>> SqliteHoursTx::ListBusinessHours(domain::Id ws) {
  std::vector<BusinessHoursRecord> out;
  {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
      return std::string("SELECT ") + kHoursColumns +
             " FROM business_hours WHERE workspace_id = ? ORDER BY name, id";
    })));
    s.Bind(1, ws);
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.push_back(ReadRecord(s));
    }
  }
  for (auto& r : out) RETURN_IF_ERROR(LoadChildren(&r));
  return out;
}

Result<BusinessHoursRecord> SqliteHoursTx::GetBusinessHours(domain::Id ws, domain::Id id) {
  BusinessHoursRecord r;
  {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
      return std::string("SELECT ") + kHoursColumns +
             " FROM business_hours WHERE workspace_id = ? AND id = ?";
    })));
    s.Bind(1, ws).Bind(2, id);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return NotFound("business hours " + std::to_string(id) + " do not exist");
    r = ReadRecord(s);
  }
  RETURN_IF_ERROR(LoadChildren(&r));
  return r;
}

Result<std::optional<domain::Id>> SqliteHoursTx::BusinessHoursOfGroup(domain::Id ws,
                                                                      domain::Id group_id) {
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare(
          "SELECT schedule_id FROM group_business_hours WHERE workspace_id = ? AND group_id = ?"));
  s.Bind(1, ws).Bind(2, group_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<domain::Id>();
  return std::optional<domain::Id>(s.Int(0));
}

Result<std::optional<domain::Id>> SqliteHoursTx::DefaultBusinessHours(domain::Id ws) {
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare("SELECT id FROM business_hours WHERE workspace_id = ? AND is_default = 1"));
  s.Bind(1, ws);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<domain::Id>();
  return std::optional<domain::Id>(s.Int(0));
}

Status SqliteHoursTx::InsertBusinessHours(BusinessHoursRecord* r) {
  if (r->is_default) {
    ASSIGN_OR_RETURN(
        Stmt s,
        c_->Prepare(
            "UPDATE business_hours SET is_default = 0 WHERE workspace_id = ? AND is_default = 1"));
    s.Bind(1, r->workspace_id);
    RETURN_IF_ERROR(s.Exec());
  }
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare(
          "INSERT INTO business_hours (workspace_id, name, time_zone, always_open, periods, "
          "is_default, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, r->workspace_id).Bind(2, r->name).Bind(3, r->time_zone).Bind(4, r->always_open);
  s.Bind(5, PeriodsToJsonText(r->periods)).Bind(6, r->is_default).Bind(7, r->created_at);
  s.Bind(8, r->updated_at).Bind(9, r->version);
  RETURN_IF_ERROR(NameTaken(s.Exec(), *r));
  r->id = c_->LastInsertId();
  return WriteChildren(*r);
}

Status SqliteHoursTx::UpdateBusinessHours(const BusinessHoursRecord& r) {
  RETURN_IF_ERROR(ClearOtherDefaults(r));
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare(
          "UPDATE business_hours SET name = ?, time_zone = ?, always_open = ?, periods = ?, "
          "is_default = ?, updated_at = ?, version = ? WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, r.name).Bind(2, r.time_zone).Bind(3, r.always_open);
  s.Bind(4, PeriodsToJsonText(r.periods)).Bind(5, r.is_default).Bind(6, r.updated_at);
  s.Bind(7, r.version).Bind(8, r.workspace_id).Bind(9, r.id);
  RETURN_IF_ERROR(NameTaken(s.Exec(), r));
  if (c_->Changes() == 0) {
    return NotFound("business hours " + std::to_string(r.id) + " do not exist");
  }
  return WriteChildren(r);
}

Status SqliteHoursTx::DeleteBusinessHours(domain::Id ws, domain::Id id) {
  // The children go by ON DELETE CASCADE; spelt out so the rows go even without foreign keys.
  for (const char* sql :
       {"DELETE FROM business_holidays WHERE workspace_id = ? AND schedule_id = ?",
        "DELETE FROM group_business_hours WHERE workspace_id = ? AND "
        "schedule_id = ?"}) {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare(sql));
    s.Bind(1, ws).Bind(2, id);
    RETURN_IF_ERROR(s.Exec());
  }
  ASSIGN_OR_RETURN(Stmt s,
                   c_->Prepare("DELETE FROM business_hours WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("business hours " + std::to_string(id) + " do not exist");
  return Status::Ok();
}

}  // namespace sahayak::store
