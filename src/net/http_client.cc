#include "net/http_client.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "domain/http_url.h"

namespace sahayak::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

// One exchange, run to its end (or its deadline) on the calling thread's io_context.
// Steps: resolve -> connect -> [handshake] -> write -> read. Each step's handler checks the
// error and starts the next; `done_` records the outcome.
class Exchange {
 public:
  Exchange(asio::io_context& ioc, ssl::context* tls, const domain::HttpUrl& url,
           http::request<http::string_body> req, size_t max_body, bool allow_private)
      : resolver_(ioc), tls_(tls), url_(url), req_(std::move(req)), allow_private_(allow_private) {
    if (tls_ != nullptr) {
      tls_stream_.emplace(ioc, *tls_);
    } else {
      plain_.emplace(ioc);
    }
    // The body is cut by hand below, not refused. (Not boost::none: Boost 1.74 compares a
    // Content-Length with an empty limit as larger.)
    parser_.body_limit(std::numeric_limits<std::uint64_t>::max());
    parser_.header_limit(16 * 1024);
    max_body_ = max_body;
  }

  void Start() {
    resolver_.async_resolve(url_.host, std::to_string(url_.port),
                            [this](beast::error_code ec, tcp::resolver::results_type r) {
                              OnResolve(ec, std::move(r));
                            });
  }

  void Cancel() {
    resolver_.cancel();
    beast::error_code ignored;
    Lowest().socket().close(ignored);
  }

  bool finished() const { return finished_; }
  const std::string& error() const { return error_; }
  // The host resolved only to addresses the options refuse.
  bool refused() const { return refused_; }
  int status() const { return status_; }
  std::string TakeBody() { return std::move(body_); }
  // Where the exchange stopped when it ran out of time.
  const char* stage() const { return stage_; }
  // Still resolving, connecting or in the TLS handshake.
  bool connecting() const { return !connected_; }

 private:
  beast::tcp_stream& Lowest() {
    return tls_stream_ ? beast::get_lowest_layer(*tls_stream_) : *plain_;
  }

  void Fail(const char* what, beast::error_code ec) {
    if (finished_) return;
    finished_ = true;
    error_ = std::string(what) + ": " + ec.message();
  }

  void OnResolve(beast::error_code ec, tcp::resolver::results_type results) {
    if (ec) return Fail("cannot resolve the host name", ec);
    // Checked on the addresses themselves, so a public-looking name that resolves inside the
    // network is refused too.
    std::vector<tcp::endpoint> allowed;
    for (const auto& entry : results) {
      if (allow_private_ || !domain::IsPrivateAddress(entry.endpoint().address().to_string())) {
        allowed.push_back(entry.endpoint());
      }
    }
    if (allowed.empty()) {
      finished_ = true;
      refused_ = true;
      const std::string address =
          results.empty() ? "" : results.begin()->endpoint().address().to_string();
      const bool named = !address.empty() && address != url_.host;
      error_ = (named ? url_.host + " resolves to " + address : url_.host) +
               ", which is a loopback, private or link-local address; this server is set not to "
               "send there";
      return;
    }
    stage_ = "connecting";
    Lowest().async_connect(allowed,
                           [this](beast::error_code ec, const tcp::endpoint&) { OnConnect(ec); });
  }

  void OnConnect(beast::error_code ec) {
    if (ec) return Fail("cannot connect", ec);
    if (!tls_stream_) return Write();
    stage_ = "in the TLS handshake";
    SSL* native = tls_stream_->native_handle();
    boost::system::error_code addr_ec;
    asio::ip::make_address(url_.host, addr_ec);
    if (addr_ec) {
      // SNI, and the name the certificate must carry.
      SSL_set_tlsext_host_name(native, url_.host.c_str());
      SSL_set1_host(native, url_.host.c_str());
    } else {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(native), url_.host.c_str());
    }
    tls_stream_->set_verify_mode(ssl::verify_peer);
    tls_stream_->async_handshake(ssl::stream_base::client,
                                 [this](beast::error_code ec) { OnHandshake(ec); });
  }

  void OnHandshake(beast::error_code ec) {
    if (ec) {
      std::string why = "TLS handshake failed";
      if (tls_stream_) {
        const long verify = SSL_get_verify_result(tls_stream_->native_handle());
        if (verify != X509_V_OK) {
          why = std::string("the server's certificate is not trusted (") +
                X509_verify_cert_error_string(verify) + ")";
          finished_ = true;
          error_ = why;
          return;
        }
      }
      return Fail(why.c_str(), ec);
    }
    Write();
  }

  void Write() {
    connected_ = true;
    stage_ = "sending the request";
    auto on_write = [this](beast::error_code ec, size_t) {
      if (ec) return Fail("cannot send the request", ec);
      Read();
    };
    if (tls_stream_) {
      http::async_write(*tls_stream_, req_, on_write);
    } else {
      http::async_write(*plain_, req_, on_write);
    }
  }

  void Read() {
    stage_ = "waiting for the answer";
    auto on_header = [this](beast::error_code ec, size_t) {
      if (ec) return Fail("no valid HTTP answer", ec);
      status_ = static_cast<int>(parser_.get().result_int());
      ReadBody();
    };
    if (tls_stream_) {
      http::async_read_header(*tls_stream_, buffer_, parser_, on_header);
    } else {
      http::async_read_header(*plain_, buffer_, parser_, on_header);
    }
  }

  // Reads the body in pieces until it ends or max_body_ bytes are kept; the rest is left
  // unread (the connection is closed anyway).
  void ReadBody() {
    if (parser_.is_done()) return Finish();
    auto on_some = [this](beast::error_code ec, size_t) {
      body_ += parser_.get().body();
      parser_.get().body().clear();
      if (ec == http::error::end_of_stream || ec == http::error::partial_message) {
        return Finish();
      }
      if (ec && ec != http::error::need_buffer) return Fail("the answer broke off", ec);
      if (body_.size() >= max_body_) {
        body_.resize(max_body_);
        return Finish();
      }
      ReadBody();
    };
    if (tls_stream_) {
      http::async_read_some(*tls_stream_, buffer_, parser_, on_some);
    } else {
      http::async_read_some(*plain_, buffer_, parser_, on_some);
    }
  }

  void Finish() {
    if (finished_) return;
    finished_ = true;
    body_ += parser_.get().body();
    if (body_.size() > max_body_) body_.resize(max_body_);
    beast::error_code ignored;
    Lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  tcp::resolver resolver_;
  ssl::context* tls_;
  std::optional<beast::tcp_stream> plain_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls_stream_;
  domain::HttpUrl url_;
  http::request<http::string_body> req_;
  beast::flat_buffer buffer_;
  http::response_parser<http::string_body> parser_;
  size_t max_body_ = 0;
  bool allow_private_ = true;
  bool finished_ = false;
  bool refused_ = false;
  bool connected_ = false;
  int status_ = 0;
  std::string body_;
  std::string error_;
  const char* stage_ = "resolving the host name";
};

}  // namespace

Result<services::HttpAnswer> BeastHttpClient::Post(const services::HttpPost& request) {
  auto url = domain::ParseHttpUrl(request.url);
  if (!url.ok()) return InvalidArgument("the address " + url.status().message());

  http::request<http::string_body> req{http::verb::post, url->target, 11};
  const bool default_port = url->port == (url->tls ? 443 : 80);
  const std::string host =
      url->host.find(':') != std::string::npos ? "[" + url->host + "]" : url->host;
  req.set(http::field::host, default_port ? host : host + ":" + std::to_string(url->port));
  req.set(http::field::user_agent, options_.user_agent);
  req.set(http::field::content_type, request.content_type);
  req.set(http::field::connection, "close");
  for (const auto& [name, value] : request.headers) req.set(name, value);
  req.body() = request.body;
  req.prepare_payload();

  std::unique_ptr<ssl::context> tls;
  if (url->tls) {
    tls = std::make_unique<ssl::context>(ssl::context::tls_client);
    tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                     ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    boost::system::error_code ec;
    tls->set_default_verify_paths(ec);
    if (ec) return Unavailable("cannot read the system's CA certificates: " + ec.message());
    if (!options_.ca_file.empty()) {
      tls->load_verify_file(options_.ca_file, ec);
      if (ec) return Unavailable("cannot read " + options_.ca_file + ": " + ec.message());
    }
    tls->set_verify_mode(ssl::verify_peer);
  }

  asio::io_context ioc;
  auto exchange =
      std::make_unique<Exchange>(ioc, tls.get(), *url, std::move(req), options_.max_response_bytes,
                                 options_.allow_private_addresses);
  exchange->Start();
  // The connect deadline, then the rest of the total.
  const auto start = std::chrono::steady_clock::now();
  const auto total = std::chrono::milliseconds(options_.total_timeout_ms);
  const auto connect =
      std::chrono::milliseconds(std::min(options_.connect_timeout_ms, options_.total_timeout_ms));
  while (!exchange->finished()) {
    const auto elapsed = std::chrono::steady_clock::now() - start;
    const auto limit = exchange->connecting() ? connect : total;
    if (elapsed >= limit) {
      const std::string stage = exchange->stage();
      exchange->Cancel();
      ioc.poll();  // let cancelled handlers run while the exchange still exists
      return Unavailable(
          "timed out after " +
          std::to_string(std::chrono::duration_cast<std::chrono::seconds>(limit).count()) + " s " +
          stage);
    }
    if (ioc.stopped()) ioc.restart();
    ioc.run_one_for(limit - elapsed);
  }
  if (exchange->refused()) return PermissionDenied(exchange->error());
  if (!exchange->error().empty()) return Unavailable(exchange->error());
  services::HttpAnswer answer;
  answer.status = exchange->status();
  answer.body = exchange->TakeBody();
  exchange->Cancel();
  ioc.poll();
  return answer;
}

}  // namespace sahayak::net
