#pragma once
// Annual returns of a generated network, consistent with its records: for the past statistical
// years every carrier active at the year end has an accepted return (carrier form; the latest
// past year also carries the per-incubatee form), and for the current year (the demo's as-of
// year) the returns are spread over the workflow: not started, draft, waiting at each stop of
// their review path, returned with a reason, accepted. Counts on the forms are those of the
// generated stays; money items are drawn per carrier and year, and the carrier form's incubatee
// income and R&D are the sums of its rows.
//
// Returns are produced one at a time (a national network has millions of values), so the
// loader streams them into the database instead of holding them all.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "domain/demo/generator.hpp"
#include "domain/returns/entities.hpp"

namespace incunet::domain::demo {

// The past statistical years with accepted returns, before the as-of year.
inline constexpr int kAcceptedReturnYears = 3;

struct DemoReturn {
  std::size_t carrier_index = 0;
  // Header and values; incubatee rows carry the ENTERPRISE INDEX as row_id (the loader adds
  // the id base), reviews are the workflow steps so far (return_id 0).
  returns::AnnualReturn ret;
  std::vector<returns::ReviewEvent> reviews;
};

// Calls `sink` with every return of the network, by year then carrier; deterministic per seed.
void ForEachReturn(const DemoNetwork& net, const std::function<void(const DemoReturn&)>& sink);

}  // namespace incunet::domain::demo
