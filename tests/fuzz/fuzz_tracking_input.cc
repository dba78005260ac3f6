// libFuzzer target for what carrier systems send (docs/shipments.md): a batch of tracking
// events, whether through POST /api/v1/tracking-events or a signed webhook delivery, and the
// delivery's timestamp and signature (services/shipments/shipment_input.h).
//
// The input is "<timestamp>\n<signature>\n<body>". Beyond "no crash, no leak, no undefined
// behaviour" it checks the contracts:
//  - a signature is accepted only when it is the HMAC the server computes for that timestamp
//    and body, and only within the time window;
//  - a batch is either refused with errors that each name `events` or `events[i].member`, or
//    every event comes back checked: 1-1000 of them, a known carrier, a normalised tracking
//    number, an event id of 1-100 characters (or one derived from the event),
//    a time at most a day ahead, and NFC text of at most 500 characters.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/crypto.h"
#include "base/text.h"
#include "domain/shipment.h"
#include "fuzz_assert.h"
#include "services/shipments/shipment_input.h"

namespace {

namespace in = sahayak::services::shipment_input;

constexpr int64_t kNowSeconds = 1'800'000'000;
constexpr sahayak::Millis kNow = kNowSeconds * 1000;
const std::string kSecret = "whsec_fuzzing-secret-0123456789";

void CheckText(const std::string& s, std::string_view input) {
  FUZZ_ASSERT_FALSE(sahayak::CodePointCount(s) > in::kMaxTextChars, "text over 500 characters",
                    input);
  FUZZ_ASSERT_FALSE(sahayak::ToNfc(s) != s, "text not in NFC", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t first = input.find('\n');
  const size_t second = first == std::string_view::npos ? first : input.find('\n', first + 1);
  std::string_view timestamp, signature, body = input;
  if (second != std::string_view::npos) {
    timestamp = input.substr(0, first);
    signature = input.substr(first + 1, second - first - 1);
    body = input.substr(second + 1);
  }

  sahayak::Status sig = in::CheckSignature(kSecret, timestamp, signature, body, kNowSeconds);
  if (sig.ok()) {
    std::string message(timestamp);
    message.append(".").append(body);
    const std::string want = "sha256=" + sahayak::HmacSha256Hex(kSecret, message);
    FUZZ_ASSERT_FALSE(sahayak::AsciiLower(signature) != want,
                      "a signature the server did not compute was accepted", input);
  } else {
    FUZZ_ASSERT_FALSE(sig.kind() != "invalid-signature", "a refusal of another kind", input);
  }

  const nlohmann::json doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return 0;
  auto carrier_of = [](const std::string& code) -> sahayak::Result<std::optional<sahayak::domain::Id>> {
    if (code == "shy") return std::optional<sahayak::domain::Id>(1);
    if (code == "indiapost") return std::optional<sahayak::domain::Id>(2);
    return std::optional<sahayak::domain::Id>();
  };
  auto events = in::ReadTrackingEvents(doc, kNow, carrier_of);
  if (!events.ok()) {
    const sahayak::Status& st = events.status();
    FUZZ_ASSERT_FALSE(st.code() != sahayak::Code::kInvalidArgument || st.fields().empty(),
                      "a batch refused without naming what is wrong", input);
    for (const auto& f : st.fields()) {
      const bool named = f.field.empty() /* not an object */ || f.field.rfind("events", 0) == 0 ||
                         (doc.is_object() && doc.contains(f.field));  // an unknown member
      FUZZ_ASSERT_FALSE(!named, "an error that names neither the batch nor an event", input);
    }
    return 0;
  }
  FUZZ_ASSERT_FALSE(events->empty() || events->size() > in::kMaxEventsPerBatch,
                    "an accepted batch of 0 or over 1000 events", input);
  for (const auto& x : *events) {
    FUZZ_ASSERT_FALSE(x.carrier_id != 1 && x.carrier_id != 2, "an unknown carrier accepted",
                      input);
    auto again = sahayak::domain::NormaliseTrackingNumber(x.tracking_number);
    FUZZ_ASSERT_FALSE(!again.ok() || *again != x.tracking_number,
                      "a tracking number that is not normalised", input);
    FUZZ_ASSERT_FALSE(x.event.event_id.empty() || x.event.event_id.size() > in::kMaxEventIdChars,
                      "an event id outside 1-100 characters", input);
    FUZZ_ASSERT_FALSE(x.event.occurred_at > kNow + in::kMaxFutureMs,
                      "an event more than a day ahead", input);
    FUZZ_ASSERT_FALSE(in::DerivedEventId(x.event).size() != 37, "a derived event id of another size",
                      input);
    CheckText(x.event.place, input);
    CheckText(x.event.description, input);
    CheckText(x.event.reason, input);
  }
  return 0;
}
