#pragma once
// A synthetic but realistic incubation network over the real region tree, deterministic per
// seed: the carriers, parks and firms the seed article names, plus generated ones spread over
// provinces by weight. Pure: the caller supplies the region table and loads the result.
#include <cstdint>
#include <string>
#include <vector>

#include "core/regions.hpp"
#include "domain/registry/entities.hpp"

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

struct DemoNetwork {
  std::vector<registry::Carrier> carriers;
  std::vector<DemoCluster> clusters;
  std::vector<registry::Enterprise> enterprises;
  std::vector<DemoIncubation> incubations;
  std::vector<DemoAccount> accounts;  // one per role
};

// Carrier counts per scale: small ≈ 240, province ≈ 1,600, national ≈ 16,000.
std::size_t CarrierCountFor(const std::string& scale);

DemoNetwork GenerateDemo(const DemoSpec& spec, const std::vector<core::RegionRow>& regions);

}  // namespace incunet::domain::demo
