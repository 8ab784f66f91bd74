#pragma once
// What changed between two versions of a rule set, for the rule-set browser: header fields,
// parameters, derived indicators, criteria and relaxations added, removed or changed, each change
// naming the field with its old and new text. Pure; items in the order of the newer version,
// removed ones after.
#include <string>
#include <vector>

#include "domain/standards/rule_set.hpp"

namespace incunet::domain::standards {

struct FieldChange {
  std::string field;  // "value", "clauses[0].threshold", "citation" …
  std::string from;   // "" when absent
  std::string to;
};

struct ItemDiff {
  std::string id;
  std::string change;  // "added" | "removed" | "changed"
  std::string name_zh;
  std::string name_en;
  std::vector<FieldChange> fields;  // for "changed"
};

struct RuleSetDiff {
  std::vector<FieldChange> header;
  std::vector<ItemDiff> parameters;
  std::vector<ItemDiff> derived;
  std::vector<ItemDiff> criteria;
  std::vector<ItemDiff> relaxations;
  bool Empty() const {
    return header.empty() && parameters.empty() && derived.empty() && criteria.empty() &&
           relaxations.empty();
  }
};

RuleSetDiff DiffRuleSets(const RuleSet& from, const RuleSet& to);

}  // namespace incunet::domain::standards
