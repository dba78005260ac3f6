// libFuzzer target for the chat socket's client frames (docs/chat.md, "The socket";
// services/chat/chat_frames.h): whatever a widget or a console sends as one text frame.
//
// Beyond "no crash, no leak, no undefined behaviour" it checks the contracts:
//  - every refusal says how: an error frame with code bad_request or too_long (the connection
//    stays open), or a close with 4400 (not a JSON object) or 1009 (over 16 KiB);
//  - an accepted frame's text is NFC, at most 4,000 characters, never empty without
//    attachments, and holds no control characters but line breaks and tabs;
//  - ids are positive, sequence numbers not negative, a transfer names exactly one target,
//    a presence state is one of three, client_id is 1–100 printable ASCII characters;
//  - what the server writes back about a frame (its error frame) is valid JSON.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/text.h"
#include "fuzz_assert.h"
#include "services/chat/chat_frames.h"

namespace {

namespace frames = sahayak::services::chat_frames;

void CheckText(const std::string& s, size_t max, std::string_view input) {
  FUZZ_ASSERT_FALSE(sahayak::CodePointCount(s) > max, "text over its limit", input);
  FUZZ_ASSERT_FALSE(sahayak::ToNfc(s) != s, "text not in NFC", input);
  FUZZ_ASSERT_FALSE(!sahayak::IsValidUtf8(s), "text not UTF-8", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  frames::ParsedFrame p = frames::ParseClientFrame(input);
  if (!p.frame) {
    const frames::FrameError& e = p.error;
    if (e.close_code != 0) {
      FUZZ_ASSERT_FALSE(e.close_code != 4400 && e.close_code != 1009, "an unknown close code",
                        input);
      FUZZ_ASSERT_FALSE(e.close_code == 1009 && size <= frames::kMaxFrameBytes,
                        "1009 for a frame within the limit", input);
    } else {
      FUZZ_ASSERT_FALSE(e.code != "bad_request" && e.code != "too_long", "an unknown error code",
                        input);
    }
    FUZZ_ASSERT_FALSE(e.message.empty(), "a refusal without a reason", input);
    const nlohmann::json back =
        nlohmann::json::parse(frames::ErrorFrame(e.code, e.message, e.ref), nullptr, false);
    FUZZ_ASSERT_FALSE(back.is_discarded(), "an error frame that is not JSON", input);
    return 0;
  }
  const frames::ClientFrame& f = *p.frame;
  FUZZ_ASSERT_FALSE(size > frames::kMaxFrameBytes, "a frame over 16 KiB accepted", input);
  using T = frames::FrameType;
  if (f.type == T::kStart || f.type == T::kSend) {
    CheckText(f.text, frames::kMaxTextChars, input);
    FUZZ_ASSERT_FALSE(f.text.empty() && f.attachments.empty(), "an empty message accepted", input);
    for (unsigned char c : f.text) {
      FUZZ_ASSERT_FALSE(c < 0x20 && c != '\n' && c != '\t' && c != '\r',
                        "a control character accepted", input);
    }
    FUZZ_ASSERT_FALSE(f.client_id.empty() || f.client_id.size() > frames::kMaxClientIdChars,
                      "a client_id out of bounds", input);
    for (unsigned char c : f.client_id) {
      FUZZ_ASSERT_FALSE(c <= 0x20 || c >= 0x7f, "a client_id that is not printable ASCII", input);
    }
    FUZZ_ASSERT_FALSE(f.attachments.size() > frames::kMaxAttachments, "too many attachments",
                      input);
    for (auto id : f.attachments) FUZZ_ASSERT_FALSE(id < 1, "an attachment id below 1", input);
    CheckText(f.name, frames::kMaxNameChars, input);
    FUZZ_ASSERT_FALSE(!f.email.empty() && !sahayak::LooksLikeEmail(f.email),
                      "an e-mail address that is not one", input);
    FUZZ_ASSERT_FALSE(!f.fields.is_object() || f.fields.size() > frames::kMaxFields,
                      "pre-chat fields out of bounds", input);
  }
  if (f.type != T::kHello && f.type != T::kStart && f.type != T::kPing &&
      f.type != T::kPresence) {
    FUZZ_ASSERT_FALSE(f.conversation_id < 1, "a conversation id below 1", input);
  }
  FUZZ_ASSERT_FALSE(f.after < 0 || f.seq < 0, "a negative sequence number", input);
  if (f.type == T::kTransfer) {
    FUZZ_ASSERT_FALSE(f.agent_id.has_value() == f.group_id.has_value(),
                      "a transfer without exactly one target", input);
  }
  if (f.type == T::kPresence) {
    FUZZ_ASSERT_FALSE(f.state != "online" && f.state != "away" && f.state != "offline",
                      "an unknown presence state", input);
  }
  if (f.type == T::kHello) {
    CheckText(f.page, frames::kMaxPageChars, input);
    FUZZ_ASSERT_FALSE(!f.language.empty() && !frames::IsChatLanguage(f.language),
                      "a language that is not one", input);
    FUZZ_ASSERT_FALSE(f.resume.size() > frames::kMaxResume, "too many resumes", input);
    for (const auto& [id, after] : f.resume) {
      FUZZ_ASSERT_FALSE(id < 1 || after < 0, "a resume entry out of bounds", input);
    }
  }
  return 0;
}
