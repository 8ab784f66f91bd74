#pragma once
// Tiered cultivation (梯度培育): which rule set a carrier must meet next, what it still misses
// (with the gap in the indicator's own unit, in Chinese and English), and the ranking of
// 卓越级 candidates against a province's quota. Pure functions over loaded rule sets.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/standards/evaluate.hpp"
#include "domain/standards/rule_set.hpp"

namespace incunet::domain::standards {

struct Gap {
  std::string criterion_id;
  std::string name_zh;
  std::string name_en;
  Outcome outcome = Outcome::kFail;  // kFail, or kUnknown when data is missing
  // The indicator to change and by how much, in its own unit, when one can be named (for a
  // ratio a/b: how many more a, holding b). Empty / nullopt for yes/no conditions.
  std::string indicator;
  std::optional<double> amount;
  Unit unit;
  std::string text_zh;  // "还需增加 3,200 m² 可自主支配孵化场地面积"
  std::string text_en;  // "3,200 m² more self-controlled incubation area"
};

// One Gap per failed or unknown criterion of `verdict` (which Evaluate(rule_set, values) gave).
std::vector<Gap> DescribeGaps(const RuleSet& rule_set, const Verdict& verdict,
                              const IndicatorValues& values);

// none → provincial → standard → excellence; the old national level counts as standard.
// nullopt above excellence (and for makerspace filing, which is not a tier).
std::optional<Level> NextLevel(Level current);

struct NextTier {
  Level level = Level::kNone;
  const RuleSet* rule_set = nullptr;  // points into the vector given to SelectNextTier
  bool provincial_default = false;    // the province has no 省级 set: the default one is used
};

// Picks the recognition rule set for the next tier in force on `on`: the province's own
// 省级 set, else the "default" one; 标准级 (or, before MIIT's rules, 国家级) and 卓越级 from the
// national sets. The latest effective_from, then the highest version, wins. kNotFound when no
// set applies.
core::Result<NextTier> SelectNextTier(const std::vector<RuleSet>& rule_sets, Level current,
                                      std::string_view province_code, const core::Date& on);

struct Distance {
  NextTier tier;
  Verdict verdict;
  std::vector<Gap> gaps;
};

core::Result<Distance> DistanceToNextTier(const std::vector<RuleSet>& rule_sets, Level current,
                                          std::string_view province_code, const core::Date& on,
                                          const IndicatorValues& values);

// Mean attainment over the applicable criteria (value / threshold capped at 2, a pass counts 1,
// a fail or unknown of a yes/no clause 0); in score mode, score / max_score. A default merit for
// ranking.
double Attainment(const Verdict& verdict);

// 卓越级 recommendations per province: at most ceil(share × recommendations) (349号: 10%).
int ExcellenceQuota(int recommendations, double share);

struct ExcellenceCandidate {
  std::int64_t carrier_id = 0;
  std::string province;    // two-digit code
  bool qualifies = false;  // passes the 卓越级 rule set
  double merit = 0;        // higher is better, e.g. Attainment() or an evaluation score
};

struct RankedCandidate {
  ExcellenceCandidate candidate;
  int rank = 0;   // 1-based within the province
  int quota = 0;  // the province's quota
  bool within_quota = false;
};

// Ranks candidates within each province (qualifying first, then merit, then carrier id) and
// marks those inside the quota. `recommendations` gives each province's total recommendations
// (标准级 + 卓越级); a province missing from it counts its candidates. Output is sorted by
// province, then rank.
std::vector<RankedCandidate> RankExcellenceCandidates(
    std::vector<ExcellenceCandidate> candidates, const std::map<std::string, int>& recommendations,
    double quota_share);

}  // namespace incunet::domain::standards
