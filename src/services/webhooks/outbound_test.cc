// What every signed-webhook sender shares: the signature (the tracking webhooks' scheme, so a
// receiver checks it as Sahayak checks its own), what answers mean, backoff, error excerpts.
#include "services/webhooks/outbound.h"

#include <gtest/gtest.h>

#include "services/shipments/shipment_input.h"

namespace sahayak::services {
namespace {

TEST(WebhookSignature, IsTheTrackingWebhookScheme) {
  // The worked example of docs/shipments.md: what Sahayak checks on the way in, it signs on
  // the way out.
  const std::string body =
      R"({"events":[{"carrier":"bluedart","tracking_number":"BD12345678IN","event_id":"bd-7781305","status":"out_for_delivery","occurred_at":"2026-12-05T08:10:00+05:30","place":"Bengaluru"}]})";
  const std::string sig = SignWebhook("whsec_3pQ9nV1xT7bK2mR8cY5zL0aW", "1796292300", body);
  EXPECT_EQ(sig, "sha256=af4f31e6190fa027c66fb00bd2aad311c328b7dfff3e4a8cf68d58b3c8303126");
  EXPECT_TRUE(shipment_input::CheckSignature("whsec_3pQ9nV1xT7bK2mR8cY5zL0aW", "1796292300", sig,
                                             body, 1796292300)
                  .ok());
  EXPECT_NE(SignWebhook("another", "1796292300", body), sig);
  EXPECT_NE(SignWebhook("whsec_3pQ9nV1xT7bK2mR8cY5zL0aW", "1796292301", body), sig);
}

TEST(WebhookAnswers, SentRetriedOrDead) {
  for (int s : {200, 201, 202, 204, 299})
    EXPECT_EQ(ClassifyWebhookStatus(s), WebhookAnswer::kSent) << s;
  for (int s : {408, 429, 500, 502, 503, 504, 599}) {
    EXPECT_EQ(ClassifyWebhookStatus(s), WebhookAnswer::kRetry) << s;
  }
  for (int s : {400, 401, 403, 404, 409, 410, 413, 422, 301, 302, 100}) {
    EXPECT_EQ(ClassifyWebhookStatus(s), WebhookAnswer::kDead) << s;
  }
}

TEST(WebhookBackoff, DoublesUpToTheCap) {
  EXPECT_EQ(WebhookRetryBackoff(1, 1000, 60000), 1000);
  EXPECT_EQ(WebhookRetryBackoff(2, 1000, 60000), 2000);
  EXPECT_EQ(WebhookRetryBackoff(3, 1000, 60000), 4000);
  EXPECT_EQ(WebhookRetryBackoff(6, 1000, 60000), 32000);
  EXPECT_EQ(WebhookRetryBackoff(7, 1000, 60000), 60000);
  EXPECT_EQ(WebhookRetryBackoff(90, 1000, 60000), 60000);
  EXPECT_EQ(WebhookRetryBackoff(0, 1000, 60000), 1000);
}

TEST(WebhookBodyExcerpt, IsShortOneLineAndValid) {
  EXPECT_EQ(BodyExcerpt("{\"error\":\n\"bad awb\"}"), "{\"error\": \"bad awb\"}");
  EXPECT_EQ(BodyExcerpt(std::string(500, 'x')), std::string(200, 'x') + "…");
  EXPECT_EQ(BodyExcerpt("पार्सल नहीं मिला", 6), "पार्सल…");  // six code points
  EXPECT_EQ(BodyExcerpt("bad \xff\xfe bytes"), "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
  EXPECT_EQ(BodyExcerpt(""), "");
}

TEST(WebhookAnswers, NoAnswerIsRetriedAnUnusableAddressIsNot) {
  EXPECT_EQ(ClassifyWebhookFailure(Unavailable("cannot connect: Connection refused")),
            WebhookAnswer::kRetry);
  EXPECT_EQ(ClassifyWebhookFailure(Unavailable("timed out after 10 s waiting for the answer")),
            WebhookAnswer::kRetry);
  EXPECT_EQ(ClassifyWebhookFailure(InvalidArgument("the address has no host")),
            WebhookAnswer::kDead);
  EXPECT_EQ(ClassifyWebhookFailure(PermissionDenied("10.0.0.5 is a private address")),
            WebhookAnswer::kDead);
}

TEST(WebhookAnswers, DescribedWithTheStatusAnExcerptAndARedirectHint) {
  EXPECT_EQ(DescribeWebhookAnswer(503, "", "url"), "HTTP 503");
  EXPECT_EQ(DescribeWebhookAnswer(400, "{\"error\":\n\"bad\"}", "url"),
            "HTTP 400: {\"error\": \"bad\"}");
  EXPECT_EQ(DescribeWebhookAnswer(301, "moved", "requests_url"),
            "HTTP 301: moved (a redirect is not followed: set requests_url to the final address)");
}

}  // namespace
}  // namespace sahayak::services
