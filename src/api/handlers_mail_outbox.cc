// The mail outbox for admins: what was sent, what waits, and the dead letters they can retry.
#include <nlohmann/json.hpp>

#include "api/common.h"
#include "api/crud.h"
#include "api/handlers.h"
#include "services/mail/outbound_service.h"

namespace sahayak::api::handlers {

using nlohmann::json;
using services::PageRequest;
using services::ReadTx;
using services::WriteTx;

namespace {

json OutboxJson(const domain::MailOutboxItem& o) {
  json j = {{"id", o.id},
            {"kind", o.kind},
            {"state", o.state},
            {"mailbox_id", IdOrNull(o.mailbox_id)},
            {"ticket_id", IdOrNull(o.ticket_id)},
            {"message_row_id", IdOrNull(o.message_row_id)},
            {"message_id", o.message_id},
            {"to", o.to_email},
            {"attempts", o.attempts},
            {"next_attempt_at", FormatRfc3339(o.next_attempt_at)},
            {"last_error", o.last_error},
            {"created_at", FormatRfc3339(o.created_at)},
            {"updated_at", FormatRfc3339(o.updated_at)},
            {"sent_at", o.sent_at ? json(FormatRfc3339(*o.sent_at)) : json(nullptr)}};
  // The subject and recipients from the payload; the body stays out of lists.
  auto q = services::DecodeQueuedMail(o.payload);
  if (q.ok()) {
    j["subject"] = q->mail.subject;
    json cc = json::array();
    for (const auto& a : q->mail.cc) cc.push_back(a.email);
    j["cc"] = cc;
    j["attachments"] = q->attachments.size();
  }
  return j;
}

}  // namespace

Response ListMailOutbox(ApiContext& ctx, Call& call) {
  std::string state = call.req.Query("state").value_or("");
  if (!state.empty() && state != "queued" && state != "sending" && state != "sent" &&
      state != "dead") {
    return ProblemResponse(InvalidArgument("state must be queued, sending, sent or dead")
                               .WithField("state", "is not queued, sending, sent or dead"));
  }
  return ListPaged<domain::MailOutboxItem>(
      ctx, call,
      [&](ReadTx& tx, const PageRequest& p) {
        return tx.ListMailOutbox(call.who.workspace_id, state, p);
      },
      OutboxJson);
}

Response RetryMailOutbox(ApiContext& ctx, Call& call) {
  domain::MailOutboxItem item;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    const Millis now = ctx.clock.Now();
    ASSIGN_OR_RETURN(domain::MailOutboxItem before, tx.GetMailOutbox(call.who.workspace_id, call.id()));
    RETURN_IF_ERROR(tx.RequeueMailOutbox(call.who.workspace_id, call.id(), now));
    ASSIGN_OR_RETURN(item, tx.GetMailOutbox(call.who.workspace_id, call.id()));
    domain::AuditEvent e;
    e.workspace_id = call.who.workspace_id;
    e.actor = call.who.actor();
    e.action = "mail_outbox.retried";
    e.entity_type = "mail_outbox";
    e.entity_id = item.id;
    e.changes = {{"state", {before.state, item.state}}};
    e.created_at = now;
    return tx.InsertAudit(&e);
  });
  if (!st.ok()) return ProblemResponse(st);
  return JsonResponse(200, OutboxJson(item));
}

}  // namespace sahayak::api::handlers
