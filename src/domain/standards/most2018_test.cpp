// Hand-computed verdicts at every boundary of RS-MOST-2018 (国科发区〔2018〕300号).
#include <gtest/gtest.h>

#include <functional>

#include "domain/standards/evaluate.hpp"
#include "domain/standards/loader.hpp"
#include "support/domain/standards/test_support.hpp"

namespace incunet::domain::standards {
namespace {

const RuleSet& Most2018() {
  static const RuleSet rs = testing::LoadShipped("national_rs-most-2018_v1.toml");
  return rs;
}

// A general incubator sitting exactly on every threshold:
// area 10000 (N2a), used 7500 = 0.75 (N2b), fund 5,000,000 (N3a), 5 of 50 financed = 0.10
// (N3b), 3 cases (N3c), 8 of 10 staff professional = 0.80 (N4a), 5 professional staff =
// ceil(50 × 0.1)... the 8 professional staff exceed that, so N4b is tested separately;
// 5 mentors = ceil(50/10) (N4c), 25 of 50 with patents = 0.50 (N5), 50 incubatees (N6a),
// 50 per 10 thousand m² = 5 per 1000 m² (N6b is tested on its own base), 20 graduates (N7).
IndicatorValues AtThresholds() {
  IndicatorValues v;
  v.SetBool("operator_is_independent_legal_person", true, "declared")
      .Set("operator_years", 3, "records:carrier")
      .Set("torch_stats_consecutive_years", 2, "annual_return:2024")
      .Set("self_controlled_area_m2", 10000, "annual_return:2024")
      .Set("incubatee_used_area_m2", 7500, "annual_return:2024")
      .Set("seed_fund_cny", 5'000'000, "declared")
      .Set("incubatees", 50, "records:incubations")
      .Set("incubatees_financed", 5, "records:investments")
      .Set("fund_use_cases", 3, "declared")
      .Set("professional_staff", 8, "declared")
      .Set("total_staff", 10, "declared")
      .Set("mentors", 5, "declared")
      .Set("incubatees_with_patent_application", 25, "annual_return:2024")
      .Set("incubatees_with_valid_ip", 15, "annual_return:2024")
      .Set("cumulative_graduates", 20, "records:incubations")
      .SetBool("specialised", false, "records:carrier")
      .SetBool("hardship_area", false, "regions:hardship");
  return v;
}

const CriterionResult& Find(const Verdict& v, const std::string& id) {
  for (const auto& c : v.criteria)
    if (c.id == id) return c;
  static CriterionResult none;
  ADD_FAILURE() << "no criterion " << id;
  return none;
}

std::vector<std::string> Failing(const Verdict& v) {
  std::vector<std::string> out;
  for (const auto& c : v.criteria)
    if (c.outcome != Outcome::kPass) out.push_back(c.id);
  return out;
}

TEST(Most2018Test, ExactlyAtEveryThresholdPasses) {
  Verdict v = Evaluate(Most2018(), AtThresholds());
  EXPECT_EQ(v.outcome, Outcome::kPass);
  EXPECT_TRUE(Failing(v).empty());
  EXPECT_EQ(v.criteria.size(), 15u);
  for (const char* id :
       {"N1b", "N1c", "N2a", "N2b", "N3a", "N3b", "N3c", "N4a", "N4c", "N5", "N6a", "N7"}) {
    ASSERT_TRUE(Find(v, id).margin.has_value()) << id;
    EXPECT_EQ(*Find(v, id).margin, 0) << id;
  }
  EXPECT_EQ(*Find(v, "N2a").threshold, 10000);
  EXPECT_EQ(*Find(v, "N4b").threshold, 5);  // ceil(50 × 0.1)
  EXPECT_EQ(*Find(v, "N4b").margin, 3);     // 8 − 5
  EXPECT_EQ(*Find(v, "N6b").value, 5);      // 50 / (10000 / 1000)
  EXPECT_EQ(Find(v, "N2a").citation, "国科发区〔2018〕300号 第七条（二）");
  EXPECT_FALSE(v.provisional);
  EXPECT_TRUE(v.missing.empty());
}

struct Below {
  const char* criterion;
  std::function<void(IndicatorValues&)> change;
  double margin;  // value − threshold of the failing criterion
};

class JustBelowTest : public ::testing::TestWithParam<Below> {};

TEST_P(JustBelowTest, FailsOnlyThatCriterion) {
  IndicatorValues values = AtThresholds();
  GetParam().change(values);
  Verdict v = Evaluate(Most2018(), values);
  EXPECT_EQ(v.outcome, Outcome::kFail);
  EXPECT_EQ(Failing(v), std::vector<std::string>{GetParam().criterion});
  const CriterionResult& c = Find(v, GetParam().criterion);
  EXPECT_EQ(c.outcome, Outcome::kFail);
  if (c.margin) {
    EXPECT_NEAR(*c.margin, GetParam().margin, 1e-9);
    EXPECT_LT(*c.margin, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryCriterion, JustBelowTest,
    ::testing::Values(
        Below{"N1a", [](auto& v) { v.SetBool("operator_is_independent_legal_person", false, "d"); },
              0},
        Below{"N1b", [](auto& v) { v.Set("operator_years", 2, "d"); }, -1},
        Below{"N1c", [](auto& v) { v.Set("torch_stats_consecutive_years", 1, "d"); }, -1},
        // 9999 m²: N2b 7500/9999 and N6b 50/9.999 still pass.
        Below{"N2a", [](auto& v) { v.Set("self_controlled_area_m2", 9999, "d"); }, -1},
        Below{"N2b", [](auto& v) { v.Set("incubatee_used_area_m2", 7499, "d"); }, -0.0001},
        Below{"N3a", [](auto& v) { v.Set("seed_fund_cny", 4'999'999, "d"); }, -1},
        Below{"N3b", [](auto& v) { v.Set("incubatees_financed", 4, "d"); }, -0.02},
        Below{"N3c", [](auto& v) { v.Set("fund_use_cases", 2, "d"); }, -1},
        Below{"N4a", [](auto& v) { v.Set("total_staff", 11, "d"); }, 8.0 / 11 - 0.8},
        // 4 professional staff of 5 keep N4a at 0.80 but miss ceil(50/10) = 5.
        Below{"N4b",
              [](auto& v) {
                v.Set("professional_staff", 4, "d");
                v.Set("total_staff", 5, "d");
              },
              -1},
        Below{"N4c", [](auto& v) { v.Set("mentors", 4, "d"); }, -1},
        // Both IP alternatives just below: 24/50 = 0.48 and 14/50 = 0.28. The deciding clause
        // is the closer one in relative terms: patents (−0.04 of 0.5 = −8%) vs IP (−0.02 of
        // 0.3 = −6.7%), so the IP clause with margin −0.02.
        Below{"N5",
              [](auto& v) {
                v.Set("incubatees_with_patent_application", 24, "d");
                v.Set("incubatees_with_valid_ip", 14, "d");
              },
              -0.02},
        // 49 incubatees: 5/49 financed, ceil(4.9) = 5 staff and mentors, 25/49 patents all pass.
        Below{"N6a", [](auto& v) { v.Set("incubatees", 49, "d"); }, -1},
        Below{"N7", [](auto& v) { v.Set("cumulative_graduates", 19, "d"); }, -1}),
    [](const auto& info) { return std::string(info.param.criterion); });

// N6b on its own: 60 incubatees on 20,000 m² is exactly 3 per 1000 m²; 59 is 2.95.
IndicatorValues DensityBase(double incubatees) {
  IndicatorValues v = AtThresholds();
  v.Set("self_controlled_area_m2", 20000, "d")
      .Set("incubatee_used_area_m2", 15000, "d")
      .Set("incubatees", incubatees, "d")
      .Set("incubatees_financed", 6, "d")
      .Set("incubatees_with_patent_application", 30, "d")
      .Set("mentors", 6, "d");
  return v;
}

TEST(Most2018Test, DensityBoundary) {
  Verdict at = Evaluate(Most2018(), DensityBase(60));
  EXPECT_EQ(at.outcome, Outcome::kPass);
  EXPECT_EQ(*Find(at, "N6b").value, 3);
  EXPECT_EQ(*Find(at, "N6b").margin, 0);
  Verdict below = Evaluate(Most2018(), DensityBase(59));
  EXPECT_EQ(Failing(below), std::vector<std::string>{"N6b"});
  EXPECT_NEAR(*Find(below, "N6b").margin, -0.05, 1e-9);
}

TEST(Most2018Test, IpNeedsOnlyOneAlternative) {
  IndicatorValues v = AtThresholds();
  v.Set("incubatees_with_patent_application", 0, "d");  // patents fail, valid IP 0.30 holds
  Verdict r = Evaluate(Most2018(), v);
  EXPECT_EQ(r.outcome, Outcome::kPass);
  const auto& n5 = Find(r, "N5");
  ASSERT_EQ(n5.clauses.size(), 2u);
  EXPECT_EQ(n5.clauses[0].outcome, Outcome::kFail);
  EXPECT_EQ(n5.clauses[1].outcome, Outcome::kPass);
  EXPECT_EQ(n5.deciding_clause, 1u);
}

// 第十条: in a hardship area area, incubatees, graduates, fund and IP ratios × 0.8.
IndicatorValues HardshipAtThresholds() {
  IndicatorValues v = AtThresholds();
  v.SetBool("hardship_area", true, "regions:hardship")
      .Set("self_controlled_area_m2", 8000, "d")           // 10000 × 0.8
      .Set("incubatee_used_area_m2", 6000, "d")            // 0.75 is not relaxed
      .Set("seed_fund_cny", 4'000'000, "d")                // 5,000,000 × 0.8
      .Set("incubatees", 40, "d")                          // 50 × 0.8
      .Set("incubatees_financed", 4, "d")                  // 0.10 is not relaxed
      .Set("mentors", 4, "d")                              // ceil(40/10)
      .Set("incubatees_with_patent_application", 16, "d")  // 0.5 × 0.8 = 0.4
      .Set("incubatees_with_valid_ip", 0, "d")
      .Set("cumulative_graduates", 16, "d");  // 20 × 0.8
  return v;
}

TEST(Most2018Test, HardshipAreaRelaxesTheListedThresholds) {
  Verdict v = Evaluate(Most2018(), HardshipAtThresholds());
  EXPECT_EQ(v.outcome, Outcome::kPass) << ::testing::PrintToString(Failing(v));
  EXPECT_EQ(*Find(v, "N2a").threshold, 8000);
  EXPECT_EQ(Find(v, "N2a").clauses[0].relaxations, std::vector<std::string>{"N10"});
  EXPECT_NEAR(*Find(v, "N3a").threshold, 4'000'000, 1e-6);
  EXPECT_NEAR(*Find(v, "N5").clauses[0].threshold, 0.4, 1e-12);
  EXPECT_NEAR(*Find(v, "N5").clauses[1].threshold, 0.24, 1e-12);
  EXPECT_EQ(*Find(v, "N6a").threshold, 40);
  EXPECT_EQ(*Find(v, "N7").threshold, 16);
  EXPECT_EQ(*Find(v, "N2b").threshold, 0.75);  // not in the N10 list
  EXPECT_TRUE(Find(v, "N2b").clauses[0].relaxations.empty());

  for (auto [indicator, value, criterion] :
       {std::tuple{"self_controlled_area_m2", 7999.0, "N2a"},
        std::tuple{"seed_fund_cny", 3'999'999.0, "N3a"},
        std::tuple{"cumulative_graduates", 15.0, "N7"},
        std::tuple{"incubatees_with_patent_application", 15.0, "N5"}}) {
    IndicatorValues below = HardshipAtThresholds();
    below.Set(indicator, value, "d");
    if (std::string(indicator) == "self_controlled_area_m2")
      below.Set("incubatee_used_area_m2", 6000, "d");  // 6000/7999 still ≥ 0.75
    EXPECT_EQ(Failing(Evaluate(Most2018(), below)), std::vector<std::string>{criterion})
        << indicator;
  }
  // Outside a hardship area the same carrier fails everything that was relaxed.
  IndicatorValues normal = HardshipAtThresholds();
  normal.SetBool("hardship_area", false, "regions:hardship");
  EXPECT_EQ(Failing(Evaluate(Most2018(), normal)),
            (std::vector<std::string>{"N2a", "N3a", "N5", "N6a", "N7"}));
}

// 第七条（八）: a qualifying specialised incubator needs 30 incubatees, 2 per 1000 m² and 15
// graduates; the area threshold is unchanged.
IndicatorValues SpecialisedAtThresholds() {
  IndicatorValues v = AtThresholds();
  v.SetBool("specialised", true, "records:carrier")
      .Set("incubatees", 30, "d")
      .Set("incubatees_same_industry", 23, "d")  // 23/30 ≥ 0.75; 22/30 is not
      .SetBool("precise_industry_services", true, "declared")
      .SetBool("own_public_service_platform", true, "declared")
      .Set("self_controlled_area_m2", 15000, "d")  // 30 / 15 = 2 per 1000 m²
      .Set("incubatee_used_area_m2", 11250, "d")
      .Set("incubatees_financed", 3, "d")
      .Set("mentors", 3, "d")
      .Set("incubatees_with_patent_application", 15, "d")
      .Set("incubatees_with_valid_ip", 9, "d")
      .Set("cumulative_graduates", 15, "d");
  return v;
}

TEST(Most2018Test, SpecialisedVariant) {
  Verdict v = Evaluate(Most2018(), SpecialisedAtThresholds());
  EXPECT_EQ(v.outcome, Outcome::kPass) << ::testing::PrintToString(Failing(v));
  EXPECT_EQ(*Find(v, "N6a").threshold, 30);
  EXPECT_EQ(Find(v, "N6a").clauses[0].variant_zh, "专业孵化器");
  EXPECT_EQ(*Find(v, "N6b").threshold, 2);
  EXPECT_EQ(*Find(v, "N6b").margin, 0);
  EXPECT_EQ(*Find(v, "N7").threshold, 15);
  EXPECT_EQ(*Find(v, "N2a").threshold, 10000);

  IndicatorValues fewer = SpecialisedAtThresholds();
  fewer.Set("incubatees_same_industry", 22, "d").Set("incubatees", 29, "d");
  // 22/29 ≥ 0.75 still qualifies; 29 < 30 fails N6a only (29/15 < 2 fails N6b too).
  EXPECT_EQ(Failing(Evaluate(Most2018(), fewer)), (std::vector<std::string>{"N6a", "N6b"}));

  IndicatorValues graduates = SpecialisedAtThresholds();
  graduates.Set("cumulative_graduates", 14, "d");
  EXPECT_EQ(Failing(Evaluate(Most2018(), graduates)), std::vector<std::string>{"N7"});

  // Declared specialised but only 22 of 30 in the industry: general thresholds apply.
  IndicatorValues not_qualified = SpecialisedAtThresholds();
  not_qualified.Set("incubatees_same_industry", 22, "d");
  Verdict general = Evaluate(Most2018(), not_qualified);
  EXPECT_EQ(Failing(general), (std::vector<std::string>{"N6a", "N6b", "N7"}));
  EXPECT_EQ(*Find(general, "N6a").threshold, 50);
  EXPECT_TRUE(Find(general, "N6a").clauses[0].variant_zh.empty());
}

TEST(Most2018Test, SpecialisedInHardshipAreaCombinesBoth) {
  IndicatorValues v = SpecialisedAtThresholds();
  v.SetBool("hardship_area", true, "d")
      .Set("incubatees", 24, "d")  // 30 × 0.8
      .Set("incubatees_same_industry", 18, "d")
      .Set("self_controlled_area_m2", 12000, "d")  // 24 / 12 = 2 per 1000 m²
      .Set("incubatee_used_area_m2", 9000, "d")
      .Set("cumulative_graduates", 12, "d");  // 15 × 0.8
  Verdict r = Evaluate(Most2018(), v);
  EXPECT_EQ(r.outcome, Outcome::kPass) << ::testing::PrintToString(Failing(r));
  EXPECT_EQ(*Find(r, "N6a").threshold, 24);
  EXPECT_EQ(*Find(r, "N7").threshold, 12);
  v.Set("incubatees", 23, "d");
  EXPECT_EQ(Find(Evaluate(Most2018(), v), "N6a").outcome, Outcome::kFail);
}

TEST(Most2018Test, InclusiveSwitch) {
  std::string text =
      testing::ReadFile(testing::SourceDir() / "data/standards/national_rs-most-2018_v1.toml");
  auto pos = text.find("inclusive = true");
  ASSERT_NE(pos, std::string::npos);
  text.replace(pos, 16, "inclusive = false");
  auto exclusive = ParseRuleSet(text, "exclusive.toml");
  ASSERT_TRUE(exclusive.has_value()) << exclusive.error().message_en;
  Verdict v = Evaluate(*exclusive, AtThresholds());
  EXPECT_EQ(v.outcome, Outcome::kFail);
  // Every >= becomes >: all numeric criteria sitting on the threshold fail; N4b (8 > 5) and
  // N6b (5 > 3) keep their slack, booleans are unaffected.
  EXPECT_EQ(Failing(v), (std::vector<std::string>{"N1b", "N1c", "N2a", "N2b", "N3a", "N3b", "N3c",
                                                  "N4a", "N4c", "N5", "N6a", "N7"}));
  EXPECT_EQ(Find(v, "N2a").op, ClauseOp::kGt);
  EXPECT_EQ(*Find(v, "N2a").margin, 0);

  // A criterion can pin its own setting.
  pos = text.find("id = \"N2a\"");
  ASSERT_NE(pos, std::string::npos);
  text.insert(pos + 10, "\ninclusive = true");
  auto pinned = ParseRuleSet(text, "pinned.toml");
  ASSERT_TRUE(pinned.has_value()) << pinned.error().message_en;
  Verdict p = Evaluate(*pinned, AtThresholds());
  EXPECT_EQ(Find(p, "N2a").outcome, Outcome::kPass);
  EXPECT_EQ(Find(p, "N2a").op, ClauseOp::kGe);
  EXPECT_EQ(Find(p, "N7").outcome, Outcome::kFail);
}

TEST(Most2018Test, MissingValuesAreUnknownNotPass) {
  IndicatorValues v = AtThresholds();
  v.values.erase("seed_fund_cny");
  Verdict r = Evaluate(Most2018(), v);
  EXPECT_EQ(r.outcome, Outcome::kUnknown);
  EXPECT_EQ(Find(r, "N3a").outcome, Outcome::kUnknown);
  EXPECT_EQ(Find(r, "N3a").missing, std::vector<std::string>{"seed_fund_cny"});
  EXPECT_EQ(r.missing, std::vector<std::string>{"seed_fund_cny"});
  // A known failure decides the verdict even with values missing.
  v.Set("cumulative_graduates", 0, "d");
  EXPECT_EQ(Evaluate(Most2018(), v).outcome, Outcome::kFail);
  // Without the hardship flag the relaxed criteria cannot be decided.
  IndicatorValues no_flag = AtThresholds();
  no_flag.values.erase("hardship_area");
  Verdict u = Evaluate(Most2018(), no_flag);
  EXPECT_EQ(Failing(u), (std::vector<std::string>{"N2a", "N3a", "N5", "N6a", "N7"}));
  EXPECT_EQ(u.missing, std::vector<std::string>{"hardship_area"});
  // Zero incubatees leave the ratios undefined, with a reason.
  IndicatorValues empty = AtThresholds();
  empty.Set("incubatees", 0, "d");
  Verdict z = Evaluate(Most2018(), empty);
  EXPECT_EQ(Find(z, "N3b").outcome, Outcome::kUnknown);
  EXPECT_FALSE(Find(z, "N3b").reason_en.empty());
  EXPECT_EQ(z.outcome, Outcome::kFail);  // N6a fails
}

TEST(Most2018Test, RecordsTheSourcesAndIsIdempotent) {
  IndicatorValues v = AtThresholds();
  Verdict a = Evaluate(Most2018(), v);
  const auto& n3b = Find(a, "N3b");
  ASSERT_EQ(n3b.values.size(), 2u);
  EXPECT_EQ(n3b.values[0].indicator, "incubatees");
  EXPECT_EQ(n3b.values[0].source, "records:incubations");
  EXPECT_EQ(n3b.values[1].indicator, "incubatees_financed");
  EXPECT_EQ(n3b.values[1].source, "records:investments");
  // N6a reads the specialised-incubator inputs through the derived indicator.
  std::vector<std::string> read;
  for (const auto& u : Find(a, "N6a").values) read.push_back(u.indicator);
  EXPECT_EQ(read, (std::vector<std::string>{"hardship_area", "incubatees", "specialised"}));
  Verdict b = Evaluate(Most2018(), v);
  ASSERT_EQ(a.criteria.size(), b.criteria.size());
  for (size_t i = 0; i < a.criteria.size(); ++i) {
    EXPECT_EQ(a.criteria[i].outcome, b.criteria[i].outcome);
    EXPECT_EQ(a.criteria[i].value, b.criteria[i].value);
    EXPECT_EQ(a.criteria[i].threshold, b.criteria[i].threshold);
    EXPECT_EQ(a.criteria[i].margin, b.criteria[i].margin);
  }
  ASSERT_EQ(a.derived.size(), 2u);
  EXPECT_EQ(a.derived[0].id, "specialised_qualified");
  EXPECT_EQ(a.derived[0].value, 0);
  EXPECT_EQ(a.derived[1].value, 5);
}

}  // namespace
}  // namespace incunet::domain::standards
