#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "services/analytics/analytics_store.h"
#include "services/analytics/period.h"
#include "services/principal.h"

// Operations figures for a courier or shop's support team (docs/analytics.md): contacts per
// 1,000 shipments, why customers got in touch by carrier and route, failed-delivery (NDR) and
// return (RTO) rates, and how many contacts the proactive notices saved. Everything is counted
// over a cohort: the shipments booked between two dates in the workspace's time zone.
namespace sahayak::services {

class ReadTx;

// Why a customer got in touch, read from the shipment's state when they did (no agent has to
// tag anything): not_picked_up, in_transit, late (not delivered past the promised date),
// out_for_delivery, delivery_failed, after_delivery, returned, lost_or_damaged.
// `contact_date` is the contact's local date ("YYYY-MM-DD").
std::string ContactReason(const std::string& status_at_contact,
                          const std::optional<std::string>& promised_date,
                          const std::string& contact_date);

// Counts over some shipments of the cohort.
struct FigureCounts {
  int64_t shipments = 0;
  int64_t contacts = 0;
  int64_t delivered = 0;
  int64_t failed_attempt = 0;  // shipments with a failed delivery attempt (NDR)
  int64_t returned = 0;        // shipments returned to origin (RTO)
  int64_t lost_or_damaged = 0;
  std::map<std::string, int64_t> reasons;  // contact reason → contacts
};

// One kind of notice: customers told (mailed, or posted in their chat) against those not told
// (opted out, no address, notice switched off) and how many of each got in touch in the window
// after.
struct NoticeFigure {
  std::string notice;
  int64_t told = 0;
  int64_t told_contacted = 0;
  int64_t untold = 0;
  int64_t untold_contacted = 0;
  // (untold rate − told rate) × told, at least 0; unset while fewer than
  // kMinUntoldForEstimate customers were not told (too few to compare with).
  std::optional<int64_t> prevented;
};

struct RouteFigure {
  std::string origin;
  std::string destination;
  FigureCounts counts;
};

struct DayFigure {
  std::string date;
  int64_t shipments = 0;
  int64_t contacts = 0;  // contacts about the shipments booked that day
};

struct ShipmentFigures {
  std::string from;  // "YYYY-MM-DD", both days included
  std::string to;
  std::string time_zone;
  std::optional<domain::Id> carrier_id;
  int window_hours = 0;
  FigureCounts totals;
  std::map<domain::Id, FigureCounts> by_carrier;
  std::vector<RouteFigure> by_route;  // the busiest routes, most shipments first
  std::vector<NoticeFigure> notices;
  std::optional<int64_t> prevented;   // the sum of the notices' estimates that exist
  std::vector<DayFigure> days;
};

inline constexpr int kNoticeWindowHours = 72;
inline constexpr int64_t kMinUntoldForEstimate = 20;
inline constexpr size_t kTopRoutes = 20;

// Adds rows up into ShipmentFigures; pure, so the arithmetic is tested without a database.
class ShipmentFigureBuilder {
 public:
  // Days `from`..`to` (valid dates, from <= to) in `time_zone` (a valid IANA zone).
  ShipmentFigureBuilder(const std::string& from, const std::string& to,
                        const std::string& time_zone);
  explicit ShipmentFigureBuilder(Period period);
  ~ShipmentFigureBuilder();
  ShipmentFigureBuilder(const ShipmentFigureBuilder&) = delete;
  ShipmentFigureBuilder& operator=(const ShipmentFigureBuilder&) = delete;

  // The cohort's bounds: local midnight of `from` and of the day after `to`, in UTC.
  Millis start() const { return period_.start(); }
  Millis end() const { return period_.end(); }
  // The local date of `t`.
  std::string LocalDate(Millis t) const { return period_.LocalDate(t); }

  void AddOutcome(const ShipmentOutcome& o);
  void AddContact(const ShipmentContact& c);
  void AddNotice(const NoticeFollowUp& n);
  ShipmentFigures Finish(size_t top_routes = kTopRoutes);

 private:
  static std::string RouteKey(const std::string& origin, const std::string& destination);

  Period period_;
  ShipmentFigures out_;
  std::map<std::string, RouteFigure> routes_;
  std::map<std::string, NoticeFigure> notices_;
};

struct FigureQuery {
  std::string from;  // "YYYY-MM-DD"; "" for 29 days before `to`
  std::string to;    // "YYYY-MM-DD"; "" for today in the workspace's time zone
  std::string carrier;  // a carrier's code, or "" for every carrier
};

// The figures for `q` in the caller's workspace at time `now`. Admins only (PermissionDenied
// otherwise); InvalidArgument naming `from`, `to` or `carrier` for a bad query.
Result<ShipmentFigures> ComputeShipmentFigures(ReadTx& tx, const Principal& who,
                                               FigureQuery q, Millis now);

}  // namespace sahayak::services
