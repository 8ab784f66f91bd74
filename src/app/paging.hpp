#pragma once
// Keyset pagination shared by every list endpoint: the cursor is opaque to clients and encodes
// the last row's sort key and id, so SQLite and PostgreSQL page identically.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace incunet::app {

struct PageRequest {
  int limit = 50;      // clamped to [1, 200] by the HTTP layer
  std::string cursor;  // empty for the first page
};

// Keyset cursor: "<sort key>\x1f<id>", base64url-encoded so clients treat it as opaque. Every
// list makes its cursors with EncodeCursor, so one check (DecodeCursor) tells a cursor the
// server made from garbage, before any query runs.
std::string EncodeCursor(const std::string& key, std::int64_t id);
bool DecodeCursor(const std::string& cursor, std::string* key, std::int64_t* id);

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
  std::int64_t total = 0;
};

}  // namespace incunet::app
