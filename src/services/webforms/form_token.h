#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"

// The start token of a web form: the page carries it in a hidden field, so a submission proves
// when its form was shown without the server keeping any per-view state. A token is
// "<issued-at ms>.<base64url HMAC-SHA256(key, form key + issued-at)>". Pure; thread-safe.
namespace sahayak::services {

enum class FormTokenCheck { kOk, kTooFast, kTooOld, kForged };

// Tokens older than this are refused (a form left open over a day is shown afresh).
inline constexpr Millis kFormTokenMaxAgeMs = 24LL * 3600 * 1000;
// A token "issued" this far in the future is forged (clock skew between nodes is smaller).
inline constexpr Millis kFormTokenFutureSkewMs = 60 * 1000;

// The 32-byte signing key for form tokens, derived from the server's secret key, so the
// sealing key itself never signs anything public.
std::string DeriveFormTokenKey(std::string_view secret_key);

std::string IssueFormToken(std::string_view signing_key, std::string_view form_key,
                           Millis issued_at);

// kForged for anything not issued with this key for this form (or issued in the future),
// kTooFast when younger than `min_fill_ms`, kTooOld when older than kFormTokenMaxAgeMs.
FormTokenCheck CheckFormToken(std::string_view signing_key, std::string_view form_key,
                              std::string_view token, Millis now, Millis min_fill_ms);

}  // namespace sahayak::services
