#pragma once
// The storage port of the statistics: the raw rows reduced to domain::stats::Facts, and a
// generation number that changes with every audited write, so a cache of figures keyed by it is
// dropped by any write on any server sharing the database.
#include <cstdint>

#include "domain/stats/facts.hpp"

namespace incunet::app::stats {

class StatsRepo {
 public:
  virtual ~StatsRepo() = default;
  // The id of the newest audit row: every mutation appends one in its own transaction.
  virtual std::int64_t Generation() = 0;
  // Every carrier, enterprise, stay, qualification, listing, financing and event, read in a
  // handful of streaming queries. The result is Index()ed.
  virtual domain::stats::Facts LoadFacts() = 0;
};

}  // namespace incunet::app::stats
