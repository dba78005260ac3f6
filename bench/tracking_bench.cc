// tracking_bench: tracking-event ingestion and lookup by tracking number, beside their ceilings.
//
//   tracking_bench --work DIR [--events 200000] [--batch 500] [--feeders 2] [--seed 42]
//                  [--ingest-seconds 0] [--sync full|normal] [--active 20000]
//                  [--span-hours 20] [--contact-share 0.8] [--maintenance-seconds 600]
//                  [--raw-events N] [--raw-modes events,rows,rows_narrow|none]
//                  [--lookups 10000] [--lookup-seconds 60] [--progress 30] [--keep]
//
// A live carrier feed is simulated (deterministic for a seed): three carriers (Blue Dart and
// Delhivery send their own event ids, India Post sends none, so Sahayak derives one), about
// `--active` parcels in flight at once, each going booked → picked_up → in_transit … →
// out_for_delivery → delivered (or delivery_failed with an NDR reason, a second attempt,
// returned_to_origin, damaged): 4-9 events a parcel, 6.8 on average, from 16 Indian hubs with
// Hindi and Kannada names, descriptions in English, Hindi or Kannada, NDR reasons in all three,
// an ETA on departure, 1 % late scans (older than the parcel's newest event), 1.5 % replayed
// events (byte-for-byte repeats of a recent event) and some India Post numbers sent in lower
// case with spaces. The events lie in the last `--span-hours` (so the notifier treats them as
// news, not as a stale backfill). Each batch (`--batch` events) holds events of many parcels:
// new ones and updates of older ones, as a carrier's push does. `--contact-share` of the
// parcels were registered by the shop before their first event, with a customer (e-mail and
// name), destination, promised date (booking + 3 days), weight and sometimes COD, through
// ShipmentService::Create, so the notices the events call for are mailed to someone and a
// failed delivery opens a ticket for a known customer; the others become shipments on their
// first event.
//
// Measured, in this order:
//   1. ceilings: raw SQLite, prepared statements, one transaction per batch, the server's
//      PRAGMAs (WAL, synchronous as --sync, 16 MiB cache), in WORK/raw-*.db:
//        events: INSERT OR IGNORE of the same event rows into a table shaped like
//                tracking_events (same columns and unique index, no foreign keys);
//        rows:   the statements of store/sqlite/tx_shipments.cc and tx_records.cc that
//                ShipmentService::Ingest itself runs for the same events on the migrated
//                schema: the carrier look-ups, per parcel of the batch its SELECT by (carrier,
//                number), the INSERT of a new one, each event's INSERT OR IGNORE, the UPDATE of
//                each parcel, and the audit event + outbox row of each status change. Not the
//                notifier's work (notices, mails, tickets) nor the shops' registrations.
//        rows_narrow: `rows` with an UPDATE of only the columns an event changes.
//   2. the service: WORK/data opened with app::App::Open as `sahayak serve` opens it (the
//      group-committing writer, synchronous=FULL by default, the shipment notifier wired in);
//      the carriers created with ShipmentService::CreateCarrier; then a generator thread
//      registers each batch's new parcels (one Write of ShipmentService::Create calls) and
//      renders the batch as the JSON body of POST /api/v1/tracking-events, and `--feeders`
//      threads do what that handler does: api::ParseJsonBody (UTF-8 check, parse, NFC), then
//      store().Write(ShipmentService::Ingest + the response JSON). Ingest includes the status
//      rules and the notifier (notices per status change, mails queued in mail_outbox, tickets
//      opened for failed deliveries and exceptions). Stops after --events or --ingest-seconds,
//      whichever comes first. events/s is over the whole wall time; the registrations' share
//      of it is printed too (register_s, events_per_s_excl_register).
//      While it runs, app::Maintenance runs as `serve` runs it (--maintenance-seconds, 600: a
//      pass at start and every 10 minutes, each the late-shipment sweep and ANALYZE): the
//      query plans of a fresh database change once it has statistics.
//   3. store().Optimize() (ANALYZE), so the lookups see statistics of the final tables.
//   4. lookups, each mode on its own uniformly random sample of the stored parcels, one client:
//        api:        GET /api/v1/shipments?tracking_number=N as the handler runs it (one read
//                    transaction: Today, ShipmentService::List with the tracking_number filter,
//                    Events (newest 100) of each, the JSON the API sends);
//        by_number:  the same, with tx.shipments().FindShipmentsByNumbers instead of List;
//        raw_number: ceiling, raw SQLite on a read-only connection of the same file: the
//                    shipment by number (the shipments_number index) and its newest 100 events;
//        raw_pk:     ceiling, the shipment row by its primary key.
//      A mode stops after --lookups lookups or --lookup-seconds seconds.
// Prints RESULT lines for bench/tracking.sh, what the notifier decided, peak RSS (VmHWM) and
// the database size. Figures, not tests: nothing is asserted.
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/common.h"
#include "api/json_body.h"
#include "app/app.h"
#include "app/config.h"
#include "app/maintenance.h"
#include "base/clock.h"
#include "domain/shipment.h"
#include "services/shipments/shipment_service.h"

#include "bench_util.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::json;
using sahayak::Millis;
using sahayak::Status;
using sahayak::domain::ShipmentStatus;

namespace {

using sahayak::bench::LoadAverage;
using sahayak::bench::Mean;
using sahayak::bench::NumberArg;
using sahayak::bench::Percentile;
using sahayak::bench::DatabaseMiB;
using sahayak::bench::ProcessCpuSeconds;
using sahayak::bench::ProcStatusMiB;
using sahayak::bench::ThreadCpuSeconds;

// ---- options ---------------------------------------------------------------------------

struct Args {
  std::string work;
  int64_t events = 200000;
  int batch = 500;
  int feeders = 2;
  uint64_t seed = 42;
  double ingest_seconds = 0;  // 0: no limit
  std::string sync = "full";
  int active = 20000;
  double span_hours = 20;      // the feed's events lie in the last span_hours
  double contact_share = 0.8;  // parcels the shop registered with a customer beforehand
  double maintenance_seconds = 600;  // as `serve`: ANALYZE and the late sweep; 0: none
  int64_t raw_events = -1;  // -1: as --events (or as many as the service ingested)
  std::vector<std::string> raw_modes{"events", "rows"};
  int64_t lookups = 10000;
  double lookup_seconds = 60;
  double progress = 30;
  bool keep = false;
};

[[noreturn]] void Usage(const std::string& why) {
  std::fprintf(stderr,
               "tracking_bench: %s\nusage: tracking_bench --work DIR [--events N] [--batch N] "
               "[--feeders N] [--seed N] [--ingest-seconds S] [--sync full|normal] "
               "[--active N] [--span-hours H] [--contact-share F] [--maintenance-seconds S] [--raw-events N] [--raw-modes events,rows|none] [--lookups N] "
               "[--lookup-seconds S] [--progress S] [--keep]\n",
               why.c_str());
  std::exit(2);
}

Args ParseArgs(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    if (k == "--keep") {
      a.keep = true;
      continue;
    }
    if (i + 1 >= argc) Usage("missing value for " + k);
    std::string v = argv[++i];
    auto num = [&](double lo, double hi) { return NumberArg(k, v, lo, hi, Usage); };
    if (k == "--work") {
      a.work = v;
    } else if (k == "--events") {
      a.events = static_cast<int64_t>(num(1, 1e9));
    } else if (k == "--batch") {
      a.batch = static_cast<int>(num(1, 1000));
    } else if (k == "--feeders") {
      a.feeders = static_cast<int>(num(1, 64));
    } else if (k == "--seed") {
      a.seed = static_cast<uint64_t>(num(0, 1e15));
    } else if (k == "--ingest-seconds") {
      a.ingest_seconds = num(0, 1e6);
    } else if (k == "--sync") {
      if (v != "full" && v != "normal") Usage("--sync is full or normal");
      a.sync = v;
    } else if (k == "--span-hours") {
      a.span_hours = num(0.01, 24 * 3650);
    } else if (k == "--maintenance-seconds") {
      a.maintenance_seconds = num(0, 1e6);
    } else if (k == "--contact-share") {
      a.contact_share = num(0, 1);
    } else if (k == "--active") {
      a.active = static_cast<int>(num(1, 1e7));
    } else if (k == "--raw-events") {
      a.raw_events = static_cast<int64_t>(num(0, 1e9));
    } else if (k == "--raw-modes") {
      a.raw_modes.clear();
      std::stringstream ss(v);
      std::string m;
      while (std::getline(ss, m, ',')) {
        if (m == "none") continue;
        if (m != "events" && m != "rows" && m != "rows_narrow") {
          Usage("--raw-modes: events, rows, rows_narrow or none");
        }
        a.raw_modes.push_back(m);
      }
    } else if (k == "--lookups") {
      a.lookups = static_cast<int64_t>(num(0, 1e9));
    } else if (k == "--lookup-seconds") {
      a.lookup_seconds = num(0.1, 1e6);
    } else if (k == "--progress") {
      a.progress = num(1, 1e6);
    } else {
      Usage("unknown option " + k);
    }
  }
  if (a.work.empty()) Usage("--work is required");
  // A small run still needs parcels that see all their events: at most a twentieth of the
  // events in flight.
  a.active = static_cast<int>(std::min<int64_t>(a.active, std::max<int64_t>(50, a.events / 20)));
  return a;
}

// ---- small helpers ---------------------------------------------------------------------

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

void JsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string Hex(uint64_t v, int digits) {
  static const char* kDigits = "0123456789abcdef";
  std::string s(static_cast<size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i) {
    s[static_cast<size_t>(i)] = kDigits[v & 15];
    v >>= 4;
  }
  return s;
}

uint64_t Mix(uint64_t x) {  // splitmix64
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// ---- the simulated carrier feed --------------------------------------------------------

struct CarrierSpec {
  const char* code;
  const char* name;
  const char* pattern;
  const char* url;
  double share;
};
constexpr CarrierSpec kCarriers[] = {
    {"bluedart", "Blue Dart", "\\b5\\d{10}\\b", "https://www.bluedart.com/tracking?awb={number}",
     0.35},
    {"indiapost", "India Post", "\\b[A-Z]{2}\\d{9}IN\\b",
     "https://www.indiapost.gov.in/track?n={number}", 0.25},
    {"delhivery", "Delhivery", "\\b1490\\d{9}\\b", "https://www.delhivery.com/track/package/{number}",
     0.40},
};
constexpr int kCarrierCount = 3;

struct Hub {
  const char* hub;   // as the feed names the hub
  const char* city;  // where the parcel is delivered
};
constexpr Hub kHubs[] = {
    {"Bengaluru Hub (ಬೆಂಗಳೂರು)", "Bengaluru (ಬೆಂಗಳೂರು)"},
    {"Mumbai Bhiwandi Hub", "Mumbai"},
    {"Delhi Gateway (दिल्ली)", "New Delhi (नई दिल्ली)"},
    {"Mysuru Branch (ಮೈಸೂರು)", "Mysuru (ಮೈಸೂರು)"},
    {"Jaipur Hub (जयपुर)", "Jaipur (जयपुर)"},
    {"Hubballi Branch (ಹುಬ್ಬಳ್ಳಿ)", "Hubballi"},
    {"Lucknow Hub (लखनऊ)", "Lucknow (लखनऊ)"},
    {"Chennai Hub", "Chennai"},
    {"Kolkata Hub", "Kolkata"},
    {"Hyderabad Hub", "Hyderabad"},
    {"Pune Hub", "Pune"},
    {"Ahmedabad Hub", "Ahmedabad"},
    {"Mangaluru Branch (ಮಂಗಳೂರು)", "Mangaluru (ಮಂಗಳೂರು)"},
    {"Patna Hub (पटना)", "Patna (पटना)"},
    {"Bhopal Hub (भोपाल)", "Bhopal"},
    {"Kalaburagi Branch (ಕಲಬುರಗಿ)", "Kalaburagi (ಕಲಬುರಗಿ)"},
};
constexpr int kHubCount = sizeof(kHubs) / sizeof(kHubs[0]);
constexpr const char* kPins[kHubCount] = {"560001", "421302", "110001", "570001", "302001",
                                          "580020", "226001", "600001", "700001", "500001",
                                          "411001", "380001", "575001", "800001", "462001",
                                          "585101"};
// The shop's customers (registered parcels' contacts).
constexpr const char* kNames[] = {"Asha Rao", "अमित शर्मा", "ಕಾವ್ಯ ಭಟ್", "Priya Nair",
                                  "सुनीता वर्मा", "ರಮೇಶ್ ಗೌಡ", "Imran Khan", "Deepa Iyer",
                                  "राहुल गुप्ता", "ಶ್ವೇತಾ ಹೆಗಡೆ", "Farhan Ali", "Lakshmi Menon"};
constexpr int kNameCount = sizeof(kNames) / sizeof(kNames[0]);

// Descriptions by kind and language (English, Hindi, Kannada).
enum Kind : uint8_t { kBookedK, kPickedK, kDepartedK, kTransitK, kArrivedK, kOfdK, kDeliveredK,
                      kFailedK, kRtoK, kDamagedK, kKindCount };
constexpr const char* kText[kKindCount][3] = {
    {"Shipment booked", "शिपमेंट बुक किया गया", "ಸಾಗಣೆ ಬುಕ್ ಮಾಡಲಾಗಿದೆ"},
    {"Picked up from the sender", "भेजने वाले से पिकअप किया गया", "ಕಳುಹಿಸುವವರಿಂದ ಸಂಗ್ರಹಿಸಲಾಗಿದೆ"},
    {"Departed from the origin hub", "मूल हब से रवाना", "ಮೂಲ ಹಬ್‌ನಿಂದ ಹೊರಟಿದೆ"},
    {"In transit", "रास्ते में", "ಸಾಗಣೆಯಲ್ಲಿದೆ"},
    {"Arrived at the destination hub", "गंतव्य हब पर पहुँचा", "ಗಮ್ಯ ಹಬ್‌ಗೆ ತಲುಪಿದೆ"},
    {"Out for delivery", "डिलीवरी के लिए निकला", "ವಿತರಣೆಗೆ ಹೊರಟಿದೆ"},
    {"Delivered", "डिलीवर हो गया", "ವಿತರಿಸಲಾಗಿದೆ"},
    {"Delivery attempted", "डिलीवरी का प्रयास किया गया", "ವಿತರಣೆಗೆ ಪ್ರಯತ್ನಿಸಲಾಗಿದೆ"},
    {"Returned to the sender", "भेजने वाले को लौटाया गया", "ಕಳುಹಿಸುವವರಿಗೆ ಹಿಂತಿರುಗಿಸಲಾಗಿದೆ"},
    {"Damaged in transit", "रास्ते में क्षतिग्रस्त", "ಸಾಗಣೆಯಲ್ಲಿ ಹಾನಿಯಾಗಿದೆ"},
};
constexpr ShipmentStatus kStatusOf[kKindCount] = {
    ShipmentStatus::kBooked,         ShipmentStatus::kPickedUp,  ShipmentStatus::kInTransit,
    ShipmentStatus::kInTransit,      ShipmentStatus::kInTransit, ShipmentStatus::kOutForDelivery,
    ShipmentStatus::kDelivered,      ShipmentStatus::kDeliveryFailed,
    ShipmentStatus::kReturnedToOrigin, ShipmentStatus::kDamaged};
constexpr const char* kReasons[] = {
    "Customer not available",
    "पता अधूरा है (address incomplete)",
    "ಗ್ರಾಹಕರು ಲಭ್ಯವಿಲ್ಲ (customer not available)",
    "COD amount not ready",
    "दरवाज़ा बंद था (door locked)",
    "Customer refused the parcel",
    "ವಿಳಾಸ ಸಿಗಲಿಲ್ಲ (address not found)",
};
constexpr int kReasonCount = sizeof(kReasons) / sizeof(kReasons[0]);

// One event as the generator sends it; `raw_id` is what the raw ceiling stores as event_id
// (the carrier's id, or for India Post an id of the same length as Sahayak's derived one).
struct GenEvent {
  int carrier = 0;
  int64_t parcel = 0;  // 0-based, in booking order
  std::string number;       // normalised
  std::string number_sent;  // as the carrier writes it
  std::string event_id;     // empty: the carrier sends none
  std::string raw_id;
  ShipmentStatus status = ShipmentStatus::kBooked;
  Millis occurred_at = 0;
  const char* place = "";
  const char* description = "";
  const char* reason = "";
  std::string eta;
  bool replay = false;
  // Set on a parcel's first event: the shop registered it beforehand (customer >= 0).
  bool first = false;
  int64_t customer = -1;
  int from = 0, to = 0;
  Millis booked_at = 0;
};

class Feed {
 public:
  // The events of `total_events` are spread evenly over the `span_hours` before `end_ms`; a
  // parcel gets its next event about every `active` events.
  Feed(uint64_t seed, int64_t total_events, int active, Millis end_ms, double span_hours,
       double contact_share)
      : rng_(seed), active_(static_cast<size_t>(std::max(1, active))),
        contact_share_(contact_share),
        customers_(std::max<int64_t>(100, total_events / 40)) {
    step_ms_ = span_hours * 3600.0 * 1000.0 / static_cast<double>(std::max<int64_t>(1, total_events));
    clock_ = static_cast<double>(end_ms) - step_ms_ * static_cast<double>(total_events);
  }

  static std::string Number(int carrier, int64_t seq) {
    switch (carrier) {
      case 0: return std::to_string(50000000000LL + seq);
      case 1: {
        std::string d = std::to_string(100000000LL + seq % 900000000LL);
        return "EK" + d + "IN";
      }
      default: return std::to_string(1490800000000LL + seq);
    }
  }

  void Next(GenEvent* e) {
    clock_ += step_ms_;
    const auto now = static_cast<Millis>(clock_);
    ++emitted_;
    if (!recent_.empty() && U() < 0.015) {
      *e = recent_[rng_() % recent_.size()];
      e->replay = true;
      e->first = false;
      ++replays_;
      return;
    }
    size_t i;
    if (pool_.size() < active_) {
      Book(now);
      i = pool_.size() - 1;
    } else {
      i = static_cast<size_t>(rng_() % pool_.size());
    }
    Parcel& p = pool_[i];
    Emit(p, now, e);
    if (p.next == p.steps.size()) {
      ++finished_;
      if (i + 1 != pool_.size()) pool_[i] = std::move(pool_.back());
      pool_.pop_back();
    }
    e->replay = false;
    if (recent_.size() < kRecent) {
      recent_.push_back(*e);
    } else {
      recent_[recent_pos_++ % kRecent] = *e;
    }
  }

  int64_t parcels() const { return booked_; }
  int64_t parcels_of(int carrier) const { return seq_[static_cast<size_t>(carrier)]; }
  int64_t replays() const { return replays_; }
  int64_t late() const { return late_; }
  int64_t finished() const { return finished_; }
  int64_t emitted() const { return emitted_; }
  Millis start_ms() const { return first_clock_; }
  int64_t customers() const { return customers_; }

 private:
  static constexpr Millis kHour = 3600LL * 1000;
  static constexpr size_t kRecent = 4096;
  struct Step {
    Kind kind;
    uint8_t hub;
    bool city;
    int8_t reason;
    bool eta;
  };
  struct Parcel {
    int carrier;
    int64_t seq;
    int64_t index;
    int lang;
    int64_t customer = -1;
    int from = 0, to = 0;
    Millis booked_at = 0;
    size_t next = 0;
    std::vector<Step> steps;
  };

  double U() { return std::uniform_real_distribution<double>(0, 1)(rng_); }

  void Book(Millis now) {
    if (first_clock_ == 0) first_clock_ = now;
    Parcel p;
    double r = U(), acc = 0;
    p.carrier = kCarrierCount - 1;
    for (int c = 0; c < kCarrierCount; ++c) {
      acc += kCarriers[c].share;
      if (r < acc) {
        p.carrier = c;
        break;
      }
    }
    p.seq = seq_[static_cast<size_t>(p.carrier)]++;
    p.index = booked_++;
    const double l = U();
    p.lang = l < 0.6 ? 0 : (l < 0.8 ? 1 : 2);
    const auto from = static_cast<uint8_t>(rng_() % kHubCount);
    auto to = static_cast<uint8_t>(rng_() % kHubCount);
    if (to == from) to = static_cast<uint8_t>((to + 1) % kHubCount);
    const auto via = static_cast<uint8_t>(rng_() % kHubCount);
    p.from = from;
    p.to = to;
    p.booked_at = now;
    if (U() < contact_share_) p.customer = static_cast<int64_t>(rng_() % static_cast<uint64_t>(customers_));
    auto add = [&](Kind k, uint8_t hub, bool city = false, int8_t reason = -1, bool eta = false) {
      p.steps.push_back({k, hub, city, reason, eta});
    };
    add(kBookedK, from);
    add(kPickedK, from);
    add(kDepartedK, from, false, -1, true);
    const double plan = U();
    auto reason = [&] { return static_cast<int8_t>(rng_() % kReasonCount); };
    if (plan < 0.70) {
      if (U() < 0.5) add(kTransitK, via);
      add(kArrivedK, to);
      add(kOfdK, to);
      add(kDeliveredK, to, true);
    } else if (plan < 0.90) {
      add(kArrivedK, to);
      add(kOfdK, to);
      add(kFailedK, to, true, reason());
      add(kOfdK, to);
      add(kDeliveredK, to, true);
    } else if (plan < 0.97) {
      add(kArrivedK, to);
      add(kOfdK, to);
      add(kFailedK, to, true, reason());
      add(kRtoK, from);
    } else {
      add(kDamagedK, via);
    }
    pool_.push_back(std::move(p));
  }

  void Emit(Parcel& p, Millis now, GenEvent* e) {
    const size_t step = p.next++;
    e->first = step == 0;
    e->customer = p.customer;
    e->from = p.from;
    e->to = p.to;
    e->booked_at = p.booked_at;
    const Step& s = p.steps[step];
    e->carrier = p.carrier;
    e->parcel = p.index;
    e->number = Number(p.carrier, p.seq);
    e->number_sent = e->number;
    if (p.carrier == 1 && p.seq % 20 == 7) {  // "ek 123456789 in"
      e->number_sent = "ek " + e->number.substr(2, 9) + " in";
    }
    e->status = kStatusOf[s.kind];
    // Scanned up to a tenth of a parcel's gap between events before it reaches the feed.
    const auto gap = static_cast<Millis>(step_ms_ * static_cast<double>(active_));
    Millis at = now - static_cast<Millis>(rng_() % static_cast<uint64_t>(std::max<Millis>(1, gap / 10)));
    if (step > 1 && U() < 0.01) {  // a scan that reaches the feed late: older than the newest
      at -= 3 * gap;
      ++late_;
    }
    e->occurred_at = at;
    e->place = s.city ? kHubs[s.hub].city : kHubs[s.hub].hub;
    e->description = kText[s.kind][p.lang];
    e->reason = s.reason >= 0 ? kReasons[s.reason] : "";
    e->eta = s.eta ? sahayak::DateAt(now + (48 + static_cast<Millis>(rng_() % 48)) * kHour, 330)
                   : std::string();
    const uint64_t h1 = Mix(static_cast<uint64_t>(p.index) * 16 + step + (at & 0xffff) * 1000003);
    switch (p.carrier) {
      case 0: e->event_id = "BD" + e->number + "-" + std::to_string(step); break;
      case 2: e->event_id = "DLV" + Hex(h1, 16); break;
      default: e->event_id.clear();
    }
    e->raw_id = e->event_id.empty() ? "auto-" + Hex(h1, 16) + Hex(Mix(h1), 16) : e->event_id;
  }

  std::mt19937_64 rng_;
  size_t active_;
  double contact_share_;
  int64_t customers_;
  double step_ms_ = 1;
  double clock_ = 0;
  Millis first_clock_ = 0;
  std::vector<Parcel> pool_;
  std::vector<GenEvent> recent_;
  size_t recent_pos_ = 0;
  std::array<int64_t, kCarrierCount> seq_{};
  int64_t booked_ = 0, replays_ = 0, late_ = 0, finished_ = 0, emitted_ = 0;
};

// The JSON body of POST /api/v1/tracking-events for `events`.
void RenderBatch(const std::vector<GenEvent>& events, std::string* out) {
  out->clear();
  out->append("{\"events\":[");
  for (size_t i = 0; i < events.size(); ++i) {
    const GenEvent& e = events[i];
    if (i) out->push_back(',');
    out->append("{\"carrier\":");
    JsonString(out, kCarriers[e.carrier].code);
    out->append(",\"tracking_number\":");
    JsonString(out, e.number_sent);
    if (!e.event_id.empty()) {
      out->append(",\"event_id\":");
      JsonString(out, e.event_id);
    }
    out->append(",\"status\":");
    JsonString(out, sahayak::domain::ShipmentStatusName(e.status));
    out->append(",\"occurred_at\":");
    JsonString(out, sahayak::FormatRfc3339Zoned(e.occurred_at, 330));
    out->append(",\"place\":");
    JsonString(out, e.place);
    out->append(",\"description\":");
    JsonString(out, e.description);
    if (*e.reason) {
      out->append(",\"reason\":");
      JsonString(out, e.reason);
    }
    if (!e.eta.empty()) {
      out->append(",\"eta\":");
      JsonString(out, e.eta);
    }
    out->push_back('}');
  }
  out->append("]}");
}

// ---- raw SQLite ------------------------------------------------------------------------

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "tracking_bench: %s\n", what.c_str());
  std::exit(1);
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    Die("executing SQL: " + msg + " in: " + sql.substr(0, 120));
  }
}

class Stmt {
 public:
  Stmt(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s_, nullptr) !=
        SQLITE_OK) {
      Die(std::string("preparing: ") + sqlite3_errmsg(db) + " in: " + sql.substr(0, 120));
    }
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& Int(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& Text(int i, std::string_view v) {
    sqlite3_bind_text64(s_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
  }
  Stmt& Null(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
  }
  bool Step() {
    int rc = sqlite3_step(s_);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) Die(std::string("step: ") + sqlite3_errmsg(db_));
    return rc == SQLITE_ROW;
  }
  int64_t Col(int i) const { return sqlite3_column_int64(s_, i); }
  bool ColNull(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }
  std::string ColText(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, i))) : std::string();
  }
  int Columns() const { return sqlite3_column_count(s_); }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
};

sqlite3* OpenRaw(const std::string& path, const std::string& sync) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ec);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    Die("opening " + path);
  }
  // The server's writer connection (src/store/sqlite/connection.cc).
  Exec(db, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-16384; PRAGMA temp_store=MEMORY; "
           "PRAGMA journal_mode=WAL; PRAGMA synchronous=" +
               std::string(sync == "full" ? "FULL" : "NORMAL") +
               "; PRAGMA wal_autocheckpoint=4000;");
  return db;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) Die("cannot read " + p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void ApplyMigrations(sqlite3* db) {
#ifdef SAHAYAK_MIGRATIONS_DIR
  const fs::path dir = SAHAYAK_MIGRATIONS_DIR;
#else
  const fs::path dir = "src/store/migrations";
#endif
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".sql") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) Die("no migrations in " + dir.string());
  Exec(db, "BEGIN");
  for (const auto& f : files) Exec(db, ReadFile(f));
  Exec(db, "COMMIT");
}

struct RawResult {
  int64_t events = 0, inserted = 0, transactions = 0;
  double seconds = 0;
  std::vector<double> batch_ms;
};

// The same-shaped table alone.
RawResult RawEvents(const std::string& path, const Args& a, int64_t n, Millis now) {
  sqlite3* db = OpenRaw(path, a.sync);
  Exec(db,
       "CREATE TABLE tracking_events (id INTEGER PRIMARY KEY, workspace_id INTEGER NOT NULL, "
       "shipment_id INTEGER NOT NULL, event_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT "
       "NOT NULL DEFAULT '', occurred_at INTEGER NOT NULL, utc_offset_minutes INTEGER NOT NULL "
       "DEFAULT 0, place TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', "
       "received_at INTEGER NOT NULL, UNIQUE (shipment_id, event_id))");
  RawResult r;
  {
    Stmt ins(db,
             "INSERT OR IGNORE INTO tracking_events (workspace_id, shipment_id, event_id, status, "
             "reason, occurred_at, utc_offset_minutes, place, description, received_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Feed feed(a.seed, n, a.active, now, a.span_hours, a.contact_share);
    std::vector<GenEvent> batch;
    double gen_s = 0;
    auto t0 = Clock::now();
    while (r.events < n) {
      auto g0 = Clock::now();
      batch.resize(static_cast<size_t>(std::min<int64_t>(a.batch, n - r.events)));
      for (auto& e : batch) feed.Next(&e);
      auto b0 = Clock::now();
      gen_s += Seconds(g0, b0);
      Exec(db, "BEGIN IMMEDIATE");
      for (const auto& e : batch) {
        ins.Int(1, 1).Int(2, e.parcel + 1).Text(3, e.raw_id);
        ins.Text(4, sahayak::domain::ShipmentStatusName(e.status)).Text(5, e.reason);
        ins.Int(6, e.occurred_at).Int(7, 330).Text(8, e.place).Text(9, e.description);
        ins.Int(10, now);
        ins.Step();
        r.inserted += sqlite3_changes(db);
        ins.Reset();
      }
      Exec(db, "COMMIT");
      r.batch_ms.push_back(Seconds(b0, Clock::now()) * 1000);
      ++r.transactions;
      r.events += static_cast<int64_t>(batch.size());
    }
    r.seconds = Seconds(t0, Clock::now()) - gen_s;  // the generator's time is not SQLite's
  }
  sqlite3_close_v2(db);
  return r;
}

constexpr const char* kShipmentColumns =
    "s.id, s.workspace_id, s.carrier_id, c.code, c.name, c.tracking_url, s.tracking_number, "
    "s.service, s.origin_city, s.origin_pin, s.origin_country, s.destination_city, "
    "s.destination_pin, s.destination_country, s.weight_grams, s.cod_minor, s.cod_currency, "
    "s.promised_date, s.eta, s.status, s.status_reason, s.contact_id, s.organisation_id, "
    "s.order_ref, s.last_event_at, s.last_event_offset, s.created_at, s.updated_at, s.version";

// The statements one Ingest runs (tx_shipments.cc, tx_records.cc), without the service.
// `narrow`: the UPDATE names only the columns an event changes (what a narrower
// UpdateShipment would run), to show what the full-row UPDATE costs.
RawResult RawRows(const std::string& path, const Args& a, int64_t n, Millis now, bool narrow) {
  sqlite3* db = OpenRaw(path, a.sync);
  ApplyMigrations(db);
  Exec(db, "INSERT INTO workspaces (id, workspace_id, name, created_at, updated_at) VALUES "
           "(1, 1, 'Bench', " + std::to_string(now) + ", " + std::to_string(now) + ")");
  for (int c = 0; c < kCarrierCount; ++c) {
    Exec(db, std::string("INSERT INTO carriers (id, workspace_id, code, name, tracking_pattern, "
                         "tracking_url, created_at, updated_at) VALUES (") +
                 std::to_string(c + 1) + ", 1, '" + kCarriers[c].code + "', '" +
                 kCarriers[c].name + "', '', '" + kCarriers[c].url + "', 0, 0)");
  }
  RawResult r;
  {
    Stmt carrier(db,
                 "SELECT id, workspace_id, code, name, tracking_pattern, tracking_url, "
                 "created_at, updated_at, version FROM carriers WHERE workspace_id = ? AND "
                 "code = ?");
    Stmt find(db, std::string("SELECT ") + kShipmentColumns +
                      " FROM shipments s JOIN carriers c ON c.id = s.carrier_id WHERE "
                      "s.workspace_id = ? AND s.carrier_id = ? AND s.tracking_number = ?");
    Stmt insert_shipment(
        db,
        "INSERT INTO shipments (carrier_id, tracking_number, service, origin_city, origin_pin, "
        "origin_country, destination_city, destination_pin, destination_country, weight_grams, "
        "cod_minor, cod_currency, promised_date, eta, status, status_reason, contact_id, "
        "organisation_id, order_ref, last_event_at, last_event_offset, updated_at, workspace_id, "
        "created_at, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Stmt update_shipment(
        db,
        "UPDATE shipments SET carrier_id = ?, tracking_number = ?, service = ?, origin_city = ?, "
        "origin_pin = ?, origin_country = ?, destination_city = ?, destination_pin = ?, "
        "destination_country = ?, weight_grams = ?, cod_minor = ?, cod_currency = ?, "
        "promised_date = ?, eta = ?, status = ?, status_reason = ?, contact_id = ?, "
        "organisation_id = ?, order_ref = ?, last_event_at = ?, last_event_offset = ?, "
        "updated_at = ?, version = ? WHERE workspace_id = ? AND id = ?");
    Stmt update_status(db,
                       "UPDATE shipments SET eta = ?, status = ?, status_reason = ?, "
                       "last_event_at = ?, last_event_offset = ?, updated_at = ?, version = ? "
                       "WHERE workspace_id = ? AND id = ?");
    Stmt insert_event(
        db,
        "INSERT OR IGNORE INTO tracking_events (workspace_id, shipment_id, event_id, status, "
        "reason, occurred_at, utc_offset_minutes, place, description, received_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Stmt insert_audit(db,
                      "INSERT INTO audit_events (workspace_id, actor_kind, actor_id, actor_name, "
                      "action, entity_type, entity_id, changes, ip, user_agent, created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Stmt insert_outbox(db,
                       "INSERT INTO outbox (workspace_id, topic, payload, created_at, "
                       "available_at) VALUES (?, ?, ?, ?, ?)");
    struct Touched {
      int64_t id = 0;
      std::string status_from, status, reason, eta;
      bool has_eta = false, created = false, changed = false;
      int64_t last_event_at = -1, version = 1;
    };
    Feed feed(a.seed, n, a.active, now, a.span_hours, a.contact_share);
    std::vector<GenEvent> batch;
    double gen_s = 0;
    auto t0 = Clock::now();
    while (r.events < n) {
      auto g0 = Clock::now();
      batch.resize(static_cast<size_t>(std::min<int64_t>(a.batch, n - r.events)));
      for (auto& e : batch) feed.Next(&e);
      auto b0 = Clock::now();
      gen_s += Seconds(g0, b0);
      Exec(db, "BEGIN IMMEDIATE");
      std::map<int, bool> carriers_seen;
      for (const auto& e : batch) {
        if (carriers_seen.emplace(e.carrier, true).second) {
          carrier.Int(1, 1).Text(2, kCarriers[e.carrier].code);
          carrier.Step();
          carrier.Reset();
        }
      }
      std::map<std::pair<int, std::string>, Touched> touched;
      for (const auto& e : batch) {
        auto key = std::make_pair(e.carrier + 1, e.number);
        auto it = touched.find(key);
        if (it == touched.end()) {
          Touched t;
          find.Int(1, 1).Int(2, e.carrier + 1).Text(3, e.number);
          if (find.Step()) {
            t.id = find.Col(0);
            t.status = find.ColText(19);
            t.reason = find.ColText(20);
            t.has_eta = !find.ColNull(18);
            t.eta = find.ColText(18);
            t.last_event_at = find.ColNull(24) ? -1 : find.Col(24);
            t.version = find.Col(28);
          } else {
            insert_shipment.Int(1, e.carrier + 1).Text(2, e.number);
            for (int i = 3; i <= 9; ++i) insert_shipment.Text(i, "");
            insert_shipment.Null(10).Null(11).Text(12, "").Null(13).Null(14);
            insert_shipment.Text(15, "booked").Text(16, "").Null(17).Null(18).Text(19, "");
            insert_shipment.Null(20).Null(21).Int(22, now).Int(23, 1).Int(24, now).Int(25, 1);
            insert_shipment.Step();
            insert_shipment.Reset();
            t.id = sqlite3_last_insert_rowid(db);
            t.status = "booked";
            t.created = true;
          }
          find.Reset();
          t.status_from = t.status;
          it = touched.emplace(key, std::move(t)).first;
        }
        Touched& t = it->second;
        insert_event.Int(1, 1).Int(2, t.id).Text(3, e.raw_id);
        insert_event.Text(4, sahayak::domain::ShipmentStatusName(e.status)).Text(5, e.reason);
        insert_event.Int(6, e.occurred_at).Int(7, 330).Text(8, e.place).Text(9, e.description);
        insert_event.Int(10, now);
        insert_event.Step();
        const bool recorded = sqlite3_changes(db) > 0;
        insert_event.Reset();
        ++r.events;
        if (!recorded) continue;
        ++r.inserted;
        if (t.last_event_at < 0 || e.occurred_at >= t.last_event_at) {
          t.status = sahayak::domain::ShipmentStatusName(e.status);
          t.reason = e.reason;
          t.last_event_at = e.occurred_at;
          if (!e.eta.empty()) {
            t.eta = e.eta;
            t.has_eta = true;
          }
        }
        t.changed = true;
      }
      for (auto& [key, t] : touched) {
        if (!t.changed) continue;
        if (!t.created) ++t.version;
        if (narrow) {
          if (t.has_eta) {
            update_status.Text(1, t.eta);
          } else {
            update_status.Null(1);
          }
          update_status.Text(2, t.status).Text(3, t.reason).Int(4, t.last_event_at).Int(5, 330);
          update_status.Int(6, now).Int(7, t.version).Int(8, 1).Int(9, t.id);
          update_status.Step();
          update_status.Reset();
        } else {
          update_shipment.Int(1, key.first).Text(2, key.second);
          for (int i = 3; i <= 9; ++i) update_shipment.Text(i, "");
          update_shipment.Null(10).Null(11).Text(12, "").Null(13);
          if (t.has_eta) {
            update_shipment.Text(14, t.eta);
          } else {
            update_shipment.Null(14);
          }
          update_shipment.Text(15, t.status).Text(16, t.reason).Null(17).Null(18).Text(19, "");
          update_shipment.Int(20, t.last_event_at).Int(21, 330).Int(22, now);
          update_shipment.Int(23, t.version).Int(24, 1).Int(25, t.id);
          update_shipment.Step();
          update_shipment.Reset();
        }
        if (t.status != t.status_from || t.created) {
          const std::string from = t.created ? "null" : "\"" + t.status_from + "\"";
          insert_audit.Int(1, 1).Text(2, "system").Int(3, 0).Text(4, "sahayak CLI");
          insert_audit.Text(5, "shipment.status_changed").Text(6, "shipment").Int(7, t.id);
          insert_audit.Text(8, "{\"status\":[" + from + ",\"" + t.status + "\"]}");
          insert_audit.Text(9, "").Text(10, "").Int(11, now);
          insert_audit.Step();
          insert_audit.Reset();
          const int64_t audit = sqlite3_last_insert_rowid(db);
          insert_outbox.Int(1, 1).Text(2, "shipment.status_changed");
          insert_outbox.Text(3, "{\"audit_event_id\":" + std::to_string(audit) + ",\"from\":\"" +
                                    t.status_from + "\",\"shipment_id\":" + std::to_string(t.id) +
                                    ",\"to\":\"" + t.status + "\"}");
          insert_outbox.Int(4, now).Int(5, now);
          insert_outbox.Step();
          insert_outbox.Reset();
        }
      }
      Exec(db, "COMMIT");
      r.batch_ms.push_back(Seconds(b0, Clock::now()) * 1000);
      ++r.transactions;
    }
    r.seconds = Seconds(t0, Clock::now()) - gen_s;
  }
  sqlite3_close_v2(db);
  return r;
}

// ---- the API's shipment JSON (a copy of api/handlers_shipments.cc's ShipmentJson) ----------

json PlaceJson(const sahayak::domain::ShipmentPlace& p) {
  return {{"city", p.city}, {"pin", p.pin}, {"country", p.country}};
}

json EventJson(const sahayak::domain::TrackingEvent& e) {
  return {{"id", e.id},
          {"event_id", e.event_id},
          {"status", sahayak::domain::ShipmentStatusName(e.status)},
          {"occurred_at", sahayak::FormatRfc3339Zoned(e.occurred_at, e.utc_offset_minutes)},
          {"place", e.place},
          {"description", e.description},
          {"reason", e.reason}};
}

json ShipmentJson(const sahayak::domain::Shipment& s,
                  const std::vector<sahayak::domain::TrackingEvent>& events,
                  const std::string& today) {
  using sahayak::FormatRfc3339;
  using sahayak::FormatRfc3339Zoned;
  auto opt = [](const auto& v) { return v ? json(*v) : json(nullptr); };
  std::string url = sahayak::domain::TrackingUrl(s.carrier_url, s.tracking_number);
  json ev = json::array();
  for (const auto& e : events) ev.push_back(EventJson(e));
  return {{"id", s.id},
          {"carrier", {{"code", s.carrier_code}, {"name", s.carrier_name}}},
          {"tracking_number", s.tracking_number},
          {"service", s.service},
          {"status", sahayak::domain::ShipmentStatusName(s.status)},
          {"status_reason", s.status_reason},
          {"origin", PlaceJson(s.origin)},
          {"destination", PlaceJson(s.destination)},
          {"weight_grams", opt(s.weight_grams)},
          {"cod", s.cod_minor ? json{{"amount", sahayak::domain::FormatMoneyMinor(*s.cod_minor)},
                                     {"currency", s.cod_currency}}
                              : json(nullptr)},
          {"promised_date", opt(s.promised_date)},
          {"eta", opt(s.eta)},
          {"late", sahayak::domain::IsLate(s, today)},
          {"contact_id", opt(s.contact_id)},
          {"organisation_id", opt(s.organisation_id)},
          {"order_ref", s.order_ref},
          {"tracking_url", url.empty() ? json(nullptr) : json(url)},
          {"last_event_at", s.last_event_at ? json(FormatRfc3339Zoned(*s.last_event_at,
                                                                      s.last_event_offset))
                                            : json(nullptr)},
          {"created_at", FormatRfc3339(s.created_at)},
          {"updated_at", FormatRfc3339(s.updated_at)},
          {"version", s.version},
          {"events", std::move(ev)}};
}

// ---- lookups -------------------------------------------------------------------------------

struct LookupResult {
  std::string mode;
  std::vector<double> ms;
  int64_t found = 0, missing = 0, events_read = 0, bytes = 0;
  double seconds = 0;
  std::string load_before, load_after;
};

// Runs `one(i)` (returns events read, -1 when nothing was found) on a sample of parcels.
template <typename Fn>
LookupResult RunLookups(const char* mode, const Args& a, uint64_t salt, int64_t parcels, Fn one) {
  LookupResult r;
  r.mode = mode;
  r.load_before = LoadAverage();
  std::mt19937_64 rng(a.seed * 1000003 + salt);
  auto t0 = Clock::now();
  const auto deadline = t0 + std::chrono::duration<double>(a.lookup_seconds);
  for (int64_t i = 0; i < a.lookups; ++i) {
    const int64_t p = static_cast<int64_t>(rng() % static_cast<uint64_t>(parcels));
    auto s = Clock::now();
    if (s >= deadline) break;
    int64_t n = one(p);
    r.ms.push_back(Seconds(s, Clock::now()) * 1000);
    if (n < 0) {
      ++r.missing;
    } else {
      ++r.found;
      r.events_read += n;
    }
  }
  r.seconds = Seconds(t0, Clock::now());
  r.load_after = LoadAverage();
  return r;
}

void PrintLookup(const LookupResult& r, int64_t parcels, int64_t events) {
  const double n = static_cast<double>(r.ms.size());
  std::printf(
      "RESULT phase=lookup mode=%s parcels=%lld events_stored=%lld lookups=%zu found=%lld "
      "missing=%lld seconds=%.2f lookups_per_s=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f "
      "max_ms=%.3f mean_ms=%.3f events_per_lookup=%.2f mean_body_bytes=%.0f load_before=%s "
      "load_after=%s\n",
      r.mode.c_str(), static_cast<long long>(parcels), static_cast<long long>(events), r.ms.size(),
      static_cast<long long>(r.found), static_cast<long long>(r.missing), r.seconds,
      r.seconds > 0 ? n / r.seconds : 0, Percentile(r.ms, 0.5), Percentile(r.ms, 0.9),
      Percentile(r.ms, 0.99), r.ms.empty() ? 0 : *std::max_element(r.ms.begin(), r.ms.end()),
      Mean(r.ms), r.found ? static_cast<double>(r.events_read) / static_cast<double>(r.found) : 0,
      n > 0 ? static_cast<double>(r.bytes) / n : 0, r.load_before.c_str(), r.load_after.c_str());
  std::fflush(stdout);
}

// The number a lookup asks for: parcel `p` in booking order. Booking picks the carrier at
// random, so the per-carrier sequence is rebuilt once from the same generator.
struct ParcelIndex {
  std::vector<uint8_t> carrier;
  std::vector<int32_t> seq;
  std::string NumberOf(int64_t p) const {
    return Feed::Number(carrier[static_cast<size_t>(p)], seq[static_cast<size_t>(p)]);
  }
};

}  // namespace

int main(int argc, char** argv) {
  Args args = ParseArgs(argc, argv);
  spdlog::set_level(spdlog::level::warn);
  std::error_code ec;
  fs::create_directories(args.work, ec);
  const Millis now = sahayak::SystemClock::Get().Now();
  const std::string start_load = LoadAverage();
  std::printf("tracking_bench: %lld events over the last %.1f h, batches of %d, %d feeder(s), "
              "seed %llu, ~%d parcels in flight, %.0f%% registered with a customer, "
              "synchronous=%s, SQLite %s; load average %s\n",
              static_cast<long long>(args.events), args.span_hours, args.batch, args.feeders,
              static_cast<unsigned long long>(args.seed), args.active,
              args.contact_share * 100, args.sync.c_str(),
              sqlite3_libversion(), start_load.c_str());
  std::fflush(stdout);

  // --- 1. ceilings: raw SQLite inserts ------------------------------------------------------
  const int64_t raw_n = args.raw_events < 0 ? args.events : args.raw_events;
  if (raw_n > 0) {
    for (const std::string& mode : args.raw_modes) {
      const std::string path = (fs::path(args.work) / ("raw-" + mode + ".db")).string();
      const std::string load0 = LoadAverage();
      RawResult r = mode == "events" ? RawEvents(path, args, raw_n, now)
                                     : RawRows(path, args, raw_n, now, mode == "rows_narrow");
      std::printf(
          "RESULT phase=raw mode=%s events=%lld inserted=%lld transactions=%lld seconds=%.2f "
          "events_per_s=%.0f batch_p50_ms=%.2f batch_p99_ms=%.2f db_mib=%.1f load_before=%s "
          "load_after=%s\n",
          mode.c_str(), static_cast<long long>(r.events), static_cast<long long>(r.inserted),
          static_cast<long long>(r.transactions), r.seconds,
          static_cast<double>(r.events) / r.seconds, Percentile(r.batch_ms, 0.5),
          Percentile(r.batch_ms, 0.99), DatabaseMiB(path), load0.c_str(), LoadAverage().c_str());
      std::fflush(stdout);
      if (!args.keep) {
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ec);
      }
    }
  }

  // --- 2. the service ---------------------------------------------------------------------
  sahayak::app::Config config;
  config.data_dir = (fs::path(args.work) / "data").string();
  config.db_synchronous = args.sync;
  fs::remove_all(config.data_dir, ec);
  auto app_or = sahayak::app::App::Open(config);
  if (!app_or.ok()) {
    std::fprintf(stderr, "tracking_bench: cannot open %s: %s\n", config.data_dir.c_str(),
                 app_or.status().message().c_str());
    return 1;
  }
  sahayak::app::App& app = **app_or;
  const std::string db_path = (fs::path(config.data_dir) / "sahayak.db").string();
  const sahayak::services::Principal who = app.SystemPrincipal();
  const sahayak::services::Id ws = who.workspace_id;
  sahayak::services::ShipmentService& svc = app.shipments();
  {
    Status st = app.store().Write([&](sahayak::services::WriteTx& tx) -> Status {
      for (const auto& c : kCarriers) {
        json body = {{"code", c.code},
                     {"name", c.name},
                     {"tracking_pattern", c.pattern},
                     {"tracking_url", c.url}};
        RETURN_IF_ERROR(svc.CreateCarrier(tx, who, body).status());
      }
      return Status::Ok();
    });
    if (!st.ok()) {
      std::fprintf(stderr, "tracking_bench: creating carriers: %s\n", st.message().c_str());
      return 1;
    }
  }

  // The generator thread renders batches ahead; feeders take them.
  struct Batch {
    std::string body;
    int64_t events = 0;
  };
  std::mutex qmu;
  std::condition_variable qcv;
  std::deque<Batch> queue;
  bool produced_all = false;
  std::atomic<bool> stop{false};
  Feed feed(args.seed, args.events, args.active, now, args.span_hours, args.contact_share);
  double gen_cpu = 0;
  const size_t max_queue = static_cast<size_t>(2 * args.feeders + 2);

  // As `serve` runs it (app/commands.cc): a pass at start and every period, each an ANALYZE
  // and the late-shipment sweep, on the same writer.
  std::optional<sahayak::app::Maintenance> maintenance;
  if (args.maintenance_seconds > 0) {
    maintenance.emplace(app.store(), sahayak::SystemClock::Get(),
                        static_cast<Millis>(args.maintenance_seconds * 1000),
                        [&app]() -> Status { return app.SweepLateShipments().status(); });
  }
  std::atomic<int64_t> sent{0}, accepted{0}, duplicates{0}, failed_batches{0};
  std::mutex lat_mu;
  std::vector<double> batch_ms, parse_ms;
  std::string first_error;
  const auto stats0 = app.store().Stats();
  const std::string load0 = LoadAverage();
  const double cpu0 = ProcessCpuSeconds();
  const auto t0 = Clock::now();

  std::atomic<int64_t> registered{0}, register_failed{0};
  std::atomic<double> ingest_exec_s{0};
  std::atomic<double> register_s{0};
  std::thread producer([&] {
    const double c0 = ThreadCpuSeconds();
    double c_reg = 0;
    std::vector<GenEvent> events;
    int64_t made = 0;
    while (made < args.events && !stop.load()) {
      events.resize(static_cast<size_t>(std::min<int64_t>(args.batch, args.events - made)));
      for (auto& e : events) feed.Next(&e);
      // The shop registers its new parcels with their customers before the carrier's first
      // event (POST /api/v1/shipments each; here one write for the batch's new parcels).
      std::vector<json> creates;
      for (const auto& e : events) {
        if (!e.first || e.customer < 0) continue;
        json body = {
            {"carrier", kCarriers[e.carrier].code},
            {"tracking_number", e.number},
            {"contact",
             {{"email", "grahak-" + std::to_string(e.customer) + "@example.in"},
              {"name", kNames[e.customer % kNameCount]}}},
            {"origin", {{"city", kHubs[e.from].city}, {"pin", kPins[e.from]}, {"country", "IN"}}},
            {"destination", {{"city", kHubs[e.to].city}, {"pin", kPins[e.to]}, {"country", "IN"}}},
            {"promised_date", sahayak::DateAt(e.booked_at + 3 * 24 * 3600 * 1000LL, 330)},
            {"weight_grams", 250 + (e.parcel % 12) * 250},
            {"order_ref", "ORD-" + std::to_string(100000 + e.parcel)}};
        if (e.parcel % 5 == 2) body["cod"] = {{"amount", "499.00"}, {"currency", "INR"}};
        creates.push_back(std::move(body));
      }
      if (!creates.empty()) {
        const double r0 = ThreadCpuSeconds();
        double exec_s = 0;
        Status st = app.store().Write([&](sahayak::services::WriteTx& tx) -> Status {
          auto x = Clock::now();
          Status in = Status::Ok();
          for (const json& body : creates) {
            in = svc.Create(tx, who, body).status();
            if (!in.ok()) break;
          }
          exec_s = Seconds(x, Clock::now());
          return in;
        });
        // The writer thread's time in the Create calls (not the wait for the writer).
        register_s = register_s.load() + exec_s;
        c_reg += ThreadCpuSeconds() - r0;
        if (st.ok()) {
          registered += static_cast<int64_t>(creates.size());
        } else {
          register_failed += static_cast<int64_t>(creates.size());
          std::lock_guard lock(lat_mu);
          if (first_error.empty()) first_error = "registering: " + st.ToString();
        }
      }
      Batch b;
      RenderBatch(events, &b.body);
      b.events = static_cast<int64_t>(events.size());
      made += b.events;
      std::unique_lock lock(qmu);
      qcv.wait(lock, [&] { return queue.size() < max_queue || stop.load(); });
      queue.push_back(std::move(b));
      qcv.notify_all();
    }
    gen_cpu = ThreadCpuSeconds() - c0 - c_reg;
    std::lock_guard lock(qmu);
    produced_all = true;
    qcv.notify_all();
  });

  std::vector<std::thread> feeders;
  for (int f = 0; f < args.feeders; ++f) {
    feeders.emplace_back([&] {
      while (true) {
        Batch b;
        {
          std::unique_lock lock(qmu);
          qcv.wait(lock, [&] { return !queue.empty() || produced_all; });
          if (queue.empty()) return;
          b = std::move(queue.front());
          queue.pop_front();
          qcv.notify_all();
        }
        auto a = Clock::now();
        auto parsed = sahayak::api::ParseJsonBody(b.body);
        auto p = Clock::now();
        Status st = parsed.status();
        sahayak::services::TrackingIngestResult result;
        if (st.ok()) {
          st = app.store().Write([&](sahayak::services::WriteTx& tx) -> Status {
            auto x = Clock::now();
            auto r = svc.Ingest(tx, ws, who.actor(), *parsed);
            const double exec_s = Seconds(x, Clock::now());
            ingest_exec_s = ingest_exec_s.load() + exec_s;  // one writer thread: no race
            if (!r.ok()) return r.status();
            result = std::move(r).value();
            // The handler's response body (IngestJson).
            json results = json::array();
            for (const auto& i : result.items) {
              results.push_back({{"shipment_id", i.shipment_id},
                                 {"event_id", i.event_id},
                                 {"outcome", i.recorded ? "recorded" : "duplicate"}});
            }
            std::string out = json{{"accepted", result.accepted},
                                   {"duplicates", result.duplicates},
                                   {"results", std::move(results)}}
                                  .dump();
            (void)out;
            return Status::Ok();
          });
        }
        auto z = Clock::now();
        sent += b.events;
        {
          std::lock_guard lock(lat_mu);
          batch_ms.push_back(Seconds(a, z) * 1000);
          parse_ms.push_back(Seconds(a, p) * 1000);
          if (!st.ok() && first_error.empty()) first_error = st.ToString();
        }
        if (!st.ok()) {
          ++failed_batches;
          continue;
        }
        accepted += result.accepted;
        duplicates += result.duplicates;
      }
    });
  }

  // Progress, and the time limit.
  {
    auto last = t0;
    int64_t last_sent = 0;
    while (true) {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
      bool done;
      {
        std::lock_guard lock(qmu);
        done = produced_all && queue.empty();
      }
      const auto t = Clock::now();
      if (!stop.load() && args.ingest_seconds > 0 && Seconds(t0, t) >= args.ingest_seconds) {
        stop = true;
        qcv.notify_all();
        std::printf("PROGRESS time limit of %.0f s reached: no more batches are generated\n",
                    args.ingest_seconds);
      }
      if (Seconds(last, t) >= args.progress || done) {
        const int64_t s = sent.load();
        std::printf("PROGRESS t=%.0fs events=%lld rate_recent=%.0f/s rate_all=%.0f/s "
                    "db_mib=%.0f rss_mib=%.0f load=%s\n",
                    Seconds(t0, t), static_cast<long long>(s),
                    static_cast<double>(s - last_sent) / Seconds(last, t),
                    static_cast<double>(s) / Seconds(t0, t), DatabaseMiB(db_path),
                    ProcStatusMiB("VmRSS"), LoadAverage().c_str());
        std::fflush(stdout);
        last = t;
        last_sent = s;
      }
      if (done) break;
    }
  }
  producer.join();
  for (auto& t : feeders) t.join();
  const double ingest_s = Seconds(t0, Clock::now());
  maintenance.reset();
  const double ingest_cpu = ProcessCpuSeconds() - cpu0;
  const auto stats1 = app.store().Stats();
  const std::string load1 = LoadAverage();
  const int64_t events_sent = sent.load();
  const int64_t parcels = feed.parcels();

  sqlite3* ro = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &ro, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    Die("opening " + db_path + " read-only");
  }
  Exec(ro, "PRAGMA cache_size=-1024");  // a pooled reader's cache (SqliteStoreOptions)
  auto max_id = [&](const char* table) {
    Stmt s(ro, std::string("SELECT coalesce(max(id), 0) FROM ") + table);
    s.Step();
    return s.Col(0);
  };
  const int64_t shipments_rows = max_id("shipments");
  const int64_t event_rows = max_id("tracking_events");
  const int64_t audit_rows = max_id("audit_events");
  const int64_t outbox_rows = max_id("outbox");
  std::printf(
      "RESULT phase=ingest feeders=%d batch=%d sync=%s events=%lld accepted=%lld "
      "duplicates=%lld replays_sent=%lld late_scans=%lld failed_batches=%lld seconds=%.2f "
      "events_per_s=%.0f batch_p50_ms=%.2f batch_p99_ms=%.2f parse_ms_mean=%.3f "
      "transactions=%lld parcels=%lld shipments=%lld event_rows=%lld audit_rows=%lld "
      "outbox_rows=%lld registered=%lld register_failed=%lld register_s=%.1f ingest_exec_s=%.1f "
      "events_per_s_excl_register=%.0f cpu_s=%.1f generator_cpu_s=%.1f db_mib=%.1f "
      "rss_mib=%.1f hwm_mib=%.1f load_before=%s load_after=%s\n",
      args.feeders, args.batch, args.sync.c_str(), static_cast<long long>(events_sent),
      static_cast<long long>(accepted.load()), static_cast<long long>(duplicates.load()),
      static_cast<long long>(feed.replays()), static_cast<long long>(feed.late()),
      static_cast<long long>(failed_batches.load()), ingest_s,
      static_cast<double>(events_sent) / ingest_s, Percentile(batch_ms, 0.5),
      Percentile(batch_ms, 0.99), Mean(parse_ms),
      static_cast<long long>(stats1.batches_committed - stats0.batches_committed),
      static_cast<long long>(parcels), static_cast<long long>(shipments_rows),
      static_cast<long long>(event_rows), static_cast<long long>(audit_rows),
      static_cast<long long>(outbox_rows), static_cast<long long>(registered.load()),
      static_cast<long long>(register_failed.load()), register_s.load(), ingest_exec_s.load(),
      static_cast<double>(events_sent) / std::max(0.001, ingest_s - register_s.load()),
      ingest_cpu, gen_cpu, DatabaseMiB(db_path),
      ProcStatusMiB("VmRSS"), ProcStatusMiB("VmHWM"), load0.c_str(), load1.c_str());
  if (!first_error.empty()) std::printf("  first error: %s\n", first_error.c_str());
  {
    // What the notifier decided (the rules of docs/shipments.md "Telling customers first").
    std::string outcomes;
    Stmt n(ro, "SELECT notice || ':' || outcome, count(*) FROM shipment_notices GROUP BY 1 "
               "ORDER BY 1");
    while (n.Step()) {
      outcomes += (outcomes.empty() ? "" : ",") + n.ColText(0) + "=" + std::to_string(n.Col(1));
    }
    std::printf("NOTICES decided=%s tickets=%lld mail_outbox=%lld contacts=%lld\n",
                outcomes.empty() ? "none" : outcomes.c_str(),
                static_cast<long long>(max_id("tickets")),
                static_cast<long long>(max_id("mail_outbox")),
                static_cast<long long>(max_id("contacts")));
  }
  std::fflush(stdout);
  if (parcels == 0) return 1;

  // --- 3. ANALYZE, as the server's maintenance does ---------------------------------------
  {
    auto a = Clock::now();
    Status st = app.store().Optimize();
    std::printf("optimize (ANALYZE): %.2f s%s\n", Seconds(a, Clock::now()),
                st.ok() ? "" : (" failed: " + st.message()).c_str());
    std::fflush(stdout);
  }

  // --- 4. lookups ---------------------------------------------------------------------------
  ParcelIndex index;
  {
    // The booking order's carriers and sequence numbers, from the same generator.
    Feed again(args.seed, args.events, args.active, now, args.span_hours, args.contact_share);
    index.carrier.reserve(static_cast<size_t>(parcels));
    index.seq.reserve(static_cast<size_t>(parcels));
    std::array<int32_t, kCarrierCount> seq{};
    GenEvent e;
    while (again.parcels() < parcels && again.emitted() < events_sent) {
      const int64_t before = again.parcels();
      again.Next(&e);
      if (again.parcels() > before) {
        index.carrier.push_back(static_cast<uint8_t>(e.carrier));
        index.seq.push_back(seq[static_cast<size_t>(e.carrier)]++);
      }
    }
  }
  const int64_t lookup_parcels = static_cast<int64_t>(index.carrier.size());

  Stmt by_pk(ro, std::string("SELECT ") + kShipmentColumns +
                     " FROM shipments s JOIN carriers c ON c.id = s.carrier_id WHERE "
                     "s.workspace_id = ? AND s.id = ?");
  Stmt by_number(ro, std::string("SELECT ") + kShipmentColumns +
                         " FROM shipments s JOIN carriers c ON c.id = s.carrier_id WHERE "
                         "s.workspace_id = ? AND s.tracking_number = ? ORDER BY s.id");
  Stmt events_of(ro,
                 "SELECT id, workspace_id, shipment_id, event_id, status, reason, occurred_at, "
                 "utc_offset_minutes, place, description, received_at FROM tracking_events "
                 "WHERE shipment_id = ? AND workspace_id = ? ORDER BY occurred_at DESC, id DESC "
                 "LIMIT ?");
  auto read_all = [](Stmt& s, int64_t* bytes) {
    int64_t rows = 0;
    while (s.Step()) {
      ++rows;
      for (int c = 0; c < s.Columns(); ++c) *bytes += static_cast<int64_t>(s.ColText(c).size());
    }
    s.Reset();
    return rows;
  };
  // Warm the upper index levels for every mode alike (unmeasured).
  {
    int64_t bytes = 0;
    std::mt19937_64 rng(args.seed + 7);
    for (int i = 0; i < 200; ++i) {
      by_number.Int(1, ws).Text(2, index.NumberOf(static_cast<int64_t>(
                                        rng() % static_cast<uint64_t>(lookup_parcels))));
      read_all(by_number, &bytes);
    }
  }

  std::vector<LookupResult> results;
  // raw_pk: the shipment row by primary key (ids are 1..shipments_rows).
  {
    int64_t bytes = 0;
    LookupResult r = RunLookups("raw_pk", args, 1, shipments_rows, [&](int64_t p) -> int64_t {
      by_pk.Int(1, ws).Int(2, p + 1);
      return read_all(by_pk, &bytes) == 1 ? 0 : -1;
    });
    r.bytes = bytes;
    results.push_back(std::move(r));
  }
  // raw_number: what the by-number path runs, in SQL alone.
  {
    int64_t bytes = 0;
    LookupResult r =
        RunLookups("raw_number", args, 2, lookup_parcels, [&](int64_t p) -> int64_t {
          by_number.Int(1, ws).Text(2, index.NumberOf(p));
          int64_t id = -1;
          while (by_number.Step()) {
            id = by_number.Col(0);
            for (int c = 0; c < by_number.Columns(); ++c) {
              bytes += static_cast<int64_t>(by_number.ColText(c).size());
            }
          }
          by_number.Reset();
          if (id < 0) return -1;
          events_of.Int(1, id).Int(2, ws).Int(3, sahayak::services::kMaxEventsShown);
          return read_all(events_of, &bytes);
        });
    r.bytes = bytes;
    results.push_back(std::move(r));
  }
  // by_number and api: through the store's read transaction and the service, to the JSON.
  auto service_lookup = [&](bool api, int64_t p, int64_t* bytes) -> int64_t {
    auto number = sahayak::domain::NormaliseTrackingNumber(index.NumberOf(p));
    if (!number.ok()) return -1;
    int64_t events = -1;
    Status st = app.store().Read([&](sahayak::services::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(std::string today, svc.Today(tx, ws));
      std::vector<sahayak::domain::Shipment> items;
      std::optional<int64_t> next;
      if (api) {
        sahayak::services::ShipmentFilter f;
        f.tracking_number = *number;
        sahayak::services::PageRequest page;  // limit 25, as the API's default
        ASSIGN_OR_RETURN(auto result, svc.List(tx, who, f, page));
        items = std::move(result.items);
        next = result.next;
      } else {
        ASSIGN_OR_RETURN(items, tx.shipments().FindShipmentsByNumbers(ws, {*number}));
      }
      json data = json::array();
      for (const auto& s : items) {
        ASSIGN_OR_RETURN(auto ev, svc.Events(tx, s));
        events = std::max<int64_t>(events, 0) + static_cast<int64_t>(ev.size());
        data.push_back(ShipmentJson(s, ev, today));
      }
      *bytes += static_cast<int64_t>(sahayak::api::ListBody(std::move(data), next).dump().size());
      return Status::Ok();
    });
    return st.ok() ? events : -1;
  };
  {
    int64_t bytes = 0;
    LookupResult r = RunLookups("by_number", args, 3, lookup_parcels,
                                [&](int64_t p) { return service_lookup(false, p, &bytes); });
    r.bytes = bytes;
    results.push_back(std::move(r));
  }
  {
    int64_t bytes = 0;
    LookupResult r = RunLookups("api", args, 4, lookup_parcels,
                                [&](int64_t p) { return service_lookup(true, p, &bytes); });
    r.bytes = bytes;
    results.push_back(std::move(r));
  }
  for (const auto& r : results) PrintLookup(r, lookup_parcels, event_rows);

  {
    // The plan of the API's list statement with a tracking number: a copy of the statement
    // SqliteShipmentTx::ListShipments (store/sqlite/tx_shipments.cc) prepares for that filter.
    Stmt plan(ro, std::string("EXPLAIN QUERY PLAN SELECT ") + kShipmentColumns +
                      " FROM shipments s JOIN carriers c ON c.id = s.carrier_id "
                      "WHERE s.workspace_id = ?1 AND s.tracking_number = ?4 "
                      "AND (?6 IS NULL OR s.id < ?6) ORDER BY s.id DESC LIMIT ?7");
    std::string p;
    while (plan.Step()) p += (p.empty() ? "" : "; ") + plan.ColText(3);
    std::printf("PLAN api list by tracking_number: %s\n", p.c_str());
  }
  sqlite3_close_v2(ro);
  app_or->reset();

  std::printf("RESULT phase=summary events=%lld parcels=%lld db_mib=%.1f hwm_mib=%.1f "
              "start_load=%s end_load=%s\n",
              static_cast<long long>(events_sent), static_cast<long long>(parcels),
              DatabaseMiB(db_path), ProcStatusMiB("VmHWM"), start_load.c_str(),
              LoadAverage().c_str());
  if (!args.keep) fs::remove_all(config.data_dir, ec);
  return 0;
}
