// Distance to the next tier, next-tier selection and the 卓越级 quota.
#include "domain/standards/tiers.hpp"

#include <gtest/gtest.h>

#include "domain/standards/shipped.hpp"
#include "support/domain/standards/test_support.hpp"

namespace incunet::domain::standards {
namespace {

const std::vector<RuleSet>& Shipped() {
  static const std::vector<RuleSet> sets = [] {
    auto r = LoadShippedRuleSets();
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message_en);
    return r ? *r : std::vector<RuleSet>{};
  }();
  return sets;
}

// Meets RS-MOST-2018 except: 6,800 m² of area, 9 graduates, 2 of 50 incubatees financed,
// no independent legal person, and no IP (24/50 patents, 10/50 valid IP).
IndicatorValues Carrier() {
  IndicatorValues v;
  v.SetBool("operator_is_independent_legal_person", false, "declared")
      .Set("operator_years", 5, "records:carrier")
      .Set("torch_stats_consecutive_years", 4, "annual_return:2024")
      .Set("self_controlled_area_m2", 6800, "annual_return:2024")
      .Set("incubatee_used_area_m2", 6000, "annual_return:2024")
      .Set("seed_fund_cny", 6'000'000, "declared")
      .Set("incubatees", 50, "records:incubations")
      .Set("incubatees_financed", 2, "records:investments")
      .Set("fund_use_cases", 5, "declared")
      .Set("professional_staff", 8, "declared")
      .Set("total_staff", 10, "declared")
      .Set("mentors", 6, "declared")
      .Set("incubatees_with_patent_application", 24, "annual_return:2024")
      .Set("incubatees_with_valid_ip", 10, "annual_return:2024")
      .Set("cumulative_graduates", 9, "records:incubations")
      .SetBool("specialised", false, "records:carrier")
      .SetBool("hardship_area", false, "regions:hardship");
  return v;
}

const Gap* FindGap(const std::vector<Gap>& gaps, const std::string& id) {
  for (const auto& g : gaps)
    if (g.criterion_id == id) return &g;
  return nullptr;
}

TEST(DistanceTest, GapTextsInTheIndicatorsOwnUnits) {
  RuleSet most = testing::LoadShipped("national_rs-most-2018_v1.toml");
  IndicatorValues v = Carrier();
  Verdict verdict = Evaluate(most, v);
  auto gaps = DescribeGaps(most, verdict, v);
  std::vector<std::string> ids;
  for (const auto& g : gaps) ids.push_back(g.criterion_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"N1a", "N2a", "N3b", "N5", "N7"}));

  const Gap* area = FindGap(gaps, "N2a");
  ASSERT_NE(area, nullptr);
  EXPECT_EQ(area->indicator, "self_controlled_area_m2");
  EXPECT_EQ(*area->amount, 3200);
  EXPECT_EQ(area->text_zh, "还需增加 3,200 m² 可自主支配孵化场地面积");
  EXPECT_EQ(area->text_en, "3,200 m² more self-controlled incubation area");

  const Gap* grads = FindGap(gaps, "N7");
  EXPECT_EQ(grads->text_zh, "还需增加 11 家累计毕业企业");
  EXPECT_EQ(grads->text_en, "11 more cumulative graduates");

  // A ratio: how many more financed incubatees, holding the 50 incubatees.
  const Gap* financed = FindGap(gaps, "N3b");
  EXPECT_EQ(financed->indicator, "incubatees_financed");
  EXPECT_EQ(*financed->amount, 3);
  EXPECT_EQ(financed->text_zh, "还需增加 3 家获得投融资的在孵企业");
  EXPECT_EQ(financed->text_en, "3 more incubatees with investment or financing");

  const Gap* legal = FindGap(gaps, "N1a");
  EXPECT_EQ(legal->text_zh, "需满足：运营机构具有独立法人资格");
  EXPECT_EQ(legal->text_en, "required: operator is an independent legal person");

  // Alternatives: the closer one (patents, 1 short of 25) carries the amount; both are named.
  const Gap* ip = FindGap(gaps, "N5");
  EXPECT_EQ(ip->indicator, "incubatees_with_patent_application");
  EXPECT_EQ(*ip->amount, 1);
  EXPECT_EQ(ip->text_zh,
            "还需增加 1 家申请专利的在孵企业；或还需增加 5 家拥有有效知识产权的在孵企业");
  EXPECT_EQ(ip->text_en,
            "1 more incubatees with patent applications; or 5 more incubatees holding valid IP");
}

TEST(DistanceTest, DensityAndStaffGaps) {
  RuleSet most = testing::LoadShipped("national_rs-most-2018_v1.toml");
  IndicatorValues v = Carrier();
  v.Set("self_controlled_area_m2", 20000, "d").Set("incubatee_used_area_m2", 15000, "d");
  v.Set("professional_staff", 4, "d").Set("total_staff", 4, "d");
  auto gaps = DescribeGaps(most, Evaluate(most, v), v);
  // 50 incubatees on 20,000 m² is 2.5 per 1000 m²: 10 more to reach 3.
  const Gap* density = FindGap(gaps, "N6b");
  ASSERT_NE(density, nullptr);
  EXPECT_EQ(density->indicator, "incubatees");
  EXPECT_EQ(*density->amount, 10);
  EXPECT_EQ(density->text_zh, "还需增加 10 家在孵企业");
  const Gap* staff = FindGap(gaps, "N4b");
  ASSERT_NE(staff, nullptr);
  EXPECT_EQ(staff->text_zh, "还需增加 1 名专业孵化服务人员");
  EXPECT_EQ(staff->text_en, "1 more professional incubation staff");
}

TEST(DistanceTest, UnknownCriteriaNameTheMissingData) {
  RuleSet most = testing::LoadShipped("national_rs-most-2018_v1.toml");
  IndicatorValues v = Carrier();
  v.values.erase("seed_fund_cny");
  auto gaps = DescribeGaps(most, Evaluate(most, v), v);
  const Gap* fund = FindGap(gaps, "N3a");
  ASSERT_NE(fund, nullptr);
  EXPECT_EQ(fund->outcome, Outcome::kUnknown);
  EXPECT_EQ(fund->text_zh,
            "自有种子资金或合作的孵化资金规模：缺少数据（自有种子资金或合作的孵化资金）");
}

TEST(NextTierTest, SelectsByLevelProvinceAndDate) {
  const auto& sets = Shipped();
  core::Date after = core::Date::Of(2025, 8, 1), before = core::Date::Of(2024, 6, 1);
  auto qinghai = SelectNextTier(sets, Level::kNone, "63", after);
  ASSERT_TRUE(qinghai.has_value());
  EXPECT_EQ(qinghai->rule_set->id, "RS-PROV-63");
  EXPECT_FALSE(qinghai->provincial_default);
  auto guangdong = SelectNextTier(sets, Level::kNone, "44", after);
  ASSERT_TRUE(guangdong.has_value());
  EXPECT_EQ(guangdong->rule_set->id, "RS-PROV-DEFAULT");
  EXPECT_TRUE(guangdong->provincial_default);
  EXPECT_TRUE(guangdong->rule_set->provisional);

  auto standard = SelectNextTier(sets, Level::kProvincial, "63", after);
  ASSERT_TRUE(standard.has_value());
  EXPECT_EQ(standard->rule_set->id, "RS-MIIT-2025-STANDARD");
  EXPECT_EQ(standard->level, Level::kStandard);
  // Before 2025-07-10 the tier above 省级 was MOST's 国家级.
  auto national = SelectNextTier(sets, Level::kProvincial, "63", before);
  ASSERT_TRUE(national.has_value());
  EXPECT_EQ(national->rule_set->id, "RS-MOST-2018");
  EXPECT_EQ(national->level, Level::kNational);
  // On the last day of MOST's rules and the first of MIIT's.
  EXPECT_EQ(
      SelectNextTier(sets, Level::kProvincial, "63", core::Date::Of(2025, 7, 9))->rule_set->id,
      "RS-MOST-2018");
  EXPECT_EQ(
      SelectNextTier(sets, Level::kProvincial, "63", core::Date::Of(2025, 7, 10))->rule_set->id,
      "RS-MIIT-2025-STANDARD");

  // A former 国家级 carrier (lapsed with the 2018 rules) and a 标准级 one aim at 卓越级.
  EXPECT_EQ(SelectNextTier(sets, Level::kNational, "63", after)->rule_set->id,
            "RS-MIIT-2025-EXCELLENCE");
  EXPECT_EQ(SelectNextTier(sets, Level::kStandard, "63", after)->rule_set->id,
            "RS-MIIT-2025-EXCELLENCE");
  EXPECT_FALSE(SelectNextTier(sets, Level::kStandard, "63", before).has_value());
  auto top = SelectNextTier(sets, Level::kExcellence, "63", after);
  ASSERT_FALSE(top.has_value());
  EXPECT_EQ(top.error().code, core::ErrorCode::kNotFound);
}

TEST(NextTierTest, DistanceToNextTierEvaluatesTheChosenSet) {
  auto d = DistanceToNextTier(Shipped(), Level::kProvincial, "63", core::Date::Of(2024, 6, 1),
                              Carrier());
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->verdict.rule_set_id, "RS-MOST-2018");
  EXPECT_EQ(d->verdict.outcome, Outcome::kFail);
  EXPECT_EQ(d->gaps.size(), 5u);
  auto miit = DistanceToNextTier(Shipped(), Level::kProvincial, "63", core::Date::Of(2025, 8, 1),
                                 Carrier());
  ASSERT_TRUE(miit.has_value());
  EXPECT_EQ(miit->verdict.rule_set_id, "RS-MIIT-2025-STANDARD");
  EXPECT_TRUE(miit->verdict.provisional);
}

TEST(QuotaTest, TenPercentRoundedUp) {
  EXPECT_EQ(ExcellenceQuota(0, 0.1), 0);
  EXPECT_EQ(ExcellenceQuota(1, 0.1), 1);
  EXPECT_EQ(ExcellenceQuota(10, 0.1), 1);
  EXPECT_EQ(ExcellenceQuota(11, 0.1), 2);
  EXPECT_EQ(ExcellenceQuota(20, 0.1), 2);
  EXPECT_EQ(ExcellenceQuota(25, 0.1), 3);
  const RuleSet* excellence = nullptr;
  for (const auto& rs : Shipped())
    if (rs.id == "RS-MIIT-2025-EXCELLENCE") excellence = &rs;
  ASSERT_NE(excellence, nullptr);
  EXPECT_EQ(excellence->FindParameter("quota_share")->value, 0.10);
}

TEST(QuotaTest, RanksWithinEachProvince) {
  std::vector<ExcellenceCandidate> c = {
      {1, "44", true, 0.9}, {2, "44", true, 1.2}, {3, "44", false, 2.0},
      {4, "44", true, 1.2}, {5, "63", true, 0.5},
  };
  auto ranked = RankExcellenceCandidates(c, {{"44", 11}}, 0.1);  // quota ceil(1.1) = 2
  ASSERT_EQ(ranked.size(), 5u);
  std::vector<std::int64_t> order;
  for (const auto& r : ranked) order.push_back(r.candidate.carrier_id);
  EXPECT_EQ(order, (std::vector<std::int64_t>{2, 4, 1, 3, 5}));
  EXPECT_EQ(ranked[0].rank, 1);
  EXPECT_EQ(ranked[0].quota, 2);
  EXPECT_TRUE(ranked[0].within_quota);
  EXPECT_TRUE(ranked[1].within_quota);
  EXPECT_FALSE(ranked[2].within_quota);
  EXPECT_FALSE(ranked[3].within_quota);  // does not qualify
  // Province 63 has no count given: its 1 candidate gives a quota of 1.
  EXPECT_EQ(ranked[4].rank, 1);
  EXPECT_EQ(ranked[4].quota, 1);
  EXPECT_TRUE(ranked[4].within_quota);
}

TEST(QuotaTest, AttainmentRewardsMargins) {
  RuleSet most = testing::LoadShipped("national_rs-most-2018_v1.toml");
  IndicatorValues weak = Carrier();
  IndicatorValues strong = Carrier();
  strong.Set("self_controlled_area_m2", 12000, "d").Set("cumulative_graduates", 40, "d");
  EXPECT_GT(Attainment(Evaluate(most, strong)), Attainment(Evaluate(most, weak)));
}

}  // namespace
}  // namespace incunet::domain::standards
