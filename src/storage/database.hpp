#pragma once
// One face over SQLite and PostgreSQL (SOCI). A Database owns a pool of sessions; SqlStore
// (sql_store.hpp) implements the app ports on top of it. SOCI and the backends' headers stay
// inside storage/.
#include <memory>
#include <mutex>
#include <string>

#include "core/error.hpp"

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace incunet::storage {

enum class Dialect { kSqlite, kPostgres };

struct DbOptions {
  std::string url;    // a SQLite file path, or postgresql://user:pass@host:port/db
  int pool_size = 4;  // sessions kept open
};

class Database {
 public:
  // Opens the pool (SQLite: WAL, foreign keys on, busy timeout). Throws on connection failure.
  static std::unique_ptr<Database> Open(const DbOptions& opts);
  ~Database();

  Dialect dialect() const { return dialect_; }
  const char* DialectName() const { return dialect_ == Dialect::kSqlite ? "sqlite" : "postgresql"; }
  soci::connection_pool& pool() { return *pool_; }
  std::size_t pool_size() const { return pool_size_; }

  // SQLite allows one writer: serialising writers in-process avoids busy-retry storms.
  std::mutex& write_mutex() { return write_mutex_; }

 private:
  Database() = default;
  Dialect dialect_ = Dialect::kSqlite;
  std::size_t pool_size_ = 0;
  std::unique_ptr<soci::connection_pool> pool_;
  std::mutex write_mutex_;
};

// Splits a migration file into statements (semicolon at end of line, aware of trigger bodies).
std::vector<std::string> SplitSqlStatements(const std::string& sql);

// Applies pending migrations for the database's dialect, each in its own transaction, recording
// them in schema_migrations. Fails with kInvalid "schema_too_new" when the database has a
// migration this binary does not know.
core::Status Migrate(Database& db, std::string* report = nullptr);
// Highest migration version known to this binary, and applied in the database (0 if none).
int KnownSchemaVersion(Dialect d);
int AppliedSchemaVersion(Database& db);

}  // namespace incunet::storage
