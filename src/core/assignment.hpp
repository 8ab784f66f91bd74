#pragma once
// Capacitated assignment as a min-cost flow (LEMON's network simplex): demands (an enterprise's
// need, a challenge's review seats) take units from supplies (a resource's capacity, an expert's
// load) along allowed arcs with a cost per unit. It serves as many units as the capacities allow
// and, among the assignments that do, finds the cheapest. Pure computation, shared by the
// network's batch matching and by 揭榜挂帅's expert assignment.
#include <cstdint>
#include <vector>

namespace incunet::core {

struct AssignmentArc {
  int demand = 0;              // index into AssignmentProblem::demand
  int supply = 0;              // index into AssignmentProblem::capacity
  std::int64_t cost = 0;       // per unit, ≥ 0 (lower is better)
  std::int64_t max_units = 1;  // at most this many units along this arc
};

struct AssignmentProblem {
  std::vector<std::int64_t> demand;    // units each demand wants (≥ 0)
  std::vector<std::int64_t> capacity;  // units each supply offers (≥ 0)
  std::vector<AssignmentArc> arcs;
};

struct AssignmentResult {
  std::vector<std::int64_t> flow;    // units per arc, in the order of the problem's arcs
  std::vector<std::int64_t> served;  // units each demand received
  std::int64_t units_served = 0;
  std::int64_t objective = 0;  // total cost of the assigned units
};

// Fails (std::invalid_argument) on a negative amount or cost, or an arc naming no node.
AssignmentResult SolveAssignment(const AssignmentProblem& p);

}  // namespace incunet::core
