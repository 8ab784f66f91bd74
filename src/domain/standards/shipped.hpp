#pragma once
// The rule sets shipped with the binary (data/standards/*.toml, embedded at build time).
// `migrate` seeds the database from these; the database is the source of truth afterwards.
#include <vector>

#include "core/error.hpp"
#include "domain/standards/rule_set.hpp"

namespace incunet::domain::standards {

inline constexpr const char* kShippedRuleSetDir = "data/standards/";

// Parses every embedded rule file; fails on the first refused file or on two files with the
// same (id, version). Sorted by file path.
core::Result<std::vector<RuleSet>> LoadShippedRuleSets();

}  // namespace incunet::domain::standards
