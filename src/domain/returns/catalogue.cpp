#include "domain/returns/catalogue.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/dates.hpp"
#include "core/limits.hpp"

namespace incunet::domain::returns {
namespace {

using T = FieldType;

constexpr SectionDef kCarrierSections[] = {
    {"header", "基本情况", "General"},
    {"investment", "一、投资构成", "I. Investment"},
    {"assets", "二、资产", "II. Assets"},
    {"income", "三、收入", "III. Income"},
    {"staff", "四、管理人员", "IV. Management staff"},
    {"area", "五、场地", "V. Floor space"},
    {"incubatees", "六、在孵企业经济概况", "VI. Incubatees"},
};

// GZ-007 items first (official), then the items of §7.3 the platform needs (official = false).
constexpr FieldDef kCarrierFields[] = {
    {"TDF711", "名称", "Name", T::kText, "", "", "header"},
    {"TDF713", "性质（事业/企业）", "Legal status (public institution/enterprise)", T::kText, "",
     "", "header"},
    {"TDF721", "是否国家级", "National-level carrier", T::kBool, "", "", "header"},
    {"TDF716", "是否在国家高新区内", "Inside a national high-tech zone", T::kBool, "", "",
     "header"},
    {"TDF719", "成立时间", "Founded on", T::kDate, "", "", "header"},
    {"TDF730", "类型（综合/专业）", "Type (general/specialised)", T::kText, "", "", "header"},
    {"TDF714", "负责人", "Person in charge", T::kText, "", "", "header"},
    {"TDF715", "电话", "Telephone", T::kText, "", "", "header"},
    {"TDF717", "地址", "Address", T::kText, "", "", "header"},
    {"TDF718", "邮编", "Postcode", T::kText, "", "", "header"},

    {"Tdf7a10", "财政投资", "Government investment", T::kMoney, "千元", "kCNY", "investment"},
    {"Tdf7a11", "企业投资", "Corporate investment", T::kMoney, "千元", "kCNY", "investment"},
    {"Tdf7a12", "社会组织投资", "Investment by social organisations", T::kMoney, "千元", "kCNY",
     "investment"},
    {"Tdf7a13", "其他投资", "Other investment", T::kMoney, "千元", "kCNY", "investment"},

    {"Tdf7c00", "年末固定资产原值", "Fixed assets at cost, year end", T::kMoney, "千元", "kCNY",
     "assets"},
    {"Tdf7c10", "年末固定资产净值", "Fixed assets net, year end", T::kMoney, "千元", "kCNY",
     "assets"},
    {"Tdf7c60", "孵化基金总额", "Incubation fund", T::kMoney, "千元", "kCNY", "assets"},

    {"Tdf7b00", "总收入", "Total income", T::kMoney, "千元", "kCNY", "income"},
    {"Tdf7b01", "其中：综合服务收入", "of which: service income", T::kMoney, "千元", "kCNY",
     "income"},
    {"Tdf7b04", "其中：物业收入", "of which: property income", T::kMoney, "千元", "kCNY", "income"},
    {"Tdf7b02", "其中：投资收入", "of which: investment income", T::kMoney, "千元", "kCNY",
     "income"},
    {"Tdf7b03", "其中：其他收入", "of which: other income", T::kMoney, "千元", "kCNY", "income"},
    {"Tdf7b10", "净利润", "Net profit", T::kMoney, "千元", "kCNY", "income", true, true},
    {"Tdf7b11", "上缴税金", "Taxes paid", T::kMoney, "千元", "kCNY", "income"},
    {"Tdf7b15", "各级财政资助", "Government grants received", T::kMoney, "千元", "kCNY", "income"},
    {"Tdf7b16", "其中：国家科技计划经费", "of which: national S&T programmes", T::kMoney, "千元",
     "kCNY", "income"},

    {"Tdf7d00", "管理机构从业人员", "Management staff", T::kCount, "人", "persons", "staff", false},
    {"Tdf7d10", "其中：专业技术人员", "of which: professional and technical", T::kCount, "人",
     "persons", "staff"},
    {"Tdf7d11", "其中：大专以上学历", "of which: college degree or above", T::kCount, "人",
     "persons", "staff"},
    {"Tdf7d12", "其中：留学回国人员", "of which: returned from study abroad", T::kCount, "人",
     "persons", "staff"},
    {"Tdf7d20", "创业导师人数", "Start-up mentors", T::kCount, "人", "persons", "staff", false},

    {"Tdf7e00", "建筑总面积", "Total floor space", T::kArea, "m²", "m²", "area"},
    {"Tdf7e01", "其中：办公用房", "of which: offices", T::kArea, "m²", "m²", "area"},
    {"Tdf7e02", "其中：在孵企业用房", "of which: used by incubatees", T::kArea, "m²", "m²", "area"},
    {"Tdf7e03", "其中：公共服务用房", "of which: public services", T::kArea, "m²", "m²", "area"},
    {"Tdf7e04", "其中：其它用房", "of which: other", T::kArea, "m²", "m²", "area"},

    {"Tdf7f00", "在孵企业数", "Incubatees", T::kCount, "家", "firms", "incubatees", false},
    {"Tdf7f01", "其中：留学人员创办企业", "of which: founded by returnees", T::kCount, "家",
     "firms", "incubatees", false},
    {"Tdf7f02", "在孵企业从业人员", "Employees of incubatees", T::kCount, "人", "persons",
     "incubatees", false},
    {"Tdf7f03", "在孵企业总收入", "Total income of incubatees", T::kMoney, "千元", "kCNY",
     "incubatees", false},
    {"Tdf7f04", "在孵企业R&D投入", "R&D spending of incubatees", T::kMoney, "千元", "kCNY",
     "incubatees", false},
    {"Tdf7f05", "在孵企业累计获得财政资助", "Cumulative government grants to incubatees", T::kMoney,
     "千元", "kCNY", "incubatees", false},
    {"Tdf7f06", "在孵企业累计获得风险投资", "Cumulative venture capital raised by incubatees",
     T::kMoney, "千元", "kCNY", "incubatees", false},
    {"Tdf7f07", "累计获得投融资企业数", "Incubatees that ever raised financing", T::kCount, "家",
     "firms", "incubatees", false},
    {"Tdf7f08", "当年毕业企业数", "Graduated in the year", T::kCount, "家", "firms", "incubatees",
     false},
    {"Tdf7f09", "在孵创业团队数", "Start-up teams", T::kCount, "个", "teams", "incubatees", false},
    {"Tdf7f10", "创业团队人数", "Members of start-up teams", T::kCount, "人", "persons",
     "incubatees", false},
    {"Tdf7f11", "在孵高新技术企业数", "High-tech enterprises among incubatees", T::kCount, "家",
     "firms", "incubatees", false},
};

constexpr SectionDef kIncubateeSections[] = {
    {"identity", "企业基本信息", "Enterprise"},  {"founder", "负责人", "Founder"},
    {"finance", "经济指标", "Economics"},        {"people", "从业人员", "Employees"},
    {"ip", "知识产权", "Intellectual property"},
};

constexpr FieldDef kIncubateeFields[] = {
    {"I01", "企业名称", "Enterprise name", T::kText, "", "", "identity"},
    {"I02", "统一社会信用代码", "Unified social credit code", T::kText, "", "", "identity"},
    {"I03", "成立时间", "Founded on", T::kDate, "", "", "identity"},
    {"I04", "入驻时间", "Entered on", T::kDate, "", "", "identity"},
    {"I05", "行业类别", "Industry (GB/T 4754)", T::kText, "", "", "identity"},
    {"I06", "登记注册类型", "Registration type", T::kText, "", "", "identity"},
    {"I07", "技术领域", "Technology domain", T::kText, "", "", "identity"},
    {"I08", "纳税人类型", "Taxpayer type", T::kText, "", "", "identity"},
    {"I09", "是否与创业导师建立辅导关系", "Mentored by a start-up mentor", T::kBool, "", "",
     "identity"},
    {"I10", "是否毕业企业", "Graduated", T::kBool, "", "", "identity"},
    {"I11", "毕业时间", "Graduated on", T::kDate, "", "", "identity"},
    {"I12", "是否高新技术企业", "High-tech enterprise", T::kBool, "", "", "identity"},
    {"I12a", "是否科技型中小企业", "Technology SME", T::kBool, "", "", "identity"},
    {"I13", "负责人创业特征", "Founder profile (student/scientist/returnee…)", T::kText, "", "",
     "founder"},
    {"I14", "是否连续创业者", "Serial entrepreneur", T::kBool, "", "", "founder"},
    {"I15", "负责人性别", "Founder's sex", T::kText, "", "", "founder"},
    {"I16", "获天使或风险投资额", "Angel or venture investment received", T::kMoney, "千元", "kCNY",
     "finance"},
    {"I17", "占用孵化器场地面积", "Floor space used in the carrier", T::kArea, "m²", "m²",
     "finance"},
    {"I18", "成立时注册资本", "Registered capital at founding", T::kMoney, "千元", "kCNY",
     "finance"},
    {"I19", "总收入", "Total income", T::kMoney, "千元", "kCNY", "finance"},
    {"I20", "净利润", "Net profit", T::kMoney, "千元", "kCNY", "finance", true, true},
    {"I21", "出口总额", "Exports", T::kMoney, "千元", "kCNY", "finance"},
    {"I22", "R&D经费支出", "R&D spending", T::kMoney, "千元", "kCNY", "finance"},
    {"I23", "实际上缴税费", "Taxes and fees paid", T::kMoney, "千元", "kCNY", "finance"},
    {"I24", "从业人员", "Employees", T::kCount, "人", "persons", "people"},
    {"I24a", "其中：博士", "of which: doctorates", T::kCount, "人", "persons", "people"},
    {"I24b", "其中：大专以上", "of which: college degree or above", T::kCount, "人", "persons",
     "people"},
    {"I24c", "其中：留学人员", "of which: returnees", T::kCount, "人", "persons", "people"},
    {"I24d", "其中：千人计划", "of which: Thousand Talents", T::kCount, "人", "persons", "people"},
    {"I24e", "其中：吸纳应届毕业生", "of which: fresh graduates hired", T::kCount, "人", "persons",
     "people"},
    {"I25a", "当年知识产权申请数", "IP applications in the year", T::kCount, "件", "items", "ip"},
    {"I25b", "其中：发明专利", "of which: invention patents", T::kCount, "件", "items", "ip"},
    {"I25c", "当年知识产权授权数", "IP granted in the year", T::kCount, "件", "items", "ip"},
    {"I25d", "其中：发明专利", "of which: invention patents", T::kCount, "件", "items", "ip"},
    {"I25e", "拥有有效知识产权数", "Valid IP held", T::kCount, "件", "items", "ip"},
    {"I25f", "其中：发明专利", "of which: invention patents", T::kCount, "件", "items", "ip"},
    {"I25g", "其中：软件著作权", "of which: software copyrights", T::kCount, "件", "items", "ip"},
    {"I25h", "技术合同数", "Technology contracts", T::kCount, "项", "contracts", "ip"},
    {"I25i", "技术合同额", "Value of technology contracts", T::kMoney, "千元", "kCNY", "ip"},
};

constexpr std::size_t kMaxTextChars = 200;
using core::limits::CodePoints;

core::Error Invalid(const FieldDef& f, std::string_view text, const char* zh, const char* en) {
  core::Error e{core::ErrorCode::kInvalid,
                "invalid_value",
                fmt::format("{}（{}）的值“{}”无效：{}", f.name_zh, f.code, text, zh),
                fmt::format("invalid value \"{}\" for {} ({}): {}", text, f.name_en, f.code, en),
                {}};
  e.details["field"] = std::string(f.code);
  return e;
}

bool ParseInt(std::string_view s, std::int64_t* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::string_view FieldTypeName(FieldType t) {
  switch (t) {
    case T::kText:
      return "text";
    case T::kDate:
      return "date";
    case T::kBool:
      return "bool";
    case T::kMoney:
      return "money";
    case T::kArea:
      return "area";
    case T::kCount:
      return "count";
  }
  return "text";
}

std::string_view FormName(Form f) { return f == Form::kCarrier ? "carrier" : "incubatee"; }

std::span<const SectionDef> Sections(Form f) {
  if (f == Form::kCarrier) return kCarrierSections;
  return kIncubateeSections;
}

std::span<const FieldDef> Fields(Form f) {
  if (f == Form::kCarrier) return kCarrierFields;
  return kIncubateeFields;
}

const FieldDef* FindField(Form f, std::string_view code) {
  for (const auto& d : Fields(f))
    if (d.code == code) return &d;
  return nullptr;
}

core::Result<std::string> CanonicalValue(const FieldDef& f, std::string_view text) {
  switch (f.type) {
    case T::kText:
      if (CodePoints(text) > kMaxTextChars)
        return core::Fail(Invalid(f, text.substr(0, 30), "文字过长（最多200字）",
                                  "text too long (at most 200 characters)"));
      return std::string(text);
    case T::kDate: {
      auto d = core::Date::Parse(text);
      if (!d) return core::Fail(Invalid(f, text, "日期格式应为YYYY-MM-DD", "expected YYYY-MM-DD"));
      return d->ToString();
    }
    case T::kBool:
      if (text == "true" || text == "false") return std::string(text);
      return core::Fail(Invalid(f, text, "应为是或否", "expected true or false"));
    case T::kMoney:
    case T::kCount: {
      std::int64_t v = 0;
      if (!ParseInt(text, &v))
        return core::Fail(Invalid(
            f, text, f.type == T::kMoney ? "金额应为以分计的整数" : "应为整数",
            f.type == T::kMoney ? "expected an integer amount in fen" : "expected an integer"));
      if (v < 0 && !f.may_be_negative)
        return core::Fail(Invalid(f, text, "不能为负数", "must not be negative"));
      const std::int64_t max =
          f.type == T::kMoney ? core::limits::kMaxMoneyFen : core::limits::kMaxCount;
      if (auto r = core::limits::CheckRange(v, f.code, f.may_be_negative ? -max : 0, max); !r)
        return core::Fail(r.error());
      return std::to_string(v);
    }
    case T::kArea: {
      double v = 0;
      std::string s(text);
      char* end = nullptr;
      v = s.empty() ? NAN : std::strtod(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v))
        return core::Fail(Invalid(f, text, "应为数字", "expected a number"));
      if (v < 0) return core::Fail(Invalid(f, text, "不能为负数", "must not be negative"));
      if (auto r = core::limits::CheckRange(v, f.code, 0.0, core::limits::kMaxAreaM2); !r)
        return core::Fail(r.error());
      return fmt::format("{}", v);
    }
  }
  return std::string(text);
}

std::optional<double> NumberOf(const FieldDef& f, std::string_view text) {
  if (f.type != T::kMoney && f.type != T::kCount && f.type != T::kArea) return std::nullopt;
  if (text.empty()) return std::nullopt;
  std::string s(text);
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string FenToThousandYuan(std::int64_t fen) {
  // 1 千元 = 100,000 fen; three decimals keep whole yuan.
  bool neg = fen < 0;
  std::uint64_t a = neg ? static_cast<std::uint64_t>(-(fen + 1)) + 1 : fen;
  std::uint64_t whole = a / 100000, rest = (a % 100000 + 50) / 100;  // to yuan, rounded
  if (rest == 1000) {
    ++whole;
    rest = 0;
  }
  return fmt::format("{}{}.{:03}", neg ? "-" : "", whole, rest);
}

std::string DisplayValue(const FieldDef& f, std::string_view text, bool chinese) {
  if (text.empty()) return "";
  switch (f.type) {
    case T::kMoney: {
      std::int64_t v = 0;
      if (!ParseInt(text, &v)) return std::string(text);
      return FenToThousandYuan(v);
    }
    case T::kArea: {
      auto v = NumberOf(f, text);
      if (!v) return std::string(text);
      std::string s = fmt::format("{:.2f}", *v);
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
      return s;
    }
    case T::kBool:
      if (text == "true") return chinese ? "是" : "Yes";
      if (text == "false") return chinese ? "否" : "No";
      return std::string(text);
    default:
      return std::string(text);
  }
}

}  // namespace incunet::domain::returns
