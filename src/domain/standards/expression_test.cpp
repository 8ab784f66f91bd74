#include "domain/standards/expression.hpp"

#include <gtest/gtest.h>

#include <map>

namespace incunet::domain::standards {
namespace {

std::optional<double> Eval(std::string_view text, const std::map<std::string, double>& vars = {}) {
  auto e = ParseExpression(text);
  EXPECT_TRUE(e.has_value()) << text;
  if (!e) return std::nullopt;
  return EvaluateExpression(**e, [&](const std::string& n) -> std::optional<double> {
    auto it = vars.find(n);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  });
}

core::Result<ExprType> Type(std::string_view text) {
  static const std::map<std::string, Unit> kNames = {
      {"area", Unit::Of(Dimension::kM2)},
      {"used", Unit::Of(Dimension::kM2)},
      {"firms", Unit::Of(Dimension::kCount)},
      {"financed", Unit::Of(Dimension::kCount)},
      {"staff", Unit::Of(Dimension::kPersons)},
      {"per_firm", *ParseUnit("persons/count")},
      {"flag", Unit::Bool()},
      {"share", Unit::Ratio()},
  };
  auto e = ParseExpression(text);
  EXPECT_TRUE(e.has_value()) << text;
  return CheckTypes(**e, [&](const std::string& n) -> std::optional<ExprType> {
    auto it = kNames.find(n);
    if (it == kNames.end()) return std::nullopt;
    return ExprType{it->second, false};
  });
}

TEST(ExpressionTest, ArithmeticPrecedenceAndFunctions) {
  EXPECT_EQ(Eval("1 + 2 * 3"), 7);
  EXPECT_EQ(Eval("(1 + 2) * 3"), 9);
  EXPECT_EQ(Eval("10 - 4 - 3"), 3);
  EXPECT_EQ(Eval("12 / 4 / 3"), 1);
  EXPECT_EQ(Eval("-2 * -3"), 6);
  EXPECT_EQ(Eval("5_000_000 / 1000"), 5000);
  EXPECT_EQ(Eval("ceil(49 / 10)"), 5);
  EXPECT_EQ(Eval("ceil(50 * 0.1)"), 5);  // 5.000000000000001 must not become 6
  EXPECT_EQ(Eval("floor(59 / 10)"), 5);
  EXPECT_EQ(Eval("min(3, 1, 2)"), 1);
  EXPECT_EQ(Eval("max(3, 1, 2)"), 3);
  EXPECT_EQ(Eval("if(2 > 1, 10, 20)"), 10);
  EXPECT_EQ(Eval("if(x, 48, 60)", {{"x", 0}}), 60);
}

TEST(ExpressionTest, ComparisonsAndLogic) {
  EXPECT_EQ(Eval("1 < 2 and 2 <= 2 and 3 > 2 and 3 >= 3 and 1 == 1 and 1 != 2"), 1);
  EXPECT_EQ(Eval("not (1 < 2) or false"), 0);
  EXPECT_EQ(Eval("7500 / 10000 >= 0.75"), 1);
  EXPECT_EQ(Eval("7499 / 10000 >= 0.75"), 0);
  EXPECT_EQ(Eval("10000 * 0.8 >= 8000"), 1);
  EXPECT_EQ(Eval("0.5 * 0.8 >= 0.4"), 1);
  EXPECT_EQ(Eval("true == (1 < 2)"), 1);
}

TEST(ExpressionTest, UnknownValuesFollowKleeneLogic) {
  EXPECT_EQ(Eval("x + 1"), std::nullopt);
  EXPECT_EQ(Eval("false and x > 1"), 0);
  EXPECT_EQ(Eval("x > 1 and false"), 0);
  EXPECT_EQ(Eval("true or x > 1"), 1);
  EXPECT_EQ(Eval("x > 1 or true"), 1);
  EXPECT_EQ(Eval("true and x > 1"), std::nullopt);
  EXPECT_EQ(Eval("if(x > 1, 5, 5)"), 5);
  EXPECT_EQ(Eval("if(x > 1, 5, 6)"), std::nullopt);
  EXPECT_EQ(Eval("3 / 0"), std::nullopt);
  EXPECT_EQ(Eval("a / b", {{"a", 0}, {"b", 0}}), std::nullopt);
}

TEST(ExpressionTest, SyntaxErrorsNameTheColumn) {
  struct Case {
    const char* text;
    const char* column;
  };
  for (auto [text, column] : {Case{"1 +", "4"}, Case{"(1 + 2", "7"}, Case{"a >= >= b", "6"},
                              Case{"sqrt(4)", "1"}, Case{"a => b", "3"}, Case{"1 < 2 < 3", "7"},
                              Case{"ceil(1, 2)", "1"}, Case{"面积 > 1", "1"}, Case{"12ab", "1"}}) {
    auto e = ParseExpression(text);
    ASSERT_FALSE(e.has_value()) << text;
    EXPECT_EQ(e.error().details.at("column"), column) << text << ": " << e.error().message_en;
    EXPECT_FALSE(e.error().details.at("reason").empty());
  }
}

TEST(ExpressionTest, UnitsAreInferred) {
  EXPECT_EQ(Type("area")->unit, Unit::Of(Dimension::kM2));
  EXPECT_EQ(Type("used / area")->unit, Unit::Ratio());                     // m2/m2 cancels
  EXPECT_EQ(Type("financed / firms")->unit, Unit::Ratio());                // count/count is a ratio
  EXPECT_EQ(Type("firms / (area / 1000)")->unit, *ParseUnit("count/m2"));  // a density
  EXPECT_EQ(Type("ceil(firms * per_firm)")->unit, Unit::Of(Dimension::kPersons));
  EXPECT_EQ(Type("area * 0.8")->unit, Unit::Of(Dimension::kM2));
  EXPECT_EQ(Type("area + 100")->unit, Unit::Of(Dimension::kM2));  // literals adapt
  EXPECT_TRUE(Type("area >= 10000")->unit.is_bool);
  EXPECT_TRUE(Type("flag and share >= 0.5")->unit.is_bool);
  EXPECT_EQ(Type("min(area, used)")->unit, Unit::Of(Dimension::kM2));
  EXPECT_EQ(Type("if(flag, area, 0)")->unit, Unit::Of(Dimension::kM2));
  EXPECT_TRUE(Type("3 * 4")->free);
}

TEST(ExpressionTest, MixedUnitsAreRefused) {
  for (const char* text : {"area + firms", "area >= firms", "staff >= firms", "min(area, firms)",
                           "if(flag, area, firms)", "flag + 1", "not area", "area and flag",
                           "flag < true", "share == flag", "if(area, 1, 2)", "unknown_name > 1"}) {
    auto t = Type(text);
    EXPECT_FALSE(t.has_value()) << text;
  }
  auto t = Type("area + firms");
  EXPECT_NE(t.error().message_en.find("m2 and count"), std::string::npos) << t.error().message_en;
}

TEST(ExpressionTest, UnitNamesRoundTrip) {
  for (const char* name : {"m2", "cny", "count", "persons", "months", "years", "score", "ratio",
                           "bool", "count/m2", "persons/count", "cny/count"})
    EXPECT_EQ(UnitName(*ParseUnit(name)), name);
  EXPECT_FALSE(ParseUnit("m²").has_value());
  EXPECT_FALSE(ParseUnit("count/count").has_value());
  EXPECT_FALSE(ParseUnit("yuan").has_value());
}

TEST(ExpressionTest, PrintsCanonically) {
  auto e = ParseExpression("a/(b/1000)>=3 and not c");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(ToString(**e), "((a / (b / 1000)) >= 3) and (not c)");
  std::set<std::string> names;
  CollectNames(**e, names);
  EXPECT_EQ(names, (std::set<std::string>{"a", "b", "c"}));
}

}  // namespace
}  // namespace incunet::domain::standards
