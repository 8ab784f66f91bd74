// The bulk demo writer on both databases: every row the generator made is in the tables with the
// ids the loader gave it, the indexes and full-text triggers dropped for the load on SQLite are
// back (and search finds the loaded names), a load that fails half-way writes nothing and leaves
// the schema as it was, and the SQLite file is in WAL mode again after a load.
#include "storage/demo/bulk_repo.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <set>

#include "app/demo/loader.hpp"
#include "app/stats/service.hpp"
#include "core/regions.hpp"
#include "domain/demo/returns.hpp"
#include "support/storage/test_db.hpp"

namespace incunet::storage {
namespace {

using testing::Backend;

long long Count(soci::session& s, const std::string& sql) {
  long long n = -1;
  s << sql, soci::into(n);
  return n;
}

// Names and definitions of the indexes and triggers, to compare before and after a load.
std::set<std::string> Schema(soci::session& s, Dialect d) {
  std::set<std::string> out;
  soci::rowset<soci::row> rows =
      d == Dialect::kSqlite
          ? (s.prepare << "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM "
                          "sqlite_master WHERE type IN ('index', 'trigger')")
          : (s.prepare << "SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname "
                          "= current_schema()");
  for (const auto& r : rows) out.insert(r.get<std::string>(0));
  return out;
}

class DemoBulkTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = testing::OpenTestDb(GetParam());
    net_ = domain::demo::GenerateDemo({"small", 3, "2025-12-31"}, core::BuiltinRegions());
    ids_ = std::make_unique<app::identity::IdentityService>(
        *t_.store, core::SystemClock::Instance(), app::identity::HashParams::Fast());
  }
  testing::TestDb t_;
  domain::demo::DemoNetwork net_;
  std::unique_ptr<app::identity::IdentityService> ids_;
};

TEST_P(DemoBulkTest, WritesEveryRowAndRebuildsIndexesAndSearch) {
  soci::session s(t_.db->pool());
  const auto before = Schema(s, t_.db->dialect());
  ASSERT_GT(before.size(), 20u);
  // A statistics cache warmed on the empty database must see the load (on SQLite its change-log
  // triggers are deferred like the indexes and the load is logged as one change).
  app::stats::StatsService stats(*t_.store, core::SystemClock::Instance());
  ASSERT_TRUE(stats.GetSummary(app::Actor::Cli(), "", "2025-12-31").has_value());
  auto rep =
      app::demo::LoadDemo(*t_.store, core::SystemClock::Instance(), *ids_, net_, "2025-12-31", {});
  ASSERT_TRUE(rep.has_value()) << rep.error().message_en;
  EXPECT_EQ(Schema(s, t_.db->dialect()), before);
  auto live = stats.GetSummary(app::Actor::Cli(), "", "2025-12-31");
  ASSERT_TRUE(live.has_value());
  EXPECT_GT(live->figures.carriers, 0);
  EXPECT_EQ(live->figures, *stats.Rebuild("", "2025-12-31"));

  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM carriers"), (long long)net_.carriers.size());
  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM enterprises"), (long long)net_.enterprises.size());
  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM incubations"), (long long)net_.incubations.size());
  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM events"), (long long)net_.events.size());
  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM financings"), (long long)net_.financings.size());
  std::size_t quals = 0, recs = 0, values = 0, reviews = 0;
  for (const auto& e : net_.enterprises) quals += e.qualifications.size();
  for (const auto& c : net_.carriers) recs += c.recognitions.size();
  domain::demo::ForEachReturn(net_, [&](const domain::demo::DemoReturn& d) {
    values += d.ret.values.size();
    for (const auto& row : d.ret.incubatees) values += row.values.size();
    reviews += d.reviews.size();
  });
  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM qualifications"), (long long)quals);
  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM recognitions"), (long long)recs);
  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM return_values"), (long long)values);
  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM return_reviews"), (long long)reviews);

  // Ids are the next free id plus the position in the generated vectors; text, nulls and
  // reals arrive unchanged (a quote, a NULL zone, a fractional area).
  const auto& last = net_.enterprises.back();
  std::string name;
  s << fmt::format("SELECT name FROM enterprises WHERE id = {}", net_.enterprises.size()),
      soci::into(name);
  EXPECT_EQ(name, last.name);
  std::size_t ci = 0;
  while (ci < net_.carriers.size() && net_.carriers[ci].zone_code) ++ci;
  ASSERT_LT(ci, net_.carriers.size());
  EXPECT_EQ(Count(s, fmt::format("SELECT COUNT(*) FROM carriers WHERE id = {} AND zone_code IS "
                                 "NULL AND area_total_m2 = {}",
                                 ci + 1, net_.carriers[ci].area_total_m2)),
            1);

  // Search through the registry (full text on SQLite) finds a loaded carrier and a loaded firm.
  t_.store->Read([&](app::Tx& tx) {
    const auto& c = net_.carriers[ci];
    app::registry::CarrierQuery cq;
    cq.q = c.name;
    auto cp = tx.carriers().List(app::Scope::National(), cq, {500, ""});
    bool found = false;
    for (const auto& x : cp.items) found |= x.id == static_cast<domain::registry::Id>(ci + 1);
    EXPECT_TRUE(found) << cq.q;
    app::registry::EnterpriseQuery eq;
    eq.q = last.name;
    auto ep = tx.enterprises().List(app::Scope::National(), eq, {50, ""});
    ASSERT_GE(ep.items.size(), 1u) << last.name;
    EXPECT_EQ(ep.items[0].name, last.name);
  });
}

TEST_P(DemoBulkTest, AFailedLoadWritesNothingAndKeepsTheSchema) {
  // A firm already registered with a USCC the generator gives to one of its firms: the load
  // fails on the unique key half-way through, after the carriers are in.
  std::size_t k = net_.enterprises.size() / 2;
  while (!net_.enterprises[k].uscc) ++k;
  soci::session s(t_.db->pool());
  s << "INSERT INTO enterprises(name, name_sort, uscc, region_code, created_at, updated_at) "
       "VALUES ('先到企业', '', :u, '110108', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
      soci::use(*net_.enterprises[k].uscc);
  const auto before = Schema(s, t_.db->dialect());
  auto rep =
      app::demo::LoadDemo(*t_.store, core::SystemClock::Instance(), *ids_, net_, "2025-12-31", {});
  ASSERT_FALSE(rep.has_value());
  EXPECT_EQ(rep.error().code, core::ErrorCode::kConflict);
  EXPECT_FALSE(rep.error().message_zh.empty());
  EXPECT_FALSE(rep.error().message_en.empty());
  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM carriers"), 0);
  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM enterprises"), 1);
  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM annual_returns"), 0);
  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM audit_log WHERE action = 'demo.load'"), 0);
  EXPECT_EQ(Schema(s, t_.db->dialect()), before);
}

INSTANTIATE_TEST_SUITE_P(Both, DemoBulkTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

TEST(BulkJournalModeTest, RollbackJournalWhileLoadingThenWalAgain) {
  auto t = testing::OpenTestDb(Backend::kSqlite, 1);
  auto mode = [&] {
    soci::session s(t.db->pool());
    std::string m;
    s << "PRAGMA journal_mode", soci::into(m);
    return m;
  };
  ASSERT_EQ(mode(), "wal");
  {
    BulkJournalMode journal(*t.db);
    EXPECT_EQ(mode(), "delete");
  }
  EXPECT_EQ(mode(), "wal");
}

TEST(BulkJournalModeTest, StaysInWalWhenAnotherConnectionHasTheFileOpen) {
  auto t = testing::OpenTestDb(Backend::kSqlite, 2);  // the pool holds two open connections
  {
    BulkJournalMode journal(*t.db);
    soci::session s(t.db->pool());
    std::string m;
    s << "PRAGMA journal_mode", soci::into(m);
    EXPECT_EQ(m, "wal");
    long long n = 0;
    s << "SELECT COUNT(*) FROM carriers", soci::into(n);
    EXPECT_EQ(n, 0);
  }
}

}  // namespace
}  // namespace incunet::storage
