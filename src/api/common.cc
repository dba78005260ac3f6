#include "api/common.h"

#include "api/json_writer.h"
#include "base/crypto.h"
#include "base/text.h"

namespace sahayak::api {

using nlohmann::json;

std::string DumpJson(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Response JsonResponse(int status, const json& body) {
  Response r;
  r.status = status;
  r.body = DumpJson(body);
  return r;
}

std::string EncodeCursor(int64_t id) { return Base64UrlEncode("i:" + std::to_string(id)); }

Result<services::PageRequest> ReadPage(const Request& req, int default_limit) {
  services::PageRequest p;
  p.limit = default_limit;
  if (auto l = req.Query("limit")) {
    char* end = nullptr;
    long v = std::strtol(l->c_str(), &end, 10);
    if (l->empty() || *end != '\0' || v < 1 || v > 100) {
      return InvalidArgument("limit must be a whole number from 1 to 100")
          .WithField("limit", "must be 1 to 100");
    }
    p.limit = static_cast<int>(v);
  }
  if (auto c = req.Query("cursor"); c && !c->empty()) {
    std::string raw;
    int64_t id = 0;
    bool ok = Base64UrlDecode(*c, &raw) && raw.size() > 2 && raw.rfind("i:", 0) == 0;
    if (ok) {
      char* end = nullptr;
      id = std::strtoll(raw.c_str() + 2, &end, 10);
      ok = *end == '\0' && id > 0;
    }
    if (!ok) {
      return InvalidArgument("the cursor is not one this server gave out")
          .WithField("cursor", "is not valid");
    }
    p.cursor = id;
  }
  return p;
}

json ListBody(json data, const std::optional<int64_t>& next) {
  return {{"data", std::move(data)}, {"next_cursor", next ? json(EncodeCursor(*next)) : json()}};
}

std::optional<int64_t> IfMatch(const Request& req) {
  std::string_view v = req.Header("if-match");
  if (v.empty() || v == "*") return std::nullopt;
  if (v.rfind("W/", 0) == 0) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  if (v.empty() || v.size() > 18) return -1;
  int64_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

void SetEtag(Response* r, int64_t version) {
  r->AddHeader("ETag", "\"" + std::to_string(version) + "\"");
}

Result<std::optional<int64_t>> QueryId(const Request& req, const char* name) {
  auto v = req.Query(name);
  if (!v) return std::optional<int64_t>();
  char* end = nullptr;
  long long n = std::strtoll(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0' || n <= 0) {
    return InvalidArgument(std::string(name) + " must be a positive id")
        .WithField(name, "must be a positive id");
  }
  return std::optional<int64_t>(n);
}

Response CreateIdempotent(ApiContext& ctx, Call& call,
                          const std::function<Result<Response>(services::WriteTx&)>& create,
                          const std::string& fingerprint, const char* secret_member) {
  std::string key(call.req.Header("idempotency-key"));
  if (key.size() > 255 || HasControlChars(key) || !IsValidUtf8(key)) {
    return ProblemResponse(InvalidArgument("Idempotency-Key holds at most 255 characters")
                               .WithField("Idempotency-Key", "is not valid"));
  }
  Response out;
  bool replayed = false;
  Status st = ctx.store.Write([&](services::WriteTx& tx) -> Status {
    std::string hash;
    if (!key.empty()) {
      hash = Sha256Hex(call.req.method + " " + call.req.path + "\n" +
                       (fingerprint.empty() ? call.req.body : fingerprint));
      auto prior = tx.GetIdempotency(call.who.workspace_id, call.who.key(), key);
      if (prior.ok()) {
        if (prior->request_hash != hash) {
          return InvalidArgument("this Idempotency-Key was used with another request")
              .WithKind("idempotency-key-reused")
              .WithField("Idempotency-Key", "was used with another request");
        }
        out.status = prior->status;
        out.body = prior->body;
        if (!prior->location.empty()) out.AddHeader("Location", prior->location);
        replayed = true;
        return Status::Ok();
      }
      if (prior.status().code() != Code::kNotFound) return prior.status();
    }
    ASSIGN_OR_RETURN(out, create(tx));
    if (!key.empty()) {
      services::IdempotencyRecord rec;
      rec.request_hash = hash;
      rec.status = out.status;
      rec.body = out.body;
      if (secret_member != nullptr) {
        nlohmann::json stored = nlohmann::json::parse(out.body, nullptr, false);
        if (stored.is_object()) {
          stored.erase(secret_member);
          rec.body = stored.dump();
        }
      }
      for (const auto& [k, v] : out.headers) {
        if (k == "Location") rec.location = v;
      }
      rec.created_at = ctx.clock.Now();
      RETURN_IF_ERROR(tx.PutIdempotency(call.who.workspace_id, call.who.key(), key, rec));
    }
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  if (replayed) out.AddHeader("Idempotent-Replayed", "true");
  return out;
}

std::string ListBodyText(const std::vector<std::string>& items,
                         const std::optional<int64_t>& next) {
  std::string out = "{\"data\":[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += items[i];
  }
  out += "],\"next_cursor\":";
  if (next) {
    AppendJsonString(EncodeCursor(*next), &out);
  } else {
    out += "null";
  }
  out.push_back('}');
  return out;
}

Response ReadJsonText(ApiContext& ctx,
                      const std::function<Result<std::string>(services::ReadTx&)>& fn) {
  Response out;
  Status st = ctx.store.Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out.body, fn(tx));
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  return out;
}

Response ReadJson(ApiContext& ctx, const std::function<Result<json>(services::ReadTx&)>& fn) {
  json body;
  Status st = ctx.store.Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(body, fn(tx));
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  return JsonResponse(200, body);
}

std::string AttachmentDisposition(const std::string& filename) {
  std::string ascii, encoded;
  static const char* kHex = "0123456789ABCDEF";
  for (unsigned char c : filename) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '-' || c == '_';
    ascii += plain ? static_cast<char>(c) : '_';
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace sahayak::api
