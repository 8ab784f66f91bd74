// Incubatee eligibility (E1–E4) and graduation (G1–G4) of 国科发区〔2018〕300号.
#include <gtest/gtest.h>

#include "domain/standards/evaluate.hpp"
#include "domain/standards/tiers.hpp"
#include "support/domain/standards/test_support.hpp"

namespace incunet::domain::standards {
namespace {

const RuleSet& Incubatee() {
  static const RuleSet rs = testing::LoadShipped("national_rs-most-2018-incubatee_v1.toml");
  return rs;
}
const RuleSet& Graduation() {
  static const RuleSet rs = testing::LoadShipped("national_rs-most-2018-graduation_v1.toml");
  return rs;
}

IndicatorValues Enterprise(double months, double age_at_entry = 24) {
  IndicatorValues v;
  v.SetBool("is_tech_sme", true, "qualifications")
      .SetBool("main_business_new_tech", true, "declared")
      .SetBool("registered_in_site", true, "records:enterprise")
      .SetBool("premises_in_site", true, "declared")
      .Set("company_age_at_entry_months", age_at_entry, "records:incubations")
      .Set("months_in_incubation", months, "records:incubations");
  return v;
}

Outcome E4(const IndicatorValues& v) {
  for (const auto& c : Evaluate(Incubatee(), v).criteria)
    if (c.id == "E4") return c.outcome;
  return Outcome::kUnknown;
}

TEST(EligibilityTest, MonthLimitIs48OrSixtyInLongDomains) {
  IndicatorValues v = Enterprise(48);
  v.SetBool("domain_long_limit", false, "declared");
  EXPECT_EQ(Evaluate(Incubatee(), v).outcome, Outcome::kPass);
  v.Set("months_in_incubation", 49, "r");
  EXPECT_EQ(E4(v), Outcome::kFail);
  v.SetBool("domain_long_limit", true, "declared");
  EXPECT_EQ(E4(v), Outcome::kPass);
  v.Set("months_in_incubation", 60, "r");
  EXPECT_EQ(E4(v), Outcome::kPass);
  v.Set("months_in_incubation", 61, "r");
  Verdict over = Evaluate(Incubatee(), v);
  EXPECT_EQ(over.outcome, Outcome::kFail);
  EXPECT_EQ(*over.criteria.back().threshold, 60);
  EXPECT_EQ(*over.criteria.back().margin, -1);  // 1 month over
  EXPECT_EQ(over.criteria.back().clauses[0].variant_en,
            "biomedicine, modern agriculture, integrated circuits");
}

TEST(EligibilityTest, LongDomainComesFromTheTechnologyTags) {
  IndicatorValues v = Enterprise(60);
  v.tags["technology_domains"] = {"电子信息", "生物医药"};
  Verdict r = Evaluate(Incubatee(), v);
  EXPECT_EQ(r.outcome, Outcome::kPass);
  bool found = false;
  for (const auto& u : r.criteria.back().values)
    if (u.indicator == "domain_long_limit") {
      found = true;
      EXPECT_EQ(u.value, 1);
      EXPECT_EQ(u.source, "tags:technology_domains");
    }
  EXPECT_TRUE(found);
  v.tags["technology_domains"] = {"人工智能"};
  EXPECT_EQ(E4(v), Outcome::kFail);
  // Without tags or a declared flag the limit is unknown, so E4 is unknown.
  v.tags.clear();
  Verdict u = Evaluate(Incubatee(), v);
  EXPECT_EQ(u.outcome, Outcome::kUnknown);
  EXPECT_EQ(u.missing, std::vector<std::string>{"domain_long_limit"});
  // Within 48 months the domain does not matter.
  v.Set("months_in_incubation", 30, "r");
  v.SetBool("domain_long_limit", false, "declared");
  EXPECT_EQ(E4(v), Outcome::kPass);
}

TEST(EligibilityTest, EntryAgeBoundaryAndGapText) {
  IndicatorValues v = Enterprise(12, 24);
  v.SetBool("domain_long_limit", false, "d");
  EXPECT_EQ(Evaluate(Incubatee(), v).outcome, Outcome::kPass);
  v.Set("company_age_at_entry_months", 25, "r");
  v.Set("months_in_incubation", 60, "r");
  Verdict r = Evaluate(Incubatee(), v);
  auto gaps = DescribeGaps(Incubatee(), r, v);
  ASSERT_EQ(gaps.size(), 2u);
  EXPECT_EQ(gaps[0].criterion_id, "E3");
  EXPECT_EQ(gaps[1].text_zh, "孵化时间超出上限 12 个月");
  EXPECT_EQ(gaps[1].text_en, "Months in incubation exceeds the limit by 12 months");
  EXPECT_EQ(*gaps[1].amount, 12);
}

TEST(GraduationTest, AnyOneConditionGraduates) {
  IndicatorValues v;
  v.SetBool("is_high_tech", false, "qualifications")
      .Set("cumulative_vc_cny", 5'000'000, "records:investments")
      .Set("revenue_2y_cny", 10'000'000, "declared")
      .SetBool("listed_or_acquired", false, "records:listings");
  // 超过: exactly 5,000,000 and 10,000,000 do not count, whatever the inclusive setting.
  Verdict none = Evaluate(Graduation(), v);
  EXPECT_EQ(none.outcome, Outcome::kFail);
  EXPECT_EQ(none.criteria[1].op, ClauseOp::kGt);
  v.Set("cumulative_vc_cny", 5'000'001, "r");
  EXPECT_EQ(Evaluate(Graduation(), v).outcome, Outcome::kPass);
  v.Set("cumulative_vc_cny", 0, "r");
  v.Set("revenue_2y_cny", 10'000'001, "r");
  EXPECT_EQ(Evaluate(Graduation(), v).outcome, Outcome::kPass);
  v.Set("revenue_2y_cny", 0, "r");
  v.SetBool("listed_or_acquired", true, "r");
  EXPECT_EQ(Evaluate(Graduation(), v).outcome, Outcome::kPass);
  // One condition met decides even when others are unknown.
  IndicatorValues partial;
  partial.SetBool("is_high_tech", true, "qualifications");
  EXPECT_EQ(Evaluate(Graduation(), partial).outcome, Outcome::kPass);
  IndicatorValues unknown;
  unknown.SetBool("is_high_tech", false, "qualifications");
  EXPECT_EQ(Evaluate(Graduation(), unknown).outcome, Outcome::kUnknown);
}

TEST(GraduationTest, StrictGapNeedsOneMoreYuan) {
  IndicatorValues v;
  v.SetBool("is_high_tech", false, "q")
      .Set("cumulative_vc_cny", 5'000'000, "r")
      .Set("revenue_2y_cny", 4'000'000, "r")
      .SetBool("listed_or_acquired", false, "r");
  auto gaps = DescribeGaps(Graduation(), Evaluate(Graduation(), v), v);
  ASSERT_EQ(gaps.size(), 4u);
  EXPECT_EQ(gaps[0].text_zh, "需满足：国家高新技术企业（已备案）");
  EXPECT_EQ(*gaps[1].amount, 1);  // more than 5,000,000: one yuan more
  EXPECT_EQ(gaps[1].text_en, "1 CNY more cumulative angel or venture investment");
  EXPECT_EQ(gaps[2].text_zh, "还需增加 6,000,001 元连续两年营业收入累计");
  EXPECT_EQ(gaps[2].text_en, "6,000,001 CNY more revenue over two consecutive years");
}

}  // namespace
}  // namespace incunet::domain::standards
