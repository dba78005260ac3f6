// Live chat figures over the chats started in a period (docs/analytics.md, "Live chat").
#include "services/analytics/chat_figures.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

#include "services/store.h"

namespace sahayak::services {

namespace {

int64_t BucketOf(int64_t seconds) {
  if (seconds < 600) return seconds;
  if (seconds < 3'600) return seconds / 10 * 10;
  if (seconds < 86'400) return seconds / 60 * 60;
  return seconds / 3'600 * 3'600;
}

void AddTo(ChatCounts* c, const ChatOutcome& o) {
  c->chats++;
  if (o.wait_ms) {
    c->answered++;
    c->wait.Add(*o.wait_ms);
  }
  if (o.missed) {
    c->missed++;
    if (o.duration_ms) c->gave_up_after.Add(*o.duration_ms);
  } else if (o.wait_ms && o.duration_ms) {
    c->duration.Add(*o.duration_ms);
  }
  if (o.status == "queued" || o.status == "offered") c->waiting++;
  if (o.held_by_assistant) c->by_assistant++;
  if (o.first_response_ms) {
    c->responded++;
    c->first_response.Add(*o.first_response_ms);
    if (*o.first_response_ms <= kChatFirstResponseTarget) c->within_target++;
  }
}

template <typename T>
std::vector<T> MostChatsFirst(std::vector<T> rows) {
  std::stable_sort(rows.begin(), rows.end(),
                   [](const T& a, const T& b) { return a.counts.chats > b.counts.chats; });
  return rows;
}

}  // namespace

// ---- DurationStats ----

void DurationStats::Add(Millis ms) {
  ms = std::max<Millis>(ms, 0);
  count_++;
  sum_ += ms;
  buckets_[BucketOf(ms / 1000)]++;
}

std::optional<double> DurationStats::AverageSeconds() const {
  if (count_ == 0) return std::nullopt;
  return std::round(static_cast<double>(sum_) / static_cast<double>(count_) / 100.0) / 10.0;
}

std::optional<int64_t> DurationStats::PercentileSeconds(double p) const {
  if (count_ == 0) return std::nullopt;
  const auto rank = std::max<int64_t>(
      1, static_cast<int64_t>(std::ceil(p * static_cast<double>(count_) - 1e-9)));
  int64_t seen = 0;
  for (const auto& [bucket, n] : buckets_) {
    seen += n;
    if (seen >= rank) return bucket;
  }
  return buckets_.rbegin()->first;
}

// ---- the builder ----

ChatFigureBuilder::ChatFigureBuilder(Period period) : period_(std::move(period)) {
  out_.from = period_.from();
  out_.to = period_.to();
  out_.time_zone = period_.time_zone();
  for (const std::string& date : period_.dates()) out_.days.push_back(ChatDayFigure{date});
}

void ChatFigureBuilder::Add(const ChatOutcome& o) {
  AddTo(&out_.totals, o);
  if (o.agent_id) {
    ChatAgentFigure& a = agents_[*o.agent_id];
    a.agent_id = *o.agent_id;
    a.name = o.agent_name;
    AddTo(&a.counts, o);
  }
  ChatGroupFigure& g = groups_[o.group_id.value_or(0)];
  g.group_id = o.group_id;
  g.name = o.group_name;
  AddTo(&g.counts, o);
  ChatLanguageFigure& l = languages_[o.language];
  l.language = o.language;
  AddTo(&l.counts, o);
  if (int d = period_.DayOf(o.created_at); d >= 0) {
    ChatDayFigure& day = out_.days[static_cast<size_t>(d)];
    day.chats++;
    if (o.wait_ms) day.answered++;
    if (o.missed) day.missed++;
    if (o.first_response_ms && *o.first_response_ms <= kChatFirstResponseTarget) {
      day.within_target++;
    }
  }
}

ChatFigures ChatFigureBuilder::Finish() {
  std::vector<ChatAgentFigure> agents;
  for (auto& [id, a] : agents_) agents.push_back(std::move(a));
  out_.by_agent = MostChatsFirst(std::move(agents));
  std::vector<ChatGroupFigure> groups;
  for (auto& [id, g] : groups_) groups.push_back(std::move(g));
  out_.by_group = MostChatsFirst(std::move(groups));
  std::vector<ChatLanguageFigure> languages;
  for (auto& [code, l] : languages_) languages.push_back(std::move(l));
  out_.by_language = MostChatsFirst(std::move(languages));
  agents_.clear();
  groups_.clear();
  languages_.clear();
  return std::move(out_);
}

// ---- from the store ----

Result<ChatFigures> ComputeChatFigures(ReadTx& tx, const Principal& who,
                                       const ChatFigureQuery& q, Millis now) {
  if (!who.is_admin()) return PermissionDenied("only admins may read live chat figures");
  ASSIGN_OR_RETURN(Period period, ResolvePeriod(tx, who, q.from, q.to, now));
  ChatCohort cohort;
  cohort.ws = who.workspace_id;
  if (!q.group.empty()) {
    domain::Id id = 0;
    const char* end = q.group.data() + q.group.size();
    auto [ptr, ec] = std::from_chars(q.group.data(), end, id);
    auto bad = [] {
      return InvalidArgument("no group has that id")
          .WithField("group", "is not the id of a group of this workspace");
    };
    if (ec != std::errc() || ptr != end || id <= 0) return bad();
    auto group = tx.GetGroup(who.workspace_id, id);
    if (!group.ok()) {
      if (group.status().code() != Code::kNotFound) return group.status();
      return bad();
    }
    cohort.group_id = id;
  }
  ChatFigureBuilder b(std::move(period));
  cohort.from = b.start();
  cohort.to = b.end();
  RETURN_IF_ERROR(tx.analytics().ForEachChat(cohort, [&b](const ChatOutcome& o) { b.Add(o); }));
  ChatFigures f = b.Finish();
  f.group_id = cohort.group_id;
  return f;
}

}  // namespace sahayak::services
