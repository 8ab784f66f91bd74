#pragma once
// A rule set compiled for bulk evaluation. Compiling resolves every name once per version —
// catalogue indicators to slots, parameters to constants, derived indicators and tag flags to
// indices — and flattens the expression trees into one node array; Decide then evaluates a
// subject with no string work and returns a compact Decision. The full explanation (names,
// texts, values with their sources, missing lists) is built only by Explain, for a verdict that
// is stored or shown.
//
// Contract: for every rule set and values, Decide(values) agrees with Evaluate(rule_set, values)
// on outcome, grade, score and provisional, and Explain(values) equals it field for field.
// BoundValues lays a subject's values out by catalogue position once, so that a subject bound
// once can be decided against any number of compiled sets.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "domain/standards/evaluate.hpp"
#include "domain/standards/rule_set.hpp"

namespace incunet::domain::standards {

// A subject's values, by catalogue position. Values whose id is not in the catalogue cannot be
// addressed by slot; a subject holding one (`off_catalogue`) is decided by the interpreter.
class BoundValues {
 public:
  explicit BoundValues(const IndicatorValues& values);

  const IndicatorValues& values() const { return *values_; }
  bool off_catalogue() const { return off_catalogue_; }
  bool Has(int slot) const { return present_[slot] != 0; }
  double Get(int slot) const { return value_[slot]; }

 private:
  const IndicatorValues* values_;
  std::vector<double> value_;
  std::vector<std::uint8_t> present_;
  bool off_catalogue_ = false;
};

// What bulk jobs need of a verdict.
struct Decision {
  Outcome outcome = Outcome::kUnknown;
  int grade = -1;  // index into rule_set.grades; -1 when the set has no grades
  double score = 0;
  bool provisional = false;
};

class CompiledRuleSet {
 public:
  // Keeps `rule_set` alive for as long as the compiled form.
  explicit CompiledRuleSet(std::shared_ptr<const RuleSet> rule_set);
  // `rule_set` must outlive the compiled form.
  explicit CompiledRuleSet(const RuleSet& rule_set);
  ~CompiledRuleSet();
  CompiledRuleSet(CompiledRuleSet&&) noexcept;
  CompiledRuleSet& operator=(CompiledRuleSet&&) noexcept;

  const RuleSet& rule_set() const { return *rule_set_; }

  Decision Decide(const BoundValues& values) const;
  Decision Decide(const IndicatorValues& values) const { return Decide(BoundValues(values)); }
  // The full verdict, as Evaluate(rule_set(), values) gives it.
  Verdict Explain(const IndicatorValues& values) const;
  // The grade's code, "" for none.
  const std::string& GradeCode(const Decision& d) const;

  struct Program;  // the resolved, flattened form (compiled.cpp)

 private:
  void Compile();

  std::shared_ptr<const RuleSet> owner_;
  const RuleSet* rule_set_;
  std::unique_ptr<Program> program_;
};

// The slot of a catalogue indicator in BoundValues, -1 when `id` is not in the catalogue.
int IndicatorSlot(std::string_view id);

}  // namespace incunet::domain::standards
