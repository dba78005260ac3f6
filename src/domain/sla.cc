// SLA policies and the clocks of a ticket (sla.h, docs/sla.md).
#include "domain/sla.h"

#include <algorithm>
#include <set>

#include "base/text.h"

namespace sahayak::domain {

namespace {

template <typename T>
bool AnyOf(const std::vector<T>& allowed, const T& v) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

bool Settled(TicketStatus s) { return s == TicketStatus::kSolved || s == TicketStatus::kClosed; }

// One clock's counting: runs and pauses over time, in business or calendar time, noting the
// instant its target is reached while it runs.
class Meter {
 public:
  Meter(const BusinessClock* hours, bool business, Millis target)
      : hours_(business ? hours : nullptr), target_(target) {}

  bool running() const { return since_.has_value(); }

  void Run(Millis t) {
    if (since_) return;
    since_ = t;
    if (elapsed_ < target_) {
      due_ = hours_ ? hours_->AddBusinessTime(t, target_ - elapsed_)
                    : std::optional<Millis>(t + (target_ - elapsed_));
    } else {
      due_ = breached_at_ ? *breached_at_ : t;  // used up while it stood still: due on resuming
    }
  }

  // Stops counting at `t`; the target was missed when it was reached before `t`.
  void Pause(Millis t) {
    if (!since_) return;
    Account(t);
    since_.reset();
    if (!breached_at_) due_.reset();
  }

  // Fulfilled at `t`.
  void Stop(Millis t) {
    if (since_) {
      Account(t);
      since_.reset();
    }
    fulfilled_at_ = t;
  }

  // Counting again after a fulfilment (a reopened ticket).
  void Reopen(Millis t) {
    fulfilled_at_.reset();
    Run(t);
  }

  SlaClock Read(SlaClock c, Millis now) const {
    c.elapsed = elapsed_;
    c.fulfilled_at = fulfilled_at_;
    if (since_) {
      c.elapsed += Span(*since_, std::max(now, *since_));
      c.due_at = due_;
      const bool late = breached_at_ || (due_ && *due_ < now);
      c.state = late ? SlaState::kBreached : SlaState::kActive;
      if (breached_at_) c.due_at = breached_at_;
    } else if (fulfilled_at_) {
      c.due_at = breached_at_ ? breached_at_ : due_;
      c.state = breached_at_ ? SlaState::kBreached : SlaState::kAchieved;
    } else {
      c.due_at = breached_at_;
      c.state = breached_at_ ? SlaState::kBreached : SlaState::kPaused;
    }
    return c;
  }

  bool breached() const { return breached_at_.has_value(); }

 private:
  Millis Span(Millis a, Millis b) const { return hours_ ? hours_->BusinessTimeBetween(a, b) : b - a; }

  void Account(Millis until) {
    if (!breached_at_ && due_ && *due_ < until) breached_at_ = due_;
    elapsed_ += Span(*since_, std::max(until, *since_));
  }

  const BusinessClock* hours_;
  Millis target_;
  Millis elapsed_ = 0;
  std::optional<Millis> since_;
  std::optional<Millis> due_;
  std::optional<Millis> breached_at_;
  std::optional<Millis> fulfilled_at_;
};

}  // namespace

const char* Name(SlaMetric m) {
  switch (m) {
    case SlaMetric::kFirstResponse: return "first_response";
    case SlaMetric::kNextResponse: return "next_response";
    case SlaMetric::kResolution: return "resolution";
  }
  return "first_response";
}

std::optional<SlaMetric> ParseSlaMetric(std::string_view s) {
  for (SlaMetric m : {SlaMetric::kFirstResponse, SlaMetric::kNextResponse, SlaMetric::kResolution}) {
    if (s == Name(m)) return m;
  }
  return std::nullopt;
}

const char* Name(SlaState s) {
  switch (s) {
    case SlaState::kActive: return "active";
    case SlaState::kPaused: return "paused";
    case SlaState::kAchieved: return "achieved";
    case SlaState::kBreached: return "breached";
  }
  return "active";
}

std::vector<FieldError> SlaPolicyProblems(const SlaPolicy& p) {
  std::vector<FieldError> out;
  if (Trim(p.name).empty()) out.push_back({"name", "must not be empty"});
  if (CodePointCount(p.name) > kMaxSlaNameChars) {
    out.push_back({"name", "must be at most " + std::to_string(kMaxSlaNameChars) + " characters"});
  }
  if (p.targets.empty()) out.push_back({"targets", "must hold at least one target"});
  std::set<SlaMetric> seen;
  for (size_t i = 0; i < p.targets.size(); ++i) {
    const SlaTarget& t = p.targets[i];
    const std::string at = "targets[" + std::to_string(i) + "]";
    if (t.minutes < 1 || t.minutes > kMaxSlaTargetMinutes) {
      out.push_back({at + ".minutes", "must be from 1 to " + std::to_string(kMaxSlaTargetMinutes) +
                                          " (a year)"});
    }
    if (!seen.insert(t.metric).second) {
      out.push_back({at + ".metric", std::string("is a second target for ") + Name(t.metric)});
    }
  }
  const SlaConditions& w = p.when;
  auto too_many = [&](const char* field, size_t n) {
    if (n > kMaxSlaConditionValues) {
      out.push_back({std::string("conditions.") + field,
                     "must hold at most " + std::to_string(kMaxSlaConditionValues) + " values"});
    }
  };
  too_many("channels", w.channels.size());
  too_many("priorities", w.priorities.size());
  too_many("tiers", w.tiers.size());
  too_many("group_ids", w.group_ids.size());
  too_many("tags", w.tags.size());
  return out;
}

bool Matches(const SlaConditions& c, const SlaFacts& f) {
  if (!AnyOf(c.channels, f.channel) || !AnyOf(c.priorities, f.priority)) return false;
  if (!c.tiers.empty() && (!f.tier || !AnyOf(c.tiers, *f.tier))) return false;
  if (!c.group_ids.empty() && (!f.group_id || !AnyOf(c.group_ids, *f.group_id))) return false;
  if (!c.tags.empty()) {
    bool any = false;
    for (const std::string& tag : f.tags) any = any || AnyOf(c.tags, tag);
    if (!any) return false;
  }
  return true;
}

const SlaPolicy* MatchPolicy(const std::vector<SlaPolicy>& policies, const SlaFacts& f) {
  const SlaPolicy* best = nullptr;
  for (const SlaPolicy& p : policies) {
    if (!p.active || !Matches(p.when, f)) continue;
    if (!best || p.position < best->position ||
        (p.position == best->position && p.id < best->id)) {
      best = &p;
    }
  }
  return best;
}

std::vector<SlaClock> ComputeSlaClocks(const SlaPolicy& policy, const BusinessClock* hours,
                                       Millis created_at, TicketStatus initial_status,
                                       const std::vector<SlaEvent>& events, Millis now) {
  std::vector<SlaClock> out;
  for (const SlaTarget& target : policy.targets) {
    SlaClock base;
    base.metric = target.metric;
    base.target_minutes = target.minutes;
    base.business_hours = target.business_hours;
    base.started_at = created_at;
    const Millis goal = target.minutes * kMinute;
    auto meter = [&] { return Meter(hours, target.business_hours, goal); };

    switch (target.metric) {
      case SlaMetric::kFirstResponse: {
        Meter m = meter();
        m.Run(created_at);
        for (const SlaEvent& e : events) {
          if (!m.running()) break;
          if (e.kind == SlaEvent::Kind::kAgentReply ||
              (e.kind == SlaEvent::Kind::kStatus && Settled(e.status))) {
            m.Stop(std::max(e.at, created_at));
          }
        }
        out.push_back(m.Read(base, now));
        break;
      }
      case SlaMetric::kNextResponse: {
        std::optional<Meter> cycle;
        bool replied = false;
        int64_t breaches = 0;
        for (const SlaEvent& e : events) {
          const bool open_cycle = cycle && cycle->running();
          if (e.kind == SlaEvent::Kind::kAgentReply) {
            if (open_cycle) cycle->Stop(e.at);
            replied = true;
          } else if (e.kind == SlaEvent::Kind::kStatus && Settled(e.status)) {
            if (open_cycle) cycle->Stop(e.at);
          } else if (e.kind == SlaEvent::Kind::kCustomerMessage && replied && !open_cycle) {
            if (cycle && cycle->breached()) ++breaches;
            cycle = meter();
            cycle->Run(e.at);
            base.started_at = e.at;
          }
        }
        if (!cycle) break;
        SlaClock c = cycle->Read(base, now);
        c.breaches = breaches + (c.state == SlaState::kBreached ? 1 : 0);
        out.push_back(c);
        break;
      }
      case SlaMetric::kResolution: {
        Meter m = meter();
        TicketStatus status = initial_status;
        if (Settled(status)) {
          m.Stop(created_at);
        } else if (status != TicketStatus::kPending) {
          m.Run(created_at);
        }
        for (const SlaEvent& e : events) {
          if (e.kind != SlaEvent::Kind::kStatus || e.status == status) continue;
          const Millis at = std::max(e.at, created_at);
          if (Settled(e.status)) {
            if (!Settled(status)) m.Stop(at);
          } else if (Settled(status)) {
            m.Reopen(at);
            if (e.status == TicketStatus::kPending) m.Pause(at);
          } else if (e.status == TicketStatus::kPending) {
            m.Pause(at);
          } else {
            m.Run(at);
          }
          status = e.status;
        }
        out.push_back(m.Read(base, now));
        break;
      }
    }
  }
  return out;
}

std::optional<Millis> NextDue(const std::vector<SlaClock>& clocks) {
  std::optional<Millis> next;
  for (const SlaClock& c : clocks) {
    if (c.state != SlaState::kActive || !c.due_at) continue;
    if (!next || *c.due_at < *next) next = c.due_at;
  }
  return next;
}

bool AnyBreached(const std::vector<SlaClock>& clocks) {
  return std::any_of(clocks.begin(), clocks.end(),
                     [](const SlaClock& c) { return c.state == SlaState::kBreached; });
}

}  // namespace sahayak::domain
