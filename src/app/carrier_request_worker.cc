#include "app/carrier_request_worker.h"

#include <spdlog/spdlog.h>

#include <string>

namespace sahayak::app {

using services::WebhookAnswer;
using services::CarrierRequestDelivery;

struct CarrierRequestWorker::Outcome {
  WebhookAnswer answer = WebhookAnswer::kRetry;
  std::optional<int64_t> status;
  std::string error;
  bool gone = false;  // the request or its carrier no longer exists: nothing to record
};

CarrierRequestWorker::CarrierRequestWorker(services::Store& store,
                                           const services::CarrierRequestService& service,
                                           services::HttpClient& http, const Clock& clock,
                                           CarrierRequestWorkerOptions options)
    : store_(store), service_(service), http_(http), clock_(clock), options_(options) {}

CarrierRequestWorker::~CarrierRequestWorker() { Stop(); }

void CarrierRequestWorker::Start() {
  // Retries fall due without anyone waking the worker: it looks at least every poll_ms (and
  // sooner when the shortest backoff is shorter, as in tests).
  loop_.Start([this] { return RunOnce(); }, options_.batch, [this] {
    return std::min(options_.poll_ms, std::max<Millis>(options_.retry_base_ms, 10));
  });
}

void CarrierRequestWorker::Stop() { loop_.Stop(); }

void CarrierRequestWorker::Notify() { loop_.Notify(); }

CarrierRequestWorker::Outcome CarrierRequestWorker::SendOne(const CarrierRequestDelivery& d) {
  Outcome out;
  services::CarrierRequestJob job;
  Status read = store_.Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(job, tx.carrier_requests().GetCarrierRequestJob(d.id));
    return Status::Ok();
  });
  if (!read.ok()) {
    out.gone = read.code() == Code::kNotFound;
    out.error = "cannot read the request: " + read.message();
    return out;
  }
  auto secret = service_.OpenEndpointSecret(job.endpoint);
  if (!secret.ok()) {
    out.error = secret.status().message();
    return out;
  }
  services::HttpPost post;
  post.url = job.endpoint.url;
  post.body = services::CarrierRequestBody(job);
  const std::string timestamp = std::to_string(clock_.Now() / 1000);
  post.headers = {
      {"X-Sahayak-Timestamp", timestamp},
      {"X-Sahayak-Signature", services::SignWebhook(*secret, timestamp, post.body)},
      {"Idempotency-Key", std::to_string(job.request.id)},
      {"X-Sahayak-Event", "delivery_request"}};
  auto answer = http_.Post(post);
  if (!answer.ok()) {
    out.answer = services::ClassifyWebhookFailure(answer.status());
    out.error = answer.status().message();
    return out;
  }
  out.status = answer->status;
  out.answer = services::ClassifyWebhookStatus(answer->status);
  if (out.answer != WebhookAnswer::kSent) {
    out.error = services::DescribeWebhookAnswer(answer->status, answer->body, "requests_url");
  }
  return out;
}

int CarrierRequestWorker::RunOnce() {
  const Millis now = clock_.Now();
  std::vector<CarrierRequestDelivery> claimed;
  Status st = store_.Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(claimed, tx.carrier_requests().ClaimRequestDeliveries(
                                  now, now + options_.claim_ms, options_.batch));
    return Status::Ok();
  });
  if (!st.ok()) {
    spdlog::warn("carrier requests: cannot claim: {}", st.message());
    return 0;
  }
  for (CarrierRequestDelivery d : claimed) {
    Outcome o = SendOne(d);
    if (o.gone) continue;
    const Millis at = clock_.Now();
    d.updated_at = at;
    d.response_status = o.status ? o.status : d.response_status;
    switch (o.answer) {
      case WebhookAnswer::kSent:
        d.state = "sent";
        d.sent_at = at;
        d.last_error.clear();
        break;
      case WebhookAnswer::kRetry:
        if (d.attempts >= options_.max_attempts) {
          d.state = "dead";
          d.last_error = "gave up after " + std::to_string(d.attempts) + " attempts: " + o.error;
        } else {
          d.state = "pending";
          d.next_attempt_at = at + services::WebhookRetryBackoff(d.attempts, options_.retry_base_ms,
                                                                 options_.retry_cap_ms);
          d.last_error = o.error;
        }
        break;
      case WebhookAnswer::kDead:
        d.state = "dead";
        d.last_error = o.error;
        break;
    }
    Status mark = store_.Write(
        [&](services::WriteTx& tx) { return tx.carrier_requests().UpdateRequestDelivery(d); });
    if (d.state == "sent") {
      spdlog::info("carrier requests: sent delivery request {} (attempt {}, HTTP {})",
                   d.delivery_request_id, d.attempts, o.status.value_or(0));
    } else if (d.state == "pending") {
      spdlog::warn(
          "carrier requests: delivery request {} failed (attempt {}), retrying in "
          "{:.1f} s: {}",
          d.delivery_request_id, d.attempts, static_cast<double>(d.next_attempt_at - at) / 1000.0,
          o.error);
    } else {
      spdlog::error("carrier requests: delivery request {} is dead after {} attempt(s): {}",
                    d.delivery_request_id, d.attempts, d.last_error);
    }
    if (!mark.ok()) {
      // The lease ends and the row is tried again: for a sent one, a duplicate with the same
      // Idempotency-Key.
      spdlog::error("carrier requests: cannot record the result of delivery request {}: {}",
                    d.delivery_request_id, mark.message());
    }
  }
  return static_cast<int>(claimed.size());
}

}  // namespace sahayak::app
