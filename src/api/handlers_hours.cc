// Business hours and holidays (docs/business-hours.md): /api/v1/business-hours and its
// holidays, .ics import, status and due-time routes.
#include "api/crud.h"
#include "api/handlers.h"
#include "api/multipart.h"
#include "base/clock.h"
#include "base/text.h"
#include "domain/delivery.h"
#include "services/hours/hours_service.h"

namespace sahayak::api::handlers {

namespace {

using nlohmann::json;
using services::BusinessHoursRecord;
using services::ReadTx;
using services::WriteTx;

Response HoursNotWired() {
  return Problem(503, "unavailable", "business hours are not available on this server");
}

json Zoned(const std::optional<services::ZonedTime>& t) {
  if (!t) return nullptr;
  return FormatRfc3339Zoned(t->at, t->offset_minutes);
}

json HolidayJson(const services::StoredHoliday& h) {
  return {{"date", h.date}, {"name", h.name}, {"calendar", h.calendar}};
}

json HoursJson(const BusinessHoursRecord& r) {
  json periods = json::array();
  for (const auto& p : r.periods) {
    periods.push_back({{"day", domain::WeekdayName(p.weekday)},
                       {"start", domain::FormatClock(p.start)},
                       {"end", domain::FormatClock(p.end)}});
  }
  json holidays = json::array();
  for (const auto& h : r.holidays) holidays.push_back(HolidayJson(h));
  return {{"id", r.id},
          {"name", r.name},
          {"is_default", r.is_default},
          {"time_zone", r.time_zone},
          {"always_open", r.always_open},
          {"periods", std::move(periods)},
          {"holidays", std::move(holidays)},
          {"group_ids", r.group_ids},
          {"created_at", FormatRfc3339(r.created_at)},
          {"updated_at", FormatRfc3339(r.updated_at)},
          {"version", r.version}};
}

Response HoursResponse(int status, const BusinessHoursRecord& r) {
  Response out = JsonResponse(status, HoursJson(r));
  SetEtag(&out, r.version);
  return out;
}

// ?name=<RFC 3339> (default: now); InvalidArgument naming it otherwise.
Result<Millis> QueryTime(ApiContext& ctx, const Request& req, const char* name) {
  auto text = req.Query(name);
  if (!text || text->empty()) return ctx.clock.Now();
  Millis t = 0;
  if (!ParseRfc3339(*text, &t)) {
    return InvalidArgument(std::string(name) + " is not a date-time")
        .WithField(name, "must be an RFC 3339 date-time, e.g. 2026-08-14T17:55:00+05:30");
  }
  return t;
}

}  // namespace

Response ListBusinessHours(ApiContext& ctx, Call& call) {
  if (ctx.hours == nullptr) return HoursNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto list, ctx.hours->List(tx, call.who));
    json data = json::array();
    for (const auto& r : list) data.push_back(HoursJson(r));
    return ListBody(std::move(data), std::nullopt);
  });
}

Response CreateBusinessHours(ApiContext& ctx, Call& call) {
  if (ctx.hours == nullptr) return HoursNotWired();
  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(BusinessHoursRecord r, ctx.hours->Create(tx, call.who, call.body));
    Response out = HoursResponse(201, r);
    out.AddHeader("Location", "/api/v1/business-hours/" + std::to_string(r.id));
    return out;
  });
}

Response GetBusinessHours(ApiContext& ctx, Call& call) {
  if (ctx.hours == nullptr) return HoursNotWired();
  Response out;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(BusinessHoursRecord r, ctx.hours->Get(tx, call.who, call.id()));
    out = HoursResponse(200, r);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response PatchBusinessHours(ApiContext& ctx, Call& call) {
  if (ctx.hours == nullptr) return HoursNotWired();
  auto if_match = IfMatch(call.req);
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(BusinessHoursRecord r,
                     ctx.hours->Update(tx, call.who, call.id(), call.body, if_match));
    out = HoursResponse(200, r);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response DeleteBusinessHours(ApiContext& ctx, Call& call) {
  if (ctx.hours == nullptr) return HoursNotWired();
  Status st =
      ctx.store.Write([&](WriteTx& tx) { return ctx.hours->Delete(tx, call.who, call.id()); });
  return st.ok() ? NoContent() : ProblemResponse(st);
}

Response ListBusinessHolidays(ApiContext& ctx, Call& call) {
  if (ctx.hours == nullptr) return HoursNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(BusinessHoursRecord r, ctx.hours->Get(tx, call.who, call.id()));
    json data = json::array();
    for (const auto& h : r.holidays) data.push_back(HolidayJson(h));
    return ListBody(std::move(data), std::nullopt);
  });
}

Response AddBusinessHoliday(ApiContext& ctx, Call& call) {
  if (ctx.hours == nullptr) return HoursNotWired();
  auto if_match = IfMatch(call.req);
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(BusinessHoursRecord r,
                     ctx.hours->AddHoliday(tx, call.who, call.id(), call.body, if_match));
    out = HoursResponse(201, r);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

// The file comes as the body (text/calendar) or as the part "file" of multipart/form-data;
// ?calendar= labels its holidays.
Response ImportBusinessHolidays(ApiContext& ctx, Call& call) {
  if (ctx.hours == nullptr) return HoursNotWired();
  const std::string media = AsciiLower(
      Trim(call.req.Header("content-type").substr(0, call.req.Header("content-type").find(';'))));
  std::string ics;
  if (media == "text/calendar") {
    ics = call.req.body;
  } else if (media == "multipart/form-data") {
    auto boundary = MultipartBoundary(call.req.Header("content-type"));
    if (!boundary.ok()) {
      return ProblemResponse(InvalidArgument(boundary.status().message()).WithKind("bad-request"));
    }
    auto parts = ParseMultipart(call.req.body, *boundary, 4);
    if (!parts.ok()) {
      return ProblemResponse(
          InvalidArgument("the multipart body is malformed: " + parts.status().message())
              .WithKind("bad-request"));
    }
    bool found = false;
    for (auto& p : *parts) {
      if (p.name == "file" && !found) {
        ics = std::move(p.data);
        found = true;
      }
    }
    if (!found) {
      return ProblemResponse(InvalidArgument("upload the .ics file in a part named \"file\"")
                                 .WithField("file", "is required"));
    }
  } else {
    return Problem(415, "unsupported-media-type",
                   "send the .ics file as text/calendar, or as the part \"file\" of "
                   "multipart/form-data");
  }
  std::string calendar;
  if (auto c = call.req.Query("calendar")) {
    if (!IsValidUtf8(*c) || HasControlChars(*c) || CodePointCount(*c) > 100) {
      return ProblemResponse(InvalidArgument("calendar is not a short name")
                                 .WithField("calendar", "must be text of at most 100 characters"));
    }
    calendar = ToNfc(Trim(*c));
  }
  auto if_match = IfMatch(call.req);
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto result,
                     ctx.hours->ImportHolidays(tx, call.who, call.id(), ics, calendar, if_match));
    json body = HoursJson(result.record);
    body["import"] = {
        {"events", result.events}, {"added", result.added}, {"already_present", result.already}};
    out = JsonResponse(200, body);
    SetEtag(&out, result.record.version);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response BusinessHoursStatus(ApiContext& ctx, Call& call) {
  if (ctx.hours == nullptr) return HoursNotWired();
  auto at = QueryTime(ctx, call.req, "at");
  if (!at.ok()) return ProblemResponse(at.status());
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto s, ctx.hours->StatusAt(tx, call.who, call.id(), *at));
    return json{{"business_hours_id", s.schedule_id},
                {"time_zone", s.time_zone},
                {"at", Zoned(s.at)},
                {"open", s.open},
                {"next_change", Zoned(s.next_change)},
                {"next_open", Zoned(s.next_open)},
                {"holiday", s.holiday ? HolidayJson(*s.holiday) : json(nullptr)}};
  });
}

Response BusinessHoursDue(ApiContext& ctx, Call& call) {
  if (ctx.hours == nullptr) return HoursNotWired();
  auto from = QueryTime(ctx, call.req, "from");
  if (!from.ok()) return ProblemResponse(from.status());
  auto minutes_text = call.req.Query("minutes");
  int64_t minutes = -1;
  if (minutes_text && !minutes_text->empty() && minutes_text->size() <= 7 &&
      std::all_of(minutes_text->begin(), minutes_text->end(), ::isdigit)) {
    minutes = std::stoll(*minutes_text);
  }
  if (minutes < 0 || minutes > 1'000'000) {
    return ProblemResponse(InvalidArgument("minutes must be a whole number")
                               .WithField("minutes", "must be a whole number from 0 to 1000000"));
  }
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto due, ctx.hours->DueAt(tx, call.who, call.id(), *from, minutes * 60'000));
    return json{{"business_hours_id", call.id()},
                {"from", FormatRfc3339(*from)},
                {"minutes", minutes},
                {"due_at", Zoned(due)}};
  });
}

}  // namespace sahayak::api::handlers
