#include "services/shipments/shipment_service.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "base/crypto.h"
#include "base/text.h"
#include "domain/commerce.h"
#include "domain/json_input.h"
#include "domain/people.h"
#include "services/audit.h"
#include "services/errors.h"
#include "services/shipments/shipment_input.h"
#include "services/shipments/shipment_notifier.h"
#include "services/tickets/customer_ref.h"

namespace sahayak::services {

using domain::Carrier;
using domain::Shipment;
using domain::ShipmentStatus;
using domain::TrackingEvent;
using nlohmann::json;

using namespace shipment_input;  // NOLINT: the input rules of this service

namespace {

constexpr size_t kMaxPatternChars = 200;
constexpr size_t kMaxUrlChars = 500;
constexpr size_t kMaxCandidates = 50;

// ---- tracking-number patterns ----

// Compiled carrier patterns, shared by every thread: a pattern compiles once per process.
class PatternCache {
 public:
  // Finds every match of `pattern` in `upper`; false when the pattern does not compile.
  bool Matches(const std::string& pattern, const icu::UnicodeString& upper,
               std::vector<std::string>* out) {
    std::shared_ptr<icu::RegexPattern> p;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = cache_.find(pattern);
      if (it != cache_.end()) {
        p = it->second;
      } else {
        p = Compile(pattern);
        if (cache_.size() > 1000) cache_.clear();
        cache_[pattern] = p;
      }
    }
    if (!p) return false;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(p->matcher(upper, status));
    if (U_FAILURE(status)) return false;
    while (m->find(status) && U_SUCCESS(status) && out->size() < kMaxCandidates) {
      icu::UnicodeString g = m->groupCount() > 0 ? m->group(1, status) : m->group(status);
      if (U_FAILURE(status)) break;
      std::string s;
      g.toUTF8String(s);
      out->push_back(std::move(s));
    }
    return true;
  }

  static std::shared_ptr<icu::RegexPattern> Compile(const std::string& pattern) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError pe;
    std::shared_ptr<icu::RegexPattern> p(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, pe, status));
    if (U_FAILURE(status)) return nullptr;
    return p;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<icu::RegexPattern>> cache_;
};

PatternCache& Patterns() {
  static PatternCache* cache = new PatternCache();
  return *cache;
}

bool IsWordChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// ---- input of carriers and shipments ----

Status ApplyCarrier(const json& body, bool creating, Carrier* c) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  domain::JsonInput in(body);
  domain::OnlyMembers(body, {"code", "name", "tracking_pattern", "tracking_url"}, "a carrier", &in);
  std::string code;
  if (in.Str("code", &code, creating, 64)) {
    code = Trim(code);
    if (!domain::IsValidCarrierCode(code)) {
      in.Error("code", "must be 2-32 characters of a-z, 0-9, '_' and '-'");
    } else {
      c->code = code;
    }
  }
  Text(&in, "name", &c->name, kMaxNameChars, creating);
  std::string pattern;
  if (in.Str("tracking_pattern", &pattern, false, 10000)) {
    pattern = Trim(pattern);
    if (pattern.size() > kMaxPatternChars) {
      in.Error("tracking_pattern", "is longer than 200 characters");
    } else if (!pattern.empty() && !PatternCache::Compile(pattern)) {
      in.Error("tracking_pattern", "is not a valid regular expression");
    } else {
      c->tracking_pattern = pattern;
    }
  }
  std::string url;
  if (in.Str("tracking_url", &url, false, 10000)) {
    url = Trim(url);
    const bool web = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
    if (!url.empty() && (!web || url.find("{number}") == std::string::npos ||
                         url.size() > kMaxUrlChars || HasControlChars(url) ||
                         url.find_first_of(" \"<>") != std::string::npos)) {
      in.Error("tracking_url", "must be an http(s) address containing {number}");
    } else {
      c->tracking_url = url;
    }
  }
  return in.status();
}

json CarrierAuditView(const Carrier& c) {
  return {{"code", c.code},
          {"name", c.name},
          {"tracking_pattern", c.tracking_pattern},
          {"tracking_url", c.tracking_url}};
}

// The shipment members agents set (create and patch alike). `creating` adds carrier and
// tracking_number; contact by id or by {email, phone, name}.
Status ApplyShipment(WriteTx& tx, TicketService& tickets, const Principal& who, const json& body,
                     bool creating, Shipment* s) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  const Id ws = who.workspace_id;
  domain::JsonInput in(body);
  domain::OnlyMembers(
      body,
      {"carrier", "tracking_number", "service", "origin", "destination", "weight_grams", "cod",
       "promised_date", "eta", "contact_id", "contact", "organisation_id", "order_ref", "status"},
      "a shipment", &in);
  if (in.Has("status")) {
    in.Error("status", "changes only through tracking events (POST /api/v1/tracking-events)");
  }
  if (creating) {
    std::string code;
    if (in.Str("carrier", &code, true, 64)) {
      auto c = tx.shipments().FindCarrierByCode(ws, Trim(code));
      if (!c.ok()) {
        if (c.status().code() != Code::kNotFound) return c.status();
        in.Error("carrier", "is not a carrier of this workspace");
      } else {
        s->carrier_id = c->id;
        s->carrier_code = c->code;
        s->carrier_name = c->name;
        s->carrier_url = c->tracking_url;
      }
    }
    ReadTrackingNumber(&in, &s->tracking_number);
  } else {
    for (const char* fixed : {"carrier", "tracking_number"}) {
      if (in.Has(fixed)) in.Error(fixed, "cannot change; create a new shipment instead");
    }
  }
  Text(&in, "service", &s->service, kMaxNameChars);
  ReadPlace(&in, body, "origin", &s->origin);
  ReadPlace(&in, body, "destination", &s->destination);
  if (in.Has("weight_grams")) {
    int64_t w = 0;
    if (in.IsNull("weight_grams")) {
      s->weight_grams.reset();
    } else if (in.Int("weight_grams", &w)) {
      if (w < 0 || w > 100'000'000) {
        in.Error("weight_grams", "must be between 0 and 100000000");
      } else {
        s->weight_grams = w;
      }
    }
  }
  if (in.Has("cod")) {
    if (in.IsNull("cod")) {
      s->cod_minor.reset();
      s->cod_currency.clear();
    } else if (!body["cod"].is_object()) {
      in.Error("cod", "must be {\"amount\": \"499.00\", \"currency\": \"INR\"} or null");
    } else {
      const json& cod = body["cod"];
      std::optional<int64_t> minor;
      if (cod.contains("amount") && cod["amount"].is_string()) {
        minor = domain::ParseMoneyMinor(cod["amount"].get<std::string>());
      } else if (cod.contains("amount") && cod["amount"].is_number()) {
        minor = domain::ParseMoneyMinor(cod["amount"].dump());
      }
      std::string currency =
          cod.contains("currency") && cod["currency"].is_string()
              ? AsciiUpper(Trim(cod["currency"].get<std::string>()))
              : std::string(cod.contains("currency") ? "?" : "INR");
      if (!minor) {
        in.Error("cod.amount", "must be an amount like \"499.00\" (at most two decimals)");
      }
      if (currency.size() != 3 ||
          !std::all_of(currency.begin(), currency.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        in.Error("cod.currency", "must be an ISO 4217 code such as INR");
      }
      for (auto it = cod.begin(); it != cod.end(); ++it) {
        if (it.key() != "amount" && it.key() != "currency") {
          in.Error("cod." + it.key(), "is not a member of cod");
        }
      }
      if (minor && currency.size() == 3) {
        s->cod_minor = *minor;
        s->cod_currency = currency;
      }
    }
  }
  std::optional<std::optional<std::string>> date;
  ReadDate(&in, body, "promised_date", &date);
  if (date) s->promised_date = *date;
  date.reset();
  ReadDate(&in, body, "eta", &date);
  if (date) s->eta = *date;
  CustomerRef customer;
  RETURN_IF_ERROR(customer.Read(tx, ws, body, &in));
  if (Text(&in, "order_ref", &s->order_ref, kMaxNameChars) && !s->order_ref.empty()) {
    // Kept the way order numbers are, so the order finds its parcels (docs/commerce.md).
    if (auto n = domain::NormaliseReference(s->order_ref); n.ok()) s->order_ref = *n;
  }
  RETURN_IF_ERROR(in.status());
  return customer.Apply(tx, tickets, who, &s->contact_id, &s->organisation_id);
}

// ---- tracking events ----

}  // namespace

// ---- carriers ----

Result<std::vector<Carrier>> ShipmentService::ListCarriers(ReadTx& tx,
                                                           const Principal& who) const {
  return tx.shipments().ListCarriers(who.workspace_id);
}

Result<Carrier> ShipmentService::GetCarrier(ReadTx& tx, const Principal& who, Id id) const {
  return tx.shipments().GetCarrier(who.workspace_id, id);
}

Result<Carrier> ShipmentService::CreateCarrier(WriteTx& tx, const Principal& who,
                                               const json& body) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage carriers"));
  Carrier c;
  c.workspace_id = who.workspace_id;
  RETURN_IF_ERROR(ApplyCarrier(body, true, &c));
  c.created_at = c.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.shipments().InsertCarrier(&c));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "carrier.created", "carrier",
                               c.id, AuditCreated(CarrierAuditView(c)), c.created_at));
  return c;
}

Result<Carrier> ShipmentService::UpdateCarrier(WriteTx& tx, const Principal& who, Id id,
                                               const json& body,
                                               std::optional<int64_t> if_match) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage carriers"));
  ASSIGN_OR_RETURN(Carrier before, tx.shipments().GetCarrier(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Stale("carrier", id, *if_match, before.version);
  }
  Carrier c = before;
  RETURN_IF_ERROR(ApplyCarrier(body, false, &c));
  json changes = AuditDiff(CarrierAuditView(before), CarrierAuditView(c));
  if (changes.empty()) return before;
  c.updated_at = clock_.Now();
  c.version = before.version + 1;
  RETURN_IF_ERROR(tx.shipments().UpdateCarrier(c));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "carrier.updated", "carrier",
                               c.id, changes, c.updated_at));
  return c;
}

Status ShipmentService::DeleteCarrier(WriteTx& tx, const Principal& who, Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage carriers"));
  ASSIGN_OR_RETURN(Carrier c, tx.shipments().GetCarrier(who.workspace_id, id));
  RETURN_IF_ERROR(tx.shipments().DeleteCarrier(who.workspace_id, id));
  return RecordChange(tx, who.workspace_id, who.actor(), "carrier.deleted", "carrier", id,
                      {{"code", {c.code, nullptr}}}, clock_.Now());
}

// ---- shipments ----

json ShipmentAuditView(const Shipment& s) {
  auto opt = [](const auto& v) { return v ? json(*v) : json(nullptr); };
  return {{"carrier", s.carrier_code},
          {"tracking_number", s.tracking_number},
          {"service", s.service},
          {"origin", {s.origin.city, s.origin.pin, s.origin.country}},
          {"destination", {s.destination.city, s.destination.pin, s.destination.country}},
          {"weight_grams", opt(s.weight_grams)},
          {"cod", s.cod_minor ? json(domain::FormatMoneyMinor(*s.cod_minor) + " " +
                                     s.cod_currency)
                              : json(nullptr)},
          {"promised_date", opt(s.promised_date)},
          {"eta", opt(s.eta)},
          {"contact_id", opt(s.contact_id)},
          {"organisation_id", opt(s.organisation_id)},
          {"order_ref", s.order_ref}};
}

Result<Shipment> ShipmentService::Get(ReadTx& tx, const Principal& who, Id id) const {
  return tx.shipments().GetShipment(who.workspace_id, id);
}

Result<Page<Shipment>> ShipmentService::List(ReadTx& tx, const Principal& who,
                                             const ShipmentFilter& f,
                                             const PageRequest& page) const {
  ASSIGN_OR_RETURN(std::vector<Shipment> rows,
                   tx.shipments().ListShipments(who.workspace_id, f, page.cursor, page.limit + 1));
  Page<Shipment> out;
  if (static_cast<int>(rows.size()) > page.limit) {
    rows.resize(page.limit);
    out.next = rows.back().id;
  }
  out.items = std::move(rows);
  return out;
}

Result<std::vector<Shipment>> ShipmentService::ContactShipments(ReadTx& tx, const Principal& who,
                                                                Id contact_id) const {
  RETURN_IF_ERROR(tx.GetContact(who.workspace_id, contact_id).status());
  ShipmentFilter f;
  f.contact_id = contact_id;
  return tx.shipments().ListShipments(who.workspace_id, f, std::nullopt, kMaxContactShipments);
}

Result<Shipment> ShipmentService::Create(WriteTx& tx, const Principal& who,
                                         const json& body) const {
  Shipment s;
  s.workspace_id = who.workspace_id;
  RETURN_IF_ERROR(ApplyShipment(tx, tickets_, who, body, true, &s));
  s.created_at = s.updated_at = s.booked_at = clock_.Now();
  RETURN_IF_ERROR(tx.shipments().InsertShipment(&s));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "shipment.created", "shipment",
                               s.id, AuditCreated(ShipmentAuditView(s)), s.created_at,
                               "shipment.created", {{"shipment_id", s.id}}));
  return s;
}

Result<Shipment> ShipmentService::Update(WriteTx& tx, const Principal& who, Id id,
                                         const json& body,
                                         std::optional<int64_t> if_match) const {
  ASSIGN_OR_RETURN(Shipment before, tx.shipments().GetShipment(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Stale("shipment", id, *if_match, before.version);
  }
  Shipment s = before;
  RETURN_IF_ERROR(ApplyShipment(tx, tickets_, who, body, false, &s));
  json changes = AuditDiff(ShipmentAuditView(before), ShipmentAuditView(s));
  if (changes.empty()) return before;
  s.updated_at = clock_.Now();
  s.version = before.version + 1;
  RETURN_IF_ERROR(tx.shipments().UpdateShipment(s));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "shipment.updated", "shipment",
                               s.id, changes, s.updated_at, "shipment.updated",
                               {{"shipment_id", s.id}}));
  return s;
}

Result<std::vector<TrackingEvent>> ShipmentService::Events(ReadTx& tx, const Shipment& s) const {
  return tx.shipments().ListTrackingEvents(s.workspace_id, s.id, kMaxEventsShown);
}

Result<std::string> ShipmentService::Today(ReadTx& tx, Id ws) const {
  ASSIGN_OR_RETURN(Workspace w, tx.GetWorkspace(ws));
  const Millis now = clock_.Now();
  return DateAt(now, domain::ZoneOffsetMinutes(w.time_zone, now));
}

// ---- tracking events ----

Result<TrackingIngestResult> ShipmentService::Ingest(WriteTx& tx, Id ws, const domain::Actor& actor,
                                             const json& body) const {
  const Millis now = clock_.Now();
  auto resolve = [&](const std::string& code) -> Result<std::optional<Id>> {
    auto c = tx.shipments().FindCarrierByCode(ws, code);
    if (c.ok()) return std::optional<Id>(c->id);
    if (c.status().code() == Code::kNotFound) return std::optional<Id>();
    return c.status();
  };
  ASSIGN_OR_RETURN(std::vector<TrackingEventInput> events, ReadTrackingEvents(body, now, resolve));
  TrackingIngestResult result;
  result.items.reserve(events.size());
  // The shipments this batch touched, written once at the end; `status_from` keeps each one's
  // status before the batch, so a change is announced once.
  struct Touched {
    Shipment s;
    ShipmentStatus status_from;
    std::optional<std::string> eta_from;
    Millis booked_at_from = 0;
    std::optional<TrackingEvent> decided;  // the newest recorded event, when it set the status
    bool created = false;
    bool changed = false;
  };
  std::map<std::pair<Id, std::string>, Touched> touched;
  for (TrackingEventInput& x : events) {
    auto key = std::make_pair(x.carrier_id, x.tracking_number);
    auto it = touched.find(key);
    if (it == touched.end()) {
      auto found = tx.shipments().FindShipment(ws, x.carrier_id, x.tracking_number);
      Touched t;
      if (found.ok()) {
        t.s = std::move(found).value();
      } else if (found.status().code() == Code::kNotFound) {
        // The carrier knows a parcel we were not told about: it becomes a shipment.
        t.s.workspace_id = ws;
        t.s.carrier_id = x.carrier_id;
        t.s.tracking_number = x.tracking_number;
        t.s.created_at = t.s.updated_at = t.s.booked_at = now;
        RETURN_IF_ERROR(tx.shipments().InsertShipment(&t.s));
        t.created = true;
      } else {
        return found.status();
      }
      t.status_from = t.s.status;
      t.eta_from = t.s.eta;
      t.booked_at_from = t.s.booked_at;
      it = touched.emplace(key, std::move(t)).first;
    }
    Touched& t = it->second;
    x.event.workspace_id = ws;
    x.event.shipment_id = t.s.id;
    x.event.received_at = now;
    ASSIGN_OR_RETURN(bool recorded, tx.shipments().InsertTrackingEvent(&x.event));
    result.items.push_back({t.s.id, x.event.event_id, recorded});
    if (!recorded) {
      ++result.duplicates;
      continue;
    }
    ++result.accepted;
    // A parcel loaded after the fact was booked when its first event says.
    t.s.booked_at = std::min(t.s.booked_at != 0 ? t.s.booked_at : t.s.created_at,
                             x.event.occurred_at);
    if (!t.s.last_event_at || x.event.occurred_at >= *t.s.last_event_at) {
      t.s.status = x.event.status;
      t.s.status_reason = x.event.reason;
      t.s.last_event_at = x.event.occurred_at;
      t.s.last_event_offset = x.event.utc_offset_minutes;
      if (x.eta) t.s.eta = *x.eta;
      t.decided = x.event;
    }
    t.changed = true;
  }
  ShipmentNotifier::Batch notices;
  for (auto& [key, t] : touched) {
    if (!t.changed) continue;
    t.s.updated_at = now;
    if (!t.created) ++t.s.version;
    RETURN_IF_ERROR(tx.shipments().UpdateShipmentTracking(t.s, t.s.booked_at != t.booked_at_from));
    if (t.s.status != t.status_from || t.created) {
      RETURN_IF_ERROR(RecordChange(
          tx, ws, actor, "shipment.status_changed", "shipment", t.s.id,
          {{"status", {t.created ? json(nullptr) : json(domain::ShipmentStatusName(t.status_from)),
                       domain::ShipmentStatusName(t.s.status)}}},
          now, "shipment.status_changed",
          {{"shipment_id", t.s.id},
           {"from", domain::ShipmentStatusName(t.status_from)},
           {"to", domain::ShipmentStatusName(t.s.status)}}));
    }
    if (notifier_ != nullptr) {
      const bool moved = t.s.status != t.status_from || t.created;
      RETURN_IF_ERROR(notifier_->OnShipmentChanged(
          tx, t.s, moved ? t.decided : std::optional<TrackingEvent>(), t.eta_from, notices));
    }
  }
  return result;
}

// ---- ticket links ----

Result<std::vector<LinkedShipment>> ShipmentService::TicketShipments(ReadTx& tx,
                                                                     const Principal& who,
                                                                     Id ticket_id) const {
  RETURN_IF_ERROR(tx.GetTicket(who.workspace_id, ticket_id).status());
  return tx.shipments().ListTicketShipments(who.workspace_id, ticket_id);
}

Result<LinkedShipment> ShipmentService::Link(WriteTx& tx, const Principal& who, Id ticket_id,
                                             const json& body, bool* created) const {
  const Id ws = who.workspace_id;
  RETURN_IF_ERROR(tx.GetTicket(ws, ticket_id).status());
  RETURN_IF_ERROR(domain::RequireObject(body));
  domain::JsonInput in(body);
  domain::OnlyMembers(body, {"tracking_number", "carrier", "shipment_id"}, "a link", &in);
  Shipment s;
  int64_t shipment_id = 0;
  if (in.Int("shipment_id", &shipment_id)) {
    if (in.Has("tracking_number")) in.Error("tracking_number", "give shipment_id or tracking_number");
    RETURN_IF_ERROR(in.status());
    auto got = tx.shipments().GetShipment(ws, shipment_id);
    if (!got.ok()) return got.status();
    s = std::move(got).value();
  } else {
    std::string number, code;
    in.Str("tracking_number", &number, true, 1000);
    in.Str("carrier", &code, false, 64);
    RETURN_IF_ERROR(in.status());
    auto n = domain::NormaliseTrackingNumber(number);
    if (!n.ok()) return n.status();
    ASSIGN_OR_RETURN(std::vector<Shipment> found,
                     tx.shipments().FindShipmentsByNumbers(ws, {*n}));
    if (!code.empty()) {
      std::erase_if(found, [&](const Shipment& x) { return x.carrier_code != code; });
    }
    if (found.empty()) {
      return NotFound("there is no shipment " + *n +
                      (code.empty() ? std::string() : " with carrier " + code));
    }
    if (found.size() > 1) {
      return InvalidArgument("several carriers have a shipment " + *n)
          .WithField("carrier", "name the carrier: the number belongs to several");
    }
    s = std::move(found[0]);
  }
  const Millis now = clock_.Now();
  ASSIGN_OR_RETURN(*created, tx.shipments().LinkTicketShipment(ws, ticket_id, s.id, "agent", now));
  if (*created) {
    RETURN_IF_ERROR(RecordChange(tx, ws, who.actor(), "ticket.shipment_linked", "ticket",
                                 ticket_id, {{"shipments", {nullptr, s.tracking_number}}}, now,
                                 "ticket.updated", {{"ticket_id", ticket_id}}));
  }
  ASSIGN_OR_RETURN(auto links, tx.shipments().ListTicketShipments(ws, ticket_id));
  for (auto& l : links) {
    if (l.shipment.id == s.id) return l;
  }
  return Internal("the link just written is not there");
}

Status ShipmentService::Unlink(WriteTx& tx, const Principal& who, Id ticket_id,
                               Id shipment_id) const {
  const Id ws = who.workspace_id;
  RETURN_IF_ERROR(tx.GetTicket(ws, ticket_id).status());
  ASSIGN_OR_RETURN(Shipment s, tx.shipments().GetShipment(ws, shipment_id));
  RETURN_IF_ERROR(tx.shipments().UnlinkTicketShipment(ws, ticket_id, shipment_id));
  const Millis now = clock_.Now();
  return RecordChange(tx, ws, who.actor(), "ticket.shipment_unlinked", "ticket", ticket_id,
                      {{"shipments", {s.tracking_number, nullptr}}}, now, "ticket.updated",
                      {{"ticket_id", ticket_id}});
}

std::vector<std::string> ReferenceWords(std::string_view text,
                                        const std::vector<std::string>& patterns,
                                        size_t min_chars, bool slash) {
  const std::string upper = AsciiUpper(text);
  std::vector<std::string> raw;
  if (std::any_of(patterns.begin(), patterns.end(), [](const auto& p) { return !p.empty(); })) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(upper);
    for (const std::string& p : patterns) {
      if (!p.empty()) Patterns().Matches(p, u, &raw);
    }
  }
  const auto word_char = [slash](char c) { return IsWordChar(c) || (slash && c == '/'); };
  const auto edge = [](char c) { return c == '-' || c == '/'; };
  // Words: runs of A-Z, 0-9 and '-' (and '/') that Indic or other letters around them end.
  for (size_t i = 0; i < upper.size() && raw.size() < 2 * kMaxCandidates;) {
    if (!word_char(upper[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < upper.size() && word_char(upper[j])) ++j;
    std::string_view w(upper.data() + i, j - i);
    while (!w.empty() && edge(w.back())) w.remove_suffix(1);
    while (!w.empty() && edge(w.front())) w.remove_prefix(1);
    if (w.size() >= min_chars && w.size() <= 40 &&
        std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      raw.emplace_back(w);
    }
    i = j;
  }
  return raw;
}

std::vector<std::string> TrackingNumberCandidates(std::string_view text,
                                                  const std::vector<std::string>& patterns) {
  std::vector<std::string> out;
  for (const std::string& r : ReferenceWords(text, patterns, 8, false)) {
    auto n = domain::NormaliseTrackingNumber(r);
    if (n.ok() && std::find(out.begin(), out.end(), *n) == out.end()) out.push_back(*n);
    if (out.size() >= kMaxCandidates) break;
  }
  return out;
}

Status LinkShipmentsInText(WriteTx& tx, Id ws, Id ticket_id, std::string_view text, Millis now) {
  ASSIGN_OR_RETURN(std::vector<Carrier> carriers, tx.shipments().ListCarriers(ws));
  if (carriers.empty()) return Status::Ok();
  std::vector<std::string> patterns;
  for (const Carrier& c : carriers) patterns.push_back(c.tracking_pattern);
  std::vector<std::string> numbers = TrackingNumberCandidates(text, patterns);
  if (numbers.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(std::vector<Shipment> found, tx.shipments().FindShipmentsByNumbers(ws, numbers));
  for (const Shipment& s : found) {
    ASSIGN_OR_RETURN(bool linked, tx.shipments().LinkTicketShipment(ws, ticket_id, s.id, "auto", now));
    (void)linked;
  }
  return Status::Ok();
}

// ---- tracking webhooks ----

Result<std::vector<TrackingWebhook>> ShipmentService::ListWebhooks(ReadTx& tx,
                                                                   const Principal& who) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage tracking webhooks"));
  return tx.shipments().ListTrackingWebhooks(who.workspace_id);
}

Result<TrackingWebhook> ShipmentService::GetWebhook(ReadTx& tx, const Principal& who,
                                                    Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage tracking webhooks"));
  return tx.shipments().GetTrackingWebhook(who.workspace_id, id);
}

namespace {

Status ApplyWebhook(const json& body, bool creating, TrackingWebhook* w) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  domain::JsonInput in(body);
  domain::OnlyMembers(body, {"name", "enabled"}, "a tracking webhook", &in);
  Text(&in, "name", &w->name, kMaxNameChars, creating);
  in.Bool("enabled", &w->enabled);
  return in.status();
}

json WebhookAuditView(const TrackingWebhook& w) {
  return {{"name", w.name}, {"enabled", w.enabled}};
}

std::string NewWebhookSecret() { return "whsec_" + RandomToken(24); }

}  // namespace

Result<IssuedWebhook> ShipmentService::CreateWebhook(WriteTx& tx, const Principal& who,
                                                     const json& body) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage tracking webhooks"));
  IssuedWebhook out;
  TrackingWebhook& w = out.hook;
  w.workspace_id = who.workspace_id;
  RETURN_IF_ERROR(ApplyWebhook(body, true, &w));
  out.secret = NewWebhookSecret();
  w.secret_sealed = SealSecret(secret_key_, out.secret);
  w.public_key = RandomToken(18);
  w.created_at = w.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.shipments().InsertTrackingWebhook(&w));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "tracking_webhook.created",
                               "tracking_webhook", w.id, AuditCreated(WebhookAuditView(w)),
                               w.created_at));
  return out;
}

Result<TrackingWebhook> ShipmentService::UpdateWebhook(WriteTx& tx, const Principal& who, Id id,
                                                       const json& body,
                                                       std::optional<int64_t> if_match) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage tracking webhooks"));
  ASSIGN_OR_RETURN(TrackingWebhook before,
                   tx.shipments().GetTrackingWebhook(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Stale("tracking webhook", id, *if_match, before.version);
  }
  TrackingWebhook w = before;
  RETURN_IF_ERROR(ApplyWebhook(body, false, &w));
  json changes = AuditDiff(WebhookAuditView(before), WebhookAuditView(w));
  if (changes.empty()) return before;
  w.updated_at = clock_.Now();
  w.version = before.version + 1;
  RETURN_IF_ERROR(tx.shipments().UpdateTrackingWebhook(w));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "tracking_webhook.updated",
                               "tracking_webhook", w.id, changes, w.updated_at));
  return w;
}

Status ShipmentService::DeleteWebhook(WriteTx& tx, const Principal& who, Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage tracking webhooks"));
  ASSIGN_OR_RETURN(TrackingWebhook w, tx.shipments().GetTrackingWebhook(who.workspace_id, id));
  RETURN_IF_ERROR(tx.shipments().DeleteTrackingWebhook(who.workspace_id, id));
  return RecordChange(tx, who.workspace_id, who.actor(), "tracking_webhook.deleted",
                      "tracking_webhook", id, {{"name", {w.name, nullptr}}}, clock_.Now());
}

Result<IssuedWebhook> ShipmentService::RotateWebhookSecret(WriteTx& tx, const Principal& who,
                                                           Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage tracking webhooks"));
  IssuedWebhook out;
  ASSIGN_OR_RETURN(out.hook, tx.shipments().GetTrackingWebhook(who.workspace_id, id));
  out.secret = NewWebhookSecret();
  out.hook.secret_sealed = SealSecret(secret_key_, out.secret);
  out.hook.updated_at = clock_.Now();
  ++out.hook.version;
  RETURN_IF_ERROR(tx.shipments().UpdateTrackingWebhook(out.hook));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(),
                               "tracking_webhook.secret_rotated", "tracking_webhook", id,
                               {{"secret", {"(old)", "(new)"}}}, out.hook.updated_at));
  return out;
}

Result<TrackingWebhook> ShipmentService::VerifyDelivery(ReadTx& tx, std::string_view key,
                                                        std::string_view timestamp,
                                                        std::string_view signature,
                                                        std::string_view body) const {
  auto hook = tx.shipments().FindTrackingWebhookByKey(key);
  if (!hook.ok() || !hook->enabled) {
    if (hook.ok() || hook.status().code() == Code::kNotFound) {
      return NotFound("no such tracking webhook");
    }
    return hook.status();
  }
  auto secret = OpenSecret(secret_key_, hook->secret_sealed);
  if (!secret.ok()) return secret.status();
  RETURN_IF_ERROR(CheckSignature(*secret, timestamp, signature, body, clock_.Now() / 1000));
  return hook;
}

Result<TrackingIngestResult> ShipmentService::IngestDelivery(WriteTx& tx, const TrackingWebhook& hook,
                                                     const json& body) const {
  domain::Actor actor{domain::Actor::Kind::kSystem, 0, "webhook: " + hook.name, "", ""};
  ASSIGN_OR_RETURN(TrackingIngestResult r, Ingest(tx, hook.workspace_id, actor, body));
  // The hook's last use, without a new version: it is not a change an admin made.
  TrackingWebhook w = hook;
  w.last_used_at = clock_.Now();
  RETURN_IF_ERROR(tx.shipments().UpdateTrackingWebhook(w));
  return r;
}

}  // namespace sahayak::services
