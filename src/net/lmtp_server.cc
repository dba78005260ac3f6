#include "net/lmtp_server.h"

#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <thread>

namespace sahayak::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

namespace {

class LmtpConnection : public std::enable_shared_from_this<LmtpConnection> {
 public:
  LmtpConnection(tcp::socket socket, LmtpBackend& backend, asio::thread_pool& workers,
                 const LmtpServerOptions& options, std::atomic<int>& connections,
                 std::atomic<int>& in_flight)
      : socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        backend_(backend),
        workers_(workers),
        options_(options),
        connections_(connections),
        in_flight_(in_flight),
        session_(LmtpLimits{options.hostname, options.max_message_bytes, 2048, 100},
                 [&backend](const std::string& a) { return backend.AcceptRecipient(a); }) {}

  ~LmtpConnection() { connections_.fetch_sub(1); }

  void Start() {
    asio::dispatch(socket_.get_executor(), [self = shared_from_this()] {
      self->Write(self->session_.Greeting());
    });
  }

 private:
  void ArmTimer() {
    timer_.expires_after(std::chrono::seconds(options_.idle_timeout_seconds));
    timer_.async_wait([self = shared_from_this()](error_code ec) {
      if (ec) return;
      self->timed_out_ = true;
      error_code ignored;
      self->socket_.cancel(ignored);
    });
  }

  void Read() {
    ArmTimer();
    socket_.async_read_some(asio::buffer(buf_), [self = shared_from_this()](error_code ec,
                                                                              size_t n) {
      self->timer_.cancel();
      if (ec) {
        if (self->timed_out_) {
          self->closing_ = true;
          return self->Write(LmtpSession::TimeoutReply());
        }
        return self->Close();
      }
      self->Handle(self->session_.Feed(std::string_view(self->buf_.data(), n)));
    });
  }

  // Sends `out`, then delivers a complete message, closes, or reads on.
  void Handle(std::string out) {
    if (session_.HasMessage()) {
      if (!out.empty()) {
        pending_deliver_ = true;
        return Write(std::move(out));
      }
      return Deliver();
    }
    if (session_.closed()) closing_ = true;
    if (out.empty()) return Read();
    Write(std::move(out));
  }

  void Deliver() {
    in_flight_.fetch_add(1);
    asio::post(workers_, [self = shared_from_this()] {
      std::vector<LmtpReply> replies;
      try {
        replies = self->backend_.Deliver(self->session_.message(), self->session_.recipients());
      } catch (const std::exception& e) {
        spdlog::error("LMTP delivery failed: {}", e.what());
      }
      self->in_flight_.fetch_sub(1);
      asio::post(self->socket_.get_executor(), [self, replies = std::move(replies)] {
        self->Handle(self->session_.Delivered(replies));
      });
    });
  }

  void Write(std::string text) {
    auto data = std::make_shared<std::string>(std::move(text));
    ArmTimer();
    asio::async_write(socket_, asio::buffer(*data),
                      [self = shared_from_this(), data](error_code ec, size_t) {
                        self->timer_.cancel();
                        if (ec || self->closing_) return self->Close();
                        if (self->pending_deliver_) {
                          self->pending_deliver_ = false;
                          return self->Deliver();
                        }
                        self->Read();
                      });
  }

  void Close() {
    error_code ec;
    timer_.cancel();
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  LmtpBackend& backend_;
  asio::thread_pool& workers_;
  const LmtpServerOptions& options_;
  std::atomic<int>& connections_;
  std::atomic<int>& in_flight_;
  LmtpSession session_;
  std::array<char, 16 * 1024> buf_{};
  bool timed_out_ = false;
  bool closing_ = false;
  bool pending_deliver_ = false;
};

}  // namespace

struct LmtpServer::Impl {
  Impl(LmtpServerOptions o, LmtpBackend& b)
      : options(std::move(o)),
        backend(b),
        acceptor(ioc),
        workers(static_cast<size_t>(std::max(1, options.worker_threads))) {}

  void DoAccept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](error_code ec, tcp::socket s) {
      if (ec) {
        if (ec == asio::error::operation_aborted) return;
        spdlog::warn("LMTP accept failed: {}", ec.message());
      } else if (connections.fetch_add(1) >= options.max_connections) {
        connections.fetch_sub(1);
        auto sock = std::make_shared<tcp::socket>(std::move(s));
        auto text = std::make_shared<std::string>(LmtpSession::BusyReply());
        asio::async_write(*sock, asio::buffer(*text), [sock, text](error_code, size_t) {
          error_code ignored;
          sock->close(ignored);
        });
      } else {
        std::make_shared<LmtpConnection>(std::move(s), backend, workers, options, connections,
                                          in_flight)
            ->Start();
      }
      DoAccept();
    });
  }

  LmtpServerOptions options;
  LmtpBackend& backend;
  std::atomic<int> connections{0};  // before ioc: connections outlive the counters otherwise
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  asio::io_context ioc{1};
  tcp::acceptor acceptor;
  asio::thread_pool workers;
  std::thread thread;
};

LmtpServer::LmtpServer(LmtpServerOptions options, LmtpBackend& backend)
    : impl_(std::make_unique<Impl>(std::move(options), backend)) {}

LmtpServer::~LmtpServer() {
  Stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->workers.join();
}

Status LmtpServer::Start() {
  error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return InvalidArgument("\"" + impl_->options.host + "\" is not an IP address");
  tcp::endpoint ep(address, impl_->options.port);
  impl_->acceptor.open(ep.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(ep, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Unavailable("cannot listen for LMTP on " + impl_->options.host + ":" +
                       std::to_string(impl_->options.port) + ": " + ec.message());
  }
  impl_->DoAccept();
  return Status::Ok();
}

uint16_t LmtpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void LmtpServer::RunInBackground() {
  impl_->thread = std::thread([this] { impl_->ioc.run(); });
}

void LmtpServer::Stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->ioc, [this] {
    error_code ec;
    impl_->acceptor.close(ec);
  });
  // Deliveries in flight finish and their replies go out (up to 10 s), then the loop stops.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (impl_->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  impl_->ioc.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace sahayak::net
