// Mailboxes (admin): CRUD, and the synchronous "test incoming", "test outgoing", "fetch now".
#include "api/crud.h"
#include "api/handlers.h"
#include "base/clock.h"
#include "domain/json_input.h"

namespace sahayak::api::handlers {

using nlohmann::json;
using services::ReadTx;
using services::WriteTx;

namespace {

// The API's view of a mailbox: every setting but the passwords, which are write-only.
json MailboxJson(const domain::Mailbox& m) {
  json j = services::MailboxAuditView(m);
  j["id"] = m.id;
  j["imap_password_set"] = !m.imap_password_sealed.empty();
  j["smtp_password_set"] = !m.smtp_password_sealed.empty();
  j["inbound"] = m.imap_host.empty() ? "lmtp" : "imap";
  j["last_fetch_at"] = m.last_fetch_at ? json(FormatRfc3339(*m.last_fetch_at)) : json(nullptr);
  j["last_error"] = m.last_error;
  j["created_at"] = FormatRfc3339(m.created_at);
  j["updated_at"] = FormatRfc3339(m.updated_at);
  j["version"] = m.version;
  return j;
}

Response MailboxesNotWired() {
  return Problem(503, "unavailable", "mailbox administration is not available on this server");
}

}  // namespace

Response ListMailboxes(ApiContext& ctx, Call& call) {
  if (ctx.mailboxes == nullptr) return MailboxesNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto all, ctx.mailboxes->List(tx, call.who));
    json data = json::array();
    for (const auto& m : all) data.push_back(MailboxJson(m));
    return ListBody(std::move(data), std::nullopt);
  });
}

Response CreateMailbox(ApiContext& ctx, Call& call) {
  if (ctx.mailboxes == nullptr) return MailboxesNotWired();
  return CreateOne<domain::Mailbox>(
      ctx, call, "/api/v1/mailboxes",
      [&](WriteTx& tx) { return ctx.mailboxes->Create(tx, call.who, call.body); }, MailboxJson);
}

Response GetMailbox(ApiContext& ctx, Call& call) {
  if (ctx.mailboxes == nullptr) return MailboxesNotWired();
  return GetOne<domain::Mailbox>(
      ctx, [&](ReadTx& tx) { return ctx.mailboxes->Get(tx, call.who, call.id()); }, MailboxJson);
}

Response PatchMailbox(ApiContext& ctx, Call& call) {
  if (ctx.mailboxes == nullptr) return MailboxesNotWired();
  auto if_match = IfMatch(call.req);
  return UpdateOne<domain::Mailbox>(
      ctx,
      [&](WriteTx& tx) {
        return ctx.mailboxes->Update(tx, call.who, call.id(), call.body, if_match);
      },
      MailboxJson);
}

Response DeleteMailbox(ApiContext& ctx, Call& call) {
  if (ctx.mailboxes == nullptr) return MailboxesNotWired();
  Status st =
      ctx.store.Write([&](WriteTx& tx) { return ctx.mailboxes->Delete(tx, call.who, call.id()); });
  return st.ok() ? NoContent() : ProblemResponse(st);
}

Response TestMailboxImap(ApiContext& ctx, Call& call) {
  if (ctx.mailboxes == nullptr) return MailboxesNotWired();
  auto out = ctx.mailboxes->TestImap(call.who, call.id());
  if (!out.ok()) return ProblemResponse(out.status());
  json j = {{"ok", out->ok}};
  if (out->ok) {
    j["messages_pending"] = out->messages_pending;
  } else {
    j["error"] = out->error;
  }
  return JsonResponse(200, j);
}

Response TestMailboxSmtp(ApiContext& ctx, Call& call) {
  if (ctx.mailboxes == nullptr) return MailboxesNotWired();
  if (Status st = domain::RequireObject(call.body); !st.ok()) return ProblemResponse(st);
  domain::JsonInput in(call.body);
  std::string to;
  in.Str("to", &to, true, 254);
  for (auto it = call.body.begin(); it != call.body.end(); ++it) {
    if (it.key() != "to") in.Error(it.key(), "is not a member here; give only \"to\"");
  }
  if (!in.ok()) return ProblemResponse(in.status());
  auto out = ctx.mailboxes->TestSmtp(call.who, call.id(), to);
  if (!out.ok()) return ProblemResponse(out.status());
  json j = {{"ok", out->ok}};
  if (out->ok) {
    j["server_reply"] = out->server_reply;
  } else {
    j["error"] = out->error;
  }
  return JsonResponse(200, j);
}

Response FetchMailboxNow(ApiContext& ctx, Call& call) {
  if (ctx.mailboxes == nullptr) return MailboxesNotWired();
  // The mailbox must exist here (404) and fetch over IMAP (422) before the fetchers are asked.
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Mailbox m, ctx.mailboxes->Get(tx, call.who, call.id()));
    if (m.imap_host.empty()) {
      return FailedPrecondition("the mailbox " + m.name +
                                " has no IMAP server: its mail arrives by LMTP or mail-deliver")
          .WithKind("no-imap-server")
          .WithField("imap_host", "is not set");
    }
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  if (!ctx.fetch_now) {
    return Problem(503, "fetching-not-running", "IMAP fetching is not running");
  }
  st = ctx.fetch_now(call.who.workspace_id, call.id());
  if (!st.ok()) return ProblemResponse(st);
  Response r = JsonResponse(202, {{"ok", true}, {"status", "fetching"}});
  return r;
}

}  // namespace sahayak::api::handlers
