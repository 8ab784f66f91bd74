#include "domain/standards/cultivation.hpp"

#include <tuple>

namespace incunet::domain::standards {

std::optional<RevocationWarning> RevocationWarningOf(const std::vector<GradeOn>& history,
                                                     const std::string& as_of) {
  std::vector<GradeOn> g;
  for (const auto& e : history) {
    if (e.as_of > as_of) continue;
    if (!g.empty() && g.back().as_of == e.as_of)
      g.back().grade = e.grade;  // the later version's verdict for the same date
    else
      g.push_back(e);
  }
  if (g.size() < 2 || g[g.size() - 1].grade != "D" || g[g.size() - 2].grade != "D")
    return std::nullopt;
  return RevocationWarning{g[g.size() - 2].as_of, g.back().as_of};
}

std::optional<core::YearMonth> TaxBenefitEndingSoon(
    const RuleSet& tax, const std::vector<RecognitionPeriod>& recognitions, const core::Date& on) {
  std::optional<TaxBenefit> best;
  for (const auto& r : recognitions) {
    if (!(r.from <= on && (!r.to || on <= *r.to))) continue;
    auto b = TaxBenefitMonths(tax, r.from, r.to);
    if (b && (!best || best->last < b->last)) best = b;
  }
  core::YearMonth now = core::MonthOf(on), horizon{now.year + 1, now.month};
  if (!best || best->last < now || !(best->last < horizon)) return std::nullopt;
  return best->last;
}

double ExcellenceQuotaShare(const std::vector<RuleSet>& sets) {
  double share = kDefaultExcellenceQuotaShare;
  for (const auto& s : sets)
    if (s.level == Level::kExcellence)
      if (const auto* p = s.FindParameter("quota_share")) share = p->value;
  return share;
}

namespace {
auto RankGroup(const CandidateOrder& c) { return std::tie(c.province, c.next_level); }
}  // namespace

bool RanksBefore(const CandidateOrder& x, const CandidateOrder& y) {
  if (RankGroup(x) != RankGroup(y)) return RankGroup(x) < RankGroup(y);
  if (x.passes != y.passes) return x.passes;
  if (x.merit != y.merit) return x.merit > y.merit;
  return x.carrier_id < y.carrier_id;
}

std::vector<int> RanksWithinGroups(const std::vector<CandidateOrder>& sorted) {
  std::vector<int> ranks(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i)
    ranks[i] = (i > 0 && RankGroup(sorted[i]) == RankGroup(sorted[i - 1])) ? ranks[i - 1] + 1 : 1;
  return ranks;
}

}  // namespace incunet::domain::standards
