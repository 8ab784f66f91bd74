#include "core/assignment.hpp"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <stdexcept>

namespace incunet::core {

AssignmentResult SolveAssignment(const AssignmentProblem& p) {
  const int nd = static_cast<int>(p.demand.size());
  const int ns = static_cast<int>(p.capacity.size());
  std::int64_t total = 0, max_cost = 0;
  for (auto d : p.demand) {
    if (d < 0) throw std::invalid_argument("negative demand");
    total += d;
  }
  for (auto c : p.capacity)
    if (c < 0) throw std::invalid_argument("negative capacity");
  for (const auto& a : p.arcs) {
    if (a.demand < 0 || a.demand >= nd || a.supply < 0 || a.supply >= ns)
      throw std::invalid_argument("arc names no node");
    if (a.cost < 0 || a.max_units < 0) throw std::invalid_argument("negative cost or bound");
    max_cost = std::max(max_cost, a.cost);
  }

  // source → demand → supply → sink, plus a bypass source → sink for units nobody can serve.
  // Serving one more unit moves it along an augmenting path of at most nd + 1 assignment arcs,
  // so a bypass dearer than (nd + 1) × the dearest arc makes serving always win over cost.
  lemon::SmartDigraph g;
  g.reserveNode(nd + ns + 2);
  g.reserveArc(static_cast<int>(p.arcs.size()) + nd + ns + 1);
  auto source = g.addNode(), sink = g.addNode();
  std::vector<lemon::SmartDigraph::Node> dn(nd), sn(ns);
  for (auto& n : dn) n = g.addNode();
  for (auto& n : sn) n = g.addNode();
  lemon::SmartDigraph::ArcMap<std::int64_t> cap(g), cost(g);
  std::vector<lemon::SmartDigraph::Arc> assign;
  assign.reserve(p.arcs.size());
  for (const auto& a : p.arcs) {
    auto arc = g.addArc(dn[a.demand], sn[a.supply]);
    cap[arc] = a.max_units;
    cost[arc] = a.cost;
    assign.push_back(arc);
  }
  std::vector<lemon::SmartDigraph::Arc> in(nd);
  for (int i = 0; i < nd; ++i) {
    in[i] = g.addArc(source, dn[i]);
    cap[in[i]] = p.demand[i];
    cost[in[i]] = 0;
  }
  for (int j = 0; j < ns; ++j) {
    auto arc = g.addArc(sn[j], sink);
    cap[arc] = p.capacity[j];
    cost[arc] = 0;
  }
  auto bypass = g.addArc(source, sink);
  cap[bypass] = total;
  cost[bypass] = (static_cast<std::int64_t>(nd) + 1) * max_cost + 1;

  lemon::NetworkSimplex<lemon::SmartDigraph, std::int64_t, std::int64_t> ns_solver(g);
  ns_solver.upperMap(cap).costMap(cost).stSupply(source, sink, total);
  if (ns_solver.run() != decltype(ns_solver)::OPTIMAL)
    throw std::logic_error(
        "assignment: the flow problem has no optimum");  // cannot happen: the bypass makes it
                                                         // feasible

  AssignmentResult r;
  r.flow.reserve(assign.size());
  for (std::size_t k = 0; k < assign.size(); ++k) {
    std::int64_t f = ns_solver.flow(assign[k]);
    r.flow.push_back(f);
    r.objective += f * p.arcs[k].cost;
  }
  r.served.resize(nd);
  for (int i = 0; i < nd; ++i) {
    r.served[i] = ns_solver.flow(in[i]);
    r.units_served += r.served[i];
  }
  return r;
}

}  // namespace incunet::core
