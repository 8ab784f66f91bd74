// Every cross-field check of the annual return fires on the data it is about and stays quiet on
// a consistent return; warnings need an explanation, errors cannot be explained away.
#include "domain/returns/checks.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace incunet::domain::returns {
namespace {

// A consistent return: 10 incubatees with 80 employees, areas and income that add up.
AnnualReturn Good() {
  AnnualReturn r;
  r.values = {{"TDF711", "测试孵化器"}, {"Tdf7e00", "10000"},     {"Tdf7e01", "1000"},
              {"Tdf7e02", "7000"},      {"Tdf7e03", "1500"},      {"Tdf7e04", "500"},
              {"Tdf7b00", "500000000"}, {"Tdf7b01", "200000000"}, {"Tdf7b04", "250000000"},
              {"Tdf7b02", "30000000"},  {"Tdf7b03", "20000000"},  {"Tdf7b15", "10000000"},
              {"Tdf7b16", "5000000"},   {"Tdf7c00", "90000000"},  {"Tdf7c10", "60000000"},
              {"Tdf7d00", "20"},        {"Tdf7d10", "12"},        {"Tdf7d11", "18"},
              {"Tdf7d12", "2"},         {"Tdf7f00", "2"},         {"Tdf7f01", "1"},
              {"Tdf7f02", "15"},        {"Tdf7f03", "800000000"}, {"Tdf7f11", "1"},
              {"Tdf7f09", "3"},         {"Tdf7f10", "9"}};
  r.incubatees = {
      {101,
       {{"I01", "甲公司"},
        {"I24", "10"},
        {"I24a", "1"},
        {"I24b", "8"},
        {"I19", "100"},
        {"I20", "10"}}},
      {102, {{"I01", "乙公司"}, {"I24", "5"}}},
      {103, {{"I01", "丙公司"}, {"I10", "true"}, {"I11", "2024-06-30"}, {"I24", "40"}}},
  };
  return r;
}

std::set<std::string> Keys(const std::vector<Finding>& fs) {
  std::set<std::string> out;
  for (const auto& f : fs) out.insert(f.key);
  return out;
}

std::vector<Finding> CheckAll(const AnnualReturn& r, const Values* last = nullptr) {
  return RunChecks(r, last);
}

TEST(ReturnChecks, ConsistentReturnPasses) {
  auto r = Good();
  EXPECT_TRUE(CheckAll(r).empty()) << CheckAll(r).front().message_en;
  EXPECT_TRUE(CheckSubmittable(r, nullptr));
}

TEST(ReturnChecks, EveryCheckIdIsUniqueAndNamesKnownFields) {
  std::set<std::string_view> ids;
  for (const auto& c : Checks()) {
    EXPECT_TRUE(ids.insert(c.id).second) << c.id;
    bool rows = c.op == CheckOp::kRowRequired || c.op == CheckOp::kRowRequiredIf ||
                c.op == CheckOp::kRowPartsWithin;
    Form f = rows ? Form::kIncubatee : Form::kCarrier;
    std::string_view fields = c.fields;
    while (!fields.empty()) {
      auto comma = fields.find(',');
      auto code = fields.substr(0, comma);
      Form ff = c.op == CheckOp::kRowSum ? Form::kIncubatee : f;
      EXPECT_NE(FindField(ff, code), nullptr) << c.id << " " << code;
      if (comma == std::string_view::npos) break;
      fields.remove_prefix(comma + 1);
    }
    if (!c.total.empty()) EXPECT_NE(FindField(f, c.total), nullptr) << c.id << " " << c.total;
  }
}

struct Case {
  const char* name;
  void (*mutate)(AnnualReturn&);
  const char* key;
  Severity severity;
};

const Case kCases[] = {
    {"missing total area", [](AnnualReturn& r) { r.values.erase("Tdf7e00"); }, "required:Tdf7e00",
     Severity::kError},
    {"blank name counts as missing", [](AnnualReturn& r) { r.values["TDF711"] = ""; },
     "required:TDF711", Severity::kError},
    {"area parts exceed total", [](AnnualReturn& r) { r.values["Tdf7e02"] = "7002"; }, "area_parts",
     Severity::kError},
    {"income parts exceed total", [](AnnualReturn& r) { r.values["Tdf7b03"] = "20000001"; },
     "income_parts", Severity::kError},
    {"national funding above all grants", [](AnnualReturn& r) { r.values["Tdf7b16"] = "10000001"; },
     "grant_parts", Severity::kError},
    {"net assets above cost", [](AnnualReturn& r) { r.values["Tdf7c10"] = "90000001"; },
     "net_assets", Severity::kError},
    {"professionals above staff", [](AnnualReturn& r) { r.values["Tdf7d10"] = "21"; },
     "staff_professional", Severity::kError},
    {"degrees above staff", [](AnnualReturn& r) { r.values["Tdf7d11"] = "21"; }, "staff_degree",
     Severity::kError},
    {"returnees above staff", [](AnnualReturn& r) { r.values["Tdf7d12"] = "21"; }, "staff_returnee",
     Severity::kError},
    {"returnee firms above incubatees", [](AnnualReturn& r) { r.values["Tdf7f01"] = "3"; },
     "returnee_firms", Severity::kError},
    {"high-tech firms above incubatees", [](AnnualReturn& r) { r.values["Tdf7f11"] = "3"; },
     "high_tech_firms", Severity::kError},
    {"fewer employees than incubatees",
     [](AnnualReturn& r) {
       r.values["Tdf7f02"] = "1";
       r.incubatees.clear();
     },
     "incubatee_employees", Severity::kWarning},
    {"fewer team members than teams", [](AnnualReturn& r) { r.values["Tdf7f10"] = "2"; },
     "team_members", Severity::kWarning},
    {"incubatee rows disagree with the count", [](AnnualReturn& r) { r.values["Tdf7f00"] = "3"; },
     "incubatee_rows", Severity::kWarning},
    {"row employees disagree with the total", [](AnnualReturn& r) { r.values["Tdf7f02"] = "40"; },
     "incubatee_row_employees", Severity::kWarning},
    {"implausibly small income per incubatee",
     [](AnnualReturn& r) { r.values["Tdf7f03"] = "150000"; },  // 1.5 千元 for 2 firms
     "income_per_incubatee", Severity::kWarning},
    {"row without a name", [](AnnualReturn& r) { r.incubatees[1].values.erase("I01"); },
     "row_required:I01@102", Severity::kError},
    {"graduate without a date", [](AnnualReturn& r) { r.incubatees[2].values.erase("I11"); },
     "row_graduated_on:I11@103", Severity::kError},
    {"doctorates above employees", [](AnnualReturn& r) { r.incubatees[0].values["I24a"] = "11"; },
     "row_doctorates@101", Severity::kError},
    {"degrees above employees", [](AnnualReturn& r) { r.incubatees[0].values["I24b"] = "11"; },
     "row_degree@101", Severity::kError},
    {"fresh graduates above employees",
     [](AnnualReturn& r) { r.incubatees[1].values["I24e"] = "6"; }, "row_fresh_graduates@102",
     Severity::kError},
    {"invention applications above applications",
     [](AnnualReturn& r) {
       r.incubatees[0].values["I25a"] = "2";
       r.incubatees[0].values["I25b"] = "3";
     },
     "row_patents_applied@101", Severity::kError},
    {"invention grants above grants",
     [](AnnualReturn& r) {
       r.incubatees[0].values["I25c"] = "1";
       r.incubatees[0].values["I25d"] = "2";
     },
     "row_patents_granted@101", Severity::kError},
    {"valid inventions and copyrights above valid IP",
     [](AnnualReturn& r) {
       r.incubatees[0].values["I25e"] = "4";
       r.incubatees[0].values["I25f"] = "3";
       r.incubatees[0].values["I25g"] = "2";
     },
     "row_patents_valid@101", Severity::kError},
    {"profit above income", [](AnnualReturn& r) { r.incubatees[0].values["I20"] = "101"; },
     "row_profit@101", Severity::kWarning},
};

class EachCheck : public ::testing::TestWithParam<Case> {};

TEST_P(EachCheck, FiresWithItsSeverity) {
  auto r = Good();
  GetParam().mutate(r);
  auto fs = CheckAll(r);
  std::string key = GetParam().key;
  auto it = std::find_if(fs.begin(), fs.end(), [&](const Finding& f) { return f.key == key; });
  ASSERT_NE(it, fs.end()) << GetParam().name;
  EXPECT_EQ(it->severity, GetParam().severity);
  EXPECT_FALSE(it->message_zh.empty());
  EXPECT_FALSE(it->message_en.empty());
  EXPECT_EQ(fs.size(), 1u) << GetParam().name << ": " << fs.back().key;
  auto st = CheckSubmittable(r, nullptr);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().id, "return_checks_failed");
  // Explaining helps a warning and never an error.
  r.explanations[GetParam().key] = "已核实：季节性用工";
  EXPECT_EQ(CheckSubmittable(r, nullptr).has_value(), GetParam().severity == Severity::kWarning);
}

INSTANTIATE_TEST_SUITE_P(All, EachCheck, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::to_string(info.index); });

TEST(ReturnChecks, AreaToleranceIsOneSquareMetre) {
  auto r = Good();
  r.values["Tdf7e02"] = "7000.9";
  EXPECT_TRUE(CheckAll(r).empty());
}

TEST(ReturnChecks, AreaMessageShowsBothFigures) {
  auto r = Good();
  r.values["Tdf7e02"] = "7500";
  auto fs = CheckAll(r);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_NE(fs[0].message_zh.find("10500"), std::string::npos) << fs[0].message_zh;
  EXPECT_NE(fs[0].message_zh.find("10000"), std::string::npos) << fs[0].message_zh;
}

TEST(ReturnChecks, YearOverYearJumpOverThreefoldIsAWarningPerField) {
  auto r = Good();
  Values last = r.values;
  EXPECT_TRUE(CheckAll(r, &last).empty());
  last["Tdf7e00"] = "3000";  // 10000 now: 3.33×
  last["Tdf7f02"] = "5";     // 15 now: exactly 3×, not over
  auto fs = CheckAll(r, &last);
  EXPECT_EQ(Keys(fs), std::set<std::string>{"year_over_year:Tdf7e00"});
  last["Tdf7e00"] = "40000";  // a drop to a quarter is a jump too
  EXPECT_EQ(Keys(CheckAll(r, &last)), std::set<std::string>{"year_over_year:Tdf7e00"});
  r.explanations["year_over_year:Tdf7e00"] = "新建二期场地";
  EXPECT_TRUE(CheckSubmittable(r, &last));
}

TEST(ReturnChecks, MoneyAboutAThousandTimesLastYearIsAUnitSlip) {
  auto r = Good();
  Values last = r.values;
  last["Tdf7b00"] = "500000";  // now 500,000,000: 1000× — yuan entered as 千元 or the like
  auto keys = Keys(CheckAll(r, &last));
  EXPECT_TRUE(keys.count("unit_slip:Tdf7b00"));
  EXPECT_TRUE(keys.count("year_over_year:Tdf7b00"));
  last["Tdf7b00"] = "500000000000";  // a thousandth
  EXPECT_TRUE(Keys(CheckAll(r, &last)).count("unit_slip:Tdf7b00"));
  last["Tdf7b00"] = "50000000";  // 10×: a jump, not a unit slip
  keys = Keys(CheckAll(r, &last));
  EXPECT_FALSE(keys.count("unit_slip:Tdf7b00"));
  EXPECT_TRUE(keys.count("year_over_year:Tdf7b00"));
}

TEST(ReturnChecks, BlankExplanationDoesNotCount) {
  auto r = Good();
  r.values["Tdf7f10"] = "2";
  r.explanations["team_members"] = "   ";
  auto st = CheckSubmittable(r, nullptr);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().details.at("unexplained"), "team_members");
  EXPECT_EQ(st.error().details.count("errors"), 0u);
}

}  // namespace
}  // namespace incunet::domain::returns
