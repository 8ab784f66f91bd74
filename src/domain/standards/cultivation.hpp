#pragma once
// The rules of tiered cultivation (梯度培育) that the cultivation lists apply: when a carrier is
// warned of revocation, when its tax benefit is about to end, the 卓越级 quota share and the order
// in which candidates are ranked. Pure functions; app/standards reads the records and calls them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dates.hpp"
#include "domain/standards/rule_set.hpp"
#include "domain/standards/tax.hpp"

namespace incunet::domain::standards {

// ---- revocation warning: graded D twice in a row ----

struct GradeOn {
  std::string as_of;  // YYYY-MM-DD of the evaluation
  std::string grade;  // "A" … "D"
};

struct RevocationWarning {
  std::string first;   // the earlier of the two D evaluations
  std::string second;  // the later one
};

// `history` is one carrier's evaluations, oldest first (a later version's verdict for the same
// date follows the earlier one and replaces it). Evaluations after `as_of` do not count. A
// warning when the last two evaluations on or before `as_of` are both D.
std::optional<RevocationWarning> RevocationWarningOf(const std::vector<GradeOn>& history,
                                                     const std::string& as_of);

// ---- tax benefit ending within twelve months ----

struct RecognitionPeriod {
  core::Date from;
  std::optional<core::Date> to;
};

// Of the recognitions in force on `on`, the one whose benefit lasts longest carries it; its last
// month when that lies in the twelve months from `on`'s month (this month included), nullopt
// otherwise (no benefit, already over, or lasting longer).
std::optional<core::YearMonth> TaxBenefitEndingSoon(
    const RuleSet& tax, const std::vector<RecognitionPeriod>& recognitions, const core::Date& on);

// ---- 卓越级 quota ----

// MIIT's 卓越级 recommendations are at most this share of a province's recommendations unless the
// rule set says otherwise (parameter quota_share).
inline constexpr double kDefaultExcellenceQuotaShare = 0.10;

// The quota share of the 卓越级 rule sets among `sets` (the last one that names it), or the
// default.
double ExcellenceQuotaShare(const std::vector<RuleSet>& sets);

// ---- the order of candidates for the next tier ----

struct CandidateOrder {
  std::string province;
  int next_level = 0;  // static_cast<int>(Level) of the tier aimed at
  bool passes = false;
  double merit = 0;  // Attainment() of the verdict
  std::int64_t carrier_id = 0;
};

// Candidates are grouped by (province, tier aimed at); within a group those that pass come first,
// then by merit, highest first, then by carrier id (so ties are stable and explained by the id).
bool RanksBefore(const CandidateOrder& x, const CandidateOrder& y);
// For candidates sorted by RanksBefore: each one's rank within its group, from 1.
std::vector<int> RanksWithinGroups(const std::vector<CandidateOrder>& sorted);

}  // namespace incunet::domain::standards
