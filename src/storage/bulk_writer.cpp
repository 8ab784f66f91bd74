#include "storage/bulk_writer.hpp"

namespace incunet::storage {

std::string ParamRow::InsertSql(std::string_view table,
                                const std::vector<std::string_view>& cols) const {
  std::string sql = "INSERT INTO " + std::string(table) + "(";
  for (std::size_t i = 0; i < cols.size(); ++i) sql += (i ? ", " : "") + std::string(cols[i]);
  sql += ") VALUES (";
  for (std::size_t i = 0; i < params_.size(); ++i) sql += fmt::format("{}:p{}", i ? ", " : "", i);
  return sql + ")";
}

}  // namespace incunet::storage
