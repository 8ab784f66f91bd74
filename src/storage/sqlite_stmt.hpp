#pragma once
// A statement on a SQLite connection prepared once and run many times with positional binds,
// straight on the sqlite3 API: the bulk import runs hundreds of thousands of point lookups and
// inserts per job, where SOCI's per-execution bookkeeping (and re-preparing IN lists per batch)
// cost more than SQLite itself. Errors throw soci::sqlite3_soci_error, so callers and the
// store's constraint mapping treat them like any other SQLite error.
#include <soci/soci.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace incunet::storage {

class SqliteStmt {
 public:
  SqliteStmt(soci::session& s, const std::string& sql);
  ~SqliteStmt();
  SqliteStmt(const SqliteStmt&) = delete;
  SqliteStmt& operator=(const SqliteStmt&) = delete;

  // Parameters are numbered from 1 (?1, ?2 … in the SQL). Text is copied by SQLite.
  SqliteStmt& Bind(int i, std::string_view v);
  SqliteStmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  SqliteStmt& Bind(int i, const std::optional<std::string>& v);
  SqliteStmt& BindInt(int i, std::int64_t v);
  SqliteStmt& BindDouble(int i, double v);
  SqliteStmt& BindNull(int i);
  // Steps once: true while a row is available. Resets itself (keeping nothing bound) when done.
  bool Step();
  // Runs a statement that returns no rows (or ignores them).
  void Run();
  std::int64_t LastInsertId() const;

  // The current row's columns by name (the mapping code is shared with SOCI rows).
  int Column(const std::string& name) const;
  bool IsNull(int col) const;
  std::string Text(int col) const;
  std::int64_t Int(int col) const;
  double Double(int col) const;

 private:
  void Check(int rc) const;
  void* db_;
  void* st_;
  std::unordered_map<std::string, int> columns_;
};

// Column readers with the same contract as those for soci::row in sql_util.hpp.
std::int64_t GetInt(const SqliteStmt& r, const std::string& col, std::int64_t def = 0);
double GetDouble(const SqliteStmt& r, const std::string& col);
std::string GetStr(const SqliteStmt& r, const std::string& col);
std::optional<std::string> GetOptStr(const SqliteStmt& r, const std::string& col);

// Process-wide SQLite settings, applied once before the first connection opens: memory
// statistics off (every sqlite3_malloc would otherwise take a global mutex to count bytes).
void ConfigureSqliteLibrary();

// Statements of one session kept by their SQL text, prepared on first use.
class SqliteStmtCache {
 public:
  explicit SqliteStmtCache(soci::session& s) : s_(s) {}
  SqliteStmt& Get(const std::string& sql);

 private:
  soci::session& s_;
  std::unordered_map<std::string, std::unique_ptr<SqliteStmt>> stmts_;
};

}  // namespace incunet::storage
