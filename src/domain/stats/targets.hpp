#pragma once
// The figures DOMAIN.md says the platform reproduces ("National figures …"), as checkable
// targets: "~" figures must land within ±5%, ">" figures at or above the figure by at most 15%,
// and "since 1987" exactly. A demo network smaller than the national one is checked against the
// same targets scaled by its size factor (a province-scale network has 1/10 of every count, the
// same ratios); coverage and the number of countries do not scale and are only checked nationally.
#include <functional>
#include <string>
#include <vector>

#include "domain/stats/figures.hpp"

namespace incunet::domain::stats {

enum class Tolerance { kApprox, kAbove, kExact };

struct Target {
  std::string key;     // e.g. "carriers_2023"
  std::string label;   // "~16,000 carriers active at the end of 2023"
  std::string region;  // "" = national, else a province code ("440000")
  int year = 0;        // as of YYYY-12-31
  double value = 0;
  Tolerance tolerance = Tolerance::kApprox;
  bool scales = true;  // proportional to the network's size
  bool national_only = false;
};

struct TargetCheck {
  Target target;
  double actual = 0;
  double low = 0, high = 0;  // the accepted range after scaling
  bool ok = false;
};

const std::vector<Target>& DomainTargets();

// The target's figure read from the region's Figures as of its year end.
double Measure(const Target& t, const Figures& f);

// Checks every target; `figures_at(region, as_of)` supplies the computed figures; `scale` is the
// network's size relative to the national one (1 for national; targets marked national_only are
// skipped otherwise).
std::vector<TargetCheck> CheckTargets(
    const std::function<Figures(const std::string& region, Day as_of)>& figures_at, double scale);

}  // namespace incunet::domain::stats
