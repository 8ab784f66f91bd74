// VerdictText writes the very bytes of the dumped VerdictJson tree, for verdicts of every shipped
// rule set and for sources that need escaping or hold invalid UTF-8.
#include "app/standards/codec.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "domain/standards/shipped.hpp"

namespace incunet::app::standards {
namespace {

std::string Dumped(const st::Verdict& v) {
  return VerdictJson(v).dump(-1, ' ', false, Json::error_handler_t::replace);
}

TEST(VerdictTextTest, MatchesTheDumpedTreeOnEveryShippedSet) {
  auto sets = st::LoadShippedRuleSets();
  ASSERT_TRUE(sets.has_value()) << sets.error().message_en;
  std::mt19937_64 rng(11);
  auto uni = [&](double lo, double hi) { return std::uniform_real_distribution<>(lo, hi)(rng); };
  const std::string sources[] = {"declared:2024-06-30",
                                 "annual_return:2024",
                                 "declared:2024-06-30 (说明 \"引号\" \\ 反斜杠)",
                                 "declared:2024-06-30 (line\nbreak\ttab\x01)",
                                 std::string("records:\xff\xfe bad utf-8 \xe4\xb8"),
                                 "记录：孵化载体"};
  int scored = 0;
  for (const auto& rs : *sets) {
    for (int k = 0; k < 200; ++k) {
      st::IndicatorValues values;
      for (const auto& ind : st::IndicatorCatalogue()) {
        if (ind.subject != rs.subject || uni(0, 1) < 0.15) continue;
        double x = ind.unit.is_bool ? (uni(0, 1) < 0.7 ? 1 : 0)
                                    : std::floor(uni(0, 1) * std::pow(10, std::floor(uni(0, 8))));
        if (uni(0, 1) < 0.2) x /= 7;  // long fractions
        values.Set(ind.id, x, sources[k % std::size(sources)]);
      }
      if (k == 0 && !rs.criteria.empty() && !rs.criteria[0].indicators.empty())
        values.Set(rs.criteria[0].indicators[0], std::numeric_limits<double>::infinity(),
                   "declared");
      for (const auto& tf : rs.tag_flags)
        if (uni(0, 1) < 0.5) values.tags[tf.tag] = tf.any_of;
      st::Verdict v = st::Evaluate(rs, values);
      scored += !v.grade.empty();
      ASSERT_EQ(VerdictText(v), Dumped(v)) << rs.id << " subject " << k;
    }
  }
  EXPECT_GT(scored, 0);  // score mode (grade, points, weights) was covered
}

TEST(VerdictTextTest, EmptyVerdict) {
  st::Verdict v;
  EXPECT_EQ(VerdictText(v), Dumped(v));
  v.grade = "B";
  v.max_score = 100;
  v.score = -0.0;
  v.missing = {"a", "b"};
  EXPECT_EQ(VerdictText(v), Dumped(v));
}

}  // namespace
}  // namespace incunet::app::standards
