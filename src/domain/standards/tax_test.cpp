// 公告2023年第42号: T1 eligibility with the grade mapping, T7/T8 benefit months.
#include "domain/standards/tax.hpp"

#include <gtest/gtest.h>

#include "domain/standards/evaluate.hpp"
#include "domain/standards/loader.hpp"
#include "support/domain/standards/test_support.hpp"

namespace incunet::domain::standards {
namespace {

const RuleSet& Tax() {
  static const RuleSet rs = testing::LoadShipped("national_rs-tax-2023_v1.toml");
  return rs;
}

TEST(TaxTest, BenefitMonths) {
  // Recognised before 2024: from the policy's first month to its last.
  auto early = TaxBenefitMonths(Tax(), core::Date::Of(2019, 5, 1), std::nullopt);
  ASSERT_TRUE(early.has_value());
  EXPECT_EQ(ToString(early->first), "2024-01");
  EXPECT_EQ(ToString(early->last), "2027-12");
  EXPECT_EQ(ToString(TaxBenefitMonths(Tax(), core::Date::Of(2023, 12, 31), std::nullopt)->first),
            "2024-01");
  // Recognised on or after 2024-01-01: from the month after recognition.
  EXPECT_EQ(ToString(TaxBenefitMonths(Tax(), core::Date::Of(2024, 1, 1), std::nullopt)->first),
            "2024-02");
  EXPECT_EQ(ToString(TaxBenefitMonths(Tax(), core::Date::Of(2025, 12, 20), std::nullopt)->first),
            "2026-01");
  // Revoked: the benefit stops from the month after revocation.
  auto revoked = TaxBenefitMonths(Tax(), core::Date::Of(2025, 3, 15), core::Date::Of(2026, 6, 10));
  ASSERT_TRUE(revoked.has_value());
  EXPECT_EQ(ToString(revoked->first), "2025-04");
  EXPECT_EQ(ToString(revoked->last), "2026-06");
  EXPECT_TRUE(InBenefit(*revoked, {2026, 6}));
  EXPECT_FALSE(InBenefit(*revoked, {2026, 7}));
  EXPECT_FALSE(InBenefit(*revoked, {2025, 3}));
  // Revoked before the policy began, or recognised in its last month: nothing.
  EXPECT_FALSE(
      TaxBenefitMonths(Tax(), core::Date::Of(2019, 1, 1), core::Date::Of(2023, 6, 30)).has_value());
  EXPECT_FALSE(TaxBenefitMonths(Tax(), core::Date::Of(2027, 12, 5), std::nullopt).has_value());
  EXPECT_EQ(ToString(TaxBenefitMonths(Tax(), core::Date::Of(2027, 11, 5), std::nullopt)->first),
            "2027-12");
}

IndicatorValues Recognitions(bool national, bool provincial, bool standard, bool excellence) {
  IndicatorValues v;
  v.SetBool("recognized_national", national, "recognitions")
      .SetBool("recognized_provincial", provincial, "recognitions")
      .SetBool("recognized_standard", standard, "recognitions")
      .SetBool("recognized_excellence", excellence, "recognitions")
      .SetBool("university_park_national", false, "recognitions")
      .SetBool("university_park_provincial", false, "recognitions")
      .SetBool("makerspace_filed", false, "recognitions")
      .SetBool("service_income_separately_accounted", true, "declared");
  return v;
}

TEST(TaxTest, EligibilityFollowsTheGradeMapping) {
  EXPECT_EQ(Evaluate(Tax(), Recognitions(false, false, true, false)).outcome, Outcome::kPass);
  EXPECT_EQ(Evaluate(Tax(), Recognitions(false, false, false, true)).outcome, Outcome::kPass);
  EXPECT_EQ(Evaluate(Tax(), Recognitions(false, false, false, false)).outcome, Outcome::kFail);
  Verdict v = Evaluate(Tax(), Recognitions(false, false, true, false));
  EXPECT_TRUE(v.provisional);  // the mapping is a provisional parameter
  auto strict = OverrideParameters(Tax(), {{"standard_counts_as_national", 0}});
  ASSERT_TRUE(strict.has_value());
  EXPECT_EQ(Evaluate(*strict, Recognitions(false, false, true, false)).outcome, Outcome::kFail);
  EXPECT_EQ(Evaluate(*strict, Recognitions(false, true, true, false)).outcome, Outcome::kPass);
  // Separate accounting (T4) is required.
  IndicatorValues mixed = Recognitions(true, false, false, false);
  mixed.SetBool("service_income_separately_accounted", false, "declared");
  EXPECT_EQ(Evaluate(Tax(), mixed).outcome, Outcome::kFail);
  // One recognition known to hold is enough even if the others are unknown.
  IndicatorValues partial;
  partial.SetBool("recognized_provincial", true, "recognitions")
      .SetBool("service_income_separately_accounted", true, "declared");
  EXPECT_EQ(Evaluate(Tax(), partial).outcome, Outcome::kPass);
}

}  // namespace
}  // namespace incunet::domain::standards
