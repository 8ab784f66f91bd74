#pragma once
// Applies a rule set to one subject's indicator values and explains the result.
//
// Contract: pure, deterministic and idempotent — the same rule set and values always give the
// same Verdict, criteria in file order and lists sorted. A criterion whose inputs are missing is
// kUnknown, never kPass, and its missing indicators are listed. Margins are signed so that a
// negative margin means "short": value − threshold for >= and >, threshold − value for <= and <.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/standards/rule_set.hpp"

namespace incunet::domain::standards {

enum class Outcome { kPass, kFail, kUnknown, kNotApplicable };
const char* OutcomeName(Outcome o);  // "pass" "fail" "unknown" "not_applicable"

struct IndicatorValue {
  double value = 0;  // booleans 1 / 0
  std::string
      source;  // where it came from: "annual_return:2024", "declared", "records:incubations"
};

struct IndicatorValues {
  std::map<std::string, IndicatorValue, std::less<>> values;
  // Tag lists for tag flags, e.g. tags["technology_domains"] = {"生物医药"}.
  std::map<std::string, std::vector<std::string>, std::less<>> tags;

  IndicatorValues& Set(std::string id, double value, std::string source) {
    values[std::move(id)] = {value, std::move(source)};
    return *this;
  }
  IndicatorValues& SetBool(std::string id, bool value, std::string source) {
    return Set(std::move(id), value ? 1 : 0, std::move(source));
  }
};

struct ValueUsed {
  std::string indicator;
  double value = 0;
  std::string source;
};

struct ClauseResult {
  std::string name_zh;
  std::string name_en;
  std::string lhs_text;
  std::string threshold_text;   // the variant's threshold when one applied
  ClauseOp op = ClauseOp::kGe;  // effective operator, after the inclusive setting
  Unit unit;
  std::optional<double> value;
  std::optional<double> threshold;  // after variants and relaxations
  std::optional<double> margin;     // numeric clauses only
  Outcome outcome = Outcome::kUnknown;
  std::string variant_zh;  // the variant applied, if any
  std::string variant_en;
  std::vector<std::string> relaxations;  // ids of relaxations applied
};

struct CriterionResult {
  std::string id;
  std::string name_zh;
  std::string name_en;
  std::string citation;
  bool provisional = false;  // the criterion, a parameter or a relaxation it uses is provisional
  Outcome outcome = Outcome::kUnknown;
  // The deciding clause, repeated for flat tables: the passing clause with the widest relative
  // margin, else the closest failing one.
  size_t deciding_clause = 0;
  std::optional<double> value;
  std::optional<double> threshold;
  std::optional<double> margin;
  ClauseOp op = ClauseOp::kGe;
  Unit unit;
  std::vector<ClauseResult> clauses;
  std::vector<ValueUsed> values;     // indicators read, with their sources
  std::vector<std::string> missing;  // missing indicators (when kUnknown)
  std::string reason_en;             // why an outcome is unknown without missing values
  std::string reason_zh;
  // Score mode.
  std::string group;
  double weight = 0;
  double points = 0;
};

struct DerivedResult {
  std::string id;
  std::string name_zh;
  std::string name_en;
  Unit unit;
  std::optional<double> value;
};

struct Verdict {
  std::string rule_set_id;
  int rule_set_version = 0;
  // all: pass when every applicable criterion passes; any: pass when one passes; score: pass
  // unless the lowest grade is reached. kUnknown when missing values could change the result.
  Outcome outcome = Outcome::kUnknown;
  std::string grade;  // score mode: the grade code reached ("A"); a lower bound if kUnknown
  std::string grade_name_zh;
  std::string grade_name_en;
  double score = 0;
  double max_score = 0;
  std::vector<CriterionResult> criteria;
  std::vector<DerivedResult> derived;
  std::vector<std::string> missing;  // union over the criteria, sorted
  bool provisional = false;          // any provisional element took part
};

Verdict Evaluate(const RuleSet& rule_set, const IndicatorValues& values);

// Evaluates an expression of `rule_set` (names resolve to its parameters, derived indicators
// and the values) — used to explain gaps. nullopt when unknown.
std::optional<double> EvaluateIn(const RuleSet& rule_set, const IndicatorValues& values,
                                 const Expr& expr);

}  // namespace incunet::domain::standards
