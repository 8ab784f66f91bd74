#include "domain/returns/checks.hpp"

#include <fmt/format.h>

#include <cmath>
#include <optional>

namespace incunet::domain::returns {
namespace {

using S = Severity;
using O = CheckOp;

// The rules. Money is compared in fen; areas in m². Messages show values as on the form.
constexpr CheckDef kChecks[] = {
    // ---- carrier form: errors ----
    {"required", S::kError, O::kRequired, "TDF711,Tdf7e00,Tdf7f00,Tdf7f02,Tdf7b00", "", 0,
     "必填项“{2}”未填写", "required item \"{2}\" is empty"},
    {"area_parts", S::kError, O::kPartsWithin, "Tdf7e01,Tdf7e02,Tdf7e03,Tdf7e04", "Tdf7e00", 1,
     "各类用房面积之和 {0} m² 超过建筑总面积 {1} m²",
     "the parts of the floor space add up to {0} m², more than the total {1} m²"},
    {"income_parts", S::kError, O::kPartsWithin, "Tdf7b01,Tdf7b04,Tdf7b02,Tdf7b03", "Tdf7b00", 0,
     "各项收入之和 {0} 千元超过总收入 {1} 千元",
     "the kinds of income add up to {0} kCNY, more than the total income {1} kCNY"},
    {"grant_parts", S::kError, O::kPartsWithin, "Tdf7b16", "Tdf7b15", 0,
     "国家科技计划经费 {0} 千元超过各级财政资助 {1} 千元",
     "national programme funding {0} kCNY exceeds all government grants {1} kCNY"},
    {"net_assets", S::kError, O::kPartsWithin, "Tdf7c10", "Tdf7c00", 0,
     "固定资产净值 {0} 千元超过原值 {1} 千元",
     "net fixed assets {0} kCNY exceed fixed assets at cost {1} kCNY"},
    {"staff_professional", S::kError, O::kPartsWithin, "Tdf7d10", "Tdf7d00", 0,
     "专业技术人员 {0} 人多于管理机构从业人员 {1} 人",
     "{0} professional staff but only {1} management staff"},
    {"staff_degree", S::kError, O::kPartsWithin, "Tdf7d11", "Tdf7d00", 0,
     "大专以上学历人员 {0} 人多于管理机构从业人员 {1} 人",
     "{0} staff with a degree but only {1} management staff"},
    {"staff_returnee", S::kError, O::kPartsWithin, "Tdf7d12", "Tdf7d00", 0,
     "留学回国人员 {0} 人多于管理机构从业人员 {1} 人",
     "{0} returnee staff but only {1} management staff"},
    {"returnee_firms", S::kError, O::kPartsWithin, "Tdf7f01", "Tdf7f00", 0,
     "留学人员创办企业 {0} 家多于在孵企业数 {1} 家",
     "{0} returnee-founded firms but only {1} incubatees"},
    {"high_tech_firms", S::kError, O::kPartsWithin, "Tdf7f11", "Tdf7f00", 0,
     "在孵高新技术企业 {0} 家多于在孵企业数 {1} 家",
     "{0} high-tech incubatees but only {1} incubatees"},

    // ---- carrier form: warnings (each needs a written explanation) ----
    {"incubatee_employees", S::kWarning, O::kAtLeastTimes, "Tdf7f02", "Tdf7f00", 1,
     "在孵企业从业人员 {0} 人少于在孵企业数 {1} 家，请核实",
     "{0} employees of incubatees is fewer than the {1} incubatees; please verify"},
    {"team_members", S::kWarning, O::kAtLeastTimes, "Tdf7f10", "Tdf7f09", 1,
     "创业团队人数 {0} 人少于团队数 {1} 个，请核实",
     "{0} team members is fewer than the {1} teams; please verify"},
    {"incubatee_rows", S::kWarning, O::kRowCount, "", "Tdf7f00", 0,
     "在孵企业明细表有 {0} 家未毕业企业，与在孵企业数 {1} 家不一致",
     "the incubatee form lists {0} firms not graduated but the carrier form says {1}"},
    {"incubatee_row_employees", S::kWarning, O::kRowSum, "I24", "Tdf7f02", 0.1,
     "明细表从业人员合计 {0} 人与在孵企业从业人员 {1} 人相差超过10%",
     "the incubatee rows add up to {0} employees, more than 10% off the reported {1}"},
    {"income_per_incubatee", S::kWarning, O::kPerUnitAtLeast, "Tdf7f03", "Tdf7f00", 100000,
     "平均每家在孵企业总收入仅 {0} 千元（低于 {1} 千元），是否误用了元或万元为单位？",
     "income per incubatee is only {0} kCNY (below {1}); was it entered in the wrong unit?"},
    {"year_over_year", S::kWarning, O::kYearOverYear,
     "Tdf7b00,Tdf7e00,Tdf7f00,Tdf7f02,Tdf7f03,Tdf7c60", "", 3,
     "“{2}”与上年相比变化超过3倍（本年 {0}，上年 {1}）",
     "\"{2}\" changed more than threefold from last year (now {0}, last year {1})"},
    {"unit_slip", S::kWarning, O::kUnitSlip,
     "Tdf7b00,Tdf7b01,Tdf7b04,Tdf7c00,Tdf7c60,Tdf7f03,Tdf7f04,Tdf7b15", "", 1000,
     "“{2}”约为上年的1000倍或千分之一（本年 {0} 千元，上年 {1} 千元），是否把元当成了千元？",
     "\"{2}\" is about 1000 times or a thousandth of last year's (now {0} kCNY, last year {1} "
     "kCNY); was it entered in yuan instead of thousand yuan?"},

    // ---- incubatee form ----
    {"row_required", S::kError, O::kRowRequired, "I01", "", 0, "明细表第 {0} 行“{2}”未填写",
     "row {0} of the incubatee form: \"{2}\" is empty"},
    {"row_graduated_on", S::kError, O::kRowRequiredIf, "I11", "I10", 0,
     "明细表第 {0} 行为毕业企业，“{2}”未填写",
     "row {0} of the incubatee form is a graduate but \"{2}\" is empty"},
    {"row_doctorates", S::kError, O::kRowPartsWithin, "I24a", "I24", 0,
     "明细表第 {0} 行：博士人数多于从业人员 {1} 人",
     "row {0} of the incubatee form: more doctorates than the {1} employees"},
    {"row_degree", S::kError, O::kRowPartsWithin, "I24b", "I24", 0,
     "明细表第 {0} 行：大专以上人数多于从业人员 {1} 人",
     "row {0} of the incubatee form: more graduates than the {1} employees"},
    {"row_fresh_graduates", S::kError, O::kRowPartsWithin, "I24e", "I24", 0,
     "明细表第 {0} 行：吸纳应届毕业生多于从业人员 {1} 人",
     "row {0} of the incubatee form: more fresh graduates hired than the {1} employees"},
    {"row_patents_applied", S::kError, O::kRowPartsWithin, "I25b", "I25a", 0,
     "明细表第 {0} 行：发明专利申请多于知识产权申请总数 {1} 件",
     "row {0} of the incubatee form: more invention applications than the {1} IP applications"},
    {"row_patents_granted", S::kError, O::kRowPartsWithin, "I25d", "I25c", 0,
     "明细表第 {0} 行：发明专利授权多于知识产权授权总数 {1} 件",
     "row {0} of the incubatee form: more invention grants than the {1} IP grants"},
    {"row_patents_valid", S::kError, O::kRowPartsWithin, "I25f,I25g", "I25e", 0,
     "明细表第 {0} 行：有效发明专利与软件著作权之和多于有效知识产权 {1} 件",
     "row {0} of the incubatee form: valid inventions and software copyrights exceed the {1} "
     "valid IP items"},
    {"row_profit", S::kWarning, O::kRowPartsWithin, "I20", "I19", 0,
     "明细表第 {0} 行：净利润超过总收入 {1} 千元，请核实",
     "row {0} of the incubatee form: net profit exceeds total income {1} kCNY; please verify"},
};

std::vector<std::string_view> SplitCodes(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    auto comma = s.find(',');
    out.push_back(s.substr(0, comma));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

const std::string* Get(const Values& v, std::string_view code) {
  auto it = v.find(std::string(code));
  if (it == v.end() || it->second.empty()) return nullptr;
  return &it->second;
}

std::optional<double> Num(Form form, const Values& v, std::string_view code) {
  const FieldDef* f = FindField(form, code);
  const std::string* t = Get(v, code);
  if (!f || !t) return std::nullopt;
  return NumberOf(*f, *t);
}

// A number as the form shows it: money in 千元, areas in m², counts whole.
std::string Show(Form form, std::string_view code, double v) {
  const FieldDef* f = FindField(form, code);
  if (f && f->type == FieldType::kMoney) return FenToThousandYuan(std::llround(v));
  if (f && f->type == FieldType::kArea) return DisplayValue(*f, fmt::format("{}", v));
  return fmt::format("{}", std::llround(v));
}

std::string_view NameOf(Form form, std::string_view code, bool zh) {
  const FieldDef* f = FindField(form, code);
  if (!f) return code;
  return zh ? f->name_zh : f->name_en;
}

bool IsGraduatedRow(const IncubateeRow& row) {
  const std::string* g = Get(row.values, "I10");
  return g && *g == "true";
}

class Runner {
 public:
  Runner(const AnnualReturn& r, const Values* last) : r_(r), last_(last) {}

  void Run(const CheckDef& c) {
    auto codes = SplitCodes(c.fields);
    const Values& v = r_.values;
    constexpr Form kC = Form::kCarrier, kI = Form::kIncubatee;
    switch (c.op) {
      case O::kRequired:
        for (auto code : codes)
          if (!Get(v, code)) Add(c, ":" + std::string(code), 0, code, "", "", NameBoth(kC, code));
        return;
      case O::kPartsWithin: {
        auto total = Num(kC, v, c.total);
        double sum = 0;
        bool any = false;
        for (auto code : codes)
          if (auto x = Num(kC, v, code)) sum += *x, any = true;
        if (!any || !total) return;
        if (sum > *total + c.param)
          Add(c, "", 0, codes[0], Show(kC, c.total, sum), Show(kC, c.total, *total), {});
        return;
      }
      case O::kAtLeastTimes: {
        auto x = Num(kC, v, codes[0]);
        auto total = Num(kC, v, c.total);
        if (!x || !total) return;
        if (*x < c.param * *total)
          Add(c, "", 0, codes[0], Show(kC, codes[0], *x), Show(kC, c.total, *total), {});
        return;
      }
      case O::kPerUnitAtLeast: {
        auto x = Num(kC, v, codes[0]);
        auto total = Num(kC, v, c.total);
        if (!x || !total || *x <= 0 || *total <= 0) return;
        double per = *x / *total;
        if (per < c.param)
          Add(c, "", 0, codes[0], Show(kC, codes[0], per), Show(kC, codes[0], c.param), {});
        return;
      }
      case O::kRowCount: {
        auto total = Num(kC, v, c.total);
        if (!total || r_.incubatees.empty()) return;
        long n = 0;
        for (const auto& row : r_.incubatees)
          if (!IsGraduatedRow(row)) ++n;
        if (n != std::llround(*total))
          Add(c, "", 0, c.total, std::to_string(n), Show(kC, c.total, *total), {});
        return;
      }
      case O::kRowSum: {
        auto total = Num(kC, v, c.total);
        if (!total || r_.incubatees.empty()) return;
        double sum = 0;
        for (const auto& row : r_.incubatees)
          if (!IsGraduatedRow(row))
            if (auto x = Num(kI, row.values, codes[0])) sum += *x;
        if (std::fabs(sum - *total) > c.param * std::max(*total, 1.0))
          Add(c, "", 0, c.total, Show(kC, c.total, sum), Show(kC, c.total, *total), {});
        return;
      }
      case O::kYearOverYear:
      case O::kUnitSlip: {
        if (!last_) return;
        for (auto code : codes) {
          auto now = Num(kC, v, code);
          auto before = Num(kC, *last_, code);
          if (!now || !before || *before <= 0 || *now <= 0) continue;
          double ratio = *now / *before;
          bool hit;
          if (c.op == O::kYearOverYear) {
            hit = ratio > c.param || ratio < 1 / c.param;
          } else {
            double up = std::max(ratio, 1 / ratio);
            hit = up >= c.param / 2 && up <= c.param * 2;
          }
          if (hit)
            Add(c, ":" + std::string(code), 0, code, Show(kC, code, *now), Show(kC, code, *before),
                NameBoth(kC, code));
        }
        return;
      }
      case O::kRowRequired:
      case O::kRowRequiredIf:
        for (std::size_t i = 0; i < r_.incubatees.size(); ++i) {
          const auto& row = r_.incubatees[i];
          if (c.op == O::kRowRequiredIf) {
            const std::string* flag = Get(row.values, c.total);
            if (!flag || *flag != "true") continue;
          }
          for (auto code : codes)
            if (!Get(row.values, code))
              Add(c, RowKey(row, code), row.row_id, code, std::to_string(i + 1), "",
                  NameBoth(kI, code));
        }
        return;
      case O::kRowPartsWithin:
        for (std::size_t i = 0; i < r_.incubatees.size(); ++i) {
          const auto& row = r_.incubatees[i];
          auto total = Num(kI, row.values, c.total);
          double sum = 0;
          bool any = false;
          for (auto code : codes)
            if (auto x = Num(kI, row.values, code)) sum += *x, any = true;
          if (!any || !total) continue;
          if (sum > *total + c.param)
            Add(c, RowKey(row, ""), row.row_id, codes[0], std::to_string(i + 1),
                Show(kI, c.total, *total), {});
        }
        return;
    }
  }

  std::vector<Finding> Take() { return std::move(out_); }

 private:
  static std::pair<std::string, std::string> NameBoth(Form f, std::string_view code) {
    return {std::string(NameOf(f, code, true)), std::string(NameOf(f, code, false))};
  }
  static std::string RowKey(const IncubateeRow& row, std::string_view code) {
    std::string k = code.empty() ? "" : ":" + std::string(code);
    return k + "@" + std::to_string(row.row_id);
  }

  void Add(const CheckDef& c, const std::string& key_suffix, Id row_id, std::string_view field,
           const std::string& a, const std::string& b,
           const std::pair<std::string, std::string>& names) {
    Finding f;
    f.check_id = std::string(c.id);
    f.severity = c.severity;
    f.key = f.check_id + key_suffix;
    f.row_id = row_id;
    f.field = std::string(field);
    f.message_zh = fmt::format(fmt::runtime(c.message_zh), a, b, names.first);
    f.message_en = fmt::format(fmt::runtime(c.message_en), a, b, names.second);
    out_.push_back(std::move(f));
  }

  const AnnualReturn& r_;
  const Values* last_;
  std::vector<Finding> out_;
};

bool Blank(std::string_view s) {
  for (char ch : s)
    if (!std::isspace(static_cast<unsigned char>(ch))) return false;
  return true;
}

}  // namespace

std::string_view SeverityName(Severity s) { return s == S::kError ? "error" : "warning"; }

std::span<const CheckDef> Checks() { return kChecks; }

std::vector<Finding> RunChecks(const AnnualReturn& r, const Values* last_year) {
  Runner run(r, last_year);
  for (const auto& c : kChecks) run.Run(c);
  return run.Take();
}

std::vector<Finding> Blockers(const std::vector<Finding>& findings,
                              const std::map<std::string, std::string>& explanations) {
  std::vector<Finding> out;
  for (const auto& f : findings) {
    if (f.severity == S::kWarning) {
      auto it = explanations.find(f.key);
      if (it != explanations.end() && !Blank(it->second)) continue;
    }
    out.push_back(f);
  }
  return out;
}

core::Status CheckSubmittable(const AnnualReturn& r, const Values* last_year) {
  auto blockers = Blockers(RunChecks(r, last_year), r.explanations);
  if (blockers.empty()) return {};
  std::string errors, unexplained, first_zh, first_en;
  for (const auto& b : blockers) {
    std::string& list = b.severity == S::kError ? errors : unexplained;
    if (!list.empty()) list += ",";
    list += b.key;
  }
  const Finding& first = blockers.front();
  core::Error e{
      core::ErrorCode::kInvalid,
      "return_checks_failed",
      fmt::format("报表未通过审核校验（{}项）：{}{}", blockers.size(), first.message_zh,
                  first.severity == S::kWarning ? "（提示项须填写说明）" : ""),
      fmt::format("the return fails {} check(s): {}{}", blockers.size(), first.message_en,
                  first.severity == S::kWarning ? " (a warning needs an explanation)" : ""),
      {}};
  if (!errors.empty()) e.details["errors"] = errors;
  if (!unexplained.empty()) e.details["unexplained"] = unexplained;
  return core::Fail(std::move(e));
}

}  // namespace incunet::domain::returns
