// Figures (docs/analytics.md): GET /api/v1/analytics/shipments and /api/v1/analytics/chats.
#include <cmath>

#include "api/common.h"
#include "api/handlers.h"
#include "services/analytics/chat_figures.h"
#include "services/analytics/shipment_figures.h"

namespace sahayak::api::handlers {

using nlohmann::json;
using services::FigureCounts;
using services::ReadTx;

namespace {

// part / whole rounded to four places, or null when there is no whole.
json Rate(int64_t part, int64_t whole) {
  if (whole <= 0) return nullptr;
  return std::round(static_cast<double>(part) / static_cast<double>(whole) * 10000.0) / 10000.0;
}

json CountsJson(const FigureCounts& c) {
  json reasons = json::array();
  std::vector<std::pair<std::string, int64_t>> sorted(c.reasons.begin(), c.reasons.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [reason, n] : sorted) {
    reasons.push_back({{"reason", reason}, {"contacts", n}, {"share", Rate(n, c.contacts)}});
  }
  json per_thousand = nullptr;
  if (c.shipments > 0) {
    per_thousand = std::round(static_cast<double>(c.contacts) * 10000.0 /
                              static_cast<double>(c.shipments)) / 10.0;
  }
  return json{{"shipments", c.shipments},
              {"contacts", c.contacts},
              {"contacts_per_1000", per_thousand},
              {"delivered", c.delivered},
              {"delivered_rate", Rate(c.delivered, c.shipments)},
              {"ndr", c.failed_attempt},
              {"ndr_rate", Rate(c.failed_attempt, c.shipments)},
              {"rto", c.returned},
              {"rto_rate", Rate(c.returned, c.shipments)},
              {"lost_or_damaged", c.lost_or_damaged},
              {"lost_or_damaged_rate", Rate(c.lost_or_damaged, c.shipments)},
              {"reasons", std::move(reasons)}};
}

json StatsJson(const services::DurationStats& s) {
  auto opt = [](const auto& v) { return v ? json(*v) : json(nullptr); };
  return json{{"count", s.count()},
              {"average_seconds", opt(s.AverageSeconds())},
              {"median_seconds", opt(s.PercentileSeconds(0.5))},
              {"p90_seconds", opt(s.PercentileSeconds(0.9))}};
}

json ChatCountsJson(const services::ChatCounts& c) {
  return json{{"chats", c.chats},
              {"answered", c.answered},
              {"missed", c.missed},
              {"missed_rate", Rate(c.missed, c.chats)},
              {"waiting", c.waiting},
              {"by_assistant", c.by_assistant},
              {"responded", c.responded},
              {"within_target", c.within_target},
              {"within_target_rate", Rate(c.within_target, c.responded)},
              {"wait", StatsJson(c.wait)},
              {"first_response", StatsJson(c.first_response)},
              {"duration", StatsJson(c.duration)},
              {"gave_up_after", StatsJson(c.gave_up_after)}};
}

}  // namespace

Response GetChatFigures(ApiContext& ctx, Call& call) {
  services::ChatFigureQuery q;
  if (auto v = call.req.Query("from")) q.from = std::string(*v);
  if (auto v = call.req.Query("to")) q.to = std::string(*v);
  if (auto v = call.req.Query("group")) q.group = std::string(*v);
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(services::ChatFigures f,
                     services::ComputeChatFigures(tx, call.who, q, ctx.clock.Now()));
    json by_agent = json::array();
    for (const services::ChatAgentFigure& a : f.by_agent) {
      json row = ChatCountsJson(a.counts);
      row["agent"] = {{"id", a.agent_id}, {"name", a.name}};
      by_agent.push_back(std::move(row));
    }
    json by_group = json::array();
    for (const services::ChatGroupFigure& g : f.by_group) {
      json row = ChatCountsJson(g.counts);
      row["group"] = g.group_id ? json{{"id", *g.group_id}, {"name", g.name}} : json(nullptr);
      by_group.push_back(std::move(row));
    }
    json by_language = json::array();
    for (const services::ChatLanguageFigure& l : f.by_language) {
      json row = ChatCountsJson(l.counts);
      row["language"] = l.language;
      by_language.push_back(std::move(row));
    }
    json days = json::array();
    for (const services::ChatDayFigure& d : f.days) {
      days.push_back({{"date", d.date},
                      {"chats", d.chats},
                      {"answered", d.answered},
                      {"missed", d.missed},
                      {"within_target", d.within_target}});
    }
    return json{{"from", f.from},
                {"to", f.to},
                {"time_zone", f.time_zone},
                {"group", f.group_id ? json(*f.group_id) : json(nullptr)},
                {"target_seconds", f.target_ms / 1000},
                {"totals", ChatCountsJson(f.totals)},
                {"by_agent", std::move(by_agent)},
                {"by_group", std::move(by_group)},
                {"by_language", std::move(by_language)},
                {"days", std::move(days)}};
  });
}

Response GetShipmentFigures(ApiContext& ctx, Call& call) {
  services::FigureQuery q;
  if (auto v = call.req.Query("from")) q.from = std::string(*v);
  if (auto v = call.req.Query("to")) q.to = std::string(*v);
  if (auto v = call.req.Query("carrier")) q.carrier = std::string(*v);
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(services::ShipmentFigures f,
                     services::ComputeShipmentFigures(tx, call.who, q, ctx.clock.Now()));
    ASSIGN_OR_RETURN(std::vector<domain::Carrier> carriers,
                     tx.shipments().ListCarriers(call.who.workspace_id));
    json by_carrier = json::array();
    for (const auto& [id, counts] : f.by_carrier) {
      json carrier = {{"id", id}, {"code", ""}, {"name", ""}};
      for (const domain::Carrier& c : carriers) {
        if (c.id == id) carrier = {{"id", id}, {"code", c.code}, {"name", c.name}};
      }
      json row = CountsJson(counts);
      row["carrier"] = std::move(carrier);
      by_carrier.push_back(std::move(row));
    }
    std::stable_sort(by_carrier.begin(), by_carrier.end(), [](const json& a, const json& b) {
      return a["shipments"].get<int64_t>() > b["shipments"].get<int64_t>();
    });
    json by_route = json::array();
    for (const services::RouteFigure& r : f.by_route) {
      json row = CountsJson(r.counts);
      row["origin"] = r.origin;
      row["destination"] = r.destination;
      by_route.push_back(std::move(row));
    }
    json notices = json::array();
    for (const services::NoticeFigure& n : f.notices) {
      notices.push_back({{"notice", n.notice},
                         {"told", n.told},
                         {"told_contacted", n.told_contacted},
                         {"told_contact_rate", Rate(n.told_contacted, n.told)},
                         {"untold", n.untold},
                         {"untold_contacted", n.untold_contacted},
                         {"untold_contact_rate", Rate(n.untold_contacted, n.untold)},
                         {"prevented", n.prevented ? json(*n.prevented) : json(nullptr)}});
    }
    json days = json::array();
    for (const services::DayFigure& d : f.days) {
      days.push_back({{"date", d.date}, {"shipments", d.shipments}, {"contacts", d.contacts}});
    }
    json carrier_filter = nullptr;
    if (!q.carrier.empty()) carrier_filter = q.carrier;
    return json{{"from", f.from},
                {"to", f.to},
                {"time_zone", f.time_zone},
                {"carrier", carrier_filter},
                {"totals", CountsJson(f.totals)},
                {"by_carrier", std::move(by_carrier)},
                {"by_route", std::move(by_route)},
                {"notices", {{"window_hours", f.window_hours},
                             {"min_untold_for_estimate", services::kMinUntoldForEstimate},
                             {"prevented", f.prevented ? json(*f.prevented) : json(nullptr)},
                             {"kinds", std::move(notices)}}},
                {"days", std::move(days)}};
  });
}

}  // namespace sahayak::api::handlers
