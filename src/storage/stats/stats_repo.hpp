#pragma once
// Reads the statistics' Facts (app/stats/ports.hpp) with bulk fetches: a national network (a
// million enterprises and stays) loads in seconds on either database.
#include <soci/soci.h>

#include "app/stats/ports.hpp"
#include "storage/database.hpp"

namespace incunet::storage {

class SqlStatsRepo : public app::stats::StatsRepo {
 public:
  SqlStatsRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::int64_t Generation() override;
  std::int64_t ChangeSeq() override;
  domain::stats::Facts LoadFacts() override;
  std::optional<app::stats::Changes> ChangesSince(std::int64_t generation,
                                                  std::size_t limit) override;
  void LoadCarriers(const domain::stats::Facts& base, domain::stats::FactsPatch& patch) override;
  void LoadEnterprises(const domain::stats::Facts& base, domain::stats::FactsPatch& patch) override;

 private:
  soci::session& s_;
  Dialect d_;
};

}  // namespace incunet::storage
