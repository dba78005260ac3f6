#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

// What every sender of signed webhooks shares (carrier requests, app/carrier_request_worker.h;
// rules' webhooks, app/rule_webhook_worker.h): the signature, what an answer means for the
// queue, the wait before the next try, and the error kept for people to read. Pure;
// thread-safe.
namespace sahayak::services {

// "sha256=" + lower-case hex HMAC-SHA256 under `secret` of "<timestamp>.<body>": the value of
// X-Sahayak-Signature (the tracking webhooks' scheme, docs/shipments.md; a receiver checks it
// as shipment_input::CheckSignature does).
std::string SignWebhook(std::string_view secret, std::string_view timestamp, std::string_view body);

// What an answer means for the queue.
enum class WebhookAnswer { kSent, kRetry, kDead };
// 2xx sent; 408, 429 and 5xx retried; everything else (other 4xx, 3xx, 1xx) dead.
WebhookAnswer ClassifyWebhookStatus(int status);
// A POST that got no answer (HttpClient::Post's error): Unavailable (no answer: refused, timed
// out, TLS) is retried; anything else (InvalidArgument: a bad address; PermissionDenied: an
// address the client may not reach) is dead, since trying again cannot help.
WebhookAnswer ClassifyWebhookFailure(const Status& error);
// The wait before the next try after `attempts` failed ones (>= 1): base, 2 × base, 4 × base …
// up to `cap`.
Millis WebhookRetryBackoff(int attempts, Millis base, Millis cap);
// At most `max_chars` of a response body for last_error: valid UTF-8, control characters as
// spaces, "…" when cut.
std::string BodyExcerpt(std::string_view body, size_t max_chars = 200);
// last_error for an answer that was not 2xx: "HTTP 400: <excerpt>", and for a redirect (never
// followed) a hint to set `url_member` to the final address.
std::string DescribeWebhookAnswer(int status, std::string_view body, std::string_view url_member);

}  // namespace sahayak::services
