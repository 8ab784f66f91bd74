#pragma once
// The rule-set model: a versioned, data-defined standard (recognition, eligibility, graduation,
// tax, evaluation, filing). Rule sets are built only by ParseRuleSet (loader.hpp), which checks
// every reference, unit and cycle; the structs are plain values and cheap to copy (expressions
// are shared, immutable).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.hpp"
#include "domain/standards/expression.hpp"
#include "domain/standards/indicators.hpp"
#include "domain/standards/units.hpp"

namespace incunet::domain::standards {

enum class RuleKind { kRecognition, kEligibility, kGraduation, kTax, kEvaluation, kFiling };
enum class CombineMode { kAll, kAny, kScore };
// Levels a recognition or filing rule set grants; kNone for the other kinds.
enum class Level { kNone, kProvincial, kNational, kStandard, kExcellence, kMakerspaceFiling };
// The clause operator as written. kGe/kLe stand for 以上/以下 and follow the inclusive setting;
// kGt/kLt are always strict; kEq/kNe compare exactly (within rounding).
enum class ClauseOp { kGe, kGt, kLe, kLt, kEq, kNe };

const char* RuleKindName(RuleKind k);
const char* CombineModeName(CombineMode m);
const char* LevelName(Level l);  // "none" "provincial" "national" "standard" "excellence" ...
const char* ClauseOpText(ClauseOp op);
// The operator a clause compares with once the inclusive setting is applied (以上 exclusive → >).
ClauseOp EffectiveOp(ClauseOp op, bool inclusive);
BinaryOp ToBinaryOp(ClauseOp op);
std::optional<RuleKind> ParseRuleKind(std::string_view s);
std::optional<CombineMode> ParseCombineMode(std::string_view s);
std::optional<Level> ParseLevel(std::string_view s);
std::optional<ClauseOp> ParseClauseOp(std::string_view s);

struct Parameter {
  std::string id;
  std::string name_zh;
  std::string name_en;
  Unit unit;
  double value = 0;  // booleans 1 / 0; for an expression parameter, its folded value
  ExprPtr expr;      // set when the value is an expression over other parameters
  std::string expr_text;
  bool provisional = false;
  std::string citation;  // document number and article
  std::string description_zh;
  std::string description_en;
  int line = 0;
};

// An indicator computed from others, e.g. incubatee_area_share = incubatee_used_area_m2 /
// self_controlled_area_m2.
struct Derived {
  std::string id;
  std::string name_zh;
  std::string name_en;
  Unit unit;
  ExprPtr expr;
  std::string expr_text;
  int line = 0;
};

// Replaces a clause's threshold when `when` holds; the first matching variant wins.
struct Variant {
  std::string name_zh;
  std::string name_en;
  ExprPtr when;
  std::string when_text;
  ExprPtr threshold;
  std::string threshold_text;
  std::string citation;
};

// One comparison `lhs op threshold`. A criterion holds one clause, or several alternatives
// (any_of) of which one must hold.
struct Clause {
  std::string name_zh;  // optional for a single clause (the criterion's name is used)
  std::string name_en;
  ExprPtr lhs;
  std::string lhs_text;
  ClauseOp op = ClauseOp::kGe;
  ExprPtr threshold;
  std::string threshold_text;
  Unit unit;
  std::vector<Variant> variants;
};

enum class Scoring { kLinear, kPass };  // score mode: share of the benchmark, or all-or-nothing

struct Criterion {
  std::string id;
  std::string name_zh;
  std::string name_en;
  std::vector<Clause> clauses;    // size 1, or the alternatives of any_of
  std::optional<bool> inclusive;  // overrides the rule set's setting
  ExprPtr applies_when;           // criterion only applies when this holds
  std::string applies_when_text;
  std::string citation;
  bool provisional = false;
  std::string note_zh;
  std::string note_en;
  // Score mode.
  std::string group;
  double weight = 0;  // folded from weight_expr
  ExprPtr weight_expr;
  std::string weight_text;
  Scoring scoring = Scoring::kLinear;
  // Catalogue indicators this criterion reads, directly or through derived indicators,
  // variants and relaxations; sorted.
  std::vector<std::string> indicators;
  std::vector<std::string> parameters;  // parameters it reads, likewise; sorted
  int line = 0;
};

// Multiplies the thresholds of the listed criteria by `factor` when `when` holds (N10: ×0.8 in
// hardship areas). The factor multiplies whatever the operator; choose it accordingly.
struct Relaxation {
  std::string id;
  std::string name_zh;
  std::string name_en;
  ExprPtr when;
  std::string when_text;
  ExprPtr factor;
  std::string factor_text;
  std::vector<std::string> criteria;
  std::string citation;
  bool provisional = false;
};

// Sets a boolean indicator from a subject's tags when the caller did not supply it, e.g.
// domain_long_limit from technology_domains ∩ {生物医药, 集成电路, 现代农业}.
struct TagFlag {
  std::string indicator;
  std::string tag;
  std::vector<std::string> any_of;
  std::string citation;
  bool provisional = false;
};

struct Group {  // score mode: an indicator group and its maximum points
  std::string id;
  std::string name_zh;
  std::string name_en;
  double max_points = 0;
};

struct Grade {       // score mode: a grade reached from `min_score` (a parameter or number)
  std::string code;  // "A"
  std::string name_zh;
  std::string name_en;
  ExprPtr min_score;
  std::string min_score_text;
  double min_score_value = 0;  // folded
};

struct RuleSet {
  std::string id;  // "RS-MOST-2018"
  int version = 1;
  std::string name_zh;
  std::string name_en;
  std::string document;  // 国科发区〔2018〕300号
  std::string issuer_zh;
  Subject subject = Subject::kCarrier;
  RuleKind kind = RuleKind::kRecognition;
  Level level = Level::kNone;
  std::string jurisdiction;                  // "national", a two-digit province code, or "default"
  std::optional<core::Date> effective_from;  // absent: not known, treated as open
  std::optional<core::Date> effective_to;
  CombineMode combine = CombineMode::kAll;
  bool inclusive = true;  // 以上 / 以下 include the threshold
  bool provisional = false;
  std::string note_zh;
  std::string note_en;
  std::vector<Parameter> parameters;
  std::vector<Derived> derived;
  std::vector<Criterion> criteria;
  std::vector<Relaxation> relaxations;
  std::vector<TagFlag> tag_flags;
  std::vector<Group> groups;
  std::vector<Grade> grades;  // best first
  std::string file_name;

  const Parameter* FindParameter(std::string_view id) const;
  const Derived* FindDerived(std::string_view id) const;
  const Criterion* FindCriterion(std::string_view id) const;
  bool EffectiveOn(const core::Date& d) const;
  double MaxScore() const;  // score mode: sum of group maxima (or of weights without groups)
};

}  // namespace incunet::domain::standards
