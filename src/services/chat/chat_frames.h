#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "services/chat/chat_store.h"

// The frames of the chat socket (docs/chat.md, "The socket"): reading what a client sends,
// with every check the document names, and writing what the server sends. Pure: no I/O, no
// store; fuzzed by tests/fuzz/fuzz_chat_frame.cc.
namespace sahayak::services::chat_frames {

inline constexpr size_t kMaxFrameBytes = 16 * 1024;
inline constexpr size_t kMaxTextChars = 4000;  // a message's text, after NFC
inline constexpr size_t kMaxPageChars = 2000;
inline constexpr size_t kMaxClientIdChars = 100;
inline constexpr size_t kMaxTokenChars = 200;
inline constexpr size_t kMaxNameChars = 200;
inline constexpr size_t kMaxEmailChars = 254;
inline constexpr size_t kMaxFields = 20;
inline constexpr size_t kMaxFieldChars = 1000;
inline constexpr size_t kMaxAttachments = 10;
inline constexpr size_t kMaxResume = 50;

enum class FrameType {
  kHello, kStart, kSend, kResume, kTyping, kRead, kPing, kPresence,
  kAccept, kDecline, kTransfer, kJoin, kEnd,
};
const char* Name(FrameType t);

// One client frame, read and checked. Text members are NFC; only the members of its type are
// filled in.
struct ClientFrame {
  FrameType type = FrameType::kPing;
  // hello
  std::string token;
  std::string language;
  std::string page;
  std::vector<std::pair<Id, int64_t>> resume;  // (conversation_id, after_seq), in id order
  // start, send
  std::string client_id;
  std::string text;
  std::string name;
  std::string email;
  nlohmann::json fields = nlohmann::json::object();  // the pre-chat form: name -> string
  std::vector<Id> attachments;
  bool internal = false;
  // send, resume, typing, read, accept, decline, transfer, join, end
  Id conversation_id = 0;
  int64_t after = 0;   // resume
  bool active = false;  // typing
  int64_t seq = 0;     // read
  std::string state;   // presence: online | away | offline
  std::optional<Id> agent_id;  // transfer: exactly one of agent_id, group_id
  std::optional<Id> group_id;
};

// Why a frame was refused: an error frame (`code` bad_request or too_long, the connection
// stays open), or, when close_code is not 0, the connection is closed with that code (4400: not
// a JSON object; 1009: over kMaxFrameBytes).
struct FrameError {
  std::string code;
  std::string message;  // English, names the member
  std::string ref;      // the client_id or type it answers, when known
  int close_code = 0;
  Id conversation_id = 0;  // the frame's conversation_id, when it named a valid one
};

// Reads one text frame. Exactly one of the result's members is set.
struct ParsedFrame {
  std::optional<ClientFrame> frame;
  FrameError error;
};
ParsedFrame ParseClientFrame(std::string_view text);

// Whether a language tag is one the widget may send: en, hi, kn, or another two- or
// three-letter code with an optional region ("en-IN").
bool IsChatLanguage(std::string_view tag);

// --- server frames ------------------------------------------------------------------------

// Whether the visitor is shown an event: not internal notes, not offers to agents.
bool VisitorSees(const ChatEvent& e);
nlohmann::json AuthorJson(const ChatAuthor& a);
nlohmann::json EventJson(const ChatEvent& e);
std::string EventFrame(const ChatEvent& e);
std::string AckFrame(std::string_view client_id, Id conversation_id, int64_t seq);
// `conversation_id` (when not 0): the conversation the refused frame was about, so a client
// with several chats knows which one failed.
std::string ErrorFrame(std::string_view code, std::string_view message, std::string_view ref,
                       Id conversation_id = 0);
std::string TypingFrame(Id conversation_id, const ChatAuthor& author, bool active);
std::string ReadFrame(Id conversation_id, const ChatAuthor& author, int64_t seq);
std::string PongFrame();

}  // namespace sahayak::services::chat_frames
