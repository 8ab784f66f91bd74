#include "domain/network/matching.hpp"

#include <gtest/gtest.h>

namespace incunet::domain::network {
namespace {

using core::Date;

Offer Space(Id id, Place place, double left, std::optional<double> price) {
  Offer o;
  o.id = id;
  o.carrier_id = 100 + id;
  o.kind = ResourceKind::kSpace;
  o.place = std::move(place);
  o.capacity_left = left;
  o.price_per_unit = price;
  o.available_from = Date::Of(2026, 1, 1);
  return o;
}

Need SpaceNeed() {
  Need n;
  n.id = 1;
  n.kind = ResourceKind::kSpace;
  n.place = {"440305", "440300", "440000"};  // 南山区, 深圳市, 广东省
  n.amount = 200;
  n.budget_per_unit = 80;
  n.from = Date::Of(2026, 3, 1);
  n.to = Date::Of(2026, 12, 31);
  return n;
}

const Place kNanshan{"440305", "440300", "440000"};
const Place kFutian{"440304", "440300", "440000"};
const Place kGuangzhou{"440106", "440100", "440000"};
const Place kHaidian{"110108", "110100", "110000"};

double Part(const Candidate& c, const std::string& key) {
  for (const auto& p : c.parts)
    if (p.key == key) return p.points;
  ADD_FAILURE() << "no part " << key;
  return -1;
}

TEST(NetworkMatchingTest, PartsSumToTheScoreAndExplainThemselves) {
  auto c = Score(SpaceNeed(), Space(7, kNanshan, 500, 60));
  ASSERT_TRUE(c.eligible);
  EXPECT_DOUBLE_EQ(c.score, 100);
  ASSERT_EQ(c.parts.size(), 5u);
  double sum = 0, max = 0;
  for (const auto& p : c.parts) {
    sum += p.points;
    max += p.max;
    EXPECT_FALSE(p.detail_zh.empty());
    EXPECT_FALSE(p.detail_en.empty());
  }
  EXPECT_DOUBLE_EQ(sum, c.score);
  EXPECT_DOUBLE_EQ(max, 100);
}

TEST(NetworkMatchingTest, DistanceFollowsTheRegionTree) {
  auto need = SpaceNeed();
  EXPECT_DOUBLE_EQ(Part(Score(need, Space(1, kNanshan, 500, 60)), "distance"), 25);
  EXPECT_DOUBLE_EQ(Part(Score(need, Space(2, kFutian, 500, 60)), "distance"), 18);
  EXPECT_DOUBLE_EQ(Part(Score(need, Space(3, kGuangzhou, 500, 60)), "distance"), 10);
  auto far = Score(need, Space(4, kHaidian, 500, 60));
  EXPECT_DOUBLE_EQ(Part(far, "distance"), 0);
  EXPECT_TRUE(far.eligible);  // another province is allowed, only ranked lower
}

TEST(NetworkMatchingTest, CapacityPriceAndAvailabilityScaleTheirParts) {
  auto need = SpaceNeed();
  auto half = Score(need, Space(1, kNanshan, 100, 60));
  EXPECT_DOUBLE_EQ(Part(half, "capacity"), 7.5);
  EXPECT_DOUBLE_EQ(Part(Score(need, Space(2, kNanshan, 500, 120)), "price"), 7.5);  // 50% over
  EXPECT_DOUBLE_EQ(Part(Score(need, Space(3, kNanshan, 500, 200)), "price"), 0);
  EXPECT_DOUBLE_EQ(Part(Score(need, Space(4, kNanshan, 500, std::nullopt)), "price"), 15);
  auto late = Space(5, kNanshan, 500, 60);
  late.available_from = Date::Of(2026, 8, 1);  // 153 of the 306 days from 03-01 to 12-31
  EXPECT_NEAR(Part(Score(need, late), "availability"), 15.0 * 153 / 306, 1e-9);
}

TEST(NetworkMatchingTest, IneligibleOffersSayWhy) {
  auto need = SpaceNeed();
  auto lab = Space(1, kNanshan, 500, 0);
  lab.kind = ResourceKind::kLab;
  EXPECT_EQ(Score(need, lab).reason_key, "kind");
  EXPECT_EQ(Score(need, Space(2, kNanshan, 0, 60)).reason_key, "no_capacity");
  auto gone = Space(3, kNanshan, 500, 60);
  gone.available_to = Date::Of(2026, 2, 28);
  auto c = Score(need, gone);
  EXPECT_FALSE(c.eligible);
  EXPECT_EQ(c.reason_key, "not_available");
  EXPECT_EQ(c.score, 0);
  EXPECT_FALSE(c.reason_zh.empty());

  Need lab_need = need;
  lab_need.kind = ResourceKind::kLab;
  auto gated = lab;
  gated.training_required = true;
  EXPECT_EQ(Score(lab_need, gated).reason_key, "training");
  lab_need.trained = true;
  EXPECT_TRUE(Score(lab_need, gated).eligible);
}

TEST(NetworkMatchingTest, DomainsCountTheShareMatched) {
  auto need = SpaceNeed();
  need.domains = {"集成电路", "人工智能"};
  auto o = Space(1, kNanshan, 500, 60);
  o.domains = {"集成电路", "生物医药"};
  EXPECT_DOUBLE_EQ(Part(Score(need, o), "domain"), 15);
  o.domains.clear();
  EXPECT_DOUBLE_EQ(Part(Score(need, o), "domain"), 30);
}

TEST(NetworkMatchingTest, TopCandidatesRankEligibleOffersOnly) {
  auto need = SpaceNeed();
  std::vector<Offer> offers{Space(5, kHaidian, 500, 60), Space(3, kNanshan, 500, 60),
                            Space(4, kNanshan, 0, 60), Space(2, kFutian, 500, 60),
                            Space(1, kNanshan, 500, 60)};
  auto top = TopCandidates(need, offers, 3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].offer_id, 1);  // a tie on score goes to the lower id
  EXPECT_EQ(top[1].offer_id, 3);
  EXPECT_EQ(top[2].offer_id, 2);
  auto all = TopCandidates(need, offers, 10);
  ASSERT_EQ(all.size(), 4u);  // the one without capacity is not a candidate
  EXPECT_EQ(all.back().offer_id, 5);
}

}  // namespace
}  // namespace incunet::domain::network
