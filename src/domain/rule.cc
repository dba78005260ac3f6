#include "domain/rule.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "base/text.h"

namespace sahayak::domain {

using nlohmann::json;

namespace {

template <typename E, size_t N>
std::optional<E> ParseByName(const std::pair<E, const char*> (&names)[N], std::string_view s) {
  for (const auto& [e, n] : names) {
    if (s == n) return e;
  }
  return std::nullopt;
}
template <typename E, size_t N>
const char* NameOf(const std::pair<E, const char*> (&names)[N], E e) {
  for (const auto& [v, n] : names) {
    if (v == e) return n;
  }
  return "";
}

constexpr std::pair<RuleEvent, const char*> kEventNames[] = {
    {RuleEvent::kTicketCreated, "ticket.created"},
    {RuleEvent::kTicketUpdated, "ticket.updated"},
    {RuleEvent::kMessageReceived, "message.received"},
    {RuleEvent::kChatStarted, "chat.started"},
    {RuleEvent::kTrackingEvent, "tracking.event"},
    {RuleEvent::kSlaWarning, "sla.warning"},
    {RuleEvent::kSlaBreached, "sla.breached"},
};

constexpr std::pair<RuleOp, const char*> kOpNames[] = {
    {RuleOp::kIs, "is"},
    {RuleOp::kIsNot, "is_not"},
    {RuleOp::kIn, "in"},
    {RuleOp::kNotIn, "not_in"},
    {RuleOp::kLessThan, "less_than"},
    {RuleOp::kGreaterThan, "greater_than"},
    {RuleOp::kContains, "contains"},
    {RuleOp::kNotContains, "not_contains"},
    {RuleOp::kContainsAny, "contains_any"},
    {RuleOp::kContainsNone, "contains_none"},
    {RuleOp::kContainsAll, "contains_all"},
    {RuleOp::kPresent, "present"},
    {RuleOp::kBlank, "blank"},
    {RuleOp::kChanged, "changed"},
    {RuleOp::kNotChanged, "not_changed"},
    {RuleOp::kChangedTo, "changed_to"},
    {RuleOp::kChangedFrom, "changed_from"},
};

constexpr std::pair<RuleValueKind, const char*> kKindNames[] = {
    {RuleValueKind::kEnum, "enum"},     {RuleValueKind::kText, "text"},
    {RuleValueKind::kId, "id"},         {RuleValueKind::kTags, "tags"},
    {RuleValueKind::kNumber, "number"}, {RuleValueKind::kBool, "bool"},
    {RuleValueKind::kHours, "hours"},   {RuleValueKind::kDate, "date"},
};

template <typename E>
std::vector<std::string> EnumNames(int count) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.push_back(Name(static_cast<E>(i)));
  return out;
}

std::vector<std::string> ShipmentStatusNames() {
  std::vector<std::string> out;
  for (int i = 0; i <= static_cast<int>(ShipmentStatus::kDamaged); ++i) {
    out.push_back(ShipmentStatusName(static_cast<ShipmentStatus>(i)));
  }
  return out;
}

bool OpTakesNoValue(RuleOp op) {
  return op == RuleOp::kPresent || op == RuleOp::kBlank || op == RuleOp::kChanged ||
         op == RuleOp::kNotChanged;
}
bool OpTakesList(RuleOp op) {
  return op == RuleOp::kIn || op == RuleOp::kNotIn || op == RuleOp::kContainsAny ||
         op == RuleOp::kContainsNone || op == RuleOp::kContainsAll;
}
bool IsChangeOp(RuleOp op) {
  return op == RuleOp::kChanged || op == RuleOp::kNotChanged || op == RuleOp::kChangedTo ||
         op == RuleOp::kChangedFrom;
}

using O = RuleOp;
const std::vector<RuleOp> kEnumOps = {O::kIs, O::kIsNot, O::kIn, O::kNotIn};
const std::vector<RuleOp> kChangeOps = {O::kChanged, O::kNotChanged, O::kChangedTo,
                                        O::kChangedFrom};

std::vector<RuleOp> Concat(std::vector<RuleOp> a, const std::vector<RuleOp>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const std::vector<RuleFieldSpec>& FixedFields() {
  static const std::vector<RuleFieldSpec> kFields = [] {
    std::vector<RuleFieldSpec> f;
    auto add = [&](RuleField field, const char* name, const char* label, RuleValueKind kind,
                   std::vector<std::string> values, std::vector<RuleOp> ops) -> RuleFieldSpec& {
      RuleFieldSpec s;
      s.field = field;
      s.name = name;
      s.label = label;
      s.kind = kind;
      s.values = std::move(values);
      s.ops = std::move(ops);
      f.push_back(std::move(s));
      return f.back();
    };
    const auto ordered = Concat(kEnumOps, {O::kLessThan, O::kGreaterThan});
    add(RuleField::kStatus, "status", "Status", RuleValueKind::kEnum,
        EnumNames<TicketStatus>(6), Concat(ordered, kChangeOps));
    add(RuleField::kPriority, "priority", "Priority", RuleValueKind::kEnum,
        EnumNames<Priority>(4), Concat(ordered, kChangeOps));
    add(RuleField::kType, "type", "Type", RuleValueKind::kEnum, EnumNames<TicketType>(5),
        Concat(kEnumOps, kChangeOps));
    add(RuleField::kChannel, "channel", "Channel", RuleValueKind::kEnum, EnumNames<Channel>(7),
        kEnumOps);
    add(RuleField::kLanguage, "language", "Language", RuleValueKind::kText, {},
        Concat(Concat(kEnumOps, {O::kPresent, O::kBlank}), kChangeOps));
    add(RuleField::kGroup, "group_id", "Group", RuleValueKind::kId, {},
        Concat(Concat(kEnumOps, {O::kPresent, O::kBlank}), kChangeOps))
        .nullable = true;
    add(RuleField::kAssignee, "assignee_id", "Assignee", RuleValueKind::kId, {},
        Concat(Concat(kEnumOps, {O::kPresent, O::kBlank}), kChangeOps))
        .nullable = true;
    add(RuleField::kOrganisation, "organisation_id", "Organisation", RuleValueKind::kId, {},
        Concat(kEnumOps, {O::kPresent, O::kBlank}))
        .nullable = true;
    add(RuleField::kTier, "tier", "Organisation tier", RuleValueKind::kEnum,
        EnumNames<Tier>(4), Concat(ordered, {O::kPresent, O::kBlank}));
    add(RuleField::kRequesterEmail, "requester.email", "Requester e-mail", RuleValueKind::kText,
        {}, {O::kIs, O::kIsNot, O::kContains, O::kNotContains, O::kPresent, O::kBlank});
    add(RuleField::kTags, "tags", "Tags", RuleValueKind::kTags, {},
        {O::kContainsAny, O::kContainsNone, O::kContainsAll, O::kChanged, O::kNotChanged});
    add(RuleField::kSubject, "subject", "Subject", RuleValueKind::kText, {},
        {O::kContains, O::kNotContains, O::kIs, O::kIsNot});
    add(RuleField::kWithinBusinessHours, "within_business_hours", "Within business hours",
        RuleValueKind::kBool, {}, {O::kIs});
    add(RuleField::kSlaBreached, "sla_breached", "SLA breached", RuleValueKind::kBool, {},
        {O::kIs});
    add(RuleField::kMessageBody, "message.body", "Message text", RuleValueKind::kText, {},
        {O::kContains, O::kNotContains})
        .events = {RuleEvent::kMessageReceived, RuleEvent::kTicketCreated};
    add(RuleField::kMessageChannel, "message.channel", "Message channel", RuleValueKind::kEnum,
        EnumNames<Channel>(7), kEnumOps)
        .events = {RuleEvent::kMessageReceived, RuleEvent::kTicketCreated,
                   RuleEvent::kChatStarted};
    add(RuleField::kShipmentStatus, "shipment.status", "Parcel status", RuleValueKind::kEnum,
        ShipmentStatusNames(), kEnumOps)
        .events = {RuleEvent::kTrackingEvent};
    add(RuleField::kSlaMetric, "sla.metric", "SLA target", RuleValueKind::kEnum,
        EnumNames<SlaMetric>(3), kEnumOps)
        .events = {RuleEvent::kSlaWarning, RuleEvent::kSlaBreached};
    const std::vector<RuleOp> hours = {O::kLessThan, O::kGreaterThan};
    add(RuleField::kHoursSinceCreated, "hours_since_created", "Hours since created",
        RuleValueKind::kHours, {}, hours)
        .time = true;
    add(RuleField::kHoursSinceUpdated, "hours_since_updated", "Hours since updated",
        RuleValueKind::kHours, {}, hours)
        .time = true;
    add(RuleField::kHoursSinceStatusChanged, "hours_since_status_changed",
        "Hours in the current status", RuleValueKind::kHours, {}, hours)
        .time = true;
    add(RuleField::kHoursSinceSolved, "hours_since_solved", "Hours since solved",
        RuleValueKind::kHours, {}, hours)
        .time = true;
    add(RuleField::kHoursUntilSlaDue, "hours_until_sla_due", "Hours until the SLA is due",
        RuleValueKind::kHours, {}, hours)
        .time = true;
    return f;
  }();
  return kFields;
}

constexpr const char* kCustomPrefix = "custom_fields.";

RuleFieldSpec CustomSpec(const CustomFieldDef& d) {
  RuleFieldSpec s;
  s.field = RuleField::kCustomField;
  s.name = kCustomPrefix + d.key;
  s.label = d.label;
  s.custom_key = d.key;
  s.nullable = true;
  switch (d.type) {
    case FieldType::kText:
      s.kind = RuleValueKind::kText;
      s.ops = {O::kIs, O::kIsNot, O::kContains, O::kNotContains, O::kPresent, O::kBlank};
      break;
    case FieldType::kNumber:
      s.kind = RuleValueKind::kNumber;
      s.ops = {O::kIs, O::kIsNot, O::kLessThan, O::kGreaterThan, O::kPresent, O::kBlank};
      break;
    case FieldType::kDate:
      s.kind = RuleValueKind::kDate;
      s.ops = {O::kIs, O::kLessThan, O::kGreaterThan, O::kPresent, O::kBlank};
      break;
    case FieldType::kDropdown:
      s.kind = RuleValueKind::kEnum;
      s.values = d.options;
      s.ops = Concat(kEnumOps, {O::kPresent, O::kBlank});
      break;
    case FieldType::kCheckbox:
      s.kind = RuleValueKind::kBool;
      s.ops = {O::kIs};
      break;
  }
  s.ops = Concat(s.ops, kChangeOps);
  return s;
}

std::string EventList(const std::vector<RuleEvent>& events) {
  std::string out;
  for (RuleEvent e : events) {
    if (!out.empty()) out += ", ";
    out += Name(e);
  }
  return out;
}

std::string ValueList(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// Compiles one scalar `v` of condition `c` (spec `s`) into c->ints / texts / number / flag.
// Returns the error message, or "".
std::string CompileScalar(const RuleFieldSpec& s, const RuleVocabulary& vocab, const json& v,
                          RuleCondition* c) {
  switch (s.kind) {
    case RuleValueKind::kEnum: {
      if (!v.is_string()) return "must be one of " + ValueList(s.values);
      const std::string name = v.get<std::string>();
      auto it = std::find(s.values.begin(), s.values.end(), name);
      if (it == s.values.end()) {
        return "\"" + name + "\" is not a value of " + s.name + "; use one of " +
               ValueList(s.values);
      }
      c->ints.push_back(it - s.values.begin());
      c->texts.push_back(name);
      return "";
    }
    case RuleValueKind::kId: {
      if (v.is_null()) {
        if (!s.nullable) return "must be an id";
        c->ints.push_back(0);
        return "";
      }
      if (!v.is_number_integer() || v.get<int64_t>() <= 0) return "must be an id or null";
      const Id id = v.get<Id>();
      const std::vector<Id>* known = s.field == RuleField::kGroup      ? &vocab.group_ids
                                     : s.field == RuleField::kAssignee ? &vocab.agent_ids
                                                                       : nullptr;
      if (known != nullptr && std::find(known->begin(), known->end(), id) == known->end()) {
        return std::to_string(id) + " is not " +
               (s.field == RuleField::kGroup ? "a group" : "an agent") + " of this workspace";
      }
      c->ints.push_back(id);
      return "";
    }
    case RuleValueKind::kText:
    case RuleValueKind::kTags: {
      if (!v.is_string()) return "must be a string";
      std::string text = ToNfc(Trim(v.get<std::string>()));
      if (text.empty()) return "must not be empty";
      if (CodePointCount(text) > 1000) return "is longer than 1,000 characters";
      if (s.kind == RuleValueKind::kTags) {
        auto tag = NormaliseTag(text);
        if (!tag.ok()) return tag.status().message();
        c->texts.push_back(*tag);
      } else {
        c->texts.push_back(FoldCase(text));
        c->folded = true;
      }
      return "";
    }
    case RuleValueKind::kNumber: {
      if (!v.is_number()) return "must be a number";
      c->number = v.get<double>();
      c->texts.push_back(v.dump());
      return "";
    }
    case RuleValueKind::kDate: {
      if (!v.is_string() || !IsDate(v.get<std::string>())) return "must be a date YYYY-MM-DD";
      c->texts.push_back(v.get<std::string>());
      return "";
    }
    case RuleValueKind::kBool: {
      if (!v.is_boolean()) return "must be true or false";
      c->flag = v.get<bool>();
      return "";
    }
    case RuleValueKind::kHours: {
      if (!v.is_number()) return "must be a number of hours";
      const double h = v.get<double>();
      if (!std::isfinite(h) || std::fabs(h) > 24.0 * 366 * 5) {
        return "must be a number of hours within five years";
      }
      if (h < 0 && s.field != RuleField::kHoursUntilSlaDue) return "must not be negative";
      c->ints.push_back(static_cast<int64_t>(std::llround(h * kHour)));
      return "";
    }
  }
  return "";
}

const RuleFieldSpec* FindSpec(const std::vector<RuleFieldSpec>& specs, std::string_view name) {
  for (const auto& s : specs) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

struct Parsed {
  Status errors = InvalidArgument("the conditions are not valid");
  bool failed = false;
  void Fail(const std::string& m, const std::string& msg) {
    errors.WithField(m, msg);
    failed = true;
  }
};

void ParseList(const json& list, const std::string& at, RuleKind kind,
               const std::vector<RuleEvent>& events, const RuleVocabulary& vocab,
               const std::vector<RuleFieldSpec>& specs, std::vector<RuleCondition>* out,
               Parsed* p) {
  if (list.is_null()) return;
  if (!list.is_array()) {
    p->Fail(at, "must be an array of conditions");
    return;
  }
  if (list.size() > kMaxRuleConditions) {
    p->Fail(at, "holds more than 50 conditions");
    return;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string m = at + "[" + std::to_string(i) + "]";
    const json& j = list[i];
    if (!j.is_object()) {
      p->Fail(m, "must be an object with field, operator and value");
      continue;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() != "field" && it.key() != "operator" && it.key() != "value") {
        p->Fail(m + "." + it.key(), "is not a member of a condition (field, operator, value)");
      }
    }
    if (!j.contains("field") || !j["field"].is_string()) {
      p->Fail(m + ".field", "is required: the name of a field (GET /api/v1/rules/fields)");
      continue;
    }
    const std::string name = j["field"].get<std::string>();
    const RuleFieldSpec* s = FindSpec(specs, name);
    if (s == nullptr) {
      p->Fail(m + ".field", name.rfind(kCustomPrefix, 0) == 0
                                ? "\"" + name + "\" is not an active custom field"
                                : "\"" + name + "\" is not a field rules can test");
      continue;
    }
    if (s->time && kind == RuleKind::kTrigger) {
      p->Fail(m + ".field", name + " is a time condition: use it in an automation, which "
                                   "checks tickets as time passes");
      continue;
    }
    if (!s->events.empty()) {
      if (kind == RuleKind::kAutomation) {
        p->Fail(m + ".field", name + " is only known when an event happens (" +
                                  EventList(s->events) + "): use it in a trigger");
        continue;
      }
      std::vector<RuleEvent> missing;
      for (RuleEvent e : events) {
        if (std::find(s->events.begin(), s->events.end(), e) == s->events.end()) {
          missing.push_back(e);
        }
      }
      if (!missing.empty()) {
        p->Fail(m + ".field", name + " is only known on " + EventList(s->events) +
                                  "; this trigger also fires on " + EventList(missing));
        continue;
      }
    }
    if (!j.contains("operator") || !j["operator"].is_string()) {
      p->Fail(m + ".operator", "is required: one of " + [&] {
        std::vector<std::string> n;
        for (RuleOp op : s->ops) n.push_back(Name(op));
        return ValueList(n);
      }());
      continue;
    }
    const std::string opname = j["operator"].get<std::string>();
    auto op = ParseRuleOp(opname);
    if (!op || std::find(s->ops.begin(), s->ops.end(), *op) == s->ops.end()) {
      std::vector<std::string> n;
      for (RuleOp o : s->ops) n.push_back(Name(o));
      p->Fail(m + ".operator",
              "\"" + opname + "\" does not apply to " + name + "; use one of " + ValueList(n));
      continue;
    }
    if (IsChangeOp(*op)) {
      if (kind == RuleKind::kAutomation) {
        p->Fail(m + ".operator", opname + " is only known when a ticket changes: use it in a "
                                          "trigger on ticket.updated");
        continue;
      }
      std::vector<RuleEvent> other;
      for (RuleEvent e : events) {
        if (e != RuleEvent::kTicketUpdated) other.push_back(e);
      }
      if (!other.empty()) {
        p->Fail(m + ".operator", opname + " is only known on ticket.updated; this trigger also "
                                          "fires on " + EventList(other));
        continue;
      }
    }
    RuleCondition c;
    c.field = s->field;
    c.name = name;
    c.op = *op;
    c.custom_key = s->custom_key;
    const std::string vm = m + ".value";
    if (OpTakesNoValue(*op)) {
      if (j.contains("value") && !j["value"].is_null()) {
        p->Fail(vm, opname + " takes no value");
        continue;
      }
    } else if (!j.contains("value")) {
      p->Fail(vm, "is required");
      continue;
    } else if (OpTakesList(*op)) {
      const json& v = j["value"];
      if (!v.is_array() || v.empty()) {
        p->Fail(vm, "must be a non-empty array");
        continue;
      }
      if (v.size() > 100) {
        p->Fail(vm, "holds more than 100 values");
        continue;
      }
      std::string err;
      for (size_t k = 0; k < v.size() && err.empty(); ++k) {
        err = CompileScalar(*s, vocab, v[k], &c);
        if (!err.empty()) err = "[" + std::to_string(k) + "] " + err;
      }
      if (!err.empty()) {
        p->Fail(vm, err);
        continue;
      }
    } else {
      const json& v = j["value"];
      if (v.is_array()) {
        p->Fail(vm, opname + " takes one value; use in or not_in for several");
        continue;
      }
      if (v.is_null() && !(s->kind == RuleValueKind::kId && s->nullable)) {
        p->Fail(vm, "must not be null; use the operator blank for \"has no value\"");
        continue;
      }
      std::string err = CompileScalar(*s, vocab, v, &c);
      if (!err.empty()) {
        p->Fail(vm, err);
        continue;
      }
    }
    // The value as written back: normalised.
    if (OpTakesNoValue(*op)) {
      c.value = nullptr;
    } else if (s->kind == RuleValueKind::kTags) {
      c.value = OpTakesList(*op) ? json(c.texts) : json(c.texts.front());
    } else if (s->kind == RuleValueKind::kText) {
      if (OpTakesList(*op)) {
        c.value = json::array();
        for (const auto& v : j["value"]) c.value.push_back(ToNfc(Trim(v.get<std::string>())));
      } else {
        c.value = ToNfc(Trim(j["value"].get<std::string>()));
      }
    } else {
      c.value = j["value"];
    }
    out->push_back(std::move(c));
  }
}

// --- evaluation ------------------------------------------------------------------------------

bool HasInt(const RuleCondition& c, int64_t v) {
  return std::find(c.ints.begin(), c.ints.end(), v) != c.ints.end();
}

bool CompareInt(const RuleCondition& c, int64_t v) {
  switch (c.op) {
    case RuleOp::kIs:
    case RuleOp::kIn:
      return HasInt(c, v);
    case RuleOp::kIsNot:
    case RuleOp::kNotIn:
      return !HasInt(c, v);
    case RuleOp::kLessThan:
      return !c.ints.empty() && v < c.ints.front();
    case RuleOp::kGreaterThan:
      return !c.ints.empty() && v > c.ints.front();
    case RuleOp::kPresent:
      return v != 0;
    case RuleOp::kBlank:
      return v == 0;
    default:
      return false;
  }
}

bool HasText(const RuleCondition& c, std::string_view v) {
  return std::find(c.texts.begin(), c.texts.end(), v) != c.texts.end();
}

bool CompareText(const RuleCondition& c, std::string_view v) {
  switch (c.op) {
    case RuleOp::kIs:
    case RuleOp::kIn:
      return HasText(c, v);
    case RuleOp::kIsNot:
    case RuleOp::kNotIn:
      return !HasText(c, v);
    case RuleOp::kContains:
      return !c.texts.empty() && v.find(c.texts.front()) != std::string_view::npos;
    case RuleOp::kNotContains:
      return c.texts.empty() || v.find(c.texts.front()) == std::string_view::npos;
    case RuleOp::kPresent:
      return !v.empty();
    case RuleOp::kBlank:
      return v.empty();
    case RuleOp::kLessThan:  // dates
      return !v.empty() && !c.texts.empty() && v < c.texts.front();
    case RuleOp::kGreaterThan:
      return !v.empty() && !c.texts.empty() && v > c.texts.front();
    default:
      return false;
  }
}

bool CompareTags(const RuleCondition& c, const std::vector<std::string>& tags) {
  auto has = [&](const std::string& t) {
    return std::binary_search(tags.begin(), tags.end(), t) ||
           std::find(tags.begin(), tags.end(), t) != tags.end();
  };
  switch (c.op) {
    case RuleOp::kContainsAny:
      return std::any_of(c.texts.begin(), c.texts.end(), has);
    case RuleOp::kContainsNone:
      return std::none_of(c.texts.begin(), c.texts.end(), has);
    case RuleOp::kContainsAll:
      return std::all_of(c.texts.begin(), c.texts.end(), has);
    default:
      return false;
  }
}

// The audit key of a field in `changes` (TicketAuditView's members).
const char* ChangeKey(const RuleCondition& c) {
  switch (c.field) {
    case RuleField::kStatus: return "status";
    case RuleField::kPriority: return "priority";
    case RuleField::kType: return "type";
    case RuleField::kLanguage: return "language";
    case RuleField::kGroup: return "group_id";
    case RuleField::kAssignee: return "assignee_id";
    case RuleField::kTags: return "tags";
    case RuleField::kCustomField: return "custom_fields";
    default: return "";
  }
}

// [before, after] of the condition's field in this event, or nullptr when it did not change.
bool ChangedValues(const RuleCondition& c, const RuleFacts& f, json* before, json* after) {
  if (f.changes == nullptr || !f.changes->is_object()) return false;
  auto it = f.changes->find(ChangeKey(c));
  if (it == f.changes->end() || !it->is_array() || it->size() != 2) return false;
  if (c.field == RuleField::kCustomField) {
    const json& b = (*it)[0];
    const json& a = (*it)[1];
    json bv = b.is_object() && b.contains(c.custom_key) ? b[c.custom_key] : json();
    json av = a.is_object() && a.contains(c.custom_key) ? a[c.custom_key] : json();
    if (bv == av) return false;
    *before = std::move(bv);
    *after = std::move(av);
    return true;
  }
  *before = (*it)[0];
  *after = (*it)[1];
  return *before != *after;
}

// Whether a changed value (as the audit writes it) is the condition's value.
bool ValueIs(const RuleCondition& c, const json& v) {
  if (v.is_null()) return HasInt(c, 0) && c.texts.empty();
  if (v.is_number_integer()) return HasInt(c, v.get<int64_t>());
  if (v.is_boolean()) return c.flag == v.get<bool>();
  if (v.is_number()) return c.number == v.get<double>();
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    return HasText(c, s) || HasText(c, FoldCase(s));
  }
  return false;
}

bool MatchChange(const RuleCondition& c, const RuleFacts& f) {
  json before, after;
  const bool changed = ChangedValues(c, f, &before, &after);
  switch (c.op) {
    case RuleOp::kChanged: return changed;
    case RuleOp::kNotChanged: return !changed;
    case RuleOp::kChangedTo: return changed && ValueIs(c, after);
    case RuleOp::kChangedFrom: return changed && ValueIs(c, before);
    default: return false;
  }
}

std::string CustomText(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

bool MatchCustom(const RuleCondition& c, const Ticket& t) {
  const json* v = nullptr;
  if (t.custom_fields.is_object()) {
    auto it = t.custom_fields.find(c.custom_key);
    if (it != t.custom_fields.end() && !it->is_null()) v = &*it;
  }
  if (c.op == RuleOp::kPresent) return v != nullptr && !(v->is_string() && v->get_ref<const std::string&>().empty());
  if (c.op == RuleOp::kBlank) return v == nullptr || (v->is_string() && v->get_ref<const std::string&>().empty());
  if (v == nullptr) return c.op == RuleOp::kIsNot || c.op == RuleOp::kNotIn ||
                           c.op == RuleOp::kNotContains;
  if (v->is_boolean()) return c.op == RuleOp::kIs && v->get<bool>() == c.flag;
  if (v->is_number()) {
    const double d = v->get<double>();
    switch (c.op) {
      case RuleOp::kIs: return d == c.number;
      case RuleOp::kIsNot: return d != c.number;
      case RuleOp::kLessThan: return d < c.number;
      case RuleOp::kGreaterThan: return d > c.number;
      default: return false;
    }
  }
  const std::string text = CustomText(*v);
  return CompareText(c, c.folded ? FoldCase(text) : text);
}

bool MatchHours(const RuleCondition& c, std::optional<Millis> elapsed) {
  if (!elapsed || c.ints.empty()) return false;
  if (c.op == RuleOp::kLessThan) return *elapsed < c.ints.front();
  if (c.op == RuleOp::kGreaterThan) return *elapsed > c.ints.front();
  return false;
}

bool NeedsEvent(const RuleCondition& c) {
  if (IsChangeOp(c.op)) return true;
  switch (c.field) {
    case RuleField::kMessageBody:
    case RuleField::kMessageChannel:
    case RuleField::kShipmentStatus:
    case RuleField::kSlaMetric:
      return true;
    default:
      return false;
  }
}

}  // namespace

const char* Name(RuleKind k) { return k == RuleKind::kTrigger ? "trigger" : "automation"; }
std::optional<RuleKind> ParseRuleKind(std::string_view s) {
  if (s == "trigger") return RuleKind::kTrigger;
  if (s == "automation") return RuleKind::kAutomation;
  return std::nullopt;
}
const char* Name(RuleEvent e) { return NameOf(kEventNames, e); }
std::optional<RuleEvent> ParseRuleEvent(std::string_view s) { return ParseByName(kEventNames, s); }
const char* Name(RuleOp op) { return NameOf(kOpNames, op); }
std::optional<RuleOp> ParseRuleOp(std::string_view s) { return ParseByName(kOpNames, s); }
const char* Name(RuleValueKind k) { return NameOf(kKindNames, k); }

std::vector<RuleFieldSpec> RuleFields(const std::vector<CustomFieldDef>& custom_fields) {
  std::vector<RuleFieldSpec> out = FixedFields();
  for (const auto& d : custom_fields) {
    if (d.active) out.push_back(CustomSpec(d));
  }
  return out;
}

json RuleVocabularyJson(const std::vector<CustomFieldDef>& custom_fields) {
  json fields = json::array();
  for (const auto& s : RuleFields(custom_fields)) {
    json ops = json::array();
    for (RuleOp op : s.ops) ops.push_back(Name(op));
    json events = json::array();
    for (RuleEvent e : s.events) events.push_back(Name(e));
    fields.push_back({{"name", s.name},
                      {"label", s.label},
                      {"kind", Name(s.kind)},
                      {"values", s.values},
                      {"operators", ops},
                      {"events", events},
                      {"time", s.time},
                      {"nullable", s.nullable}});
  }
  json events = json::array();
  for (const auto& [e, n] : kEventNames) events.push_back(n);
  json actions = json::array();
  std::string_view list = kRuleActionTypes;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    actions.push_back(std::string(Trim(list.substr(0, comma))));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return {{"fields", fields}, {"events", events}, {"actions", actions}};
}

Result<RuleConditions> ParseRuleConditions(const json& conditions, RuleKind kind,
                                           const std::vector<RuleEvent>& events,
                                           const RuleVocabulary& vocab, std::string_view member) {
  const std::string base(member);
  Parsed p;
  RuleConditions out;
  if (conditions.is_null()) {
    if (kind == RuleKind::kAutomation) {
      p.Fail(base + ".all", "an automation needs a time condition (hours_since_…) so it acts "
                            "once the time has come");
      return p.errors;
    }
    return out;
  }
  if (!conditions.is_object()) {
    p.Fail(base, "must be an object {\"all\": [...], \"any\": [...]}");
    return p.errors;
  }
  for (auto it = conditions.begin(); it != conditions.end(); ++it) {
    if (it.key() != "all" && it.key() != "any") {
      p.Fail(base + "." + it.key(), "is not a member of conditions (all, any)");
    }
  }
  const std::vector<RuleFieldSpec> specs = RuleFields(vocab.custom_fields);
  ParseList(conditions.contains("all") ? conditions["all"] : json(), base + ".all", kind, events,
            vocab, specs, &out.all, &p);
  ParseList(conditions.contains("any") ? conditions["any"] : json(), base + ".any", kind, events,
            vocab, specs, &out.any, &p);
  if (!p.failed && kind == RuleKind::kAutomation) {
    const bool timed = std::any_of(out.all.begin(), out.all.end(), [&](const RuleCondition& c) {
      const RuleFieldSpec* s = FindSpec(specs, c.name);
      return s != nullptr && s->time;
    });
    if (!timed) {
      p.Fail(base + ".all", "an automation needs a time condition (hours_since_created, "
                            "hours_since_updated, hours_since_status_changed, "
                            "hours_since_solved or hours_until_sla_due) among all");
    }
  }
  if (p.failed) return p.errors;
  return out;
}

json RuleConditionsToJson(const RuleConditions& c) {
  auto list = [](const std::vector<RuleCondition>& v) {
    json out = json::array();
    for (const auto& k : v) {
      json j = {{"field", k.name}, {"operator", Name(k.op)}};
      if (!OpTakesNoValue(k.op)) j["value"] = k.value;
      out.push_back(std::move(j));
    }
    return out;
  };
  return {{"all", list(c.all)}, {"any", list(c.any)}};
}

RuleConditions RuleConditionsFromJson(const json& stored,
                                      const std::vector<CustomFieldDef>& custom_fields) {
  RuleConditions out;
  if (!stored.is_object()) return out;
  // Stored conditions were valid when saved: compile them again with a vocabulary that
  // accepts any id (a group deleted since simply never matches).
  std::vector<CustomFieldDef> all_fields = custom_fields;
  for (auto& d : all_fields) d.active = true;
  const std::vector<RuleFieldSpec> specs = RuleFields(all_fields);
  RuleVocabulary any_ids;
  for (const char* key : {"all", "any"}) {
    if (!stored.contains(key) || !stored[key].is_array()) continue;
    std::vector<RuleCondition>* into = std::string_view(key) == "all" ? &out.all : &out.any;
    for (const auto& j : stored[key]) {
      if (!j.is_object() || !j.contains("field") || !j["field"].is_string() ||
          !j.contains("operator") || !j["operator"].is_string()) {
        continue;
      }
      const RuleFieldSpec* s = FindSpec(specs, j["field"].get<std::string>());
      auto op = ParseRuleOp(j["operator"].get<std::string>());
      if (s == nullptr || !op) continue;
      RuleCondition c;
      c.field = s->field;
      c.name = s->name;
      c.op = *op;
      c.custom_key = s->custom_key;
      c.value = j.contains("value") ? j["value"] : json();
      RuleFieldSpec lax = *s;
      bool ok = true;
      if (!OpTakesNoValue(*op)) {
        const json values = c.value.is_array() ? c.value : json::array({c.value});
        for (const auto& v : values) {
          if (lax.kind == RuleValueKind::kId && v.is_number_integer()) {
            c.ints.push_back(v.get<int64_t>());
            continue;
          }
          if (!CompileScalar(lax, any_ids, v, &c).empty()) ok = false;
        }
      }
      if (ok) into->push_back(std::move(c));
    }
  }
  return out;
}

RuleFacts RuleFacts::ForTicket(const Ticket& t, Millis now) {
  RuleFacts f;
  f.ticket = &t;
  f.subject = FoldCase(t.subject);
  f.now = now;
  return f;
}

bool Matches(const RuleCondition& c, const RuleFacts& f) {
  const Ticket& t = *f.ticket;
  if (IsChangeOp(c.op)) return MatchChange(c, f);
  switch (c.field) {
    case RuleField::kStatus: return CompareInt(c, static_cast<int64_t>(t.status));
    case RuleField::kPriority: return CompareInt(c, static_cast<int64_t>(t.priority));
    case RuleField::kType: return CompareInt(c, static_cast<int64_t>(t.type));
    case RuleField::kChannel: return CompareInt(c, static_cast<int64_t>(t.channel));
    case RuleField::kLanguage: return CompareText(c, t.language);
    case RuleField::kGroup: return CompareInt(c, t.group_id.value_or(0));
    case RuleField::kAssignee: return CompareInt(c, t.assignee_id.value_or(0));
    case RuleField::kOrganisation: return CompareInt(c, t.organisation_id.value_or(0));
    case RuleField::kTier:
      if (!f.tier) return c.op == RuleOp::kBlank || c.op == RuleOp::kIsNot || c.op == RuleOp::kNotIn;
      if (c.op == RuleOp::kPresent) return true;
      if (c.op == RuleOp::kBlank) return false;
      return CompareInt(c, static_cast<int64_t>(*f.tier));
    case RuleField::kRequesterEmail: return CompareText(c, f.requester_email);
    case RuleField::kTags: return CompareTags(c, t.tags);
    case RuleField::kSubject: return CompareText(c, f.subject);
    case RuleField::kCustomField: return MatchCustom(c, t);
    case RuleField::kWithinBusinessHours: return f.within_business_hours == c.flag;
    case RuleField::kSlaBreached: return t.sla_breached == c.flag;
    case RuleField::kMessageBody: return CompareText(c, f.message_body);
    case RuleField::kMessageChannel:
      return f.message_channel && CompareInt(c, static_cast<int64_t>(*f.message_channel));
    case RuleField::kShipmentStatus:
      return f.shipment_status && CompareInt(c, static_cast<int64_t>(*f.shipment_status));
    case RuleField::kSlaMetric:
      return f.sla_metric && CompareInt(c, static_cast<int64_t>(*f.sla_metric));
    case RuleField::kHoursSinceCreated: return MatchHours(c, f.now - t.created_at);
    case RuleField::kHoursSinceUpdated: return MatchHours(c, f.now - t.updated_at);
    case RuleField::kHoursSinceStatusChanged:
      return MatchHours(c, f.now - f.status_changed_at.value_or(t.updated_at));
    case RuleField::kHoursSinceSolved:
      return t.solved_at ? MatchHours(c, f.now - *t.solved_at) : false;
    case RuleField::kHoursUntilSlaDue:
      return t.sla_due_at ? MatchHours(c, *t.sla_due_at - f.now) : false;
  }
  return false;
}

bool Matches(const RuleConditions& c, const RuleFacts& f) {
  for (const auto& k : c.all) {
    if (!Matches(k, f)) return false;
  }
  if (c.any.empty()) return true;
  for (const auto& k : c.any) {
    if (Matches(k, f)) return true;
  }
  return false;
}

bool MatchesNow(const RuleConditions& c, const RuleFacts& f, std::vector<std::string>* skipped) {
  bool ok = true;
  for (size_t i = 0; i < c.all.size(); ++i) {
    if (NeedsEvent(c.all[i])) {
      skipped->push_back("conditions.all[" + std::to_string(i) + "]");
    } else if (ok && !Matches(c.all[i], f)) {
      ok = false;
    }
  }
  if (c.any.empty()) return ok;
  bool any = false;
  for (size_t i = 0; i < c.any.size(); ++i) {
    if (NeedsEvent(c.any[i])) {
      skipped->push_back("conditions.any[" + std::to_string(i) + "]");
      any = true;
    } else if (!any && Matches(c.any[i], f)) {
      any = true;
    }
  }
  return ok && any;
}

bool FiresOn(const Rule& r, RuleEvent e) {
  return std::find(r.events.begin(), r.events.end(), e) != r.events.end();
}

// --- loops -----------------------------------------------------------------------------------

namespace {

// A field a set_* action writes, and the value it writes, as a condition would see it.
struct Write {
  RuleField field;
  std::string key;       // custom field
  int64_t int_value = 0; // enums (ordinal), ids (0: none)
  std::string tag;       // add/remove tags
  bool tag_present = false;
  json custom;           // custom field value
  std::string text;      // "status pending", for the message
};

std::optional<Write> WriteOf(const Action& a) {
  Write w;
  switch (a.type) {
    case ActionType::kSetStatus:
      if (!a.status) return std::nullopt;
      w.field = RuleField::kStatus;
      w.int_value = static_cast<int64_t>(*a.status);
      w.text = std::string("status to ") + Name(*a.status);
      return w;
    case ActionType::kSetPriority:
      if (!a.priority) return std::nullopt;
      w.field = RuleField::kPriority;
      w.int_value = static_cast<int64_t>(*a.priority);
      w.text = std::string("priority to ") + Name(*a.priority);
      return w;
    case ActionType::kSetGroup:
      w.field = RuleField::kGroup;
      w.int_value = a.id.value_or(0);
      w.text = a.id ? "the group to " + std::to_string(*a.id) : "no group";
      return w;
    case ActionType::kSetAssignee:
      w.field = RuleField::kAssignee;
      w.int_value = a.id.value_or(0);
      w.text = a.id ? "the assignee to " + std::to_string(*a.id) : "no assignee";
      return w;
    case ActionType::kSetCustomField:
      w.field = RuleField::kCustomField;
      w.key = a.field;
      w.custom = a.value;
      w.text = a.field + " to " + a.value.dump();
      return w;
    default:
      return std::nullopt;
  }
}

std::vector<Write> WritesOf(const Action& a) {
  std::vector<Write> out;
  if (auto w = WriteOf(a)) {
    out.push_back(std::move(*w));
    return out;
  }
  if (a.type == ActionType::kAddTags || a.type == ActionType::kRemoveTags) {
    for (const auto& t : a.tags) {
      Write w;
      w.field = RuleField::kTags;
      w.tag = t;
      w.tag_present = a.type == ActionType::kAddTags;
      w.text = (w.tag_present ? "tag " : "no tag ") + t;
      out.push_back(std::move(w));
    }
  }
  return out;
}

bool SameTarget(const Write& a, const Write& b) {
  if (a.field != b.field) return false;
  if (a.field == RuleField::kCustomField) return a.key == b.key;
  if (a.field == RuleField::kTags) return a.tag == b.tag;
  return true;
}

bool SameValue(const Write& a, const Write& b) {
  if (a.field == RuleField::kCustomField) return a.custom == b.custom;
  if (a.field == RuleField::kTags) return a.tag_present == b.tag_present;
  return a.int_value == b.int_value;
}

// Whether the conditions of `r` on the field `w` writes can hold once `w` is written (other
// fields are taken as holding). Conditions on the field in `any` count only when every `any`
// condition is on it.
bool Admits(const RuleConditions& c, const Write& w) {
  auto on_field = [&](const RuleCondition& k) {
    if (k.field != w.field || IsChangeOp(k.op)) return false;
    if (w.field == RuleField::kCustomField) return k.custom_key == w.key;
    if (w.field == RuleField::kTags) return HasText(k, w.tag);
    return true;
  };
  auto holds = [&](const RuleCondition& k) {
    switch (w.field) {
      case RuleField::kTags: {
        std::vector<std::string> tags;
        if (w.tag_present) tags.push_back(w.tag);
        // Other tags of the condition could be there or not: test only this one.
        RuleCondition only = k;
        only.texts = {w.tag};
        return CompareTags(only, tags);
      }
      case RuleField::kCustomField: {
        Ticket t;
        t.custom_fields = json::object();
        if (!w.custom.is_null()) t.custom_fields[w.key] = w.custom;
        return MatchCustom(k, t);
      }
      default:
        return CompareInt(k, w.int_value);
    }
  };
  for (const auto& k : c.all) {
    if (on_field(k) && !holds(k)) return false;
  }
  if (!c.any.empty() && std::all_of(c.any.begin(), c.any.end(), on_field)) {
    return std::any_of(c.any.begin(), c.any.end(), holds);
  }
  return true;
}

bool ShareEvent(const Rule& a, const Rule& b) {
  for (RuleEvent e : a.events) {
    if (FiresOn(b, e)) return true;
  }
  return false;
}

}  // namespace

std::vector<FieldError> RuleLoopProblems(const Rule& candidate, const std::vector<Rule>& others) {
  std::vector<FieldError> out;
  if (candidate.kind != RuleKind::kTrigger || !candidate.active) return out;
  for (size_t i = 0; i < candidate.actions.size(); ++i) {
    for (const Write& mine : WritesOf(candidate.actions[i])) {
      bool reported = false;
      for (const Rule& other : others) {
        if (reported) break;
        if (other.id == candidate.id || other.kind != RuleKind::kTrigger || !other.active ||
            !ShareEvent(candidate, other)) {
          continue;
        }
        for (const Action& oa : other.actions) {
          for (const Write& theirs : WritesOf(oa)) {
            if (!SameTarget(mine, theirs) || SameValue(mine, theirs)) continue;
            // `other` fires on what `candidate` leaves, and `candidate` on what `other` leaves.
            if (Admits(other.conditions, mine) && Admits(candidate.conditions, theirs)) {
              out.push_back({"actions[" + std::to_string(i) + "]",
                             "would loop with trigger \"" + other.name + "\": this sets " +
                                 mine.text + " and \"" + other.name + "\" sets " + theirs.text +
                                 " again, each time the ticket changes"});
              reported = true;
              break;
            }
          }
          if (reported) break;
        }
      }
    }
  }
  return out;
}

std::vector<FieldError> RuleProblems(const Rule& r) {
  std::vector<FieldError> out;
  const std::string name(Trim(r.name));
  if (name.empty()) out.push_back({"name", "is required"});
  if (CodePointCount(r.name) > kMaxRuleNameChars) {
    out.push_back({"name", "is longer than 200 characters"});
  }
  if (CodePointCount(r.description) > kMaxRuleDescriptionChars) {
    out.push_back({"description", "is longer than 2,000 characters"});
  }
  if (r.kind == RuleKind::kTrigger && r.events.empty()) {
    out.push_back({"events", std::string("needs at least one event: ") + kRuleEvents});
  }
  if (r.kind == RuleKind::kAutomation && !r.events.empty()) {
    out.push_back({"events", "automations act on time, not on events; leave events out"});
  }
  if (r.actions.empty()) out.push_back({"actions", "needs at least one action"});
  return out;
}

}  // namespace sahayak::domain
