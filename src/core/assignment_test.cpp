#include "core/assignment.hpp"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

namespace incunet::core {
namespace {

// The best assignment by trying every set of arcs (each arc carries 0 or 1 unit): most units
// served, then least cost.
std::pair<std::int64_t, std::int64_t> BruteForce(const AssignmentProblem& p) {
  std::int64_t best_served = -1, best_cost = 0;
  const std::size_t n = p.arcs.size();
  for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
    std::vector<std::int64_t> got(p.demand.size()), used(p.capacity.size());
    std::int64_t served = 0, cost = 0;
    bool ok = true;
    for (std::size_t k = 0; k < n && ok; ++k) {
      if (!(mask >> k & 1)) continue;
      const auto& a = p.arcs[k];
      ok = ++got[a.demand] <= p.demand[a.demand] && ++used[a.supply] <= p.capacity[a.supply];
      ++served;
      cost += a.cost;
    }
    if (ok && (served > best_served || (served == best_served && cost < best_cost))) {
      best_served = served;
      best_cost = cost;
    }
  }
  return {best_served, best_cost};
}

TEST(AssignmentTest, ServingMoreBeatsServingCheaper) {
  // Demand 0 may use supply 0 (cost 1) or 1 (cost 9); demand 1 only supply 0. The cheap choice
  // for demand 0 would leave demand 1 unserved.
  AssignmentProblem p{{1, 1}, {1, 1}, {{0, 0, 1, 1}, {0, 1, 9, 1}, {1, 0, 5, 1}}};
  auto r = SolveAssignment(p);
  EXPECT_EQ(r.units_served, 2);
  EXPECT_EQ(r.objective, 14);
  EXPECT_EQ(r.flow, (std::vector<std::int64_t>{0, 1, 1}));
  EXPECT_EQ(r.served, (std::vector<std::int64_t>{1, 1}));
}

TEST(AssignmentTest, CapacityLeavesADemandUnserved) {
  AssignmentProblem p{{2, 1}, {2}, {{0, 0, 3, 2}, {1, 0, 1, 1}}};
  auto r = SolveAssignment(p);
  EXPECT_EQ(r.units_served, 2);
  EXPECT_EQ(r.objective, 4);  // one unit each way: 3 + 1 beats two units at 3
  EXPECT_EQ(r.served, (std::vector<std::int64_t>{1, 1}));
}

TEST(AssignmentTest, EmptyAndArclessProblems) {
  EXPECT_EQ(SolveAssignment({}).units_served, 0);
  auto r = SolveAssignment({{3}, {5}, {}});
  EXPECT_EQ(r.units_served, 0);
  EXPECT_EQ(r.served, (std::vector<std::int64_t>{0}));
}

TEST(AssignmentTest, RefusesBadInput) {
  EXPECT_THROW(SolveAssignment({{1}, {1}, {{0, 1, 1, 1}}}), std::invalid_argument);
  EXPECT_THROW(SolveAssignment({{1}, {1}, {{0, 0, -1, 1}}}), std::invalid_argument);
  EXPECT_THROW(SolveAssignment({{-1}, {1}, {}}), std::invalid_argument);
}

TEST(AssignmentTest, MatchesBruteForceOnSmallInstances) {
  std::mt19937 rng(20261206);
  for (int round = 0; round < 300; ++round) {
    AssignmentProblem p;
    int nd = 1 + static_cast<int>(rng() % 4), ns = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < nd; ++i) p.demand.push_back(rng() % 3);
    for (int j = 0; j < ns; ++j) p.capacity.push_back(rng() % 3);
    for (int i = 0; i < nd; ++i)
      for (int j = 0; j < ns; ++j)
        if (rng() % 3 != 0 && p.arcs.size() < 12)
          p.arcs.push_back({i, j, static_cast<std::int64_t>(rng() % 20), 1});
    auto want = BruteForce(p);
    auto got = SolveAssignment(p);
    ASSERT_EQ(got.units_served, want.first) << "round " << round;
    ASSERT_EQ(got.objective, want.second) << "round " << round;
    std::vector<std::int64_t> used(ns);
    for (std::size_t k = 0; k < p.arcs.size(); ++k) used[p.arcs[k].supply] += got.flow[k];
    for (int j = 0; j < ns; ++j) ASSERT_LE(used[j], p.capacity[j]);
  }
}

}  // namespace
}  // namespace incunet::core
