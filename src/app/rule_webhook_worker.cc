#include "app/rule_webhook_worker.h"

#include <spdlog/spdlog.h>

#include <string>

#include "services/webhooks/outbound.h"

namespace sahayak::app {

using services::RuleWebhookDelivery;
using services::WebhookAnswer;

struct RuleWebhookWorker::Outcome {
  WebhookAnswer answer = WebhookAnswer::kRetry;
  std::optional<int64_t> status;
  std::string error;
};

RuleWebhookWorker::RuleWebhookWorker(services::Store& store,
                                     const services::RuleWebhookService& service,
                                     services::HttpClient& http, const Clock& clock,
                                     RuleWebhookWorkerOptions options)
    : store_(store), service_(service), http_(http), clock_(clock), options_(options) {}

RuleWebhookWorker::~RuleWebhookWorker() {
  Stop();
}

void RuleWebhookWorker::Start() {
  // Retries fall due without anyone waking the worker: it looks at least every poll_ms (and
  // sooner when the shortest backoff is shorter, as in tests).
  loop_.Start(
      [this] { return RunOnce(); }, options_.batch,
      [this] { return std::min(options_.poll_ms, std::max<Millis>(options_.retry_base_ms, 10)); });
}

void RuleWebhookWorker::Stop() {
  loop_.Stop();
}

void RuleWebhookWorker::Notify() {
  loop_.Notify();
}

RuleWebhookWorker::Outcome RuleWebhookWorker::SendOne(const RuleWebhookDelivery& d) {
  Outcome out;
  // The address was checked when queued; the server's settings may have changed since.
  if (Status usable = service_.CheckUrl(d.url); !usable.ok()) {
    out.answer = WebhookAnswer::kDead;
    out.error = "the address " + usable.message();
    return out;
  }
  services::HttpPost post;
  post.url = d.url;
  post.body = d.body;
  const std::string timestamp = std::to_string(clock_.Now() / 1000);
  const std::string id = std::to_string(d.id);
  post.headers = {{"X-Sahayak-Event", d.event},
                  {"X-Sahayak-Delivery", id},
                  {"Idempotency-Key", id},
                  {"X-Sahayak-Timestamp", timestamp}};
  if (!d.sealed_secret.empty()) {
    auto secret = service_.OpenSecret(d.sealed_secret);
    if (!secret.ok()) {
      // Retried: the usual cause is a server started with the wrong secret key.
      out.error = secret.status().message();
      return out;
    }
    post.headers.emplace_back("X-Sahayak-Signature",
                              services::SignWebhook(*secret, timestamp, post.body));
  }
  auto answer = http_.Post(post);
  if (!answer.ok()) {
    out.answer = services::ClassifyWebhookFailure(answer.status());
    out.error = answer.status().message();
    return out;
  }
  out.status = answer->status;
  out.answer = services::ClassifyWebhookStatus(answer->status);
  if (out.answer != WebhookAnswer::kSent) {
    out.error = services::DescribeWebhookAnswer(answer->status, answer->body, "the webhook's url");
  }
  return out;
}

void RuleWebhookWorker::Record(const RuleWebhookDelivery& d, const Outcome& o) {
  const Millis at = clock_.Now();
  WebhookAnswer answer = o.answer;
  std::string error = o.error;
  if (answer == WebhookAnswer::kRetry && d.attempts >= options_.max_attempts) {
    answer = WebhookAnswer::kDead;
    error = "gave up after " + std::to_string(d.attempts) + " attempts: " + error;
  }
  Millis next = 0;
  Status mark = store_.Write([&](services::WriteTx& tx) -> Status {
    auto& q = tx.rule_webhooks();
    switch (answer) {
      case WebhookAnswer::kSent:
        return q.MarkRuleWebhookSent(d.id, d.attempts, o.status.value_or(0), at);
      case WebhookAnswer::kRetry:
        next = at + services::WebhookRetryBackoff(d.attempts, options_.retry_base_ms,
                                                  options_.retry_cap_ms);
        return q.MarkRuleWebhookRetry(d.id, d.attempts, next, o.status, error, at);
      case WebhookAnswer::kDead:
        return q.MarkRuleWebhookDead(d.id, d.attempts, o.status, error, at);
    }
    return Status::Ok();
  });
  if (!mark.ok()) {
    // Aborted: the lease ended and another claim took the row, which records its own outcome.
    // Otherwise the lease ends and the row is tried again (for a sent one, a duplicate with
    // the same X-Sahayak-Delivery).
    spdlog::error("rule webhooks: cannot record the result of delivery {}: {}", d.id,
                  mark.message());
    return;
  }
  switch (answer) {
    case WebhookAnswer::kSent:
      spdlog::info("rule webhooks: sent delivery {} of rule {} (attempt {}, HTTP {})", d.id,
                   d.rule_id, d.attempts, o.status.value_or(0));
      break;
    case WebhookAnswer::kRetry:
      spdlog::warn(
          "rule webhooks: delivery {} of rule {} failed (attempt {}), retrying in "
          "{:.1f} s: {}",
          d.id, d.rule_id, d.attempts, static_cast<double>(next - at) / 1000.0, error);
      break;
    case WebhookAnswer::kDead:
      spdlog::error("rule webhooks: delivery {} of rule {} is dead after {} attempt(s): {}", d.id,
                    d.rule_id, d.attempts, error);
      break;
  }
}

int RuleWebhookWorker::RunOnce() {
  const Millis now = clock_.Now();
  std::vector<RuleWebhookDelivery> claimed;
  Status st = store_.Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(claimed, tx.rule_webhooks().ClaimRuleWebhookDeliveries(
                                  now, now + options_.lease_ms, options_.batch));
    return Status::Ok();
  });
  if (!st.ok()) {
    spdlog::warn("rule webhooks: cannot claim: {}", st.message());
    return 0;
  }
  for (const RuleWebhookDelivery& d : claimed) Record(d, SendOne(d));
  return static_cast<int>(claimed.size());
}

}  // namespace sahayak::app
