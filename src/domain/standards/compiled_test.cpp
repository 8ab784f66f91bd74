// The compiled form decides exactly as the interpreter: every shipped rule set over a generated
// population whose values straddle the sets' own parameters, with gaps, zero denominators and
// tags.
#include "domain/standards/compiled.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "domain/standards/loader.hpp"
#include "domain/standards/shipped.hpp"

namespace incunet::domain::standards {
namespace {

const std::vector<RuleSet>& Shipped() {
  static const std::vector<RuleSet> sets = [] {
    auto s = LoadShippedRuleSets();
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message_en);
    return s ? *s : std::vector<RuleSet>{};
  }();
  return sets;
}

// Values for `rs`'s subject: each catalogue indicator of that subject is absent, zero, or a
// multiple of one of the set's parameter values near 1 (so thresholds are met, missed and hit
// exactly); booleans are 0 / 1. Tag flags get tag lists drawn from their own any_of plus an
// unrelated tag, or none.
IndicatorValues Generate(const RuleSet& rs, std::mt19937_64& rng) {
  auto uni = [&](double lo, double hi) { return std::uniform_real_distribution<>(lo, hi)(rng); };
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  static const double kFactors[] = {0.5, 0.8, 0.999, 1.0, 1.0, 1.001, 1.25, 2, 10};
  IndicatorValues v;
  for (const auto& ind : IndicatorCatalogue()) {
    if (ind.subject != rs.subject) continue;
    double roll = uni(0, 1);
    if (roll < 0.12) continue;
    if (ind.unit.is_bool) {
      v.SetBool(ind.id, uni(0, 1) < 0.7, "generated");
      continue;
    }
    if (roll < 0.17) {
      v.Set(ind.id, 0, "generated");
      continue;
    }
    double base = rs.parameters.empty() ? 10 : rs.parameters[pick(rs.parameters.size())].value;
    if (base == 0) base = 1;
    double x = base * kFactors[pick(std::size(kFactors))];
    if (uni(0, 1) < 0.3) x = std::floor(x * uni(1, 40));
    v.Set(ind.id, x, "generated");
  }
  for (const auto& tf : rs.tag_flags) {
    if (uni(0, 1) < 0.2) continue;
    auto& tags = v.tags[tf.tag];
    tags.push_back("其他");
    if (!tf.any_of.empty() && uni(0, 1) < 0.5) tags.push_back(tf.any_of[pick(tf.any_of.size())]);
  }
  return v;
}

TEST(CompiledTest, DecidesAsTheInterpreterOnEveryShippedSet) {
  ASSERT_GE(Shipped().size(), 12u);
  std::mt19937_64 rng(20261127);
  for (const auto& rs : Shipped()) {
    CompiledRuleSet compiled(rs);
    std::map<Outcome, int> seen;
    for (int k = 0; k < 3000; ++k) {
      IndicatorValues values = Generate(rs, rng);
      Verdict want = Evaluate(rs, values);
      Decision got = compiled.Decide(BoundValues(values));
      ASSERT_EQ(OutcomeName(got.outcome), std::string(OutcomeName(want.outcome)))
          << rs.id << " subject " << k;
      ASSERT_EQ(compiled.GradeCode(got), want.grade) << rs.id << " subject " << k;
      ASSERT_EQ(got.score, want.score) << rs.id << " subject " << k;
      ASSERT_EQ(got.provisional, want.provisional) << rs.id << " subject " << k;
      ++seen[want.outcome];
    }
    // The population exercises more than one outcome of every set.
    EXPECT_GE(seen.size(), 2u) << rs.id;
  }
}

TEST(CompiledTest, ExplainIsTheInterpretersVerdict) {
  std::mt19937_64 rng(7);
  for (const auto& rs : Shipped()) {
    CompiledRuleSet compiled(rs);
    for (int k = 0; k < 50; ++k) {
      IndicatorValues values = Generate(rs, rng);
      Verdict want = Evaluate(rs, values);
      Verdict got = compiled.Explain(values);
      EXPECT_EQ(got.outcome, want.outcome);
      EXPECT_EQ(got.missing, want.missing);
      ASSERT_EQ(got.criteria.size(), want.criteria.size());
      for (std::size_t i = 0; i < got.criteria.size(); ++i) {
        EXPECT_EQ(got.criteria[i].outcome, want.criteria[i].outcome) << rs.id;
        EXPECT_EQ(got.criteria[i].missing, want.criteria[i].missing) << rs.id;
        EXPECT_EQ(got.criteria[i].value, want.criteria[i].value) << rs.id;
        EXPECT_EQ(got.criteria[i].threshold, want.criteria[i].threshold) << rs.id;
      }
    }
  }
}

TEST(CompiledTest, BoundValuesFollowTheCatalogue) {
  IndicatorValues v;
  v.Set("incubatees", 12, "declared").SetBool("specialised", true, "records");
  BoundValues b(v);
  EXPECT_FALSE(b.off_catalogue());
  ASSERT_GE(IndicatorSlot("incubatees"), 0);
  EXPECT_TRUE(b.Has(IndicatorSlot("incubatees")));
  EXPECT_EQ(b.Get(IndicatorSlot("incubatees")), 12);
  EXPECT_EQ(b.Get(IndicatorSlot("specialised")), 1);
  EXPECT_FALSE(b.Has(IndicatorSlot("mentors")));
  EXPECT_EQ(IndicatorSlot("no_such_indicator"), -1);
  v.Set("no_such_indicator", 1, "declared");
  EXPECT_TRUE(BoundValues(v).off_catalogue());
}

// A value under a parameter's id shadows the parameter in the interpreter; the compiled form
// hands such a subject to the interpreter and so agrees.
TEST(CompiledTest, AValueShadowingAParameterIsHonoured) {
  auto rs = ParseRuleSet(R"(id = "RS-TEST"
version = 1
name_zh = "测试"
name_en = "Test"
subject = "carrier"
kind = "recognition"
level = "provincial"
jurisdiction = "63"
combine = "all"

[[parameters]]
id = "area_min"
name_zh = "面积下限"
name_en = "minimum area"
value = 6000
unit = "m2"

[[criteria]]
id = "A1"
name_zh = "面积"
name_en = "Area"
lhs = "self_controlled_area_m2"
op = ">="
threshold = "area_min"
unit = "m2"
)",
                         "test.toml");
  ASSERT_TRUE(rs.has_value()) << rs.error().message_en;
  CompiledRuleSet compiled(*rs);
  IndicatorValues values;
  values.Set("self_controlled_area_m2", 5000, "declared");
  EXPECT_EQ(compiled.Decide(values).outcome, Outcome::kFail);
  values.Set("area_min", 4000, "declared");
  ASSERT_EQ(Evaluate(*rs, values).outcome, Outcome::kPass);
  EXPECT_EQ(compiled.Decide(values).outcome, Outcome::kPass);
}

// Elements the shipped sets rarely isolate: a provisional relaxation marks the verdict only when
// it applies, a variant replaces the threshold, an unknown variant condition leaves it unknown.
TEST(CompiledTest, RelaxationsAndVariantsOnASmallSet) {
  auto rs = ParseRuleSet(R"(id = "RS-TEST"
version = 1
name_zh = "测试"
name_en = "Test"
subject = "carrier"
kind = "recognition"
level = "provincial"
jurisdiction = "63"
combine = "all"

[[parameters]]
id = "area_min"
name_zh = "面积下限"
name_en = "minimum area"
value = 6000
unit = "m2"

[[parameters]]
id = "area_min_specialised"
name_zh = "专业孵化器面积下限"
name_en = "minimum area, specialised"
value = 3000
unit = "m2"

[[criteria]]
id = "A1"
name_zh = "面积"
name_en = "Area"
lhs = "self_controlled_area_m2"
op = ">="
threshold = "area_min"
unit = "m2"

  [[criteria.variants]]
  name_zh = "专业孵化器"
  name_en = "specialised"
  when = "specialised"
  threshold = "area_min_specialised"

[[relaxations]]
id = "R1"
name_zh = "放宽"
name_en = "Relaxation"
when = "hardship_area"
factor = "0.5"
criteria = ["A1"]
provisional = true
)",
                         "test.toml");
  ASSERT_TRUE(rs.has_value()) << rs.error().message_en;
  CompiledRuleSet compiled(*rs);
  int provisional = 0, cases = 0;
  for (double area : {1000.0, 1500.0, 2999.0, 3000.0, 4000.0, 6000.0})
    for (int specialised : {-1, 0, 1})
      for (int hardship : {-1, 0, 1}) {
        IndicatorValues v;
        v.Set("self_controlled_area_m2", area, "declared");
        if (specialised >= 0) v.SetBool("specialised", specialised, "declared");
        if (hardship >= 0) v.SetBool("hardship_area", hardship, "declared");
        Verdict want = Evaluate(*rs, v);
        Decision got = compiled.Decide(v);
        EXPECT_EQ(got.outcome, want.outcome) << area << " " << specialised << " " << hardship;
        EXPECT_EQ(got.provisional, want.provisional)
            << area << " " << specialised << " " << hardship;
        provisional += want.provisional;
        ++cases;
      }
  EXPECT_GT(provisional, 0);
  EXPECT_LT(provisional, cases);
}

}  // namespace
}  // namespace incunet::domain::standards
