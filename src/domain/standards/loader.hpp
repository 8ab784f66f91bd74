#pragma once
// Loads a rule set from TOML text (the format is described in docs/standards.md).
//
// Contract: the text is checked completely before a RuleSet is returned — TOML syntax, unknown
// keys, required fields, unknown indicators or parameters, operators, units, cycles among
// derived indicators and parameters, duplicate ids, score weights against group maxima. A
// refused file yields Error{kInvalid, "invalid_rule_set"} whose details hold "file", "line"
// (1-based), "reason_zh" and "reason_en" (the reason alone; "reason" repeats the English one),
// plus "column" for expression errors; message_zh and message_en repeat them for people. Pure: no
// I/O, no global state.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/standards/rule_set.hpp"

namespace incunet::domain::standards {

core::Result<RuleSet> ParseRuleSet(std::string_view toml_text, std::string_view file_name);

// A copy of `rule_set` with some parameter values replaced (an administrator's edit of a
// provisional value); expression parameters, weights and grade cut-offs are folded again.
// Refuses unknown parameters and a boolean given for a number or vice versa.
core::Result<RuleSet> OverrideParameters(const RuleSet& rule_set,
                                         const std::map<std::string, double>& values);

}  // namespace incunet::domain::standards
