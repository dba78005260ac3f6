#include "domain/macro.h"

#include <algorithm>

#include "base/text.h"

namespace sahayak::domain {

using nlohmann::json;

namespace {

struct ActionName {
  ActionType type;
  const char* name;
};

constexpr ActionName kActionNames[] = {
    {ActionType::kSetStatus, "set_status"},
    {ActionType::kSetPriority, "set_priority"},
    {ActionType::kSetGroup, "set_group"},
    {ActionType::kSetAssignee, "set_assignee"},
    {ActionType::kAddTags, "add_tags"},
    {ActionType::kRemoveTags, "remove_tags"},
    {ActionType::kSetCustomField, "set_custom_field"},
    {ActionType::kAddNote, "add_note"},
    {ActionType::kReply, "reply"},
    {ActionType::kNotify, "notify"},
    {ActionType::kWebhook, "webhook"},
    {ActionType::kApplyMacro, "apply_macro"},
    {ActionType::kRoundRobin, "round_robin"},
};

bool IsRuleOnly(ActionType t) {
  return t == ActionType::kNotify || t == ActionType::kWebhook || t == ActionType::kApplyMacro ||
         t == ActionType::kRoundRobin;
}

constexpr const char* kCustomFieldPrefix = "ticket.custom_fields.";

// The code point at s[i] and its length in bytes (1 for a bad byte, which is never a space).
char32_t DecodeAt(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (i + n > s.size()) n = 1;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = static_cast<size_t>(n);
  return cp;
}

bool IsSpace(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    char32_t c = DecodeAt(s, i, &len);
    if (IsSpace(c)) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.append(s.substr(i, len));
    }
    i += len;
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// Code points before byte offset `byte` of `s`.
size_t CharsBefore(std::string_view s, size_t byte) {
  return CodePointCount(s.substr(0, byte));
}

bool HasLetter(std::string_view word) {
  for (unsigned char c : word) {
    if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  }
  return false;
}

bool IsHonorific(std::string_view word) {
  static const char* const kHonorifics[] = {
      "mr", "mrs", "ms",     "miss", "dr", "prof",  "shri", "sri",   "smt", "kumari",
      "km", "श्री", "श्रीमती", "सुश्री", "डॉ", "कुमारी", "ಶ್ರೀ",  "ಶ್ರೀಮತಿ", "ಡಾ",  "ಕುಮಾರಿ"};
  std::string w = FoldCase(word);
  while (!w.empty() && w.back() == '.') w.pop_back();
  for (const char* h : kHonorifics) {
    if (w == h) return true;
  }
  return false;
}

// One "{{ … }}" of a template: where it is and what it says.
struct Placeholder {
  size_t begin = 0;  // byte offset of "{{"
  size_t end = 0;    // byte offset after "}}"
  std::string name;
  std::optional<std::string> fallback;  // the `default:` text
  std::string error;                    // why it is malformed, if it is
};

// Reads `| default: "x"` (or 'x'); false when it is anything else.
bool ParseFilter(std::string_view f, std::string* out) {
  std::string s = Trim(f);
  constexpr std::string_view kDefault = "default:";
  if (s.rfind(kDefault, 0) != 0) return false;
  std::string arg = Trim(std::string_view(s).substr(kDefault.size()));
  if (arg.size() < 2) return false;
  char q = arg.front();
  if ((q != '"' && q != '\'') || arg.back() != q) return false;
  std::string inner = arg.substr(1, arg.size() - 2);
  if (inner.find(q) != std::string::npos) return false;
  *out = std::move(inner);
  return true;
}

// The next placeholder at or after byte `from`, or nullopt.
std::optional<Placeholder> NextPlaceholder(std::string_view text, size_t from) {
  size_t open = text.find("{{", from);
  if (open == std::string_view::npos) return std::nullopt;
  Placeholder p;
  p.begin = open;
  size_t close = text.find("}}", open + 2);
  size_t next_open = text.find("{{", open + 2);
  if (close == std::string_view::npos ||
      (next_open != std::string_view::npos && next_open < close)) {
    p.end = open + 2;
    p.error = "unclosed placeholder";
    return p;
  }
  p.end = close + 2;
  std::string_view inner = text.substr(open + 2, close - open - 2);
  size_t bar = inner.find('|');
  p.name = Trim(inner.substr(0, bar));
  if (bar != std::string_view::npos) {
    std::string fallback;
    if (!ParseFilter(inner.substr(bar + 1), &fallback)) {
      p.error =
          "unsupported filter in {{" + std::string(Trim(inner)) + "}} (only default: \"text\")";
      return p;
    }
    p.fallback = std::move(fallback);
  }
  if (p.name.empty()) p.error = "empty placeholder {{}}";
  return p;
}

std::vector<std::string> FieldKeys(const ActionVocabulary& vocab) {
  std::vector<std::string> keys;
  for (const auto& f : vocab.custom_fields) keys.push_back(f.key);
  return keys;
}

}  // namespace

const char* Name(ActionType t) {
  for (const auto& n : kActionNames) {
    if (n.type == t) return n.name;
  }
  return "set_status";
}

std::optional<ActionType> ParseActionType(std::string_view s) {
  for (const auto& n : kActionNames) {
    if (s == n.name) return n.type;
  }
  return std::nullopt;
}

bool IsTextLanguage(std::string_view lang) {
  return lang == "en" || lang == "hi" || lang == "kn";
}

const std::vector<std::string>& KnownPlaceholders() {
  static const std::vector<std::string> kNames = {"ticket.id",
                                                  "ticket.number",
                                                  "ticket.subject",
                                                  "ticket.status",
                                                  "ticket.priority",
                                                  "ticket.requester.name",
                                                  "ticket.requester.first_name",
                                                  "ticket.requester.email",
                                                  "agent.name",
                                                  "agent.first_name",
                                                  "organization.name",
                                                  "organisation.name"};
  return kNames;
}

Status CheckTemplate(std::string_view text, const std::vector<std::string>& field_keys) {
  if (CodePointCount(text) > kMaxTemplateChars) {
    return InvalidArgument("is longer than 20000 characters");
  }
  if (HasControlChars(text)) return InvalidArgument("must not contain control characters");
  const auto& known = KnownPlaceholders();
  size_t from = 0;
  while (auto p = NextPlaceholder(text, from)) {
    const std::string at = " at character " + std::to_string(CharsBefore(text, p->begin) + 1);
    if (!p->error.empty()) return InvalidArgument(p->error + at);
    bool ok = std::find(known.begin(), known.end(), p->name) != known.end();
    if (!ok && p->name.rfind(kCustomFieldPrefix, 0) == 0) {
      std::string key = p->name.substr(std::string_view(kCustomFieldPrefix).size());
      ok = std::find(field_keys.begin(), field_keys.end(), key) != field_keys.end();
    }
    if (!ok) return InvalidArgument("unknown placeholder {{" + p->name + "}}" + at);
    from = p->end;
  }
  return Status::Ok();
}

std::string RenderTemplate(std::string_view text, const PlaceholderValues& values) {
  std::string out;
  size_t from = 0;
  while (auto p = NextPlaceholder(text, from)) {
    out.append(text.substr(from, p->begin - from));
    if (!p->error.empty()) {
      out.append(text.substr(p->begin, p->end - p->begin));
    } else {
      auto it = values.find(p->name);
      std::string v = it == values.end() ? std::string() : it->second;
      if (Trim(v).empty() && p->fallback) v = *p->fallback;
      out.append(v);
    }
    from = p->end;
  }
  out.append(text.substr(from));
  return out;
}

std::string FirstName(std::string_view name) {
  for (const auto& w : Words(name)) {
    if (IsHonorific(w)) continue;
    return HasLetter(w) ? w : std::string();
  }
  return "";
}

std::string PickVariant(const TextVariants& variants, const std::vector<std::string>& languages,
                        std::string_view fallback, std::string* chosen) {
  auto take = [&](const std::string& lang) -> const std::string* {
    auto it = variants.find(lang);
    if (it == variants.end() || Trim(it->second).empty()) return nullptr;
    if (chosen) *chosen = lang;
    return &it->second;
  };
  for (const auto& l : languages) {
    std::string primary = AsciiLower(l.substr(0, l.find_first_of("-_")));
    if (const std::string* t = take(primary)) return *t;
  }
  if (const std::string* t = take(std::string(fallback))) return *t;
  for (const auto& [lang, text] : variants) {
    if (const std::string* t = take(lang)) return *t;
  }
  if (chosen) chosen->clear();
  return "";
}

namespace {

// Reads a {"en": "…", …} object (or a plain string, taken as English) into `out`.
void ReadVariants(const json& v, const std::string& member, const std::vector<std::string>& keys,
                  TextVariants* out, Status* errors, bool* failed) {
  auto fail = [&](const std::string& m, const std::string& msg) {
    errors->WithField(m, msg);
    *failed = true;
  };
  json obj = v.is_string() ? json{{"en", v}} : v;
  if (!obj.is_object()) {
    fail(member, "must be an object of texts by language (en, hi, kn)");
    return;
  }
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string m = member + "." + it.key();
    if (!IsTextLanguage(it.key())) {
      fail(m, std::string("is not a language; use one of ") + kTextLanguages);
      continue;
    }
    if (it.value().is_null()) continue;
    if (!it.value().is_string()) {
      fail(m, "must be a string");
      continue;
    }
    std::string text = ToNfc(it.value().get<std::string>());
    if (Trim(text).empty()) continue;
    Status st = CheckTemplate(text, keys);
    if (!st.ok()) {
      fail(m, st.message());
      continue;
    }
    (*out)[it.key()] = std::move(text);
  }
}

}  // namespace

Status ReadTextVariants(const json& v, const std::string& member,
                        const std::vector<std::string>& field_keys, TextVariants* out) {
  Status errors = InvalidArgument("the texts are not valid");
  bool failed = false;
  ReadVariants(v, member, field_keys, out, &errors, &failed);
  return failed ? errors : Status::Ok();
}

Result<std::vector<Action>> ParseActions(const json& actions, const ActionVocabulary& vocab,
                                         std::string_view member) {
  const std::string base(member);
  Status errors = InvalidArgument("the actions are not valid");
  bool failed = false;
  auto fail = [&](const std::string& m, const std::string& msg) {
    errors.WithField(m, msg);
    failed = true;
  };
  if (!actions.is_array()) {
    fail(base, "must be an array of actions");
    return errors;
  }
  if (actions.size() > kMaxActions) {
    fail(base, "holds more than 50 actions");
    return errors;
  }
  const std::vector<std::string> keys = FieldKeys(vocab);
  std::vector<Action> out;
  for (size_t i = 0; i < actions.size(); ++i) {
    const std::string at = base + "[" + std::to_string(i) + "]";
    const json& a = actions[i];
    if (!a.is_object()) {
      fail(at, "must be an object with a type");
      continue;
    }
    if (!a.contains("type") || !a["type"].is_string()) {
      fail(at + ".type", std::string("is required: one of ") +
                             (vocab.rules ? kRuleActionTypes : kActionTypes));
      continue;
    }
    auto type = ParseActionType(a["type"].get<std::string>());
    if (!type) {
      fail(at + ".type",
           "\"" + a["type"].get<std::string>() + "\" is not an action; use one of " +
               (vocab.rules ? kRuleActionTypes : kActionTypes));
      continue;
    }
    if (IsRuleOnly(*type) && !vocab.rules) {
      fail(at + ".type", "\"" + a["type"].get<std::string>() +
                             "\" is an action of triggers and automations; use one of " +
                             kActionTypes);
      continue;
    }
    Action act;
    act.type = *type;
    const std::string vm = at + ".value";
    const json value = a.contains("value") ? a["value"] : json();
    auto want_string = [&]() -> std::optional<std::string> {
      if (!value.is_string()) {
        fail(vm, a.contains("value") ? "must be a string" : "is required");
        return std::nullopt;
      }
      return value.get<std::string>();
    };
    auto want_id = [&](const std::vector<Id>& known, const char* what) -> bool {
      if (value.is_null()) return true;
      if (!value.is_number_integer() || value.get<int64_t>() <= 0) {
        fail(vm, std::string("must be ") + what + " id or null");
        return false;
      }
      Id id = value.get<Id>();
      if (std::find(known.begin(), known.end(), id) == known.end()) {
        fail(vm, std::to_string(id) + " is not " + what + " of this workspace");
        return false;
      }
      act.id = id;
      return true;
    };
    switch (act.type) {
      case ActionType::kSetStatus: {
        auto s = want_string();
        if (!s) continue;
        auto st = ParseStatus(*s);
        if (!st || *st == TicketStatus::kNew) {
          fail(vm, "\"" + *s +
                       "\" is not a status a ticket can be set to; use one of open, "
                       "pending, on_hold, solved, closed");
          continue;
        }
        act.status = *st;
        break;
      }
      case ActionType::kSetPriority: {
        auto s = want_string();
        if (!s) continue;
        auto p = ParsePriority(*s);
        if (!p) {
          fail(vm, "\"" + *s + "\" is not a priority; use one of low, normal, high, urgent");
          continue;
        }
        act.priority = *p;
        break;
      }
      case ActionType::kSetGroup:
        if (!want_id(vocab.group_ids, "a group")) continue;
        break;
      case ActionType::kSetAssignee:
        if (!want_id(vocab.active_agent_ids, "an active agent")) continue;
        break;
      case ActionType::kAddTags:
      case ActionType::kRemoveTags: {
        if (!value.is_array() || value.empty()) {
          fail(vm, "must be a non-empty array of tags");
          continue;
        }
        std::vector<std::string> raw;
        bool bad = false;
        for (const auto& t : value) {
          if (!t.is_string()) {
            bad = true;
            break;
          }
          raw.push_back(t.get<std::string>());
        }
        if (bad) {
          fail(vm, "must be an array of strings");
          continue;
        }
        auto tags = NormaliseTags(raw);
        if (!tags.ok()) {
          fail(vm, tags.status().message());
          continue;
        }
        act.tags = std::move(tags).value();
        break;
      }
      case ActionType::kSetCustomField: {
        if (!a.contains("field") || !a["field"].is_string()) {
          fail(at + ".field", "is required: the key of a custom field");
          continue;
        }
        act.field = a["field"].get<std::string>();
        auto def = std::find_if(vocab.custom_fields.begin(), vocab.custom_fields.end(),
                                [&](const CustomFieldDef& d) { return d.key == act.field; });
        if (def == vocab.custom_fields.end() || !def->active) {
          fail(at + ".field", "\"" + act.field + "\" is not an active custom field");
          continue;
        }
        if (!a.contains("value")) {
          fail(vm, "is required (null clears the field)");
          continue;
        }
        Status st = ValidateFieldValue(*def, value);
        if (!st.ok()) {
          fail(vm, st.fields().empty() ? st.message() : st.fields().front().message);
          continue;
        }
        act.value = value;
        break;
      }
      case ActionType::kAddNote: {
        auto s = want_string();
        if (!s) continue;
        std::string text = ToNfc(*s);
        if (Trim(text).empty()) {
          fail(vm, "is required");
          continue;
        }
        Status st = CheckTemplate(text, keys);
        if (!st.ok()) {
          fail(vm, st.message());
          continue;
        }
        act.text = std::move(text);
        break;
      }
      case ActionType::kReply: {
        if (!vocab.allow_reply) {
          fail(at + ".type", "a macro's reply goes in its reply member, one text per language");
          continue;
        }
        bool bad = false;
        ReadVariants(value, vm, keys, &act.texts, &errors, &bad);
        if (bad) {
          failed = true;
          continue;
        }
        if (act.texts.empty()) {
          fail(vm, "needs a text in at least one language");
          continue;
        }
        break;
      }
      case ActionType::kNotify: {
        const std::string target = a.contains("target") && a["target"].is_string()
                                       ? a["target"].get<std::string>()
                                       : "";
        if (target != "requester" && target != "assignee" && target != "group" &&
            target != "agent") {
          fail(at + ".target", "is required: one of requester, assignee, group, agent");
          continue;
        }
        act.target = target;
        if (target == "group" || target == "agent") {
          const json id = a.contains("id") ? a["id"] : json();
          const auto& known = target == "group" ? vocab.group_ids : vocab.active_agent_ids;
          if (!id.is_number_integer() ||
              std::find(known.begin(), known.end(), id.get<Id>()) == known.end()) {
            fail(at + ".id", target == "group" ? "must be a group of this workspace"
                                               : "must be an active agent of this workspace");
            continue;
          }
          act.id = id.get<Id>();
        }
        bool bad = false;
        ReadVariants(a.contains("subject") ? a["subject"] : json(), at + ".subject", keys,
                     &act.subjects, &errors, &bad);
        ReadVariants(value, vm, keys, &act.texts, &errors, &bad);
        if (bad) {
          failed = true;
          continue;
        }
        if (act.subjects.empty()) {
          fail(at + ".subject", "needs a subject in at least one language");
          continue;
        }
        if (act.texts.empty()) {
          fail(vm, "needs a text in at least one language");
          continue;
        }
        if (a.contains("respect_business_hours")) {
          if (!a["respect_business_hours"].is_boolean()) {
            fail(at + ".respect_business_hours", "must be true or false");
            continue;
          }
          act.respect_business_hours = a["respect_business_hours"].get<bool>();
        }
        break;
      }
      case ActionType::kWebhook: {
        const std::string url =
            a.contains("url") && a["url"].is_string() ? Trim(a["url"].get<std::string>()) : "";
        const bool http = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
        if (!http || url.size() > 2000 || url.find_first_of(" \t\r\n") != std::string::npos) {
          fail(at + ".url", "must be an http or https address of at most 2,000 characters");
          continue;
        }
        act.url = url;
        if (a.contains("secret") && !a["secret"].is_null()) {
          if (!a["secret"].is_string() || a["secret"].get<std::string>().size() < 16 ||
              a["secret"].get<std::string>().size() > 200) {
            fail(at + ".secret", "must be a string of 16 to 200 characters");
            continue;
          }
          // Kept in `value` until the service seals it; never stored as written.
          act.value = a["secret"];
        }
        break;
      }
      case ActionType::kApplyMacro: {
        if (!value.is_number_integer() ||
            std::find(vocab.shared_macro_ids.begin(), vocab.shared_macro_ids.end(),
                      value.get<Id>()) == vocab.shared_macro_ids.end()) {
          fail(vm, "must be the id of an active shared macro");
          continue;
        }
        act.id = value.get<Id>();
        break;
      }
      case ActionType::kRoundRobin: {
        if (value.is_null() || !want_id(vocab.group_ids, "a group")) {
          if (value.is_null()) fail(vm, "must be a group id");
          continue;
        }
        break;
      }
    }
    out.push_back(std::move(act));
  }
  if (failed) return errors;
  return out;
}

json ActionToJson(const Action& a) {
  json j = {{"type", Name(a.type)}};
  switch (a.type) {
    case ActionType::kSetStatus:
      j["value"] = a.status ? Name(*a.status) : "open";
      break;
    case ActionType::kSetPriority:
      j["value"] = a.priority ? Name(*a.priority) : "normal";
      break;
    case ActionType::kSetGroup:
    case ActionType::kSetAssignee:
      j["value"] = a.id ? json(*a.id) : json(nullptr);
      break;
    case ActionType::kAddTags:
    case ActionType::kRemoveTags:
      j["value"] = a.tags;
      break;
    case ActionType::kSetCustomField:
      j["field"] = a.field;
      j["value"] = a.value;
      break;
    case ActionType::kAddNote:
      j["value"] = a.text;
      break;
    case ActionType::kReply:
      j["value"] = a.texts;
      break;
    case ActionType::kNotify:
      j["target"] = a.target;
      if (a.id) j["id"] = *a.id;
      j["subject"] = a.subjects;
      j["value"] = a.texts;
      j["respect_business_hours"] = a.respect_business_hours;
      break;
    case ActionType::kWebhook:
      j["url"] = a.url;
      if (!a.sealed_secret.empty()) j["sealed_secret"] = a.sealed_secret;
      break;
    case ActionType::kApplyMacro:
    case ActionType::kRoundRobin:
      j["value"] = a.id ? json(*a.id) : json(nullptr);
      break;
  }
  return j;
}

std::vector<Action> ActionsFromJson(const json& stored) {
  std::vector<Action> out;
  if (!stored.is_array()) return out;
  for (const auto& a : stored) {
    if (!a.is_object() || !a.contains("type") || !a["type"].is_string()) continue;
    auto type = ParseActionType(a["type"].get<std::string>());
    if (!type) continue;
    Action act;
    act.type = *type;
    const json v = a.contains("value") ? a["value"] : json();
    switch (act.type) {
      case ActionType::kSetStatus:
        act.status = v.is_string() ? ParseStatus(v.get<std::string>()) : std::nullopt;
        if (!act.status) continue;
        break;
      case ActionType::kSetPriority:
        act.priority = v.is_string() ? ParsePriority(v.get<std::string>()) : std::nullopt;
        if (!act.priority) continue;
        break;
      case ActionType::kSetGroup:
      case ActionType::kSetAssignee:
        if (v.is_number_integer()) act.id = v.get<Id>();
        break;
      case ActionType::kAddTags:
      case ActionType::kRemoveTags:
        for (const auto& t : v) {
          if (t.is_string()) act.tags.push_back(t.get<std::string>());
        }
        break;
      case ActionType::kSetCustomField:
        act.field = a.value("field", "");
        act.value = v;
        break;
      case ActionType::kAddNote:
        act.text = v.is_string() ? v.get<std::string>() : "";
        break;
      case ActionType::kReply:
        if (v.is_object()) {
          for (auto it = v.begin(); it != v.end(); ++it) {
            if (it.value().is_string()) act.texts[it.key()] = it.value().get<std::string>();
          }
        }
        break;
      case ActionType::kNotify: {
        act.target = a.value("target", "");
        if (a.contains("id") && a["id"].is_number_integer()) act.id = a["id"].get<Id>();
        auto read = [](const json& from, TextVariants* into) {
          if (!from.is_object()) return;
          for (auto it = from.begin(); it != from.end(); ++it) {
            if (it.value().is_string()) (*into)[it.key()] = it.value().get<std::string>();
          }
        };
        read(a.contains("subject") ? a["subject"] : json(), &act.subjects);
        read(v, &act.texts);
        act.respect_business_hours = a.value("respect_business_hours", false);
        break;
      }
      case ActionType::kWebhook:
        act.url = a.value("url", "");
        act.sealed_secret = a.value("sealed_secret", "");
        break;
      case ActionType::kApplyMacro:
      case ActionType::kRoundRobin:
        if (v.is_number_integer()) act.id = v.get<Id>();
        break;
    }
    out.push_back(std::move(act));
  }
  return out;
}

json ActionsToJson(const std::vector<Action>& actions) {
  json out = json::array();
  for (const auto& a : actions) out.push_back(ActionToJson(a));
  return out;
}

}  // namespace sahayak::domain
