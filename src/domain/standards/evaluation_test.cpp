// The A/B/C/D evaluation scheme (score mode).
#include <gtest/gtest.h>

#include "domain/standards/evaluate.hpp"
#include "domain/standards/loader.hpp"
#include "support/domain/standards/test_support.hpp"

namespace incunet::domain::standards {
namespace {

const RuleSet& Eval2019() {
  static const RuleSet rs = testing::LoadShipped("national_rs-eval-2019_v1.toml");
  return rs;
}

// Every benchmark met exactly.
IndicatorValues Benchmarks() {
  IndicatorValues v;
  auto s = [&](const char* id, double x) { v.Set(id, x, "annual_return:2024"); };
  s("incubatees", 100);
  s("mentors", 10);
  s("professional_staff", 16);
  s("total_staff", 20);
  s("incubatees_financed", 20);
  s("seed_fund_cny", 10'000'000);
  s("public_tech_platforms", 3);
  s("events_year", 30);
  s("incubatees_with_mentor", 50);
  s("incubatee_revenue_cny", 500'000'000);
  s("incubatee_financing_cny", 100'000'000);
  s("incubatee_rd_cny", 30'000'000);
  s("incubatee_valid_ip_items", 500);
  s("incubatees_high_tech", 20);
  s("incubatees_tech_sme", 50);
  s("graduates_year", 5);
  s("incubatee_employees", 1000);
  s("incubatee_revenue_prev_year_cny", 500'000'000.0 / 1.2);
  s("total_income_last_year_cny", 11'000'000);
  s("total_income_prev_year_cny", 10'000'000);
  s("rent_income_last_year_cny", 4'000'000);
  s("property_fee_income_last_year_cny", 1'500'000);
  s("incubatee_taxes_cny", 10'000'000);
  s("cumulative_graduates", 50);
  s("graduates_listed_cumulative", 1);
  s("overseas_sites", 1);
  return v;
}

TEST(EvaluationTest, FullMarksIsGradeA) {
  Verdict v = Evaluate(Eval2019(), Benchmarks());
  EXPECT_EQ(v.outcome, Outcome::kPass);
  EXPECT_NEAR(v.score, 105, 1e-6);
  EXPECT_EQ(v.max_score, 105);
  EXPECT_EQ(v.grade, "A");
  EXPECT_EQ(v.grade_name_zh, "优秀");
  EXPECT_TRUE(v.provisional);
}

TEST(EvaluationTest, LinearScoresAndCutOffs) {
  IndicatorValues v = Benchmarks();
  // Half the seed-fund benchmark: 2.5 of 5 points; no overseas site: 0 of 2.5 (pass scoring).
  v.Set("seed_fund_cny", 5'000'000, "d").Set("overseas_sites", 0, "d");
  Verdict r = Evaluate(Eval2019(), v);
  EXPECT_NEAR(r.score, 100, 1e-6);
  for (const auto& c : r.criteria) {
    if (c.id == "SV4") {
      EXPECT_NEAR(c.points, 2.5, 1e-9);
    }
    if (c.id == "BN2") {
      EXPECT_EQ(c.points, 0);
    }
  }
  // 85 is A, just below is B; the cut-offs are parameters.
  auto strict = OverrideParameters(Eval2019(), {{"grade_a_min", 100.5}});
  ASSERT_TRUE(strict.has_value());
  EXPECT_EQ(Evaluate(*strict, v).grade, "B");
  auto exact = OverrideParameters(Eval2019(), {{"grade_a_min", 100}});
  EXPECT_EQ(Evaluate(*exact, v).grade, "A");
  // Refused: cut-offs that no longer fall from A to D.
  EXPECT_FALSE(OverrideParameters(Eval2019(), {{"grade_c_min", 90}}).has_value());
}

TEST(EvaluationTest, LowestGradeFailsAndMissingDataIsUnknown) {
  IndicatorValues none;
  for (const auto& [id, value] : Benchmarks().values) none.Set(id, 0, "annual_return:2024");
  none.Set("incubatees", 100, "d").Set("total_staff", 20, "d");
  none.Set("incubatee_revenue_cny", 1, "d").Set("incubatee_revenue_prev_year_cny", 1, "d");
  none.Set("total_income_last_year_cny", 1, "d").Set("total_income_prev_year_cny", 1, "d");
  Verdict d = Evaluate(Eval2019(), none);
  EXPECT_EQ(d.grade, "D");
  EXPECT_EQ(d.outcome, Outcome::kFail);

  IndicatorValues partial = Benchmarks();
  partial.values.erase("events_year");
  Verdict u = Evaluate(Eval2019(), partial);
  EXPECT_EQ(u.outcome, Outcome::kUnknown);
  EXPECT_NEAR(u.score, 100, 1e-6);  // a lower bound: the unknown item scores nothing
  EXPECT_EQ(u.missing, std::vector<std::string>{"events_year"});
}

}  // namespace
}  // namespace incunet::domain::standards
