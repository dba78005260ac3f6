#include "services/shipments/shipment_input.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/text.h"

namespace sahayak::services::shipment_input {

using nlohmann::json;

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Rejects members outside `allowed`, naming each.
// Trimmed NFC text of at most `max` characters, without control characters; false (with the
// error) otherwise. Absent members leave `out` alone.
bool Text(domain::JsonInput* in, std::string_view key, std::string* out, size_t max,
          bool required) {
  std::string s;
  if (!in->Str(key, &s, required, 100000)) return false;
  s = ToNfc(Trim(s));
  if (required && s.empty()) {
    in->Error(key, "must not be empty");
    return false;
  }
  if (CodePointCount(s) > max || HasControlChars(s)) {
    in->Error(key, "is longer than " + std::to_string(max) + " characters");
    return false;
  }
  *out = std::move(s);
  return true;
}

void ReadPlace(domain::JsonInput* in, const json& body, const char* key,
               domain::ShipmentPlace* place) {
  if (!in->Has(key)) return;
  if (in->IsNull(key)) {
    *place = {};
    return;
  }
  const json& p = body[key];
  if (!p.is_object()) {
    in->Error(key, "must be an object with city, pin and country");
    return;
  }
  domain::JsonInput sub(p, key);
  domain::OnlyMembers(p, {"city", "pin", "country"}, "a place", &sub);
  domain::ShipmentPlace out = *place;
  Text(&sub, "city", &out.city, kMaxNameChars);
  std::string pin;
  if (sub.Str("pin", &pin, false, 1000)) {
    pin = Trim(pin);
    if (pin.size() > 12 || !std::all_of(pin.begin(), pin.end(), [](char c) {
          return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                 c == ' ' || c == '-';
        })) {
      sub.Error("pin", "must be a postal code (letters, digits, spaces and '-')");
    } else {
      out.pin = AsciiUpper(pin);
    }
  }
  std::string country;
  if (sub.Str("country", &country, false, 100)) {
    country = AsciiUpper(Trim(country));
    if (!country.empty() && (country.size() != 2 || !std::isupper(country[0]) ||
                             !std::isupper(country[1]))) {
      sub.Error("country", "must be an ISO 3166 two-letter code such as IN");
    } else {
      out.country = country;
    }
  }
  if (!sub.ok()) {
    const Status bad = sub.status();  // by value: keep it alive for the loop
    for (const auto& e : bad.fields()) in->Error(e.field, e.message);
  } else {
    *place = out;
  }
}

// "YYYY-MM-DD" or null; `*out` engaged when the member is present.
void ReadDate(domain::JsonInput* in, const json& body, const char* key,
              std::optional<std::optional<std::string>>* out) {
  if (!in->Has(key)) return;
  if (in->IsNull(key)) {
    *out = std::optional<std::string>();
    return;
  }
  std::string d;
  if (!in->Str(key, &d, false, 100)) return;
  if (!IsValidDate(d)) {
    in->Error(key, "must be a date like 2026-12-31");
    return;
  }
  *out = std::optional<std::string>(d);
}

bool ReadTrackingNumber(domain::JsonInput* in, std::string* out) {
  std::string number;
  if (!in->Str("tracking_number", &number, true, 1000)) return false;
  auto n = domain::NormaliseTrackingNumber(number);
  if (!n.ok()) {
    in->Error("tracking_number", n.status().fields().empty() ? n.status().message()
                                                             : n.status().fields()[0].message);
    return false;
  }
  *out = *n;
  return true;
}

std::string DerivedEventId(const domain::TrackingEvent& e) {
  std::string basis = std::string(domain::ShipmentStatusName(e.status)) + '\x1f' +
                      std::to_string(e.occurred_at) + '\x1f' + e.place + '\x1f' +
                      e.description + '\x1f' + e.reason;
  return "auto-" + Sha256Hex(basis).substr(0, 32);
}

Result<std::vector<TrackingEventInput>> ReadTrackingEvents(const json& body, Millis now,
                                                           const CarrierResolver& carrier_of) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  domain::JsonInput top(body);
  domain::OnlyMembers(body, {"events"}, "a batch of tracking events", &top);
  if (!body.contains("events") || !body["events"].is_array()) {
    top.Error("events", "must be an array of tracking events");
    return top.status();
  }
  const json& events = body["events"];
  if (events.empty() || events.size() > kMaxEventsPerBatch) {
    top.Error("events", "must hold 1 to 1000 events");
    return top.status();
  }
  std::map<std::string, std::optional<Id>> carriers;  // code -> id (nullopt: unknown)
  std::vector<TrackingEventInput> out;
  out.reserve(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    const json& e = events[i];
    const std::string at = "events[" + std::to_string(i) + "]";
    if (!e.is_object()) {
      top.Error(at, "must be an object");
      continue;
    }
    domain::JsonInput in(e, at);
    domain::OnlyMembers(e,
                        {"carrier", "tracking_number", "event_id", "status", "occurred_at", "place",
                         "description", "reason", "eta"},
                        "a tracking event", &in);
    TrackingEventInput x;
    std::string code;
    if (in.Str("carrier", &code, true, 64)) {
      auto it = carriers.find(code);
      if (it == carriers.end()) {
        ASSIGN_OR_RETURN(std::optional<Id> id, carrier_of(code));
        it = carriers.emplace(code, id).first;
      }
      if (!it->second) {
        in.Error("carrier", "is not a carrier of this workspace");
      } else {
        x.carrier_id = *it->second;
      }
    }
    ReadTrackingNumber(&in, &x.tracking_number);
    std::optional<domain::ShipmentStatus> status;
    if (in.Enum("status", &status, domain::ParseShipmentStatus, domain::kShipmentStatusNames,
                true)) {
      x.event.status = *status;
    }
    std::string when;
    if (in.Str("occurred_at", &when, true, 100)) {
      Millis ms = 0;
      int offset = 0;
      const bool zoned = !when.empty() && (when.back() == 'Z' || when.back() == 'z' ||
                                           (when.size() > 6 && (when[when.size() - 6] == '+' ||
                                                                when[when.size() - 6] == '-')));
      if (!zoned || !ParseRfc3339Zoned(when, &ms, &offset)) {
        in.Error("occurred_at", "must be a time like 2026-12-03T14:05:00+05:30 (with its offset)");
      } else if (ms > now + kMaxFutureMs) {
        in.Error("occurred_at", "is more than a day in the future");
      } else {
        x.event.occurred_at = ms;
        x.event.utc_offset_minutes = offset;
      }
    }
    Text(&in, "place", &x.event.place, kMaxTextChars);
    Text(&in, "description", &x.event.description, kMaxTextChars);
    Text(&in, "reason", &x.event.reason, kMaxTextChars);
    std::string event_id;
    if (in.Str("event_id", &event_id, false, 1000)) {
      event_id = Trim(event_id);
      if (event_id.empty() || event_id.size() > kMaxEventIdChars || HasControlChars(event_id)) {
        in.Error("event_id", "must be 1-100 characters");
      } else {
        x.event.event_id = event_id;
      }
    }
    std::optional<std::optional<std::string>> eta;
    ReadDate(&in, e, "eta", &eta);
    if (eta) x.eta = *eta;
    if (!in.ok()) {
      const Status bad = in.status();  // by value: keep it alive for the loop
      for (const auto& f : bad.fields()) top.Error(f.field, f.message);
      continue;
    }
    if (x.event.event_id.empty()) x.event.event_id = DerivedEventId(x.event);
    out.push_back(std::move(x));
  }
  RETURN_IF_ERROR(top.status());
  return out;
}

Status CheckSignature(std::string_view secret, std::string_view timestamp,
                      std::string_view signature, std::string_view body, int64_t now_seconds) {
  auto refuse = [](std::string why) {
    return Unauthenticated(std::move(why)).WithKind("invalid-signature");
  };
  if (timestamp.empty() || signature.empty()) {
    return refuse("sign the delivery: send X-Sahayak-Timestamp and X-Sahayak-Signature");
  }
  if (timestamp.size() > 12 ||
      !std::all_of(timestamp.begin(), timestamp.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return refuse("X-Sahayak-Timestamp must be Unix seconds");
  }
  const int64_t sent = std::strtoll(std::string(timestamp).c_str(), nullptr, 10);
  if (sent < now_seconds - kWebhookWindowSeconds || sent > now_seconds + kWebhookWindowSeconds) {
    return refuse("the timestamp is more than 300 seconds from the server's clock");
  }
  constexpr std::string_view kScheme = "sha256=";
  if (signature.substr(0, kScheme.size()) != kScheme) {
    return refuse("X-Sahayak-Signature must be sha256=<hex>");
  }
  std::string message;
  message.reserve(timestamp.size() + 1 + body.size());
  message.append(timestamp).append(".").append(body);
  const std::string want = HmacSha256Hex(secret, message);
  if (!SecureEquals(AsciiLower(signature.substr(kScheme.size())), want)) {
    return refuse("the signature does not match the body");
  }
  return Status::Ok();
}

}  // namespace sahayak::services::shipment_input
