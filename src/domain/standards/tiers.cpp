#include "domain/standards/tiers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace incunet::domain::standards {
namespace {

// "3,200", "1,234.5"; whole numbers without decimals.
std::string FormatAmount(double v) {
  bool negative = v < 0;
  v = std::fabs(v);
  char buf[64];
  double rounded = std::round(v);
  if (std::fabs(v - rounded) < 1e-9 * std::max(1.0, v))
    std::snprintf(buf, sizeof buf, "%.0f", rounded);
  else
    std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  auto dot = s.find('.');
  if (dot != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  dot = s.find('.');
  size_t int_end = dot == std::string::npos ? s.size() : dot;
  std::string out;
  for (size_t i = 0; i < int_end; ++i) {
    if (i > 0 && (int_end - i) % 3 == 0) out += ',';
    out += s[i];
  }
  out += s.substr(int_end);
  return negative ? "-" + out : out;
}

bool AsciiStart(const std::string& s) {
  return !s.empty() && (static_cast<unsigned char>(s[0]) < 0x80 || s.rfind("m²", 0) == 0);
}

std::string MeasureZh(const Indicator* ind, const Unit& unit) {
  if (ind && !ind->measure_zh.empty()) return ind->measure_zh;
  return UnitLabelZh(unit);
}

// "还需增加 3,200 m² 可自主支配孵化场地面积" / "3,200 m² more self-controlled incubation area"
void MoreTexts(double amount, const Unit& unit, const Indicator* ind, const std::string& name_zh,
               const std::string& name_en, Gap& g) {
  std::string n = FormatAmount(amount);
  std::string mzh = MeasureZh(ind, unit);
  g.text_zh = "还需增加 " + n + " " + mzh + (AsciiStart(mzh) ? " " : "") + name_zh;
  auto base = unit.Base();
  if (base && (*base == Dimension::kYears || *base == Dimension::kMonths)) {
    g.text_en = name_en + ": " + n + " more " + UnitLabelEn(unit);
  } else {
    std::string uen = UnitLabelEn(unit);
    g.text_en = n + " " + (uen.empty() ? "" : uen + " ") + "more " + name_en;
  }
}

// Follows names of derived indicators to their definitions.
const Expr* Inline(const RuleSet& rs, const Expr* e) {
  for (int depth = 0; e && e->kind == Expr::Kind::kName && depth < 32; ++depth) {
    const Derived* d = rs.FindDerived(e->name);
    if (!d) break;
    e = d->expr.get();
  }
  return e;
}

double RoundUpWhole(double need, bool strict) {
  if (strict) return std::floor(need + 1e-9) + 1;
  return std::ceil(need - 1e-9);
}

// One text for one failed clause.
Gap ClauseGap(const RuleSet& rs, const Criterion& crit, const Clause& clause,
              const ClauseResult& cr, const IndicatorValues& values) {
  Gap g;
  g.criterion_id = crit.id;
  g.name_zh = clause.name_zh.empty() ? crit.name_zh : clause.name_zh;
  g.name_en = clause.name_en.empty() ? crit.name_en : clause.name_en;
  g.outcome = Outcome::kFail;
  g.unit = clause.unit;
  const Expr* lhs = Inline(rs, clause.lhs.get());
  const Indicator* direct =
      lhs && lhs->kind == Expr::Kind::kName ? FindIndicator(lhs->name) : nullptr;

  if (clause.unit.is_bool) {
    std::string zh = direct ? direct->name_zh : g.name_zh;
    std::string en = direct ? direct->name_en : g.name_en;
    if (direct) g.indicator = direct->id;
    g.text_zh = "需满足：" + zh;
    g.text_en = "required: " + en;
    return g;
  }
  double value = *cr.value, threshold = *cr.threshold;
  bool strict = cr.op == ClauseOp::kGt || cr.op == ClauseOp::kLt;

  if (cr.op == ClauseOp::kLe || cr.op == ClauseOp::kLt) {
    double excess = value - threshold;
    if (clause.unit.IsWholeNumber()) excess = RoundUpWhole(excess, strict);
    g.amount = excess;
    if (direct) g.indicator = direct->id;
    std::string n = FormatAmount(excess);
    std::string mzh = UnitLabelZh(clause.unit), men = UnitLabelEn(clause.unit);
    if (clause.unit.IsRatio()) {
      n = FormatAmount(excess * 100);
      mzh = "个百分点";
      men = "percentage points";
    }
    g.text_zh = g.name_zh + "超出上限 " + n + " " + mzh;
    g.text_en = g.name_en + " exceeds the limit by " + n + (men.empty() ? "" : " " + men);
    return g;
  }
  if (cr.op == ClauseOp::kGe || cr.op == ClauseOp::kGt) {
    // a / b >= t: raise a by t·b − a, holding b.
    if (lhs && lhs->kind == Expr::Kind::kBinary && lhs->op == BinaryOp::kDiv) {
      const Expr* num = Inline(rs, lhs->args[0].get());
      const Indicator* ind =
          num && num->kind == Expr::Kind::kName ? FindIndicator(num->name) : nullptr;
      auto den = EvaluateIn(rs, values, *lhs->args[1]);
      auto it = ind ? values.values.find(ind->id) : values.values.end();
      if (ind && den && *den > 0 && it != values.values.end()) {
        double need = threshold * *den - it->second.value;
        if (ind->unit.IsWholeNumber()) need = RoundUpWhole(need, strict);
        if (need > 0) {
          g.indicator = ind->id;
          g.amount = need;
          g.unit = ind->unit;
          MoreTexts(need, ind->unit, ind, ind->name_zh, ind->name_en, g);
          return g;
        }
      }
    }
    double need = threshold - value;
    if (direct) {
      if (direct->unit.IsWholeNumber()) need = RoundUpWhole(need, strict);
      g.indicator = direct->id;
      g.amount = need;
      MoreTexts(need, direct->unit, direct, direct->name_zh, direct->name_en, g);
      return g;
    }
    if (clause.unit.IsWholeNumber()) need = RoundUpWhole(need, strict);
    g.amount = need;
    if (clause.unit.IsRatio()) {
      g.text_zh = g.name_zh + "还差 " + FormatAmount(need * 100) + " 个百分点";
      g.text_en = FormatAmount(need * 100) + " percentage points short on " + g.name_en;
    } else {
      MoreTexts(need, clause.unit, nullptr, g.name_zh, g.name_en, g);
    }
    return g;
  }
  // == / != on numbers.
  g.text_zh = g.name_zh + "应" + (cr.op == ClauseOp::kNe ? "不" : "") + "等于 " +
              FormatAmount(threshold) + "（当前 " + FormatAmount(value) + "）";
  g.text_en = g.name_en + " must " + (cr.op == ClauseOp::kNe ? "not " : "") + "equal " +
              FormatAmount(threshold) + " (now " + FormatAmount(value) + ")";
  return g;
}

}  // namespace

std::vector<Gap> DescribeGaps(const RuleSet& rs, const Verdict& verdict,
                              const IndicatorValues& values) {
  std::vector<Gap> out;
  for (const auto& r : verdict.criteria) {
    const Criterion* crit = rs.FindCriterion(r.id);
    if (!crit || (r.outcome != Outcome::kFail && r.outcome != Outcome::kUnknown)) continue;
    if (r.outcome == Outcome::kUnknown) {
      Gap g;
      g.criterion_id = r.id;
      g.name_zh = r.name_zh;
      g.name_en = r.name_en;
      g.outcome = Outcome::kUnknown;
      std::string zh, en;
      for (const auto& m : r.missing) {
        const Indicator* ind = FindIndicator(m);
        zh += (zh.empty() ? "" : "、") + (ind ? ind->name_zh : m);
        en += (en.empty() ? "" : ", ") + (ind ? ind->name_en : m);
      }
      g.text_zh = r.name_zh + "：" + (zh.empty() ? r.reason_zh : "缺少数据（" + zh + "）");
      g.text_en = r.name_en + ": " + (en.empty() ? r.reason_en : "missing data (" + en + ")");
      out.push_back(std::move(g));
      continue;
    }
    std::vector<Gap> parts;
    for (size_t i = 0; i < crit->clauses.size(); ++i)
      if (r.clauses[i].outcome == Outcome::kFail)
        parts.push_back(ClauseGap(rs, *crit, crit->clauses[i], r.clauses[i], values));
    if (parts.empty()) continue;
    // Alternatives: the deciding (closest) one carries the amount; texts list them all.
    size_t lead = 0;
    for (size_t i = 0, k = 0; i < crit->clauses.size(); ++i) {
      if (r.clauses[i].outcome != Outcome::kFail) continue;
      if (i == r.deciding_clause) lead = k;
      ++k;
    }
    Gap g = parts[lead];
    g.criterion_id = r.id;
    g.name_zh = r.name_zh;
    g.name_en = r.name_en;
    if (parts.size() > 1) {
      g.text_zh.clear();
      g.text_en.clear();
      for (const auto& p : parts) {
        g.text_zh += (g.text_zh.empty() ? "" : "；或") + p.text_zh;
        g.text_en += (g.text_en.empty() ? "" : "; or ") + p.text_en;
      }
    }
    out.push_back(std::move(g));
  }
  return out;
}

std::optional<Level> NextLevel(Level current) {
  switch (current) {
    case Level::kNone:
      return Level::kProvincial;
    case Level::kProvincial:
      return Level::kStandard;
    case Level::kNational:
    case Level::kStandard:
      return Level::kExcellence;
    default:
      return std::nullopt;
  }
}

core::Result<NextTier> SelectNextTier(const std::vector<RuleSet>& sets, Level current,
                                      std::string_view province, const core::Date& on) {
  auto next = NextLevel(current);
  if (!next)
    return core::Fail(core::ErrorCode::kNotFound, "no_next_tier",
                      std::string("级别 ") + LevelName(current) + " 没有更高的梯度",
                      std::string("level ") + LevelName(current) + " has no next tier");
  auto pick = [&](Level level, std::string_view jurisdiction) -> const RuleSet* {
    const RuleSet* best = nullptr;
    for (const auto& rs : sets) {
      if (rs.kind != RuleKind::kRecognition || rs.subject != Subject::kCarrier ||
          rs.level != level || rs.jurisdiction != jurisdiction || !rs.EffectiveOn(on))
        continue;
      auto key = [](const RuleSet* r) {
        return std::make_pair(r->effective_from.value_or(core::Date::Of(1, 1, 1)), r->version);
      };
      if (!best || key(&rs) > key(best)) best = &rs;
    }
    return best;
  };
  NextTier t;
  t.level = *next;
  if (*next == Level::kProvincial) {
    t.rule_set = pick(Level::kProvincial, province);
    if (!t.rule_set) {
      t.rule_set = pick(Level::kProvincial, "default");
      t.provincial_default = t.rule_set != nullptr;
    }
  } else {
    t.rule_set = pick(*next, "national");
    if (!t.rule_set && *next == Level::kStandard) {
      // Before MIIT's 2025 rules the tier above 省级 was MOST's 国家级.
      t.rule_set = pick(Level::kNational, "national");
      if (t.rule_set) t.level = Level::kNational;
    }
  }
  if (!t.rule_set)
    return core::Fail(
        core::ErrorCode::kNotFound, "no_rule_set",
        std::string("在 ") + on.ToString() + " 没有适用于 " + LevelName(*next) + " 的认定规则",
        std::string("no recognition rule set for ") + LevelName(*next) + " is in force on " +
            on.ToString());
  return t;
}

core::Result<Distance> DistanceToNextTier(const std::vector<RuleSet>& sets, Level current,
                                          std::string_view province, const core::Date& on,
                                          const IndicatorValues& values) {
  auto tier = SelectNextTier(sets, current, province, on);
  if (!tier) return tl::unexpected(tier.error());
  Distance d;
  d.tier = *tier;
  d.verdict = Evaluate(*tier->rule_set, values);
  d.gaps = DescribeGaps(*tier->rule_set, d.verdict, values);
  return d;
}

double Attainment(const Verdict& v) {
  if (v.max_score > 0) return v.score / v.max_score;
  double sum = 0;
  int n = 0;
  for (const auto& c : v.criteria) {
    if (c.outcome == Outcome::kNotApplicable) continue;
    ++n;
    if (c.outcome == Outcome::kUnknown) continue;
    bool numeric = c.value && c.threshold && !c.unit.is_bool && *c.threshold > 0 &&
                   (c.op == ClauseOp::kGe || c.op == ClauseOp::kGt);
    if (numeric)
      sum += std::clamp(*c.value / *c.threshold, 0.0, 2.0);
    else
      sum += c.outcome == Outcome::kPass ? 1 : 0;
  }
  return n ? sum / n : 0;
}

int ExcellenceQuota(int recommendations, double share) {
  if (recommendations <= 0 || share <= 0) return 0;
  return static_cast<int>(std::ceil(recommendations * share - 1e-9));
}

std::vector<RankedCandidate> RankExcellenceCandidates(
    std::vector<ExcellenceCandidate> candidates, const std::map<std::string, int>& recommendations,
    double quota_share) {
  std::sort(candidates.begin(), candidates.end(),
            [](const ExcellenceCandidate& a, const ExcellenceCandidate& b) {
              if (a.province != b.province) return a.province < b.province;
              if (a.qualifies != b.qualifies) return a.qualifies;
              if (a.merit != b.merit) return a.merit > b.merit;
              return a.carrier_id < b.carrier_id;
            });
  std::vector<RankedCandidate> out;
  for (size_t i = 0; i < candidates.size();) {
    size_t j = i;
    while (j < candidates.size() && candidates[j].province == candidates[i].province) ++j;
    auto it = recommendations.find(candidates[i].province);
    int total = it != recommendations.end() ? it->second : static_cast<int>(j - i);
    int quota = ExcellenceQuota(total, quota_share);
    for (size_t k = i; k < j; ++k) {
      RankedCandidate r;
      r.candidate = candidates[k];
      r.rank = static_cast<int>(k - i) + 1;
      r.quota = quota;
      r.within_quota = r.candidate.qualifies && r.rank <= quota;
      out.push_back(std::move(r));
    }
    i = j;
  }
  return out;
}

}  // namespace incunet::domain::standards
