// Statistics on both databases: a hand-built network with known answers at the boundaries
// (a closed carrier, a team, an expired tech qualification, one starting after the date, a STAR
// firm never incubated), scope, the cache following every kind of write by patching (on this
// server and a second one) and equal to a rebuild from raw rows, and a province-scale demo loaded
// through the bulk path whose figures equal the ones computed from the generated network and keep
// the national proportions of DOMAIN.md.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/demo/loader.hpp"
#include "app/io/importer.hpp"
#include "app/stats/service.hpp"
#include "core/dates.hpp"
#include "core/uscc.hpp"
#include "domain/demo/facts.hpp"
#include "support/storage/test_db.hpp"

namespace incunet::storage {
namespace {

using testing::Backend;
namespace reg = domain::registry;
namespace st = domain::stats;
using domain::registry::Id;

const std::string kAsOf = "2024-12-31";

class StatsStorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = testing::OpenTestDb(GetParam());
    svc_ = std::make_unique<app::stats::StatsService>(*t_.store, core::SystemClock::Instance());
    Build();
  }

  // Writes through the repositories with one audit row, as every mutation does.
  void Write(const std::function<void(app::Tx&)>& fn) {
    auto st = t_.store->Write([&](app::Tx& tx) -> core::Status {
      fn(tx);
      tx.audit().Append({"test", 0, "test.write", "test", "x", "", "{}", ""},
                        "2025-01-01T00:00:00Z");
      return {};
    });
    ASSERT_TRUE(st.has_value()) << st.error().message_en;
  }

  reg::Carrier Carrier(const std::string& kind, const std::string& region, const char* founded,
                       std::optional<std::string> closed = std::nullopt) {
    reg::Carrier c;
    c.kind = kind;
    c.name = kind + region;
    c.operator_uscc = core::MakeUscc("91" + region + fmt::format("{:09}", ++serial_));
    c.region_code = region;
    c.founded_on = founded;
    c.closed_on = closed;
    c.created_at = c.updated_at = "2025-01-01T00:00:00Z";
    return c;
  }
  reg::Enterprise Firm(bool team, int employees, const std::string& region = "440305") {
    reg::Enterprise e;
    e.name = fmt::format("企业{}", ++serial_);
    if (!team) e.uscc = core::MakeUscc("91" + region + fmt::format("{:09}", ++serial_));
    e.is_team = team;
    e.region_code = region;
    e.employees = employees;
    e.created_at = e.updated_at = "2025-01-01T00:00:00Z";
    return e;
  }
  void Stay(app::Tx& tx, Id e, Id c, const char* admitted, const char* state,
            std::optional<std::string> ended = std::nullopt) {
    reg::Incubation i;
    i.enterprise_id = e;
    i.carrier_id = c;
    i.state = state;
    i.applied_on = admitted;
    i.admitted_on = i.started_on = std::string(admitted);
    i.ended_on = ended;
    if (ended) i.end_reason = state;
    tx.incubations().Insert(i);
  }
  void Sql(const std::string& sql) {
    soci::session s(t_.db->pool());
    s << sql;
  }

  void Build() {
    Write([&](app::Tx& tx) {
      auto c1 = Carrier("incubator", "440305", "2010-01-01");
      c1.recognitions.push_back({0, 0, "44", "provincial", "2015-01-01", std::nullopt, ""});
      c1_ = tx.carriers().Insert(c1);
      auto c2 = Carrier("makerspace", "440306", "2016-01-01", std::string("2020-06-30"));
      c2_ = tx.carriers().Insert(c2);
      auto c3 = Carrier("incubator", "110108", "1999-05-01");
      c3.overseas_sites.push_back({"US", "Boston"});
      c3_ = tx.carriers().Insert(c3);

      auto e1 = Firm(false, 10);
      e1.qualifications.push_back({"tech_sme", "2019-01-01", std::string("2019-12-31")});
      e1.listings.push_back({"star", "688001", "2022-05-01"});
      Id e1_id = tx.enterprises().Insert(e1);
      Stay(tx, e1_id, c1_, "2018-03-01", "graduated", std::string("2021-03-01"));
      auto e2 = Firm(true, 3);
      e2.qualifications.push_back({"tech_sme", "2023-06-01", std::nullopt});  // a team: not counted
      e2_ = tx.enterprises().Insert(e2);
      Stay(tx, e2_, c1_, "2023-01-01", "incubating");
      auto e3 = Firm(false, 8, "440306");
      e3_ = tx.enterprises().Insert(e3);
      Stay(tx, e3_, c2_, "2017-01-01", "exited", std::string("2020-06-30"));
      auto e4 = Firm(false, 900);  // STAR-listed, never incubated
      e4.listings.push_back({"star", "688002", "2020-01-01"});
      e4_ = tx.enterprises().Insert(e4);
      auto e5 = Firm(false, 5, "110108");
      e5.qualifications.push_back({"high_tech", "2025-02-01", std::nullopt});
      e5_ = tx.enterprises().Insert(e5);
      Stay(tx, e5_, c3_, "2024-06-01", "incubating");
      e1_ = e1_id;
    });
    Sql(
        fmt::format("INSERT INTO financings(enterprise_id, round, amount_fen, financed_on) VALUES "
                    "({}, 'angel', 300000000, '2019-06-01')",
                    e1_));
    Sql(
        fmt::format("INSERT INTO events(carrier_id, held_on, title, kind, is_public) VALUES "
                    "({0}, '2024-05-01', '路演', 'roadshow', 1), ({0}, '2024-05-02', '沙龙', "
                    "'salon', 0), ({0}, '2023-05-01', '培训', 'training', 1), ({1}, "
                    "'2024-10-01', '大赛', 'competition', 1)",
                    c1_, c3_));
  }

  app::Actor RegionAdmin(const std::string& prefix) {
    return {42, "admin", app::Role::kRegionAdmin, app::Scope::Region(prefix)};
  }

  testing::TestDb t_;
  std::unique_ptr<app::stats::StatsService> svc_;
  int serial_ = 0;
  Id c1_ = 0, c2_ = 0, c3_ = 0, e1_ = 0, e2_ = 0, e3_ = 0, e4_ = 0, e5_ = 0;
};

TEST_P(StatsStorageTest, NationalFiguresFromRawRows) {
  auto s = svc_->GetSummary(app::Actor::PublicVisitor(), "", kAsOf);
  ASSERT_TRUE(s.has_value()) << s.error().message_en;
  const st::Figures& n = s->figures;
  EXPECT_EQ(s->region.code, "100000");
  EXPECT_EQ(n.carriers, 2);  // the makerspace closed in 2020
  EXPECT_EQ(n.by_kind[st::kIncubator], 2);
  EXPECT_EQ(n.by_tier[st::kProvincial], 1);
  EXPECT_EQ(n.covered_units, 2);
  EXPECT_GT(n.coverage_units, 2800);
  EXPECT_EQ(n.tech_enterprises, 1);  // e1 (expired); not e5 (2025), not the team
  EXPECT_EQ(n.incubatees, 1);
  EXPECT_EQ(n.teams, 1);
  EXPECT_EQ(n.jobs, 5 + 3);
  EXPECT_EQ(n.listed, 1);
  EXPECT_EQ(n.star_incubated, 1);
  EXPECT_EQ(n.star_all, 2);
  EXPECT_EQ(n.events, 3);
  EXPECT_EQ(n.events_prev_year, 1);
  EXPECT_EQ(n.overseas_countries, 1);
  EXPECT_EQ(st::DayToString(n.earliest_founded), "1999-05-01");
  EXPECT_EQ(n.admitted, 4);
  EXPECT_EQ(n.financed, 1);
  EXPECT_EQ(n.graduated, 1);
  // The year before: the makerspace was still open and e3 still incubated there.
  EXPECT_EQ(s->previous_as_of, "2023-12-31");
  auto y2019 = svc_->GetSummary(app::Actor::PublicVisitor(), "", "2019-12-31");
  ASSERT_TRUE(y2019.has_value());
  EXPECT_EQ(y2019->figures.carriers, 3);
  EXPECT_EQ(y2019->figures.incubatees, 2);
  EXPECT_EQ(y2019->figures.tech_enterprises, 1);
}

// The default window and the cache audience are the service's decisions, by its clock.
TEST_P(StatsStorageTest, SeriesWindowDefaultsToTenYearsEndingThisChinaYear) {
  // 2026-12-31 16:30 UTC is already 2027-01-01 in China.
  core::FixedClock clock(std::chrono::sys_days(std::chrono::year(2026) / 12 / 31) +
                         std::chrono::hours(16) + std::chrono::minutes(30));
  app::stats::StatsService svc(*t_.store, clock);
  EXPECT_EQ(svc.Today(), "2027-01-01");
  EXPECT_EQ(svc.SeriesWindow(std::nullopt, std::nullopt), std::make_pair(2018, 2027));
  EXPECT_EQ(svc.SeriesWindow(std::nullopt, 2020), std::make_pair(2011, 2020));
  EXPECT_EQ(svc.SeriesWindow(2015, std::nullopt), std::make_pair(2015, 2027));
  clock.Advance(-std::chrono::hours(1));
  EXPECT_EQ(svc.SeriesWindow(std::nullopt, std::nullopt).second, 2026);

  using K = app::Scope::Kind;
  app::Actor visitor, national, region, op;
  visitor.scope = app::Scope::Public();
  national.scope.kind = K::kNational;
  region.scope = app::Scope::Region("4403");
  op.user_id = 7;
  op.scope.kind = K::kCarriers;
  op.scope.carrier_ids = {1};
  EXPECT_EQ(app::stats::StatsService::AudienceKey(visitor), "p");
  EXPECT_EQ(app::stats::StatsService::AudienceKey(national), "n");
  EXPECT_EQ(app::stats::StatsService::AudienceKey(region), "r4403");
  EXPECT_EQ(app::stats::StatsService::AudienceKey(op), "u7");
}

TEST_P(StatsStorageTest, ProvincesAndScope) {
  auto gd = svc_->GetSummary(app::Actor::PublicVisitor(), "440000", kAsOf);
  ASSERT_TRUE(gd.has_value());
  EXPECT_EQ(gd->figures.carriers, 1);
  EXPECT_EQ(gd->figures.star_all, 2);  // e1 incubated in 44, e4 seated in 44
  EXPECT_EQ(gd->figures.teams, 1);
  EXPECT_EQ(gd->figures.jobs, 3);
  auto bj = svc_->GetSummary(app::Actor::PublicVisitor(), "110000", kAsOf);
  ASSERT_TRUE(bj.has_value());
  EXPECT_EQ(bj->figures.incubatees, 1);
  EXPECT_EQ(bj->figures.star_all, 0);

  // Cities and counties: not for visitors; for a logged-in user only inside the scope.
  auto city = svc_->GetSummary(app::Actor::PublicVisitor(), "440300", kAsOf);
  ASSERT_FALSE(city.has_value());
  EXPECT_EQ(city.error().code, core::ErrorCode::kUnauthenticated);
  auto sz = RegionAdmin("4403");
  EXPECT_TRUE(svc_->GetSummary(sz, "440300", kAsOf).has_value());
  auto county = svc_->GetSummary(sz, "440306", kAsOf);
  ASSERT_TRUE(county.has_value());
  EXPECT_EQ(county->figures.carriers, 0);
  EXPECT_EQ(county->figures.coverage_units, 1);
  auto other = svc_->GetSummary(sz, "110108", kAsOf);
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, core::ErrorCode::kForbidden);
  EXPECT_EQ(svc_->GetSummary(sz, "999999", kAsOf).error().code, core::ErrorCode::kNotFound);

  auto provinces = svc_->ByRegion(app::Actor::PublicVisitor(), "", kAsOf);
  ASSERT_TRUE(provinces.has_value());
  EXPECT_GE(provinces->items.size(), 31u);
  std::int64_t sum = 0;
  for (const auto& i : provinces->items) sum += i.figures.carriers;
  EXPECT_EQ(sum, 2);
  EXPECT_EQ(svc_->ByRegion(app::Actor::PublicVisitor(), "440000", kAsOf).error().code,
            core::ErrorCode::kUnauthenticated);
  auto cities = svc_->ByRegion(sz, "440000", kAsOf);
  ASSERT_TRUE(cities.has_value());
  ASSERT_EQ(cities->items.size(), 1u);  // only 深圳 of 广东's cities is in scope
  EXPECT_EQ(cities->items[0].region.code, "440300");
  EXPECT_EQ(cities->items[0].figures.carriers, 1);

  // Carrier view: its operator, or a region admin covering it.
  app::Actor op{7, "op", app::Role::kCarrierOperator, {app::Scope::Kind::kCarriers, "", {c1_}, {}}};
  auto mine = svc_->ForCarrier(op, c1_, kAsOf);
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->figures.admitted, 2);
  EXPECT_EQ(mine->figures.teams, 1);
  EXPECT_EQ(mine->figures.events, 2);
  EXPECT_EQ(svc_->ForCarrier(op, c3_, kAsOf).error().code, core::ErrorCode::kForbidden);
  EXPECT_EQ(svc_->ForCarrier(app::Actor::PublicVisitor(), c1_, kAsOf).error().code,
            core::ErrorCode::kUnauthenticated);
  EXPECT_TRUE(svc_->ForCarrier(sz, c2_, kAsOf).has_value());
}

// The live figures of `svc` against ComputeCube on facts read from the raw rows just now: the
// nation, every province, the cities and counties of the test's writes, the year before and every
// carrier, on dates the cache holds (patched cubes) and on one it does not (patched facts).
void ExpectLiveEqualsRebuild(app::stats::StatsService& svc, app::Store& store,
                             const std::string& what) {
  SCOPED_TRACE(what);
  st::Facts f;
  store.Read([&](app::Tx& tx) { f = tx.stats().LoadFacts(); });
  for (const char* day : {"2019-12-31", "2022-12-31", "2024-12-31", "2025-06-30"}) {
    SCOPED_TRACE(day);
    auto cube = st::ComputeCube(f, st::ParseDay(day));
    auto prev = st::ComputeCube(f, st::ParseDay(core::Date::Parse(day)->AddYears(-1).ToString()));
    for (const char* parent : {"", "440000", "440300", "110000"}) {
      auto b = svc.ByRegion(app::Actor::Cli(), parent, day);
      ASSERT_TRUE(b.has_value()) << b.error().message_en;
      EXPECT_EQ(b->parent_figures, cube.regions[f.FindRegion(parent)]) << parent;
      ASSERT_FALSE(b->items.empty());
      for (const auto& i : b->items)
        EXPECT_EQ(i.figures, cube.regions[f.FindRegion(i.region.code)]) << i.region.code;
    }
    for (const char* code : {"", "440305", "440306", "110108"}) {
      auto s = svc.GetSummary(app::Actor::Cli(), code, day);
      ASSERT_TRUE(s.has_value());
      EXPECT_EQ(s->figures, cube.regions[f.FindRegion(code)]) << code;
      EXPECT_EQ(s->previous, prev.regions[f.FindRegion(code)]) << code << " " << s->previous_as_of;
      EXPECT_EQ(*svc.Rebuild(code, day), s->figures) << code;
    }
    for (std::size_t ci = 0; ci < f.carriers.size(); ++ci) {
      auto c = svc.ForCarrier(app::Actor::Cli(), f.carriers[ci].id, day);
      ASSERT_TRUE(c.has_value());
      EXPECT_EQ(c->figures, st::ComputeCarrier(f, static_cast<std::int32_t>(ci), st::ParseDay(day)))
          << f.carriers[ci].id;
    }
  }
}

TEST_P(StatsStorageTest, CacheFollowsEveryKindOfWriteAndEqualsARebuild) {
  auto first = svc_->GetSummary(app::Actor::Cli(), "", kAsOf);
  auto again = svc_->GetSummary(app::Actor::Cli(), "", kAsOf);
  ASSERT_TRUE(first && again);
  EXPECT_EQ(svc_->loads(), 1);  // the second read came from the cache
  EXPECT_EQ(*svc_->Rebuild("", kAsOf), again->figures);
  // A second server on the same database: its own cache, warmed now, must follow the writes too.
  app::stats::StatsService other(*t_.store, core::SystemClock::Instance());
  ExpectLiveEqualsRebuild(*svc_, *t_.store, "initial");
  ExpectLiveEqualsRebuild(other, *t_.store, "initial, second server");
  EXPECT_EQ(svc_->patches(), 0);

  std::int64_t patches = 0;
  auto check = [&](const std::string& what, const std::function<void()>& write) {
    std::int64_t gen = svc_->Generation();
    write();
    EXPECT_GT(svc_->Generation(), gen) << what;
    ExpectLiveEqualsRebuild(*svc_, *t_.store, what);
    // Read in full once, then patched once per write: the cache followed without a full read.
    EXPECT_EQ(svc_->loads(), 1) << what;
    EXPECT_EQ(svc_->patches(), ++patches) << what;
  };

  Id added_carrier = 0;
  check("carrier added", [&] {
    Write([&](app::Tx& tx) {
      auto c = Carrier("accelerator", "440306", "2021-01-01");
      added_carrier = tx.carriers().Insert(c);
    });
  });
  EXPECT_EQ(svc_->GetSummary(app::Actor::Cli(), "", kAsOf)->figures.carriers, 3);
  check("carrier edited (reopened, founded earlier)", [&] {
    Sql(fmt::format("UPDATE carriers SET founded_on = '2005-01-01', closed_on = NULL WHERE id = {}",
                    c2_));
  });
  check("carrier moved to another county (its stays move with it)",
        [&] { Sql(fmt::format("UPDATE carriers SET region_code = '110108' WHERE id = {}", c1_)); });
  check("carrier deleted",
        [&] { Sql(fmt::format("DELETE FROM carriers WHERE id = {}", added_carrier)); });
  check("recognition added", [&] {
    Sql(
        fmt::format("INSERT INTO recognitions(carrier_id, authority, level, valid_from) VALUES "
                    "({}, '科技部', 'national', '2020-01-01')",
                    c3_));
  });
  check("overseas site added", [&] {
    Sql(
        fmt::format("INSERT INTO overseas_sites(carrier_id, country_code, city) VALUES ({}, 'DE', "
                    "'Berlin')",
                    c1_));
  });
  check("event added", [&] {
    Sql(
        fmt::format("INSERT INTO events(carrier_id, held_on, title) VALUES ({}, '2024-03-01', "
                    "'路演')",
                    c2_));
  });
  Id newcomer = 0;
  check("stay admitted (new enterprise)", [&] {
    Write([&](app::Tx& tx) {
      auto e = Firm(false, 12, "440306");
      newcomer = tx.enterprises().Insert(e);
      Stay(tx, newcomer, c2_, "2024-02-01", "incubating");
    });
  });
  check("stay graduated", [&] {
    Sql(
        fmt::format("UPDATE incubations SET state = 'graduated', ended_on = '2024-11-30', "
                    "end_reason = 'graduated' WHERE enterprise_id = {}",
                    e5_));
  });
  check("listing added", [&] {
    Sql(
        fmt::format("INSERT INTO listings(enterprise_id, board, code, listed_on) VALUES ({}, "
                    "'star', '688003', '2024-03-01')",
                    e3_));
  });
  check("qualification added", [&] {
    Sql(
        fmt::format("INSERT INTO qualifications(enterprise_id, kind, valid_from) VALUES ({}, "
                    "'high_tech', '2018-01-01')",
                    newcomer));
  });
  check("financing added", [&] {
    Sql(
        fmt::format("INSERT INTO financings(enterprise_id, round, financed_on) VALUES ({}, 'A', "
                    "'2024-05-01')",
                    newcomer));
  });
  check("enterprise edited (employees, seat)", [&] {
    Sql(fmt::format("UPDATE enterprises SET employees = 50, region_code = '110108' WHERE id = {}",
                    e4_));
  });
  check("stay deleted",
        [&] { Sql(fmt::format("DELETE FROM incubations WHERE enterprise_id = {}", e3_)); });
  check("import job (1,000 enterprises and their stays in one transaction)", [&] {
    Write([&](app::Tx& tx) {
      for (int k = 0; k < 1000; ++k) {
        auto firm = Firm(k % 7 == 0, k % 40, k % 2 ? "440305" : "110108");
        Id e = tx.enterprises().Insert(firm);
        Stay(tx, e, k % 3 ? c1_ : c3_, k % 5 ? "2022-04-01" : "2025-01-15",
             k % 4 ? "incubating" : "graduated",
             k % 4 ? std::nullopt : std::optional<std::string>("2024-12-01"));
      }
    });
  });
  // The bulk importer keeps the change log itself (on SQLite it defers the row triggers to one
  // statement per job): new rows, updated rows and their stays are all seen.
  std::string c1_code;
  t_.store->Read(
      [&](app::Tx& tx) { c1_code = tx.carriers().Find(app::Scope::National(), c1_)->code; });
  auto import = [&](const std::string& entity, const std::string& csv) {
    app::io::ImportRequest req;
    req.entity = entity;
    auto src = app::io::StringSource(csv);
    auto job = app::io::RunImport(*t_.store, *src, app::Actor::Cli(), req, {},
                                  core::SystemClock::Instance());
    ASSERT_EQ(job.status, "succeeded") << entity << ": " << job.message_en;
  };
  const std::string firms_header =
      "统一社会信用代码,企业名称,是否创业团队,团队所属载体编码,成立日期,所在区县代码,行业代码,"
      "技术领域,从业人员数\n";
  std::string
      firms = firms_header,
      stays =
          "企业统一社会信用代码,团队名称,团队所属载体编码,载体编码,孵化状态,申请日期,录取日期,"
          "入孵日期,结束日期,结束原因,占用面积（平方米）\n";
  std::vector<std::string> usccs;
  for (int k = 0; k < 30; ++k) {
    usccs.push_back(core::MakeUscc(fmt::format("91440305{:09}", 700000 + k)));
    firms +=
        fmt::format("{},导入企业{},否,,2020-01-01,440305,,电子信息,{}\n", usccs.back(), k, 3 + k);
    stays +=
        fmt::format("{},,,{},{},2021-03-01,2021-04-01,2021-04-01,{},{},50\n", usccs.back(), c1_code,
                    k % 3 ? "在孵" : "已毕业", k % 3 ? "" : "2024-06-30", k % 3 ? "" : "毕业");
  }
  auto count_triggers = [&] {  // SQLite: the row triggers the importer drops for a job
    soci::session ss(t_.db->pool());
    long long v = -1;
    if (GetParam() == Backend::kSqlite)
      ss << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stats_%'",
          soci::into(v);
    return static_cast<std::int64_t>(v);
  };
  std::int64_t triggers = count_triggers();
  check("import job of enterprises (bulk importer)", [&] { import("enterprises", firms); });
  check("import job of their stays (bulk importer)", [&] { import("incubations", stays); });
  std::string changed = firms_header;
  for (int k = 0; k < 30; k += 2)
    changed += fmt::format("{},导入企业{},否,,2020-01-01,{},,电子信息,{}\n", usccs[k], k,
                           k % 4 ? "440305" : "110108", 100 + k);
  check("import job updating enterprises (bulk importer)", [&] { import("enterprises", changed); });
  EXPECT_EQ(count_triggers(), triggers);  // the deferred triggers are back
  check("enterprise deleted", [&] {
    Sql(fmt::format("DELETE FROM listings WHERE enterprise_id = {}", e4_));
    Sql(fmt::format("DELETE FROM enterprises WHERE id = {}", e4_));
  });
  ExpectLiveEqualsRebuild(other, *t_.store, "second server after every write");
  EXPECT_EQ(other.loads(), 1);
  EXPECT_GE(other.patches(), 1);
}

INSTANTIATE_TEST_SUITE_P(Both, StatsStorageTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

// The `province` demo through the bulk loader: what the database gives back is what was
// generated, and it keeps DOMAIN.md's national proportions at a tenth of the size.
class ProvinceDemoTest : public ::testing::TestWithParam<Backend> {};

TEST_P(ProvinceDemoTest, LoadsAndKeepsTheNationalProportions) {
  auto t = testing::OpenTestDb(GetParam());
  const auto& regions = core::BuiltinRegions();
  auto net = domain::demo::GenerateDemo({"province", 7, "2025-12-31"}, regions);
  app::identity::IdentityService ids(*t.store, core::SystemClock::Instance(),
                                     app::identity::HashParams::Fast());
  std::size_t last = 0;
  auto rep = app::demo::LoadDemo(*t.store, core::SystemClock::Instance(), ids, net, "2025-12-31",
                                 [&](std::size_t done, std::size_t) { last = done; });
  ASSERT_TRUE(rep.has_value()) << rep.error().message_en;
  EXPECT_EQ(last, net.carriers.size() + net.enterprises.size() + net.incubations.size() +
                      net.events.size() + net.financings.size());
  EXPECT_EQ(rep->accounts.size(), 7u);
  {
    soci::session s(t.db->pool());
    long long audits = 0;
    s << "SELECT COUNT(*) FROM audit_log WHERE action = 'demo.load'", soci::into(audits);
    EXPECT_EQ(audits, 1);
    long long mi = 0;
    s << "SELECT COUNT(*) FROM carriers WHERE name = '小米谷仓智能硬件孵化器' AND tier = "
         "'national'",
        soci::into(mi);
    EXPECT_EQ(mi, 1);
  }
  // A second load is refused.
  EXPECT_EQ(app::demo::LoadDemo(*t.store, core::SystemClock::Instance(), ids, net, "2025-12-31", {})
                .error()
                .id,
            "demo_present");

  app::stats::StatsService svc(*t.store, core::SystemClock::Instance());
  auto generated = domain::demo::FactsOf(net, regions);
  for (const char* day : {"2019-12-31", "2024-12-31", "2025-06-30"}) {
    auto cube = st::ComputeCube(generated, st::ParseDay(day));
    for (const char* code : {"", "440000", "320000", "110106"}) {
      auto live = svc.GetSummary(app::Actor::Cli(), code, day);
      ASSERT_TRUE(live.has_value());
      EXPECT_EQ(live->figures, cube.regions[generated.FindRegion(code)]) << code << " " << day;
    }
  }
  for (const auto& c : svc.CheckTargets(domain::demo::ScaleFactor("province")))
    EXPECT_TRUE(c.ok) << c.target.key << ": " << c.actual << " not in [" << c.low << ", " << c.high
                      << "]";
}

INSTANTIATE_TEST_SUITE_P(Both, ProvinceDemoTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace incunet::storage
