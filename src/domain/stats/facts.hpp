#pragma once
// The raw records the statistics are computed from, reduced to what the figures need: carriers
// with their recognitions and overseas countries, enterprises with the first day they held a
// technology qualification, a listing, a STAR listing and a financing, every incubation stay and
// events counted per carrier and year. storage/stats fills a Facts from the database rows; tests
// build small ones by hand. Dates are day numbers (days since 1970-01-01) so that one national
// snapshot (a million enterprises and stays) stays a few tens of MiB.
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/regions.hpp"

namespace incunet::domain::stats {

using Day = std::int32_t;
// An end that has not happened (open stay, carrier not closed, never listed …).
inline constexpr Day kNever = std::numeric_limits<Day>::max();

// "YYYY-MM-DD" → day number; kNever for empty or malformed text (the callers read validated rows).
Day ParseDay(std::string_view text);
std::string DayToString(Day d);
Day YearEnd(int year);  // YYYY-12-31
int YearOf(Day d);
// The latest calendar year that has fully ended on `d`: the year of d when d is 31 December,
// otherwise the year before.
int LatestFullYear(Day d);

enum CarrierKind : std::uint8_t {
  kIncubator,
  kMakerspace,
  kAccelerator,
  kUniversityPark,
  kIndustrialPark,
  kCarrierKindCount
};
inline constexpr std::array<const char*, kCarrierKindCount> kCarrierKindNames = {
    "incubator", "makerspace", "accelerator", "university_park", "industrial_park"};
// kCarrierKindCount for an unknown name (such carriers count in totals, not in a kind).
CarrierKind ParseCarrierKind(std::string_view name);

// Tiers in ascending precedence; makerspace filing is a recognition but not a tier.
enum Tier : std::uint8_t { kTierNone, kProvincial, kNational, kStandard, kExcellence, kTierCount };
inline constexpr std::array<const char*, kTierCount> kTierNames = {"none", "provincial", "national",
                                                                   "standard", "excellence"};
inline constexpr std::uint8_t kMakerspaceFiling = kTierCount;  // RecognitionFact::level value
// Recognition level name → Tier value or kMakerspaceFiling; 255 for unknown names.
std::uint8_t ParseRecognitionLevel(std::string_view level);

// A region of the tree plus the synthetic national root (index 0, code "100000").
struct RegionNode {
  std::string code;
  std::string name;
  std::string level;  // national | province | city | county | zone | country
  std::int32_t parent = -1;
  bool coverage_unit = false;  // core::IsCoverageUnit
  std::string name_en;         // pinyin (empty when the region list has none)
};

struct RecognitionFact {
  std::uint8_t level = kTierNone;  // Tier or kMakerspaceFiling
  Day from = 0;
  Day to = kNever;  // inclusive last day; kNever when open-ended
};

struct CarrierFact {
  std::int64_t id = 0;
  std::uint8_t kind = kCarrierKindCount;
  std::int32_t region = -1;  // node of the county-level unit (or county-less city) of the site
  Day founded = 0;
  Day closed = kNever;
  std::vector<RecognitionFact> recognitions;
  std::vector<std::uint16_t> countries;  // indexes into Facts::countries
};

struct EnterpriseFact {
  std::int64_t id = 0;
  std::int32_t seat = -1;   // node of the enterprise's registered region (-1 when not in the tree)
  bool registered = false;  // has a USCC (a startup team has none)
  bool team = false;
  std::int32_t employees = 0;
  Day tech_since = kNever;      // first valid_from of a tech_sme or high_tech qualification
  Day listed_since = kNever;    // first listing on any board
  Day star_since = kNever;      // first STAR-market listing
  Day financed_since = kNever;  // first financing round
};

struct StayFact {
  std::int32_t enterprise = 0;  // index into Facts::enterprises
  std::int32_t carrier = 0;     // index into Facts::carriers
  Day admitted = kNever;        // kNever: never admitted (an application only)
  Day ended = kNever;           // kNever: still open
  bool graduated = false;       // ended as a graduation (on `ended`)
};

struct EventCount {
  std::int32_t carrier = 0;  // index into Facts::carriers
  std::int32_t year = 0;
  std::int64_t count = 0;
};

struct Facts {
  std::vector<RegionNode> regions;  // [0] is the national root
  std::vector<CarrierFact> carriers;
  std::vector<EnterpriseFact> enterprises;
  std::vector<StayFact> stays;  // any order; Index() sorts them by enterprise
  std::vector<EventCount> events;
  std::vector<std::string> countries;  // ISO codes referenced by CarrierFact::countries

  // Derived by Index(): the chain of each node (itself, then ancestors up to the root), the
  // number of coverage units under each node, stays grouped by enterprise and by carrier.
  std::vector<std::array<std::int32_t, 5>> chains;  // -1 terminated
  std::vector<std::int64_t> coverage_units;
  std::vector<std::int32_t> stay_offsets;  // enterprise i: stays[off[i], off[i+1])
  std::vector<std::int32_t> carrier_stay_offsets;
  std::vector<std::int32_t> carrier_stays;  // stay indexes grouped by carrier
  std::vector<std::int32_t> carrier_event_offsets;
  std::vector<std::int32_t> carrier_events;  // event indexes grouped by carrier

  // Must be called once after filling the vectors and before computing figures.
  void Index();
  // Node index of a code ("100000" or "" for the root), or -1.
  std::int32_t FindRegion(std::string_view code) const;
  std::int32_t FindCarrier(std::int64_t id) const;

 private:
  std::vector<std::pair<std::string, std::int32_t>> region_index_;  // sorted by code
  std::vector<std::pair<std::int64_t, std::int32_t>> carrier_index_;
};

// The current rows of the carriers and enterprises that changed since a Facts was read (see
// app/stats/ports.hpp): ApplyPatch replaces exactly those in a copy, so the statistics cache does
// not read the million untouched rows again after a write.
struct StayRow {
  std::int64_t enterprise_id = 0;
  std::int64_t carrier_id = 0;
  Day admitted = kNever;
  Day ended = kNever;
  bool graduated = false;
};

struct EventRow {
  std::int64_t carrier_id = 0;
  std::int32_t year = 0;
  std::int64_t count = 0;
};

struct FactsPatch {
  std::vector<std::int64_t> carrier_ids;  // sorted, unique: every carrier to replace
  std::vector<CarrierFact> carriers;      // those of carrier_ids still present, sorted by id;
                                          // CarrierFact::countries index `countries` below
  std::vector<std::string> countries;
  std::vector<EventRow> events;              // event counts of carrier_ids
  std::vector<std::int64_t> enterprise_ids;  // sorted, unique: every enterprise to replace
  std::vector<EnterpriseFact> enterprises;   // those still present, sorted by id
  std::vector<StayRow> stays;                // every stay of enterprise_ids
};

// The enterprises whose share of the figures a patch's carriers change although their own rows
// did not: those with a stay at a carrier of patch.carrier_ids that is gone or sits in another
// region now (patch.carriers must be filled). Sorted, unique; they belong in the patch.
std::vector<std::int64_t> EnterprisesMovedWithCarriers(const Facts& base, const FactsPatch& patch);

// `base` with the patch applied, as LoadFacts would read it after the same writes, written into
// `out` (which must not be `base`) reusing its buffers: a national Facts is a hundred MiB, and
// faulting in fresh pages costs more than the copy itself. The region tree is kept (a change to
// it needs a full read). `removed` gets the indexes in `base` of the replaced enterprises, `added`
// those in `out` of the replacing ones. Stays of enterprises outside the patch keep their carrier:
// the caller must put in the patch every enterprise with a stay at a carrier that was deleted or
// moved to another region (their contribution to the figures changes).
void ApplyPatch(const Facts& base, const FactsPatch& patch, Facts& out,
                std::vector<std::int32_t>& removed, std::vector<std::int32_t>& added);

// The national root's code and name.
inline constexpr std::string_view kNationalCode = "100000";
inline constexpr std::string_view kNationalName = "全国";

// The region tree of Facts from region rows: the national root first, then provinces, cities and
// county-level units (functional zones and countries are not part of the statistical tree: a
// carrier in a zone counts for the county-level unit where its site is).
std::vector<RegionNode> RegionNodes(const std::vector<core::RegionRow>& rows);

}  // namespace incunet::domain::stats
