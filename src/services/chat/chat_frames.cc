#include "services/chat/chat_frames.h"

#include <algorithm>
#include <cctype>

#include "base/text.h"

namespace sahayak::services::chat_frames {

using nlohmann::json;

namespace {

constexpr int kMaxDepth = 16;

constexpr std::pair<FrameType, const char*> kTypes[] = {
    {FrameType::kHello, "hello"},       {FrameType::kStart, "start"},
    {FrameType::kSend, "send"},         {FrameType::kResume, "resume"},
    {FrameType::kTyping, "typing"},     {FrameType::kRead, "read"},
    {FrameType::kPing, "ping"},         {FrameType::kPresence, "presence"},
    {FrameType::kAccept, "accept"},     {FrameType::kDecline, "decline"},
    {FrameType::kTransfer, "transfer"}, {FrameType::kJoin, "join"},
    {FrameType::kEnd, "end"},
};


// Reads the members of one frame, stopping at the first problem (the error frame names one
// member; a client fixes one thing at a time).
class Reader {
 public:
  Reader(const json& obj, FrameError* error) : obj_(obj), error_(error) {}

  bool failed() const { return failed_; }

  const json* Get(const char* key) const {
    auto it = obj_.find(key);
    if (it == obj_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  void Fail(std::string code, std::string message) {
    if (failed_) return;
    failed_ = true;
    error_->code = std::move(code);
    error_->message = std::move(message);
  }

  // A string member of at most `max_chars` code points after NFC.
  bool Str(const char* key, std::string* out, bool required, size_t max_chars,
           const char* too_long_code = "bad_request") {
    const json* v = Get(key);
    if (v == nullptr) {
      if (required) Fail("bad_request", std::string(key) + " is required");
      return false;
    }
    if (!v->is_string()) {
      Fail("bad_request", std::string(key) + " must be a string");
      return false;
    }
    std::string s = ToNfc(v->get_ref<const std::string&>());
    if (CodePointCount(s) > max_chars) {
      Fail(too_long_code, std::string(key) + " is longer than " + std::to_string(max_chars) +
                              " characters");
      return false;
    }
    *out = std::move(s);
    return true;
  }

  bool Bool(const char* key, bool* out, bool required) {
    const json* v = Get(key);
    if (v == nullptr) {
      if (required) Fail("bad_request", std::string(key) + " is required");
      return false;
    }
    if (!v->is_boolean()) {
      Fail("bad_request", std::string(key) + " must be true or false");
      return false;
    }
    *out = v->get<bool>();
    return true;
  }

  // A whole number >= `min`.
  bool Int(const char* key, int64_t* out, bool required, int64_t min) {
    const json* v = Get(key);
    if (v == nullptr) {
      if (required) Fail("bad_request", std::string(key) + " is required");
      return false;
    }
    if (!v->is_number_integer() || (v->is_number_unsigned() && v->get<uint64_t>() > INT64_MAX)) {
      Fail("bad_request", std::string(key) + " must be a whole number");
      return false;
    }
    int64_t n = v->get<int64_t>();
    if (n < min) {
      Fail("bad_request", std::string(key) + " must be at least " + std::to_string(min));
      return false;
    }
    *out = n;
    return true;
  }

  bool IdMember(const char* key, Id* out, bool required) { return Int(key, out, required, 1); }

 private:
  const json& obj_;
  FrameError* error_;
  bool failed_ = false;
};

bool IsClientIdChar(unsigned char c) { return c > 0x20 && c < 0x7f; }

void ReadClientId(Reader& r, ClientFrame* f, FrameError* error) {
  if (!r.Str("client_id", &f->client_id, true, kMaxClientIdChars)) return;
  if (f->client_id.empty() ||
      !std::all_of(f->client_id.begin(), f->client_id.end(),
                   [](char c) { return IsClientIdChar(static_cast<unsigned char>(c)); })) {
    r.Fail("bad_request", "client_id must be printable ASCII without spaces (a UUID)");
    return;
  }
  error->ref = f->client_id;
}

void ReadMessage(Reader& r, ClientFrame* f, bool start) {
  std::string text;
  r.Str("text", &text, true, kMaxTextChars, "too_long");
  if (r.failed()) return;
  f->text = Trim(text);
  if (const json* a = r.Get("attachments")) {
    if (!a->is_array() || a->size() > kMaxAttachments) {
      r.Fail("bad_request", "attachments must be an array of at most 10 ids");
      return;
    }
    for (const auto& id : *a) {
      if (!id.is_number_integer() || id.get<int64_t>() < 1) {
        r.Fail("bad_request", "attachments must hold attachment ids");
        return;
      }
      if (std::find(f->attachments.begin(), f->attachments.end(), id.get<Id>()) ==
          f->attachments.end()) {
        f->attachments.push_back(id.get<Id>());
      }
    }
  }
  if (f->text.empty() && f->attachments.empty()) {
    r.Fail("bad_request", "text is empty");
    return;
  }
  if (HasControlChars(f->text)) {
    // Line breaks and tabs are text; other control characters are not.
    bool bad = false;
    for (unsigned char c : f->text) bad |= (c < 0x20 && c != '\n' && c != '\t' && c != '\r');
    if (bad) {
      r.Fail("bad_request", "text holds control characters");
      return;
    }
  }
  if (start) {
    r.Str("name", &f->name, false, kMaxNameChars);
    r.Str("email", &f->email, false, kMaxEmailChars);
    f->name = Trim(f->name);
    f->email = Trim(f->email);
    if (!f->email.empty() && !LooksLikeEmail(f->email)) {
      r.Fail("bad_request", "email is not an e-mail address");
      return;
    }
    if (const json* fields = r.Get("fields")) {
      if (!fields->is_object() || fields->size() > kMaxFields) {
        r.Fail("bad_request", "fields must be an object of at most 20 members");
        return;
      }
      for (auto it = fields->begin(); it != fields->end(); ++it) {
        if (!it.value().is_string() || CodePointCount(it.key()) > 64 ||
            CodePointCount(it.value().get_ref<const std::string&>()) > kMaxFieldChars) {
          r.Fail("bad_request", "fields." + ToNfc(it.key()) +
                                    " must be a string of at most 1000 characters");
          return;
        }
        f->fields[ToNfc(it.key())] = Trim(ToNfc(it.value().get_ref<const std::string&>()));
      }
    }
  } else {
    r.Bool("internal", &f->internal, false);
  }
}

void ReadMembers(Reader& r, ClientFrame* f, FrameError* error) {
  switch (f->type) {
    case FrameType::kHello: {
      r.Str("token", &f->token, false, kMaxTokenChars);
      if (r.Str("language", &f->language, false, 35) && !f->language.empty() &&
          !IsChatLanguage(f->language)) {
        r.Fail("bad_request", "language is not a language code like en, hi or kn");
      }
      r.Str("page", &f->page, false, kMaxPageChars);
      if (const json* resume = r.Get("resume")) {
        if (!resume->is_object() || resume->size() > kMaxResume) {
          r.Fail("bad_request", "resume must be an object {conversation_id: after_seq}");
          break;
        }
        for (auto it = resume->begin(); it != resume->end(); ++it) {
          const std::string& key = it.key();
          bool digits = !key.empty() && key.size() <= 18 && key[0] != '0' &&
                        std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
          if (!digits || !it.value().is_number_integer() || it.value().get<int64_t>() < 0) {
            r.Fail("bad_request", "resume must map conversation ids to sequence numbers");
            break;
          }
          f->resume.emplace_back(std::stoll(key), it.value().get<int64_t>());
        }
        std::sort(f->resume.begin(), f->resume.end());
      }
      break;
    }
    case FrameType::kStart:
      ReadClientId(r, f, error);
      if (!r.failed()) ReadMessage(r, f, /*start=*/true);
      break;
    case FrameType::kSend:
      ReadClientId(r, f, error);
      if (!r.failed()) r.IdMember("conversation_id", &f->conversation_id, true);
      if (!r.failed()) ReadMessage(r, f, /*start=*/false);
      break;
    case FrameType::kResume:
      r.IdMember("conversation_id", &f->conversation_id, true);
      r.Int("after", &f->after, false, 0);
      break;
    case FrameType::kTyping:
      r.IdMember("conversation_id", &f->conversation_id, true);
      r.Bool("active", &f->active, true);
      break;
    case FrameType::kRead:
      r.IdMember("conversation_id", &f->conversation_id, true);
      r.Int("seq", &f->seq, true, 0);
      break;
    case FrameType::kPing:
      break;
    case FrameType::kPresence:
      if (r.Str("state", &f->state, true, 16) && f->state != "online" && f->state != "away" &&
          f->state != "offline") {
        r.Fail("bad_request", "state must be one of online, away, offline");
      }
      break;
    case FrameType::kAccept:
    case FrameType::kDecline:
    case FrameType::kJoin:
    case FrameType::kEnd:
      r.IdMember("conversation_id", &f->conversation_id, true);
      break;
    case FrameType::kTransfer: {
      r.IdMember("conversation_id", &f->conversation_id, true);
      Id agent = 0, group = 0;
      if (r.IdMember("agent_id", &agent, false)) f->agent_id = agent;
      if (r.IdMember("group_id", &group, false)) f->group_id = group;
      if (!r.failed() && f->agent_id.has_value() == f->group_id.has_value()) {
        r.Fail("bad_request", "transfer needs exactly one of agent_id and group_id");
      }
      break;
    }
  }
}

}  // namespace

const char* Name(FrameType t) {
  for (const auto& [type, name] : kTypes) {
    if (type == t) return name;
  }
  return "ping";
}

bool IsChatLanguage(std::string_view tag) {
  // "en", "hi", "kn", "mr", "en-IN", "zh-Hant": letters, then optional subtags.
  if (tag.empty() || tag.size() > 35) return false;
  size_t i = 0;
  while (i < tag.size() && std::isalpha(static_cast<unsigned char>(tag[i]))) ++i;
  if (i < 2 || i > 3) return false;
  while (i < tag.size()) {
    if (tag[i] != '-') return false;
    size_t j = ++i;
    while (j < tag.size() && std::isalnum(static_cast<unsigned char>(tag[j]))) ++j;
    if (j - i < 1 || j - i > 8) return false;
    i = j;
  }
  return true;
}

ParsedFrame ParseClientFrame(std::string_view text) {
  ParsedFrame out;
  FrameError& error = out.error;
  if (text.size() > kMaxFrameBytes) {
    error = {"too_long", "a frame is at most 16 KiB", "", 1009};
    return out;
  }
  if (!IsValidUtf8(text) || !JsonDepthWithin(text, kMaxDepth)) {
    error = {"bad_request", "the frame is not a JSON object", "", 4400};
    return out;
  }
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    error = {"bad_request", "the frame is not a JSON object", "", 4400};
    return out;
  }
  auto type = doc.find("type");
  if (type == doc.end() || !type->is_string()) {
    error = {"bad_request", "type is required and must be a string", "", 0};
    return out;
  }
  const std::string& name = type->get_ref<const std::string&>();
  ClientFrame f;
  bool known = false;
  for (const auto& [t, n] : kTypes) {
    if (name == n) {
      f.type = t;
      known = true;
    }
  }
  if (!known) {
    std::string shown = CodePointCount(name) > 40 ? "" : name;
    error = {"bad_request", "unknown type \"" + shown + "\"", shown, 0};
    return out;
  }
  error.ref = name;
  Reader r(doc, &error);
  ReadMembers(r, &f, &error);
  if (r.failed()) {
    // A refused frame about a conversation names it, so a client with several knows which.
    auto c = doc.find("conversation_id");
    if (c != doc.end() && c->is_number_integer() && c->get<int64_t>() > 0) {
      error.conversation_id = c->get<Id>();
    }
    return out;
  }
  out.frame = std::move(f);
  return out;
}

// --- server frames ------------------------------------------------------------------------

bool VisitorSees(const ChatEvent& e) { return !e.internal && e.kind != "offered"; }

json AuthorJson(const ChatAuthor& a) {
  return {{"kind", a.kind}, {"id", a.id}, {"name", a.name}};
}

json EventJson(const ChatEvent& e) {
  json j = {{"type", "event"},
            {"conversation_id", e.conversation_id},
            {"seq", e.seq},
            {"at", e.created_at},
            {"kind", e.kind},
            {"author", AuthorJson(e.author)}};
  if (e.kind == "message") {
    j["text"] = e.text;
    j["client_id"] = e.client_id;
    j["internal"] = e.internal;
    j["attachments"] = e.data.contains("attachments") ? e.data["attachments"] : json::array();
  } else if (e.data.is_object()) {
    for (auto it = e.data.begin(); it != e.data.end(); ++it) j[it.key()] = it.value();
  }
  return j;
}

std::string EventFrame(const ChatEvent& e) { return EventJson(e).dump(); }

std::string AckFrame(std::string_view client_id, Id conversation_id, int64_t seq) {
  return json{{"type", "ack"},
              {"client_id", client_id},
              {"conversation_id", conversation_id},
              {"seq", seq}}
      .dump();
}

std::string ErrorFrame(std::string_view code, std::string_view message, std::string_view ref,
                       Id conversation_id) {
  json j = {{"type", "error"}, {"code", code}, {"message", message}, {"ref", ref}};
  if (conversation_id > 0) j["conversation_id"] = conversation_id;
  // The message may quote what the client sent; `replace` keeps a bad byte from throwing.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string TypingFrame(Id conversation_id, const ChatAuthor& author, bool active) {
  return json{{"type", "typing"},
              {"conversation_id", conversation_id},
              {"author", AuthorJson(author)},
              {"active", active}}
      .dump();
}

std::string ReadFrame(Id conversation_id, const ChatAuthor& author, int64_t seq) {
  return json{{"type", "read"},
              {"conversation_id", conversation_id},
              {"author", AuthorJson(author)},
              {"seq", seq}}
      .dump();
}

std::string PongFrame() { return R"({"type":"pong"})"; }

}  // namespace sahayak::services::chat_frames
