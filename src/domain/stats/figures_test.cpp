// The figure definitions on a hand-built network whose answers are worked out by hand, with the
// boundaries that matter: a closed carrier, a stay admitted or ended on the as-of date, an
// expired tech qualification (still "held"), one starting after the date, a team holding one
// (teams are not registered), an enterprise incubated twice, and a STAR firm never incubated;
// and random writes patched into facts and cubes against a recompute from the rows.
#include "domain/stats/figures.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "domain/registry/rules.hpp"
#include "domain/stats/targets.hpp"

namespace incunet::domain::stats {
namespace {

Day D(const char* s) { return ParseDay(s); }

class FiguresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto region = [&](const char* code, std::int32_t parent, const char* level, bool unit) {
      f_.regions.push_back({code, code, level, parent, unit});
    };
    region("100000", -1, "national", false);  // 0
    region("440000", 0, "province", false);   // 1
    region("440300", 1, "city", false);       // 2
    region("440305", 2, "county", true);      // 3
    region("440306", 2, "county", true);      // 4
    region("110000", 0, "province", false);   // 5
    region("110108", 5, "county", true);      // 6
    f_.countries = {"US"};

    CarrierFact c0{10, kIncubator, 3, D("2010-01-01"), kNever, {}, {}};
    c0.recognitions = {{kProvincial, D("2015-01-01"), kNever},
                       {kNational, D("2018-01-01"), D("2022-12-31")}};
    CarrierFact c1{11, kMakerspace, 4, D("2016-01-01"), D("2020-06-30"), {}, {}};
    c1.recognitions = {{kMakerspaceFiling, D("2017-01-01"), kNever}};
    CarrierFact c2{12, kIncubator, 6, D("1987-06-07"), kNever, {}, {0}};
    f_.carriers = {c0, c1, c2};

    auto ent = [&](bool registered, bool team, int employees) {
      EnterpriseFact e;
      e.id = static_cast<std::int64_t>(f_.enterprises.size()) + 100;
      e.registered = registered;
      e.team = team;
      e.employees = employees;
      f_.enterprises.push_back(e);
      return &f_.enterprises.back();
    };
    auto* e0 = ent(true, false, 10);
    e0->tech_since = D("2019-01-01");  // tech_sme 2019-2021: expired, still held
    e0->listed_since = e0->star_since = D("2022-05-01");
    e0->financed_since = D("2019-06-01");
    ent(false, true, 3);                                // e1: a team at the makerspace
    ent(true, false, 5)->tech_since = D("2025-01-01");  // e2: high_tech only after 2024
    auto* e3 = ent(true, false, 50);                    // e3: STAR, never incubated
    e3->listed_since = e3->star_since = D("2020-01-01");
    e3->seat = 3;
    ent(true, false, 7)->tech_since = D("2016-01-01");  // e4: incubated twice
    ent(false, true, 4)->tech_since = D("2020-01-01");  // e5: a team (not registered)

    f_.stays = {
        {0, 0, D("2018-03-01"), D("2021-03-01"), true},
        {1, 1, D("2017-01-01"), D("2020-06-30"), false},
        {2, 0, D("2024-12-31"), kNever, false},  // admitted on the as-of date: active
        {4, 2, D("2015-01-01"), D("2016-12-31"), false},
        {4, 0, D("2017-01-01"), D("2024-12-31"), true},  // ended on the as-of date: not active
        {5, 2, D("2023-05-01"), kNever, false},
        {5, 2, kNever, kNever, false},  // an application never admitted: ignored
    };
    f_.events = {{0, 2024, 5}, {0, 2023, 3}, {1, 2019, 2}, {2, 2024, 1}};
    f_.Index();
  }
  Facts f_;
};

TEST_F(FiguresTest, NationalAtTheEndOf2024) {
  Cube cube = ComputeCube(f_, D("2024-12-31"));
  const Figures& n = cube.regions[0];
  EXPECT_EQ(n.carriers, 2);  // the makerspace closed in 2020
  EXPECT_EQ(n.by_kind[kIncubator], 2);
  EXPECT_EQ(n.by_kind[kMakerspace], 0);
  EXPECT_EQ(n.by_tier[kProvincial], 1);  // national recognition expired 2022-12-31
  EXPECT_EQ(n.by_tier[kNational], 0);
  EXPECT_EQ(n.by_tier[kTierNone], 1);
  EXPECT_EQ(n.makerspace_filed, 0);
  EXPECT_EQ(n.coverage_units, 3);
  EXPECT_EQ(n.covered_units, 2);
  EXPECT_EQ(n.tech_enterprises, 2);  // e0 (expired) and e4 once; not e2 (2025), not team e5
  EXPECT_EQ(n.incubatees, 1);        // e2 admitted on the day; e4 ended on the day
  EXPECT_EQ(n.teams, 1);
  EXPECT_EQ(n.jobs, 5 + 4);
  EXPECT_EQ(n.listed, 1);  // e3 is listed but was never incubated
  EXPECT_EQ(n.star_incubated, 1);
  EXPECT_EQ(n.star_all, 2);
  EXPECT_DOUBLE_EQ(n.StarShare(), 0.5);
  EXPECT_EQ(n.events_year, 2024);
  EXPECT_EQ(n.events, 6);
  EXPECT_EQ(n.events_prev_year, 3);
  EXPECT_EQ(n.overseas_countries, 1);
  EXPECT_EQ(DayToString(n.earliest_founded), "1987-06-07");
  EXPECT_EQ(n.admitted, 5);
  EXPECT_EQ(n.financed, 1);
  EXPECT_EQ(n.graduated, 2);
}

TEST_F(FiguresTest, RegionsCountDistinctEnterprisesWhereTheyWereIncubated) {
  Cube cube = ComputeCube(f_, D("2024-12-31"));
  const Figures& gd = cube.regions[1];
  const Figures& bj = cube.regions[5];
  EXPECT_EQ(gd.tech_enterprises, 2);  // e0, e4 at c0
  EXPECT_EQ(bj.tech_enterprises, 1);  // e4's first stay at c2
  EXPECT_EQ(gd.star_all, 2);          // e0 incubated in 44, e3 seated in 44
  EXPECT_EQ(bj.star_all, 0);
  EXPECT_EQ(gd.coverage_units, 2);
  EXPECT_EQ(gd.covered_units, 1);
  EXPECT_EQ(cube.regions[4].covered_units, 0);  // 440306's only carrier has closed
  EXPECT_EQ(bj.teams, 1);
  EXPECT_EQ(bj.events, 1);
  EXPECT_EQ(gd.events, 5);
  // Children add up to the parent for additive figures.
  EXPECT_EQ(gd.carriers + bj.carriers, cube.regions[0].carriers);
  EXPECT_EQ(gd.jobs + bj.jobs, cube.regions[0].jobs);
}

TEST_F(FiguresTest, EarlierYearEnd) {
  Cube cube = ComputeCube(f_, D("2019-12-31"));
  const Figures& n = cube.regions[0];
  EXPECT_EQ(n.carriers, 3);
  EXPECT_EQ(n.by_tier[kNational], 1);
  EXPECT_EQ(n.makerspace_filed, 1);
  EXPECT_EQ(n.incubatees, 2);  // e0, e4
  EXPECT_EQ(n.teams, 1);       // e1
  EXPECT_EQ(n.jobs, 10 + 7 + 3);
  EXPECT_EQ(n.tech_enterprises, 2);
  EXPECT_EQ(n.star_all, 0);  // e3 listed in 2020
  EXPECT_EQ(n.events_year, 2019);
  EXPECT_EQ(n.events, 2);  // held by the makerspace before it closed
  EXPECT_EQ(n.covered_units, 3);
  // A date that is not a year end: the latest full year is the one before.
  EXPECT_EQ(ComputeCube(f_, D("2025-06-30")).regions[0].events_year, 2024);
}

TEST_F(FiguresTest, CarrierLevel) {
  Figures c0 = ComputeCarrier(f_, 0, D("2024-12-31"));
  EXPECT_EQ(c0.carriers, 1);
  EXPECT_EQ(c0.by_tier[kProvincial], 1);
  EXPECT_EQ(c0.admitted, 3);  // e0, e2, e4
  EXPECT_EQ(c0.tech_enterprises, 2);
  EXPECT_EQ(c0.incubatees, 1);
  EXPECT_EQ(c0.graduated, 2);
  EXPECT_EQ(c0.listed, 1);
  EXPECT_EQ(c0.events, 5);
  Figures c1 = ComputeCarrier(f_, 1, D("2024-12-31"));
  EXPECT_EQ(c1.carriers, 0);
  EXPECT_EQ(c1.covered_units, 0);
  EXPECT_EQ(c1.admitted, 1);
  EXPECT_EQ(f_.FindCarrier(12), 2);
  EXPECT_EQ(f_.FindRegion(""), 0);
  EXPECT_EQ(f_.FindRegion("440306"), 4);
  EXPECT_EQ(f_.FindRegion("999999"), -1);
}

TEST(TierOnTest, AgreesWithRegistryCurrentTier) {
  std::vector<registry::Recognition> recs = {
      {0, 0, "44", "provincial", "2015-01-01", std::nullopt, ""},
      {0, 0, "MOST", "national", "2018-01-01", std::string("2022-12-31"), ""},
      {0, 0, "MIIT", "standard", "2025-08-01", std::nullopt, ""},
      {0, 0, "MOST", "makerspace_filing", "2016-01-01", std::nullopt, ""}};
  CarrierFact c;
  for (const auto& r : recs)
    c.recognitions.push_back({ParseRecognitionLevel(r.level), ParseDay(r.valid_from),
                              r.valid_to ? ParseDay(*r.valid_to) : kNever});
  for (const char* d :
       {"2014-12-31", "2015-01-01", "2018-01-01", "2022-12-31", "2023-01-01", "2025-08-01"})
    EXPECT_EQ(kTierNames[TierOn(c, ParseDay(d))], registry::CurrentTier(recs, d)) << d;
  EXPECT_TRUE(FiledOn(c, ParseDay("2016-01-01")));
  EXPECT_FALSE(FiledOn(c, ParseDay("2015-12-31")));
}

TEST(DaysTest, ParseAndPrint) {
  EXPECT_EQ(ParseDay("1970-01-01"), 0);
  EXPECT_EQ(DayToString(ParseDay("2024-02-29")), "2024-02-29");
  EXPECT_EQ(ParseDay("2023-02-29"), kNever);
  EXPECT_EQ(ParseDay(""), kNever);
  EXPECT_EQ(ParseDay("2024-1-01"), kNever);
  EXPECT_EQ(YearOf(YearEnd(2023)), 2023);
  EXPECT_EQ(LatestFullYear(ParseDay("2024-12-30")), 2023);
}

TEST(TargetsTest, ToleranceBandsAndScaling) {
  Figures f;
  f.carriers = 16700;           // +4.4%: within ±5%
  f.tech_enterprises = 346000;  // more than 15% above 300,000
  auto checks = CheckTargets([&](const std::string&, Day) { return f; }, 1.0);
  bool saw_carriers = false, saw_tech = false, saw_countries = false;
  for (const auto& c : checks) {
    if (c.target.key == "carriers_2023") saw_carriers = c.ok;
    if (c.target.key == "tech_enterprises") saw_tech = !c.ok && c.high == 345000;
    if (c.target.key == "countries") saw_countries = true;
  }
  EXPECT_TRUE(saw_carriers);
  EXPECT_TRUE(saw_tech);
  EXPECT_TRUE(saw_countries);
  f.carriers = 1600;
  for (const auto& c : CheckTargets([&](const std::string&, Day) { return f; }, 0.1)) {
    EXPECT_NE(c.target.key, "countries");  // does not scale
    if (c.target.key == "carriers_2023") EXPECT_TRUE(c.ok);
  }
}

// Random writes against a small "database" of rows: after each round the patched facts and the
// patched cubes must equal facts built from the rows again and cubes computed from them, for
// every node, every carrier and several dates — including carriers that move region or vanish,
// enterprises that are added, edited or deleted, and buffers reused across rounds.
class PatchTest : public ::testing::Test {
 protected:
  struct Rows {
    std::map<std::int64_t, CarrierFact> carriers;  // countries index kCountries
    std::map<std::int64_t, EnterpriseFact> enterprises;
    std::vector<StayRow> stays;
    std::vector<EventRow> events;
  };
  const std::vector<std::string> kCountries = {"US", "DE", "JP", "SG"};
  const std::vector<std::int32_t> kSites = {3, 4, 6, -1};  // county nodes, and none

  std::vector<RegionNode> Regions() {
    return {{"100000", "全国", "national", -1, false}, {"440000", "广东", "province", 0, false},
            {"440300", "深圳", "city", 1, false},      {"440305", "南山", "county", 2, true},
            {"440306", "宝安", "county", 2, true},     {"110000", "北京", "province", 0, false},
            {"110108", "海淀", "county", 5, true}};
  }
  // What StatsRepo::LoadFacts would read from the rows.
  Facts Build(const Rows& r) {
    Facts f;
    f.regions = Regions();
    f.countries = kCountries;
    for (const auto& [id, c] : r.carriers) f.carriers.push_back(c);
    for (const auto& [id, e] : r.enterprises) f.enterprises.push_back(e);
    auto index = [](const auto& v, std::int64_t id) {
      for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i].id == id) return static_cast<std::int32_t>(i);
      return -1;
    };
    for (const auto& s : r.stays) {
      std::int32_t e = index(f.enterprises, s.enterprise_id), c = index(f.carriers, s.carrier_id);
      if (e >= 0 && c >= 0) f.stays.push_back({e, c, s.admitted, s.ended, s.graduated});
    }
    for (const auto& ev : r.events) {
      std::int32_t c = index(f.carriers, ev.carrier_id);
      if (c >= 0) f.events.push_back({c, ev.year, ev.count});
    }
    f.Index();
    return f;
  }
  // What StatsRepo::LoadCarriers and LoadEnterprises would read for the ids.
  void Fill(const Rows& r, FactsPatch& p, bool carriers) {
    if (carriers) {
      p.countries = kCountries;
      for (std::int64_t id : p.carrier_ids) {
        if (r.carriers.count(id)) p.carriers.push_back(r.carriers.at(id));
        for (const auto& ev : r.events)
          if (ev.carrier_id == id) p.events.push_back(ev);
      }
      return;
    }
    for (std::int64_t id : p.enterprise_ids) {
      if (r.enterprises.count(id)) p.enterprises.push_back(r.enterprises.at(id));
      for (const auto& s : r.stays)
        if (s.enterprise_id == id) p.stays.push_back(s);
    }
  }

  std::mt19937 rng_{20261127};
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  Day RandomDay() { return D("2012-01-01") + Pick(14 * 365); }
  Day MaybeNever() { return Pick(3) == 0 ? kNever : RandomDay(); }

  CarrierFact RandomCarrier(std::int64_t id) {
    CarrierFact c;
    c.id = id;
    c.kind = static_cast<std::uint8_t>(Pick(kCarrierKindCount + 1));
    c.region = kSites[Pick(static_cast<int>(kSites.size()))];
    c.founded = RandomDay() - 3000;
    c.closed = Pick(4) == 0 ? RandomDay() : kNever;
    for (int k = Pick(3); k > 0; --k)
      c.recognitions.push_back(
          {static_cast<std::uint8_t>(1 + Pick(kTierCount)), RandomDay(), MaybeNever()});
    for (int k = Pick(3); k > 0; --k)
      c.countries.push_back(static_cast<std::uint16_t>(Pick(static_cast<int>(kCountries.size()))));
    return c;
  }
  EnterpriseFact RandomEnterprise(std::int64_t id) {
    EnterpriseFact e;
    e.id = id;
    e.seat = kSites[Pick(static_cast<int>(kSites.size()))];
    e.registered = Pick(5) != 0;
    e.team = !e.registered;
    e.employees = Pick(60);
    e.tech_since = MaybeNever();
    e.listed_since = Pick(4) == 0 ? RandomDay() : kNever;
    e.star_since = e.listed_since != kNever && Pick(2) ? e.listed_since : kNever;
    e.financed_since = MaybeNever();
    return e;
  }
  StayRow RandomStay(std::int64_t enterprise, const Rows& r) {
    auto it = r.carriers.begin();
    std::advance(it, Pick(static_cast<int>(r.carriers.size())));
    Day admitted = Pick(8) == 0 ? kNever : RandomDay();
    Day ended = Pick(2) || admitted == kNever ? kNever : admitted + Pick(1500);
    return {enterprise, it->first, admitted, ended, ended != kNever && Pick(2) == 0};
  }
};

TEST_F(PatchTest, RandomWritesPatchToWhatARebuildComputes) {
  Rows rows;
  std::int64_t next_carrier = 1, next_enterprise = 1000;
  for (int i = 0; i < 12; ++i, ++next_carrier)
    rows.carriers[next_carrier] = RandomCarrier(next_carrier);
  for (int i = 0; i < 150; ++i, ++next_enterprise) {
    rows.enterprises[next_enterprise] = RandomEnterprise(next_enterprise);
    for (int k = Pick(3); k > 0; --k) rows.stays.push_back(RandomStay(next_enterprise, rows));
  }
  for (int i = 0; i < 30; ++i) rows.events.push_back({1 + Pick(12), 2018 + Pick(8), 1 + Pick(9)});

  const std::vector<Day> days = {D("2016-12-31"), D("2019-12-31"), D("2023-12-31"), D("2024-12-31"),
                                 D("2025-06-30")};
  auto facts = std::make_unique<Facts>(Build(rows));
  auto spare = std::make_unique<Facts>();
  std::vector<Cube> cubes;
  for (Day d : days) cubes.push_back(ComputeCube(*facts, d));

  for (int round = 0; round < 60; ++round) {
    SCOPED_TRACE(round);
    std::set<std::int64_t> cs, es;
    auto touch_enterprise = [&](std::int64_t id) { es.insert(id); };
    for (int w = 1 + Pick(4); w > 0; --w) {
      switch (Pick(9)) {
        case 0: {  // a carrier added
          std::int64_t id = next_carrier++;
          rows.carriers[id] = RandomCarrier(id);
          cs.insert(id);
          break;
        }
        case 1: {  // a carrier edited: closed, reopened, moved, recognitions, overseas sites
          auto it = rows.carriers.begin();
          std::advance(it, Pick(static_cast<int>(rows.carriers.size())));
          it->second = RandomCarrier(it->first);
          cs.insert(it->first);
          break;
        }
        case 2: {  // a carrier deleted, with its events and stays (whose enterprises changed)
          if (rows.carriers.size() < 4) break;
          auto it = rows.carriers.begin();
          std::advance(it, Pick(static_cast<int>(rows.carriers.size())));
          std::int64_t id = it->first;
          rows.carriers.erase(it);
          std::erase_if(rows.events, [&](const EventRow& e) { return e.carrier_id == id; });
          std::erase_if(rows.stays, [&](const StayRow& s) {
            if (s.carrier_id == id) touch_enterprise(s.enterprise_id);
            return s.carrier_id == id;
          });
          cs.insert(id);
          break;
        }
        case 3: {  // an event
          std::int64_t id = rows.carriers.begin()->first + Pick(3);
          if (!rows.carriers.count(id)) break;
          rows.events.push_back({id, 2022 + Pick(4), 1});
          cs.insert(id);
          break;
        }
        case 4: {  // an enterprise added with stays (an import job's row)
          std::int64_t id = next_enterprise++;
          rows.enterprises[id] = RandomEnterprise(id);
          for (int k = Pick(3); k > 0; --k) rows.stays.push_back(RandomStay(id, rows));
          touch_enterprise(id);
          break;
        }
        case 5: {  // an enterprise edited: seat, employees, qualification, listing, financing
          auto it = rows.enterprises.begin();
          std::advance(it, Pick(static_cast<int>(rows.enterprises.size())));
          it->second = RandomEnterprise(it->first);
          touch_enterprise(it->first);
          break;
        }
        case 6: {  // an enterprise deleted with its stays
          auto it = rows.enterprises.begin();
          std::advance(it, Pick(static_cast<int>(rows.enterprises.size())));
          std::int64_t id = it->first;
          rows.enterprises.erase(it);
          std::erase_if(rows.stays, [&](const StayRow& s) { return s.enterprise_id == id; });
          touch_enterprise(id);
          break;
        }
        case 7: {  // a stay admitted, graduated or ended
          if (rows.stays.empty()) break;
          StayRow& s = rows.stays[Pick(static_cast<int>(rows.stays.size()))];
          s.admitted = RandomDay();
          s.ended = Pick(2) ? kNever : s.admitted + Pick(900);
          s.graduated = s.ended != kNever && Pick(2);
          touch_enterprise(s.enterprise_id);
          break;
        }
        default: {  // a stay applied for at another carrier
          auto it = rows.enterprises.begin();
          std::advance(it, Pick(static_cast<int>(rows.enterprises.size())));
          rows.stays.push_back(RandomStay(it->first, rows));
          touch_enterprise(it->first);
        }
      }
    }
    FactsPatch p;
    p.carrier_ids.assign(cs.begin(), cs.end());
    Fill(rows, p, true);
    for (std::int64_t id : EnterprisesMovedWithCarriers(*facts, p)) es.insert(id);
    p.enterprise_ids.assign(es.begin(), es.end());
    Fill(rows, p, false);

    std::vector<std::int32_t> removed, added;
    ApplyPatch(*facts, p, *spare, removed, added);
    for (auto& cube : cubes) PatchCube(*facts, *spare, removed, added, !cs.empty(), cube);
    std::swap(facts, spare);  // the old facts become the next round's buffers

    Facts truth = Build(rows);
    ASSERT_EQ(facts->enterprises.size(), truth.enterprises.size());
    ASSERT_EQ(facts->carriers.size(), truth.carriers.size());
    EXPECT_EQ(facts->stays.size(), truth.stays.size());
    for (std::size_t k = 0; k < days.size(); ++k) {
      Cube want = ComputeCube(truth, days[k]);
      for (std::size_t n = 0; n < want.regions.size(); ++n)
        EXPECT_EQ(cubes[k].regions[n], want.regions[n]) << "node " << n << " day " << k;
      for (std::size_t ci = 0; ci < truth.carriers.size(); ++ci)
        EXPECT_EQ(ComputeCarrier(*facts, static_cast<std::int32_t>(ci), days[k]),
                  ComputeCarrier(truth, static_cast<std::int32_t>(ci), days[k]))
            << "carrier " << truth.carriers[ci].id;
    }
    if (HasFailure()) break;
  }
}

}  // namespace
}  // namespace incunet::domain::stats
