#include "channels/email/imap_client.h"

#include <algorithm>
#include <chrono>
#include <utility>
#include <vmime/net/imap/IMAPCommand.hpp>
#include <vmime/net/imap/IMAPConnection.hpp>
#include <vmime/net/imap/IMAPParser.hpp>
#include <vmime/net/imap/IMAPStore.hpp>
#include <vmime/net/imap/IMAPUtils.hpp>
#include <vmime/security/cert/certificateVerifier.hpp>
#include <vmime/vmime.hpp>

#include "channels/email/tls_trust.h"

namespace sahayak::channels {

namespace imap = vmime::net::imap;
using Parser = imap::IMAPParser;
using Clock = std::chrono::steady_clock;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// vmime's exceptions chain a cause through other(); the cause often holds the useful words
// (the errno text, GnuTLS's reason).
std::string DescribeImapError(const vmime::exception& e) {
  std::string text = e.what();
  for (const vmime::exception* o = e.other(); o != nullptr; o = o->other()) {
    text += ": ";
    text += o->what();
  }
  return text;
}

// "a005 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n" -> the part after NO/BAD.
std::string ServerWords(std::string line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  const size_t sp = line.find(' ');
  if (sp == std::string::npos) return line;
  const std::string rest = line.substr(sp + 1);
  if (rest.rfind("NO ", 0) == 0) return rest.substr(3);
  if (rest.rfind("BAD ", 0) == 0) return rest.substr(4);
  return line;
}

Status ImapTemporary(std::string message) {
  Status s = Unavailable(std::move(message));
  s.WithKind(kImapTemporary);
  return s;
}

Status Refused(std::string message) {
  Status s = FailedPrecondition(std::move(message));
  s.WithKind(kImapRefused);
  return s;
}

// One reply's time limit. vmime's parser asks isTimeOut() between reads and gives up when
// handleTimeOut() says so; the IDLE wait does its own reading and never runs into this.
class ReplyTimeout final : public vmime::net::timeoutHandler {
 public:
  explicit ReplyTimeout(int seconds) : limit_(std::chrono::seconds(seconds)) {}
  bool isTimeOut() override { return Clock::now() - start_ >= limit_; }
  void resetTimeOut() override { start_ = Clock::now(); }
  bool handleTimeOut() override { return false; }

 private:
  Clock::duration limit_;
  Clock::time_point start_ = Clock::now();
};

class ReplyTimeoutFactory final : public vmime::net::timeoutHandlerFactory {
 public:
  explicit ReplyTimeoutFactory(int seconds) : seconds_(seconds) {}
  std::shared_ptr<vmime::net::timeoutHandler> create() override {
    return std::make_shared<ReplyTimeout>(seconds_);
  }

 private:
  int seconds_;
};

}  // namespace

struct ImapClient::Impl {
  std::shared_ptr<vmime::net::session> session;
  std::shared_ptr<vmime::net::store> store;
  std::shared_ptr<imap::IMAPConnection> conn;
  std::string broken;  // why the connection is unusable; empty while it works
  std::string where;   // "host:port", for messages
  // The folder's message count as the server last reported it (EXISTS, less each EXPUNGE),
  // and whether an EXISTS raised it since WaitForNews last looked: new mail may arrive in the
  // untagged part of any reply, not only during IDLE.
  uint32_t exists = 0;
  bool grew = false;

  using Reply = std::unique_ptr<Parser::response>;

  // Sends one command and reads its whole reply. A network failure or a reply vmime cannot
  // parse leaves the stream at an unknown place, so the connection is given up.
  Result<Reply> Run(const std::string& text) {
    if (!broken.empty()) return ImapTemporary(broken);
    try {
      conn->sendCommand(imap::IMAPCommand::createCommand(text));
      return Read(text);
    } catch (const vmime::exception& e) {
      return Break(text, DescribeImapError(e));
    } catch (const std::exception& e) {
      return Break(text, e.what());
    }
  }

  // Reads a reply (REQUIRES: called inside a try). NO and BAD become kImapRefused.
  Result<Reply> Read(const std::string& text) {
    Reply reply(conn->readResponse());
    Track(*reply);
    const Parser::response_done* done = reply->response_done();
    if (done == nullptr) return reply;  // a continuation ("+"): the caller goes on
    if (done->response_fatal() != nullptr) {
      return Break(text, "server closed the connection: " +
                             done->response_fatal()->resp_cond_bye()->resp_text()->text());
    }
    const Parser::resp_cond_state* state = done->response_tagged()->resp_cond_state();
    if (state->status() != Parser::resp_cond_state::OK) {
      return Refused(where + " answered " + Verb(text) + " with " +
                     (state->status() == Parser::resp_cond_state::NO ? "NO" : "BAD") + ": " +
                     state->resp_text()->text());
    }
    return reply;
  }

  void Track(const Parser::response& reply) {
    for (const auto* c : reply.continue_req_or_response_data()) {
      const Parser::response_data* rd = c->response_data();
      if (rd == nullptr) continue;
      if (rd->mailbox_data() != nullptr &&
          rd->mailbox_data()->type() == Parser::mailbox_data::EXISTS) {
        const auto n = static_cast<uint32_t>(rd->mailbox_data()->number()->value());
        if (n > exists) grew = true;
        exists = n;
      } else if (rd->message_data() != nullptr &&
                 rd->message_data()->type() == Parser::message_data::EXPUNGE && exists > 0) {
        --exists;
      }
    }
  }

  Status Break(const std::string& text, const std::string& why) {
    broken = "IMAP connection to " + where + " lost during " + Verb(text) + ": " + why +
             " (connect again)";
    try {
      if (conn) conn->disconnect();
    } catch (const std::exception&) {
    }
    return ImapTemporary(broken);
  }

  static std::string Verb(const std::string& text) {
    const size_t sp = text.find(' ', text.rfind("UID ", 0) == 0 ? 4 : 0);
    return text.substr(0, sp);
  }

  bool HasCapability(const std::string& name) {
    try {
      return conn->hasCapability(name) || conn->hasCapability(Lower(name));
    } catch (const std::exception&) {
      return false;
    }
  }

  // A folder name as an IMAP astring: each '/'-separated level in modified UTF-7, joined by
  // the server's separator, quoted.
  std::string MailboxArg(const std::string& name) {
    vmime::net::folder::path path;
    size_t start = 0;
    while (start <= name.size()) {
      size_t slash = name.find('/', start);
      if (slash == std::string::npos) slash = name.size();
      path.appendComponent(vmime::word(name.substr(start, slash - start), vmime::charsets::UTF_8));
      start = slash + 1;
    }
    return imap::IMAPUtils::quoteString(
        imap::IMAPUtils::pathToString(conn->hierarchySeparator(), path));
  }
};

Result<ImapSecurity> ParseImapSecurity(std::string_view text) {
  if (text == "none") return ImapSecurity::kNone;
  if (text == "starttls") return ImapSecurity::kStartTls;
  if (text == "tls") return ImapSecurity::kTls;
  return InvalidArgument("security must be none, starttls or tls, not \"" + std::string(text) +
                         "\"");
}

Result<ImapAfter> ParseImapAfter(std::string_view text) {
  if (text == "flag") return ImapAfter::kFlag;
  if (text == "move") return ImapAfter::kMove;
  if (text == "delete") return ImapAfter::kDelete;
  return InvalidArgument("after must be flag, move or delete, not \"" + std::string(text) + "\"");
}

const char* ImapSecurityName(ImapSecurity security) {
  switch (security) {
    case ImapSecurity::kNone:
      return "none";
    case ImapSecurity::kStartTls:
      return "starttls";
    case ImapSecurity::kTls:
      return "tls";
  }
  return "?";
}

const char* ImapAfterName(ImapAfter after) {
  switch (after) {
    case ImapAfter::kFlag:
      return "flag";
    case ImapAfter::kMove:
      return "move";
    case ImapAfter::kDelete:
      return "delete";
  }
  return "?";
}

Status ValidateImapSettings(const ImapSettings& s) {
  Status st = InvalidArgument("invalid IMAP settings");
  bool bad = false;
  auto fail = [&](const char* field, const char* message) {
    st.WithField(field, message);
    bad = true;
  };
  auto has_control = [](const std::string& v) {
    return std::any_of(v.begin(), v.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
  };
  if (s.host.empty()) fail("host", "is required");
  if (has_control(s.host) || s.host.find(' ') != std::string::npos) {
    fail("host", "must be a host name or address");
  }
  if (s.username.empty()) fail("username", "is required");
  if (has_control(s.username)) fail("username", "must not contain control characters");
  if (has_control(s.password)) fail("password", "must not contain control characters");
  if (s.folder.empty()) fail("folder", "is required");
  if (has_control(s.folder)) fail("folder", "must not contain control characters");
  if (s.after == ImapAfter::kMove) {
    if (s.move_to.empty()) {
      fail("move_to", "is required when after = move");
    } else if (s.move_to == s.folder) {
      fail("move_to", "must differ from folder");
    }
  }
  if (has_control(s.move_to)) fail("move_to", "must not contain control characters");
  if (s.max_message_bytes == 0) fail("max_message_bytes", "must be positive");
  if (s.timeout_seconds < 1 || s.timeout_seconds > 3600) {
    fail("timeout_seconds", "must be between 1 and 3600");
  }
  if (!s.ca_file.empty() && !s.tls_verify) {
    fail("ca_file", "is only used with tls_verify = true");
  }
  if (!s.ca_file.empty() && s.security == ImapSecurity::kNone) {
    fail("ca_file", "needs security = starttls or tls");
  }
  return bad ? st : Status::Ok();
}

ImapClient::ImapClient(const ImapSettings& settings, std::unique_ptr<Impl> impl)
    : settings_(settings), impl_(std::move(impl)) {}

ImapClient::~ImapClient() {
  if (impl_ && impl_->broken.empty() && impl_->store) {
    try {
      impl_->store->disconnect();  // LOGOUT
    } catch (const std::exception&) {
    }
  }
}

Result<std::unique_ptr<ImapClient>> ImapClient::Connect(const ImapSettings& settings) {
  RETURN_IF_ERROR(ValidateImapSettings(settings));
  const bool implicit_tls = settings.security == ImapSecurity::kTls;
  const uint16_t port = settings.port != 0 ? settings.port : (implicit_tls ? 993 : 143);
  auto impl = std::make_unique<Impl>();
  impl->where = settings.host + ":" + std::to_string(port);

  std::shared_ptr<vmime::security::cert::certificateVerifier> verifier;
  if (settings.security != ImapSecurity::kNone) {
    // Not vmime's defaultCertificateVerifier: it accepts a forged leaf sent with a genuine
    // intermediate (see tls_trust.h).
    ASSIGN_OR_RETURN(verifier,
                     MakeCertificateVerifier(settings.tls_verify, settings.ca_file, settings.host));
  }

  try {
    // vmime creates its platform handler lazily without a lock; create it under C++'s
    // static-initialisation lock so pollers connecting at once do not race.
    static const bool kHandlerReady = vmime::platform::getHandler() != nullptr;
    (void)kHandlerReady;
    impl->session = vmime::net::session::create();
    impl->store = impl->session->getStore(implicit_tls ? "imaps" : "imap");
    auto& store = *impl->store;
    store.setProperty("server.address", settings.host);
    store.setProperty("server.port", port);
    store.setProperty("auth.username", settings.username);
    store.setProperty("auth.password", settings.password);
    store.setProperty("connection.tls", settings.security == ImapSecurity::kStartTls);
    store.setProperty("connection.tls.required", settings.security == ImapSecurity::kStartTls);
    // One LOGIN per connection: vmime would otherwise try each SASL mechanism and then LOGIN,
    // so one wrong password would count as three failures towards the server's lockout.
    store.setProperty("options.sasl", false);
    if (verifier) store.setCertificateVerifier(verifier);
    store.setTimeoutHandlerFactory(std::make_shared<ReplyTimeoutFactory>(settings.timeout_seconds));
    store.connect();
    impl->conn = std::dynamic_pointer_cast<imap::IMAPStore>(impl->store)->getConnection();
  } catch (const vmime::exceptions::authentication_error& e) {
    std::string words = ServerWords(e.response());
    if (words.empty()) words = DescribeImapError(e);
    Status s = Unauthenticated("the IMAP server " + impl->where + " refused the login of \"" +
                               settings.username + "\": " + words);
    s.WithKind(kImapAuthFailed);
    return s;
  } catch (const vmime::exception& e) {
    return ImapTemporary("cannot connect to the IMAP server " + impl->where + ": " +
                         DescribeImapError(e));
  } catch (const std::exception& e) {
    return ImapTemporary("cannot connect to the IMAP server " + impl->where + ": " + e.what());
  }
  if (!impl->conn) {
    return ImapTemporary("cannot connect to the IMAP server " + impl->where);
  }

  std::unique_ptr<ImapClient> client(new ImapClient(settings, std::move(impl)));
  client->has_idle_ = settings.idle && client->impl_->HasCapability("IDLE");
  client->has_move_ = client->impl_->HasCapability("MOVE");
  client->has_uidplus_ = client->impl_->HasCapability("UIDPLUS");
  RETURN_IF_ERROR(client->Select());
  if (settings.after == ImapAfter::kMove) {
    auto reply =
        client->impl_->Run("STATUS " + client->impl_->MailboxArg(settings.move_to) + " (MESSAGES)");
    if (!reply.ok()) {
      if (reply.status().kind() == kImapRefused) {
        return Refused("move_to folder \"" + settings.move_to +
                       "\" cannot be used: " + reply.status().message());
      }
      return reply.status();
    }
  }
  return client;
}

Status ImapClient::Select() {
  auto reply = impl_->Run("SELECT " + impl_->MailboxArg(settings_.folder));
  if (!reply.ok()) {
    if (reply.status().kind() == kImapRefused) {
      return Refused("cannot open folder \"" + settings_.folder +
                     "\": " + reply.status().message());
    }
    return reply.status();
  }
  impl_->grew = false;  // the count SELECT reports is the starting point, not news
  for (const auto* c : (*reply)->continue_req_or_response_data()) {
    const Parser::response_data* rd = c->response_data();
    if (rd == nullptr || rd->resp_cond_state() == nullptr) continue;
    const Parser::resp_text_code* code = rd->resp_cond_state()->resp_text()->resp_text_code();
    if (code == nullptr) continue;
    if (code->type() == Parser::resp_text_code::UIDVALIDITY && code->nz_number() != nullptr) {
      uid_validity_ = static_cast<uint32_t>(code->nz_number()->value());
    } else if (code->type() == Parser::resp_text_code::PERMANENTFLAGS &&
               code->flag_list() != nullptr) {
      for (const Parser::flag* f : code->flag_list()->flags()) {
        if (f->type() == Parser::flag::STAR || (f->type() == Parser::flag::KEYWORD_OR_EXTENSION &&
                                                Lower(f->name()) == Lower(kImportedKeyword))) {
          uses_keyword_ = true;
        }
      }
    }
  }
  // No PERMANENTFLAGS at all: keywords are not known to stick, so \Seen decides.
  if (uid_validity_ == 0) {
    return Refused("folder \"" + settings_.folder + "\" on " + impl_->where +
                   " has no UIDVALIDITY; UIDs cannot be trusted");
  }
  return Status::Ok();
}

Result<std::vector<uint32_t>> ImapClient::PendingUids(size_t limit) {
  const std::string text =
      uses_keyword_ ? std::string("UID SEARCH UNKEYWORD ") + kImportedKeyword + " NOT DELETED"
                    : std::string("UID SEARCH UNSEEN NOT DELETED");
  ASSIGN_OR_RETURN(auto reply, impl_->Run(text));
  std::vector<uint32_t> uids;
  for (const auto* c : reply->continue_req_or_response_data()) {
    const Parser::response_data* rd = c->response_data();
    if (rd == nullptr || rd->mailbox_data() == nullptr ||
        rd->mailbox_data()->type() != Parser::mailbox_data::SEARCH) {
      continue;
    }
    for (const Parser::nz_number* num : rd->mailbox_data()->search_nz_number_list()) {
      uids.push_back(static_cast<uint32_t>(num->value()));
    }
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  if (uids.size() > limit) uids.resize(limit);
  return uids;
}

namespace {

// The msg_att items of the untagged FETCH for `uid` in a reply. Unsolicited FETCH replies
// (flag changes by other clients) may come too, so the one naming this UID is taken.
const std::vector<Parser::msg_att_item*>* FetchItemsFor(const Parser::response& reply,
                                                        uint32_t uid) {
  for (const auto* c : reply.continue_req_or_response_data()) {
    const Parser::response_data* rd = c->response_data();
    if (rd == nullptr || rd->message_data() == nullptr ||
        rd->message_data()->type() != Parser::message_data::FETCH ||
        rd->message_data()->msg_att() == nullptr) {
      continue;
    }
    for (const Parser::msg_att_item* item : rd->message_data()->msg_att()->items()) {
      if (item->type() == Parser::msg_att_item::UID && item->unique_id() != nullptr &&
          item->unique_id()->value() == uid) {
        return &rd->message_data()->msg_att()->items();
      }
    }
  }
  return nullptr;
}

}  // namespace

Result<std::string> ImapClient::FetchRaw(uint32_t uid) {
  const std::string id = std::to_string(uid);
  auto gone = [&] {
    return NotFound("message UID " + id + " is no longer in folder \"" + settings_.folder + "\"");
  };
  // The size first, so an oversized message is refused before its bytes are read into memory.
  {
    ASSIGN_OR_RETURN(auto reply, impl_->Run("UID FETCH " + id + " (UID RFC822.SIZE)"));
    const auto* items = FetchItemsFor(*reply, uid);
    if (items == nullptr) return gone();
    for (const Parser::msg_att_item* item : *items) {
      if (item->type() == Parser::msg_att_item::RFC822_SIZE && item->number() != nullptr &&
          item->number()->value() > settings_.max_message_bytes) {
        return ResourceExhausted("message UID " + id + " in folder \"" + settings_.folder +
                                 "\" has " + std::to_string(item->number()->value()) +
                                 " bytes, over the limit of " +
                                 std::to_string(settings_.max_message_bytes));
      }
    }
  }
  ASSIGN_OR_RETURN(auto reply, impl_->Run("UID FETCH " + id + " (UID BODY.PEEK[])"));
  const auto* items = FetchItemsFor(*reply, uid);
  if (items == nullptr) return gone();
  for (const Parser::msg_att_item* item : *items) {
    if (item->type() == Parser::msg_att_item::BODY_SECTION && item->nstring() != nullptr &&
        !item->nstring()->isNIL()) {
      return item->nstring()->value();
    }
  }
  return gone();
}

Status ImapClient::MarkDone(uint32_t uid) {
  const std::string id = std::to_string(uid);
  const std::string flags =
      uses_keyword_ ? std::string("(") + kImportedKeyword + " \\Seen)" : std::string("(\\Seen)");
  RETURN_IF_ERROR(impl_->Run("UID STORE " + id + " +FLAGS.SILENT " + flags).status());
  switch (settings_.after) {
    case ImapAfter::kFlag:
      return Status::Ok();
    case ImapAfter::kMove: {
      const std::string target = impl_->MailboxArg(settings_.move_to);
      if (has_move_) {
        return impl_->Run("UID MOVE " + id + " " + target).status();
      }
      RETURN_IF_ERROR(impl_->Run("UID COPY " + id + " " + target).status());
      RETURN_IF_ERROR(impl_->Run("UID STORE " + id + " +FLAGS.SILENT (\\Deleted)").status());
      return ExpungeUid(uid);
    }
    case ImapAfter::kDelete:
      RETURN_IF_ERROR(impl_->Run("UID STORE " + id + " +FLAGS.SILENT (\\Deleted)").status());
      return ExpungeUid(uid);
  }
  return Status::Ok();
}

Status ImapClient::ExpungeUid(uint32_t uid) {
  if (has_uidplus_) {
    return impl_->Run("UID EXPUNGE " + std::to_string(uid)).status();
  }
  return impl_->Run("EXPUNGE").status();
}

void ImapClient::Interrupt() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    interrupted_.store(true);
  }
  cv_.notify_all();
}

bool ImapClient::TakeInterrupt() {
  return interrupted_.exchange(false);
}

Result<bool> ImapClient::WaitForNews(int seconds) {
  const auto deadline = Clock::now() + std::chrono::seconds(std::max(seconds, 0));
  if (TakeInterrupt()) return true;
  if (!impl_->broken.empty()) return ImapTemporary(impl_->broken);
  // An EXISTS that came with an earlier reply (mail arrived during a SEARCH or FETCH).
  if (std::exchange(impl_->grew, false)) return true;

  while (has_idle_) {
    if (Clock::now() >= deadline) return false;
    // IDLE (RFC 2177) over vmime's connection: vmime has no IDLE call, but its connection
    // sends any command and parses any reply. After the "+" continuation this thread waits on
    // the socket itself in short steps (so Interrupt() is noticed without touching the socket
    // from another thread, which GnuTLS sessions do not allow), then ends with DONE and reads
    // everything the server sent up to the tagged OK.
    auto started = impl_->Run("IDLE");
    if (!started.ok() && started.status().kind() != kImapRefused) return started.status();
    if (!started.ok() || (*started)->response_done() != nullptr) {
      has_idle_ = false;  // listed but refused, or completed at once: poll instead
      break;
    }
    try {
      auto sock = std::const_pointer_cast<vmime::net::socket>(impl_->conn->getSocket());
      while (!impl_->grew && !interrupted_.load()) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) break;
        if (sock->waitForRead(static_cast<int>(std::min<long long>(left.count(), 250)))) break;
      }
      static const char kDone[] = "DONE\r\n";
      impl_->conn->sendRaw(reinterpret_cast<const vmime::byte_t*>(kDone), sizeof(kDone) - 1);
      RETURN_IF_ERROR(impl_->Read("IDLE").status());
    } catch (const vmime::exception& e) {
      return impl_->Break("IDLE", DescribeImapError(e));
    } catch (const std::exception& e) {
      return impl_->Break("IDLE", e.what());
    }
    const bool news = std::exchange(impl_->grew, false);
    if (TakeInterrupt() || news) return true;
    // Woken by something else (e.g. Dovecot's "* OK Still here"): idle again until the end.
  }

  {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_until(lock, deadline, [this] { return interrupted_.load(); });
  }
  if (TakeInterrupt()) return true;
  RETURN_IF_ERROR(impl_->Run("NOOP").status());
  return std::exchange(impl_->grew, false);
}

}  // namespace sahayak::channels
