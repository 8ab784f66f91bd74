#include "domain/standards/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace incunet::domain::standards {
namespace {

// Resolves names for one evaluation: values, then parameters, derived indicators (memoised)
// and tag flags.
class Context {
 public:
  Context(const RuleSet& rs, const IndicatorValues& values) : rs_(rs), values_(values) {}

  std::optional<double> Lookup(const std::string& name) {
    if (auto it = values_.values.find(name); it != values_.values.end()) return it->second.value;
    if (const Parameter* p = rs_.FindParameter(name)) return p->value;
    if (const Derived* d = rs_.FindDerived(name)) {
      auto it = derived_.find(name);
      if (it == derived_.end()) {
        std::set<std::string> outer;
        outer.swap(missing_);
        Memo m{Eval(*d->expr), {}};
        m.missing.swap(missing_);
        missing_.swap(outer);
        it = derived_.emplace(name, std::move(m)).first;
      }
      missing_.insert(it->second.missing.begin(), it->second.missing.end());
      return it->second.value;
    }
    if (auto tv = TagValue(name)) return tv->value;
    missing_.insert(name);
    return std::nullopt;
  }

  // Indicators whose absence was met since the last call: only those an unknown result
  // actually depended on (Kleene logic skips the rest).
  std::set<std::string> TakeMissing() {
    std::set<std::string> out;
    out.swap(missing_);
    return out;
  }

  std::optional<double> Eval(const Expr& e) {
    return EvaluateExpression(e, [this](const std::string& n) { return Lookup(n); });
  }
  std::optional<double> Eval(const ExprPtr& e) { return e ? Eval(*e) : std::nullopt; }

  // The value of an indicator with its source, from the values or a tag flag.
  std::optional<IndicatorValue> Indicator(const std::string& id) const {
    if (auto it = values_.values.find(id); it != values_.values.end()) return it->second;
    return TagValue(id);
  }

 private:
  std::optional<IndicatorValue> TagValue(const std::string& id) const {
    for (const auto& tf : rs_.tag_flags) {
      if (tf.indicator != id) continue;
      auto it = values_.tags.find(tf.tag);
      if (it == values_.tags.end()) return std::nullopt;
      bool hit = std::any_of(it->second.begin(), it->second.end(), [&](const std::string& t) {
        return std::find(tf.any_of.begin(), tf.any_of.end(), t) != tf.any_of.end();
      });
      return IndicatorValue{hit ? 1.0 : 0.0, "tags:" + tf.tag};
    }
    return std::nullopt;
  }

  struct Memo {
    std::optional<double> value;
    std::set<std::string> missing;
  };

  const RuleSet& rs_;
  const IndicatorValues& values_;
  std::map<std::string, Memo> derived_;
  std::set<std::string> missing_;
};

// Margin relative to the threshold, to compare alternatives in different units.
double Relative(const ClauseResult& c) {
  if (!c.margin) return c.outcome == Outcome::kPass ? 0 : -1;
  double scale = std::max(1e-12, std::fabs(c.threshold.value_or(0)));
  return *c.margin / scale;
}

ClauseResult EvaluateClause(Context& ctx, const RuleSet& rs, const Criterion& crit,
                            const Clause& clause) {
  ClauseResult r;
  r.name_zh = clause.name_zh;
  r.name_en = clause.name_en;
  r.lhs_text = clause.lhs_text;
  r.threshold_text = clause.threshold_text;
  r.unit = clause.unit;
  r.op = EffectiveOp(clause.op, crit.inclusive.value_or(rs.inclusive));
  r.value = ctx.Eval(clause.lhs);

  const Expr* threshold = clause.threshold.get();
  bool threshold_known = true;
  for (const auto& v : clause.variants) {
    auto w = ctx.Eval(v.when);
    if (!w) {
      threshold_known = false;  // which threshold applies depends on a missing value
      break;
    }
    if (*w != 0) {
      threshold = v.threshold.get();
      r.threshold_text = v.threshold_text;
      r.variant_zh = v.name_zh;
      r.variant_en = v.name_en;
      break;
    }
  }
  if (threshold_known) r.threshold = ctx.Eval(*threshold);
  for (const auto& rel : rs.relaxations) {
    if (std::find(rel.criteria.begin(), rel.criteria.end(), crit.id) == rel.criteria.end())
      continue;
    auto w = ctx.Eval(rel.when);
    if (!w) {
      r.threshold.reset();
      continue;
    }
    if (*w == 0) continue;
    auto f = ctx.Eval(rel.factor);
    if (!f || !r.threshold) {
      r.threshold.reset();
      continue;
    }
    *r.threshold *= *f;
    r.relaxations.push_back(rel.id);
  }

  if (!r.value || !r.threshold) {
    r.outcome = Outcome::kUnknown;
    return r;
  }
  r.outcome = Compare(*r.value, ToBinaryOp(r.op), *r.threshold) ? Outcome::kPass : Outcome::kFail;
  if (!clause.unit.is_bool) {
    if (r.op == ClauseOp::kGe || r.op == ClauseOp::kGt) r.margin = *r.value - *r.threshold;
    if (r.op == ClauseOp::kLe || r.op == ClauseOp::kLt) r.margin = *r.threshold - *r.value;
    // Values that differ from the threshold only by rounding show a margin of zero.
    if (r.margin && std::fabs(*r.margin) <=
                        1e-9 * std::max({1.0, std::fabs(*r.value), std::fabs(*r.threshold)}))
      r.margin = 0.0;
  }
  return r;
}

double Points(const CriterionResult& r, const Criterion& c) {
  if (r.outcome == Outcome::kNotApplicable) return c.weight;
  if (r.outcome == Outcome::kUnknown) return 0;
  const ClauseResult& cl = r.clauses[r.deciding_clause];
  bool linear = c.scoring == Scoring::kLinear && c.clauses.size() == 1 && !cl.unit.is_bool &&
                cl.value && cl.threshold;
  if (!linear || r.outcome == Outcome::kPass) return r.outcome == Outcome::kPass ? c.weight : 0;
  double v = *cl.value, t = *cl.threshold, share = 0;
  if (cl.op == ClauseOp::kGe || cl.op == ClauseOp::kGt)
    share = t > 0 ? v / t : 0;
  else if (cl.op == ClauseOp::kLe || cl.op == ClauseOp::kLt)
    share = v > 0 ? t / v : 1;
  return c.weight * std::clamp(share, 0.0, 1.0);
}

}  // namespace

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kPass:
      return "pass";
    case Outcome::kFail:
      return "fail";
    case Outcome::kUnknown:
      return "unknown";
    case Outcome::kNotApplicable:
      return "not_applicable";
  }
  return "unknown";
}

std::optional<double> EvaluateIn(const RuleSet& rule_set, const IndicatorValues& values,
                                 const Expr& expr) {
  Context ctx(rule_set, values);
  return ctx.Eval(expr);
}

Verdict Evaluate(const RuleSet& rs, const IndicatorValues& values) {
  Context ctx(rs, values);
  Verdict v;
  v.rule_set_id = rs.id;
  v.rule_set_version = rs.version;
  v.provisional = rs.provisional;
  std::set<std::string> missing_all;

  for (const auto& c : rs.criteria) {
    CriterionResult r;
    r.id = c.id;
    r.name_zh = c.name_zh;
    r.name_en = c.name_en;
    r.citation = c.citation;
    r.group = c.group;
    r.weight = c.weight;
    r.provisional = c.provisional || rs.provisional;
    for (const auto& p : c.parameters)
      if (const Parameter* param = rs.FindParameter(p); param && param->provisional)
        r.provisional = true;

    ctx.TakeMissing();
    std::optional<double> applies = 1.0;
    if (c.applies_when) applies = ctx.Eval(c.applies_when);
    for (const auto& clause : c.clauses) r.clauses.push_back(EvaluateClause(ctx, rs, c, clause));
    for (const auto& cl : r.clauses)
      for (const auto& rel_id : cl.relaxations)
        for (const auto& rel : rs.relaxations)
          if (rel.id == rel_id && rel.provisional) r.provisional = true;

    // Deciding clause: best passing, else best known, else the first.
    int best = -1;
    for (size_t i = 0; i < r.clauses.size(); ++i) {
      const auto& cl = r.clauses[i];
      if (cl.outcome == Outcome::kUnknown) continue;
      if (best < 0) {
        best = static_cast<int>(i);
        continue;
      }
      const auto& b = r.clauses[best];
      bool better = (cl.outcome == Outcome::kPass) != (b.outcome == Outcome::kPass)
                        ? cl.outcome == Outcome::kPass
                        : Relative(cl) > Relative(b);
      if (better) best = static_cast<int>(i);
    }
    r.deciding_clause = best < 0 ? 0 : static_cast<size_t>(best);
    bool any_pass = std::any_of(r.clauses.begin(), r.clauses.end(), [](const ClauseResult& cl) {
      return cl.outcome == Outcome::kPass;
    });
    bool any_unknown = std::any_of(r.clauses.begin(), r.clauses.end(), [](const ClauseResult& cl) {
      return cl.outcome == Outcome::kUnknown;
    });
    if (applies && *applies == 0)
      r.outcome = Outcome::kNotApplicable;
    else if (!applies)
      r.outcome = Outcome::kUnknown;
    else
      r.outcome = any_pass ? Outcome::kPass : any_unknown ? Outcome::kUnknown : Outcome::kFail;

    const ClauseResult& d = r.clauses[r.deciding_clause];
    r.value = d.value;
    r.threshold = d.threshold;
    r.margin = d.margin;
    r.op = d.op;
    r.unit = d.unit;

    std::set<std::string> missing = ctx.TakeMissing();
    for (const auto& id : c.indicators)
      if (auto iv = ctx.Indicator(id)) r.values.push_back({id, iv->value, iv->source});
    if (r.outcome == Outcome::kUnknown) r.missing.assign(missing.begin(), missing.end());
    if (r.outcome == Outcome::kUnknown && r.missing.empty()) {
      r.reason_en = "a value is undefined (division by zero)";
      r.reason_zh = "存在无法计算的值（除以零）";
    }
    missing_all.insert(r.missing.begin(), r.missing.end());
    if (rs.combine == CombineMode::kScore) {
      r.points = Points(r, c);
      v.score += r.points;
    }
    if (r.provisional) v.provisional = true;
    v.criteria.push_back(std::move(r));
  }

  for (const auto& d : rs.derived)
    v.derived.push_back({d.id, d.name_zh, d.name_en, d.unit, ctx.Lookup(d.id)});
  v.missing.assign(missing_all.begin(), missing_all.end());

  auto count = [&](Outcome o) {
    return std::count_if(v.criteria.begin(), v.criteria.end(),
                         [&](const CriterionResult& r) { return r.outcome == o; });
  };
  switch (rs.combine) {
    case CombineMode::kAll:
      v.outcome = count(Outcome::kFail) > 0      ? Outcome::kFail
                  : count(Outcome::kUnknown) > 0 ? Outcome::kUnknown
                                                 : Outcome::kPass;
      break;
    case CombineMode::kAny:
      v.outcome = count(Outcome::kPass) > 0      ? Outcome::kPass
                  : count(Outcome::kUnknown) > 0 ? Outcome::kUnknown
                                                 : Outcome::kFail;
      break;
    case CombineMode::kScore: {
      v.max_score = rs.MaxScore();
      v.score = std::round(v.score * 1e6) / 1e6;  // keeps printed scores stable
      const Grade* reached = rs.grades.empty() ? nullptr : &rs.grades.back();
      for (const auto& g : rs.grades)
        if (Compare(v.score, BinaryOp::kGe, g.min_score_value)) {
          reached = &g;
          break;
        }
      if (reached) {
        v.grade = reached->code;
        v.grade_name_zh = reached->name_zh;
        v.grade_name_en = reached->name_en;
      }
      bool lowest = reached == &rs.grades.back();
      v.outcome = count(Outcome::kUnknown) > 0 ? Outcome::kUnknown
                  : lowest                     ? Outcome::kFail
                                               : Outcome::kPass;
      break;
    }
  }
  return v;
}

}  // namespace incunet::domain::standards
