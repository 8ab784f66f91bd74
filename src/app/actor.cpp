#include "app/actor.hpp"

#include <algorithm>

namespace incunet::app {

bool ScopeCoversRegion(const Scope& s, std::string_view region_code) {
  if (s.kind == Scope::Kind::kNational) return true;
  if (s.kind == Scope::Kind::kRegion)
    return !s.region_prefix.empty() && region_code.starts_with(s.region_prefix);
  return false;
}

bool ScopeCoversCarrier(const Scope& s, std::int64_t carrier_id, std::string_view region_code) {
  if (ScopeCoversRegion(s, region_code)) return true;
  if (s.kind == Scope::Kind::kCarriers)
    return std::find(s.carrier_ids.begin(), s.carrier_ids.end(), carrier_id) != s.carrier_ids.end();
  return false;
}

}  // namespace incunet::app
