#include "domain/standards/shipped.hpp"

#include <set>
#include <utility>

#include "core/embedded.hpp"
#include "domain/standards/loader.hpp"

namespace incunet::domain::standards {

core::Result<std::vector<RuleSet>> LoadShippedRuleSets() {
  std::vector<RuleSet> out;
  std::set<std::pair<std::string, int>> seen;
  for (const core::EmbeddedFile* f : core::EmbeddedFilesUnder(kShippedRuleSetDir)) {
    if (!f->path.ends_with(".toml")) continue;
    auto rs = ParseRuleSet(f->content, f->path);
    if (!rs) return tl::unexpected(rs.error());
    if (!seen.insert({rs->id, rs->version}).second)
      return core::Fail(core::Error{
          core::ErrorCode::kConflict,
          "duplicate_rule_set",
          "规则集 " + rs->id + " 版本 " + std::to_string(rs->version) + " 重复（" + f->path + "）",
          "rule set " + rs->id + " version " + std::to_string(rs->version) + " is shipped twice (" +
              f->path + ")",
          {{"file", f->path}}});
    out.push_back(std::move(*rs));
  }
  return out;
}

}  // namespace incunet::domain::standards
