#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sahayak::net {

// One LMTP reply line, e.g. {250, "2.0.0", "created ticket 12"}.
struct LmtpReply {
  int code = 250;
  std::string enhanced;  // "2.0.0"
  std::string text;
  std::string Format() const;  // "250 2.0.0 text\r\n"
};

struct LmtpLimits {
  std::string hostname = "sahayak";
  size_t max_message_bytes = 50u << 20;
  size_t max_command_line = 2048;  // RFC 5321 asks for at least 512
  size_t max_recipients = 100;
};

// The LMTP protocol (RFC 2033) without sockets: bytes in, reply text out. The owner feeds
// what it reads; when a message is complete (HasMessage()), it delivers the message (which
// may block, so on a worker) and hands one reply per accepted recipient to Delivered(), which
// also goes on with any pipelined input already buffered. Not thread-safe; one per connection.
class LmtpSession {
 public:
  // Whether RCPT TO may name `address` (already lower-cased, without angle brackets).
  using AcceptRecipient = std::function<bool(const std::string& address)>;

  LmtpSession(LmtpLimits limits, AcceptRecipient accept);

  std::string Greeting() const;
  static std::string TimeoutReply();
  static std::string BusyReply();

  // Consumes `bytes`; returns the replies to send. Stops early when a message is complete.
  std::string Feed(std::string_view bytes);

  bool HasMessage() const { return state_ == State::kDelivering; }
  const std::string& message() const { return message_; }
  const std::vector<std::string>& recipients() const { return recipients_; }
  // Ends the transaction with one reply per recipient (in order) and processes buffered input.
  std::string Delivered(const std::vector<LmtpReply>& replies);

  // QUIT was answered (or the peer must be dropped): close after writing the output.
  bool closed() const { return state_ == State::kClosed; }

 private:
  enum class State { kCommand, kData, kDelivering, kClosed };
  std::string Process();
  std::string Command(const std::string& line);
  void DataLine(std::string_view line, bool complete);
  void ResetTransaction();

  LmtpLimits limits_;
  AcceptRecipient accept_;
  State state_ = State::kCommand;
  std::string buffer_;
  bool greeted_ = false;     // LHLO seen
  bool have_sender_ = false; // MAIL FROM seen
  bool discarding_ = false;  // inside an overlong command line
  bool mid_line_ = false;    // DATA: the start of the current line was already consumed
  bool too_big_ = false;     // DATA: past the size limit
  bool bad_data_ = false;    // DATA: bare NUL bytes or similar
  std::string sender_;
  std::vector<std::string> recipients_;
  std::string message_;
};

}  // namespace sahayak::net
