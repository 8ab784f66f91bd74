#pragma once
// Benefit months of 财政部 税务总局 科技部 教育部公告2023年第42号 (T7, T8) as a pure function
// of a recognition's dates and the tax rule set's effective period.
#include <optional>

#include "core/dates.hpp"
#include "domain/standards/rule_set.hpp"

namespace incunet::domain::standards {

struct TaxBenefit {
  core::YearMonth first;  // first month of exemption
  core::YearMonth last;   // last month of exemption, inclusive
};

// T7: recognised before the policy starts → from its first month; recognised later → from the
// month after recognition. Revoked → the benefit stops from the month after revocation.
// T8: never beyond the policy's end. Uses tax.effective_from / effective_to (the policy period).
// nullopt when no month qualifies (revoked before the start, or recognised after the end).
std::optional<TaxBenefit> TaxBenefitMonths(const RuleSet& tax, const core::Date& recognized_on,
                                           const std::optional<core::Date>& revoked_on);

// True when `month` lies within the benefit.
bool InBenefit(const TaxBenefit& benefit, const core::YearMonth& month);

}  // namespace incunet::domain::standards
