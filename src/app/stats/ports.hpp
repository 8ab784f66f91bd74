#pragma once
// The storage port of the statistics: the raw rows reduced to domain::stats::Facts, a change seq
// that moves with every write to a row the statistics read (on any server sharing the database),
// and the carriers and enterprises written after a seq, so that a cache keyed by it can replace
// just those.
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/stats/facts.hpp"

namespace incunet::app::stats {

// What was written after a generation, as ids (sorted, unique).
struct Changes {
  std::int64_t generation = 0;         // the newest seq seen: the generation these changes lead to
  bool regions = false;                // the region tree changed
  std::vector<std::int64_t> carriers;  // carriers, their recognitions, overseas sites, events
  std::vector<std::int64_t> enterprises;  // enterprises, qualifications, listings, financings,
                                          // stays
};

class StatsRepo {
 public:
  virtual ~StatsRepo() = default;
  // The id of the newest audit row: every mutation appends one in its own transaction (other
  // modules key their caches on it).
  virtual std::int64_t Generation() = 0;
  // The newest change seq (stats_changes): raised by every insert, update or delete of a row the
  // statistics read, through any path (triggers), in commit order. The statistics cache's key.
  virtual std::int64_t ChangeSeq() = 0;
  // Every carrier, enterprise, stay, qualification, listing, financing and event, read in a
  // handful of streaming queries. The result is Index()ed.
  virtual domain::stats::Facts LoadFacts() = 0;
  // The changes after `generation`; nullopt when there are more than `limit` (a full read is then
  // cheaper).
  virtual std::optional<Changes> ChangesSince(std::int64_t generation, std::size_t limit) = 0;
  // Fills patch.carriers, countries and events for patch.carrier_ids, regions resolved in `base`.
  virtual void LoadCarriers(const domain::stats::Facts& base, domain::stats::FactsPatch& patch) = 0;
  // Fills patch.enterprises and stays for patch.enterprise_ids.
  virtual void LoadEnterprises(const domain::stats::Facts& base,
                               domain::stats::FactsPatch& patch) = 0;
};

}  // namespace incunet::app::stats
