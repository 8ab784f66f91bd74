#pragma once
// A synthetic but realistic incubation network over the real region tree, deterministic per
// seed: the carriers, parks and firms the seed article names, plus generated ones whose counts
// follow the national figures of DOMAIN.md (carriers since 1987 by kind and province with the
// 2019 Torch counts, county coverage, incubatees and teams with their jobs, technology
// qualifications, financing, graduations, listings on every board including STAR firms that were
// never incubated, events and overseas sites). `small` and `province` are the same network at
// 1.5% and 10% of the national size, so every count scales and every ratio stays. Pure: the
// caller supplies the region table and loads the result.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/regions.hpp"
#include "domain/registry/entities.hpp"
#include "domain/returns/entities.hpp"

namespace incunet::domain::demo {

struct DemoSpec {
  std::string scale = "small";  // small | province | national
  std::uint64_t seed = 1;
  std::string as_of = "2025-12-31";  // the demo's "today"
};

// Relations refer to positions in the vectors (carrier_index, enterprise_index) because ids
// exist only once the loader has written the rows.
struct DemoCluster {
  registry::Cluster cluster;
  std::vector<std::size_t> carrier_indexes;
};
struct DemoIncubation {
  registry::Incubation incubation;
  std::size_t enterprise_index = 0;
  std::size_t carrier_index = 0;
};
struct DemoAccount {
  std::string login;
  std::string role;
  std::string scope_region;
  std::vector<std::size_t> carrier_indexes;
  std::vector<std::size_t> enterprise_indexes;
};
// A startup event (创业活动) held by a carrier.
struct DemoEvent {
  std::size_t carrier_index = 0;
  std::string held_on;
  std::string title;
  std::string kind;  // roadshow | training | competition | salon | matchmaking | lecture
  bool is_public = true;
};
// A financing round of an enterprise (seed, angel, a, b, loan …), amounts in fen.
struct DemoFinancing {
  std::size_t enterprise_index = 0;
  std::string round;
  std::int64_t amount_fen = 0;
  std::string financed_on;
  std::string investor;
};

struct DemoNetwork {
  std::vector<registry::Carrier> carriers;
  std::vector<DemoCluster> clusters;
  std::vector<registry::Enterprise> enterprises;
  std::vector<DemoIncubation> incubations;
  std::vector<DemoEvent> events;
  std::vector<DemoFinancing> financings;
  std::vector<DemoAccount> accounts;  // one per role
  // For the annual returns (returns.hpp), produced while loading: the seed, the as-of date and
  // each carrier's review path (empty when its region is not in the table).
  std::uint64_t seed = 1;
  std::string as_of;
  std::vector<std::vector<returns::ReviewStop>> review_paths;
};

// Size relative to the national network: national 1, province 0.1, small 0.015.
double ScaleFactor(const std::string& scale);
// Generated carriers per scale (before the named ones): ≈ 16,900 nationally by 2025.
std::size_t CarrierCountFor(const std::string& scale);

// `progress(done, total)` is called now and then while the stays are generated.
DemoNetwork GenerateDemo(const DemoSpec& spec, const std::vector<core::RegionRow>& regions,
                         const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace incunet::domain::demo
