#include "domain/standards/loader.hpp"

#include <gtest/gtest.h>

namespace incunet::domain::standards {
namespace {

// A small valid rule set; the cases below break one thing each. Line numbers matter: the
// header is lines 1–9, the parameter 11–16, the criterion 18–25.
constexpr std::string_view kValid = R"(id = "RS-TEST"
version = 2
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
)";

std::string Replace(std::string_view text, std::string_view from, std::string_view to) {
  std::string s(text);
  auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) s.replace(pos, from.size(), to);
  return s;
}

TEST(LoaderTest, ParsesTheValidExample) {
  auto rs = ParseRuleSet(kValid, "test.toml");
  ASSERT_TRUE(rs.has_value()) << rs.error().message_en;
  EXPECT_EQ(rs->id, "RS-TEST");
  EXPECT_EQ(rs->version, 2);
  EXPECT_EQ(rs->level, Level::kProvincial);
  EXPECT_EQ(rs->jurisdiction, "63");
  EXPECT_TRUE(rs->inclusive);
  ASSERT_EQ(rs->criteria.size(), 1u);
  EXPECT_EQ(rs->criteria[0].indicators, std::vector<std::string>{"self_controlled_area_m2"});
  EXPECT_EQ(rs->criteria[0].parameters, std::vector<std::string>{"area_min"});
  EXPECT_EQ(rs->FindParameter("area_min")->value, 6000);
  EXPECT_EQ(rs->criteria[0].line, 18);
}

struct Malformed {
  const char* name;
  std::string text;
  int line;
  const char* reason;  // a fragment of details["reason"]
};

class MalformedTest : public ::testing::TestWithParam<Malformed> {};

TEST_P(MalformedTest, IsRefusedWithFileLineAndReason) {
  const Malformed& m = GetParam();
  auto rs = ParseRuleSet(m.text, "data/standards/bad.toml");
  ASSERT_FALSE(rs.has_value()) << m.name;
  const core::Error& e = rs.error();
  EXPECT_EQ(e.code, core::ErrorCode::kInvalid);
  EXPECT_EQ(e.id, "invalid_rule_set");
  EXPECT_EQ(e.details.at("file"), "data/standards/bad.toml");
  EXPECT_EQ(e.details.at("line"), std::to_string(m.line)) << e.message_en;
  EXPECT_NE(e.details.at("reason").find(m.reason), std::string::npos) << e.details.at("reason");
  // The reason in both languages: the English one is `reason`, the Chinese one closes message_zh.
  EXPECT_EQ(e.details.at("reason_en"), e.details.at("reason"));
  const std::string& zh = e.details.at("reason_zh");
  ASSERT_FALSE(zh.empty());
  EXPECT_NE(zh, e.details.at("reason_en"));
  EXPECT_TRUE(e.message_zh.ends_with(zh)) << e.message_zh << " / " << zh;
  EXPECT_NE(e.message_zh.find("第 " + std::to_string(m.line) + " 行"), std::string::npos);
  EXPECT_NE(e.message_en.find("data/standards/bad.toml line " + std::to_string(m.line)),
            std::string::npos);
}

const std::string kSecondCriterion = R"(
[[criteria]]
id = "A1"
name_zh = "重复"
name_en = "Duplicate"
lhs = "incubatees"
op = ">="
threshold = 10
unit = "count"
)";

const std::string kCycle = R"(
[[derived]]
id = "a_share"
name_zh = "甲"
name_en = "a"
unit = "ratio"
expr = "b_share * 2"

[[derived]]
id = "b_share"
name_zh = "乙"
name_en = "b"
unit = "ratio"
expr = "a_share / 2"
)";

INSTANTIATE_TEST_SUITE_P(
    Classes, MalformedTest,
    ::testing::Values(
        Malformed{"toml_syntax", Replace(kValid, "value = 6000", "value = = 6000"), 15,
                  "TOML syntax"},
        Malformed{"unknown_indicator",
                  Replace(kValid, "\"self_controlled_area_m2\"", "\"self_area\""), 22,
                  "unknown indicator or parameter 'self_area'"},
        Malformed{"bad_operator", Replace(kValid, "op = \">=\"", "op = \"=>\""), 23,
                  "unknown operator '=>'"},
        Malformed{"expression_syntax",
                  Replace(kValid, "threshold = \"area_min\"", "threshold = \"area_min *\""), 24,
                  "ends too early"},
        Malformed{"cyclic_expression", std::string(kValid) + kCycle, 27,
                  "cyclic definition: a_share -> b_share -> a_share"},
        Malformed{"unit_mismatch_declared",
                  Replace(kValid, "threshold = \"area_min\"\nunit = \"m2\"",
                          "threshold = \"area_min\"\nunit = \"count\""),
                  25, "unit is count but the left-hand side is in m2"},
        Malformed{"unit_mismatch_threshold",
                  Replace(kValid, "threshold = \"area_min\"", "threshold = \"incubatees\""), 24,
                  "threshold is in count but the left-hand side is in m2"},
        Malformed{"unit_mismatch_sum",
                  Replace(kValid, "lhs = \"self_controlled_area_m2\"",
                          "lhs = \"self_controlled_area_m2 + incubatees\""),
                  22, "units do not match in +: m2 and count"},
        Malformed{"unknown_unit", Replace(kValid, "unit = \"m2\"\n\n", "unit = \"sqm\"\n\n"), 16,
                  "unknown unit 'sqm'"},
        Malformed{"duplicate_criterion", std::string(kValid) + kSecondCriterion, 27,
                  "duplicate criterion id 'A1' (first at line 18)"},
        Malformed{"duplicate_parameter",
                  Replace(kValid, "[[criteria]]",
                          "[[parameters]]\nid = \"area_min\"\nname_zh = \"x\"\nname_en = \"x\"\n"
                          "value = 1\nunit = \"m2\"\n\n[[criteria]]"),
                  18, "duplicate id 'area_min'"},
        Malformed{"unknown_key", Replace(kValid, "op = \">=\"", "op = \">=\"\ntreshold = 5"), 24,
                  "unknown key 'treshold'"},
        Malformed{"missing_field", Replace(kValid, "name_en = \"Area\"\n", ""), 18,
                  "missing 'name_en'"},
        Malformed{"wrong_subject",
                  Replace(kValid, "\"self_controlled_area_m2\"", "\"months_in_incubation\""), 22,
                  "'months_in_incubation' is an enterprise indicator"},
        Malformed{"bad_kind", Replace(kValid, "kind = \"recognition\"", "kind = \"award\""), 6,
                  "kind must be"},
        Malformed{
            "bool_ordering",
            Replace(Replace(kValid, "\"self_controlled_area_m2\"", "\"hardship_area\""),
                    "threshold = \"area_min\"\nunit = \"m2\"", "threshold = true\nunit = \"bool\""),
            23, "a boolean can only be compared with == or !="},
        Malformed{"parameter_reads_indicator",
                  Replace(kValid, "value = 6000", "value = \"incubatees * 100\""), 11,
                  "may only reference parameters"},
        Malformed{"bad_jurisdiction",
                  Replace(kValid, "jurisdiction = \"63\"", "jurisdiction = \"Qinghai\""), 8,
                  "jurisdiction must be"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(LoaderTest, ScoreWeightsMustFillTheirGroup) {
  std::string text = Replace(kValid, "combine = \"all\"", "combine = \"score\"");
  text += "group = \"g\"\nweight = 4\n";
  text += R"(
[[groups]]
id = "g"
name_zh = "组"
name_en = "group"
max = 5

[[grades]]
code = "A"
name_zh = "优"
name_en = "good"
min_score = 3

[[grades]]
code = "D"
name_zh = "差"
name_en = "poor"
min_score = 0
)";
  auto rs = ParseRuleSet(text, "score.toml");
  ASSERT_FALSE(rs.has_value());
  EXPECT_NE(rs.error().details.at("reason").find("add up to 4, not its max 5"), std::string::npos)
      << rs.error().message_en;
  EXPECT_NE(rs.error().details.at("reason_zh").find("权重合计 4，与满分 5 不符"), std::string::npos)
      << rs.error().message_zh;
  auto fixed = ParseRuleSet(Replace(text, "weight = 4", "weight = 5"), "score.toml");
  ASSERT_TRUE(fixed.has_value()) << fixed.error().message_en;
  EXPECT_EQ(fixed->MaxScore(), 5);
  EXPECT_EQ(fixed->criteria[0].weight, 5);
}

TEST(LoaderTest, OverrideParametersRefoldsExpressions) {
  std::string text = Replace(kValid, "[[criteria]]",
                             "[[parameters]]\nid = \"area_half\"\nname_zh = \"半\"\nname_en = "
                             "\"half\"\nvalue = \"area_min / 2\"\nunit = \"m2\"\n\n[[criteria]]");
  auto rs = ParseRuleSet(text, "t.toml");
  ASSERT_TRUE(rs.has_value()) << rs.error().message_en;
  EXPECT_EQ(rs->FindParameter("area_half")->value, 3000);
  auto changed = OverrideParameters(*rs, {{"area_min", 8000}});
  ASSERT_TRUE(changed.has_value());
  EXPECT_EQ(changed->FindParameter("area_half")->value, 4000);
  EXPECT_EQ(rs->FindParameter("area_min")->value, 6000);  // the original is untouched
  EXPECT_FALSE(OverrideParameters(*rs, {{"no_such", 1}}).has_value());
}

}  // namespace
}  // namespace incunet::domain::standards
