#include "services/webhooks/outbound.h"

#include <algorithm>

#include "base/crypto.h"
#include "base/text.h"

namespace sahayak::services {

std::string SignWebhook(std::string_view secret, std::string_view timestamp,
                        std::string_view body) {
  std::string message;
  message.reserve(timestamp.size() + 1 + body.size());
  message.append(timestamp).append(".").append(body);
  return "sha256=" + HmacSha256Hex(secret, message);
}

WebhookAnswer ClassifyWebhookStatus(int status) {
  if (status >= 200 && status < 300) return WebhookAnswer::kSent;
  if (status == 408 || status == 429 || (status >= 500 && status < 600)) {
    return WebhookAnswer::kRetry;
  }
  return WebhookAnswer::kDead;
}

WebhookAnswer ClassifyWebhookFailure(const Status& error) {
  return error.code() == Code::kUnavailable ? WebhookAnswer::kRetry : WebhookAnswer::kDead;
}

Millis WebhookRetryBackoff(int attempts, Millis base, Millis cap) {
  Millis wait = base;
  for (int i = 1; i < attempts && wait < cap; ++i) wait *= 2;
  return std::min(wait, cap);
}

std::string BodyExcerpt(std::string_view body, size_t max_chars) {
  std::string text = RepairUtf8(body.substr(0, std::min(body.size(), max_chars * 4 + 4)));
  std::string out;
  size_t chars = 0;
  bool cut = false;
  for (size_t i = 0; i < text.size();) {
    size_t bad = 0;
    const size_t n =
        std::max<size_t>(1, Utf8SequenceLength(std::string_view(text).substr(i), &bad));
    if (chars == max_chars) {
      cut = true;
      break;
    }
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (n == 1 && (c < 0x20 || c == 0x7f)) {
      out += ' ';
    } else {
      out.append(text, i, n);
    }
    ++chars;
    i += n;
  }
  if (cut || text.size() < body.size()) out += "…";
  // One line: runs of spaces shrink to one.
  std::string line;
  for (char c : out) {
    if (c == ' ' && !line.empty() && line.back() == ' ') continue;
    line += c;
  }
  return Trim(line);
}

std::string DescribeWebhookAnswer(int status, std::string_view body, std::string_view url_member) {
  std::string out = "HTTP " + std::to_string(status);
  const std::string excerpt = BodyExcerpt(body);
  if (!excerpt.empty()) out += ": " + excerpt;
  if (status >= 300 && status < 400) {
    out += " (a redirect is not followed: set ";
    out.append(url_member).append(" to the final address)");
  }
  return out;
}

}  // namespace sahayak::services
