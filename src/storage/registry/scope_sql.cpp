#include "storage/registry/scope_sql.hpp"

namespace incunet::storage {

using Kind = app::Scope::Kind;

void AddCarrierScope(Where& w, const app::Scope& s, const std::string& alias) {
  if (s.kind == Kind::kNone) w.Never();
}

void AddEnterpriseScope(Where& w, const app::Scope& s, const std::string& a) {
  switch (s.kind) {
    case Kind::kNational: return;
    case Kind::kRegion: {
      std::string like = LikeEscape(s.region_prefix) + "%";
      w.Add(a + ".region_code LIKE ? ESCAPE '\\' OR " + a +
                ".id IN (SELECT i.enterprise_id FROM incubations i JOIN carriers c ON "
                "c.id = i.carrier_id WHERE c.region_code LIKE ? ESCAPE '\\')",
            {like, like});
      return;
    }
    case Kind::kCarriers:
      w.Add(a + ".id IN (SELECT enterprise_id FROM incubations WHERE carrier_id IN (" +
            JoinIds(s.carrier_ids) + "))");
      return;
    case Kind::kEnterprises: w.Add(a + ".id IN (" + JoinIds(s.enterprise_ids) + ")"); return;
    case Kind::kPublic:
    case Kind::kNone: w.Never(); return;
  }
}

void AddIncubationScope(Where& w, const app::Scope& s, const std::string& a) {
  switch (s.kind) {
    case Kind::kNational: return;
    case Kind::kRegion: {
      std::string like = LikeEscape(s.region_prefix) + "%";
      w.Add(a + ".carrier_id IN (SELECT id FROM carriers WHERE region_code LIKE ? ESCAPE '\\') "
                "OR " + a + ".enterprise_id IN (SELECT id FROM enterprises WHERE region_code "
                "LIKE ? ESCAPE '\\')",
            {like, like});
      return;
    }
    case Kind::kCarriers:
      w.Add(a + ".carrier_id IN (" + JoinIds(s.carrier_ids) + ")");
      return;
    case Kind::kEnterprises: w.Add(a + ".enterprise_id IN (" + JoinIds(s.enterprise_ids) + ")"); return;
    case Kind::kPublic:
    case Kind::kNone: w.Never(); return;
  }
}

std::string SortCol(Dialect d, const std::string& col) {
  return d == Dialect::kPostgres ? col + " COLLATE \"C\"" : col;
}

}  // namespace incunet::storage
