#include "net/http_server.h"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

#include "api/problem.h"
#include "net/chat_socket.h"

namespace sahayak::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string ToLower(beast::string_view s) {
  std::string out(s.data(), s.size());
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// One connection: read a request, hand it to a worker, write the answer, repeat.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, api::Router& router, asio::thread_pool& readers,
          asio::thread_pool& workers, const HttpServerOptions& options,
          std::atomic<int64_t>& in_flight, api::ChatEndpoint* chat, ChatSockets* chat_sockets)
      : stream_(std::move(socket)),
        router_(router),
        readers_(readers),
        workers_(workers),
        options_(options),
        in_flight_(in_flight),
        chat_(chat),
        chat_sockets_(chat_sockets) {}

  void Start() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::DoReadHeader, shared_from_this()));
  }

 private:
  void DoReadHeader() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
    parser_->body_limit(router_.BodyLimit("POST", "/api/v1/attachments"));
    stream_.expires_after(std::chrono::seconds(options_.idle_timeout_seconds));
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnReadHeader, shared_from_this()));
  }

  void OnReadHeader(beast::error_code ec, std::size_t) {
    if (ec) return HandleReadError(ec);
    auto& msg = parser_->get();
    std::string target(msg.target());
    std::string path = target.substr(0, target.find('?'));
    size_t limit = router_.BodyLimit(std::string(msg.method_string()), path);
    parser_->body_limit(limit);
    if (auto len = parser_->content_length(); len && *len > limit) {
      return SendError(413, "payload-too-large",
                       "the body is larger than the limit of " + std::to_string(limit) + " bytes");
    }
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void HandleReadError(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == asio::error::eof ||
        ec == beast::error::timeout || ec == asio::error::connection_reset ||
        ec == asio::error::operation_aborted) {
      return Close();
    }
    if (ec == http::error::body_limit) {
      return SendError(413, "payload-too-large", "the body is larger than the limit");
    }
    if (ec == http::error::header_limit) {
      return SendError(431, "bad-request", "the request headers are too large");
    }
    SendError(400, "bad-request", "the HTTP request is malformed: " + ec.message());
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec) return HandleReadError(ec);
    auto msg = parser_->release();
    auto req = std::make_shared<api::Request>();
    req->method = std::string(msg.method_string());
    req->target = std::string(msg.target());
    api::SplitTarget(req.get());
    for (const auto& field : msg) {
      req->headers.emplace_back(ToLower(field.name_string()), std::string(field.value()));
    }
    req->body = std::move(msg.body());
    beast::error_code ep_ec;
    auto ep = stream_.socket().remote_endpoint(ep_ec);
    if (!ep_ec) req->remote_ip = ep.address().to_string();
    keep_alive_ = msg.keep_alive();
    version_ = msg.version();
    stream_.expires_never();
    if (chat_ != nullptr && api::ChatEndpoint::IsChatPath(req->path) &&
        beast::websocket::is_upgrade(msg)) {
      return Upgrade(std::move(req), std::move(msg));
    }
    in_flight_.fetch_add(1);
    const bool read_only = req->method == "GET" || req->method == "HEAD";
    asio::post(read_only ? readers_ : workers_, [self = shared_from_this(), req] {
      api::Response r = self->router_.Handle(*req);
      self->in_flight_.fetch_sub(1);
      asio::post(self->stream_.get_executor(),
                 [self, r = std::move(r)]() mutable { self->Write(std::move(r)); });
    });
  }

  // A chat socket (docs/chat.md): admitted or refused on a worker (the checks read the store),
  // then the connection is handed to ChatSockets or answered with the refusal.
  void Upgrade(std::shared_ptr<api::Request> req, http::request<http::string_body> msg) {
    auto upgrade = std::make_shared<http::request<http::string_body>>(std::move(msg));
    in_flight_.fetch_add(1);
    asio::post(workers_, [self = shared_from_this(), req, upgrade] {
      auto verdict = std::make_shared<std::variant<api::Response, api::ChatAdmission>>(
          self->chat_->Admit(*req));
      self->in_flight_.fetch_sub(1);
      asio::post(self->stream_.get_executor(), [self, verdict, upgrade] {
        if (auto* refusal = std::get_if<api::Response>(verdict.get())) {
          self->keep_alive_ = false;
          refusal->AddHeader("Cache-Control", "no-store");
          return self->Write(std::move(*refusal));
        }
        self->chat_sockets_->Open(std::move(self->stream_), std::move(*upgrade),
                                  std::move(std::get<api::ChatAdmission>(*verdict)));
      });
    });
  }

  void SendError(int status, const std::string& kind, const std::string& detail) {
    keep_alive_ = false;
    api::Response r = api::Problem(status, kind, detail);
    if (status == 431) r.status = 431;
    Write(std::move(r));
  }

  void Write(api::Response r) {
    auto res = std::make_shared<http::response<http::string_body>>();
    res->version(version_ == 10 ? 10 : 11);
    res->result(static_cast<unsigned>(r.status));
    res->set(http::field::server, "sahayak");
    if (!r.content_type.empty()) res->set(http::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) res->insert(k, v);
    res->body() = std::move(r.body);
    res->keep_alive(keep_alive_);
    res->prepare_payload();
    stream_.expires_after(std::chrono::seconds(options_.idle_timeout_seconds));
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                        self->OnWrite(ec, res->need_eof());
                      });
  }

  void OnWrite(beast::error_code ec, bool close) {
    if (ec || close || !keep_alive_) return Close();
    DoReadHeader();
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  api::Router& router_;
  asio::thread_pool& readers_;
  asio::thread_pool& workers_;
  const HttpServerOptions& options_;
  std::atomic<int64_t>& in_flight_;
  api::ChatEndpoint* chat_;
  ChatSockets* chat_sockets_;
  bool keep_alive_ = true;
  unsigned version_ = 11;
};

}  // namespace

struct HttpServer::Impl {
  Impl(HttpServerOptions o, api::Router& r, api::ChatEndpoint* c)
      : options(std::move(o)),
        router(r),
        chat(c),
        ioc(options.io_threads),
        acceptor(ioc),
        readers(static_cast<size_t>(options.read_threads)),
        workers(static_cast<size_t>(options.worker_threads)),
        signals(ioc, SIGINT, SIGTERM) {
    if (chat != nullptr) chat_sockets = std::make_unique<ChatSockets>(*chat, workers);
  }

  void DoAccept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket s) {
      if (ec) {
        if (ec == asio::error::operation_aborted) return;
        spdlog::warn("accept failed: {}", ec.message());
      } else {
        s.set_option(tcp::no_delay(true), ec);
        std::make_shared<Session>(std::move(s), router, readers, workers, options, in_flight,
                                  chat, chat_sockets.get())
            ->Start();
      }
      DoAccept();
    });
  }

  HttpServerOptions options;
  api::Router& router;
  api::ChatEndpoint* chat;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::thread_pool readers;
  asio::thread_pool workers;
  asio::signal_set signals;
  std::atomic<int64_t> in_flight{0};
  std::atomic<bool> stopping{false};
  std::unique_ptr<ChatSockets> chat_sockets;  // after workers: its sockets post to them
};

HttpServer::HttpServer(HttpServerOptions options, api::Router& router, api::ChatEndpoint* chat)
    : impl_(std::make_unique<Impl>(std::move(options), router, chat)) {}

HttpServer::~HttpServer() {
  impl_->readers.join();
  impl_->workers.join();
}

Status HttpServer::Start() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return InvalidArgument("\"" + impl_->options.host + "\" is not an IP address");
  tcp::endpoint ep(address, impl_->options.port);
  impl_->acceptor.open(ep.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(ep, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Unavailable("cannot listen on " + impl_->options.host + ":" +
                       std::to_string(impl_->options.port) + ": " + ec.message());
  }
  impl_->DoAccept();
  impl_->signals.async_wait([this](beast::error_code ec, int sig) {
    if (!ec) {
      spdlog::info("signal {} received; stopping", sig);
      Stop();
    }
  });
  return Status::Ok();
}

uint16_t HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::Run() {
  std::vector<std::thread> extra;
  for (int i = 1; i < impl_->options.io_threads; ++i) {
    extra.emplace_back([this] { impl_->ioc.run(); });
  }
  impl_->ioc.run();
  for (auto& t : extra) t.join();
}

void HttpServer::Stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    impl_->signals.cancel(ec);
    if (impl_->chat_sockets) impl_->chat_sockets->CloseAll();
    // Let requests in flight finish (up to 10 s) so their answers go out, then stop. The timer
    // keeps run() going until then; everything happens on the I/O threads, so nothing outlives
    // the server.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    auto timer = std::make_shared<asio::steady_timer>(impl_->ioc);
    auto check = std::make_shared<std::function<void()>>();
    *check = [this, deadline, timer, check] {
      const bool chats_closed = !impl_->chat_sockets || impl_->chat_sockets->count() == 0;
      if ((impl_->in_flight.load() == 0 && chats_closed) ||
          std::chrono::steady_clock::now() >= deadline) {
        // One more turn lets the last answers be written.
        timer->expires_after(std::chrono::milliseconds(20));
        timer->async_wait([this, check](beast::error_code) {
          impl_->ioc.stop();
          *check = nullptr;  // breaks the cycle check -> lambda -> check
        });
        return;
      }
      timer->expires_after(std::chrono::milliseconds(10));
      timer->async_wait([check](beast::error_code) {
        if (*check) (*check)();
      });
    };
    (*check)();
  });
}

}  // namespace sahayak::net
