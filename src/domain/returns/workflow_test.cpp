// The review path over the real shapes of the region tree, and the workflow state machine.
#include "domain/returns/workflow.hpp"

#include <gtest/gtest.h>

namespace incunet::domain::returns {
namespace {

std::vector<ReviewStop> Path(std::initializer_list<std::pair<const char*, const char*>> stops) {
  std::vector<ReviewStop> out;
  for (auto [l, p] : stops) out.push_back({l, p});
  return out;
}

TEST(ReviewPath, OrdinaryCountyGoesThroughEveryLevel) {
  auto p = ReviewPath({{"440000", "province"}, {"440300", "city"}, {"440305", "county"}}, {});
  EXPECT_EQ(p,
            Path({{"county", "440305"}, {"city", "4403"}, {"province", "44"}, {"national", ""}}));
}

TEST(ReviewPath, MunicipalDistrictSkipsTheCityLevel) {
  // 海淀区 hangs directly under 北京市.
  auto p = ReviewPath({{"110000", "province"}, {"110108", "county"}}, {});
  EXPECT_EQ(p, Path({{"county", "110108"}, {"province", "11"}, {"national", ""}}));
  auto chongqing = ReviewPath({{"500000", "province"}, {"500103", "county"}}, {});
  EXPECT_EQ(chongqing, Path({{"county", "500103"}, {"province", "50"}, {"national", ""}}));
}

TEST(ReviewPath, ProvinceAdministeredCountySkipsTheCityLevel) {
  // 仙桃市 (429004) is a county-level city administered directly by 湖北省.
  auto p = ReviewPath({{"420000", "province"}, {"429004", "county"}}, {});
  EXPECT_EQ(p, Path({{"county", "429004"}, {"province", "42"}, {"national", ""}}));
}

TEST(ReviewPath, CountyLessCitySkipsTheCountyLevel) {
  // 东莞市 has no county-level units: the carrier's site is the city itself.
  auto p = ReviewPath({{"440000", "province"}, {"441900", "city"}}, {});
  EXPECT_EQ(p, Path({{"city", "4419"}, {"province", "44"}, {"national", ""}}));
}

TEST(ReviewPath, ZoneCarrierIsReviewedByTheZonesCity) {
  // Site in 长安区 (130102), inside 石家庄高新区 (130171) under 石家庄市.
  auto p = ReviewPath({{"130000", "province"}, {"130100", "city"}, {"130102", "county"}},
                      {{"130000", "province"}, {"130100", "city"}, {"130171", "zone"}});
  EXPECT_EQ(p, Path({{"city", "1301"}, {"province", "13"}, {"national", ""}}));
}

TEST(ReviewPath, EncodesAndDecodes) {
  auto p = Path({{"county", "429004"}, {"province", "42"}, {"national", ""}});
  EXPECT_EQ(EncodePath(p), "county:429004;province:42;national:");
  EXPECT_EQ(DecodePath(EncodePath(p)), p);
  EXPECT_TRUE(DecodePath("").empty());
}

TEST(ReviewerLevel, FollowsThePrefixLength) {
  EXPECT_EQ(ReviewerLevel(true, ""), "national");
  EXPECT_EQ(ReviewerLevel(false, "44"), "province");
  EXPECT_EQ(ReviewerLevel(false, "4403"), "city");
  EXPECT_EQ(ReviewerLevel(false, "440305"), "county");
  EXPECT_FALSE(ReviewerLevel(false, "440").has_value());
  EXPECT_FALSE(ReviewerLevel(false, "").has_value());
}

TEST(Workflow, ClimbsTheSkippedPathToAcceptance) {
  AnnualReturn r;
  auto path = Path({{"county", "110108"}, {"province", "11"}, {"national", ""}});
  ASSERT_TRUE(Submit(r, path));
  EXPECT_EQ(r.status, "submitted");
  EXPECT_EQ(r.pending_level, "county");
  // The province may not act while the county has it.
  auto early = Approve(r, "province", "11");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().id, "not_your_review_level");
  EXPECT_EQ(early.error().code, core::ErrorCode::kForbidden);
  // Another county's admin is not this county.
  EXPECT_FALSE(Approve(r, "county", "110105"));
  ASSERT_TRUE(Approve(r, "county", "110108"));
  EXPECT_EQ(r.pending_level, "province");
  ASSERT_TRUE(Approve(r, "province", "11"));
  EXPECT_EQ(r.pending_level, "national");
  EXPECT_FALSE(IsEditable(r));
  ASSERT_TRUE(Approve(r, "national", ""));
  EXPECT_EQ(r.status, "accepted");
  EXPECT_TRUE(r.pending_level.empty());
  auto again = Approve(r, "national", "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().id, "illegal_transition");
  EXPECT_FALSE(Submit(r, path));
}

TEST(Workflow, SendBackNeedsAReasonAndMakesItEditable) {
  AnnualReturn r;
  ASSERT_TRUE(Submit(r, Path({{"city", "4419"}, {"province", "44"}, {"national", ""}})));
  auto no_reason = SendBack(r, "city", "4419", "  ");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().id, "reason_required");
  ASSERT_TRUE(SendBack(r, "city", "4419", "面积数据有误"));
  EXPECT_EQ(r.status, "returned");
  EXPECT_TRUE(IsEditable(r));
  EXPECT_FALSE(SendBack(r, "city", "4419", "again"));
  ASSERT_TRUE(Submit(r, r.review_path));
  EXPECT_EQ(r.pending_level, "city");
}

TEST(FilingWindow, RefusesBeforeOpeningAndAfterClosingUnlessReopened) {
  AnnualReturn r;
  r.year = 2024;
  Deadline d{2024, "incubator", "2025-01-01", "2025-01-20"};
  EXPECT_TRUE(CheckFilingWindow(r, std::nullopt, "2030-01-01"));
  auto early = CheckFilingWindow(r, d, "2024-12-31");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().id, "filing_not_open");
  EXPECT_TRUE(CheckFilingWindow(r, d, "2025-01-01"));
  EXPECT_TRUE(CheckFilingWindow(r, d, "2025-01-20"));
  auto late = CheckFilingWindow(r, d, "2025-01-21");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().id, "filing_closed");
  EXPECT_EQ(late.error().details.at("closes_on"), "2025-01-20");
  r.reopened_until = "2025-02-10";
  EXPECT_TRUE(CheckFilingWindow(r, d, "2025-02-10"));
  EXPECT_FALSE(CheckFilingWindow(r, d, "2025-02-11"));
  // A return a reviewer sent back was filed in time once: resubmission stays open.
  r.reopened_until.reset();
  r.status = kStatusReturned;
  EXPECT_TRUE(CheckFilingWindow(r, d, "2025-03-01"));
}

}  // namespace
}  // namespace incunet::domain::returns
