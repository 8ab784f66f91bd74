#include "support/storage/test_db.hpp"

#include <fmt/format.h>
#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "app/registry/bootstrap.hpp"

namespace incunet::storage::testing {
namespace {

std::mutex g_mu;
std::string g_sqlite_template;
std::atomic<int> g_counter{0};

std::string Unique() {
  return fmt::format("{}_{}_{}", ::getpid(), g_counter.fetch_add(1), std::rand() % 100000);
}

std::string PgUrl() {
  const char* u = std::getenv("INCUNET_TEST_PG");
  if (!u || !*u)
    throw std::runtime_error(
        "INCUNET_TEST_PG is not set: run tests through scripts/test.sh, which starts a "
        "throwaway PostgreSQL cluster");
  return u;
}

std::string WithDb(const std::string& url, const std::string& db) {
  return url.substr(0, url.rfind('/') + 1) + db;
}

void Prepare(Database& db) {
  auto st = Migrate(db);
  if (!st) throw std::runtime_error(st.error().message_en);
  SqlStore store(db);
  app::registry::EnsureRegions(store, core::SystemClock::Instance());
}

}  // namespace

TestDb OpenTestDb(Backend b, int pool_size) {
  namespace fs = std::filesystem;
  TestDb t;
  std::lock_guard<std::mutex> lock(g_mu);
  if (b == Backend::kSqlite) {
    if (g_sqlite_template.empty()) {
      auto dir = fs::temp_directory_path() / ("incunet-test-" + Unique());
      fs::create_directories(dir);
      g_sqlite_template = (dir / "template.db").string();
      auto db = Database::Open({g_sqlite_template, 1});
      Prepare(*db);
      soci::session s(db->pool());
      s << "PRAGMA wal_checkpoint(TRUNCATE)";
    }
    t.url = (fs::path(g_sqlite_template).parent_path() / (Unique() + ".db")).string();
    fs::copy_file(g_sqlite_template, t.url);
  } else {
    std::string admin = PgUrl();
    std::string name = "t_" + Unique();
    t.url = WithDb(admin, name);
    auto admin_db = Database::Open({admin, 1});
    soci::session s(admin_db->pool());
    std::string tpl = "incunet_tpl_" + std::to_string(::getpid());
    int exists = 0;
    s << "SELECT COUNT(*) FROM pg_database WHERE datname = :n", soci::use(tpl), soci::into(exists);
    if (!exists) {
      s << "CREATE DATABASE " + tpl +
               " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'";
      {
        auto db = Database::Open({WithDb(admin, tpl), 1});
        Prepare(*db);
      }
    }
    s << "CREATE DATABASE " + name + " TEMPLATE " + tpl;
  }
  t.db = Database::Open({t.url, pool_size});
  t.store = std::make_unique<SqlStore>(*t.db);
  return t;
}

}  // namespace incunet::storage::testing
