#include "services/sla/sla_input.h"

#include <algorithm>

#include "base/text.h"
#include "domain/json_input.h"

namespace sahayak::services {

namespace {

using nlohmann::json;

// A list of names (channels, priorities, tiers) parsed one by one; false with errors naming
// `<key>[i]` (`in` prefixes `conditions.`) when one is unknown.
template <typename T, typename Parse>
bool NameList(const json& conditions, const char* key, Parse parse, const char* allowed,
              domain::JsonInput* in, std::vector<T>* out) {
  if (!conditions.contains(key)) return true;
  const json& list = conditions[key];
  const std::string field = key;
  if (!list.is_array()) {
    in->Error(field, std::string("must be a list of ") + allowed);
    return false;
  }
  if (list.size() > domain::kMaxSlaConditionValues) {
    in->Error(field, "must hold at most " + std::to_string(domain::kMaxSlaConditionValues) +
                         " values");
    return false;
  }
  std::vector<T> values;
  bool ok = true;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    auto v = list[i].is_string() ? parse(list[i].get<std::string>()) : std::nullopt;
    if (!v) {
      in->Error(at, std::string("must be one of ") + allowed);
      ok = false;
    } else if (std::find(values.begin(), values.end(), *v) == values.end()) {
      values.push_back(*v);
    }
  }
  if (ok) *out = std::move(values);
  return ok;
}

void ReadConditions(const json& c, domain::JsonInput* in, domain::SlaConditions* out) {
  if (!c.is_object()) {
    in->Error("conditions", "must be an object {channels, priorities, tiers, group_ids, tags}");
    return;
  }
  domain::JsonInput inner(c, "conditions");
  domain::OnlyMembers(c, {"channels", "priorities", "tiers", "group_ids", "tags"}, "conditions",
                      &inner);
  NameList<domain::Channel>(
      c, "channels", [](const std::string& s) { return domain::ParseChannel(s); },
      "email, chat, phone, social, web, portal, api", &inner, &out->channels);
  NameList<domain::Priority>(
      c, "priorities", [](const std::string& s) { return domain::ParsePriority(s); },
      "low, normal, high, urgent", &inner, &out->priorities);
  NameList<domain::Tier>(
      c, "tiers", [](const std::string& s) { return domain::ParseTier(s); },
      "basic, standard, premium, enterprise", &inner, &out->tiers);
  if (inner.Has("group_ids")) {
    std::vector<domain::Id> ids;
    if (inner.IdList("group_ids", &ids, domain::kMaxSlaConditionValues)) {
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      out->group_ids = std::move(ids);
    }
  }
  if (inner.Has("tags")) {
    std::vector<std::string> tags;
    if (inner.StrList("tags", &tags, domain::kMaxSlaConditionValues)) {
      auto normalised = domain::NormaliseTags(tags);
      if (!normalised.ok()) {
        inner.Error("tags", normalised.status().message());
      } else {
        out->tags = std::move(normalised).value();
      }
    }
  }
  if (!inner.ok()) {
    const Status bad = inner.status();
    for (const auto& e : bad.fields()) in->Error(e.field, e.message);
  }
}

void ReadTargets(const json& list, domain::JsonInput* in, std::vector<domain::SlaTarget>* out) {
  if (!list.is_array()) {
    in->Error("targets", "must be a list of targets {metric, minutes, business_hours}");
    return;
  }
  if (list.size() > 3) {
    in->Error("targets", "holds at most three targets, one per metric");
    return;
  }
  std::vector<domain::SlaTarget> targets;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string prefix = "targets[" + std::to_string(i) + "]";
    if (!list[i].is_object()) {
      in->Error(prefix, "must be an object {metric, minutes, business_hours}");
      continue;
    }
    domain::JsonInput t(list[i], prefix);
    domain::OnlyMembers(list[i], {"metric", "minutes", "business_hours"}, "a target", &t);
    domain::SlaTarget target;
    std::optional<domain::SlaMetric> metric;
    t.Enum("metric", &metric, [](const std::string& s) { return domain::ParseSlaMetric(s); },
           "first_response, next_response, resolution", true);
    if (metric) target.metric = *metric;
    if (t.Int("minutes", &target.minutes, true) &&
        (target.minutes < 1 || target.minutes > domain::kMaxSlaTargetMinutes)) {
      t.Error("minutes", "must be from 1 to " + std::to_string(domain::kMaxSlaTargetMinutes) +
                             " (a year)");
    }
    t.Bool("business_hours", &target.business_hours);
    if (!t.ok()) {
      const Status bad = t.status();
      for (const auto& e : bad.fields()) in->Error(e.field, e.message);
    }
    targets.push_back(target);
  }
  *out = std::move(targets);
}

}  // namespace

Status ReadSlaPolicy(const json& body, bool creating, domain::SlaPolicy* p) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  domain::JsonInput in(body);
  domain::OnlyMembers(body, {"name", "description", "position", "active", "conditions", "targets"},
                      "an SLA policy", &in);
  domain::SlaPolicy out = *p;
  if (creating || in.Has("name")) {
    std::string name;
    if (in.Str("name", &name, true, 10 * domain::kMaxSlaNameChars)) out.name = ToNfc(Trim(name));
  }
  if (in.Has("description")) {
    std::string d;
    if (in.Str("description", &d, false, 10 * kMaxSlaDescriptionChars)) {
      d = ToNfc(Trim(d));
      if (CodePointCount(d) > kMaxSlaDescriptionChars) {
        in.Error("description",
                 "is longer than " + std::to_string(kMaxSlaDescriptionChars) + " characters");
      } else {
        out.description = std::move(d);
      }
    }
  }
  if (in.Has("position")) {
    int64_t position = 0;
    if (in.Int("position", &position)) {
      if (position < 0 || position > 1'000'000) {
        in.Error("position", "must be from 0 to 1000000");
      } else {
        out.position = position;
      }
    }
  }
  in.Bool("active", &out.active);
  if (in.Has("conditions")) ReadConditions(body["conditions"], &in, &out.when);
  if (creating && !in.Has("targets")) {
    in.Error("targets", "is required");
  } else if (in.Has("targets")) {
    ReadTargets(body["targets"], &in, &out.targets);
  }
  if (!in.ok()) return in.status();
  domain::JsonInput whole(body);
  for (const FieldError& e : domain::SlaPolicyProblems(out)) whole.Error(e.field, e.message);
  if (!whole.ok()) return whole.status();
  *p = std::move(out);
  return Status::Ok();
}

}  // namespace sahayak::services
