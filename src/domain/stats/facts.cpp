#include "domain/stats/facts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <numeric>

namespace incunet::domain::stats {
namespace {

Day FromCivil(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  year_month_day ymd{year(y), month(m), day(d)};
  if (!ymd.ok()) return kNever;
  return static_cast<Day>(sys_days(ymd).time_since_epoch().count());
}

// Capacity with headroom, so that a Facts reused by ApplyPatch after a few inserts keeps its
// buffers (a reallocation faults in fresh pages, the cost the reuse avoids).
template <typename V>
void Room(V& v, std::size_t n) {
  if (v.capacity() < n) v.reserve(n + n / 32 + 64);
}

}  // namespace

Day ParseDay(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return kNever;
  int v[8];
  const int pos[8] = {0, 1, 2, 3, 5, 6, 8, 9};
  for (int i = 0; i < 8; ++i) {
    char c = t[pos[i]];
    if (c < '0' || c > '9') return kNever;
    v[i] = c - '0';
  }
  return FromCivil(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3],
                   static_cast<unsigned>(v[4] * 10 + v[5]),
                   static_cast<unsigned>(v[6] * 10 + v[7]));
}

std::string DayToString(Day d) {
  if (d == kNever) return "";
  using namespace std::chrono;
  year_month_day ymd{sys_days(days(d))};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

Day YearEnd(int year) { return FromCivil(year, 12, 31); }

int YearOf(Day d) {
  using namespace std::chrono;
  return static_cast<int>(year_month_day{sys_days(days(d))}.year());
}

int LatestFullYear(Day d) {
  int y = YearOf(d);
  return d == YearEnd(y) ? y : y - 1;
}

CarrierKind ParseCarrierKind(std::string_view name) {
  for (std::size_t i = 0; i < kCarrierKindNames.size(); ++i)
    if (name == kCarrierKindNames[i]) return static_cast<CarrierKind>(i);
  return kCarrierKindCount;
}

std::uint8_t ParseRecognitionLevel(std::string_view level) {
  if (level == "makerspace_filing") return kMakerspaceFiling;
  for (std::size_t i = 1; i < kTierNames.size(); ++i)
    if (level == kTierNames[i]) return static_cast<std::uint8_t>(i);
  return 255;
}

void Facts::Index() {
  // Region lookup and chains (self first, root last).
  region_index_.clear();
  for (std::size_t i = 0; i < regions.size(); ++i)
    region_index_.emplace_back(regions[i].code, static_cast<std::int32_t>(i));
  std::sort(region_index_.begin(), region_index_.end());
  chains.assign(regions.size(), {-1, -1, -1, -1, -1});
  coverage_units.assign(regions.size(), 0);
  for (std::size_t i = 0; i < regions.size(); ++i) {
    auto& ch = chains[i];
    std::int32_t cur = static_cast<std::int32_t>(i);
    for (std::size_t k = 0; k + 1 < ch.size() && cur >= 0; ++k) {
      ch[k] = cur;
      cur = regions[cur].parent;
    }
    if (regions[i].coverage_unit)
      for (std::int32_t n : ch) {
        if (n < 0) break;
        ++coverage_units[n];
      }
  }

  carrier_index_.clear();
  for (std::size_t i = 0; i < carriers.size(); ++i)
    carrier_index_.emplace_back(carriers[i].id, static_cast<std::int32_t>(i));
  std::sort(carrier_index_.begin(), carrier_index_.end());

  auto by_enterprise = [](const StayFact& a, const StayFact& b) {
    return a.enterprise < b.enterprise;
  };
  // A patched Facts arrives grouped already: skip the n log n sort.
  if (!std::is_sorted(stays.begin(), stays.end(), by_enterprise))
    std::stable_sort(stays.begin(), stays.end(), by_enterprise);
  Room(stay_offsets, enterprises.size() + 1);
  stay_offsets.assign(enterprises.size() + 1, 0);
  for (const auto& s : stays) ++stay_offsets[s.enterprise + 1];
  std::partial_sum(stay_offsets.begin(), stay_offsets.end(), stay_offsets.begin());

  auto group = [&](auto key_of, std::size_t n, std::vector<std::int32_t>& offsets,
                   std::vector<std::int32_t>& items) {
    Room(offsets, carriers.size() + 1);
    offsets.assign(carriers.size() + 1, 0);
    for (std::size_t i = 0; i < n; ++i) ++offsets[key_of(i) + 1];
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
    Room(items, n);
    items.assign(n, 0);
    std::vector<std::int32_t> fill(offsets.begin(), offsets.end() - 1);
    for (std::size_t i = 0; i < n; ++i) items[fill[key_of(i)]++] = static_cast<std::int32_t>(i);
  };
  group([&](std::size_t i) { return stays[i].carrier; }, stays.size(), carrier_stay_offsets,
        carrier_stays);
  group([&](std::size_t i) { return events[i].carrier; }, events.size(), carrier_event_offsets,
        carrier_events);
}

std::vector<RegionNode> RegionNodes(const std::vector<core::RegionRow>& rows) {
  std::vector<RegionNode> out;
  out.push_back(
      {std::string(kNationalCode), std::string(kNationalName), "national", -1, false, "China"});
  std::vector<std::pair<std::string, std::int32_t>> index;
  std::vector<std::string> parents;
  for (const auto& r : rows) {
    if (r.level == core::RegionLevel::kZone || r.level == core::RegionLevel::kCountry) continue;
    index.emplace_back(r.code, static_cast<std::int32_t>(out.size()));
    out.push_back({r.code, r.name, std::string(core::RegionLevelName(r.level)), 0,
                   core::IsCoverageUnit(r), r.name_en});
    parents.push_back(r.parent_code);
  }
  std::sort(index.begin(), index.end());
  for (std::size_t i = 1; i < out.size(); ++i) {
    const std::string& pc = parents[i - 1];
    auto it = std::lower_bound(index.begin(), index.end(), pc,
                               [](const auto& p, const std::string& c) { return p.first < c; });
    out[i].parent = !pc.empty() && it != index.end() && it->first == pc ? it->second : 0;
  }
  return out;
}

std::vector<std::int64_t> EnterprisesMovedWithCarriers(const Facts& base, const FactsPatch& p) {
  std::vector<std::int64_t> out;
  for (std::int64_t id : p.carrier_ids) {
    std::int32_t ci = base.FindCarrier(id);
    if (ci < 0) continue;
    auto now = std::lower_bound(p.carriers.begin(), p.carriers.end(), id,
                                [](const CarrierFact& c, std::int64_t v) { return c.id < v; });
    if (now != p.carriers.end() && now->id == id && now->region == base.carriers[ci].region)
      continue;
    for (std::int32_t k = base.carrier_stay_offsets[ci]; k < base.carrier_stay_offsets[ci + 1]; ++k)
      out.push_back(base.enterprises[base.stays[base.carrier_stays[k]].enterprise].id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void ApplyPatch(const Facts& base, const FactsPatch& p, Facts& f,
                std::vector<std::int32_t>& removed, std::vector<std::int32_t>& added) {
  removed.clear();
  added.clear();
  f.regions = base.regions;
  f.countries = base.countries;
  f.carriers.clear();
  f.enterprises.clear();
  f.stays.clear();
  f.events.clear();
  auto in = [](const std::vector<std::int64_t>& sorted, std::int64_t id) {
    return std::binary_search(sorted.begin(), sorted.end(), id);
  };

  // Carriers: the untouched ones and the patch's, merged by id; old index → new index.
  std::map<std::string, std::uint16_t, std::less<>> country;
  for (std::size_t i = 0; i < f.countries.size(); ++i)
    country.emplace(f.countries[i], static_cast<std::uint16_t>(i));
  std::vector<std::int32_t> carrier_map(base.carriers.size(), -1);
  Room(f.carriers, base.carriers.size() + p.carriers.size());
  Room(f.events, base.events.size() + p.events.size());
  std::size_t pi = 0;
  auto take_patch_carrier = [&] {
    CarrierFact c = p.carriers[pi++];
    for (auto& k : c.countries) {
      const std::string& code = p.countries.at(k);
      auto it = country.find(code);
      if (it == country.end()) {
        it = country.emplace(code, static_cast<std::uint16_t>(f.countries.size())).first;
        f.countries.push_back(code);
      }
      k = it->second;
    }
    f.carriers.push_back(std::move(c));
  };
  for (std::size_t i = 0; i < base.carriers.size(); ++i) {
    const CarrierFact& c = base.carriers[i];
    while (pi < p.carriers.size() && p.carriers[pi].id < c.id) take_patch_carrier();
    if (in(p.carrier_ids, c.id)) continue;
    carrier_map[i] = static_cast<std::int32_t>(f.carriers.size());
    f.carriers.push_back(c);
  }
  while (pi < p.carriers.size()) take_patch_carrier();
  auto carrier_index = [&](std::int64_t id) {
    auto it = std::lower_bound(f.carriers.begin(), f.carriers.end(), id,
                               [](const CarrierFact& c, std::int64_t v) { return c.id < v; });
    if (it == f.carriers.end() || it->id != id) return -1;
    return static_cast<std::int32_t>(it - f.carriers.begin());
  };

  // A replaced carrier that still exists keeps its stays and events under its new index.
  for (std::size_t i = 0; i < base.carriers.size(); ++i)
    if (carrier_map[i] < 0) carrier_map[i] = carrier_index(base.carriers[i].id);

  for (const auto& e : base.events) {
    if (in(p.carrier_ids, base.carriers[e.carrier].id)) continue;  // read again into the patch
    std::int32_t ci = carrier_map[e.carrier];
    if (ci >= 0) f.events.push_back({ci, e.year, e.count});
  }
  for (const auto& e : p.events) {
    std::int32_t ci = carrier_index(e.carrier_id);
    if (ci >= 0) f.events.push_back({ci, e.year, e.count});
  }

  // Enterprises merged the same way; stays written grouped by enterprise, in the new order.
  std::vector<StayRow> patch_stays = p.stays;
  std::sort(patch_stays.begin(), patch_stays.end(),
            [](const StayRow& a, const StayRow& b) { return a.enterprise_id < b.enterprise_id; });
  Room(f.enterprises, base.enterprises.size() + p.enterprises.size());
  Room(f.stays, base.stays.size() + patch_stays.size());
  std::size_t pe = 0, ps = 0;
  auto take_patch_enterprise = [&] {
    const EnterpriseFact& e = p.enterprises[pe++];
    auto ni = static_cast<std::int32_t>(f.enterprises.size());
    f.enterprises.push_back(e);
    added.push_back(ni);
    while (ps < patch_stays.size() && patch_stays[ps].enterprise_id < e.id) ++ps;
    for (; ps < patch_stays.size() && patch_stays[ps].enterprise_id == e.id; ++ps) {
      const StayRow& r = patch_stays[ps];
      std::int32_t ci = carrier_index(r.carrier_id);
      if (ci >= 0) f.stays.push_back({ni, ci, r.admitted, r.ended, r.graduated});
    }
  };
  for (std::size_t i = 0; i < base.enterprises.size(); ++i) {
    const EnterpriseFact& e = base.enterprises[i];
    while (pe < p.enterprises.size() && p.enterprises[pe].id < e.id) take_patch_enterprise();
    if (in(p.enterprise_ids, e.id)) {
      removed.push_back(static_cast<std::int32_t>(i));
      continue;
    }
    auto ni = static_cast<std::int32_t>(f.enterprises.size());
    f.enterprises.push_back(e);
    for (std::int32_t si = base.stay_offsets[i]; si < base.stay_offsets[i + 1]; ++si) {
      StayFact s = base.stays[si];
      s.enterprise = ni;
      s.carrier = carrier_map[s.carrier];
      if (s.carrier >= 0) f.stays.push_back(s);
    }
  }
  while (pe < p.enterprises.size()) take_patch_enterprise();
  f.Index();
}

std::int32_t Facts::FindRegion(std::string_view code) const {
  if (code.empty()) code = kNationalCode;
  auto it = std::lower_bound(region_index_.begin(), region_index_.end(), code,
                             [](const auto& p, std::string_view c) { return p.first < c; });
  return it != region_index_.end() && it->first == code ? it->second : -1;
}

std::int32_t Facts::FindCarrier(std::int64_t id) const {
  auto it = std::lower_bound(carrier_index_.begin(), carrier_index_.end(), id,
                             [](const auto& p, std::int64_t v) { return p.first < v; });
  return it != carrier_index_.end() && it->first == id ? it->second : -1;
}

}  // namespace incunet::domain::stats
