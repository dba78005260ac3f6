#include "domain/saved_view.h"

#include <algorithm>

#include "base/text.h"

namespace sahayak::domain {

using nlohmann::json;

const std::vector<std::string>& ViewColumns() {
  static const std::vector<std::string> kAll = {"number",   "subject",    "requester", "status",
                                                "priority", "assignee",   "group",     "channel",
                                                "tags",     "created_at", "updated_at"};
  return kAll;
}

const std::vector<std::string>& DefaultViewColumns() {
  static const std::vector<std::string> kDefault = {"number",   "subject",  "requester", "status",
                                                    "priority", "assignee", "updated_at"};
  return kDefault;
}

namespace {

// A list of enum names, in the order given, without repeats; `field` names it in errors.
template <typename E, typename Parse>
bool ReadEnumList(JsonInput& in, const std::string& field, const json& v, Parse parse,
                  const char* allowed, json* out) {
  if (!v.is_array() || v.empty() || v.size() > 20) {
    in.Error(field, std::string("must be a non-empty array of ") + allowed);
    return false;
  }
  json list = json::array();
  for (const auto& e : v) {
    if (!e.is_string() || !parse(e.get_ref<const std::string&>())) {
      in.Error(field, std::string("must be an array of ") + allowed);
      return false;
    }
    if (std::find(list.begin(), list.end(), e) == list.end()) list.push_back(e);
  }
  *out = std::move(list);
  return true;
}

bool ReadPositiveId(JsonInput& in, const std::string& field, const json& v, json* out) {
  if (!v.is_number_integer() || v.get<int64_t>() <= 0) {
    in.Error(field, "must be a positive id");
    return false;
  }
  *out = v.get<int64_t>();
  return true;
}

}  // namespace

bool ReadViewFilters(JsonInput& in, std::string_view key, json* out) {
  json obj;
  if (!in.Object(key, &obj)) return false;
  const std::string prefix = std::string(key) + ".";
  bool ok = true;
  json result = json::object();
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string& name = it.key();
    const json& v = it.value();
    const std::string field = prefix + name;
    json value;
    bool good = false;
    if (v.is_null()) {
      continue;  // null means "no such filter"
    } else if (name == "status") {
      good = ReadEnumList<TicketStatus>(in, field, v, ParseStatus,
                                        "new, open, pending, on_hold, solved, closed", &value);
    } else if (name == "priority") {
      good =
          ReadEnumList<Priority>(in, field, v, ParsePriority, "low, normal, high, urgent", &value);
    } else if (name == "channel") {
      good = ReadEnumList<Channel>(in, field, v, ParseChannel,
                                   "email, chat, phone, social, web, portal, api", &value);
    } else if (name == "assignee") {
      if (v.is_string() && (v == "me" || v == "none")) {
        value = v;
        good = true;
      } else if (v.is_number_integer() && v.get<int64_t>() > 0) {
        value = v.get<int64_t>();
        good = true;
      } else {
        in.Error(field, "must be \"me\", \"none\" or an agent id");
      }
    } else if (name == "group" || name == "requester" || name == "organisation") {
      good = ReadPositiveId(in, field, v, &value);
    } else if (name == "tag") {
      if (!v.is_string()) {
        in.Error(field, "must be a string");
      } else if (auto tag = NormaliseTag(v.get_ref<const std::string&>()); !tag.ok()) {
        in.Error(field, "is not a valid tag");
      } else {
        value = *tag;
        good = true;
      }
    } else if (name == "sla") {
      // docs/sla.md: tickets with a breached clock, or with a running one.
      if (v.is_string() && (v == "breached" || v == "due")) {
        value = v;
        good = true;
      } else {
        in.Error(field, "must be \"breached\" or \"due\"");
      }
    } else if (name == "q") {
      // A search query (docs/search.md), run through /api/v1/search by the console.
      if (!v.is_string()) {
        in.Error(field, "must be a string");
      } else if (CodePointCount(v.get_ref<const std::string&>()) > kMaxViewQueryChars) {
        in.Error(field, "must be at most 1000 characters");
      } else {
        value = v;
        good = true;
      }
    } else {
      in.Error(field,
               "is not a filter; use status, assignee, group, tag, priority, channel, "
               "requester, organisation, sla or q");
    }
    if (good) {
      result[name] = std::move(value);
    } else {
      ok = false;
    }
  }
  if (!ok) return false;
  *out = std::move(result);
  return true;
}

bool ReadViewColumns(JsonInput& in, std::string_view key, std::vector<std::string>* out) {
  if (!in.Has(key) || in.IsNull(key)) return false;
  const std::string field(key);
  std::vector<std::string> raw;
  if (!in.StrList(key, &raw, ViewColumns().size())) return false;
  if (raw.empty()) {
    in.Error(field, "must name at least one column");
    return false;
  }
  bool ok = true;
  std::vector<std::string> cols;
  for (const auto& c : raw) {
    const auto& all = ViewColumns();
    if (std::find(all.begin(), all.end(), c) == all.end()) {
      in.Error(field,
               "\"" + c +
                   "\" is not a column; use some of number, subject, requester, "
                   "status, priority, assignee, group, channel, tags, created_at, updated_at");
      ok = false;
    } else if (std::find(cols.begin(), cols.end(), c) != cols.end()) {
      in.Error(field, "names \"" + c + "\" twice");
      ok = false;
    } else {
      cols.push_back(c);
    }
  }
  if (!ok) return false;
  *out = std::move(cols);
  return true;
}

}  // namespace sahayak::domain
