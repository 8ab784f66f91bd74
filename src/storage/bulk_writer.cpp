#include "storage/bulk_writer.hpp"

namespace incunet::storage {

std::vector<std::int64_t> ReserveIds(soci::session& s, Dialect d, const std::string& table,
                                     std::size_t n) {
  std::vector<std::int64_t> ids;
  if (n == 0) return ids;
  ids.reserve(n);
  if (d == Dialect::kSqlite) {
    long long last = 0;
    s << fmt::format("SELECT COALESCE(MAX(id), 0) FROM {}", table), soci::into(last);
    for (std::size_t i = 1; i <= n; ++i) ids.push_back(last + static_cast<std::int64_t>(i));
    return ids;
  }
  ForEachRow(s,
             fmt::format("SELECT nextval(pg_get_serial_sequence('{}', 'id')) AS id FROM "
                         "generate_series(1, {})",
                         table, n),
             Where(), [&](const soci::row& r) { ids.push_back(GetInt(r, "id")); });
  return ids;
}

std::string ParamRow::InsertSql(std::string_view table,
                                const std::vector<std::string_view>& cols) const {
  std::string sql = "INSERT INTO " + std::string(table) + "(";
  for (std::size_t i = 0; i < cols.size(); ++i) sql += (i ? ", " : "") + std::string(cols[i]);
  sql += ") VALUES (";
  for (std::size_t i = 0; i < params_.size(); ++i) sql += fmt::format("{}:p{}", i ? ", " : "", i);
  return sql + ")";
}

}  // namespace incunet::storage
