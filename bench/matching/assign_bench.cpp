// P4b: batch assignment of needs to resources under capacities (core/assignment.hpp, LEMON's
// network simplex) on a seeded instance, and the same problem as an LP file for GLPK's glpsol.
//
//   assign_bench gen NEEDS RESOURCES CANDIDATES SEED DIR
//       writes DIR/instance.txt and DIR/instance.lp
//   assign_bench solve DIR/instance.txt
//       solves it and prints the LP objective
//
// Each need wants 1–3 units and may use CANDIDATES distinct resources (cost per unit 0–999, like
// a distance-and-price score); each resource offers 1 to about twice the mean, ~8% more units in
// all than the needs want. The LP is the assignment with an "unserved" variable per need at the
// same penalty SolveAssignment uses, so the optimal LP objective equals cost + penalty × unserved
// units of the solver's answer.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <unordered_set>

#include "core/assignment.hpp"

using incunet::core::AssignmentProblem;

namespace {

AssignmentProblem Generate(int needs, int resources, int candidates, unsigned seed) {
  std::mt19937_64 rng(seed);
  AssignmentProblem p;
  for (int i = 0; i < needs; ++i) p.demand.push_back(1 + static_cast<std::int64_t>(rng() % 3));
  // About 8% more units offered than wanted overall: resources are contended, most needs fit.
  const std::int64_t top = std::max<std::int64_t>(2, 2 * 2 * 21 * needs / (20 * resources));
  for (int j = 0; j < resources; ++j)
    p.capacity.push_back(1 + static_cast<std::int64_t>(rng() % top));
  for (int i = 0; i < needs; ++i) {
    std::unordered_set<int> seen;
    while (static_cast<int>(seen.size()) < std::min(candidates, resources)) {
      int j = static_cast<int>(rng() % static_cast<unsigned>(resources));
      if (!seen.insert(j).second) continue;
      p.arcs.push_back({i, j, static_cast<std::int64_t>(rng() % 1000), p.demand[i]});
    }
  }
  return p;
}

std::int64_t Penalty(const AssignmentProblem& p) {
  std::int64_t max_cost = 0;
  for (const auto& a : p.arcs) max_cost = std::max(max_cost, a.cost);
  return (static_cast<std::int64_t>(p.demand.size()) + 1) * max_cost + 1;
}

void WriteInstance(const AssignmentProblem& p, const std::string& file) {
  std::ofstream f(file);
  f << p.demand.size() << ' ' << p.capacity.size() << ' ' << p.arcs.size() << '\n';
  for (auto d : p.demand) f << d << '\n';
  for (auto c : p.capacity) f << c << '\n';
  for (const auto& a : p.arcs)
    f << a.demand << ' ' << a.supply << ' ' << a.cost << ' ' << a.max_units << '\n';
}

AssignmentProblem ReadInstance(const std::string& file) {
  std::ifstream f(file);
  std::size_t nd = 0, ns = 0, na = 0;
  f >> nd >> ns >> na;
  AssignmentProblem p;
  p.demand.resize(nd);
  p.capacity.resize(ns);
  p.arcs.resize(na);
  for (auto& d : p.demand) f >> d;
  for (auto& c : p.capacity) f >> c;
  for (auto& a : p.arcs) f >> a.demand >> a.supply >> a.cost >> a.max_units;
  if (!f) throw std::runtime_error("cannot read " + file);
  return p;
}

// CPLEX LP format, which glpsol reads with --lp.
void WriteLp(const AssignmentProblem& p, const std::string& file) {
  std::ofstream f(file);
  std::int64_t m = Penalty(p);
  f << "\\ P4b assignment: " << p.demand.size() << " needs, " << p.capacity.size()
    << " resources\n";
  f << "Minimize\n obj:";
  for (std::size_t k = 0; k < p.arcs.size(); ++k)
    f << " + " << p.arcs[k].cost << " x" << k << (k % 8 == 7 ? "\n" : "");
  for (std::size_t i = 0; i < p.demand.size(); ++i)
    f << " + " << m << " u" << i << (i % 8 == 7 ? "\n" : "");
  f << "\nSubject To\n";
  std::vector<std::vector<std::size_t>> by_need(p.demand.size()), by_res(p.capacity.size());
  for (std::size_t k = 0; k < p.arcs.size(); ++k) {
    by_need[p.arcs[k].demand].push_back(k);
    by_res[p.arcs[k].supply].push_back(k);
  }
  for (std::size_t i = 0; i < p.demand.size(); ++i) {
    f << " n" << i << ":";
    for (auto k : by_need[i]) f << " + x" << k;
    f << " + u" << i << " = " << p.demand[i] << '\n';
  }
  for (std::size_t j = 0; j < p.capacity.size(); ++j) {
    if (by_res[j].empty()) continue;
    f << " r" << j << ":";
    for (auto k : by_res[j]) f << " + x" << k;
    f << " <= " << p.capacity[j] << '\n';
  }
  f << "Bounds\n";
  for (std::size_t k = 0; k < p.arcs.size(); ++k)
    f << " 0 <= x" << k << " <= " << p.arcs[k].max_units << '\n';
  for (std::size_t i = 0; i < p.demand.size(); ++i)
    f << " 0 <= u" << i << " <= " << p.demand[i] << '\n';
  f << "End\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "gen" && argc == 7) {
    auto p = Generate(std::stoi(argv[2]), std::stoi(argv[3]), std::stoi(argv[4]),
                      static_cast<unsigned>(std::stoul(argv[5])));
    std::string dir = argv[6];
    WriteInstance(p, dir + "/instance.txt");
    WriteLp(p, dir + "/instance.lp");
    std::cout << "generated " << p.demand.size() << " needs, " << p.capacity.size()
              << " resources, " << p.arcs.size() << " arcs\n";
    return 0;
  }
  if (mode == "solve" && argc == 3) {
    auto t0 = std::chrono::steady_clock::now();
    auto p = ReadInstance(argv[2]);
    auto t1 = std::chrono::steady_clock::now();
    auto r = incunet::core::SolveAssignment(p);
    auto t2 = std::chrono::steady_clock::now();
    std::int64_t wanted = 0;
    for (auto d : p.demand) wanted += d;
    std::int64_t unserved = wanted - r.units_served;
    std::printf("served %lld of %lld units, assignment cost %lld, unserved %lld\n",
                static_cast<long long>(r.units_served), static_cast<long long>(wanted),
                static_cast<long long>(r.objective), static_cast<long long>(unserved));
    std::printf("LP objective %lld\n", static_cast<long long>(r.objective + Penalty(p) * unserved));
    std::printf("read %.3f s, solve %.3f s\n", std::chrono::duration<double>(t1 - t0).count(),
                std::chrono::duration<double>(t2 - t1).count());
    return 0;
  }
  std::cerr << "usage: assign_bench gen NEEDS RESOURCES CANDIDATES SEED DIR | solve FILE\n";
  return 2;
}
