// The demo's annual returns through the bulk loader, on both databases: accepted returns for the
// past years with their review steps, the current year spread over the workflow, forms that agree
// with the loaded records, team names unique per carrier, and the standards engine reading a
// demo return.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <map>
#include <set>

#include "app/demo/loader.hpp"
#include "app/json_codec.hpp"
#include "app/standards/service.hpp"
#include "core/regions.hpp"
#include "domain/demo/returns.hpp"
#include "domain/returns/catalogue.hpp"
#include "support/storage/test_db.hpp"

namespace incunet::storage {
namespace {

using testing::Backend;
namespace ret = domain::returns;

class DemoReturnsTest : public ::testing::TestWithParam<Backend> {};

long long Count(soci::session& s, const std::string& sql) {
  long long n = -1;
  s << sql, soci::into(n);
  return n;
}

TEST_P(DemoReturnsTest, ReturnsFollowTheWorkflowAndAgreeWithTheRecords) {
  auto t = testing::OpenTestDb(GetParam());
  auto net = domain::demo::GenerateDemo({"small", 5, "2025-12-31"}, core::BuiltinRegions());
  std::size_t generated = 0;
  domain::demo::ForEachReturn(net, [&](const domain::demo::DemoReturn&) { ++generated; });
  app::identity::IdentityService ids(*t.store, core::SystemClock::Instance(),
                                     app::identity::HashParams::Fast());
  auto rep =
      app::demo::LoadDemo(*t.store, core::SystemClock::Instance(), ids, net, "2025-12-31", {});
  ASSERT_TRUE(rep.has_value()) << rep.error().message_en;
  EXPECT_EQ(rep->returns, generated);
  EXPECT_GT(generated, net.carriers.size());

  soci::session s(t.db->pool());
  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM annual_returns"), static_cast<long long>(generated));
  // Past years: accepted, each with an acceptance at the national stop.
  for (int year = 2022; year <= 2024; ++year) {
    auto all = Count(s, fmt::format("SELECT COUNT(*) FROM annual_returns WHERE year = {}", year));
    EXPECT_GT(all, 0) << year;
    EXPECT_EQ(Count(s, fmt::format("SELECT COUNT(*) FROM annual_returns WHERE year = {} AND "
                                   "status = 'accepted'",
                                   year)),
              all)
        << year;
    EXPECT_EQ(Count(s, fmt::format("SELECT COUNT(*) FROM return_reviews v JOIN annual_returns r "
                                   "ON r.id = v.return_id WHERE r.year = {} AND v.decision = "
                                   "'accept' AND v.level = 'national'",
                                   year)),
              all)
        << year;
  }
  // The current year: drafts, returns waiting at several levels, returned with a reason,
  // accepted.
  std::map<std::string, long long> by_status;
  std::set<std::string> pending_levels;
  {
    soci::rowset<soci::row> rows = (s.prepare << "SELECT status, pending_level FROM "
                                                 "annual_returns WHERE year = 2025");
    for (const auto& row : rows) {
      ++by_status[row.get<std::string>(0)];
      if (row.get<std::string>(0) == ret::kStatusSubmitted)
        pending_levels.insert(row.get<std::string>(1));
    }
  }
  for (const char* st : {"draft", "submitted", "returned", "accepted"})
    EXPECT_GT(by_status[st], 0) << st;
  EXPECT_GE(pending_levels.size(), 3u);
  EXPECT_EQ(
      Count(s, "SELECT COUNT(*) FROM return_reviews WHERE decision = 'return' AND reason = ''"), 0);
  EXPECT_EQ(Count(s, "SELECT COUNT(*) FROM return_reviews WHERE decision = 'return'"),
            by_status["returned"]);
  // No draft has a review step; every submitted one waits where its path says.
  EXPECT_EQ(Count(s,
                  "SELECT COUNT(*) FROM return_reviews v JOIN annual_returns r ON r.id = "
                  "v.return_id WHERE r.status = 'draft'"),
            0);

  // The forms agree with the registry's prefill figures of the same carrier and year.
  int checked = 0;
  t.store->Read([&](app::Tx& tx) {
    app::returns::ReturnQuery q;
    q.year = 2024;
    auto page = tx.returns().List(app::Scope::National(), q, {60, ""});
    for (const auto& h : page.items) {
      auto r = tx.returns().Find(app::Scope::National(), h.id);
      ASSERT_TRUE(r.has_value());
      auto facts = tx.returns().Facts(r->carrier_id, 2024);
      EXPECT_EQ(r->values.at("Tdf7f00"), std::to_string(facts.incubatees)) << r->carrier_name;
      EXPECT_EQ(r->values.at("Tdf7f09"), std::to_string(facts.teams)) << r->carrier_name;
      EXPECT_EQ(r->values.at("Tdf7f10"), std::to_string(facts.team_members));
      EXPECT_EQ(r->values.at("Tdf7f02"), std::to_string(facts.incubatee_employees));
      EXPECT_EQ(r->values.at("Tdf7f08"), std::to_string(facts.graduated_in_year));
      EXPECT_EQ(r->values.at("Tdf7f11"), std::to_string(facts.high_tech));
      // One row per firm incubating at the year end or graduated in it; the carrier's
      // incubatee income is the sum of the incubating rows'.
      auto prefill = tx.returns().Incubatees(r->carrier_id, 2024);
      EXPECT_EQ(r->incubatees.size(), prefill.size()) << r->carrier_name;
      long long incubating = 0, income = 0;
      for (const auto& row : r->incubatees)
        if (row.values.at("I10") == "false") {
          ++incubating;
          income += std::stoll(row.values.at("I19"));
        }
      EXPECT_EQ(incubating, facts.incubatees);
      EXPECT_EQ(std::to_string(income), r->values.at("Tdf7f03"));
      for (const auto& [code, value] : r->values) {
        const auto* f = ret::FindField(ret::Form::kCarrier, code);
        ASSERT_NE(f, nullptr) << code;
        auto canon = ret::CanonicalValue(*f, value);
        ASSERT_TRUE(canon.has_value()) << code << "=" << value;
        EXPECT_EQ(*canon, value) << code;
      }
      ++checked;
    }
  });
  EXPECT_GT(checked, 20);

  // Team names are unique per carrier (the importer's natural key).
  EXPECT_EQ(Count(s,
                  "SELECT COUNT(*) FROM (SELECT i.carrier_id, e.name FROM incubations i JOIN "
                  "enterprises e ON e.id = i.enterprise_id WHERE e.is_team = 1 GROUP BY "
                  "i.carrier_id, e.name HAVING COUNT(*) > 1) d"),
            0);

  // The standards engine reads the demo's accepted returns.
  long long carrier = 0;
  s << "SELECT MIN(carrier_id) FROM annual_returns WHERE year = 2024 AND kind = 'incubator'",
      soci::into(carrier);
  app::standards::StandardsService svc(*t.store, core::SystemClock::Instance());
  ASSERT_TRUE(svc.SeedShipped().has_value());
  auto v = svc.EvaluateSubject(
      app::Actor::Cli(), {"RS-MOST-2018", std::nullopt, "carrier", carrier, "2025-06-30"}, "t");
  ASSERT_TRUE(v.has_value()) << v.error().message_en;
  EXPECT_NE(v->result_json.find("2024年度统计年报 (已受理) 表项 Tdf7f00"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Both, DemoReturnsTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace incunet::storage
