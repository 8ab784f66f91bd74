#include "domain/standards/tax.hpp"

namespace incunet::domain::standards {

std::optional<TaxBenefit> TaxBenefitMonths(const RuleSet& tax, const core::Date& recognized_on,
                                           const std::optional<core::Date>& revoked_on) {
  core::YearMonth first = core::NextMonth(core::MonthOf(recognized_on));
  if (tax.effective_from && recognized_on < *tax.effective_from)
    first = core::MonthOf(*tax.effective_from);
  std::optional<core::YearMonth> last;
  if (tax.effective_to) last = core::MonthOf(*tax.effective_to);
  if (revoked_on) {
    core::YearMonth stop = core::MonthOf(*revoked_on);
    if (!last || stop < *last) last = stop;
  }
  if (!last) last = core::YearMonth{9999, 12};
  if (*last < first) return std::nullopt;
  return TaxBenefit{first, *last};
}

bool InBenefit(const TaxBenefit& b, const core::YearMonth& m) {
  return b.first <= m && m <= b.last;
}

}  // namespace incunet::domain::standards
