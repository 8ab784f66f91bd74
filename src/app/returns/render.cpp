#include "app/returns/render.hpp"

#include <fmt/format.h>

#include "domain/returns/catalogue.hpp"

namespace incunet::app::returns {
namespace {

using ret::FieldType;

bool IsNumeric(FieldType t) {
  return t == FieldType::kMoney || t == FieldType::kArea || t == FieldType::kCount;
}

std::string ValueOf(const ret::Values& v, std::string_view code) {
  auto it = v.find(std::string(code));
  return it == v.end() ? "" : it->second;
}

std::string SectionName(ret::Form form, std::string_view id) {
  for (const auto& s : ret::Sections(form))
    if (s.id == id) return std::string(s.name_zh);
  return std::string(id);
}

const char* StatusZh(const std::string& s) {
  if (s == ret::kStatusDraft) return "草稿";
  if (s == ret::kStatusSubmitted) return "审核中";
  if (s == ret::kStatusReturned) return "已退回";
  if (s == ret::kStatusAccepted) return "已通过";
  return "";
}

const char* LevelZh(const std::string& s) {
  if (s == ret::kLevelCounty) return "县级";
  if (s == ret::kLevelCity) return "市级";
  if (s == ret::kLevelProvince) return "省级";
  if (s == ret::kLevelNational) return "国家级";
  return "载体";
}

const char* DecisionZh(const std::string& d) {
  if (d == "submit") return "提交";
  if (d == "approve") return "审核通过";
  if (d == "accept") return "最终通过";
  if (d == "return") return "退回";
  if (d == "reopen") return "重新开放填报";
  return "";
}

constexpr const char* kStyle = R"(
body{font-family:"SimSun","Songti SC","Noto Serif CJK SC","WenQuanYi Micro Hei",serif;
  margin:24px;color:#000;font-size:12pt}
h1{text-align:center;font-size:18pt;margin:0 0 4px}
.meta{text-align:center;margin-bottom:12px}
table{border-collapse:collapse;width:100%;margin-bottom:16px}
th,td{border:1px solid #000;padding:3px 6px;vertical-align:top}
th{background:#eee}
td.num{text-align:right;font-family:monospace}
tr.section td{font-weight:bold;background:#f6f6f6}
.wide{font-size:8pt}
.note{font-size:10pt}
.sign{margin-top:24px;display:flex;justify-content:space-between}
@page{size:A4;margin:15mm}
@media print{body{margin:0}.noprint{display:none}h2{page-break-before:always}
  h2.first{page-break-before:auto}tr{page-break-inside:avoid}th{background:none}}
)";

}  // namespace

std::string HtmlEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Sheet CarrierSheet(const ret::AnnualReturn& r) {
  Sheet s;
  s.name = "载体综合情况";
  s.headers = {"栏目", "代码", "指标名称", "计量单位", "数值", "文字"};
  s.numeric = {false, false, false, false, true, false};
  for (const auto& f : ret::Fields(ret::Form::kCarrier)) {
    std::string v = ValueOf(r.values, f.code);
    std::string shown = ret::DisplayValue(f, v);
    bool num = IsNumeric(f.type);
    s.rows.push_back({SectionName(ret::Form::kCarrier, f.section), std::string(f.code),
                      std::string(f.name_zh), std::string(f.unit_zh), num ? shown : "",
                      num ? "" : shown});
  }
  return s;
}

Sheet IncubateeSheet(const ret::AnnualReturn& r) {
  Sheet s;
  s.name = "在孵(毕业)企业情况";
  s.headers = {"序号"};
  s.numeric = {true};
  for (const auto& f : ret::Fields(ret::Form::kIncubatee)) {
    std::string h = std::string(f.code) + " " + std::string(f.name_zh);
    if (!f.unit_zh.empty()) h += "（" + std::string(f.unit_zh) + "）";
    s.headers.push_back(h);
    s.numeric.push_back(IsNumeric(f.type));
  }
  int n = 0;
  for (const auto& row : r.incubatees) {
    std::vector<std::string> cells{std::to_string(++n)};
    for (const auto& f : ret::Fields(ret::Form::kIncubatee))
      cells.push_back(ret::DisplayValue(f, ValueOf(row.values, f.code)));
    s.rows.push_back(std::move(cells));
  }
  return s;
}

std::string PrintHtml(const ReturnView& v, const std::vector<ret::ReviewEvent>& reviews) {
  const auto& r = v.ret;
  std::string h;
  h += "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>";
  h += HtmlEscape(fmt::format("{} {}年度统计报表", r.carrier_name, r.year));
  h += "</title><style>";
  h += kStyle;
  h += "</style></head><body>";
  bool makerspace = r.kind == "makerspace";
  h += fmt::format("<h1>{}</h1>",
                   makerspace ? "众创空间综合运行情况统计表" : "科技企业孵化器运营综合情况统计表");
  h += fmt::format(
      "<div class=\"meta\">统计年度：{}年　　载体：{}　　状态：{}　　（金额单位：千元；面积单位："
      "m²）</div>",
      r.year, HtmlEscape(r.carrier_name), StatusZh(r.status));

  h += "<table><thead><tr><th>代码</th><th>指标名称</th><th>计量单位</th><th>数值</th></tr>"
       "</thead><tbody>";
  std::string_view section;
  for (const auto& f : ret::Fields(ret::Form::kCarrier)) {
    if (f.section != section) {
      section = f.section;
      h += "<tr class=\"section\"><td colspan=\"4\">" +
           HtmlEscape(SectionName(ret::Form::kCarrier, f.section)) + "</td></tr>";
    }
    std::string shown = ret::DisplayValue(f, ValueOf(r.values, f.code));
    h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td{}>{}</td></tr>", f.code,
                     HtmlEscape(std::string(f.name_zh)), HtmlEscape(std::string(f.unit_zh)),
                     IsNumeric(f.type) ? " class=\"num\"" : "", HtmlEscape(shown));
  }
  h += "</tbody></table>";

  h += "<h2>在孵(毕业)企业情况表</h2>";
  if (r.incubatees.empty()) {
    h += "<p class=\"note\">（无）</p>";
  } else {
    h += "<table class=\"wide\"><thead><tr><th>序号</th>";
    for (const auto& f : ret::Fields(ret::Form::kIncubatee)) {
      std::string head = std::string(f.name_zh);
      if (!f.unit_zh.empty()) head += "（" + std::string(f.unit_zh) + "）";
      h += "<th>" + HtmlEscape(head) + "</th>";
    }
    h += "</tr></thead><tbody>";
    int n = 0;
    for (const auto& row : r.incubatees) {
      h += fmt::format("<tr><td class=\"num\">{}</td>", ++n);
      for (const auto& f : ret::Fields(ret::Form::kIncubatee))
        h += fmt::format("<td{}>{}</td>", IsNumeric(f.type) ? " class=\"num\"" : "",
                         HtmlEscape(ret::DisplayValue(f, ValueOf(row.values, f.code))));
      h += "</tr>";
    }
    h += "</tbody></table>";
  }

  h += "<h2>审核校验与说明</h2>";
  if (v.findings.empty()) {
    h += "<p class=\"note\">全部校验通过。</p>";
  } else {
    h += "<table><thead><tr><th>类别</th><th>校验结果</th><th>填报说明</th></tr></thead><tbody>";
    for (const auto& f : v.findings) {
      auto it = r.explanations.find(f.key);
      h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                       f.severity == ret::Severity::kError ? "错误" : "提示",
                       HtmlEscape(f.message_zh),
                       it == r.explanations.end() ? "" : HtmlEscape(it->second));
    }
    h += "</tbody></table>";
  }

  h += "<h2>审核记录</h2>";
  h += "<table><thead><tr><th>时间</th><th>层级</th><th>操作</th><th>操作人</th><th>意见/理由"
       "</th></tr></thead><tbody>";
  for (const auto& e : reviews)
    h += fmt::format("<tr><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                     HtmlEscape(e.at), LevelZh(e.level),
                     e.region_prefix.empty() ? "" : "（" + HtmlEscape(e.region_prefix) + "）",
                     DecisionZh(e.decision), HtmlEscape(e.actor_login), HtmlEscape(e.reason));
  h += "</tbody></table>";
  h += "<div class=\"sign\"><span>单位负责人：</span><span>统计负责人：</span><span>填表人：</span>"
       "<span>联系电话：</span><span>（单位盖章）</span></div>";
  h += "</body></html>";
  return h;
}

}  // namespace incunet::app::returns
