#include "services/rules/rule_webhooks.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "base/crypto.h"
#include "base/text.h"
#include "domain/http_url.h"
#include "services/audit.h"

namespace sahayak::services {

using nlohmann::json;

namespace {

json OptionalTime(const std::optional<Millis>& t) {
  return t ? json(FormatRfc3339(*t)) : json(nullptr);
}

}  // namespace

Status RuleWebhookService::CheckUrl(std::string_view url) const {
  auto parsed = domain::ParseHttpUrl(url);
  if (!parsed.ok()) return InvalidArgument(parsed.status().message());
  if (!options_.allow_private_addresses && domain::IsPrivateAddress(parsed->host)) {
    return InvalidArgument(
        "names " + parsed->host +
        ", an address on this machine or a private network, which this server does not call "
        "(rule_webhooks.allow_private_addresses)");
  }
  return Status::Ok();
}

Result<std::string> RuleWebhookService::SealSecret(std::string_view secret) const {
  if (secret.empty()) return InvalidArgument("must not be empty (leave it out for no signature)");
  if (!IsValidUtf8(secret)) return InvalidArgument("must be UTF-8 text");
  size_t chars = 0;
  for (unsigned char c : secret) {
    if ((c & 0xc0) != 0x80) ++chars;
    if (c < 0x20 || c == 0x7f) return InvalidArgument("may not contain control characters");
  }
  if (chars > kMaxWebhookSecretChars) {
    return InvalidArgument("is longer than " + std::to_string(kMaxWebhookSecretChars) +
                           " characters");
  }
  if (Trim(secret) != secret) return InvalidArgument("may not begin or end with a space");
  return ::sahayak::SealSecret(secret_key_, secret);
}

Result<std::string> RuleWebhookService::OpenSecret(std::string_view sealed) const {
  auto secret = ::sahayak::OpenSecret(secret_key_, sealed);
  if (!secret.ok()) {
    return Unavailable(
        "the webhook's signing secret cannot be opened with this server's secret key; set the "
        "rule's webhook secret again");
  }
  return secret;
}

Status RuleWebhookService::Queue(WriteTx& tx, Id ws, Id rule_id, std::string_view rule_name,
                                 Id ticket_id, const std::string& url,
                                 const std::string& sealed_secret, const json& body) const {
  const Millis now = clock_.Now();
  RuleWebhookDelivery d;
  d.workspace_id = ws;
  d.rule_id = rule_id;
  d.ticket_id = ticket_id;
  const auto event = body.find("event");
  d.event = event != body.end() && event->is_string() ? event->get<std::string>() : "rule";
  d.url = url;
  d.sealed_secret = sealed_secret;
  d.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  d.next_attempt_at = now;
  d.created_at = d.updated_at = now;
  if (Status usable = CheckUrl(url); !usable.ok()) {
    // Saved before the rules changed, or before the server refused private addresses.
    d.state = "dead";
    d.last_error = "the address " + usable.message();
    spdlog::warn("rule webhooks: rule {} (\"{}\") calls an address it may not: {}", rule_id,
                 rule_name, d.last_error);
  }
  RETURN_IF_ERROR(tx.rule_webhooks().InsertRuleWebhookDelivery(&d));
  if (d.state == "pending") Notify();
  return Status::Ok();
}

Result<Page<RuleWebhookDelivery>> RuleWebhookService::List(ReadTx& tx, const Principal& who,
                                                           Id rule_id,
                                                           const PageRequest& page) const {
  RETURN_IF_ERROR(RequireAdmin(who, "see a rule's webhook deliveries"));
  const int limit = std::clamp(page.limit, 1, kMaxRuleWebhookPage);
  ASSIGN_OR_RETURN(auto rows, tx.rule_webhooks().ListRuleWebhookDeliveries(
                                  who.workspace_id, rule_id, page.cursor, limit + 1));
  Page<RuleWebhookDelivery> out;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(limit);
    out.next = rows.back().id;
  }
  out.items = std::move(rows);
  return out;
}

Result<RuleWebhookDelivery> RuleWebhookService::Retry(WriteTx& tx, const Principal& who, Id rule_id,
                                                      Id delivery_id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "send a webhook again"));
  auto d = tx.rule_webhooks().GetRuleWebhookDelivery(who.workspace_id, delivery_id);
  if (!d.ok() || d->rule_id != rule_id) {
    if (!d.ok() && d.status().code() != Code::kNotFound) return d.status();
    return NotFound("rule " + std::to_string(rule_id) + " has no webhook delivery " +
                    std::to_string(delivery_id));
  }
  const Millis now = clock_.Now();
  Status requeued = tx.rule_webhooks().RequeueRuleWebhookDelivery(who.workspace_id, d->id, now);
  if (requeued.code() == Code::kFailedPrecondition) {
    return AlreadyExists(requeued.message()).WithKind("conflict");
  }
  RETURN_IF_ERROR(requeued);
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "rule.webhook_requeued", "rule",
                               rule_id,
                               {{"delivery_id", {nullptr, delivery_id}},
                                {"state", {"dead", "pending"}},
                                {"last_error", {d->last_error, nullptr}}},
                               now));
  Notify();
  return tx.rule_webhooks().GetRuleWebhookDelivery(who.workspace_id, delivery_id);
}

json RuleWebhookBody(std::string_view event, Id rule_id, std::string_view rule_name,
                     const json& ticket, Millis occurred_at) {
  return {{"event", event},
          {"occurred_at", FormatRfc3339(occurred_at)},
          {"rule", {{"id", rule_id}, {"name", rule_name}}},
          {"ticket", ticket}};
}

json RuleWebhookDeliveryJson(const RuleWebhookDelivery& d) {
  return {{"id", d.id},
          {"rule_id", d.rule_id},
          {"ticket_id", d.ticket_id},
          {"event", d.event},
          {"url", d.url},
          {"signed", !d.sealed_secret.empty()},
          {"state", d.state},
          {"attempts", d.attempts},
          {"last_status", d.last_status ? json(*d.last_status) : json(nullptr)},
          {"last_error", d.last_error.empty() ? json(nullptr) : json(d.last_error)},
          {"next_attempt_at",
           d.state == "pending" ? json(FormatRfc3339(d.next_attempt_at)) : json(nullptr)},
          {"created_at", FormatRfc3339(d.created_at)},
          {"updated_at", FormatRfc3339(d.updated_at)},
          {"sent_at", OptionalTime(d.sent_at)}};
}

}  // namespace sahayak::services
