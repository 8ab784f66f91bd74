#include "storage/sqlite_stmt.hpp"

#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <mutex>

namespace incunet::storage {

using namespace sqlite_api;

namespace {
sqlite3* Db(void* p) { return static_cast<sqlite3*>(p); }
sqlite3_stmt* St(void* p) { return static_cast<sqlite3_stmt*>(p); }
}  // namespace

SqliteStmt::SqliteStmt(soci::session& s, const std::string& sql)
    : db_(static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_), st_(nullptr) {
  sqlite3_stmt* st = nullptr;
  Check(sqlite3_prepare_v3(Db(db_), sql.data(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &st, nullptr));
  st_ = st;
  for (int i = 0, n = sqlite3_column_count(st); i < n; ++i)
    columns_[sqlite3_column_name(st, i)] = i;
}

SqliteStmt::~SqliteStmt() { sqlite3_finalize(St(st_)); }

void SqliteStmt::Check(int rc) const {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  throw soci::sqlite3_soci_error(sqlite3_errmsg(Db(db_)), sqlite3_extended_errcode(Db(db_)));
}

SqliteStmt& SqliteStmt::Bind(int i, std::string_view v) {
  Check(sqlite3_bind_text(St(st_), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  return *this;
}

SqliteStmt& SqliteStmt::Bind(int i, const std::optional<std::string>& v) {
  return v ? Bind(i, std::string_view(*v)) : BindNull(i);
}

SqliteStmt& SqliteStmt::BindInt(int i, std::int64_t v) {
  Check(sqlite3_bind_int64(St(st_), i, v));
  return *this;
}

SqliteStmt& SqliteStmt::BindDouble(int i, double v) {
  Check(sqlite3_bind_double(St(st_), i, v));
  return *this;
}

SqliteStmt& SqliteStmt::BindNull(int i) {
  Check(sqlite3_bind_null(St(st_), i));
  return *this;
}

bool SqliteStmt::Step() {
  int rc = sqlite3_step(St(st_));
  if (rc == SQLITE_ROW) return true;
  sqlite3_reset(St(st_));
  sqlite3_clear_bindings(St(st_));
  Check(rc);
  return false;
}

void SqliteStmt::Run() {
  while (Step()) {
  }
}

std::int64_t SqliteStmt::LastInsertId() const { return sqlite3_last_insert_rowid(Db(db_)); }

int SqliteStmt::Column(const std::string& name) const {
  auto it = columns_.find(name);
  if (it == columns_.end()) throw std::runtime_error("no column " + name);
  return it->second;
}

bool SqliteStmt::IsNull(int col) const { return sqlite3_column_type(St(st_), col) == SQLITE_NULL; }

std::string SqliteStmt::Text(int col) const {
  switch (sqlite3_column_type(St(st_), col)) {
    case SQLITE_NULL:
      return {};
    case SQLITE_INTEGER:
      return std::to_string(sqlite3_column_int64(St(st_), col));
    case SQLITE_FLOAT:
      return fmt::format("{}", sqlite3_column_double(St(st_), col));
    default: {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(St(st_), col));
      return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(St(st_), col)));
    }
  }
}

std::int64_t SqliteStmt::Int(int col) const { return sqlite3_column_int64(St(st_), col); }
double SqliteStmt::Double(int col) const { return sqlite3_column_double(St(st_), col); }

std::int64_t GetInt(const SqliteStmt& r, const std::string& col, std::int64_t def) {
  int c = r.Column(col);
  return r.IsNull(c) ? def : r.Int(c);
}

double GetDouble(const SqliteStmt& r, const std::string& col) {
  int c = r.Column(col);
  return r.IsNull(c) ? 0.0 : r.Double(c);
}

std::string GetStr(const SqliteStmt& r, const std::string& col) { return r.Text(r.Column(col)); }

std::optional<std::string> GetOptStr(const SqliteStmt& r, const std::string& col) {
  int c = r.Column(col);
  if (r.IsNull(c)) return std::nullopt;
  return r.Text(c);
}

void ConfigureSqliteLibrary() {
  static std::once_flag once;
  // Returns SQLITE_MISUSE if the library was already initialised (e.g. by a test that opened a
  // connection first): harmless, the default simply stays.
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

SqliteStmt& SqliteStmtCache::Get(const std::string& sql) {
  auto& p = stmts_[sql];
  if (!p) p = std::make_unique<SqliteStmt>(s_, sql);
  return *p;
}

}  // namespace incunet::storage
