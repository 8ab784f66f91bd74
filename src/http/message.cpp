#include "http/message.hpp"

namespace incunet::http {

const std::string& Request::Header(const std::string& lower_name) const {
  static const std::string kEmpty;
  auto it = headers.find(lower_name);
  return it == headers.end() ? kEmpty : it->second;
}

std::string Request::Query(const std::string& key, const std::string& def) const {
  auto it = query.find(key);
  return it == query.end() ? def : it->second;
}

std::string Request::Cookie(const std::string& name) const {
  const std::string& c = Header("cookie");
  std::size_t pos = 0;
  while (pos < c.size()) {
    std::size_t end = c.find(';', pos);
    if (end == std::string::npos) end = c.size();
    std::string part = c.substr(pos, end - pos);
    std::size_t b = part.find_first_not_of(' ');
    if (b != std::string::npos) part = part.substr(b);
    std::size_t eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    pos = end + 1;
  }
  return "";
}

}  // namespace incunet::http
