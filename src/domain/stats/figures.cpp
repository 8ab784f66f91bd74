#include "domain/stats/figures.hpp"

#include <algorithm>

namespace incunet::domain::stats {
namespace {

using Countries = std::bitset<512>;

const std::array<std::int32_t, 5> kRootChain = {0, -1, -1, -1, -1};

const std::array<std::int32_t, 5>& ChainOf(const Facts& f, std::int32_t node) {
  return node >= 0 ? f.chains[node] : kRootChain;
}

}  // namespace

bool ActiveOn(const CarrierFact& c, Day d) { return c.founded <= d && c.closed > d; }
bool ActiveOn(const StayFact& s, Day d) { return s.admitted <= d && s.ended > d; }

Tier TierOn(const CarrierFact& c, Day d) {
  std::uint8_t best = kTierNone;
  for (const auto& r : c.recognitions)
    if (r.level < kTierCount && r.from <= d && r.to >= d) best = std::max(best, r.level);
  return static_cast<Tier>(best);
}

bool FiledOn(const CarrierFact& c, Day d) {
  for (const auto& r : c.recognitions)
    if (r.level == kMakerspaceFiling && r.from <= d && r.to >= d) return true;
  return false;
}

void ComputeCarrierSide(const Facts& f, Day d, std::vector<Figures>& out) {
  const int year = LatestFullYear(d);
  for (std::size_t i = 0; i < out.size(); ++i) {
    Figures& g = out[i];
    g.carriers = 0;
    g.by_kind = {};
    g.by_tier = {};
    g.makerspace_filed = 0;
    g.coverage_units = f.coverage_units[i];
    g.covered_units = 0;
    g.events_year = year;
    g.events = 0;
    g.events_prev_year = 0;
    g.overseas_countries = 0;
    g.earliest_founded = kNever;
  }
  std::vector<Countries> countries(f.regions.size());
  std::vector<char> covered(f.regions.size(), 0);

  for (const auto& c : f.carriers) {
    const auto& chain = ChainOf(f, c.region);
    if (c.founded <= d)
      for (std::int32_t n : chain) {
        if (n < 0) break;
        out[n].earliest_founded = std::min(out[n].earliest_founded, c.founded);
      }
    if (!ActiveOn(c, d)) continue;
    Tier tier = TierOn(c, d);
    bool filed = FiledOn(c, d);
    Countries own;
    for (auto k : c.countries) own.set(k % own.size());
    for (std::int32_t n : chain) {
      if (n < 0) break;
      Figures& g = out[n];
      ++g.carriers;
      if (c.kind < kCarrierKindCount) ++g.by_kind[c.kind];
      ++g.by_tier[tier];
      if (filed) ++g.makerspace_filed;
      countries[n] |= own;
    }
    if (c.region >= 0 && f.regions[c.region].coverage_unit) covered[c.region] = 1;
  }
  for (std::size_t i = 0; i < covered.size(); ++i) {
    if (!covered[i]) continue;
    for (std::int32_t n : f.chains[i]) {
      if (n < 0) break;
      ++out[n].covered_units;
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i].overseas_countries = static_cast<std::int64_t>(countries[i].count());

  for (const auto& e : f.events) {
    if (e.year != year && e.year != year - 1) continue;
    for (std::int32_t n : ChainOf(f, f.carriers[e.carrier].region)) {
      if (n < 0) break;
      (e.year == year ? out[n].events : out[n].events_prev_year) += e.count;
    }
  }
}

void AddEnterprise(const Facts& f, std::int32_t ei, Day d, int sign, std::vector<Figures>& out) {
  // Node sets of one enterprise (a few stays, each a chain of at most five nodes); the buffers
  // are reused across the million calls of a full cube.
  struct NodeSet {
    std::vector<std::int32_t> v;
    void Add(const std::array<std::int32_t, 5>& chain) {
      for (std::int32_t x : chain) {
        if (x < 0) break;
        if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
      }
    }
  };
  thread_local NodeSet admitted, graduated, star_nodes;
  admitted.v.clear();
  graduated.v.clear();
  const EnterpriseFact& e = f.enterprises[ei];
  for (std::int32_t si = f.stay_offsets[ei]; si < f.stay_offsets[ei + 1]; ++si) {
    const StayFact& s = f.stays[si];
    if (s.admitted > d) continue;
    const auto& chain = ChainOf(f, f.carriers[s.carrier].region);
    admitted.Add(chain);
    if (s.graduated && s.ended <= d) graduated.Add(chain);
    if (ActiveOn(s, d))
      for (std::int32_t n : chain) {
        if (n < 0) break;
        (e.team ? out[n].teams : out[n].incubatees) += sign;
        out[n].jobs += sign * static_cast<std::int64_t>(e.employees);
      }
  }
  const bool tech = e.registered && e.tech_since <= d;
  const bool listed = e.listed_since <= d;
  const bool star = e.star_since <= d;
  const bool financed = e.financed_since <= d;
  for (std::int32_t n : admitted.v) {
    Figures& g = out[n];
    g.admitted += sign;
    if (tech) g.tech_enterprises += sign;
    if (financed) g.financed += sign;
    if (listed) g.listed += sign;
    if (star) g.star_incubated += sign;
  }
  for (std::int32_t n : graduated.v) out[n].graduated += sign;
  if (star) {
    star_nodes.v = admitted.v;
    star_nodes.Add(ChainOf(f, e.seat));
    for (std::int32_t n : star_nodes.v) out[n].star_all += sign;
  }
}

Cube ComputeCube(const Facts& f, Day d) {
  Cube cube;
  cube.as_of = d;
  cube.regions.assign(f.regions.size(), Figures{});
  ComputeCarrierSide(f, d, cube.regions);
  for (std::size_t ei = 0; ei < f.enterprises.size(); ++ei)
    AddEnterprise(f, static_cast<std::int32_t>(ei), d, 1, cube.regions);
  return cube;
}

void PatchCube(const Facts& before, const Facts& after, const std::vector<std::int32_t>& removed,
               const std::vector<std::int32_t>& added, bool carriers_changed, Cube& cube) {
  for (std::int32_t ei : removed) AddEnterprise(before, ei, cube.as_of, -1, cube.regions);
  for (std::int32_t ei : added) AddEnterprise(after, ei, cube.as_of, 1, cube.regions);
  if (carriers_changed) ComputeCarrierSide(after, cube.as_of, cube.regions);
}

Figures ComputeCarrier(const Facts& f, std::int32_t ci, Day d) {
  Figures g;
  g.events_year = LatestFullYear(d);
  const CarrierFact& c = f.carriers.at(ci);
  if (c.founded <= d) g.earliest_founded = c.founded;
  bool is_unit = c.region >= 0 && f.regions[c.region].coverage_unit;
  g.coverage_units = is_unit ? 1 : 0;
  if (ActiveOn(c, d)) {
    g.carriers = 1;
    if (c.kind < kCarrierKindCount) g.by_kind[c.kind] = 1;
    g.by_tier[TierOn(c, d)] = 1;
    g.makerspace_filed = FiledOn(c, d) ? 1 : 0;
    g.covered_units = is_unit ? 1 : 0;
    Countries own;
    for (auto k : c.countries) own.set(k % own.size());
    g.overseas_countries = static_cast<std::int64_t>(own.count());
  }
  for (std::int32_t k = f.carrier_event_offsets[ci]; k < f.carrier_event_offsets[ci + 1]; ++k) {
    const EventCount& e = f.events[f.carrier_events[k]];
    if (e.year == g.events_year) g.events += e.count;
    if (e.year == g.events_year - 1) g.events_prev_year += e.count;
  }
  // Distinct enterprises admitted here by d, and whether one of their stays here graduated.
  std::vector<std::pair<std::int32_t, bool>> seen;
  for (std::int32_t k = f.carrier_stay_offsets[ci]; k < f.carrier_stay_offsets[ci + 1]; ++k) {
    const StayFact& s = f.stays[f.carrier_stays[k]];
    if (s.admitted > d) continue;
    const EnterpriseFact& e = f.enterprises[s.enterprise];
    seen.emplace_back(s.enterprise, s.graduated && s.ended <= d);
    if (ActiveOn(s, d)) {
      ++(e.team ? g.teams : g.incubatees);
      g.jobs += e.employees;
    }
  }
  std::sort(seen.begin(), seen.end());
  for (std::size_t i = 0; i < seen.size();) {
    std::size_t j = i;
    bool grad = false;
    for (; j < seen.size() && seen[j].first == seen[i].first; ++j) grad = grad || seen[j].second;
    const EnterpriseFact& e = f.enterprises[seen[i].first];
    ++g.admitted;
    if (e.registered && e.tech_since <= d) ++g.tech_enterprises;
    if (e.financed_since <= d) ++g.financed;
    if (e.listed_since <= d) ++g.listed;
    if (e.star_since <= d) ++g.star_incubated;
    if (grad) ++g.graduated;
    i = j;
  }
  g.star_all = g.star_incubated;
  return g;
}

}  // namespace incunet::domain::stats
