// The cultivation rules: revocation warning, tax benefit ending, 卓越级 quota share, ranking.
#include "domain/standards/cultivation.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/domain/standards/test_support.hpp"

namespace incunet::domain::standards {
namespace {

TEST(CultivationTest, RevocationWarningNeedsTheLastTwoGradesD) {
  std::vector<GradeOn> h{{"2023-12-31", "D"}, {"2024-12-31", "D"}};
  auto w = RevocationWarningOf(h, "2025-06-30");
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->first, "2023-12-31");
  EXPECT_EQ(w->second, "2024-12-31");
  // A C in between, or only one D so far: no warning.
  EXPECT_FALSE(RevocationWarningOf({{"2022-12-31", "D"}, {"2023-12-31", "C"}, {"2024-12-31", "D"}},
                                   "2025-06-30"));
  EXPECT_FALSE(RevocationWarningOf({{"2024-12-31", "D"}}, "2025-06-30"));
  // Evaluations after the date do not count yet.
  EXPECT_FALSE(RevocationWarningOf(h, "2024-06-30"));
  // A later version's verdict for the same date replaces the earlier one.
  EXPECT_FALSE(RevocationWarningOf({{"2023-12-31", "D"}, {"2024-12-31", "D"}, {"2024-12-31", "B"}},
                                   "2025-06-30"));
  EXPECT_TRUE(RevocationWarningOf({{"2023-12-31", "D"}, {"2024-12-31", "B"}, {"2024-12-31", "D"}},
                                  "2025-06-30"));
}

const RuleSet& Tax() {
  static const RuleSet rs = testing::LoadShipped("national_rs-tax-2023_v1.toml");
  return rs;
}

TEST(CultivationTest, TaxBenefitEndingWithinTwelveMonths) {
  // The policy's benefit ends with 2027-12: twelve months ahead from 2027-01 on, not from 2026-12.
  std::vector<RecognitionPeriod> open{{core::Date::Of(2019, 5, 1), std::nullopt}};
  EXPECT_FALSE(TaxBenefitEndingSoon(Tax(), open, core::Date::Of(2026, 12, 31)).has_value());
  auto soon = TaxBenefitEndingSoon(Tax(), open, core::Date::Of(2027, 1, 1));
  ASSERT_TRUE(soon.has_value());
  EXPECT_EQ(ToString(*soon), "2027-12");
  EXPECT_TRUE(TaxBenefitEndingSoon(Tax(), open, core::Date::Of(2027, 12, 15)).has_value());
  // A revoked recognition ends its benefit with the month after revocation.
  std::vector<RecognitionPeriod> revoked{{core::Date::Of(2019, 5, 1), core::Date::Of(2025, 9, 30)}};
  EXPECT_EQ(ToString(*TaxBenefitEndingSoon(Tax(), revoked, core::Date::Of(2025, 3, 1))), "2025-09");
  // The longest-lasting recognition in force carries the benefit; one not yet in force does not.
  std::vector<RecognitionPeriod> both{{core::Date::Of(2019, 5, 1), core::Date::Of(2025, 9, 30)},
                                      {core::Date::Of(2020, 1, 1), std::nullopt}};
  EXPECT_FALSE(TaxBenefitEndingSoon(Tax(), both, core::Date::Of(2025, 3, 1)).has_value());
  std::vector<RecognitionPeriod> later{{core::Date::Of(2019, 5, 1), core::Date::Of(2025, 9, 30)},
                                       {core::Date::Of(2025, 6, 1), std::nullopt}};
  EXPECT_TRUE(TaxBenefitEndingSoon(Tax(), later, core::Date::Of(2025, 3, 1)).has_value());
  EXPECT_FALSE(TaxBenefitEndingSoon(Tax(), {}, core::Date::Of(2027, 6, 1)).has_value());
}

TEST(CultivationTest, ExcellenceQuotaShareDefaultsToTenPercent) {
  EXPECT_DOUBLE_EQ(ExcellenceQuotaShare({}), 0.10);
  RuleSet excellence;
  excellence.level = Level::kExcellence;
  EXPECT_DOUBLE_EQ(ExcellenceQuotaShare({excellence}), 0.10);
  Parameter p;
  p.id = "quota_share";
  p.value = 0.12;
  excellence.parameters.push_back(p);
  RuleSet standard;
  standard.level = Level::kStandard;
  standard.parameters.push_back(p);
  standard.parameters.back().value = 0.5;  // not a 卓越级 set: ignored
  EXPECT_DOUBLE_EQ(ExcellenceQuotaShare({standard, excellence}), 0.12);
}

TEST(CultivationTest, CandidatesRankPassingFirstThenMeritThenId) {
  std::vector<CandidateOrder> c{{"44", 3, false, 0.9, 1}, {"44", 3, true, 0.5, 2},
                                {"44", 3, true, 0.8, 3},  {"11", 3, false, 0.1, 4},
                                {"44", 2, true, 0.7, 5},  {"44", 3, true, 0.8, 6}};
  std::sort(c.begin(), c.end(), RanksBefore);
  std::vector<std::int64_t> ids;
  for (const auto& x : c) ids.push_back(x.carrier_id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{4, 5, 3, 6, 2, 1}));
  EXPECT_EQ(RanksWithinGroups(c), (std::vector<int>{1, 1, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace incunet::domain::standards
