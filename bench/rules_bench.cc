// rules_bench: the rules engine (issue 9), each figure beside a ceiling measured in the same run.
//
//   rules_bench --work DIR [--seed 42] [--triggers 500] [--events 20000] [--eval-seconds 2]
//               [--eval-rounds 3] [--e2e-tickets 10000] [--e2e-updates 10000]
//               [--sweep-tickets 1000000] [--sync full|normal] [--parts eval,e2e,sweep]
//               [--keep]
//
// One workspace set up as a busy Indian shop would have it: 20 agents in 6 groups, 200
// organisations (basic … enterprise), 5 custom fields (order id, refund amount, city, COD,
// delivery date), business hours, and `--triggers` triggers generated from a seed: conditions
// on status, priority, type, channel, language, tags, tier, organisation, requester e-mail,
// group, assignee, SLA, business hours, subject and message text (English, Hindi, Kannada),
// custom fields, and on ticket.updated the "changed" operators. Each trigger has two selective
// parts, what it is about (a phrase, a rare tag, a change, an order kind) and whom it is for (an
// organisation, a city through a channel, key accounts in a language, a group's urgent work),
// and up to two broad conditions, so most triggers do not match a given event and a few do. Every
// trigger adds its own tag; a few also add an internal note or notify a group. Tickets and events
// come from the same generator (subjects and messages in English, Hindi, Hinglish and Kannada).
//
// Measured, in this order:
//   eval  pure evaluation on one thread, no I/O: a stream of `--events` pre-generated events
//         (ticket.created, ticket.updated with its changes, message.received) over as many
//         tickets; one event = RuleEngine::FactsOf (the subject's and e-mail's FoldCase),
//         FoldCase of the message, then the triggers' conditions, compiled by
//         domain::ParseRuleConditions. Modes, interleaved in `--eval-rounds` rounds of
//         `--eval-seconds` each (the median round is reported):
//           all:    domain::Matches for all 500 triggers (the issue's figure);
//           fired:  as RuleEngine::FireTriggers: FiresOn for the event first, Matches then;
//           facts:  ceiling: the facts alone, no trigger;
//           cheap:  ceiling: 500 copies of the cheapest trigger (status is closed: one integer
//                   compare), i.e. a tight loop over the same facts.
//   e2e   RuleEngine::RunTriggers on a real SQLite file (WORK/e2e/data, opened with app::App
//         as `sahayak serve` opens it, synchronous as --sync): the triggers created through
//         RuleService, then `--e2e-tickets` tickets created and `--e2e-updates` updates made
//         through TicketService (an agent; outside the timed window), then the runner drains
//         the outbox (rounds of 200, one thread) while timed. The acting (trigger, event) pairs
//         are predicted beforehand by evaluating the outbox rows the way HandleOutboxRow does,
//         and compared with the runs recorded (check=ok). Ceiling: the same tickets read by id
//         with tx.rules().GetRuleTicket, one per event, in read transactions of 200. Also
//         LoadRules timed alone (the runner calls it for every outbox row).
//   sweep a database of `--sweep-tickets` open tickets (not closed: new, open, pending,
//         on_hold, solved) written with plain SQL into WORK/sweep/data (by a child process)
//         after the workspace and 10 automations were set up through the services; then
//         Store::Optimize as `serve` runs it (ANALYZE with analysis_limit=2000) and every
//         connection reopened; then
//           scan:     ceiling: tx.rules().ScanRuleTickets over all of them, pages of 1,000;
//           evaluate: the same plus FactsOf and Matches of the 10 automations (no writes): what
//                     a sweep costs when nothing is due; counts what is due per automation;
//           sweep1:   RuleEngine::SweepAutomations (wall, tickets/s, CPU, peak RSS);
//           sweep2:   again right after: everything due has acted once, so it must act 0 times
//                     (the fixture keeps every ticket's times at least 30 minutes from the
//                     automations' thresholds, so nothing comes due between the sweeps).
// Prints RESULT lines for bench/rules.sh. Figures, not tests: nothing fails on a slow result;
// the checks of the results are printed (check=ok / check=FAILED) and make the exit status 3.
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/config.h"
#include "base/clock.h"
#include "base/text.h"
#include "domain/rule.h"
#include "services/audit.h"
#include "services/hours/hours_service.h"
#include "services/rules/rule_engine.h"
#include "services/rules/rule_service.h"
#include "services/tickets/ticket_service.h"

#include "bench_util.h"

namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;
using nlohmann::json;
using sahayak::Millis;
using sahayak::Result;
using sahayak::Status;
using sahayak::domain::Channel;
using sahayak::domain::Id;
using sahayak::domain::Priority;
using sahayak::domain::Rule;
using sahayak::domain::RuleEvent;
using sahayak::domain::TicketStatus;
using sahayak::domain::TicketType;
using sahayak::domain::Tier;
using sahayak::services::ReadTx;
using sahayak::services::RuleTicket;
using sahayak::services::WriteTx;

namespace {

using sahayak::bench::LoadAverage;
using sahayak::bench::Mean;
using sahayak::bench::NumberArg;
using sahayak::bench::Percentile;
using sahayak::bench::DatabaseMiB;
using sahayak::bench::ProcessCpuSeconds;
using sahayak::bench::ProcStatusMiB;
using sahayak::bench::ThreadCpuSeconds;

constexpr Millis kHour = 3'600'000;
bool g_failed = false;

// ---- options ---------------------------------------------------------------------------

struct Args {
  std::string work;
  uint64_t seed = 42;
  int triggers = 500;
  int events = 20000;
  double eval_seconds = 2;
  int eval_rounds = 3;
  int e2e_tickets = 10000;
  int e2e_updates = 10000;
  int64_t sweep_tickets = 1000000;
  std::string sync = "full";
  std::set<std::string> parts{"eval", "e2e", "sweep"};
  bool keep = false;
};

[[noreturn]] void Usage(const std::string& why) {
  std::fprintf(stderr,
               "rules_bench: %s\nusage: rules_bench --work DIR [--seed N] [--triggers N] "
               "[--events N] [--eval-seconds S] [--eval-rounds N] [--e2e-tickets N] "
               "[--e2e-updates N] [--sweep-tickets N] [--sync full|normal] "
               "[--parts eval,e2e,sweep] [--keep]\n",
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
    } else if (k == "--seed") {
      a.seed = static_cast<uint64_t>(num(0, 1e15));
    } else if (k == "--triggers") {
      a.triggers = static_cast<int>(num(1, 1000));  // domain::kMaxRulesPerKind
    } else if (k == "--events") {
      a.events = static_cast<int>(num(1, 1e7));
    } else if (k == "--eval-seconds") {
      a.eval_seconds = num(0.1, 1e4);
    } else if (k == "--eval-rounds") {
      a.eval_rounds = static_cast<int>(num(1, 100));
    } else if (k == "--e2e-tickets") {
      a.e2e_tickets = static_cast<int>(num(1, 1e7));
    } else if (k == "--e2e-updates") {
      a.e2e_updates = static_cast<int>(num(0, 1e7));
    } else if (k == "--sweep-tickets") {
      a.sweep_tickets = static_cast<int64_t>(num(1, 1e8));
    } else if (k == "--sync") {
      if (v != "full" && v != "normal") Usage("--sync is full or normal");
      a.sync = v;
    } else if (k == "--parts") {
      a.parts.clear();
      std::stringstream ss(v);
      std::string p;
      while (std::getline(ss, p, ',')) {
        if (p != "eval" && p != "e2e" && p != "sweep") Usage("--parts: eval, e2e, sweep");
        a.parts.insert(p);
      }
    } else {
      Usage("unknown option " + k);
    }
  }
  if (a.work.empty()) Usage("--work is required");
  return a;
}

// ---- measuring -------------------------------------------------------------------------

// Resets VmHWM to the current VmRSS (Linux: "5" > clear_refs), so a phase's peak is its own.
bool ResetPeakRss() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

double Since(SteadyClock::time_point t0) {
  return std::chrono::duration<double>(SteadyClock::now() - t0).count();
}

void Check(bool ok, const std::string& what) {
  std::printf("CHECK %s %s\n", ok ? "ok" : "FAILED", what.c_str());
  if (!ok) g_failed = true;
}

void Die(const std::string& what, const Status& st) {
  std::fprintf(stderr, "rules_bench: %s: %s", what.c_str(), st.message().c_str());
  for (const auto& f : st.fields())
    std::fprintf(stderr, " [%s: %s]", f.field.c_str(), f.message.c_str());
  std::fprintf(stderr, "\n");
  std::exit(1);
}

// ---- the workspace's vocabulary and the generator --------------------------------------

class Rng {
 public:
  explicit Rng(uint64_t seed) : g_(seed) {}
  double U() { return std::uniform_real_distribution<double>(0, 1)(g_); }
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(g_); }
  bool P(double p) { return U() < p; }
  double Exp(double mean) { return std::exponential_distribution<double>(1.0 / mean)(g_); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Int(0, static_cast<int>(v.size()) - 1))];
  }
  // An index by weight.
  size_t Weighted(const std::vector<double>& w) {
    double total = 0;
    for (double x : w) total += x;
    double r = U() * total;
    for (size_t i = 0; i < w.size(); ++i) {
      if (r < w[i]) return i;
      r -= w[i];
    }
    return w.size() - 1;
  }

 private:
  std::mt19937_64 g_;
};

struct Lang {
  std::string code;
  double share;
  std::vector<std::string> subjects;  // "{oid}" is replaced by an order id
  std::vector<std::string> sentences;
  std::vector<std::string> subject_words;  // what triggers look for in subjects
  std::vector<std::string> body_words;     // … and in messages
};

const std::vector<Lang>& Langs() {
  static const std::vector<Lang> kLangs = {
      {"en",
       0.5,
       {"Where is my parcel? Order {oid}", "Refund not received for order {oid}",
        "Item arrived damaged, need a replacement", "Wrong item delivered in my order",
        "Please cancel my order {oid}", "Delivery is late again, courier not responding",
        "Need to change the delivery address", "COD amount was collected twice",
        "OTP not received at the time of delivery", "Invoice copy needed for GST",
        "Parcel marked delivered but missing", "Exchange request: size too small",
        "URGENT: Refund pending for 10 days", "Parcel abhi tak nahi aaya, order {oid}"},
       {"I placed the order last week and the tracking page has not moved since Tuesday.",
        "The courier says the address is incomplete but it is the same address as always.",
        "Please return my money to the original payment method.",
        "The box was broken and the bottle inside had leaked over everything.",
        "I paid cash on delivery and still got an SMS asking for payment.",
        "Can you please check with the courier and call me back?",
        "This is the third time I am writing about the same order.",
        "I want to return the item and get an exchange for a bigger size."},
       {"parcel", "refund", "damaged", "wrong item", "cancel", "late", "address", "cod", "otp",
        "invoice", "missing", "exchange", "urgent"},
       {"tracking", "courier", "money", "broken", "return", "cash on delivery", "call me"}},
      {"hi",
       0.3,
       {"मेरा पार्सल कहाँ है? ऑर्डर {oid}", "रिफंड अभी तक नहीं मिला", "सामान टूटा हुआ आया है",
        "गलत सामान भेजा गया", "कृपया मेरा ऑर्डर रद्द करें", "डिलीवरी में बहुत देरी हो रही है",
        "डिलीवरी का पता बदलना है", "ओटीपी नहीं आया, ऑर्डर {oid}", "COD का पैसा दो बार लिया गया"},
       {"मैंने पिछले हफ्ते ऑर्डर किया था और ट्रैकिंग मंगलवार से नहीं बदली।", "कूरियर वाला कहता है कि पता अधूरा है।",
        "कृपया मेरे पैसे वापस कर दीजिए।", "डिब्बा टूटा हुआ था और अंदर की बोतल लीक हो गई थी।",
        "मैंने कैश ऑन डिलीवरी पर पैसे दिए फिर भी SMS आ रहा है।", "कृपया कूरियर से बात करके मुझे फ़ोन कीजिए।"},
       {"पार्सल", "रिफंड", "टूटा", "गलत सामान", "रद्द", "देरी", "पता", "ओटीपी"},
       {"पैसे", "कूरियर", "वापस", "टूटा", "ट्रैकिंग"}},
      {"kn",
       0.2,
       {"ನನ್ನ ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ? ಆರ್ಡರ್ {oid}", "ಹಣ ವಾಪಸ್ ಇನ್ನೂ ಬಂದಿಲ್ಲ", "ವಸ್ತು ಹಾನಿಯಾಗಿ ಬಂದಿದೆ",
        "ತಪ್ಪು ವಸ್ತು ಕಳುಹಿಸಲಾಗಿದೆ", "ದಯವಿಟ್ಟು ಆರ್ಡರ್ ರದ್ದು ಮಾಡಿ", "ವಿತರಣೆ ತುಂಬಾ ತಡವಾಗಿದೆ",
        "ವಿಳಾಸ ಬದಲಾಯಿಸಬೇಕು, ಆರ್ಡರ್ {oid}", "OTP ಬಂದಿಲ್ಲ"},
       {"ನಾನು ಕಳೆದ ವಾರ ಆರ್ಡರ್ ಮಾಡಿದ್ದೆ, ಟ್ರ್ಯಾಕಿಂಗ್ ಮಂಗಳವಾರದಿಂದ ಬದಲಾಗಿಲ್ಲ.", "ಕೊರಿಯರ್ ಅವರು ವಿಳಾಸ ಅಪೂರ್ಣ ಎನ್ನುತ್ತಾರೆ.",
        "ದಯವಿಟ್ಟು ನನ್ನ ಹಣ ಹಿಂತಿರುಗಿಸಿ.", "ಪೆಟ್ಟಿಗೆ ಒಡೆದಿತ್ತು, ಒಳಗಿನ ಬಾಟಲಿ ಸೋರಿಕೆಯಾಗಿತ್ತು.", "ದಯವಿಟ್ಟು ನನಗೆ ಕರೆ ಮಾಡಿ."},
       {"ಪಾರ್ಸೆಲ್", "ಹಣ ವಾಪಸ್", "ಹಾನಿ", "ತಪ್ಪು ವಸ್ತು", "ರದ್ದು", "ತಡ", "ವಿಳಾಸ"},
       {"ಹಣ", "ಕೊರಿಯರ್", "ಹಿಂತಿರುಗಿಸಿ", "ಟ್ರ್ಯಾಕಿಂಗ್"}},
  };
  return kLangs;
}

const std::vector<std::string> kTags = {
    "delayed",  "cod",         "prepaid",         "refund", "damaged",      "lost", "wrong-item",
    "exchange", "first-order", "repeat-customer", "b2b",    "festive-sale", "देरी",  "ವಿಳಂಬ"};
const std::vector<double> kTagShare = {0.12, 0.25, 0.2, 0.08, 0.05, 0.02, 0.03,
                                       0.04, 0.06, 0.1, 0.03, 0.05, 0.02, 0.01};
const std::vector<std::string> kCities = {"Bengaluru", "Mysuru", "Hubballi", "Mangaluru",
                                          "Delhi",     "Mumbai", "Lucknow",  "Chennai",
                                          "Pune",      "Kolkata"};
const std::vector<std::string> kFirstNames = {
    "Meera", "Ravi",  "Sita",   "Priya",   "Anil",   "Kavya",  "Arjun",    "Lakshmi",
    "Imran", "Deepa", "Suresh", "Nandini", "Vikram", "Ayesha", "Manjunath"};
const std::vector<std::string> kLastNames = {"Rao",   "Kumar", "Sharma", "Gowda",  "Iyer", "Khan",
                                             "Patil", "Reddy", "Verma",  "Shetty", "Nair"};
const std::vector<std::string> kOrgWords = {"kirana", "textiles", "electronics", "pharma",
                                            "mart",   "foods",    "traders",     "exports"};
// Channel, priority and status shares of new tickets.
const std::vector<Channel> kChannels = {Channel::kEmail,  Channel::kChat,  Channel::kWeb,
                                        Channel::kPortal, Channel::kPhone, Channel::kSocial,
                                        Channel::kApi};
const std::vector<double> kChannelShare = {0.4, 0.2, 0.15, 0.1, 0.05, 0.05, 0.05};
const std::vector<Priority> kPriorities = {Priority::kLow, Priority::kNormal, Priority::kHigh,
                                           Priority::kUrgent};
const std::vector<double> kPriorityShare = {0.15, 0.6, 0.2, 0.05};
const std::vector<TicketType> kTypes = {TicketType::kQuestion, TicketType::kIncident,
                                        TicketType::kComplaint, TicketType::kProblem,
                                        TicketType::kTask};
const std::vector<double> kTypeShare = {0.5, 0.2, 0.2, 0.05, 0.05};

struct Org {
  Id id = 0;
  std::string domain;
  Tier tier = Tier::kStandard;
};

struct Contact {
  std::string name;
  std::string email;
  std::string language;
  int org = -1;  // index into Vocab::orgs
};

struct Vocab {
  Id ws = 0;
  std::vector<Id> agents;
  std::vector<Id> groups;  // groups[0] is Shipping
  std::vector<Org> orgs;
  std::vector<sahayak::domain::CustomFieldDef> fields;
  std::vector<Contact> contacts;
};

std::string OrderId(Rng& rng) {
  char buf[16];
  // 1 % of orders come from the marketplace ("OD99…"), which some triggers look for.
  std::snprintf(buf, sizeof buf, "OD%02d%06d", rng.P(0.01) ? 99 : rng.Int(10, 98),
                rng.Int(0, 999999));
  return buf;
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

// What the generator makes of one new ticket, before a store or a service sees it.
struct Draft {
  std::string subject;
  std::string body;
  std::string language;
  Channel channel = Channel::kEmail;
  Priority priority = Priority::kNormal;
  TicketType type = TicketType::kQuestion;
  TicketStatus status = TicketStatus::kNew;
  std::vector<std::string> tags;
  std::optional<Id> group;
  std::optional<Id> assignee;
  json custom = json::object();
  int contact = 0;
};

Draft GenDraft(Rng& rng, const Vocab& v) {
  Draft d;
  d.contact = rng.Int(0, static_cast<int>(v.contacts.size()) - 1);
  const Contact& c = v.contacts[static_cast<size_t>(d.contact)];
  const Lang* lang = &Langs()[0];
  for (const auto& l : Langs()) {
    if (l.code == c.language) lang = &l;
  }
  d.language = lang->code;
  const std::string oid = OrderId(rng);
  d.subject = Replace(rng.Pick(lang->subjects), "{oid}", oid);
  const int n = rng.Int(1, 3);
  for (int i = 0; i < n; ++i) d.body += (i ? " " : "") + rng.Pick(lang->sentences);
  d.body += " " + oid;
  d.channel = kChannels[rng.Weighted(kChannelShare)];
  d.priority = kPriorities[rng.Weighted(kPriorityShare)];
  d.type = kTypes[rng.Weighted(kTypeShare)];
  for (size_t i = 0; i < kTags.size(); ++i) {
    if (rng.P(kTagShare[i])) d.tags.push_back(kTags[i]);
  }
  if (rng.P(0.5)) d.group = rng.Pick(v.groups);
  if (rng.P(0.3)) d.assignee = rng.Pick(v.agents);
  // New tickets: mostly new; some opened by an agent as open or pending (phone, chat).
  const double s = rng.U();
  d.status = s < 0.8 ? TicketStatus::kNew : s < 0.95 ? TicketStatus::kOpen : TicketStatus::kPending;
  if (rng.P(0.7)) d.custom["order_id"] = oid;
  if (rng.P(0.6)) d.custom["city"] = rng.Pick(kCities);
  if (rng.P(0.2)) d.custom["refund_amount"] = rng.Int(1, 400) * 50;
  if (rng.P(0.3)) d.custom["cod"] = rng.P(0.5);
  if (rng.P(0.3)) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "2026-12-%02d", rng.Int(1, 28));
    d.custom["delivery_date"] = buf;
  }
  return d;
}

// One update an agent makes to `t` (always a valid one).
sahayak::services::TicketPatch GenPatch(Rng& rng, const Vocab& v,
                                        const sahayak::domain::Ticket& t) {
  sahayak::services::TicketPatch p;
  const double r = rng.U();
  if (r < 0.35) {
    std::vector<TicketStatus> to;
    switch (t.status) {
      case TicketStatus::kNew:
        to = {TicketStatus::kOpen, TicketStatus::kPending, TicketStatus::kPending,
              TicketStatus::kSolved, TicketStatus::kOnHold};
        break;
      case TicketStatus::kOpen:
        to = {TicketStatus::kPending, TicketStatus::kPending, TicketStatus::kSolved,
              TicketStatus::kOnHold};
        break;
      case TicketStatus::kPending:
      case TicketStatus::kOnHold:
        to = {TicketStatus::kOpen, TicketStatus::kSolved};
        break;
      case TicketStatus::kSolved:
        to = {TicketStatus::kOpen};
        break;
      case TicketStatus::kClosed:
        break;
    }
    if (!to.empty()) {
      p.status = rng.Pick(to);
      return p;
    }
  }
  if (r < 0.5) {
    Priority q = kPriorities[rng.Weighted({0.1, 0.2, 0.4, 0.3})];
    if (q == t.priority) q = q == Priority::kUrgent ? Priority::kHigh : Priority::kUrgent;
    p.priority = q;
  } else if (r < 0.7) {
    p.group_id = std::optional<Id>(rng.Pick(v.groups));
    p.assignee_id = std::optional<Id>(rng.Pick(v.agents));
  } else if (r < 0.85) {
    p.add_tags = {kTags[rng.Weighted(kTagShare)]};
  } else if (r < 0.95) {
    json cf = json::object();
    if (rng.P(0.5)) {
      cf["city"] = rng.Pick(kCities);
    } else {
      cf["refund_amount"] = rng.Int(1, 400) * 50;
    }
    p.custom_fields = cf;
  } else {
    p.subject = t.subject + " (" + rng.Pick(Langs()[0].subject_words) + ")";
  }
  return p;
}

// The patch applied in memory, as TicketService::ApplyPatch would (the generator's patches only).
void ApplyLite(const sahayak::services::TicketPatch& p, sahayak::domain::Ticket* t, Millis now) {
  if (p.subject) t->subject = *p.subject;
  if (p.priority) t->priority = *p.priority;
  if (p.group_id) t->group_id = *p.group_id;
  if (p.assignee_id) t->assignee_id = *p.assignee_id;
  if (!p.add_tags.empty()) {
    std::vector<std::string> tags = t->tags;
    tags.insert(tags.end(), p.add_tags.begin(), p.add_tags.end());
    auto n = sahayak::domain::NormaliseTags(tags);
    if (n.ok()) t->tags = *n;
  }
  if (p.custom_fields) {
    for (auto it = p.custom_fields->begin(); it != p.custom_fields->end(); ++it) {
      t->custom_fields[it.key()] = it.value();
    }
  }
  if (p.status) {
    sahayak::domain::ApplyStatus(t, *p.status, now);
  } else if (t->status == TicketStatus::kNew && p.assignee_id && *p.assignee_id) {
    t->status = TicketStatus::kOpen;
  }
  t->updated_at = now;
}

// ---- triggers ---------------------------------------------------------------------------

json Cond(const std::string& field, const std::string& op, json value = json()) {
  json c = {{"field", field}, {"operator", op}};
  if (!value.is_null() || field == "group_id" || field == "assignee_id") c["value"] = value;
  if (op == "present" || op == "blank" || op == "changed" || op == "not_changed") c.erase("value");
  return c;
}

const char* StatusName(TicketStatus s) {
  return sahayak::domain::Name(s);
}

// What a trigger is about (selective): a phrase, a rare tag, a change, an order kind.
json TopicCondition(Rng& rng, const Vocab& v, const std::vector<std::string>& events) {
  const bool updated = events.size() == 1 && events[0] == "ticket.updated";
  const bool has_message = std::all_of(events.begin(), events.end(), [](const std::string& e) {
    return e == "ticket.created" || e == "message.received";
  });
  const Lang& lang = Langs()[rng.Weighted({0.5, 0.3, 0.2})];
  switch (rng.Weighted({3, 1, has_message ? 2.5 : 0.0, updated ? 6.0 : 0.0, 0.5, 0.5})) {
    case 0:
      return Cond("subject", "contains", rng.Pick(lang.subject_words));
    case 1:
      return Cond("tags", rng.P(0.7) ? "contains_any" : "contains_all",
                  json::array({kTags[static_cast<size_t>(rng.Int(5, 13))]}));
    case 2:
      return Cond("message.body", "contains", rng.Pick(lang.body_words));
    case 3:
      switch (rng.Int(0, 6)) {
        case 0:
          return Cond("status", "changed_to",
                      StatusName(rng.Pick(
                          std::vector<TicketStatus>{TicketStatus::kSolved, TicketStatus::kPending,
                                                    TicketStatus::kOnHold, TicketStatus::kOpen})));
        case 1:
          return Cond("priority", "changed_to", rng.P(0.6) ? "urgent" : "high");
        case 2:
          return Cond("assignee_id", "changed");
        case 3:
          return Cond("group_id", "changed_to", rng.Pick(v.groups));
        case 4:
          return Cond("tags", "changed");
        case 5:
          return Cond("custom_fields.city", "changed_to", rng.Pick(kCities));
        default:
          return Cond("status", "changed_from", rng.P(0.5) ? "solved" : "pending");
      }
    case 4:
      return Cond("custom_fields.order_id", "contains", "od99");
    default:
      return Cond("custom_fields.refund_amount", "greater_than", rng.Int(20, 38) * 500);
  }
}

// Whom a trigger is for (selective): one organisation, a city through a channel, the key
// accounts in a language, a group's urgent work.
std::vector<json> ScopeConditions(Rng& rng, const Vocab& v) {
  switch (rng.Weighted({3, 2, 2, 1.5, 1.5})) {
    case 0:
      return {Cond("organisation_id", "is", rng.Pick(v.orgs).id)};
    case 1:
      return {Cond("requester.email", "contains", "@" + rng.Pick(v.orgs).domain)};
    case 2:
      return {Cond("custom_fields.city", "is", rng.Pick(kCities)),
              Cond("channel", "is", sahayak::domain::Name(kChannels[rng.Weighted(kChannelShare)]))};
    case 3:
      return {Cond("tier", "is", rng.P(0.6) ? "enterprise" : "premium"), Cond("language", "is",
                                                                              rng.P(0.5)   ? "hi"
                                                                              : rng.P(0.5) ? "kn"
                                                                                           : "en")};
    default:
      return {Cond("group_id", "is", rng.Pick(v.groups)),
              Cond("priority", "greater_than", "normal")};
  }
}

// One broad condition.
json FilterCondition(Rng& rng, const Vocab& v, const std::vector<std::string>& events) {
  const bool message_facts = std::all_of(events.begin(), events.end(), [](const std::string& e) {
    return e == "ticket.created" || e == "message.received";
  });
  std::vector<double> w = {
      3, 2, 1, 2, 2, 2, 1.5, 1, 1, 0.6, 0.8, 0.6, 0.2, message_facts ? 1.0 : 0.0, 0.8};
  switch (rng.Weighted(w)) {
    case 0: {
      switch (rng.Int(0, 2)) {
        case 0:
          return Cond("status", "is", rng.P(0.5) ? "new" : "open");
        case 1:
          return Cond("status", "in", json::array({"new", "open"}));
        default:
          return Cond("status", "is_not", "solved");
      }
    }
    case 1:
      switch (rng.Int(0, 2)) {
        case 0:
          return Cond("priority", "is", rng.P(0.5) ? "high" : "urgent");
        case 1:
          return Cond("priority", "greater_than", "normal");
        default:
          return Cond("priority", "less_than", "high");
      }
    case 2:
      return Cond("type", "is", rng.P(0.5) ? "incident" : "complaint");
    case 3:
      if (rng.P(0.6))
        return Cond("channel", "is", sahayak::domain::Name(kChannels[rng.Weighted(kChannelShare)]));
      return Cond("channel", "in", json::array({"email", rng.P(0.5) ? "web" : "portal"}));
    case 4:
      switch (rng.Int(0, 2)) {
        case 0:
          return Cond("language", "is", rng.P(0.5) ? "hi" : "kn");
        case 1:
          return Cond("language", "in", json::array({"hi", "kn"}));
        default:
          return Cond("language", "is", "en");
      }
    case 5:
      switch (rng.Int(0, 3)) {
        case 0:
          return Cond("tier", "is", "enterprise");
        case 1:
          return Cond("tier", "in", json::array({"premium", "enterprise"}));
        case 2:
          return Cond("tier", "greater_than", "standard");
        default:
          return Cond("tier", "blank");
      }
    case 6: {
      const size_t i = rng.Weighted(kTagShare);
      switch (rng.Int(0, 2)) {
        case 0:
          return Cond("tags", "contains_any",
                      json::array({kTags[i], kTags[(i + 1) % kTags.size()]}));
        case 1:
          return Cond("tags", "contains_none", json::array({kTags[i]}));
        default:
          return Cond("tags", "contains_any", json::array({kTags[i]}));
      }
    }
    case 7:
      return rng.P(0.5) ? Cond("group_id", "is", rng.Pick(v.groups)) : Cond("group_id", "blank");
    case 8:
      return rng.P(0.6) ? Cond("assignee_id", "blank") : Cond("assignee_id", "present");
    case 9:
      return Cond("custom_fields.cod", "is", true);
    case 10:
      return rng.P(0.5) ? Cond("custom_fields.order_id", "present")
                        : Cond("custom_fields.delivery_date", "less_than", "2026-12-15");
    case 11:
      return Cond("sla_breached", "is", false);
    case 12:
      return Cond("within_business_hours", "is", rng.P(0.5));
    case 13:
      return Cond("message.channel", "in", json::array({"email", "web"}));
    default:
      return Cond("requester.email", "contains", rng.P(0.5) ? "gmail.com" : "yahoo.co.in");
  }
}

// The body of trigger `i` for RuleService::Create.
json GenTrigger(Rng& rng, const Vocab& v, int i) {
  static const std::vector<std::vector<std::string>> kEventSets = {
      {"ticket.created"},
      {"ticket.updated"},
      {"message.received"},
      {"ticket.created", "message.received"},
      {"ticket.created", "ticket.updated"}};
  const std::vector<std::string>& events = kEventSets[rng.Weighted({0.35, 0.35, 0.12, 0.1, 0.08})];
  json all = json::array();
  all.push_back(TopicCondition(rng, v, events));
  for (json& c : ScopeConditions(rng, v)) all.push_back(std::move(c));
  const int filters = static_cast<int>(rng.Weighted({0.3, 0.45, 0.25}));
  for (int k = 0; k < filters; ++k) all.push_back(FilterCondition(rng, v, events));
  // Admins write conditions in any order: the selective one is not always first.
  std::shuffle(all.begin(), all.end(), std::mt19937_64(static_cast<uint64_t>(i) * 7919u));
  json conditions = {{"all", all}};
  if (rng.P(0.15)) {
    // "any of these phrases"
    const Lang& lang = Langs()[rng.Weighted({0.5, 0.3, 0.2})];
    json any = json::array();
    for (int k = 0; k < 3; ++k)
      any.push_back(Cond("subject", "contains", rng.Pick(lang.subject_words)));
    conditions["any"] = any;
  }
  char tag[32];
  std::snprintf(tag, sizeof tag, "auto-%03d", i);
  json actions = json::array({{{"type", "add_tags"}, {"value", json::array({tag})}}});
  if (rng.P(0.05)) {
    actions.push_back(
        {{"type", "add_note"},
         {"value", "{{ticket.requester.first_name}}: checked by trigger " + std::to_string(i)}});
  }
  if (rng.P(0.03)) {
    actions.push_back({{"type", "notify"},
                       {"target", "group"},
                       {"id", v.groups[static_cast<size_t>(i) % v.groups.size()]},
                       {"subject",
                        {{"en", "Ticket {{ticket.number}} needs you"},
                         {"hi", "टिकट {{ticket.number}} पर ध्यान दें"},
                         {"kn", "ಟಿಕೆಟ್ {{ticket.number}} ಗಮನಿಸಿ"}}},
                       {"value", {{"en", "{{ticket.subject}}"}}}});
  }
  char name[48];
  std::snprintf(name, sizeof name, "Trigger %03d", i);
  return {{"name", name}, {"events", events}, {"conditions", conditions}, {"actions", actions}};
}

// ---- workspace set-up through the services ---------------------------------------------

sahayak::services::Principal AgentPrincipal(const Vocab& v) {
  sahayak::services::Principal p;
  p.workspace_id = v.ws;
  p.agent_id = v.agents.front();
  p.role = sahayak::domain::Role::kAgent;
  p.name = "Asha";
  p.via = sahayak::services::Principal::Via::kSession;
  return p;
}

// Agents, groups, organisations, custom fields, business hours; the contact pool (generated,
// not stored: contacts are created by the tickets that name them).
Vocab SetUpWorkspace(sahayak::app::App& app, Rng& rng) {
  Vocab v;
  const auto admin = app.SystemPrincipal();
  v.ws = admin.workspace_id;
  const Millis now = sahayak::SystemClock::Get().Now();
  Status st = app.store().Write([&](WriteTx& tx) -> Status {
    for (int i = 0; i < 20; ++i) {
      sahayak::domain::Agent a;
      a.workspace_id = v.ws;
      a.name = kFirstNames[static_cast<size_t>(i) % kFirstNames.size()] + " (agent " +
               std::to_string(i + 1) + ")";
      a.email = "agent" + std::to_string(i + 1) + "@shop.example.in";
      a.language = i % 3 == 0 ? "hi" : i % 3 == 1 ? "kn" : "en";
      a.created_at = a.updated_at = now;
      RETURN_IF_ERROR(tx.InsertAgent(&a));
      v.agents.push_back(a.id);
    }
    const std::vector<std::string> names = {"Shipping",     "Returns",    "Payments",
                                            "Kannada desk", "Hindi desk", "Key accounts"};
    for (size_t g = 0; g < names.size(); ++g) {
      sahayak::domain::Group grp;
      grp.workspace_id = v.ws;
      grp.name = names[g];
      for (size_t k = 0; k < 4; ++k)
        grp.agent_ids.push_back(v.agents[(g * 3 + k) % v.agents.size()]);
      grp.created_at = grp.updated_at = now;
      RETURN_IF_ERROR(tx.InsertGroup(&grp));
      v.groups.push_back(grp.id);
    }
    for (int i = 0; i < 200; ++i) {
      sahayak::domain::Organisation o;
      o.workspace_id = v.ws;
      const std::string word = kOrgWords[static_cast<size_t>(i) % kOrgWords.size()];
      o.name = word + " " + std::to_string(i + 1);
      Org org;
      org.domain = word + std::to_string(i + 1) + ".in";
      o.domains = {org.domain};
      const double t = rng.U();
      o.tier = t < 0.3   ? Tier::kBasic
               : t < 0.7 ? Tier::kStandard
               : t < 0.9 ? Tier::kPremium
                         : Tier::kEnterprise;
      o.created_at = o.updated_at = now;
      RETURN_IF_ERROR(tx.InsertOrganisation(&o));
      org.id = o.id;
      org.tier = o.tier;
      v.orgs.push_back(org);
    }
    auto field = [&](const std::string& key, const std::string& label,
                     sahayak::domain::FieldType type, std::vector<std::string> options) -> Status {
      sahayak::domain::CustomFieldDef d;
      d.workspace_id = v.ws;
      d.key = key;
      d.label = label;
      d.type = type;
      d.options = std::move(options);
      d.created_at = d.updated_at = now;
      RETURN_IF_ERROR(tx.InsertCustomField(&d));
      v.fields.push_back(d);
      return Status::Ok();
    };
    RETURN_IF_ERROR(field("order_id", "Order id", sahayak::domain::FieldType::kText, {}));
    RETURN_IF_ERROR(
        field("refund_amount", "Refund amount", sahayak::domain::FieldType::kNumber, {}));
    RETURN_IF_ERROR(field("city", "City", sahayak::domain::FieldType::kDropdown, kCities));
    RETURN_IF_ERROR(field("cod", "Cash on delivery", sahayak::domain::FieldType::kCheckbox, {}));
    RETURN_IF_ERROR(
        field("delivery_date", "Promised delivery", sahayak::domain::FieldType::kDate, {}));
    return app.hours()
        .Create(tx, admin,
                {{"name", "India office"},
                 {"time_zone", "Asia/Kolkata"},
                 {"is_default", true},
                 {"periods",
                  {{{"day", "mon"}, {"start", "09:00"}, {"end", "19:00"}},
                   {{"day", "tue"}, {"start", "09:00"}, {"end", "19:00"}},
                   {{"day", "wed"}, {"start", "09:00"}, {"end", "19:00"}},
                   {{"day", "thu"}, {"start", "09:00"}, {"end", "19:00"}},
                   {{"day", "fri"}, {"start", "09:00"}, {"end", "19:00"}},
                   {{"day", "sat"}, {"start", "10:00"}, {"end", "16:00"}}}}})
        .status();
  });
  if (!st.ok()) Die("workspace set-up", st);
  const std::vector<std::string> mail_hosts = {"gmail.com", "yahoo.co.in", "rediffmail.com",
                                               "outlook.com"};
  for (int i = 0; i < 3000; ++i) {
    Contact c;
    const std::string first = rng.Pick(kFirstNames), last = rng.Pick(kLastNames);
    c.name = first + " " + last;
    const double l = rng.U();
    c.language = l < 0.5 ? "en" : l < 0.8 ? "hi" : "kn";
    if (rng.P(0.3)) {
      c.org = rng.Int(0, static_cast<int>(v.orgs.size()) - 1);
      c.email = sahayak::AsciiLower(first) + "." + std::to_string(i) + "@" +
                v.orgs[static_cast<size_t>(c.org)].domain;
    } else {
      c.email = sahayak::AsciiLower(first) + "." + sahayak::AsciiLower(last) + std::to_string(i) +
                "@" + rng.Pick(mail_hosts);
    }
    v.contacts.push_back(c);
  }
  return v;
}

sahayak::domain::RuleVocabulary RuleVocab(const Vocab& v) {
  sahayak::domain::RuleVocabulary rv;
  rv.group_ids = v.groups;
  rv.agent_ids = v.agents;
  rv.custom_fields = v.fields;
  return rv;
}

// ---- part eval -------------------------------------------------------------------------

struct Event {
  RuleTicket rt;
  std::vector<RuleEvent> events;  // what a trigger may fire on (the first is the event)
  json changes;                   // ticket.updated
  std::string body;               // ticket.created, message.received
  std::optional<Channel> message_channel;
};

RuleTicket TicketOf(const Draft& d, const Vocab& v, Id id, Millis now, Rng& rng) {
  RuleTicket rt;
  sahayak::domain::Ticket& t = rt.ticket;
  const Contact& c = v.contacts[static_cast<size_t>(d.contact)];
  t.id = id;
  t.workspace_id = v.ws;
  t.number = id;
  t.subject = sahayak::ToNfc(d.subject);
  t.status = d.status;
  if (t.status == TicketStatus::kNew && d.assignee) t.status = TicketStatus::kOpen;
  t.priority = d.priority;
  t.type = d.type;
  t.channel = d.channel;
  t.requester_id = d.contact + 1;
  t.group_id = d.group;
  t.assignee_id = d.assignee;
  if (c.org >= 0) {
    t.organisation_id = v.orgs[static_cast<size_t>(c.org)].id;
    rt.tier = v.orgs[static_cast<size_t>(c.org)].tier;
  }
  auto tags = sahayak::domain::NormaliseTags(d.tags);
  if (tags.ok()) t.tags = *tags;
  t.custom_fields = d.custom;
  t.language = d.language;
  t.created_at = now - static_cast<Millis>(rng.Exp(24.0) * kHour);
  t.updated_at =
      t.created_at + static_cast<Millis>(rng.U() * static_cast<double>(now - t.created_at));
  if (rng.P(0.3)) {
    t.sla_due_at = now + static_cast<Millis>((rng.U() * 48 - 6) * kHour);
    t.sla_breached = *t.sla_due_at < now;
  }
  rt.status_changed_at = t.updated_at;
  rt.requester_email = c.email;
  return rt;
}

std::vector<Event> GenEvents(Rng& rng, const Vocab& v, int n, Millis now) {
  std::vector<Event> out;
  out.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    Event e;
    const Draft d = GenDraft(rng, v);
    e.rt = TicketOf(d, v, i + 1, now, rng);
    const size_t kind = rng.Weighted({0.45, 0.45, 0.10});
    if (kind == 0) {
      e.events = {RuleEvent::kTicketCreated};
      if (d.channel == Channel::kChat) e.events.push_back(RuleEvent::kChatStarted);
      e.body = sahayak::ToNfc(d.body);
      e.message_channel = d.channel;
    } else if (kind == 1) {
      e.events = {RuleEvent::kTicketUpdated};
      const sahayak::domain::Ticket before = e.rt.ticket;
      const auto patch = GenPatch(rng, v, before);
      ApplyLite(patch, &e.rt.ticket, now);
      if (patch.status) e.rt.status_changed_at = now;
      json changes = json::object();
      const json a = sahayak::services::TicketAuditView(before);
      const json b = sahayak::services::TicketAuditView(e.rt.ticket);
      for (auto it = b.begin(); it != b.end(); ++it) {
        sahayak::services::DiffField(&changes, it.key(), a[it.key()], it.value());
      }
      e.changes = changes;
    } else {
      e.events = {RuleEvent::kMessageReceived};
      const Lang* lang = &Langs()[0];
      for (const auto& l : Langs()) {
        if (l.code == d.language) lang = &l;
      }
      e.body = sahayak::ToNfc(rng.Pick(lang->sentences) + " " + rng.Pick(lang->sentences));
      e.message_channel = rng.P(0.7) ? d.channel : Channel::kEmail;
    }
    out.push_back(std::move(e));
  }
  return out;
}

// What FireTriggers gathers for one event, before its triggers.
sahayak::domain::RuleFacts FactsFor(const Event& e, Millis now) {
  sahayak::domain::RuleFacts f = sahayak::services::RuleEngine::FactsOf(e.rt, now);
  f.changes = e.changes.is_object() ? &e.changes : nullptr;
  f.message_body = sahayak::FoldCase(e.body);
  f.message_channel = e.message_channel;
  f.event = e.events.front();
  f.within_business_hours = true;
  return f;
}

bool Fires(const Rule& r, const std::vector<RuleEvent>& events) {
  for (RuleEvent e : events) {
    if (sahayak::domain::FiresOn(r, e)) return true;
  }
  return false;
}

enum class EvalMode { kAll, kFired, kFacts, kCheap };
const char* ModeName(EvalMode m) {
  switch (m) {
    case EvalMode::kAll:
      return "all";
    case EvalMode::kFired:
      return "fired";
    case EvalMode::kFacts:
      return "facts";
    case EvalMode::kCheap:
      return "cheap";
  }
  return "";
}

struct EvalRun {
  int64_t events = 0;
  int64_t matches = 0;
  double seconds = 0;
  double cpu = 0;
};

EvalRun RunEval(EvalMode mode, const std::vector<Event>& stream, const std::vector<Rule>& rules,
                const std::vector<Rule>& cheap, Millis now, double seconds) {
  EvalRun r;
  const auto t0 = SteadyClock::now();
  const double c0 = ThreadCpuSeconds();
  size_t i = 0;
  int64_t sink = 0;
  while (true) {
    for (int k = 0; k < 256; ++k) {
      const Event& e = stream[i];
      if (++i == stream.size()) i = 0;
      const sahayak::domain::RuleFacts f = FactsFor(e, now);
      switch (mode) {
        case EvalMode::kAll:
          for (const Rule& rule : rules) r.matches += sahayak::domain::Matches(rule.conditions, f);
          break;
        case EvalMode::kFired:
          for (const Rule& rule : rules) {
            if (!Fires(rule, e.events)) continue;
            r.matches += sahayak::domain::Matches(rule.conditions, f);
          }
          break;
        case EvalMode::kFacts:
          sink += static_cast<int64_t>(f.subject.size() + f.message_body.size());
          break;
        case EvalMode::kCheap:
          for (const Rule& rule : cheap) r.matches += sahayak::domain::Matches(rule.conditions, f);
          break;
      }
      ++r.events;
    }
    if (Since(t0) >= seconds) break;
  }
  r.seconds = Since(t0);
  r.cpu = ThreadCpuSeconds() - c0;
  if (sink == 42) std::printf(" ");  // keeps the facts-only loop from being optimised away
  return r;
}

// Conditions evaluated per event and how many triggers match, counted once (untimed) with the
// same short-circuits as domain::Matches.
struct EvalStats {
  double conditions_all = 0, conditions_fired = 0, fired_triggers = 0;
  int64_t matches_all = 0, matches_fired = 0;
  int64_t events_matched = 0;  // events with a trigger that fires and matches
  std::map<std::string, std::pair<int64_t, int64_t>> by_kind;  // event -> (events, matched)
};

EvalStats CountEval(const std::vector<Event>& stream, const std::vector<Rule>& rules, Millis now) {
  EvalStats s;
  int64_t conds_all = 0, conds_fired = 0, fired = 0;
  for (const Event& e : stream) {
    const auto f = FactsFor(e, now);
    bool any = false;
    for (const Rule& r : rules) {
      int64_t n = 0;
      bool ok = true;
      for (const auto& c : r.conditions.all) {
        ++n;
        if (!sahayak::domain::Matches(c, f)) {
          ok = false;
          break;
        }
      }
      if (ok && !r.conditions.any.empty()) {
        bool one = false;
        for (const auto& c : r.conditions.any) {
          ++n;
          if (sahayak::domain::Matches(c, f)) {
            one = true;
            break;
          }
        }
        ok = one;
      }
      conds_all += n;
      s.matches_all += ok;
      if (Fires(r, e.events)) {
        ++fired;
        conds_fired += n;
        s.matches_fired += ok;
        any = any || ok;
      }
    }
    auto& k = s.by_kind[sahayak::domain::Name(e.events.front())];
    ++k.first;
    k.second += any;
    s.events_matched += any;
  }
  const double n = static_cast<double>(stream.size());
  s.conditions_all = static_cast<double>(conds_all) / n;
  s.conditions_fired = static_cast<double>(conds_fired) / n;
  s.fired_triggers = static_cast<double>(fired) / n;
  return s;
}

void PartEval(const Args& args, const Vocab& v, const std::vector<json>& bodies) {
  // The triggers compiled as in production: ParseRuleConditions with the workspace's vocabulary.
  std::vector<Rule> rules;
  const auto vocab = RuleVocab(v);
  for (size_t i = 0; i < bodies.size(); ++i) {
    Rule r;
    r.id = static_cast<Id>(i + 1);
    r.kind = sahayak::domain::RuleKind::kTrigger;
    for (const auto& e : bodies[i]["events"])
      r.events.push_back(*sahayak::domain::ParseRuleEvent(e.get<std::string>()));
    auto c = sahayak::domain::ParseRuleConditions(bodies[i]["conditions"], r.kind, r.events, vocab);
    if (!c.ok()) Die("trigger " + std::to_string(i) + "'s conditions", c.status());
    r.conditions = std::move(c).value();
    rules.push_back(std::move(r));
  }
  Rule cheap_rule;
  cheap_rule.kind = sahayak::domain::RuleKind::kTrigger;
  cheap_rule.events = {RuleEvent::kTicketCreated};
  cheap_rule.conditions = *sahayak::domain::ParseRuleConditions(
      {{"all", json::array({Cond("status", "is", "closed")})}}, cheap_rule.kind, cheap_rule.events,
      vocab);
  const std::vector<Rule> cheap(rules.size(), cheap_rule);

  Rng rng(args.seed * 31 + 7);
  const Millis now = sahayak::SystemClock::Get().Now();
  const auto g0 = SteadyClock::now();
  const std::vector<Event> stream = GenEvents(rng, v, args.events, now);
  int64_t subject_bytes = 0, non_ascii = 0, body_bytes = 0;
  for (const auto& e : stream) {
    subject_bytes += static_cast<int64_t>(e.rt.ticket.subject.size());
    body_bytes += static_cast<int64_t>(e.body.size());
    non_ascii += std::any_of(e.rt.ticket.subject.begin(), e.rt.ticket.subject.end(),
                             [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; });
  }
  std::printf(
      "eval: %zu triggers, %zu events generated in %.1f s (mean subject %.0f B, %.0f%% "
      "not ASCII; mean message %.0f B)\n",
      rules.size(), stream.size(), Since(g0),
      static_cast<double>(subject_bytes) / static_cast<double>(stream.size()),
      100.0 * static_cast<double>(non_ascii) / static_cast<double>(stream.size()),
      static_cast<double>(body_bytes) / static_cast<double>(stream.size()));
  const EvalStats s = CountEval(stream, rules, now);
  std::printf(
      "RESULT part=eval_stats triggers=%zu events=%zu conditions_per_event_all=%.1f "
      "conditions_per_event_fired=%.1f triggers_fired_per_event=%.1f matches_per_event_all=%.4f "
      "matches_per_event_fired=%.4f events_matched_share=%.4f",
      rules.size(), stream.size(), s.conditions_all, s.conditions_fired, s.fired_triggers,
      static_cast<double>(s.matches_all) / static_cast<double>(stream.size()),
      static_cast<double>(s.matches_fired) / static_cast<double>(stream.size()),
      static_cast<double>(s.events_matched) / static_cast<double>(stream.size()));
  for (const auto& [kind, c] : s.by_kind) {
    std::printf(" matched_share_%s=%.4f", kind.c_str(),
                static_cast<double>(c.second) / static_cast<double>(c.first));
  }
  std::printf("\n");
  std::fflush(stdout);

  const std::vector<EvalMode> modes = {EvalMode::kFacts, EvalMode::kCheap, EvalMode::kAll,
                                       EvalMode::kFired};
  std::map<EvalMode, std::vector<EvalRun>> runs;
  RunEval(EvalMode::kAll, stream, rules, cheap, now, std::min(1.0, args.eval_seconds));  // warm-up
  const std::string load0 = LoadAverage();
  for (int round = 0; round < args.eval_rounds; ++round) {
    for (EvalMode m : modes)
      runs[m].push_back(RunEval(m, stream, rules, cheap, now, args.eval_seconds));
  }
  const std::string load1 = LoadAverage();
  for (EvalMode m : modes) {
    auto& v2 = runs[m];
    std::vector<double> rates;
    for (const auto& r : v2) rates.push_back(static_cast<double>(r.events) / r.seconds);
    std::vector<size_t> order(v2.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rates[a] < rates[b]; });
    const EvalRun& med = v2[order[order.size() / 2]];
    double lo = rates[order.front()], hi = rates[order.back()];
    std::printf(
        "RESULT part=eval mode=%s triggers=%zu events=%lld seconds=%.2f cpu_s=%.2f "
        "events_per_s=%.0f events_per_cpu_s=%.0f us_per_event=%.2f min_events_per_s=%.0f "
        "max_events_per_s=%.0f rounds=%d matches_per_event=%.4f load_before=%s load_after=%s\n",
        ModeName(m), m == EvalMode::kFacts ? size_t{0} : rules.size(),
        static_cast<long long>(med.events), med.seconds, med.cpu,
        static_cast<double>(med.events) / med.seconds, static_cast<double>(med.events) / med.cpu,
        1e6 * med.seconds / static_cast<double>(med.events), lo, hi, args.eval_rounds,
        static_cast<double>(med.matches) / static_cast<double>(med.events), load0.c_str(),
        load1.c_str());
  }
  // The timed loops must have found what the counting pass found (whole passes over the stream
  // have the same matches; a partial pass is checked by its share).
  const double want_all = static_cast<double>(s.matches_all) / static_cast<double>(stream.size());
  for (EvalMode m : {EvalMode::kAll, EvalMode::kFired}) {
    const double want = m == EvalMode::kAll ? want_all
                                            : static_cast<double>(s.matches_fired) /
                                                  static_cast<double>(stream.size());
    for (const auto& r : runs[m]) {
      const double got = static_cast<double>(r.matches) / static_cast<double>(r.events);
      if (std::fabs(got - want) >
          0.05 * want + 2.0 / static_cast<double>(r.events) * static_cast<double>(rules.size())) {
        Check(false, std::string("eval ") + ModeName(m) + ": timed loop's matches per event " +
                         std::to_string(got) + " vs counted " + std::to_string(want));
      }
    }
  }
  Check(s.matches_fired > 0 && s.events_matched < static_cast<int64_t>(stream.size()) / 2,
        "eval: some triggers match some events, most events match none (" +
            std::to_string(s.events_matched) + " of " + std::to_string(stream.size()) + ")");
  std::fflush(stdout);
}

// ---- part e2e --------------------------------------------------------------------------

struct Prediction {
  int64_t rows = 0;
  int64_t events = 0;
  int64_t acting = 0;  // (trigger, event) pairs that act
  std::vector<Id> ticket_per_event;
};

// What RunTriggers will do to the outbox rows after the cursor, evaluated beforehand on the
// tickets as they are now: every trigger whose events include the row's and whose conditions
// hold acts once (its actions add tags no condition looks at, notes and notices, so a trigger
// acting does not change what the others see).
Prediction Predict(sahayak::app::App& app, Id ws) {
  Prediction p;
  Status st = app.store().Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto triggers,
                     sahayak::services::LoadRules(tx, ws, sahayak::domain::RuleKind::kTrigger));
    ASSIGN_OR_RETURN(Id cursor, tx.rules().RuleCursor());
    ASSIGN_OR_RETURN(auto clock,
                     sahayak::services::BusinessHoursService::ClockFor(tx, ws, std::nullopt));
    const Millis now = sahayak::SystemClock::Get().Now();
    std::map<std::pair<Id, Id>, int> runs;  // (rule, ticket) -> runs
    while (true) {
      ASSIGN_OR_RETURN(auto rows, tx.ListOutboxAfter(cursor, 500));
      if (rows.empty()) break;
      cursor = rows.back().id;
      for (const auto& row : rows) {
        ++p.rows;
        Event e;
        Id id = 0;
        if (row.topic == "ticket.created") {
          id = row.payload.value("ticket_id", Id{0});
          ASSIGN_OR_RETURN(auto t, tx.GetTicket(ws, id));
          e.events = {RuleEvent::kTicketCreated};
          if (t.channel == Channel::kChat) e.events.push_back(RuleEvent::kChatStarted);
          e.message_channel = t.channel;
          sahayak::services::PageRequest page;
          page.limit = 1;
          ASSIGN_OR_RETURN(auto first, tx.ListMessages(ws, id, page));
          if (!first.items.empty()) e.body = first.items.front().body;
        } else if (row.topic == "ticket.updated" && row.payload.contains("changes") &&
                   row.payload["changes"].is_object() && !row.payload.contains("via") &&
                   !row.payload["changes"].contains("via")) {
          id = row.payload.value("ticket_id", Id{0});
          e.events = {RuleEvent::kTicketUpdated};
          e.changes = row.payload["changes"];
        } else {
          continue;
        }
        ++p.events;
        p.ticket_per_event.push_back(id);
        ASSIGN_OR_RETURN(e.rt, tx.rules().GetRuleTicket(ws, id));
        auto f = sahayak::services::RuleEngine::FactsOf(e.rt, now);
        f.changes = e.changes.is_object() ? &e.changes : nullptr;
        f.message_body = sahayak::FoldCase(e.body);
        f.message_channel = e.message_channel;
        f.event = e.events.front();
        if (clock) {
          // The workspace's one schedule (no group has its own).
          f.within_business_hours = clock->clock.IsOpen(now);
        }
        for (const Rule& r : triggers) {
          if (!r.active || !Fires(r, e.events) || !sahayak::domain::Matches(r.conditions, f))
            continue;
          if (runs[{r.id, id}]++ >= sahayak::services::RuleEngine::kMaxRunsPerHour) continue;
          ++p.acting;
        }
      }
    }
    return Status::Ok();
  });
  if (!st.ok()) Die("prediction", st);
  return p;
}

void PartE2e(const Args& args, sahayak::app::App& app, const Vocab& v, const std::string& db_path) {
  Rng rng(args.seed * 17 + 3);
  const auto agent = AgentPrincipal(v);
  std::vector<Id> ids;
  const auto c0 = SteadyClock::now();
  for (int done = 0; done < args.e2e_tickets;) {
    const int n = std::min(100, args.e2e_tickets - done);
    Status st = app.store().Write([&](WriteTx& tx) -> Status {
      for (int i = 0; i < n; ++i) {
        const Draft d = GenDraft(rng, v);
        const Contact& c = v.contacts[static_cast<size_t>(d.contact)];
        sahayak::services::TicketCreate in;
        in.subject = d.subject;
        in.message.body = d.body;
        in.requester.email = c.email;
        in.requester.name = c.name;
        in.priority = d.priority;
        in.type = d.type;
        in.channel = d.channel;
        if (d.status != TicketStatus::kNew) in.status = d.status;
        in.tags = d.tags;
        in.group_id = d.group;
        in.assignee_id = d.assignee;
        in.custom_fields = d.custom;
        in.language = d.language;
        ASSIGN_OR_RETURN(auto t, app.tickets().Create(tx, agent, in));
        ids.push_back(t.id);
      }
      return Status::Ok();
    });
    if (!st.ok()) Die("creating tickets", st);
    done += n;
  }
  int64_t update_errors = 0;
  for (int done = 0; done < args.e2e_updates;) {
    const int n = std::min(100, args.e2e_updates - done);
    Status st = app.store().Write([&](WriteTx& tx) -> Status {
      for (int i = 0; i < n; ++i) {
        const Id id = rng.Pick(ids);
        ASSIGN_OR_RETURN(auto t, tx.GetTicket(v.ws, id));
        auto r = app.tickets().Update(tx, agent, id, GenPatch(rng, v, t), std::nullopt);
        if (!r.ok()) ++update_errors;
      }
      return Status::Ok();
    });
    if (!st.ok()) Die("updating tickets", st);
    done += n;
  }
  std::printf(
      "e2e: %d tickets created and %d updates made through TicketService in %.1f s "
      "(%lld updates refused)\n",
      args.e2e_tickets, args.e2e_updates, Since(c0), static_cast<long long>(update_errors));
  std::fflush(stdout);

  const Prediction pred = Predict(app, v.ws);

  // Ceiling: the tickets of the events read by id, in read transactions of 200.
  {
    const std::string load0 = LoadAverage();
    const auto t0 = SteadyClock::now();
    const double cpu0 = ProcessCpuSeconds();
    int64_t bytes = 0;
    for (size_t at = 0; at < pred.ticket_per_event.size(); at += 200) {
      Status st = app.store().Read([&](ReadTx& tx) -> Status {
        for (size_t k = at; k < std::min(at + 200, pred.ticket_per_event.size()); ++k) {
          ASSIGN_OR_RETURN(auto t, tx.rules().GetRuleTicket(v.ws, pred.ticket_per_event[k]));
          bytes += static_cast<int64_t>(t.ticket.subject.size());
        }
        return Status::Ok();
      });
      if (!st.ok()) Die("ceiling reads", st);
    }
    const double secs = Since(t0);
    const double cpu = ProcessCpuSeconds() - cpu0;
    std::printf(
        "RESULT part=e2e_ceiling mode=get_rule_ticket reads=%zu seconds=%.3f cpu_s=%.3f "
        "reads_per_s=%.0f reads_per_cpu_s=%.0f load_before=%s load_after=%s\n",
        pred.ticket_per_event.size(), secs, cpu,
        static_cast<double>(pred.ticket_per_event.size()) / secs,
        static_cast<double>(pred.ticket_per_event.size()) / cpu, load0.c_str(),
        LoadAverage().c_str());
  }
  // LoadRules (read and compile the workspace's triggers) timed alone: what the runner pays
  // each time it loads them. Each call timed on its own; the median is robust to a busy machine.
  auto time_load_rules = [&](int calls, std::vector<double>* ms) {
    for (int i = 0; i < calls; ++i) {
      const auto t0 = SteadyClock::now();
      Status st = app.store().Read([&](ReadTx& tx) -> Status {
        ASSIGN_OR_RETURN(
            auto r, sahayak::services::LoadRules(tx, v.ws, sahayak::domain::RuleKind::kTrigger));
        if (r.empty()) return sahayak::Internal("no triggers");
        return Status::Ok();
      });
      if (!st.ok()) Die("LoadRules", st);
      ms->push_back(1e3 * Since(t0));
    }
  };
  std::vector<double> load_ms;
  time_load_rules(25, &load_ms);
  std::fflush(stdout);

  // The runner, timed: rounds of 200 outbox rows until none is left.
  const std::string load0 = LoadAverage();
  const auto t0 = SteadyClock::now();
  const double cpu0 = ProcessCpuSeconds();
  int64_t rows = 0, rounds = 0;
  while (true) {
    auto n = app.rule_engine().RunTriggers(app.store(), 200);
    if (!n.ok()) Die("RunTriggers", n.status());
    if (*n == 0) break;
    rows += *n;
    ++rounds;
  }
  const double secs = Since(t0);
  const double cpu = ProcessCpuSeconds() - cpu0;
  const std::string load1 = LoadAverage();
  time_load_rules(25, &load_ms);
  std::sort(load_ms.begin(), load_ms.end());
  const double load_median = load_ms[load_ms.size() / 2];
  std::printf(
      "RESULT part=e2e_load_rules calls=%zu ms_per_call=%.3f min_ms=%.3f max_ms=%.3f "
      "events_per_s_if_per_event=%.0f\n",
      load_ms.size(), load_median, load_ms.front(), load_ms.back(), 1e3 / load_median);

  int64_t acted = 0, runs_rows = 0, notes = 0, mails = 0;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    auto count = [&](const char* sql) {
      sqlite3_stmt* s = nullptr;
      int64_t out = -1;
      if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK &&
          sqlite3_step(s) == SQLITE_ROW) {
        out = sqlite3_column_int64(s, 0);
      }
      sqlite3_finalize(s);
      return out;
    };
    acted = count("SELECT COALESCE(SUM(run_count), 0) FROM rules WHERE kind = 'trigger'");
    runs_rows = count("SELECT count(*) FROM rule_runs");
    notes = count("SELECT count(*) FROM messages WHERE public = 0");
    mails = count("SELECT count(*) FROM mail_outbox WHERE kind = 'notification'");
  }
  sqlite3_close(db);
  std::printf(
      "RESULT part=e2e triggers=%d events=%lld outbox_rows=%lld rounds=%lld seconds=%.2f "
      "cpu_s=%.2f events_per_s=%.0f events_per_cpu_s=%.0f rows_per_s=%.0f acted=%lld "
      "predicted=%lld rule_runs=%lld notes=%lld notices=%lld sync=%s load_before=%s "
      "load_after=%s\n",
      args.triggers, static_cast<long long>(pred.events), static_cast<long long>(rows),
      static_cast<long long>(rounds), secs, cpu, static_cast<double>(pred.events) / secs,
      static_cast<double>(pred.events) / cpu, static_cast<double>(rows) / secs,
      static_cast<long long>(acted), static_cast<long long>(pred.acting),
      static_cast<long long>(runs_rows), static_cast<long long>(notes),
      static_cast<long long>(mails), args.sync.c_str(), load0.c_str(), load1.c_str());
  Check(acted == pred.acting && runs_rows == acted,
        "e2e: the triggers acted " + std::to_string(acted) + " times (rule_runs " +
            std::to_string(runs_rows) + "), predicted " + std::to_string(pred.acting));
  Check(rows >= pred.events, "e2e: the runner handled every event row");
  std::fflush(stdout);
}

// ---- part sweep ------------------------------------------------------------------------

std::vector<json> Automations(const Vocab& v) {
  const Id shipping = v.groups[0];
  return {
      {{"name", "Solve after 3 days pending"},
       {"conditions",
        {{"all",
          {Cond("status", "is", "pending"),
           Cond("hours_since_status_changed", "greater_than", 72)}}}},
       {"actions",
        {{{"type", "set_status"}, {"value", "solved"}},
         {{"type", "add_note"},
          {"value", "Solved: no answer from the customer for three days."}}}}},
      {{"name", "Close 4 days after solved"},
       {"conditions",
        {{"all",
          {Cond("status", "is", "solved"), Cond("hours_since_solved", "greater_than", 96)}}}},
       {"actions", {{{"type", "set_status"}, {"value", "closed"}}}}},
      {{"name", "New and unassigned for 2 hours"},
       {"conditions",
        {{"all",
          {Cond("status", "is", "new"), Cond("assignee_id", "blank"),
           Cond("group_id", "is", shipping), Cond("hours_since_created", "greater_than", 2)}}}},
       {"actions",
        {{{"type", "notify"},
          {"target", "group"},
          {"id", shipping},
          {"subject",
           {{"en", "Ticket {{ticket.number}} waits for an agent"},
            {"hi", "टिकट {{ticket.number}} किसी एजेंट का इंतज़ार कर रहा है"},
            {"kn",
             "ಟಿಕೆಟ್ {{ticket.number}} ಏಜೆಂಟ್‌ಗಾಗಿ "
             "ಕಾಯುತ್ತಿದೆ"}}},
          {"value", {{"en", "{{ticket.subject}}"}}},
          {"respect_business_hours", true}}}}},
      {{"name", "SLA due within the hour"},
       {"conditions",
        {{"all",
          {Cond("hours_until_sla_due", "less_than", 1),
           Cond("hours_until_sla_due", "greater_than", 0),
           Cond("priority", "less_than", "urgent")}}}},
       {"actions",
        {{{"type", "set_priority"}, {"value", "urgent"}},
         {{"type", "add_tags"}, {"value", {"sla-risk"}}}}}},
      {{"name", "On hold for a week"},
       {"conditions",
        {{"all",
          {Cond("status", "is", "on_hold"), Cond("hours_since_updated", "greater_than", 168)}}}},
       {"actions",
        {{{"type", "notify"},
          {"target", "assignee"},
          {"subject", {{"en", "Ticket {{ticket.number}} has been on hold for a week"}}},
          {"value", {{"en", "{{ticket.subject}}"}}}},
         {{"type", "add_note"}, {"value", "On hold for seven days."}}}}},
      {{"name", "Urgent and untouched for 2 days"},
       {"conditions",
        {{"all",
          {Cond("status", "is", "open"), Cond("priority", "is", "urgent"),
           Cond("hours_since_updated", "greater_than", 48)}}}},
       {"actions",
        {{{"type", "notify"},
          {"target", "group"},
          {"id", v.groups[5]},
          {"subject", {{"en", "Urgent ticket {{ticket.number}} untouched for 2 days"}}},
          {"value", {{"en", "{{ticket.subject}}"}}}}}}},
      {{"name", "COD follow-up in Hindi"},
       {"conditions",
        {{"all",
          {Cond("hours_since_status_changed", "greater_than", 48), Cond("status", "is", "pending"),
           Cond("tags", "contains_any", json::array({"cod"})), Cond("language", "is", "hi")}}}},
       {"actions",
        {{{"type", "reply"},
          {"value",
           {{"hi", "नमस्ते {{ticket.requester.first_name}}, क्या आपकी समस्या हल हो गई?"},
            {"en", "Hello {{ticket.requester.first_name}}, is your problem solved?"}}}}}}},
      {{"name", "Enterprise e-mail untouched for a day"},
       {"conditions",
        {{"all",
          {Cond("hours_since_updated", "greater_than", 24),
           Cond("status", "in", json::array({"new", "open"})), Cond("channel", "is", "email"),
           Cond("tier", "is", "enterprise")}}}},
       {"actions",
        {{{"type", "set_priority"}, {"value", "high"}},
         {{"type", "add_tags"}, {"value", {"vip-waiting"}}}}}},
      {{"name", "Open for two weeks"},
       {"conditions",
        {{"all",
          {Cond("status", "in", json::array({"open"})),
           Cond("hours_since_created", "greater_than", 336)}}}},
       {"actions", {{{"type", "add_tags"}, {"value", {"stale"}}}}}},
      {{"name", "Bengaluru survey 3 days after solve"},
       {"conditions",
        {{"all",
          {Cond("status", "is", "solved"), Cond("custom_fields.city", "is", "Bengaluru"),
           Cond("hours_since_solved", "greater_than", 72)}}}},
       {"actions", {{{"type", "add_tags"}, {"value", {"csat-sent"}}}}}},
  };
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "rules_bench: %s: %s\n", sql.c_str(), err ? err : "?");
    std::exit(1);
  }
}

struct Stmt {
  sqlite3_stmt* s = nullptr;
  Stmt(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) {
      std::fprintf(stderr, "rules_bench: prepare %s: %s\n", sql, sqlite3_errmsg(db));
      std::exit(1);
    }
  }
  ~Stmt() { sqlite3_finalize(s); }
  Stmt& Int(int i, int64_t v) {
    sqlite3_bind_int64(s, i, v);
    return *this;
  }
  Stmt& Null(int i) {
    sqlite3_bind_null(s, i);
    return *this;
  }
  Stmt& Opt(int i, std::optional<int64_t> v) { return v ? Int(i, *v) : Null(i); }
  Stmt& IdOrNull(int i, Id v) { return v != 0 ? Int(i, v) : Null(i); }
  Stmt& Text(int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  void Run(sqlite3* db) {
    if (sqlite3_step(s) != SQLITE_DONE) {
      std::fprintf(stderr, "rules_bench: step: %s\n", sqlite3_errmsg(db));
      std::exit(1);
    }
    sqlite3_reset(s);
  }
};

// No ticket of the sweep's database comes due while the benchmark runs: its times keep this far
// from the automations' thresholds (an age just under one is moved past it), so the second
// sweep has nothing new to act on and must act 0 times.
constexpr Millis kGuardBand = 30 * 60 * 1000;

Millis Settled(Millis age) {
  for (int hours : {2, 24, 48, 72, 96, 168, 336}) {
    const Millis t = hours * kHour;
    if (age >= t - kGuardBand && age <= t) return age + kGuardBand + 1;
  }
  return age;
}

// Contacts and `n` open tickets written with plain SQL (the columns of migrations 0001, 0024
// and 0026; ticket_status_times is filled by 0026's trigger and then set to the generated
// moment), in transactions of 20,000. The shares are chosen so that a small part is due.
void WriteSweepFixture(const std::string& db_path, const Vocab& v, int64_t n, uint64_t seed,
                       Millis now) {
  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) {
    std::fprintf(stderr, "rules_bench: cannot open %s\n", db_path.c_str());
    std::exit(1);
  }
  Exec(db,
       "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; "
       "PRAGMA foreign_keys=OFF");
  Rng rng(seed * 101 + 5);
  std::vector<Id> contact_ids;
  Exec(db, "BEGIN");
  {
    Stmt c(db,
           "INSERT INTO contacts (workspace_id, name, language, organisation_id, created_at, "
           "updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    Stmt ident(db,
               "INSERT INTO contact_identities (workspace_id, kind, value, contact_id, position) "
               "VALUES (?, 'email', ?, ?, 0)");
    for (const Contact& k : v.contacts) {
      c.Int(1, v.ws).Text(2, k.name).Text(3, k.language);
      c.Opt(4, k.org >= 0 ? std::optional<int64_t>(v.orgs[static_cast<size_t>(k.org)].id)
                          : std::nullopt);
      c.Int(5, now).Int(6, now).Run(db);
      const Id id = sqlite3_last_insert_rowid(db);
      contact_ids.push_back(id);
      ident.Int(1, v.ws).Text(2, k.email).Int(3, id).Run(db);
    }
  }
  Exec(db, "COMMIT");
  Stmt ins(db,
           "INSERT INTO tickets (workspace_id, number, subject, status, priority, type, channel, "
           "requester_id, assignee_id, group_id, organisation_id, tags, custom_fields, language, "
           "created_at, updated_at, first_response_at, solved_at, version) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
  Stmt times(db,
             "INSERT OR REPLACE INTO ticket_status_times (ticket_id, changed_at) VALUES (?, ?)");
  Stmt tag(db, "INSERT INTO ticket_tags (workspace_id, tag, ticket_id) VALUES (?, ?, ?)");
  Stmt sla(db,
           "INSERT INTO ticket_sla (ticket_id, workspace_id, next_due_at, breached, computed_at) "
           "VALUES (?, ?, ?, ?, ?)");
  std::map<std::string, int64_t> tag_counts;
  const std::vector<TicketStatus> statuses = {TicketStatus::kNew, TicketStatus::kOpen,
                                              TicketStatus::kPending, TicketStatus::kOnHold,
                                              TicketStatus::kSolved};
  const std::vector<double> status_share = {0.10, 0.45, 0.20, 0.05, 0.20};
  // Mean hours in the current status.
  const std::vector<double> status_hours = {0.8, 30, 20, 60, 30};
  const auto t0 = SteadyClock::now();
  for (int64_t i = 0; i < n; ++i) {
    if (i % 20000 == 0) {
      if (i > 0) Exec(db, "COMMIT");
      Exec(db, "BEGIN");
      if (i % 200000 == 0 && i > 0) {
        std::printf("sweep fixture: %lld tickets in %.0f s\n", static_cast<long long>(i),
                    Since(t0));
        std::fflush(stdout);
      }
    }
    Draft d = GenDraft(rng, v);
    const size_t si = rng.Weighted(status_share);
    const TicketStatus status = statuses[si];
    const Millis changed_age = Settled(static_cast<Millis>(rng.Exp(status_hours[si]) * kHour));
    const Millis created_age =
        status == TicketStatus::kNew
            ? changed_age
            : Settled(changed_age + static_cast<Millis>(rng.Exp(48) * kHour));
    const Millis updated_age = std::min(
        changed_age,
        Settled(static_cast<Millis>((1 - 0.3 * rng.U()) * static_cast<double>(changed_age))));
    const Millis changed = now - changed_age, created = now - created_age,
                 updated = now - updated_age;
    // 0: none.
    const Id assignee = status != TicketStatus::kNew && rng.P(0.7) ? rng.Pick(v.agents) : 0;
    Id group = rng.P(0.6) ? rng.Pick(v.groups) : 0;
    if (status == TicketStatus::kNew && rng.P(0.3)) group = v.groups[0];
    const Contact& c = v.contacts[static_cast<size_t>(d.contact)];
    auto tags = sahayak::domain::NormaliseTags(d.tags);
    const std::vector<std::string> tag_list = tags.ok() ? *tags : std::vector<std::string>{};
    ins.Int(1, v.ws)
        .Int(2, i + 1)
        .Text(3, sahayak::ToNfc(d.subject))
        .Text(4, sahayak::domain::Name(status));
    ins.Text(5, sahayak::domain::Name(d.priority)).Text(6, sahayak::domain::Name(d.type));
    ins.Text(7, sahayak::domain::Name(d.channel))
        .Int(8, contact_ids[static_cast<size_t>(d.contact)]);
    ins.IdOrNull(9, assignee).IdOrNull(10, group);
    ins.Opt(11, c.org >= 0 ? std::optional<int64_t>(v.orgs[static_cast<size_t>(c.org)].id)
                           : std::nullopt);
    ins.Text(12, json(tag_list).dump()).Text(13, d.custom.dump()).Text(14, d.language);
    ins.Int(15, created).Int(16, updated);
    ins.Opt(17, status == TicketStatus::kNew ? std::nullopt
                                             : std::optional<int64_t>(created + kHour / 2));
    ins.Opt(18, status == TicketStatus::kSolved ? std::optional<int64_t>(changed) : std::nullopt);
    ins.Run(db);
    const Id id = sqlite3_last_insert_rowid(db);
    times.Int(1, id).Int(2, changed).Run(db);
    for (const auto& t : tag_list) {
      tag.Int(1, v.ws).Text(2, t).Int(3, id).Run(db);
      ++tag_counts[t];
    }
    if (status != TicketStatus::kSolved && rng.P(0.4)) {
      Millis due_in = static_cast<Millis>((rng.U() * 96 - 24) * kHour);
      if (due_in >= kHour && due_in <= kHour + kGuardBand) due_in += kGuardBand;
      const Millis due = now + due_in;
      sla.Int(1, id).Int(2, v.ws).Int(3, due).Int(4, due < now ? 1 : 0).Int(5, now).Run(db);
    }
  }
  Exec(db, "COMMIT");
  Exec(db, "BEGIN");
  {
    Stmt t(db, "INSERT INTO tags (workspace_id, name, ticket_count) VALUES (?, ?, ?)");
    for (const auto& [name, count] : tag_counts) t.Int(1, v.ws).Text(2, name).Int(3, count).Run(db);
    Stmt seq(db, "UPDATE workspaces SET ticket_seq = ? WHERE id = ?");
    seq.Int(1, n).Int(2, v.ws).Run(db);
  }
  Exec(db, "COMMIT");
  Exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close(db);
}

void PartSweep(const Args& args, Rng& rng) {
  sahayak::app::Config config;
  config.data_dir = (fs::path(args.work) / "sweep" / "data").string();
  config.db_synchronous = args.sync;
  std::error_code ec;
  fs::remove_all(config.data_dir, ec);
  const std::string db_path = (fs::path(config.data_dir) / "sahayak.db").string();
  Vocab v;
  {
    auto app = sahayak::app::App::Open(config);
    if (!app.ok()) Die("opening " + config.data_dir, app.status());
    v = SetUpWorkspace(**app, rng);
    const auto admin = (*app)->SystemPrincipal();
    Status st = (*app)->store().Write([&](WriteTx& tx) -> Status {
      for (const json& body : Automations(v)) {
        RETURN_IF_ERROR((*app)
                            ->rules()
                            .Create(tx, admin, sahayak::domain::RuleKind::kAutomation, body)
                            .status());
      }
      return Status::Ok();
    });
    if (!st.ok()) Die("creating automations", st);
  }
  const Millis now = sahayak::SystemClock::Get().Now();
  const std::string load_f0 = LoadAverage();
  const auto f0 = SteadyClock::now();
  // Written by a child process, so the fixture's memory (a 256 MiB page cache) is not in the
  // sweep's RSS. No thread runs here: the App above is closed.
  std::fflush(stdout);
  const pid_t child = fork();
  if (child < 0) Die("fork", sahayak::Internal("fork failed"));
  if (child == 0) {
    WriteSweepFixture(db_path, v, args.sweep_tickets, args.seed, now);
    std::fflush(stdout);
    _exit(0);
  }
  int wstatus = 0;
  if (waitpid(child, &wstatus, 0) != child || !WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    Die("writing the sweep's database", sahayak::Internal("the writer process failed"));
  }
  const double fixture_s = Since(f0);

  // The planner's statistics as `serve` keeps them (app::Maintenance runs Store::Optimize,
  // ANALYZE with analysis_limit=2000, at start and every 10 minutes); then every connection
  // reopened, so all of them plan with those statistics.
  const auto z0 = SteadyClock::now();
  {
    auto first = sahayak::app::App::Open(config);
    if (!first.ok()) Die("reopening " + config.data_dir, first.status());
    Status analyzed = (*first)->store().Optimize();
    if (!analyzed.ok()) Die("ANALYZE", analyzed);
  }
  const double analyze_s = Since(z0);
  auto app_or = sahayak::app::App::Open(config);
  if (!app_or.ok()) Die("reopening " + config.data_dir, app_or.status());
  sahayak::app::App& app = **app_or;
  std::printf(
      "RESULT part=fixture tickets=%lld seconds=%.1f analyze_s=%.1f db_mib=%.0f "
      "load_before=%s load_after=%s\n",
      static_cast<long long>(args.sweep_tickets), fixture_s, analyze_s, DatabaseMiB(db_path),
      load_f0.c_str(), LoadAverage().c_str());
  std::fflush(stdout);

  Status st;
  std::vector<Rule> automations;
  st = app.store().Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(automations, sahayak::services::LoadRules(
                                      tx, v.ws, sahayak::domain::RuleKind::kAutomation));
    return Status::Ok();
  });
  if (!st.ok()) Die("LoadRules", st);

  // scan (the ceiling) and evaluate: the same pages, without and with the automations.
  std::vector<int64_t> due_per_rule(automations.size(), 0);
  for (const bool evaluate : {false, true}) {
    const std::string load0 = LoadAverage();
    ResetPeakRss();
    const double rss0 = ProcStatusMiB("VmRSS");
    const auto t0 = SteadyClock::now();
    const double cpu0 = ProcessCpuSeconds();
    int64_t scanned = 0, due = 0;
    Id after = 0;
    while (true) {
      std::vector<RuleTicket> page;
      st = app.store().Read([&](ReadTx& tx) -> Status {
        ASSIGN_OR_RETURN(page, tx.rules().ScanRuleTickets(v.ws, after, 1000));
        return Status::Ok();
      });
      if (!st.ok()) Die("ScanRuleTickets", st);
      if (page.empty()) break;
      after = page.back().ticket.id;
      scanned += static_cast<int64_t>(page.size());
      if (evaluate) {
        const Millis at = sahayak::SystemClock::Get().Now();
        for (const RuleTicket& t : page) {
          const auto f = sahayak::services::RuleEngine::FactsOf(t, at);
          for (size_t i = 0; i < automations.size(); ++i) {
            if (sahayak::domain::Matches(automations[i].conditions, f)) {
              ++due;
              ++due_per_rule[i];
            }
          }
        }
      }
      if (page.size() < 1000) break;
    }
    const double secs = Since(t0);
    const double cpu = ProcessCpuSeconds() - cpu0;
    std::printf(
        "RESULT part=sweep mode=%s tickets=%lld seconds=%.2f cpu_s=%.2f tickets_per_s=%.0f "
        "tickets_per_cpu_s=%.0f due=%lld rss_before_mib=%.1f hwm_mib=%.1f load_before=%s "
        "load_after=%s\n",
        evaluate ? "evaluate" : "scan", static_cast<long long>(scanned), secs, cpu,
        static_cast<double>(scanned) / secs, static_cast<double>(scanned) / cpu,
        static_cast<long long>(due), rss0, ProcStatusMiB("VmHWM"), load0.c_str(),
        LoadAverage().c_str());
    std::fflush(stdout);
    if (evaluate) {
      std::printf("DUE");
      for (size_t i = 0; i < automations.size(); ++i) {
        std::printf(" [%s]=%lld", automations[i].name.c_str(),
                    static_cast<long long>(due_per_rule[i]));
      }
      std::printf("\n");
    }
  }

  int64_t first_acted = 0, first_matched = 0;
  for (int round = 1; round <= 2; ++round) {
    const std::string load0 = LoadAverage();
    ResetPeakRss();
    const double rss0 = ProcStatusMiB("VmRSS");
    const auto t0 = SteadyClock::now();
    const double cpu0 = ProcessCpuSeconds();
    auto stats = app.rule_engine().SweepAutomations(app.store(), "rules-bench");
    if (!stats.ok()) Die("SweepAutomations", stats.status());
    const double secs = Since(t0);
    const double cpu = ProcessCpuSeconds() - cpu0;
    std::printf(
        "RESULT part=sweep mode=sweep%d tickets=%lld matched=%lld acted=%lld skipped=%d "
        "seconds=%.2f cpu_s=%.2f tickets_per_s=%.0f tickets_per_cpu_s=%.0f rss_before_mib=%.1f "
        "hwm_mib=%.1f load_before=%s load_after=%s\n",
        round, static_cast<long long>(stats->scanned), static_cast<long long>(stats->matched),
        static_cast<long long>(stats->acted), stats->skipped ? 1 : 0, secs, cpu,
        static_cast<double>(stats->scanned) / secs, static_cast<double>(stats->scanned) / cpu, rss0,
        ProcStatusMiB("VmHWM"), load0.c_str(), LoadAverage().c_str());
    std::fflush(stdout);
    if (round == 1) {
      first_acted = stats->acted;
      first_matched = stats->matched;
      Check(stats->scanned == args.sweep_tickets && !stats->skipped,
            "sweep1 scanned every open ticket (" + std::to_string(stats->scanned) + ")");
      Check(first_acted > 0 && first_acted <= first_matched,
            "sweep1 acted " + std::to_string(first_acted) + " times on " +
                std::to_string(first_matched) + " due pairs");
    } else {
      Check(stats->acted == 0, "sweep2 right after acted " + std::to_string(stats->acted) +
                                   " times (exactly once: must be 0; " +
                                   std::to_string(stats->matched) +
                                   " pairs still match and are recorded as done)");
    }
  }
  int64_t runs = -1;
  {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* s = nullptr;
      if (sqlite3_prepare_v2(db, "SELECT count(*) FROM rule_runs", -1, &s, nullptr) == SQLITE_OK &&
          sqlite3_step(s) == SQLITE_ROW) {
        runs = sqlite3_column_int64(s, 0);
      }
      sqlite3_finalize(s);
    }
    sqlite3_close(db);
  }
  Check(runs >= first_acted, "rule_runs holds a row per act (" + std::to_string(runs) + ")");
  std::printf("RESULT part=sweep_summary db_mib=%.0f rule_runs=%lld\n", DatabaseMiB(db_path),
              static_cast<long long>(runs));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = ParseArgs(argc, argv);
  spdlog::set_level(spdlog::level::warn);
  std::error_code ec;
  fs::create_directories(args.work, ec);
  std::printf("rules_bench: %d triggers, seed %llu, SQLite %s, synchronous=%s; load average %s\n",
              args.triggers, static_cast<unsigned long long>(args.seed), sqlite3_libversion(),
              args.sync.c_str(), LoadAverage().c_str());
  std::fflush(stdout);
  Rng rng(args.seed);

  if (args.parts.count("eval") || args.parts.count("e2e")) {
    sahayak::app::Config config;
    config.data_dir = (fs::path(args.work) / "e2e" / "data").string();
    config.db_synchronous = args.sync;
    fs::remove_all(config.data_dir, ec);
    auto app_or = sahayak::app::App::Open(config);
    if (!app_or.ok()) Die("opening " + config.data_dir, app_or.status());
    sahayak::app::App& app = **app_or;
    const Vocab v = SetUpWorkspace(app, rng);
    Rng trng(args.seed * 13 + 1);
    std::vector<json> bodies;
    for (int i = 0; i < args.triggers; ++i) bodies.push_back(GenTrigger(trng, v, i + 1));
    const auto admin = app.SystemPrincipal();
    const auto t0 = SteadyClock::now();
    for (size_t at = 0; at < bodies.size(); at += 50) {
      Status st = app.store().Write([&](WriteTx& tx) -> Status {
        for (size_t i = at; i < std::min(at + 50, bodies.size()); ++i) {
          auto r = app.rules().Create(tx, admin, sahayak::domain::RuleKind::kTrigger, bodies[i]);
          if (!r.ok()) {
            Die("creating " + bodies[i]["name"].get<std::string>() + " " + bodies[i].dump(),
                r.status());
          }
        }
        return Status::Ok();
      });
      if (!st.ok()) Die("creating triggers", st);
    }
    int64_t conditions = 0;
    for (const auto& b : bodies) {
      conditions += static_cast<int64_t>(b["conditions"]["all"].size());
      if (b["conditions"].contains("any"))
        conditions += static_cast<int64_t>(b["conditions"]["any"].size());
    }
    std::printf(
        "setup: %d triggers created through RuleService in %.1f s (%.2f conditions each "
        "on average)\n",
        args.triggers, Since(t0), static_cast<double>(conditions) / args.triggers);
    std::fflush(stdout);
    if (args.parts.count("eval")) PartEval(args, v, bodies);
    if (args.parts.count("e2e")) {
      PartE2e(args, app, v, (fs::path(config.data_dir) / "sahayak.db").string());
    }
  }
  if (args.parts.count("sweep")) PartSweep(args, rng);
  if (!args.keep) {
    fs::remove_all(fs::path(args.work) / "e2e", ec);
    fs::remove_all(fs::path(args.work) / "sweep", ec);
  }
  std::printf("rules_bench: done; load average %s\n", LoadAverage().c_str());
  return g_failed ? 3 : 0;
}
