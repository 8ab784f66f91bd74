#pragma once
// The demo generator's random numbers: splitmix64, portable and deterministic, unlike std::
// distributions, so a seed gives the same network everywhere.
#include <cstdint>
#include <utility>
#include <vector>

#include "domain/stats/facts.hpp"

namespace incunet::domain::demo {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ULL + 1) {}
  std::uint64_t Next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t Below(std::size_t n) { return n ? static_cast<std::size_t>(Next() % n) : 0; }
  double Unit() { return (Next() >> 11) * (1.0 / 9007199254740992.0); }
  bool Chance(double p) { return Unit() < p; }
  int Between(int lo, int hi) { return hi <= lo ? lo : lo + static_cast<int>(Below(hi - lo + 1)); }
  stats::Day DayIn(stats::Day lo, stats::Day hi) {
    return hi <= lo ? lo : lo + static_cast<stats::Day>(Below(hi - lo + 1));
  }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[Below(i)]);
  }

 private:
  std::uint64_t s_;
};

}  // namespace incunet::domain::demo
