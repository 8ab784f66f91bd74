#include "app/paging.hpp"

#include <cstring>

namespace incunet::app {

namespace {
const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string B64Encode(const std::string& in) {
  std::string out;
  int val = 0, bits = -6;
  for (unsigned char c : in) {
    val = (val << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out.push_back(kB64[(val >> bits) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(kB64[((val << 8) >> (bits + 8)) & 0x3F]);
  return out;
}

bool B64Decode(const std::string& in, std::string* out) {
  int val = 0, bits = -8;
  for (char c : in) {
    const char* p = std::strchr(kB64, c);
    if (!p || c == 0) return false;
    val = (val << 6) + int(p - kB64);
    bits += 6;
    if (bits >= 0) {
      out->push_back(char((val >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return true;
}
}  // namespace

std::string EncodeCursor(const std::string& key, std::int64_t id) {
  return B64Encode(key + '\x1f' + std::to_string(id));
}

bool DecodeCursor(const std::string& cursor, std::string* key, std::int64_t* id) {
  std::string raw;
  if (!B64Decode(cursor, &raw)) return false;
  auto sep = raw.rfind('\x1f');
  if (sep == std::string::npos) return false;
  *key = raw.substr(0, sep);
  try {
    std::size_t used = 0;
    *id = std::stoll(raw.substr(sep + 1), &used);
    return used == raw.size() - sep - 1;
  } catch (...) {
    return false;
  }
}

}  // namespace incunet::app
