#include "domain/standards/tax.hpp"

namespace incunet::domain::standards {

std::optional<TaxBenefit> TaxBenefitMonths(const RuleSet& tax, const CivilDate& recognized_on,
                                           const std::optional<CivilDate>& revoked_on) {
  YearMonth first = NextMonth(MonthOf(recognized_on));
  if (tax.effective_from && recognized_on < *tax.effective_from)
    first = MonthOf(*tax.effective_from);
  std::optional<YearMonth> last;
  if (tax.effective_to) last = MonthOf(*tax.effective_to);
  if (revoked_on) {
    YearMonth stop = MonthOf(*revoked_on);
    if (!last || stop < *last) last = stop;
  }
  if (!last) last = YearMonth{9999, 12};
  if (*last < first) return std::nullopt;
  return TaxBenefit{first, *last};
}

bool InBenefit(const TaxBenefit& b, const YearMonth& m) { return b.first <= m && m <= b.last; }

}  // namespace incunet::domain::standards
