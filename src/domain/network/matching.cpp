#include "domain/network/matching.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace incunet::domain::network {

const char* ResourceKindName(ResourceKind k) {
  switch (k) {
    case ResourceKind::kSpace:
      return "space";
    case ResourceKind::kLab:
      return "lab";
    case ResourceKind::kService:
      return "service";
    case ResourceKind::kMentor:
      return "mentor";
  }
  return "space";
}

namespace {

Candidate Refuse(Id offer, const char* key, std::string zh, std::string en) {
  Candidate c;
  c.offer_id = offer;
  c.reason_key = key;
  c.reason_zh = std::move(zh);
  c.reason_en = std::move(en);
  return c;
}

ScorePart DomainPart(const Need& n, const Offer& o) {
  ScorePart p{"domain", 0, kDomainPoints, "", ""};
  if (o.domains.empty() || n.domains.empty()) {
    p.points = kDomainPoints;
    p.detail_zh = "不限技术领域";
    p.detail_en = "no domain restriction";
    return p;
  }
  std::size_t hit = 0;
  for (const auto& d : n.domains)
    if (std::find(o.domains.begin(), o.domains.end(), d) != o.domains.end()) ++hit;
  p.points = kDomainPoints * static_cast<double>(hit) / static_cast<double>(n.domains.size());
  p.detail_zh = fmt::format("技术领域匹配 {}/{}", hit, n.domains.size());
  p.detail_en = fmt::format("{} of {} domains match", hit, n.domains.size());
  return p;
}

ScorePart DistancePart(const Need& n, const Offer& o) {
  auto same = [](const std::string& a, const std::string& b) { return !a.empty() && a == b; };
  if (same(n.place.county, o.place.county))
    return {"distance", kDistancePoints, kDistancePoints, "同一县区", "same county"};
  if (same(n.place.city, o.place.city))
    return {"distance", 18, kDistancePoints, "同一城市", "same city"};
  if (same(n.place.province, o.place.province))
    return {"distance", 10, kDistancePoints, "同一省份", "same province"};
  return {"distance", 0, kDistancePoints, "跨省", "another province"};
}

ScorePart CapacityPart(const Need& n, const Offer& o) {
  double share = n.amount <= 0 ? 1.0 : std::min(1.0, o.capacity_left / n.amount);
  return {"capacity", kCapacityPoints * share, kCapacityPoints,
          fmt::format("剩余容量可满足需求的 {:.0f}%", share * 100),
          fmt::format("capacity left covers {:.0f}% of the need", share * 100)};
}

ScorePart PricePart(const Need& n, const Offer& o) {
  if (!o.price_per_unit || *o.price_per_unit <= 0)
    return {"price", kPricePoints, kPricePoints, "免费", "free"};
  if (!n.budget_per_unit)
    return {"price", kPricePoints, kPricePoints, "需求未设预算", "the need sets no budget"};
  double price = *o.price_per_unit, budget = *n.budget_per_unit;
  if (price <= budget)
    return {"price", kPricePoints, kPricePoints, "价格在预算内", "price within budget"};
  // Over budget: the points fall to zero at twice the budget.
  double over = budget <= 0 ? 1.0 : std::min(1.0, (price - budget) / budget);
  return {"price", kPricePoints * (1 - over), kPricePoints,
          fmt::format("价格超出预算 {:.0f}%", over * 100),
          fmt::format("price {:.0f}% over budget", over * 100)};
}

// Days of the need's window [from, to] that the offer covers, as a share of the window.
double Overlap(const Need& n, const Offer& o) {
  core::Date to = n.to.value_or(n.from.AddDays(364));
  core::Date lo = std::max(n.from, o.available_from);
  core::Date hi = o.available_to ? std::min(to, *o.available_to) : to;
  if (hi < lo) return 0;
  return static_cast<double>(core::DaysBetween(lo, hi) + 1) /
         static_cast<double>(core::DaysBetween(n.from, to) + 1);
}

}  // namespace

Candidate Score(const Need& need, const Offer& offer) {
  if (need.kind != offer.kind)
    return Refuse(offer.id, "kind", "资源类型与需求不符", "the resource is of another kind");
  if (offer.capacity_left <= 0)
    return Refuse(offer.id, "no_capacity", "资源已无剩余容量", "no capacity left");
  if (offer.training_required && !need.trained)
    return Refuse(offer.id, "training", "使用该实验室须先完成培训",
                  "the lab requires training first");
  double overlap = Overlap(need, offer);
  if (overlap <= 0)
    return Refuse(offer.id, "not_available", "需求期间资源不可用",
                  "not available in the period needed");
  Candidate c;
  c.offer_id = offer.id;
  c.eligible = true;
  c.parts = {DomainPart(need, offer),
             DistancePart(need, offer),
             CapacityPart(need, offer),
             PricePart(need, offer),
             {"availability", kAvailabilityPoints * overlap, kAvailabilityPoints,
              fmt::format("覆盖需求期间的 {:.0f}%", overlap * 100),
              fmt::format("covers {:.0f}% of the period needed", overlap * 100)}};
  for (const auto& p : c.parts) c.score += p.points;
  return c;
}

std::vector<Candidate> TopCandidates(const Need& need, std::span<const Offer> offers,
                                     std::size_t k) {
  std::vector<Candidate> out;
  for (const auto& o : offers) {
    Candidate c = Score(need, o);
    if (c.eligible) out.push_back(std::move(c));
  }
  auto better = [](const Candidate& a, const Candidate& b) {
    return a.score != b.score ? a.score > b.score : a.offer_id < b.offer_id;
  };
  if (out.size() > k) {
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(k), out.end(), better);
    out.resize(k);
  } else {
    std::sort(out.begin(), out.end(), better);
  }
  return out;
}

}  // namespace incunet::domain::network
