#pragma once
// The `incunet` command line: serve, migrate, user, demo, audit. main.cpp only calls Main().
#include <memory>
#include <string>

#include "app/identity/service.hpp"
#include "storage/database.hpp"
#include "storage/sql_store.hpp"

namespace incunet::cli {

int Main(int argc, char** argv);

// An opened, migrated database with its store. Throws std::runtime_error with a readable
// message when the database cannot be opened or is newer than this binary.
struct Opened {
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<storage::SqlStore> store;
};
Opened OpenAndMigrate(const std::string& url, int pool_size, bool quiet = false);

// "Moderate" unless INCUNET_FAST_PWHASH=1 (allowed in tests only).
app::identity::HashParams HashParamsFromEnv();

}  // namespace incunet::cli
