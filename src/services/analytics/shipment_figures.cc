// Operations figures over a cohort of shipments (docs/analytics.md).
#include "services/analytics/shipment_figures.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "domain/people.h"
#include "services/store.h"

namespace sahayak::services {

namespace {

std::string AsciiLower(std::string s) {
  for (char& ch : s) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return s;
}

}  // namespace

std::string ContactReason(const std::string& status,
                          const std::optional<std::string>& promised_date,
                          const std::string& contact_date) {
  const bool moving = status == "booked" || status == "picked_up" || status == "in_transit";
  if (moving && promised_date && !promised_date->empty() && contact_date > *promised_date) {
    return "late";
  }
  if (status == "booked") return "not_picked_up";
  if (status == "picked_up" || status == "in_transit") return "in_transit";
  if (status == "out_for_delivery") return "out_for_delivery";
  if (status == "delivery_failed") return "delivery_failed";
  if (status == "delivered") return "after_delivery";
  if (status == "returned_to_origin") return "returned";
  if (status == "lost" || status == "damaged") return "lost_or_damaged";
  return "in_transit";
}

// ---- the builder ----

ShipmentFigureBuilder::ShipmentFigureBuilder(const std::string& from, const std::string& to,
                                             const std::string& time_zone)
    : ShipmentFigureBuilder(Period(from, to, time_zone)) {}

ShipmentFigureBuilder::ShipmentFigureBuilder(Period period) : period_(std::move(period)) {
  out_.from = period_.from();
  out_.to = period_.to();
  out_.time_zone = period_.time_zone();
  out_.window_hours = kNoticeWindowHours;
  for (const std::string& date : period_.dates()) out_.days.push_back(DayFigure{date, 0, 0});
}

ShipmentFigureBuilder::~ShipmentFigureBuilder() = default;

std::string ShipmentFigureBuilder::RouteKey(const std::string& origin,
                                            const std::string& destination) {
  return AsciiLower(origin) + '\n' + AsciiLower(destination);
}

void ShipmentFigureBuilder::AddOutcome(const ShipmentOutcome& o) {
  auto add = [&o](FigureCounts* c) {
    c->shipments++;
    if (o.status == "delivered") c->delivered++;
    if (o.failed_attempt) c->failed_attempt++;
    if (o.returned) c->returned++;
    if (o.status == "lost" || o.status == "damaged") c->lost_or_damaged++;
  };
  add(&out_.totals);
  add(&out_.by_carrier[o.carrier_id]);
  auto [it, fresh] = routes_.try_emplace(RouteKey(o.origin, o.destination));
  if (fresh) {
    it->second.origin = o.origin;
    it->second.destination = o.destination;
  }
  add(&it->second.counts);
  if (int d = period_.DayOf(o.booked_at); d >= 0) out_.days[static_cast<size_t>(d)].shipments++;
}

void ShipmentFigureBuilder::AddContact(const ShipmentContact& c) {
  const std::string reason =
      ContactReason(c.status_at_contact, c.promised_date, LocalDate(c.contact_at));
  auto add = [&reason](FigureCounts* f) {
    f->contacts++;
    f->reasons[reason]++;
  };
  add(&out_.totals);
  add(&out_.by_carrier[c.carrier_id]);
  auto [it, fresh] = routes_.try_emplace(RouteKey(c.origin, c.destination));
  if (fresh) {
    it->second.origin = c.origin;
    it->second.destination = c.destination;
  }
  add(&it->second.counts);
  if (int d = period_.DayOf(c.shipment_booked_at); d >= 0) out_.days[static_cast<size_t>(d)].contacts++;
}

void ShipmentFigureBuilder::AddNotice(const NoticeFollowUp& n) {
  NoticeFigure& f = notices_[n.notice];
  f.notice = n.notice;
  if (n.outcome == "mailed" || n.outcome == "chatted") {  // told, by e-mail or in their chat
    f.told++;
    if (n.contacted_after) f.told_contacted++;
  } else if (n.outcome != "stale") {  // stale: the news was old when it came; nobody to tell
    f.untold++;
    if (n.contacted_after) f.untold_contacted++;
  }
}

ShipmentFigures ShipmentFigureBuilder::Finish(size_t top_routes) {
  std::vector<RouteFigure> routes;
  routes.reserve(routes_.size());
  for (auto& [key, r] : routes_) routes.push_back(std::move(r));
  routes_.clear();
  std::sort(routes.begin(), routes.end(), [](const RouteFigure& a, const RouteFigure& b) {
    if (a.counts.shipments != b.counts.shipments) return a.counts.shipments > b.counts.shipments;
    if (a.counts.contacts != b.counts.contacts) return a.counts.contacts > b.counts.contacts;
    return std::tie(a.origin, a.destination) < std::tie(b.origin, b.destination);
  });
  if (routes.size() > top_routes) routes.resize(top_routes);
  out_.by_route = std::move(routes);

  static const char* const kOrder[] = {"out_for_delivery", "delivered", "delivery_failed",
                                       "exception", "late"};
  for (const char* kind : kOrder) {
    auto it = notices_.find(kind);
    if (it == notices_.end()) continue;
    NoticeFigure f = it->second;
    if (f.untold >= kMinUntoldForEstimate && f.told > 0) {
      const double untold_rate = static_cast<double>(f.untold_contacted) / f.untold;
      const double told_rate = static_cast<double>(f.told_contacted) / f.told;
      f.prevented = std::max<int64_t>(
          0, static_cast<int64_t>(std::llround((untold_rate - told_rate) * f.told)));
      out_.prevented = out_.prevented.value_or(0) + *f.prevented;
    }
    out_.notices.push_back(std::move(f));
  }
  return std::move(out_);
}

// ---- from the store ----

Result<ShipmentFigures> ComputeShipmentFigures(ReadTx& tx, const Principal& who,
                                               FigureQuery q, Millis now) {
  if (!who.is_admin()) return PermissionDenied("only admins may read operations figures");
  ASSIGN_OR_RETURN(Period period, ResolvePeriod(tx, who, q.from, q.to, now));
  ShipmentCohort cohort;
  cohort.ws = who.workspace_id;
  std::optional<domain::Id> carrier_id;
  if (!q.carrier.empty()) {
    auto carrier = tx.shipments().FindCarrierByCode(who.workspace_id, q.carrier);
    if (!carrier.ok()) {
      if (carrier.status().code() != Code::kNotFound) return carrier.status();
      return InvalidArgument("no carrier has that code")
          .WithField("carrier", "is not the code of a carrier of this workspace");
    }
    carrier_id = carrier->id;
  }
  ShipmentFigureBuilder b(std::move(period));
  cohort.from = b.start();
  cohort.to = b.end();
  cohort.carrier_id = carrier_id;
  AnalyticsReadTx& a = tx.analytics();
  RETURN_IF_ERROR(a.ForEachShipmentOutcome(
      cohort, [&b](const ShipmentOutcome& o) { b.AddOutcome(o); }));
  RETURN_IF_ERROR(a.ForEachShipmentContact(
      cohort, [&b](const ShipmentContact& c) { b.AddContact(c); }));
  RETURN_IF_ERROR(a.ForEachNoticeFollowUp(cohort, kNoticeWindowHours * 3'600'000LL,
                                          [&b](const NoticeFollowUp& n) { b.AddNotice(n); }));
  ShipmentFigures f = b.Finish();
  f.carrier_id = carrier_id;
  return f;
}

}  // namespace sahayak::services
