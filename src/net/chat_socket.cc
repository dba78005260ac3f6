#include "net/chat_socket.h"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <string>

#include "api/chat_connection.h"

namespace sahayak::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

// One chat WebSocket. Everything on `ws_` happens on its I/O strand; the connection's calls on
// `work_`, a strand of the worker pool, in the order the frames arrived.
class ChatSocket : public api::ChatTransport, public std::enable_shared_from_this<ChatSocket> {
 public:
  ChatSocket(ChatSockets& owner, beast::tcp_stream stream,
             http::request<http::string_body> request, api::ChatAdmission admission)
      : owner_(owner),
        ws_(std::move(stream)),
        request_(std::move(request)),
        admission_(std::move(admission)),
        work_(asio::make_strand(owner.workers_)),
        hello_timer_(ws_.get_executor()),
        kill_timer_(ws_.get_executor()) {}

  void Start() {
    beast::get_lowest_layer(ws_).expires_never();
    // A fixed kernel buffer (not autotuned up to megabytes): what a slow client has not read
    // waits in our bounded queue, which closes it with 4408.
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().set_option(
        asio::socket_base::send_buffer_size(static_cast<int>(owner_.options_.kernel_send_bytes)),
        ignored);
    websocket::stream_base::timeout t;
    t.handshake_timeout = std::chrono::seconds(30);
    t.idle_timeout = std::chrono::seconds(owner_.options_.idle_timeout_seconds);
    t.keep_alive_pings = true;
    ws_.set_option(t);
    ws_.read_message_max(owner_.options_.max_frame_bytes);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "sahayak"); }));
    ws_.async_accept(request_,
                     beast::bind_front_handler(&ChatSocket::OnAccept, shared_from_this()));
  }

  // api::ChatTransport: from any thread.
  void Send(std::string frame) override {
    asio::post(ws_.get_executor(), [self = shared_from_this(), f = std::move(frame)]() mutable {
      self->Enqueue(std::move(f));
    });
  }

  void WhenDrained(std::function<void()> fn) override {
    asio::post(ws_.get_executor(), [self = shared_from_this(), fn = std::move(fn)]() mutable {
      if (self->gone_ || self->closing_) return;
      self->drained_ = std::move(fn);
      self->MaybeDrained();
    });
  }

  void Close(int code, std::string reason) override {
    asio::post(ws_.get_executor(), [self = shared_from_this(), code, r = std::move(reason)] {
      self->StartClose(code, r);
    });
  }

 private:
  void OnAccept(beast::error_code ec) {
    if (ec) return Gone();
    auto self = shared_from_this();
    hello_timer_.expires_after(std::chrono::seconds(owner_.options_.hello_timeout_seconds));
    hello_timer_.async_wait([self](beast::error_code ec) {
      if (ec) return;
      asio::post(self->work_, [self] {
        if (self->conn_ && !self->conn_->greeted()) {
          self->Close(4401, "no hello within 10 seconds");
        }
      });
    });
    asio::post(work_, [self] {
      self->conn_ = self->owner_.endpoint_.Open(self->admission_, self);
      asio::post(self->ws_.get_executor(), [self] { self->DoRead(); });
    });
  }

  void DoRead() {
    ws_.async_read(buffer_, beast::bind_front_handler(&ChatSocket::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec) return Gone();
    std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    const bool binary = ws_.got_binary();
    // The connection's rate limit closes a flood; this bounds what waits for it meanwhile.
    if (++pending_ > 128) return StartClose(4429, "frames arrive faster than they are handled");
    asio::post(work_, [self = shared_from_this(), text = std::move(text), binary] {
      --self->pending_;
      if (!self->conn_) return;
      if (binary) {
        self->conn_->OnBinary();
      } else {
        self->conn_->OnText(text);
      }
    });
    DoRead();
  }

  void Enqueue(std::string frame) {
    if (closing_ || gone_) return;
    queued_bytes_ += frame.size();
    queue_.push_back(std::move(frame));
    if (queue_.size() > owner_.options_.max_queued_frames ||
        queued_bytes_ > owner_.options_.max_queued_bytes) {
      return StartClose(4408, "frames were not read fast enough; reconnect and resume");
    }
    if (!writing_) DoWrite();
  }

  void DoWrite() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(asio::buffer(queue_.front()),
                    beast::bind_front_handler(&ChatSocket::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, std::size_t) {
    writing_ = false;
    queued_bytes_ -= queue_.front().size();
    queue_.pop_front();
    if (ec) return Gone();
    MaybeDrained();
    if (!queue_.empty()) return DoWrite();
    if (closing_) DoClose();
  }

  // The connection's next page of history goes out once little is left to write.
  void MaybeDrained() {
    if (!drained_ || closing_ || queue_.size() > 16 || queued_bytes_ > (128u << 10)) return;
    asio::post(work_, std::move(drained_));
    drained_ = nullptr;
  }

  void StartClose(int code, const std::string& reason) {
    if (closing_ || gone_) return;
    closing_ = true;
    close_ = websocket::close_reason(static_cast<websocket::close_code>(code),
                                     beast::string_view(reason.data(),
                                                        std::min<size_t>(reason.size(), 120)));
    if (code == 4408) {
      // What it did not read is lost to it anyway; it resumes after reconnecting.
      while (queue_.size() > (writing_ ? 1u : 0u)) {
        queued_bytes_ -= queue_.back().size();
        queue_.pop_back();
      }
    }
    // A client that reads nothing never completes the closing handshake.
    kill_timer_.expires_after(std::chrono::seconds(10));
    kill_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;
      beast::error_code ignored;
      beast::get_lowest_layer(self->ws_).socket().close(ignored);
    });
    if (!writing_) DoClose();
  }

  void DoClose() {
    if (close_started_) return;
    close_started_ = true;
    ws_.async_close(close_, [self = shared_from_this()](beast::error_code) {
      // Closed (or failed): a read in progress ends with an error too; Gone() runs once.
      self->Gone();
    });
  }

  void Gone() {
    if (gone_) return;
    gone_ = true;
    hello_timer_.cancel();
    kill_timer_.cancel();
    owner_.Forget(this);
    asio::post(work_, [self = shared_from_this()] {
      if (self->conn_) self->conn_->OnClosed();
      self->conn_.reset();  // the connection holds this socket as its transport
    });
  }

  ChatSockets& owner_;
  websocket::stream<beast::tcp_stream> ws_;
  http::request<http::string_body> request_;
  api::ChatAdmission admission_;
  asio::strand<asio::thread_pool::executor_type> work_;
  asio::steady_timer hello_timer_;
  asio::steady_timer kill_timer_;
  beast::flat_buffer buffer_;
  std::shared_ptr<api::ChatConnection> conn_;  // used on work_ only
  std::atomic<int> pending_{0};
  // On the I/O strand:
  std::deque<std::string> queue_;
  size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool closing_ = false;
  bool close_started_ = false;
  bool gone_ = false;
  websocket::close_reason close_;
  std::function<void()> drained_;
};

void ChatSockets::Open(beast::tcp_stream stream, http::request<http::string_body> request,
                       api::ChatAdmission admission) {
  auto socket = std::make_shared<ChatSocket>(*this, std::move(stream), std::move(request),
                                             std::move(admission));
  {
    std::lock_guard<std::mutex> lock(mu_);
    sockets_[socket.get()] = socket;
  }
  socket->Start();
}

void ChatSockets::CloseAll() {
  std::vector<std::shared_ptr<ChatSocket>> all;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [_, weak] : sockets_) {
      if (auto s = weak.lock()) all.push_back(std::move(s));
    }
  }
  for (auto& s : all) s->Close(1001, "the server is shutting down");
}

size_t ChatSockets::count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sockets_.size();
}

void ChatSockets::Forget(const ChatSocket* socket) {
  std::lock_guard<std::mutex> lock(mu_);
  sockets_.erase(socket);
}

}  // namespace sahayak::net
