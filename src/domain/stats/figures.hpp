#pragma once
// The figures of DOMAIN.md ("National figures the platform must be able to reproduce"), computed
// from Facts as of a date, for every region of the tree in one pass and for one carrier on demand.
// Definitions (D is the as-of date; a stay is "admitted by D" when admitted <= D):
// - carriers: active on D (founded <= D, not closed on or before D), by kind and by tier (the
//   highest recognition in force on D, as registry::CurrentTier); makerspace_filed: active
//   carriers holding a makerspace filing in force.
// - coverage: coverage units under the region with at least one active carrier sited in them.
// - tech_enterprises: distinct registered enterprises admitted by D at a carrier in the region
//   that held a tech_sme or high_tech qualification starting on or before D (expired ones count).
// - incubatees / teams: registered enterprises / unregistered teams in a stay with
//   admitted <= D < ended; jobs: their employees.
// - listed: distinct enterprises admitted by D in the region with a listing on any board by D;
//   star_incubated likewise for the STAR market; star_all: STAR-listed enterprises seated in the
//   region or incubated there (nationally: every STAR-listed enterprise known), so star_share =
//   star_incubated / star_all.
// - events: events held in the latest full year on D (LatestFullYear) and the year before.
// - overseas_countries: distinct countries of overseas sites of carriers active on D.
// - earliest_founded: earliest founding date among carriers founded by D.
// - funnel: admitted (distinct enterprises admitted by D) → financed (of those, a financing by D)
//   → graduated (of those, a graduation by D at a carrier of the region) → listed (= listed).
#include <array>
#include <bitset>
#include <cstdint>
#include <vector>

#include "domain/stats/facts.hpp"

namespace incunet::domain::stats {

struct Figures {
  std::int64_t carriers = 0;
  std::array<std::int64_t, kCarrierKindCount> by_kind{};
  std::array<std::int64_t, kTierCount> by_tier{};
  std::int64_t makerspace_filed = 0;
  std::int64_t coverage_units = 0;
  std::int64_t covered_units = 0;
  std::int64_t tech_enterprises = 0;
  std::int64_t incubatees = 0;
  std::int64_t teams = 0;
  std::int64_t jobs = 0;
  std::int64_t listed = 0;
  std::int64_t star_incubated = 0;
  std::int64_t star_all = 0;
  int events_year = 0;
  std::int64_t events = 0;
  std::int64_t events_prev_year = 0;
  std::int64_t overseas_countries = 0;
  Day earliest_founded = kNever;
  std::int64_t admitted = 0;
  std::int64_t financed = 0;
  std::int64_t graduated = 0;

  double CoverageRatio() const {
    return coverage_units ? double(covered_units) / double(coverage_units) : 0.0;
  }
  double StarShare() const { return star_all ? double(star_incubated) / double(star_all) : 0.0; }
  std::int64_t IncubateesAndTeams() const { return incubatees + teams; }
  bool operator==(const Figures&) const = default;
};

// Figures of every region node (index as Facts::regions) as of one date.
struct Cube {
  Day as_of = 0;
  std::vector<Figures> regions;
};

// `facts` must have been Index()ed. Linear in the number of stays and carriers.
Cube ComputeCube(const Facts& facts, Day as_of);

// The cube in two halves, so that a write patches it instead of recomputing it:
// - the carrier side (carriers, kinds, tiers, filings, coverage, events, overseas countries,
//   earliest founding), a pass over the carriers and event counts, overwrites those fields;
// - the enterprise side (tech enterprises, incubatees, teams, jobs, listings, STAR, funnel) is a
//   sum over enterprises: AddEnterprise adds (sign +1) or takes back (sign -1) one enterprise's
//   share, computed from its stays and the regions of their carriers.
void ComputeCarrierSide(const Facts& facts, Day as_of, std::vector<Figures>& out);
void AddEnterprise(const Facts& facts, std::int32_t enterprise, Day as_of, int sign,
                   std::vector<Figures>& out);
// `cube` (computed from `before`) made equal to ComputeCube(after, cube.as_of), given the
// enterprises replaced (ApplyPatch's removed and added) and whether any carrier or event changed.
void PatchCube(const Facts& before, const Facts& after, const std::vector<std::int32_t>& removed,
               const std::vector<std::int32_t>& added, bool carriers_changed, Cube& cube);

// The same figures for one carrier (index into Facts::carriers): its own activity, tier,
// incubatees, events and overseas countries; coverage counts its unit when it is active.
Figures ComputeCarrier(const Facts& facts, std::int32_t carrier, Day as_of);

// Tier in force on `d` (as domain::registry::CurrentTier) and whether a makerspace filing is.
Tier TierOn(const CarrierFact& c, Day d);
bool FiledOn(const CarrierFact& c, Day d);
bool ActiveOn(const CarrierFact& c, Day d);
bool ActiveOn(const StayFact& s, Day d);

}  // namespace incunet::domain::stats
