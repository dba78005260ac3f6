#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "services/analytics/analytics_store.h"
#include "services/analytics/period.h"
#include "services/principal.h"

// Live chat figures (docs/analytics.md, "Live chat"): how long visitors waited, how fast the
// first answer came (the promise: under a minute), how long chats lasted and how many were
// missed, for the team, each agent, each group and each language, over the chats started in
// a period. They are read from what each chat keeps as it happens (migration 0020).
namespace sahayak::services {

// The first-response promise for live chat.
inline constexpr Millis kChatFirstResponseTarget = 60'000;

// Durations added up in constant memory: a count, a sum and a histogram whose buckets are whole
// seconds up to 10 minutes, 10 seconds up to an hour, minutes up to a day and hours beyond, so
// the median and 90th percentile are exact to the second where chat waits live.
class DurationStats {
 public:
  void Add(Millis ms);
  int64_t count() const { return count_; }
  // null without values; seconds to one decimal.
  std::optional<double> AverageSeconds() const;
  // The nearest-rank percentile (0 < p <= 1), as the lower bound of its bucket in seconds.
  std::optional<int64_t> PercentileSeconds(double p) const;

 private:
  int64_t count_ = 0;
  Millis sum_ = 0;
  std::map<int64_t, int64_t> buckets_;  // bucket's lower bound in seconds → values
};

struct ChatCounts {
  int64_t chats = 0;           // started in the period
  int64_t answered = 0;        // an agent accepted
  int64_t missed = 0;          // ended before any agent took it
  int64_t waiting = 0;         // still queued or offered now
  int64_t by_assistant = 0;    // kept by the assistant (services/chat/assistant_hook.h)
  int64_t responded = 0;       // an agent wrote
  int64_t within_target = 0;   // an agent wrote within kChatFirstResponseTarget
  DurationStats wait;            // started → accepted
  DurationStats first_response;  // started → first agent message
  DurationStats duration;        // started → ended, of answered chats
  DurationStats gave_up_after;   // started → ended, of missed chats
};

struct ChatAgentFigure {
  domain::Id agent_id = 0;
  std::string name;
  ChatCounts counts;
};

struct ChatGroupFigure {
  std::optional<domain::Id> group_id;  // unset: chats in no group
  std::string name;
  ChatCounts counts;
};

struct ChatLanguageFigure {
  std::string language;  // "" when the visitor's language was not known
  ChatCounts counts;
};

struct ChatDayFigure {
  std::string date;
  int64_t chats = 0;
  int64_t answered = 0;
  int64_t missed = 0;
  int64_t within_target = 0;
};

struct ChatFigures {
  std::string from;
  std::string to;
  std::string time_zone;
  std::optional<domain::Id> group_id;
  Millis target_ms = kChatFirstResponseTarget;
  ChatCounts totals;
  std::vector<ChatAgentFigure> by_agent;        // most chats first
  std::vector<ChatGroupFigure> by_group;        // most chats first
  std::vector<ChatLanguageFigure> by_language;  // most chats first
  std::vector<ChatDayFigure> days;
};

// Adds chats up into ChatFigures; pure, so the arithmetic is tested without a database.
class ChatFigureBuilder {
 public:
  explicit ChatFigureBuilder(Period period);

  Millis start() const { return period_.start(); }
  Millis end() const { return period_.end(); }

  void Add(const ChatOutcome& c);
  ChatFigures Finish();

 private:
  Period period_;
  ChatFigures out_;
  std::map<domain::Id, ChatAgentFigure> agents_;
  std::map<domain::Id, ChatGroupFigure> groups_;  // 0: no group
  std::map<std::string, ChatLanguageFigure> languages_;
};

struct ChatFigureQuery {
  std::string from;  // "YYYY-MM-DD"; "" for 29 days before `to`
  std::string to;    // "YYYY-MM-DD"; "" for today in the workspace's time zone
  std::string group;  // a group's id, or "" for every group
};

// The figures for `q` in the caller's workspace at time `now`. Admins only (PermissionDenied
// otherwise); InvalidArgument naming `from`, `to` or `group` for a bad query.
Result<ChatFigures> ComputeChatFigures(ReadTx& tx, const Principal& who,
                                       const ChatFigureQuery& q, Millis now);

}  // namespace sahayak::services
