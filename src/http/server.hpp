#pragma once
// The HTTP/1.1 server (Boost.Beast, C++20 coroutines). Each connection is a coroutine; the
// handler runs on the I/O thread that read the request, so `threads` bounds both I/O and
// database concurrency. Stop() stops accepting, lets in-flight requests finish, closes idle
// keep-alive connections and returns from Run().
#include <functional>
#include <memory>
#include <string>

#include "http/message.hpp"

namespace incunet::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int threads = 4;
  std::size_t body_limit = 1 << 20;  // 413 beyond this
  int read_timeout_seconds = 30;
  std::size_t header_limit = 64 * 1024;  // 431 beyond this
  // Gives the request id for the errors the server writes itself (400, 413, 431, 500), so they
  // carry one like every other error; unset, they carry an id of the server's own.
  std::function<std::string()> request_id;
};

using Handler = std::function<Response(Request&)>;

class Server {
 public:
  Server(ServerOptions opts, Handler handler);
  ~Server();
  // Binds the listening socket (throws on failure) and returns the bound port.
  unsigned short Listen();
  // Serves until Stop() or SIGINT/SIGTERM (when handle_signals), then drains.
  void Run(bool handle_signals);
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace incunet::http
