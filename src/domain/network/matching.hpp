#pragma once
// The one network (一张网): how well a carrier's resource fits an enterprise's need, explained
// part by part so that an official or a founder can see why a candidate ranks where it does.
// Pure rules: the caller supplies the places (county, city, province from regions.parent_code)
// and the resource's capacity left. The batch assignment over capacities is core/assignment.hpp.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/dates.hpp"

namespace incunet::domain::network {

using Id = std::int64_t;

enum class ResourceKind { kSpace, kLab, kService, kMentor };
const char* ResourceKindName(ResourceKind k);  // "space" "lab" "service" "mentor"

// Where a resource or need is, up the region tree (empty where the tree has no such level).
struct Place {
  std::string county;
  std::string city;
  std::string province;
};

struct Offer {
  Id id = 0;
  Id carrier_id = 0;
  ResourceKind kind = ResourceKind::kSpace;
  std::vector<std::string> domains;  // 技术领域 it serves; empty: any
  Place place;
  double capacity_left = 0;              // m², hours, places or sessions not yet taken
  std::optional<double> price_per_unit;  // yuan per unit (per m² per month for space); none: free
  core::Date available_from;
  std::optional<core::Date> available_to;
  bool training_required = false;  // a lab's training gate
};

struct Need {
  Id id = 0;
  ResourceKind kind = ResourceKind::kSpace;
  std::vector<std::string> domains;
  Place place;
  double amount = 0;                      // units wanted
  std::optional<double> budget_per_unit;  // none: any price
  core::Date from;
  std::optional<core::Date> to;  // none: open-ended (scored over 365 days)
  bool trained = false;          // the enterprise's staff hold the lab's training
};

// One part of a score: its points out of its maximum, and what it measured, in both languages.
struct ScorePart {
  std::string key;  // domain | distance | capacity | price | availability
  double points = 0;
  double max = 0;
  std::string detail_zh;
  std::string detail_en;
};

struct Candidate {
  Id offer_id = 0;
  bool eligible = false;
  std::string reason_key;  // why not eligible: kind | no_capacity | training | not_available
  std::string reason_zh;
  std::string reason_en;
  double score = 0;  // 0–100, the sum of the parts; 0 when not eligible
  std::vector<ScorePart> parts;
};

// Maximum points per part; they sum to 100.
inline constexpr double kDomainPoints = 30;
inline constexpr double kDistancePoints = 25;
inline constexpr double kCapacityPoints = 15;
inline constexpr double kPricePoints = 15;
inline constexpr double kAvailabilityPoints = 15;

Candidate Score(const Need& need, const Offer& offer);

// The `k` best eligible candidates, highest score first, ties by offer id (stable across runs).
std::vector<Candidate> TopCandidates(const Need& need, std::span<const Offer> offers,
                                     std::size_t k);

}  // namespace incunet::domain::network
