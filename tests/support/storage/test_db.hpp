#pragma once
// Fresh, migrated databases for tests, one per test, on both backends: SQLite (a copy of a
// migrated template file) and PostgreSQL (CREATE DATABASE … TEMPLATE, on the cluster named by
// INCUNET_TEST_PG, which the test command starts). A PostgreSQL test fails — never skips — when
// that variable is missing or the server is unreachable.
#include <memory>
#include <string>

#include "storage/database.hpp"
#include "storage/sql_store.hpp"

namespace incunet::storage::testing {

enum class Backend { kSqlite, kPostgres };

struct TestDb {
  std::unique_ptr<Database> db;
  std::unique_ptr<SqlStore> store;
  std::string url;  // what `incunet --db` would take
};

// Throws std::runtime_error with a readable reason when the backend is unavailable.
TestDb OpenTestDb(Backend b, int pool_size = 2);

inline const char* BackendName(Backend b) { return b == Backend::kSqlite ? "sqlite" : "postgres"; }

}  // namespace incunet::storage::testing
