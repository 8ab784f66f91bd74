// The HTTP/1.1 server on a real socket: the bytes it writes (status line, fields, length, body),
// keep-alive for HTTP/1.1 and HTTP/1.0, Connection: close, and a body larger than the socket
// buffer shared between responses.
#include "http/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

namespace incunet::http {
namespace {

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    big_ = std::make_shared<const std::string>(std::string(3 << 20, 'x') + "end");
    ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.threads = 2;
    server_ = std::make_unique<Server>(o, [this](Request& req) {
      ++calls_;
      Response r;
      if (req.path == "/big") {
        r.shared_body = big_;
      } else if (req.path == "/missing") {
        r.status = 404;
        r.body = "{}";
      } else {
        r.body = "{\"path\":\"" + req.path + "\"}";
      }
      r.Set("X-Test", "1");
      return r;
    });
    port_ = server_->Listen();
    thread_ = std::thread([this] { server_->Run(false); });
  }

  void TearDown() override {
    server_->Stop();
    thread_.join();
  }

  int Connect() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port_);
    ::inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    return fd;
  }

  static void Send(int fd, const std::string& s) {
    ASSERT_EQ(::send(fd, s.data(), s.size(), 0), static_cast<ssize_t>(s.size()));
  }

  // Reads one response: the head up to the blank line, then Content-Length bytes of body.
  static std::pair<std::string, std::string> ReadResponse(int fd) {
    std::string data;
    char buf[65536];
    std::size_t head_end;
    while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return {data, ""};
      data.append(buf, n);
    }
    std::string head = data.substr(0, head_end + 4);
    std::size_t cl = head.find("Content-Length: ");
    if (cl == std::string::npos) return {head, ""};
    std::size_t len = std::stoul(head.substr(cl + 16));
    std::string body = data.substr(head_end + 4);
    while (body.size() < len) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      body.append(buf, n);
    }
    return {head, body};
  }

  static bool PeerClosed(int fd) {
    char c;
    return ::recv(fd, &c, 1, 0) == 0;
  }

  std::shared_ptr<const std::string> big_;
  std::atomic<int> calls_{0};
  std::unique_ptr<Server> server_;
  unsigned short port_ = 0;
  std::thread thread_;
};

TEST_F(ServerTest, WritesStatusFieldsLengthAndBodyAndKeepsTheConnection) {
  int fd = Connect();
  Send(fd, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
  auto [head, body] = ReadResponse(fd);
  EXPECT_EQ(head,
            "HTTP/1.1 200 OK\r\nServer: incunet\r\nContent-Type: application/json; "
            "charset=utf-8\r\nX-Test: 1\r\nContent-Length: 13\r\n\r\n");
  EXPECT_EQ(body, "{\"path\":\"/a\"}");
  // Same connection, second request; the reason phrase follows the status.
  Send(fd, "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n");
  auto [head2, body2] = ReadResponse(fd);
  EXPECT_EQ(head2.rfind("HTTP/1.1 404 Not Found\r\n", 0), 0u) << head2;
  EXPECT_EQ(body2, "{}");
  EXPECT_EQ(calls_.load(), 2);
  ::close(fd);
}

TEST_F(ServerTest, ClosesWhenTheClientAsksAndForPlainHttp10) {
  int fd = Connect();
  Send(fd, "GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  auto [head, body] = ReadResponse(fd);
  EXPECT_NE(head.find("\r\nConnection: close\r\n"), std::string::npos) << head;
  EXPECT_EQ(body, "{\"path\":\"/a\"}");
  EXPECT_TRUE(PeerClosed(fd));
  ::close(fd);

  fd = Connect();
  Send(fd, "GET /b HTTP/1.0\r\n\r\n");
  auto [head10, body10] = ReadResponse(fd);
  EXPECT_EQ(head10.rfind("HTTP/1.0 200 OK\r\n", 0), 0u) << head10;
  EXPECT_EQ(head10.find("Connection:"), std::string::npos) << head10;
  EXPECT_EQ(body10, "{\"path\":\"/b\"}");
  EXPECT_TRUE(PeerClosed(fd));
  ::close(fd);
}

TEST_F(ServerTest, KeepsAliveForHttp10WhenAsked) {
  int fd = Connect();
  Send(fd, "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  auto [head, body] = ReadResponse(fd);
  EXPECT_NE(head.find("\r\nConnection: keep-alive\r\n"), std::string::npos) << head;
  Send(fd, "GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  auto [head2, body2] = ReadResponse(fd);
  EXPECT_EQ(body2, "{\"path\":\"/b\"}");
  ::close(fd);
}

TEST_F(ServerTest, SendsASharedBodyLargerThanTheSocketBufferWhole) {
  int fd1 = Connect();
  int fd2 = Connect();
  // Both requests are in flight before either is read, so both responses use the one buffer.
  Send(fd1, "GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
  Send(fd2, "GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
  for (int fd : {fd2, fd1}) {
    auto [head, body] = ReadResponse(fd);
    EXPECT_NE(head.find("Content-Length: " + std::to_string(big_->size()) + "\r\n"),
              std::string::npos)
        << head;
    ASSERT_EQ(body.size(), big_->size());
    EXPECT_TRUE(body == *big_);
    ::close(fd);
  }
}

}  // namespace
}  // namespace incunet::http
