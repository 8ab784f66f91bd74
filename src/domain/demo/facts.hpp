#pragma once
// The statistics' view of a generated network before it is loaded: lets the generator be tuned
// and checked against DOMAIN.md without a database, and lets tests compare the figures computed
// from the loaded rows with the ones computed from what was generated.
#include "domain/demo/generator.hpp"
#include "domain/stats/facts.hpp"

namespace incunet::domain::demo {

// Enterprise i of the network is Facts::enterprises[i] (id i + 1), carrier j is carriers[j].
stats::Facts FactsOf(const DemoNetwork& net, const std::vector<core::RegionRow>& regions);

}  // namespace incunet::domain::demo
