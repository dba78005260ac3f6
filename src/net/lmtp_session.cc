#include "net/lmtp_session.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace sahayak::net {

namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Parses "<addr> PARAMS" after "MAIL FROM:" / "RCPT TO:". False when malformed.
bool ParsePath(std::string_view rest, std::string* address, std::string* params) {
  rest = TrimView(rest);
  if (rest.empty() || rest.front() != '<') return false;
  size_t close = rest.find('>');
  if (close == std::string_view::npos) return false;
  *address = Lower(TrimView(rest.substr(1, close - 1)));
  *params = std::string(TrimView(rest.substr(close + 1)));
  return true;
}

std::string Reply(int code, const char* enhanced, const std::string& text) {
  return LmtpReply{code, enhanced, text}.Format();
}

}  // namespace

std::string LmtpReply::Format() const {
  std::string out = std::to_string(code);
  out += ' ';
  if (!enhanced.empty()) {
    out += enhanced;
    out += ' ';
  }
  for (char c : text) out += (c == '\r' || c == '\n') ? ' ' : c;
  out += "\r\n";
  return out;
}

LmtpSession::LmtpSession(LmtpLimits limits, AcceptRecipient accept)
    : limits_(std::move(limits)), accept_(std::move(accept)) {}

std::string LmtpSession::Greeting() const {
  return "220 " + limits_.hostname + " Sahayak LMTP ready\r\n";
}

std::string LmtpSession::TimeoutReply() { return "421 4.4.2 idle timeout, closing\r\n"; }
std::string LmtpSession::BusyReply() {
  return "421 4.3.2 too many connections, try again later\r\n";
}

std::string LmtpSession::Feed(std::string_view bytes) {
  if (state_ == State::kClosed) return {};
  buffer_.append(bytes);
  return Process();
}

std::string LmtpSession::Delivered(const std::vector<LmtpReply>& replies) {
  if (state_ != State::kDelivering) return {};
  std::string out;
  for (size_t i = 0; i < recipients_.size(); ++i) {
    out += i < replies.size() ? replies[i].Format()
                              : Reply(451, "4.3.0", "no outcome for this recipient");
  }
  ResetTransaction();
  state_ = State::kCommand;
  out += Process();
  return out;
}

void LmtpSession::ResetTransaction() {
  have_sender_ = false;
  sender_.clear();
  recipients_.clear();
  message_.clear();
  message_.shrink_to_fit();
  too_big_ = false;
  bad_data_ = false;
  mid_line_ = false;
}

std::string LmtpSession::Process() {
  std::string out;
  size_t pos = 0;  // consumed so far; erased once at the end (no quadratic copying)
  while (state_ == State::kCommand || state_ == State::kData) {
    size_t lf = buffer_.find('\n', pos);
    if (lf == std::string::npos) {
      const size_t pending = buffer_.size() - pos;
      if (state_ == State::kCommand && pending > limits_.max_command_line) {
        discarding_ = true;
        pos = buffer_.size();
      } else if (state_ == State::kData && pending > 64 * 1024) {
        // A very long line in the message: take what is there (keeping a byte for a CR).
        DataLine(std::string_view(buffer_).substr(pos, pending - 1), false);
        pos = buffer_.size() - 1;
      }
      break;
    }
    std::string_view line = std::string_view(buffer_).substr(pos, lf + 1 - pos);
    pos = lf + 1;
    if (state_ == State::kCommand) {
      if (discarding_ || line.size() > limits_.max_command_line) {
        discarding_ = false;
        out += Reply(500, "5.5.2", "line too long");
        continue;
      }
      out += Command(std::string(line));
    } else {
      DataLine(line, true);
      if (state_ == State::kDelivering) {
        if (too_big_ || bad_data_) {
          std::string text;
          for (size_t i = 0; i < recipients_.size(); ++i) {
            text += too_big_ ? Reply(552, "5.3.4",
                                     "message larger than the limit of " +
                                         std::to_string(limits_.max_message_bytes) + " bytes")
                             : Reply(554, "5.6.0", "the message is not e-mail");
          }
          ResetTransaction();
          state_ = State::kCommand;
          out += text;
          continue;
        }
        break;  // the owner delivers
      }
    }
  }
  buffer_.erase(0, pos);
  return out;
}

void LmtpSession::DataLine(std::string_view line, bool complete) {
  if (!mid_line_) {
    std::string_view body = line;
    if (body == ".\r\n" || body == ".\n") {
      state_ = State::kDelivering;
      return;
    }
    if (!body.empty() && body.front() == '.') body.remove_prefix(1);  // dot-unstuffing
    line = body;
  }
  mid_line_ = !complete;
  if (too_big_) return;
  if (message_.size() + line.size() > limits_.max_message_bytes) {
    too_big_ = true;
    message_.clear();
    message_.shrink_to_fit();
    return;
  }
  message_.append(line);
}

std::string LmtpSession::Command(const std::string& raw) {
  std::string_view line = TrimView(std::string_view(raw).substr(0, raw.size() - 1));
  size_t sp = line.find(' ');
  std::string verb = Upper(line.substr(0, sp));
  std::string_view arg = sp == std::string_view::npos ? std::string_view() : TrimView(line.substr(sp + 1));
  if (verb == "LHLO") {
    if (arg.empty()) return Reply(501, "5.5.4", "LHLO needs a host name");
    greeted_ = true;
    ResetTransaction();
    return "250-" + limits_.hostname + "\r\n250-PIPELINING\r\n250-ENHANCEDSTATUSCODES\r\n" +
           "250-8BITMIME\r\n250 SIZE " + std::to_string(limits_.max_message_bytes) + "\r\n";
  }
  if (verb == "HELO" || verb == "EHLO") {
    return Reply(500, "5.5.1", "this is LMTP; say LHLO");
  }
  if (verb == "QUIT") {
    state_ = State::kClosed;
    return Reply(221, "2.0.0", "bye");
  }
  if (verb == "NOOP") return Reply(250, "2.0.0", "OK");
  if (verb == "RSET") {
    ResetTransaction();
    return Reply(250, "2.0.0", "OK");
  }
  if (verb == "VRFY") return Reply(252, "2.5.0", "cannot verify, but will try delivery");
  if (verb == "MAIL") {
    if (!greeted_) return Reply(503, "5.5.1", "say LHLO first");
    if (have_sender_) return Reply(503, "5.5.1", "nested MAIL command");
    if (Upper(arg.substr(0, 5)) != "FROM:") return Reply(501, "5.5.4", "syntax: MAIL FROM:<address>");
    std::string address, params;
    if (!ParsePath(arg.substr(5), &address, &params)) {
      return Reply(501, "5.5.4", "syntax: MAIL FROM:<address>");
    }
    std::string up = Upper(params);
    size_t at = up.find("SIZE=");
    if (at != std::string::npos && (at == 0 || up[at - 1] == ' ')) {
      unsigned long long size = std::strtoull(up.c_str() + at + 5, nullptr, 10);
      if (size > limits_.max_message_bytes) {
        return Reply(552, "5.3.4", "message larger than the limit of " +
                                       std::to_string(limits_.max_message_bytes) + " bytes");
      }
    }
    have_sender_ = true;
    sender_ = address;
    return Reply(250, "2.1.0", "sender OK");
  }
  if (verb == "RCPT") {
    if (!have_sender_) return Reply(503, "5.5.1", "need MAIL before RCPT");
    if (Upper(arg.substr(0, 3)) != "TO:") return Reply(501, "5.5.4", "syntax: RCPT TO:<address>");
    std::string address, params;
    if (!ParsePath(arg.substr(3), &address, &params) || address.empty()) {
      return Reply(501, "5.5.4", "syntax: RCPT TO:<address>");
    }
    if (recipients_.size() >= limits_.max_recipients) {
      return Reply(452, "4.5.3", "too many recipients");
    }
    if (accept_ && !accept_(address)) {
      return Reply(550, "5.1.1", "no such mailbox here: " + address);
    }
    recipients_.push_back(address);
    return Reply(250, "2.1.5", "recipient OK");
  }
  if (verb == "DATA") {
    if (!have_sender_) return Reply(503, "5.5.1", "need MAIL before DATA");
    if (recipients_.empty()) return Reply(503, "5.5.1", "no valid recipients");
    state_ = State::kData;
    message_.clear();
    return "354 send the message, end with <CRLF>.<CRLF>\r\n";
  }
  if (verb.empty()) return Reply(500, "5.5.2", "empty command");
  return Reply(500, "5.5.1", "unknown command");
}

}  // namespace sahayak::net
