#include "services/shipments/delivery_input.h"

#include <algorithm>
#include <cctype>

#include "domain/people.h"
#include "services/shipments/shipment_input.h"

namespace sahayak::services::delivery_input {

namespace {

using domain::ClockRange;
using domain::JsonInput;
using json = nlohmann::json;

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// {from, until} with "HH:MM" times; errors named key.from / key.until. A span within one day
// ends after it starts; one that may wrap past midnight (quiet hours, 21:00–08:00) only may not
// start and end at the same time, and is kept in 00:00–23:59.
std::optional<ClockRange> ReadRange(JsonInput* in, const json& v, const std::string& key,
                                    bool may_wrap = false) {
  if (!v.is_object()) {
    in->Error(key, "must be {\"from\": \"HH:MM\", \"until\": \"HH:MM\"}");
    return std::nullopt;
  }
  JsonInput r(v, key);
  domain::OnlyMembers(v, {"from", "until"}, "a time span", &r);
  std::string from, until;
  r.Str("from", &from, true, 10);
  r.Str("until", &until, true, 10);
  auto f = domain::ParseClock(from);
  auto u = domain::ParseClock(until);
  if (r.Has("from") && !from.empty() && !f) r.Error("from", "must be a time like 07:00");
  if (r.Has("until") && !until.empty() && !u) r.Error("until", "must be a time like 16:00");
  if (f && u && !may_wrap && *f >= *u) r.Error("until", "must be after from");
  if (f && u && may_wrap && *f % 1440 == *u % 1440) r.Error("until", "must differ from from");
  if (!r.ok()) {
    const Status st = r.status();
    for (const auto& e : st.fields()) in->Error(e.field, e.message);
    return std::nullopt;
  }
  if (may_wrap) return ClockRange{*f % 1440, *u % 1440};
  return ClockRange{*f, *u};
}

void ReadWindows(JsonInput* in, const json& body, std::vector<domain::WeeklyWindow>* out) {
  if (!in->Has("windows") || in->IsNull("windows")) return;
  const json& v = body["windows"];
  if (!v.is_array()) {
    in->Error("windows", "must be an array of {days, from, until}");
    return;
  }
  if (v.size() > static_cast<size_t>(domain::kMaxWeeklyWindows)) {
    in->Error("windows", "may hold at most " + std::to_string(domain::kMaxWeeklyWindows) +
                             " windows");
    return;
  }
  bool ok = true;
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string key = "windows[" + std::to_string(i) + "]";
    const json& w = v[i];
    if (!w.is_object()) {
      in->Error(key, "must be {days, from, until}");
      ok = false;
      continue;
    }
    domain::WeeklyWindow x;
    if (!w.contains("days") || !w["days"].is_array() || w["days"].empty()) {
      in->Error(key + ".days", "must name at least one day (mon, tue, wed, thu, fri, sat, sun)");
      ok = false;
    } else {
      for (const json& d : w["days"]) {
        auto n = d.is_string() ? domain::ParseWeekday(d.get<std::string>()) : std::nullopt;
        if (!n) {
          in->Error(key + ".days", "must hold only mon, tue, wed, thu, fri, sat or sun");
          ok = false;
          break;
        }
        x.days |= static_cast<uint8_t>(1 << *n);
      }
    }
    json hours = json::object();
    for (const char* k : {"from", "until"}) {
      if (w.contains(k)) hours[k] = w[k];
    }
    for (auto it = w.begin(); it != w.end(); ++it) {
      if (it.key() != "days" && it.key() != "from" && it.key() != "until") {
        in->Error(key + "." + it.key(), "is not a member of a window");
        ok = false;
      }
    }
    auto r = ReadRange(in, hours, key);
    if (!r) {
      ok = false;
      continue;
    }
    x.hours = *r;
    out->push_back(x);
  }
  if (!ok) return;
  size_t at = 0;
  std::string problem = domain::WindowsProblem(*out, &at);
  if (!problem.empty()) in->Error("windows[" + std::to_string(at) + "]", problem);
}

}  // namespace

bool ReadAddress(JsonInput* in, const json& v, const std::string& key, domain::PostalAddress* out) {
  if (!v.is_object()) {
    in->Error(key, "must be an address {name, line1, line2, city, pin, country, phone}");
    return false;
  }
  JsonInput a(v, key);
  domain::OnlyMembers(v, {"name", "line1", "line2", "city", "pin", "country", "phone"},
                      "an address", &a);
  domain::PostalAddress x;
  shipment_input::Text(&a, "name", &x.name, shipment_input::kMaxNameChars);
  shipment_input::Text(&a, "line1", &x.line1, kMaxAddressLineChars, true);
  shipment_input::Text(&a, "line2", &x.line2, kMaxAddressLineChars);
  shipment_input::Text(&a, "city", &x.city, shipment_input::kMaxNameChars, true);
  std::string pin, country = "IN", phone;
  shipment_input::Text(&a, "pin", &pin, 12, true);
  shipment_input::Text(&a, "country", &country, 2);
  shipment_input::Text(&a, "phone", &phone, 20);
  country = shipment_input::AsciiUpper(country);
  if (country.empty()) country = "IN";
  if (country.size() != 2 || !std::isalpha(static_cast<unsigned char>(country[0])) ||
      !std::isalpha(static_cast<unsigned char>(country[1]))) {
    a.Error("country", "must be a two-letter country code such as IN");
  }
  pin = shipment_input::AsciiUpper(pin);
  if (!pin.empty()) {
    if (country == "IN") {
      if (pin.size() != 6 || !IsDigits(pin) || pin[0] == '0') {
        a.Error("pin", "must be a six-digit PIN code");
      }
    } else if (!std::all_of(pin.begin(), pin.end(), [](char c) {
                 return std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-';
               })) {
      a.Error("pin", "must be a postal code of letters, digits, spaces and dashes");
    }
  }
  if (!phone.empty() && !std::all_of(phone.begin(), phone.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-';
      })) {
    a.Error("phone", "must be a phone number of digits, spaces, '-' and a leading '+'");
  }
  if (!a.ok()) {
    const Status st = a.status();
    for (const auto& e : st.fields()) in->Error(e.field, e.message);
    return false;
  }
  x.pin = pin;
  x.country = country;
  x.phone = phone;
  *out = std::move(x);
  return true;
}

Result<domain::DeliveryPreferences> ReadPreferences(const json& body) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  JsonInput in(body);
  domain::OnlyMembers(body,
                      {"windows", "time_zone", "language", "safe_place", "alternate_address",
                       "preferred_channel", "quiet_hours"},
                      "delivery preferences", &in);
  domain::DeliveryPreferences p;
  ReadWindows(&in, body, &p.windows);
  if (shipment_input::Text(&in, "time_zone", &p.time_zone, 64) && !p.time_zone.empty() &&
      !domain::IsValidTimeZone(p.time_zone)) {
    in.Error("time_zone", "is not a time zone (use an IANA name such as Asia/Kolkata)");
  }
  if (shipment_input::Text(&in, "language", &p.language, 16) && !p.language.empty() &&
      !domain::LooksLikeLanguageTag(p.language)) {
    in.Error("language", "must be a language tag such as en, hi or kn");
  }
  shipment_input::Text(&in, "safe_place", &p.safe_place, domain::kMaxSafePlaceChars);
  if (in.Has("alternate_address") && !in.IsNull("alternate_address")) {
    domain::PostalAddress a;
    if (ReadAddress(&in, body["alternate_address"], "alternate_address", &a)) {
      p.alternate_address = a;
    }
  }
  if (shipment_input::Text(&in, "preferred_channel", &p.preferred_channel, 16)) {
    const std::string& c = p.preferred_channel;
    // chat: shipment notices in the customer's live chat; sms, whatsapp and phone are recorded
    // for agents, and notices fall back to e-mail until those channels exist.
    if (!c.empty() && c != "email" && c != "chat" && c != "sms" && c != "whatsapp" &&
        c != "phone") {
      in.Error("preferred_channel", "must be one of email, chat, sms, whatsapp, phone");
    }
  }
  if (in.Has("quiet_hours") && !in.IsNull("quiet_hours")) {
    p.quiet_hours = ReadRange(&in, body["quiet_hours"], "quiet_hours", /*may_wrap=*/true);
  }
  RETURN_IF_ERROR(in.status());
  return p;
}

json AddressJson(const std::optional<domain::PostalAddress>& a) {
  if (!a) return nullptr;
  return {{"name", a->name}, {"line1", a->line1}, {"line2", a->line2}, {"city", a->city},
          {"pin", a->pin},   {"country", a->country}, {"phone", a->phone}};
}

json WindowsJson(const std::vector<domain::WeeklyWindow>& windows) {
  return json::parse(domain::WindowsToJsonText(windows));
}

json ClockRangeJson(const std::optional<ClockRange>& r) {
  if (!r) return nullptr;
  return {{"from", domain::FormatClock(r->from)}, {"until", domain::FormatClock(r->until)}};
}

json PreferencesMembers(const domain::DeliveryPreferences& p) {
  return {{"windows", WindowsJson(p.windows)},
          {"time_zone", p.time_zone},
          {"language", p.language},
          {"safe_place", p.safe_place},
          {"alternate_address", AddressJson(p.alternate_address)},
          {"preferred_channel", p.preferred_channel},
          {"quiet_hours", ClockRangeJson(p.quiet_hours)}};
}

Result<DeliveryRequestInput> ReadDeliveryRequest(const json& body) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  JsonInput in(body);
  DeliveryRequestInput r;
  if (!in.Str("kind", &r.kind, true, 32)) return in.status();
  if (r.kind == "reschedule") {
    domain::OnlyMembers(body, {"kind", "date"}, "a reschedule request", &in);
    if (in.Str("date", &r.date, true, 10) && !IsValidDate(r.date)) {
      in.Error("date", "must be a date like 2026-12-08");
    }
  } else if (r.kind == "window") {
    domain::OnlyMembers(body, {"kind", "window"}, "a window request", &in);
    if (!in.Has("window")) {
      in.Error("window", "is required ({from, until}, or null to clear it)");
    } else if (!in.IsNull("window")) {
      r.window = ReadRange(&in, body["window"], "window");
      if (r.window) {
        std::string problem = domain::DeliveryWindowProblem(*r.window);
        if (!problem.empty()) in.Error("window", problem);
      }
    }
  } else if (r.kind == "address") {
    domain::OnlyMembers(body, {"kind", "address"}, "an address request", &in);
    if (!in.Has("address")) {
      in.Error("address", "is required (\"alternate\", an address, or null for the booked one)");
    } else if (in.IsNull("address")) {
      r.address_choice = DeliveryRequestInput::AddressChoice::kBooked;
    } else if (body["address"].is_string()) {
      if (body["address"].get<std::string>() != "alternate") {
        in.Error("address", "must be \"alternate\", an address, or null");
      }
      r.address_choice = DeliveryRequestInput::AddressChoice::kAlternate;
    } else {
      r.address_choice = DeliveryRequestInput::AddressChoice::kGiven;
      ReadAddress(&in, body["address"], "address", &r.address);
    }
  } else if (r.kind == "safe_place") {
    domain::OnlyMembers(body, {"kind", "safe_place"}, "a safe-place request", &in);
    if (!in.Has("safe_place")) in.Error("safe_place", "is required (\"\" clears it)");
    shipment_input::Text(&in, "safe_place", &r.safe_place, domain::kMaxSafePlaceChars);
  } else {
    in.Error("kind", "must be one of reschedule, window, address, safe_place");
  }
  RETURN_IF_ERROR(in.status());
  return r;
}

}  // namespace sahayak::services::delivery_input
