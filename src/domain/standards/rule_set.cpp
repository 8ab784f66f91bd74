#include "domain/standards/rule_set.hpp"

namespace incunet::domain::standards {
namespace {

template <typename E, size_t N>
std::optional<E> ParseName(std::string_view s, const std::pair<E, const char*> (&table)[N]) {
  for (const auto& [e, name] : table)
    if (s == name) return e;
  return std::nullopt;
}

template <typename E, size_t N>
const char* NameOf(E e, const std::pair<E, const char*> (&table)[N]) {
  for (const auto& [v, name] : table)
    if (v == e) return name;
  return "?";
}

constexpr std::pair<RuleKind, const char*> kKinds[] = {
    {RuleKind::kRecognition, "recognition"}, {RuleKind::kEligibility, "eligibility"},
    {RuleKind::kGraduation, "graduation"},   {RuleKind::kTax, "tax"},
    {RuleKind::kEvaluation, "evaluation"},   {RuleKind::kFiling, "filing"}};
constexpr std::pair<CombineMode, const char*> kCombines[] = {
    {CombineMode::kAll, "all"}, {CombineMode::kAny, "any"}, {CombineMode::kScore, "score"}};
constexpr std::pair<Level, const char*> kLevels[] = {
    {Level::kNone, "none"},
    {Level::kProvincial, "provincial"},
    {Level::kNational, "national"},
    {Level::kStandard, "standard"},
    {Level::kExcellence, "excellence"},
    {Level::kMakerspaceFiling, "makerspace_filing"}};
constexpr std::pair<ClauseOp, const char*> kOps[] = {{ClauseOp::kGe, ">="}, {ClauseOp::kGt, ">"},
                                                     {ClauseOp::kLe, "<="}, {ClauseOp::kLt, "<"},
                                                     {ClauseOp::kEq, "=="}, {ClauseOp::kNe, "!="}};

}  // namespace

const char* RuleKindName(RuleKind k) { return NameOf(k, kKinds); }
const char* CombineModeName(CombineMode m) { return NameOf(m, kCombines); }
const char* LevelName(Level l) { return NameOf(l, kLevels); }
const char* ClauseOpText(ClauseOp op) { return NameOf(op, kOps); }
std::optional<RuleKind> ParseRuleKind(std::string_view s) { return ParseName(s, kKinds); }
std::optional<CombineMode> ParseCombineMode(std::string_view s) { return ParseName(s, kCombines); }
std::optional<Level> ParseLevel(std::string_view s) { return ParseName(s, kLevels); }
std::optional<ClauseOp> ParseClauseOp(std::string_view s) { return ParseName(s, kOps); }

ClauseOp EffectiveOp(ClauseOp op, bool inclusive) {
  if (inclusive) return op;
  if (op == ClauseOp::kGe) return ClauseOp::kGt;
  if (op == ClauseOp::kLe) return ClauseOp::kLt;
  return op;
}

BinaryOp ToBinaryOp(ClauseOp op) {
  switch (op) {
    case ClauseOp::kGe:
      return BinaryOp::kGe;
    case ClauseOp::kGt:
      return BinaryOp::kGt;
    case ClauseOp::kLe:
      return BinaryOp::kLe;
    case ClauseOp::kLt:
      return BinaryOp::kLt;
    case ClauseOp::kEq:
      return BinaryOp::kEq;
    case ClauseOp::kNe:
      return BinaryOp::kNe;
  }
  return BinaryOp::kEq;
}

const Parameter* RuleSet::FindParameter(std::string_view pid) const {
  for (const auto& p : parameters)
    if (p.id == pid) return &p;
  return nullptr;
}

const Derived* RuleSet::FindDerived(std::string_view did) const {
  for (const auto& d : derived)
    if (d.id == did) return &d;
  return nullptr;
}

const Criterion* RuleSet::FindCriterion(std::string_view cid) const {
  for (const auto& c : criteria)
    if (c.id == cid) return &c;
  return nullptr;
}

bool RuleSet::EffectiveOn(const core::Date& d) const {
  if (effective_from && d < *effective_from) return false;
  if (effective_to && d > *effective_to) return false;
  return true;
}

double RuleSet::MaxScore() const {
  double sum = 0;
  if (!groups.empty()) {
    for (const auto& g : groups) sum += g.max_points;
  } else {
    for (const auto& c : criteria) sum += c.weight;
  }
  return sum;
}

}  // namespace incunet::domain::standards
