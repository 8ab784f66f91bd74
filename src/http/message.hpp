#pragma once
// Transport-neutral HTTP messages: handlers, middleware and tests use these; only server.cpp
// knows Beast.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace incunet::http {

struct Request {
  std::string method;                          // "GET", "POST", …
  std::string target;                          // raw target with query
  std::string path;                            // decoded path without query
  std::map<std::string, std::string> query;    // decoded query parameters
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote_addr;
  std::map<std::string, std::string> params;  // path parameters filled by the router

  const std::string& Header(const std::string& lower_name) const;
  std::string Query(const std::string& key, const std::string& def = "") const;
  std::string Cookie(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // When set, the body is these immutable bytes instead of `body`: the public cache hands the
  // same buffer to every response it serves, and the server writes it without a copy.
  std::shared_ptr<const std::string> shared_body;
  std::vector<std::pair<std::string, std::string>> headers;

  std::string_view Body() const { return shared_body ? std::string_view(*shared_body) : body; }
  void Set(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

}  // namespace incunet::http
