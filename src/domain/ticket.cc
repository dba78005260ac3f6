#include "domain/ticket.h"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "base/text.h"

namespace sahayak::domain {

const char* ActorKindName(Actor::Kind kind) {
  switch (kind) {
    case Actor::Kind::kAgent: return "agent";
    case Actor::Kind::kContact: return "contact";
    case Actor::Kind::kSystem: return "system";
  }
  return "system";
}

const char* Name(TicketStatus s) {
  switch (s) {
    case TicketStatus::kNew: return "new";
    case TicketStatus::kOpen: return "open";
    case TicketStatus::kPending: return "pending";
    case TicketStatus::kOnHold: return "on_hold";
    case TicketStatus::kSolved: return "solved";
    case TicketStatus::kClosed: return "closed";
  }
  return "new";
}

const char* Name(Priority p) {
  switch (p) {
    case Priority::kLow: return "low";
    case Priority::kNormal: return "normal";
    case Priority::kHigh: return "high";
    case Priority::kUrgent: return "urgent";
  }
  return "normal";
}

const char* Name(TicketType t) {
  switch (t) {
    case TicketType::kQuestion: return "question";
    case TicketType::kIncident: return "incident";
    case TicketType::kComplaint: return "complaint";
    case TicketType::kProblem: return "problem";
    case TicketType::kTask: return "task";
  }
  return "question";
}

const char* Name(Channel c) {
  switch (c) {
    case Channel::kEmail: return "email";
    case Channel::kChat: return "chat";
    case Channel::kPhone: return "phone";
    case Channel::kSocial: return "social";
    case Channel::kWeb: return "web";
    case Channel::kPortal: return "portal";
    case Channel::kApi: return "api";
  }
  return "api";
}

namespace {

template <typename E, size_t N>
std::optional<E> ParseEnum(std::string_view s, const E (&values)[N]) {
  for (E v : values) {
    if (s == Name(v)) return v;
  }
  return std::nullopt;
}

}  // namespace

std::optional<TicketStatus> ParseStatus(std::string_view s) {
  static const TicketStatus kAll[] = {TicketStatus::kNew,     TicketStatus::kOpen,
                                      TicketStatus::kPending, TicketStatus::kOnHold,
                                      TicketStatus::kSolved,  TicketStatus::kClosed};
  return ParseEnum(s, kAll);
}

std::optional<Priority> ParsePriority(std::string_view s) {
  static const Priority kAll[] = {Priority::kLow, Priority::kNormal, Priority::kHigh,
                                  Priority::kUrgent};
  return ParseEnum(s, kAll);
}

std::optional<TicketType> ParseTicketType(std::string_view s) {
  static const TicketType kAll[] = {TicketType::kQuestion, TicketType::kIncident,
                                    TicketType::kComplaint, TicketType::kProblem,
                                    TicketType::kTask};
  return ParseEnum(s, kAll);
}

std::optional<Channel> ParseChannel(std::string_view s) {
  static const Channel kAll[] = {Channel::kEmail, Channel::kChat,   Channel::kPhone,
                                 Channel::kSocial, Channel::kWeb,   Channel::kPortal,
                                 Channel::kApi};
  return ParseEnum(s, kAll);
}

const char* Name(TicketSort s) {
  switch (s) {
    case TicketSort::kUpdatedDesc: return "-updated_at";
    case TicketSort::kUpdatedAsc: return "updated_at";
    case TicketSort::kCreatedDesc: return "-created_at";
    case TicketSort::kCreatedAsc: return "created_at";
    case TicketSort::kSolvedDesc: return "-solved_at";
    case TicketSort::kSlaDue: return "sla_due_at";
  }
  return "-updated_at";
}

std::optional<TicketSort> ParseTicketSort(std::string_view s) {
  static const TicketSort kAll[] = {TicketSort::kUpdatedDesc, TicketSort::kUpdatedAsc,
                                    TicketSort::kCreatedDesc, TicketSort::kCreatedAsc,
                                    TicketSort::kSolvedDesc, TicketSort::kSlaDue};
  return ParseEnum(s, kAll);
}

bool IsAllowedTransition(TicketStatus from, TicketStatus to) {
  using S = TicketStatus;
  if (from == to) return true;
  switch (from) {
    case S::kNew:
    case S::kOpen:
    case S::kPending:
    case S::kOnHold:
      return to == S::kOpen || to == S::kPending || to == S::kOnHold || to == S::kSolved;
    case S::kSolved:
      return to == S::kOpen || to == S::kClosed;
    case S::kClosed:
      return false;
  }
  return false;
}

Status CheckTransition(TicketStatus from, TicketStatus to) {
  if (IsAllowedTransition(from, to)) return Status::Ok();
  return FailedPrecondition(std::string("a ticket cannot move from ") + Name(from) + " to " +
                            Name(to))
      .WithKind("invalid-transition")
      .WithField("status", std::string("not allowed from ") + Name(from));
}

void ApplyStatus(Ticket* t, TicketStatus to, Millis now) {
  if (t->status == to) return;
  if (to == TicketStatus::kSolved) {
    t->solved_at = now;
  } else if (to != TicketStatus::kClosed) {
    t->solved_at.reset();
  }
  t->status = to;
}

Result<std::string> NormaliseTag(std::string_view raw) {
  std::string folded = FoldCase(Trim(raw));
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(folded);
  icu::UnicodeString out;
  bool last_underscore = false;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UChar32 c = u.char32At(i);
    if (u_isUWhiteSpace(c)) {
      if (!last_underscore) out.append(static_cast<UChar32>('_'));
      last_underscore = true;
      continue;
    }
    last_underscore = false;
    int8_t type = u_charType(c);
    bool mark = type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
                type == U_ENCLOSING_MARK;
    if (!(u_isalnum(c) || mark || c == '_' || c == '-' || c == ':' || c == '.')) {
      return InvalidArgument("tag \"" + std::string(raw) + "\" has a character tags may not hold")
          .WithField("tags", "letters, digits, '_', '-', ':' and '.' only");
    }
    out.append(c);
  }
  std::string tag;
  out.toUTF8String(tag);
  if (tag.empty()) return InvalidArgument("a tag is empty").WithField("tags", "empty tag");
  if (CodePointCount(tag) > 64) {
    return InvalidArgument("a tag is longer than 64 characters").WithField("tags", "too long");
  }
  return tag;
}

Result<std::vector<std::string>> NormaliseTags(const std::vector<std::string>& tags) {
  if (tags.size() > kMaxTagsPerTicket) {
    return InvalidArgument("a ticket holds at most 50 tags").WithField("tags", "too many");
  }
  std::vector<std::string> out;
  out.reserve(tags.size());
  for (const auto& t : tags) {
    ASSIGN_OR_RETURN(std::string n, NormaliseTag(t));
    out.push_back(std::move(n));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace sahayak::domain
