#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/business_hours.h"
#include "domain/types.h"

// Business hours' storage (docs/business-hours.md, migration 0021). Reached through
// ReadTx::hours() and WriteTx::hours() (services/store.h); store/sqlite/tx_hours.cc implements
// it inside the store's transaction. Methods answer NotFound for ids outside the workspace.
namespace sahayak::services {

using domain::Id;

// A holiday with where it came from, as stored.
struct StoredHoliday {
  std::string date;  // "YYYY-MM-DD"
  std::string name;
  std::string calendar;  // "India", "Karnataka", an imported file's name; may be ""
};

struct BusinessHoursRecord {
  Id id = 0;
  Id workspace_id = 0;
  std::string name;
  bool is_default = false;  // the workspace's schedule for groups that name none
  std::string time_zone;
  bool always_open = false;
  std::vector<domain::BusinessPeriod> periods;  // in the order given
  std::vector<StoredHoliday> holidays;          // by date
  std::vector<Id> group_ids;                    // groups that follow it, ascending
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;

  domain::BusinessSchedule Schedule() const;
};

class HoursReadTx {
 public:
  virtual ~HoursReadTx() = default;

  // Every schedule of the workspace by name, each whole.
  virtual Result<std::vector<BusinessHoursRecord>> ListBusinessHours(Id ws) = 0;
  virtual Result<BusinessHoursRecord> GetBusinessHours(Id ws, Id id) = 0;
  // The schedule that names the group, or nullopt.
  virtual Result<std::optional<Id>> BusinessHoursOfGroup(Id ws, Id group_id) = 0;
  // The workspace's default schedule, or nullopt.
  virtual Result<std::optional<Id>> DefaultBusinessHours(Id ws) = 0;
};

class HoursWriteTx : public virtual HoursReadTx {
 public:
  // Fills in the id. AlreadyExists when the workspace has a schedule of that name. With
  // is_default, the workspace's other schedules stop being the default.
  virtual Status InsertBusinessHours(BusinessHoursRecord* r) = 0;
  // Writes every member (holidays and groups replaced), the same AlreadyExists and default
  // rule. A group named here leaves the schedule it followed before.
  virtual Status UpdateBusinessHours(const BusinessHoursRecord& r) = 0;
  // With its holidays; its groups fall back to the default.
  virtual Status DeleteBusinessHours(Id ws, Id id) = 0;
};

}  // namespace sahayak::services
