#include <algorithm>
#include <cerrno>

#include "api/common.h"
#include "api/handlers.h"
#include "api/views.h"
#include "api/json_writer.h"
#include "base/text.h"
#include "domain/json_input.h"

namespace sahayak::api::handlers {

using domain::JsonInput;
using nlohmann::json;
using services::ReadTx;
using services::WriteTx;

namespace {

const char* kStatuses = "new, open, pending, on_hold, solved, closed";
const char* kPriorities = "low, normal, high, urgent";
const char* kTypes = "question, incident, complaint, problem, task";
const char* kChannels = "email, chat, phone, social, web, portal, api";

// Reads {"body", "html", "public", "attachment_ids"} with field names under `prefix`.
Status ParseMessage(const json& obj, const std::string& prefix, services::NewMessage* m) {
  JsonInput in(obj, prefix);
  in.Str("body", &m->body, false, 512 * 1024);
  in.Str("html", &m->html, false, 1024 * 1024);
  in.Bool("public", &m->is_public);
  in.IdList("attachment_ids", &m->attachment_ids, 20);
  if (in.ok() && m->body.empty() && m->html.empty() && m->attachment_ids.empty()) {
    in.Error("body", "is required");
  }
  return in.status();
}

Status ParsePatch(JsonInput& in, const json& body, services::TicketPatch* p) {
  std::string s;
  if (in.Str("subject", &s, false, domain::kMaxSubjectChars)) p->subject = s;
  if (in.IsNull("subject")) in.Error("subject", "cannot be empty");
  in.Enum("status", &p->status, domain::ParseStatus, kStatuses);
  in.Enum("priority", &p->priority, domain::ParsePriority, kPriorities);
  in.Enum("type", &p->type, domain::ParseTicketType, kTypes);
  in.NullableId("assignee_id", &p->assignee_id);
  in.NullableId("group_id", &p->group_id);
  std::vector<std::string> tags;
  if (in.StrList("tags", &tags, domain::kMaxTagsPerTicket)) p->tags = tags;
  in.StrList("add_tags", &p->add_tags, domain::kMaxTagsPerTicket);
  in.StrList("remove_tags", &p->remove_tags, domain::kMaxTagsPerTicket);
  json fields;
  if (in.Object("custom_fields", &fields)) p->custom_fields = fields;
  if (in.Str("language", &s, false, 35)) p->language = s;
  int64_t requester;
  if (in.Int("requester_id", &requester)) {
    if (requester <= 0) {
      in.Error("requester_id", "must be a positive id");
    } else {
      p->requester_id = requester;
    }
  }
  return in.status();
}

Response TicketResponse(int status, ReadTx& tx, const domain::Ticket& t, Status* err) {
  auto j = TicketJsonWithRequester(tx, t);
  if (!j.ok()) {
    *err = j.status();
    return {};
  }
  Response r;
  r.status = status;
  r.body = std::move(j).value();
  SetEtag(&r, t.version);
  return r;
}

}  // namespace

namespace {

// A comma list of enum names from the query parameter `name`; false when one is not a name.
template <typename E, typename Parse>
bool ReadEnumList(const Request& req, const char* name, Parse parse, std::vector<E>* out) {
  auto s = req.Query(name);
  if (!s || s->empty()) return true;
  size_t start = 0;
  while (start <= s->size()) {
    size_t end = s->find(',', start);
    if (end == std::string::npos) end = s->size();
    auto v = parse(std::string_view(*s).substr(start, end - start));
    if (!v) return false;
    if (std::find(out->begin(), out->end(), *v) == out->end()) out->push_back(*v);
    start = end + 1;
  }
  return true;
}

// The list filters of GET /api/v1/tickets (and /count), naming every bad one.
Status ReadTicketFilter(const Call& call, services::TicketFilter* out) {
  const Request& req = call.req;
  services::TicketFilter& f = *out;
  Status errors = InvalidArgument("some filters are not valid");
  bool failed = false;
  if (!ReadEnumList(req, "status", domain::ParseStatus, &f.statuses)) {
    errors.WithField("status", std::string("must be a comma list of ") + kStatuses);
    failed = true;
  }
  if (!ReadEnumList(req, "priority", domain::ParsePriority, &f.priorities)) {
    errors.WithField("priority", std::string("must be a comma list of ") + kPriorities);
    failed = true;
  }
  if (!ReadEnumList(req, "channel", domain::ParseChannel, &f.channels)) {
    errors.WithField("channel", std::string("must be a comma list of ") + kChannels);
    failed = true;
  }
  if (auto a = req.Query("assignee"); a && (*a == "none" || *a == "unassigned")) {
    f.unassigned = true;
  } else if (a && *a == "me") {
    f.assignee_id = call.who.agent_id;
  } else {
    auto id = QueryId(req, "assignee");
    if (!id.ok()) {
      errors.WithField("assignee", "must be an agent id, \"me\" or \"none\"");
      failed = true;
    } else {
      f.assignee_id = *id;
    }
  }
  for (auto [name, target] : {std::pair{"group", &f.group_id},
                              std::pair{"requester", &f.requester_id},
                              std::pair{"organisation", &f.organisation_id}}) {
    auto id = QueryId(req, name);
    if (!id.ok()) {
      errors.WithField(name, "must be a positive id");
      failed = true;
    } else {
      *target = *id;
    }
  }
  if (auto s = req.Query("sla"); s && !s->empty()) {
    if (*s == "breached") {
      f.sla = services::TicketFilter::Sla::kBreached;
    } else if (*s == "due") {
      f.sla = services::TicketFilter::Sla::kDue;
    } else {
      errors.WithField("sla", "must be breached or due");
      failed = true;
    }
  }
  if (auto t = req.Query("tag"); t && !t->empty()) {
    auto tag = domain::NormaliseTag(*t);
    if (!tag.ok()) {
      errors.WithField("tag", "is not a valid tag");
      failed = true;
    } else {
      f.tag = *tag;
    }
  }
  return failed ? errors : Status::Ok();
}

constexpr int64_t kCountCap = 10000;

// A sorted list's cursor: "s:<sort>:<key>:<id>", base64url. It names its sort, so a cursor is
// refused by a list in another order rather than skipping or repeating tickets.
std::string EncodeTicketCursor(domain::TicketSort sort, const services::TicketKey& k) {
  return Base64UrlEncode(std::string("s:") + domain::Name(sort) + ":" + std::to_string(k.key) +
                         ":" + std::to_string(k.id));
}

bool DecodeTicketCursor(const std::string& text, domain::TicketSort sort,
                        services::TicketKey* out) {
  std::string raw;
  if (!Base64UrlDecode(text, &raw)) return false;
  const std::string prefix = std::string("s:") + domain::Name(sort) + ":";
  if (raw.rfind(prefix, 0) != 0) return false;
  const char* p = raw.c_str() + prefix.size();
  char* end = nullptr;
  errno = 0;
  long long key = std::strtoll(p, &end, 10);
  if (end == p || *end != ':' || errno != 0) return false;
  p = end + 1;
  long long id = std::strtoll(p, &end, 10);
  if (end == p || *end != '\0' || errno != 0 || id <= 0) return false;
  out->key = key;
  out->id = id;
  return true;
}

}  // namespace

Response ListTickets(ApiContext& ctx, Call& call) {
  services::TicketFilter f;
  Status parsed = ReadTicketFilter(call, &f);
  Status errors = parsed.ok() ? InvalidArgument("some filters are not valid") : parsed;
  bool failed = !parsed.ok();
  domain::TicketSort sort = domain::TicketSort::kUpdatedDesc;
  bool sort_ok = true;
  if (auto s = call.req.Query("sort"); s && !s->empty()) {
    auto v = domain::ParseTicketSort(*s);
    if (!v) {
      errors.WithField("sort", std::string("must be one of ") + domain::kTicketSorts);
      failed = true;
      sort_ok = false;
    } else {
      sort = *v;
    }
  }
  int limit = 25;
  if (auto l = call.req.Query("limit")) {
    char* end = nullptr;
    long v = std::strtol(l->c_str(), &end, 10);
    if (l->empty() || *end != '\0' || v < 1 || v > 100) {
      errors.WithField("limit", "must be 1 to 100");
      failed = true;
    } else {
      limit = static_cast<int>(v);
    }
  }
  std::optional<services::TicketKey> after;
  // A cursor is checked against the sort, so only when the sort itself is valid.
  if (auto c = call.req.Query("cursor"); c && !c->empty() && sort_ok) {
    services::TicketKey k;
    if (!DecodeTicketCursor(*c, sort, &k)) {
      errors.WithField("cursor", "is not a cursor of this list in this sort order");
      failed = true;
    } else {
      after = k;
    }
  }
  if (failed) return ProblemResponse(errors);
  return ReadJsonText(ctx, [&](ReadTx& tx) -> Result<std::string> {
    ASSIGN_OR_RETURN(auto result,
                     tx.ListTicketsSorted(call.who.workspace_id, f, sort, after, limit));
    std::string out = "{\"data\":[";
    for (size_t i = 0; i < result.items.size(); ++i) {
      ASSIGN_OR_RETURN(std::string j, TicketJsonWithRequester(tx, result.items[i]));
      if (i > 0) out.push_back(',');
      out += j;
    }
    out += "],\"next_cursor\":";
    if (result.next) {
      AppendJsonString(EncodeTicketCursor(sort, *result.next), &out);
    } else {
      out += "null";
    }
    out.push_back('}');
    return out;
  });
}

Response CountTickets(ApiContext& ctx, Call& call) {
  services::TicketFilter f;
  if (Status st = ReadTicketFilter(call, &f); !st.ok()) return ProblemResponse(st);
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(int64_t n, tx.CountMatchingTickets(call.who.workspace_id, f, kCountCap + 1));
    return json{{"count", std::min(n, kCountCap)}, {"capped", n > kCountCap}};
  });
}

Response CreateTicket(ApiContext& ctx, Call& call) {
  const json& body = call.body;
  JsonInput in(body);
  services::TicketCreate c;
  in.Str("subject", &c.subject, true, domain::kMaxSubjectChars);
  json message;
  if (in.Object("message", &message, true)) {
    Status st = ParseMessage(message, "message", &c.message);
    for (const auto& f : st.fields()) in.Error(f.field, f.message);
  }
  int64_t requester_id = 0;
  if (in.Int("requester_id", &requester_id)) {
    if (requester_id <= 0) {
      in.Error("requester_id", "must be a positive id");
    } else {
      c.requester.id = requester_id;
    }
  }
  json requester;
  if (in.Object("requester", &requester)) {
    JsonInput ri(requester, "requester");
    ri.Str("email", &c.requester.email, false, 254);
    ri.Str("name", &c.requester.name, false, 200);
    ri.Str("phone", &c.requester.phone, false, 32);
    Status st = ri.status();
    for (const auto& f : st.fields()) in.Error(f.field, f.message);
    if (st.ok() && !c.requester.id && Trim(c.requester.email).empty() &&
        Trim(c.requester.phone).empty()) {
      in.Error("requester.email", "is required (or requester.phone, or requester_id)");
    }
  }
  if (!in.Has("requester") && !in.Has("requester_id")) {
    in.Error("requester", "is required: {\"email\", \"name\"} or requester_id");
  }
  in.Enum("priority", &c.priority, domain::ParsePriority, kPriorities);
  in.Enum("type", &c.type, domain::ParseTicketType, kTypes);
  in.Enum("channel", &c.channel, domain::ParseChannel, kChannels);
  in.Enum("status", &c.status, domain::ParseStatus, kStatuses);
  in.StrList("tags", &c.tags, domain::kMaxTagsPerTicket);
  std::optional<std::optional<int64_t>> group, assignee;
  if (in.NullableId("group_id", &group)) c.group_id = *group;
  if (in.NullableId("assignee_id", &assignee)) c.assignee_id = *assignee;
  in.Object("custom_fields", &c.custom_fields);
  in.Str("language", &c.language, false, 35);
  if (!in.ok()) return ProblemResponse(in.status());

  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(domain::Ticket t, ctx.tickets.Create(tx, call.who, c));
    Status err;
    Response r = TicketResponse(201, tx, t, &err);
    RETURN_IF_ERROR(err);
    r.AddHeader("Location", "/api/v1/tickets/" + std::to_string(t.id));
    return r;
  });
}

Response GetTicket(ApiContext& ctx, Call& call) {
  Response out;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Ticket t, tx.GetTicket(call.who.workspace_id, call.id()));
    Status err;
    out = TicketResponse(200, tx, t, &err);
    return err;
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response GetTicketByNumber(ApiContext& ctx, Call& call) {
  Response out;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Ticket t, tx.GetTicketByNumber(call.who.workspace_id, call.id()));
    Status err;
    out = TicketResponse(200, tx, t, &err);
    return err;
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response PatchTicket(ApiContext& ctx, Call& call) {
  JsonInput in(call.body);
  services::TicketPatch p;
  if (Status st = ParsePatch(in, call.body, &p); !st.ok()) return ProblemResponse(st);
  auto if_match = IfMatch(call.req);
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Ticket t,
                     ctx.tickets.Update(tx, call.who, call.id(), p, if_match));
    Status err;
    out = TicketResponse(200, tx, t, &err);
    return err;
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response BulkTickets(ApiContext& ctx, Call& call) {
  JsonInput in(call.body);
  std::vector<int64_t> ids;
  in.IdList("ids", &ids, 100, true);
  json changes;
  services::TicketPatch p;
  if (in.Object("changes", &changes, true)) {
    JsonInput ci(changes, "changes");
    Status st = ParsePatch(ci, changes, &p);
    for (const auto& f : st.fields()) in.Error(f.field, f.message);
    if (p.subject || p.custom_fields || p.requester_id) {
      in.Error("changes", "bulk changes may set status, priority, type, assignee_id, group_id, "
                          "tags, add_tags and remove_tags");
    }
  }
  if (in.ok() && ids.empty()) in.Error("ids", "must name at least one ticket");
  if (!in.ok()) return ProblemResponse(in.status());
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto tickets, ctx.tickets.Bulk(tx, call.who, ids, p));
    std::vector<std::string> data;
    for (const auto& t : tickets) {
      ASSIGN_OR_RETURN(std::string j, TicketJsonWithRequester(tx, t));
      data.push_back(std::move(j));
    }
    out.body = "{\"data\":[";
    for (size_t i = 0; i < data.size(); ++i) out.body += (i ? "," : "") + data[i];
    out.body += "]}";
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response ListMessages(ApiContext& ctx, Call& call) {
  auto page = ReadPage(call.req, 50);
  if (!page.ok()) return ProblemResponse(page.status());
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    RETURN_IF_ERROR(tx.GetTicket(call.who.workspace_id, call.id()).status());
    ASSIGN_OR_RETURN(auto result, tx.ListMessages(call.who.workspace_id, call.id(), *page));
    json data = json::array();
    for (const auto& m : result.items) data.push_back(MessageJson(m));
    return ListBody(std::move(data), result.next);
  });
}

Response CreateMessage(ApiContext& ctx, Call& call) {
  services::NewMessage m;
  if (Status st = ParseMessage(call.body, "", &m); !st.ok()) return ProblemResponse(st);
  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(domain::Message msg, ctx.tickets.AddMessage(tx, call.who, call.id(), m));
    Response r = JsonResponse(201, MessageJson(msg));
    r.AddHeader("Location", "/api/v1/tickets/" + std::to_string(call.id()) + "/messages");
    return r;
  });
}

Response MergeTicket(ApiContext& ctx, Call& call) {
  JsonInput in(call.body);
  int64_t target = 0;
  if (in.Int("target_id", &target, true) && target <= 0) {
    in.Error("target_id", "must be a positive id");
  }
  if (!in.ok()) return ProblemResponse(in.status());
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Ticket t, ctx.tickets.Merge(tx, call.who, call.id(), target));
    Status err;
    out = TicketResponse(200, tx, t, &err);
    return err;
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response TicketEvents(ApiContext& ctx, Call& call) {
  auto page = ReadPage(call.req, 50);
  if (!page.ok()) return ProblemResponse(page.status());
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    RETURN_IF_ERROR(tx.GetTicket(call.who.workspace_id, call.id()).status());
    services::AuditFilter f;
    f.entity_type = "ticket";
    f.entity_id = call.id();
    ASSIGN_OR_RETURN(auto result, tx.ListAuditEvents(call.who.workspace_id, f, *page));
    json data = json::array();
    for (const auto& e : result.items) data.push_back(AuditEventJson(e));
    return ListBody(std::move(data), result.next);
  });
}

}  // namespace sahayak::api::handlers
