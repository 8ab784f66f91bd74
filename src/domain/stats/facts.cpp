#include "domain/stats/facts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <numeric>

namespace incunet::domain::stats {
namespace {

Day FromCivil(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  year_month_day ymd{year(y), month(m), day(d)};
  if (!ymd.ok()) return kNever;
  return static_cast<Day>(sys_days(ymd).time_since_epoch().count());
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
                   static_cast<unsigned>(v[4] * 10 + v[5]), static_cast<unsigned>(v[6] * 10 + v[7]));
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

  std::stable_sort(stays.begin(), stays.end(),
                   [](const StayFact& a, const StayFact& b) { return a.enterprise < b.enterprise; });
  stay_offsets.assign(enterprises.size() + 1, 0);
  for (const auto& s : stays) ++stay_offsets[s.enterprise + 1];
  std::partial_sum(stay_offsets.begin(), stay_offsets.end(), stay_offsets.begin());

  auto group = [&](auto key_of, std::size_t n, std::vector<std::int32_t>& offsets,
                   std::vector<std::int32_t>& items) {
    offsets.assign(carriers.size() + 1, 0);
    for (std::size_t i = 0; i < n; ++i) ++offsets[key_of(i) + 1];
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
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
  out.push_back({std::string(kNationalCode), std::string(kNationalName), "national", -1, false});
  std::vector<std::pair<std::string, std::int32_t>> index;
  std::vector<std::string> parents;
  for (const auto& r : rows) {
    if (r.level == core::RegionLevel::kZone || r.level == core::RegionLevel::kCountry) continue;
    index.emplace_back(r.code, static_cast<std::int32_t>(out.size()));
    out.push_back({r.code, r.name, std::string(core::RegionLevelName(r.level)), 0,
                   core::IsCoverageUnit(r)});
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
