#pragma once
// Statistics use cases: the figures of DOMAIN.md for the nation, a province, city or county and
// one carrier, as of any date, with the year before, the funnel, a series of year ends and the
// breakdown by child region (the map's drill-down). Scope: national and provincial aggregates are
// published to everyone; a city, a county or a carrier needs a logged-in caller whose scope
// covers it (403 otherwise, 401 for visitors).
//
// Cache: the facts read from the raw rows and the figures computed from them are kept for the
// current generation (StatsRepo::ChangeSeq, the newest change seq, raised by every write to a
// row the statistics read); the first read after a write on any server sharing the database sees
// a new generation. It then reads only the carriers and enterprises written since (StatsRepo::
// ChangesSince), replaces them in a copy of the facts and patches each cached cube by taking back
// the old rows' share and adding the new one; past kMaxChanges changed entities, or when the region
// tree changed, it reads everything again. Rebuild() skips the cache altogether, so tests and
// `incunet stats verify` can prove both give the same figures.
// Thread-safe: one refresh at a time, readers share the snapshot.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "app/store.hpp"
#include "core/dates.hpp"
#include "domain/stats/figures.hpp"
#include "domain/stats/targets.hpp"

namespace incunet::app::stats {

struct RegionRef {
  std::string code;  // "100000" for the nation
  std::string name;
  std::string level;  // national | province | city | county
  std::string name_en;
};

struct Summary {
  RegionRef region;
  std::string as_of, previous_as_of;
  domain::stats::Figures figures, previous;
};

struct RegionFigures {
  RegionRef region;
  domain::stats::Figures figures;
};

struct Breakdown {
  RegionRef parent;
  std::string as_of;
  domain::stats::Figures parent_figures;
  std::vector<RegionFigures> items;  // children the caller may see, by code
};

struct SeriesPoint {
  std::string as_of;  // YYYY-12-31
  domain::stats::Figures figures;
};

struct Series {
  RegionRef region;
  std::vector<SeriesPoint> points;
};

struct CarrierFigures {
  std::int64_t carrier_id = 0;
  RegionRef region;
  std::string as_of;
  domain::stats::Figures figures, previous;
};

class StatsService {
 public:
  StatsService(Store& store, const core::Clock& now) : store_(store), now_(now) {}
  // Today's civil date (China time) by the injected clock: the default as-of date.
  std::string Today() const;
  // Callers who are answered the same figures share this key, so cached bodies are never served
  // across scopes: national, each region prefix, visitors, logged-in callers of the public
  // scope (investors, experts), and each carrier or enterprise account.
  static std::string AudienceKey(const Actor& a);
  // The years of a series: `to` defaults to this year, `from` to nine years before `to`.
  std::pair<int, int> SeriesWindow(std::optional<int> from, std::optional<int> to) const;

  // `region`: "" or "100000" for the nation, else a province/city/county code. `as_of`: "" for
  // today (China time) or YYYY-MM-DD.
  core::Result<Summary> GetSummary(const Actor& a, const std::string& region,
                                   const std::string& as_of);
  core::Result<Breakdown> ByRegion(const Actor& a, const std::string& parent,
                                   const std::string& as_of);
  // Year ends from `from_year` to `to_year` (at most 40 years).
  core::Result<stats::Series> GetSeries(const Actor& a, const std::string& region, int from_year,
                                        int to_year);
  core::Result<CarrierFigures> ForCarrier(const Actor& a, std::int64_t carrier_id,
                                          const std::string& as_of);

  // Figures straight from the raw rows, bypassing (and not filling) the cache.
  core::Result<domain::stats::Figures> Rebuild(const std::string& region, const std::string& as_of);
  // DOMAIN.md's targets checked on the live figures (scale: see domain/stats/targets.hpp).
  std::vector<domain::stats::TargetCheck> CheckTargets(double scale);
  // The current change generation (StatsRepo::ChangeSeq, one cheap query); callers may cache
  // anything derived from the figures under it.
  std::int64_t Generation();
  // How many times the facts were read in full, and patched after a write (tests of the cache).
  std::int64_t loads() const { return loads_; }
  std::int64_t patches() const { return patches_; }

  // Beyond this many changed carriers and enterprises a full read is about as fast as a patch.
  static constexpr std::size_t kMaxChanges = 100000;

 private:
  struct Snapshot {
    std::int64_t generation = -1;
    std::shared_ptr<const domain::stats::Facts> facts;
    std::mutex mu;
    std::map<domain::stats::Day, std::shared_ptr<const domain::stats::Cube>> cubes;
    std::shared_ptr<const domain::stats::Cube> CubeFor(domain::stats::Day d);
  };
  std::shared_ptr<Snapshot> Current();
  // `base` advanced to the database's current state by reading what changed; null when a full
  // read is needed instead.
  std::shared_ptr<Snapshot> Patch(Tx& tx, Snapshot& base);
  core::Result<domain::stats::Day> AsOf(const std::string& text) const;
  core::Result<std::int32_t> Node(const domain::stats::Facts& f, const Actor& a,
                                  const std::string& region) const;
  static RegionRef Ref(const domain::stats::Facts& f, std::int32_t node);

  Store& store_;
  const core::Clock& now_;
  std::mutex mu_;       // guards snap_
  std::mutex load_mu_;  // one rebuild at a time
  std::shared_ptr<Snapshot> snap_;
  std::shared_ptr<domain::stats::Facts> spare_;  // guarded by load_mu_; see Patch
  std::int64_t loads_ = 0;
  std::int64_t patches_ = 0;
};

// Whether the caller may see a region's figures (national and provinces: everyone).
bool MayView(const Actor& a, const std::string& code, const std::string& level);

}  // namespace incunet::app::stats
