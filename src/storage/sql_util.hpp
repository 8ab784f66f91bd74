#pragma once
// Small helpers for SOCI rows and dynamic WHERE clauses, shared by every repository.
#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/paging.hpp"
#include "storage/database.hpp"

namespace incunet::storage {

// Column readers that accept whatever integer/float/text type the backend reports, and map
// NULL to a default (SQLite and PostgreSQL disagree on declared types of expressions).
std::int64_t GetInt(const soci::row& r, const std::string& col, std::int64_t def = 0);
double GetDouble(const soci::row& r, const std::string& col);
std::string GetStr(const soci::row& r, const std::string& col);
std::optional<std::string> GetOptStr(const soci::row& r, const std::string& col);

// Accumulates WHERE conditions with string parameters bound by position (:p0, :p1 …).
// Integers from our own code are inlined; user text is always bound.
class Where {
 public:
  // Adds "expr" where each '?' is replaced by the next bound placeholder.
  Where& Add(const std::string& expr, std::vector<std::string> params = {});
  bool empty() const { return conds_.empty(); }
  std::string Sql() const;  // "" or " WHERE a AND b"
  const std::vector<std::string>& params() const { return params_; }
  // Binds all parameters to a prepared statement.
  void Bind(soci::statement& st) const;
  Where& Never() { return Add("1=0"); }

 private:
  std::vector<std::string> conds_;
  std::vector<std::string> params_;
};

// Runs a query with the Where's parameters and calls fn(row) per row (soci::row is neither
// copyable nor movable, so rows are consumed in place).
void ForEachRow(soci::session& s, const std::string& sql, const Where& w,
                const std::function<void(const soci::row&)>& fn);
std::int64_t QueryCount(soci::session& s, const std::string& sql, const Where& w);

// Escapes % _ and \ for a LIKE pattern used with ESCAPE '\'.
std::string LikeEscape(const std::string& s);
// Number of Unicode code points in UTF-8 text.
std::size_t Utf8Length(const std::string& s);
std::string JoinIds(const std::vector<std::int64_t>& ids);
// Appends `v` escaped for PostgreSQL's COPY text format (backslash, tab, newline, return).
void AppendCopyText(std::string* buf, std::string_view v);

// The keyset cursor codec lives with the page types (the HTTP layer checks cursors too).
using app::DecodeCursor;
using app::EncodeCursor;

// A bound value; nullopt binds SQL NULL.
using Param = std::optional<std::string>;
std::string Num(double v);  // exact text for a double parameter

// Inserts and returns the new id (RETURNING id works on both backends).
std::int64_t InsertReturningId(soci::session& s, const std::string& sql,
                               const std::vector<Param>& params);
// Executes a statement; returns the number of rows affected.
long long Exec(soci::session& s, const std::string& sql, const std::vector<Param>& params);

// Maps backend constraint violations to kConflict; rethrows anything else.
[[noreturn]] void RethrowMapped(const std::exception& e);

}  // namespace incunet::storage
