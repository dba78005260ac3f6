#pragma once

// Sends the webhooks rules call (the queue rule_webhook_deliveries, filled by
// services/rules/rule_webhooks.h; docs/automation.md, "Webhooks").
//
// One thread claims due rows through the store's writer — pending rows that are due, and rows
// left `sending` by a worker that died once their lease has ended; each claim counts an attempt
// and leases the row for lease_ms — and POSTs each row's body, as stored, with the HttpClient:
//   2xx                                   -> "sent" (sent_at, the status);
//   408, 429, 5xx, no answer (refused,    -> pending again after retry_base × 2^(attempts-1),
//   timed out, TLS refused)                  at most retry_cap; dead after max_attempts;
//   other statuses (4xx, 3xx), an address -> "dead" at once, with the status and a short
//   that is not usable or not allowed        excerpt of the answer; an admin may queue it again.
// Headers: Content-Type: application/json, X-Sahayak-Event (the rule's event),
// X-Sahayak-Delivery and Idempotency-Key (the row's id: the same on every try),
// X-Sahayak-Timestamp (Unix seconds of this try) and, when the action has a secret,
// X-Sahayak-Signature ("sha256=" + hex HMAC-SHA256 of "<timestamp>.<body>" under it).
//
// Crash safety: the row commits with the rule's other effects; a claim whose outcome was never
// recorded (kill -9 while sending) is claimed again when its lease ends, and an outcome is
// recorded only by the claim that made it (a late one is dropped). The window between the
// receiver's 2xx and our commit of "sent" can deliver a row twice; both carry the same
// X-Sahayak-Delivery.
//
// Thread-safety: Start, Stop and Notify may be called from any thread; RunOnce is for tests
// and the worker thread (not concurrently with a started worker).

#include "app/worker_loop.h"
#include "base/clock.h"
#include "services/http_client.h"
#include "services/rules/rule_webhooks.h"
#include "services/store.h"

namespace sahayak::app {

struct RuleWebhookWorkerOptions {
  Millis retry_base_ms = 30 * 1000;
  Millis retry_cap_ms = 6 * 3600 * 1000;
  int max_attempts = 12;        // about a day at the defaults
  Millis poll_ms = 5000;        // a look for due rows when not woken
  Millis lease_ms = 35 * 1000;  // the lease of a claimed row (well over the HTTP timeout)
  int batch = 10;
};

class RuleWebhookWorker {
 public:
  RuleWebhookWorker(services::Store& store, const services::RuleWebhookService& service,
                    services::HttpClient& http, const Clock& clock,
                    RuleWebhookWorkerOptions options = {});
  ~RuleWebhookWorker();  // Stop()
  RuleWebhookWorker(const RuleWebhookWorker&) = delete;
  RuleWebhookWorker& operator=(const RuleWebhookWorker&) = delete;

  void Start();
  // Finishes the webhook being sent, then returns. Idempotent.
  void Stop();
  // Look for due rows now (after one was queued).
  void Notify();

  // Claims the rows due now and sends them; how many were handled.
  int RunOnce();

 private:
  struct Outcome;
  Outcome SendOne(const services::RuleWebhookDelivery& d);
  void Record(const services::RuleWebhookDelivery& d, const Outcome& o);

  services::Store& store_;
  const services::RuleWebhookService& service_;
  services::HttpClient& http_;
  const Clock& clock_;
  RuleWebhookWorkerOptions options_;
  WorkerLoop loop_;  // last: stopped before the members its thread uses
};

}  // namespace sahayak::app
