#include "app/registry/bootstrap.hpp"

#include "core/dates.hpp"
#include "core/regions.hpp"

namespace incunet::app::registry {

std::size_t EnsureRegions(Store& store, const core::Clock& clock) {
  const auto& rows = core::BuiltinRegions();
  std::int64_t have = 0;
  store.Read([&](Tx& tx) { have = tx.regions().Count(); });
  if (have == static_cast<std::int64_t>(rows.size())) return 0;
  std::vector<domain::registry::Region> regions;
  regions.reserve(rows.size());
  for (const auto& r : rows) {
    domain::registry::Region g;
    g.code = r.code;
    g.parent_code = r.parent_code;
    g.level = std::string(core::RegionLevelName(r.level));
    g.name = r.name;
    g.name_en = r.name_en;
    g.flags = r.flags;
    regions.push_back(std::move(g));
  }
  auto st = store.Write([&](Tx& tx) -> core::Status {
    tx.regions().Upsert(regions);
    tx.audit().Append({"system", 0, "regions.load", "regions", "builtin", "",
                       "{\"rows\":" + std::to_string(regions.size()) + "}", ""},
                      core::Rfc3339(clock.Now()));
    return {};
  });
  if (!st) throw std::runtime_error("loading regions failed: " + st.error().message_en);
  return regions.size();
}

std::string EnsureFirstAdmin(identity::IdentityService& ids, Store& store) {
  std::int64_t n = 0;
  store.Read([&](Tx& tx) { n = tx.users().Count(); });
  if (n > 0) return "";
  std::string generated;
  auto u = ids.CreateUser(Actor::Cli(), {"admin", "国家管理员", "national_admin", "", {}, {}}, "",
                          &generated, "bootstrap");
  if (!u) throw std::runtime_error("creating the first admin failed: " + u.error().message_en);
  return generated;
}

}  // namespace incunet::app::registry
