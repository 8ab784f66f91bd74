// The only translation unit that includes Beast/Asio (they cost ~20 s per TU to compile).
#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/url.hpp>
#include <csignal>
#include <mutex>
#include <set>
#include <string_view>
#include <thread>
#include <utility>  // Asio's awaitable.hpp uses std::exchange without including it under GCC 12.
#include <vector>

namespace incunet::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

struct Conn {
  beast::tcp_stream* stream = nullptr;
  std::atomic<bool> idle{true};
};

// The error envelope for the failures the server answers itself; `id` is a request id (safe
// to embed: letters, digits and '-').
std::string ErrorBody(const char* code, const char* message, const std::string& id) {
  return std::string("{\"error\":{\"code\":\"") + code + "\",\"message\":\"" + message +
         "\",\"details\":{},\"request_id\":\"" + id + "\"}}";
}

bool FillRequest(const bhttp::request<bhttp::string_body>& in, const std::string& remote,
                 Request& out) {
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  auto parsed = boost::urls::parse_origin_form(in.target());
  if (!parsed) return false;
  boost::urls::url_view u = *parsed;
  out.path = u.path();
  for (auto p : u.params()) out.query[p.key] = p.has_value ? p.value : std::string();
  for (const auto& f : in) {
    std::string name(f.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out.headers[name] = std::string(f.value());
  }
  out.body = in.body();
  out.remote_addr = remote;
  return true;
}

// Writes the status line and header block as Beast's serializer would (same fields, same
// order), into a buffer the connection reuses; the body is then sent from where it lies, so a
// cached body shared by many responses is never copied.
void SerializeHead(const Response& r, unsigned version, bool keep_alive, std::size_t body_size,
                   std::string& out) {
  out.clear();
  auto add = [&out](std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
  };
  out.append("HTTP/").append(std::to_string(version / 10)).push_back('.');
  out.append(std::to_string(version % 10)).push_back(' ');
  out.append(std::to_string(r.status)).push_back(' ');
  out.append(bhttp::obsolete_reason(static_cast<bhttp::status>(r.status))).append("\r\n");
  add("Server", "incunet");
  add("Content-Type", r.content_type);
  for (const auto& [k, v] : r.headers) add(k, v);
  if (version < 11 && keep_alive) add("Connection", "keep-alive");
  if (version >= 11 && !keep_alive) add("Connection", "close");
  add("Content-Length", std::to_string(body_size));
  out.append("\r\n");
}

}  // namespace

struct Server::Impl {
  ServerOptions opts;
  Handler handler;
  // One io_context per thread, each run by its own thread, and connections dealt round-robin:
  // no lock or queue is shared between threads on the request path, so a thread descheduled
  // by a busy machine delays only its own connections (as one nginx worker would). `ioc` also
  // holds the acceptor, the signals and the drain deadline.
  asio::io_context ioc{1};
  std::vector<std::unique_ptr<asio::io_context>> workers;  // threads 2…n
  std::size_t next_worker = 0;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc};
  asio::steady_timer deadline{ioc};
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::set<std::shared_ptr<Conn>> conns;

  std::atomic<std::uint64_t> own_ids{0};

  std::string NextId() {
    return opts.request_id ? opts.request_id() : "srv-" + std::to_string(++own_ids);
  }
  asio::awaitable<void> Session(tcp::socket sock);
  asio::awaitable<void> Accept();
  void Stop();
};

asio::awaitable<void> Server::Impl::Session(tcp::socket sock) {
  std::string remote;
  beast::error_code ec;
  auto ep = sock.remote_endpoint(ec);
  if (!ec) remote = ep.address().to_string();
  beast::tcp_stream stream(std::move(sock));
  auto conn = std::make_shared<Conn>();
  conn->stream = &stream;
  {
    std::lock_guard<std::mutex> lock(mu);
    conns.insert(conn);
  }
  beast::flat_buffer buf;
  std::string head;  // reused: one allocation per connection, not per response
  for (;;) {
    if (stopping) break;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(opts.body_limit);
    parser.header_limit(static_cast<std::uint32_t>(opts.header_limit));
    stream.expires_after(std::chrono::seconds(opts.read_timeout_seconds));
    conn->idle = true;
    co_await bhttp::async_read(stream, buf, parser, asio::redirect_error(asio::use_awaitable, ec));
    conn->idle = false;
    if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit) {
      bool header = ec == bhttp::error::header_limit;
      std::string id = NextId();
      bhttp::response<bhttp::string_body> res{header
                                                  ? bhttp::status::request_header_fields_too_large
                                                  : bhttp::status::payload_too_large,
                                              11};
      res.set(bhttp::field::content_type, "application/json; charset=utf-8");
      res.set("X-Request-Id", id);
      res.body() = header ? ErrorBody("headers_too_large",
                                      "请求头过大 / request header fields too large", id)
                          : ErrorBody("too_large", "请求体过大 / request body too large", id);
      res.keep_alive(false);
      res.prepare_payload();
      co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
      // Lingering close: discard what the client is still sending, so closing does not reset
      // the connection before it has read the 413.
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      stream.expires_after(std::chrono::seconds(2));
      std::array<char, 16384> sink;
      for (std::size_t drained = 0; drained < 64u * 1024 * 1024;) {
        std::size_t n = co_await stream.async_read_some(
            asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        drained += n;
      }
      break;
    }
    if (ec) break;
    auto& in = parser.get();
    Request req;
    Response out;
    if (!FillRequest(in, remote, req)) {
      std::string id = NextId();
      out.status = 400;
      out.Set("X-Request-Id", id);
      out.body = ErrorBody("malformed_target", "请求地址无效 / invalid request target", id);
    } else {
      try {
        out = handler(req);
      } catch (const std::exception& ex) {
        std::string id = NextId();
        spdlog::error("{} unhandled exception for {} {}: {}", id, req.method, req.path, ex.what());
        out = Response{};
        out.status = 500;
        out.Set("X-Request-Id", id);
        out.body = ErrorBody("internal", "服务器内部错误 / internal server error", id);
      }
    }
    bool keep_alive = in.keep_alive() && !stopping;
    std::string_view body = out.Body();
    SerializeHead(out, in.version(), keep_alive, body.size(), head);
    std::array<asio::const_buffer, 2> wire{asio::buffer(head), asio::buffer(body)};
    co_await asio::async_write(stream, wire, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  {
    std::lock_guard<std::mutex> lock(mu);
    conns.erase(conn);
    if (stopping && conns.empty()) asio::post(ioc, [this] { deadline.cancel(); });
  }
}

asio::awaitable<void> Server::Impl::Accept() {
  for (;;) {
    beast::error_code ec;
    std::size_t k = next_worker++ % (workers.size() + 1);
    asio::io_context& target = k == 0 ? ioc : *workers[k - 1];
    tcp::socket sock =
        co_await acceptor.async_accept(target, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) co_return;
      continue;
    }
    sock.set_option(tcp::no_delay(true), ec);
    auto ex = sock.get_executor();
    asio::co_spawn(ex, Session(std::move(sock)), asio::detached);
  }
}

void Server::Impl::Stop() {
  if (stopping.exchange(true)) return;
  asio::post(ioc, [this] {
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    std::lock_guard<std::mutex> lock(mu);
    // Idle keep-alive connections are closed now; busy ones finish their response first.
    for (const auto& c : conns)
      if (c->idle) {
        auto stream = c->stream;
        asio::post(stream->get_executor(), [stream] { stream->cancel(); });
      }
    if (conns.empty()) return;
    deadline.expires_after(std::chrono::seconds(10));
    deadline.async_wait([this](beast::error_code e) {
      if (e) return;
      for (auto& w : workers) w->stop();
      ioc.stop();
    });
  });
}

Server::Server(ServerOptions opts, Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->opts = std::move(opts);
  impl_->handler = std::move(handler);
}

Server::~Server() = default;

unsigned short Server::Listen() {
  auto addr = asio::ip::make_address(impl_->opts.host);
  tcp::endpoint ep(addr, impl_->opts.port);
  impl_->acceptor.open(ep.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(ep);
  impl_->acceptor.listen(asio::socket_base::max_listen_connections);
  return impl_->acceptor.local_endpoint().port();
}

void Server::Run(bool handle_signals) {
  if (handle_signals) {
    impl_->signals.add(SIGINT);
    impl_->signals.add(SIGTERM);
    impl_->signals.async_wait([this](beast::error_code ec, int sig) {
      if (!ec) {
        spdlog::info("signal {} received: finishing in-flight requests", sig);
        impl_->Stop();
      }
    });
  }
  // The workers idle between connections; the main context ends only after every connection
  // (on any context) has finished or the drain deadline stopped them all.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->opts.threads; ++i) {
    impl_->workers.push_back(std::make_unique<asio::io_context>(1));
    guards.push_back(asio::make_work_guard(*impl_->workers.back()));
    threads.emplace_back([w = impl_->workers.back().get()] { w->run(); });
  }
  asio::co_spawn(impl_->ioc, impl_->Accept(), asio::detached);
  impl_->ioc.run();
  guards.clear();
  for (auto& t : threads) t.join();
}

void Server::Stop() { impl_->Stop(); }

}  // namespace incunet::http
