#pragma once

// Sends customers' delivery requests to their carriers' endpoints (the queue
// carrier_request_deliveries, filled by services/shipments/carrier_requests.h).
//
// One thread claims due rows (pending, due, their carrier's endpoint on) through the store's
// writer — each claim counts an attempt and leases the row for claim_ms — builds the JSON body,
// signs it and POSTs it with the HttpClient:
//   2xx                                  -> "sent" (sent_at, the status);
//   408, 429, 5xx, no answer (refused,   -> pending again after retry_base × 2^(attempts-1),
//   timed out, TLS refused)                 at most retry_cap; dead after max_attempts;
//   other statuses (4xx, 3xx)            -> "dead" at once, with the status and a short
//                                           excerpt of the answer; an admin may queue it again.
// Headers: Content-Type: application/json, X-Sahayak-Timestamp (Unix seconds),
// X-Sahayak-Signature ("sha256=" + hex HMAC-SHA256 of "<timestamp>.<body>" under the carrier's
// secret), Idempotency-Key (the delivery request's id: the same on every try), and
// X-Sahayak-Event: delivery_request.
//
// Crash safety: the row is written with the request; a claim whose result was never recorded
// (kill -9 while sending) is claimed again when its lease ends. The window between the carrier's
// 2xx and our commit of "sent" can send a request twice; both carry the same Idempotency-Key.
// Rows of a disabled endpoint wait (they are not claimed) until it is enabled again.
//
// Thread-safety: Start, Stop and Notify may be called from any thread; RunOnce is for tests
// and the worker thread (not concurrently with a started worker).


#include "app/worker_loop.h"
#include "base/clock.h"
#include "services/http_client.h"
#include "services/shipments/carrier_requests.h"
#include "services/store.h"

namespace sahayak::app {

struct CarrierRequestWorkerOptions {
  Millis retry_base_ms = 30 * 1000;
  Millis retry_cap_ms = 6 * 3600 * 1000;
  int max_attempts = 12;        // about a day at the defaults
  Millis poll_ms = 5000;        // a look for due rows when not woken
  Millis claim_ms = 35 * 1000;  // the lease of a claimed row (well over the HTTP timeout)
  int batch = 10;
};

class CarrierRequestWorker {
 public:
  CarrierRequestWorker(services::Store& store, const services::CarrierRequestService& service,
                       services::HttpClient& http, const Clock& clock,
                       CarrierRequestWorkerOptions options = {});
  ~CarrierRequestWorker();  // Stop()
  CarrierRequestWorker(const CarrierRequestWorker&) = delete;
  CarrierRequestWorker& operator=(const CarrierRequestWorker&) = delete;

  void Start();
  // Finishes the request being sent, then returns. Idempotent.
  void Stop();
  // Look for due rows now (after one was queued).
  void Notify();

  // Claims the rows due now and sends them; how many were handled.
  int RunOnce();

 private:
  struct Outcome;
  Outcome SendOne(const services::CarrierRequestDelivery& d);

  services::Store& store_;
  const services::CarrierRequestService& service_;
  services::HttpClient& http_;
  const Clock& clock_;
  CarrierRequestWorkerOptions options_;
  WorkerLoop loop_;  // last: stopped before the members its thread uses
};

}  // namespace sahayak::app
