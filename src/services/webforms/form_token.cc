#include "services/webforms/form_token.h"

#include <sodium.h>

#include <charconv>

#include "base/crypto.h"

namespace sahayak::services {

namespace {

std::string Base64Url(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(),
                                            sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string Signature(std::string_view signing_key, std::string_view form_key,
                      std::string_view issued) {
  // The form key's length is part of the message, so no (key, time) pair can pose as another.
  std::string message = "web-form-token/1|" + std::to_string(form_key.size()) + "|";
  message += form_key;
  message += "|";
  message += issued;
  return Base64Url(HmacSha256(signing_key, message));
}

}  // namespace

std::string DeriveFormTokenKey(std::string_view secret_key) {
  return HmacSha256(secret_key, "sahayak web form start tokens v1");
}

std::string IssueFormToken(std::string_view signing_key, std::string_view form_key,
                           Millis issued_at) {
  std::string issued = std::to_string(issued_at);
  return issued + "." + Signature(signing_key, form_key, issued);
}

FormTokenCheck CheckFormToken(std::string_view signing_key, std::string_view form_key,
                              std::string_view token, Millis now, Millis min_fill_ms) {
  size_t dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 19) return FormTokenCheck::kForged;
  std::string_view issued = token.substr(0, dot);
  Millis at = 0;
  auto [end, ec] = std::from_chars(issued.data(), issued.data() + issued.size(), at);
  if (ec != std::errc() || end != issued.data() + issued.size() || at <= 0) {
    return FormTokenCheck::kForged;
  }
  if (!SecureEquals(token.substr(dot + 1), Signature(signing_key, form_key, issued))) {
    return FormTokenCheck::kForged;
  }
  if (at > now + kFormTokenFutureSkewMs) return FormTokenCheck::kForged;
  if (now - at > kFormTokenMaxAgeMs) return FormTokenCheck::kTooOld;
  if (now - at < min_fill_ms) return FormTokenCheck::kTooFast;
  return FormTokenCheck::kOk;
}

}  // namespace sahayak::services
