#include "domain/io/spec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "core/dates.hpp"
#include "core/text.hpp"
#include "core/uscc.hpp"
#include "domain/io/return_spec.hpp"

namespace incunet::domain::io {
namespace {

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// NFKC only when needed: ASCII is already folded, and most fields are ASCII.
std::string Fold(std::string_view s) {
  if (IsAscii(s)) return TrimSpace(s);
  return core::FoldNfkc(s);
}

std::string Cut(std::string_view v) {
  if (v.size() <= 200) return std::string(v);
  std::size_t n = 200;
  while (n > 0 && (static_cast<unsigned char>(v[n]) & 0xC0) == 0x80) --n;
  return std::string(v.substr(0, n)) + "…";
}

std::optional<Problem> CodeShape(const std::string& v) {
  for (char c : v)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' &&
        c != '/')
      return Problem{"invalid_code", "编码只能包含字母、数字和 - _ . /",
                     "a code may hold only letters, digits and - _ . /"};
  return std::nullopt;
}

ColumnSpec Col(std::string key, std::string zh, ColumnType t, bool required = false,
               std::vector<std::string> aliases = {}) {
  ColumnSpec c;
  c.key = std::move(key);
  c.header_zh = std::move(zh);
  c.type = t;
  c.required = required;
  c.aliases = std::move(aliases);
  if (t == ColumnType::kCode) {
    c.max_chars = core::limits::kShortTextChars;
    c.validator = CodeShape;
  }
  return c;
}

ColumnSpec Enum(std::string key, std::string zh, bool required, std::vector<EnumValue> values,
                std::vector<std::string> aliases = {}) {
  ColumnSpec c =
      Col(std::move(key), std::move(zh), ColumnType::kEnum, required, std::move(aliases));
  c.values = std::move(values);
  return c;
}

EntitySpec Finish(EntitySpec s) {
  for (std::size_t i = 0; i < s.columns.size(); ++i)
    s.index[s.columns[i].key] = static_cast<int>(i);
  return s;
}

std::vector<EntitySpec> BuildSpecs() {
  std::vector<EntitySpec> out;
  auto area = [](std::string key, std::string zh) {
    return Col(std::move(key), std::move(zh), ColumnType::kDecimal);
  };
  out.push_back(Finish(
      {"carriers",
       "孵化载体",
       {Col("code", "载体编码", ColumnType::kCode, true, {"carrier_code"}),
        Col("name", "载体名称", ColumnType::kText, true),
        Enum("kind", "载体类型", true,
             {{"incubator", "孵化器"},
              {"makerspace", "众创空间"},
              {"accelerator", "加速器"},
              {"university_park", "大学科技园"},
              {"industrial_park", "产业园"}}),
        Col("operator_uscc", "运营机构统一社会信用代码", ColumnType::kUscc, true),
        Col("region_code", "所在区县代码", ColumnType::kRegion, true, {"region"}),
        Col("zone_code", "功能区代码", ColumnType::kRegion),
        [] {
          auto c = Col("address", "地址", ColumnType::kText);
          c.max_chars = core::limits::kAddressChars;
          return c;
        }(),
        Col("founded_on", "成立日期", ColumnType::kDate, true),
        Col("closed_on", "关闭日期", ColumnType::kDate),
        Enum("specialization", "综合或专业", false, {{"general", "综合"}, {"specialized", "专业"}}),
        Col("industry", "所属行业代码", ColumnType::kCode),
        area("area_total_m2", "场地总面积（平方米）"),
        area("area_self_controlled_m2", "自主支配面积（平方米）"),
        area("area_incubatee_m2", "在孵企业用房面积（平方米）"),
        area("area_public_service_m2", "公共服务用房面积（平方米）"),
        Col("overseas_countries", "海外站点国家代码", ColumnType::kList)},
       {}}));
  out.push_back(Finish({"recognitions",
                        "载体认定",
                        {Col("carrier_code", "载体编码", ColumnType::kCode, true, {"code"}),
                         Enum("level", "认定级别", true,
                              {{"provincial", "省级"},
                               {"national", "国家级"},
                               {"standard", "部级标准级"},
                               {"excellence", "部级卓越级"},
                               {"makerspace_filing", "国家备案众创空间"}}),
                         Col("authority", "认定机关", ColumnType::kCode, true),
                         Col("valid_from", "认定日期", ColumnType::kDate, true),
                         Col("valid_to", "失效日期", ColumnType::kDate),
                         Col("document_no", "认定文号", ColumnType::kText)},
                        {}}));
  out.push_back(Finish(
      {"enterprises",
       "企业",
       {Col("uscc", "统一社会信用代码", ColumnType::kUscc, false),
        Col("name", "企业名称", ColumnType::kText, true, {"team_name"}),
        Col("is_team", "是否创业团队", ColumnType::kBool),
        Col("team_carrier_code", "团队所属载体编码", ColumnType::kCode, false, {"carrier_code"}),
        Col("founded_on", "成立日期", ColumnType::kDate),
        Col("region_code", "所在区县代码", ColumnType::kRegion, true, {"region"}),
        Col("industry", "行业代码", ColumnType::kCode),
        Col("domains", "技术领域", ColumnType::kList),
        Col("employees", "从业人员数", ColumnType::kInt)},
       {}}));
  out.push_back(
      Finish({"incubations",
              "孵化关系",
              {Col("uscc", "企业统一社会信用代码", ColumnType::kUscc, false, {"enterprise_uscc"}),
               Col("team_name", "团队名称", ColumnType::kText),
               Col("team_carrier_code", "团队所属载体编码", ColumnType::kCode),
               Col("carrier_code", "载体编码", ColumnType::kCode, true),
               Enum("state", "孵化状态", true,
                    {{"applied", "已申请"},
                     {"admitted", "已录取"},
                     {"incubating", "在孵"},
                     {"graduated", "已毕业"},
                     {"exited", "已退出"}}),
               Col("applied_on", "申请日期", ColumnType::kDate, true),
               Col("admitted_on", "录取日期", ColumnType::kDate),
               Col("started_on", "入孵日期", ColumnType::kDate),
               Col("ended_on", "结束日期", ColumnType::kDate),
               Enum("end_reason", "结束原因", false,
                    {{"graduated", "毕业"},
                     {"exited", "退出"},
                     {"transferred", "转出"},
                     {"rejected", "未录取"}}),
               area("space_m2", "占用面积（平方米）")},
              {}}));
  out.push_back(Finish({"qualifications",
                        "企业资质",
                        {Col("uscc", "统一社会信用代码", ColumnType::kUscc, true),
                         Enum("kind", "资质类型", true,
                              {{"high_tech", "高新技术企业"},
                               {"tech_sme", "科技型中小企业"},
                               {"srdi", "专精特新中小企业"},
                               {"little_giant", "专精特新小巨人"},
                               {"gazelle", "瞪羚企业"}}),
                         Col("valid_from", "生效日期", ColumnType::kDate, true),
                         Col("valid_to", "失效日期", ColumnType::kDate)},
                        {}}));
  out.push_back(Finish({"listings",
                        "上市挂牌",
                        {Col("uscc", "统一社会信用代码", ColumnType::kUscc, true),
                         Enum("board", "板块", true,
                              {{"star", "科创板"},
                               {"chinext", "创业板"},
                               {"main", "主板"},
                               {"bse", "北交所"},
                               {"neeq", "新三板"},
                               {"regional", "区域性股权市场"},
                               {"overseas", "境外"}}),
                         Col("code", "证券代码", ColumnType::kCode),
                         Col("listed_on", "上市挂牌日期", ColumnType::kDate, true)},
                        {}}));
  AppendReturnSpecs(&out);
  return out;
}

// Header text as compared: folded, lower-case ASCII, without spaces, "*" or "（必填）".
std::string HeaderKey(std::string_view h) {
  std::string s = Fold(h);
  for (const char* suffix : {"(必填)", "*"})
    if (s.ends_with(suffix)) s.resize(s.size() - std::string_view(suffix).size());
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<std::string> NormalizeDate(const std::string& v) {
  // Accept the separators spreadsheets and people use; the result must be a real day.
  int parts[3] = {0, 0, 0};
  int n = 0, digits = 0;
  std::string s = v;
  if (s.size() == 8 && std::all_of(s.begin(), s.end(), ::isdigit))
    s = s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2);
  std::size_t i = 0;
  while (i < s.size() && n < 3) {
    unsigned char c = s[i];
    if (std::isdigit(c)) {
      parts[n] = parts[n] * 10 + (c - '0');
      if (++digits > (n == 0 ? 4 : 2)) return std::nullopt;
      ++i;
      continue;
    }
    if (digits == 0) return std::nullopt;
    std::size_t len = 0;
    if (c == '-' || c == '/' || c == '.')
      len = 1;
    else if (s.compare(i, 3, "年") == 0 || s.compare(i, 3, "月") == 0 || s.compare(i, 3, "日") == 0)
      len = 3;
    else
      return std::nullopt;
    ++n;
    digits = 0;
    i += len;
  }
  if (n == 2 && digits > 0) n = 3;  // the day ended the text
  if (n != 3 || i != s.size()) return std::nullopt;
  auto d = core::Date::FromParts(parts[0], parts[1], parts[2]);
  if (!d || parts[0] < 1000) return std::nullopt;
  return d->ToString();
}

}  // namespace

int EntitySpec::At(std::string_view key) const {
  auto it = index.find(std::string(key));
  if (it == index.end()) throw std::out_of_range("unknown column " + std::string(key));
  return it->second;
}

const std::vector<EntitySpec>& EntitySpecs() {
  static const std::vector<EntitySpec> specs = BuildSpecs();
  return specs;
}

const EntitySpec* FindEntitySpec(std::string_view entity) {
  for (const auto& s : EntitySpecs())
    if (s.entity == entity) return &s;
  return nullptr;
}

std::string TrimSpace(std::string_view s) {
  auto lead = [&](std::string_view x) -> std::size_t {
    if (x.empty()) return 0;
    unsigned char c = x[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    if (x.starts_with("\xE3\x80\x80")) return 3;  // U+3000
    if (x.starts_with("\xC2\xA0")) return 2;      // U+00A0
    return 0;
  };
  auto trail = [&](std::string_view x) -> std::size_t {
    if (x.empty()) return 0;
    unsigned char c = x.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    if (x.ends_with("\xE3\x80\x80")) return 3;
    if (x.ends_with("\xC2\xA0")) return 2;
    return 0;
  };
  while (std::size_t k = lead(s)) s.remove_prefix(k);
  while (std::size_t k = trail(s)) s.remove_suffix(k);
  return std::string(s);
}

std::vector<std::string> SplitList(std::string_view v) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string t = TrimSpace(cur);
    if (!t.empty()) out.push_back(std::move(t));
    cur.clear();
  };
  for (std::size_t i = 0; i < v.size();) {
    if (v[i] == ';' || v[i] == '|') {
      flush();
      ++i;
    } else if (v.compare(i, 3, "；") == 0 || v.compare(i, 3, "、") == 0) {
      flush();
      i += 3;
    } else {
      cur += v[i++];
    }
  }
  flush();
  return out;
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += ';';
    out += s;
  }
  return out;
}

std::string FormatDecimal(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::vector<RowError> ResolveHeader(const EntitySpec& spec, const CsvRecord& header,
                                    HeaderMap* out) {
  std::vector<RowError> errs;
  out->field_column.assign(header.fields.size(), -1);
  out->column_field.assign(spec.columns.size(), -1);
  std::unordered_map<std::string, int> by_name;
  for (std::size_t c = 0; c < spec.columns.size(); ++c) {
    const auto& col = spec.columns[c];
    by_name.emplace(HeaderKey(col.header_zh), c);
    by_name.emplace(HeaderKey(col.key), c);
    for (const auto& a : col.aliases) by_name.emplace(HeaderKey(a), c);
  }
  auto err = [&](std::string column, std::string code, std::string zh, std::string en) {
    errs.push_back(
        {1, header.line, std::move(column), "", std::move(code), std::move(zh), std::move(en)});
  };
  if (!header.malformed.empty())
    err("", "malformed_header", "表头行格式错误（" + header.malformed + "）",
        "the header row is malformed (" + header.malformed + ")");
  for (std::size_t f = 0; f < header.fields.size(); ++f) {
    const std::string& h = header.fields[f];
    auto it = by_name.find(HeaderKey(h));
    if (it == by_name.end()) {
      if (TrimSpace(h).empty()) {
        err(fmt::format("第{}列", f + 1), "empty_header", fmt::format("第 {} 列没有表头", f + 1),
            fmt::format("column {} has no header", f + 1));
      } else {
        err(Cut(h), "unknown_column",
            "未知的列「" + Cut(h) + "」（" + spec.name_zh + "模板中没有此列）",
            "unknown column \"" + Cut(h) + "\" (not in the " + spec.entity + " template)");
      }
      continue;
    }
    int c = it->second;
    if (out->column_field[c] >= 0) {
      err(spec.columns[c].header_zh, "duplicate_column",
          "列「" + spec.columns[c].header_zh + "」出现了两次",
          "column " + spec.columns[c].key + " appears twice");
      continue;
    }
    out->column_field[c] = static_cast<int>(f);
    out->field_column[f] = c;
  }
  for (std::size_t c = 0; c < spec.columns.size(); ++c)
    if (spec.columns[c].required && out->column_field[c] < 0)
      err(spec.columns[c].header_zh, "missing_column",
          "缺少必填列「" + spec.columns[c].header_zh + "」",
          "the required column " + spec.columns[c].key + " (" + spec.columns[c].header_zh +
              ") is missing");
  return errs;
}

RowError MakeRowError(const EntitySpec& spec, const CsvRecord& rec, std::string_view key,
                      std::string value, std::string code, std::string zh, std::string en) {
  std::string column;
  if (!key.empty()) {
    auto it = spec.index.find(std::string(key));
    column = it == spec.index.end() ? std::string(key) : spec.columns[it->second].header_zh;
  }
  return {rec.row,         rec.line,      std::move(column), Cut(value),
          std::move(code), std::move(zh), std::move(en)};
}

bool NormalizeRow(const EntitySpec& spec, const HeaderMap& map, const CsvRecord& rec, Values* out,
                  std::vector<RowError>* errors) {
  std::size_t before = errors->size();
  out->assign(spec.columns.size(), std::string());
  auto row_err = [&](std::string code, std::string zh, std::string en) {
    errors->push_back(
        MakeRowError(spec, rec, "", "", std::move(code), std::move(zh), std::move(en)));
  };
  if (!rec.malformed.empty()) {
    static const std::unordered_map<std::string, std::pair<const char*, const char*>> kWhy = {
        {"unterminated_quote",
         {"引号未闭合（该行起到文件末尾都在一个字段内）",
          "a quoted field is never closed (the rest of the file is one field)"}},
        {"text_after_quote",
         {"引号字段的结束引号后还有文字", "text follows the closing quote of a field"}},
        {"field_too_long", {"字段超过 64 KiB", "a field is longer than 64 KiB"}},
        {"too_many_fields", {"字段数过多", "too many fields"}},
    };
    auto it = kWhy.find(rec.malformed);
    row_err("malformed_csv",
            std::string("CSV 格式错误：") +
                (it != kWhy.end() ? it->second.first : rec.malformed.c_str()),
            std::string("malformed CSV: ") +
                (it != kWhy.end() ? it->second.second : rec.malformed.c_str()));
    return false;
  }
  std::size_t expected = map.field_column.size();
  if (rec.fields.size() != expected) {
    bool extra_empty = rec.fields.size() > expected &&
                       std::all_of(rec.fields.begin() + expected, rec.fields.end(),
                                   [](const std::string& f) { return TrimSpace(f).empty(); });
    if (!extra_empty) {
      row_err(rec.fields.size() > expected ? "extra_fields" : "missing_fields",
              fmt::format("该行有 {} 个字段，表头有 {} 列", rec.fields.size(), expected),
              fmt::format("the row has {} fields but the header has {} columns", rec.fields.size(),
                          expected));
      return false;
    }
  }
  for (std::size_t c = 0; c < spec.columns.size(); ++c) {
    const ColumnSpec& col = spec.columns[c];
    int f = map.column_field[c];
    static const std::string kAbsent;
    const std::string& raw = f >= 0 ? rec.fields[f] : kAbsent;
    auto bad = [&](std::string code, std::string zh, std::string en) {
      errors->push_back(MakeRowError(spec, rec, col.key, raw, std::move(code),
                                     "「" + col.header_zh + "」" + zh, col.key + ": " + en));
    };
    std::string v = col.type == ColumnType::kText ? TrimSpace(raw) : Fold(raw);
    if (v.empty()) {
      if (col.required) bad("required", "为必填项，不能为空", "is required");
      continue;
    }
    if (auto n = core::limits::CodePoints(v); n > col.max_chars) {
      bad("text_too_long", fmt::format("最多 {} 个字符，这里有 {} 个", col.max_chars, n),
          fmt::format("takes at most {} characters, got {}", col.max_chars, n));
      continue;
    }
    bool ok = true;
    switch (col.type) {
      case ColumnType::kText:
      case ColumnType::kCode:
      case ColumnType::kList:
        break;
      case ColumnType::kUscc: {
        v = core::NormalizeUscc(v);
        if (auto s = core::ValidateUscc(v); !s) {
          errors->push_back(MakeRowError(spec, rec, col.key, raw, "invalid_uscc",
                                         "「" + col.header_zh + "」" + s.error().message_zh,
                                         col.key + ": " + s.error().message_en));
          ok = false;
        }
        break;
      }
      case ColumnType::kRegion: {
        bool shape = (v.size() == 6 && std::all_of(v.begin(), v.end(), ::isdigit)) ||
                     (v.size() == 2 && std::all_of(v.begin(), v.end(), ::isalpha));
        if (v.size() == 2)
          v = {static_cast<char>(std::toupper(v[0])), static_cast<char>(std::toupper(v[1]))};
        if (!shape) {
          bad("invalid_region", "不是六位行政区划代码或两位国家代码",
              "is not a six-digit division code or a two-letter country code");
          ok = false;
        }
        break;
      }
      case ColumnType::kDate: {
        auto d = NormalizeDate(v);
        if (!d) {
          bad("invalid_date", "不是有效日期（应为 YYYY-MM-DD）",
              "is not a valid date (YYYY-MM-DD)");
          ok = false;
        } else {
          v = *d;
        }
        break;
      }
      case ColumnType::kInt: {
        long long n = 0;
        auto r = std::from_chars(v.data(), v.data() + v.size(), n);
        if (r.ec != std::errc() || r.ptr != v.data() + v.size() || n < 0) {
          bad("invalid_number", "必须是非负整数", "must be a non-negative whole number");
          ok = false;
        } else {
          v = std::to_string(n);
        }
        break;
      }
      case ColumnType::kDecimal: {
        double d = 0;
        auto r = std::from_chars(v.data(), v.data() + v.size(), d);
        if (r.ec != std::errc() || r.ptr != v.data() + v.size() || !std::isfinite(d) ||
            (d < 0 && !col.negative_ok)) {
          bad("invalid_number", col.negative_ok ? "必须是数字" : "必须是非负数",
              col.negative_ok ? "must be a number" : "must be a non-negative number");
          ok = false;
        } else {
          v = FormatDecimal(d);
        }
        break;
      }
      case ColumnType::kBool: {
        std::string l;
        for (char ch : v) l += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (l == "是" || l == "true" || l == "yes" || l == "y" || l == "1")
          v = "1";
        else if (l == "否" || l == "false" || l == "no" || l == "n" || l == "0")
          v = "0";
        else {
          bad("invalid_bool", "必须是「是」或「否」", "must be yes or no (是/否)");
          ok = false;
        }
        break;
      }
      case ColumnType::kEnum: {
        const EnumValue* hit = nullptr;
        for (const auto& e : col.values)
          if (v == e.value || v == e.label_zh) hit = &e;
        if (!hit) {
          std::string zh, en;
          for (const auto& e : col.values) {
            zh += (zh.empty() ? "" : "、") + e.label_zh;
            en += (en.empty() ? "" : ", ") + e.value;
          }
          bad("invalid_value", "必须是以下之一：" + zh, "must be one of " + en);
          ok = false;
        } else {
          v = hit->value;
        }
        break;
      }
    }
    if (ok && col.validator)
      if (auto p = col.validator(v)) {
        bad(p->code, p->message_zh, p->message_en);
        ok = false;
      }
    if (ok) (*out)[c] = std::move(v);
  }
  return errors->size() == before;
}

std::string ExportValue(const ColumnSpec& col, const std::string& value) {
  if (col.type == ColumnType::kEnum)
    for (const auto& e : col.values)
      if (e.value == value) return e.label_zh;
  if (col.type == ColumnType::kBool) return value == "1" ? "是" : value == "0" ? "否" : value;
  return value;
}

std::vector<std::string> HeaderRow(const EntitySpec& spec) {
  std::vector<std::string> h;
  for (const auto& c : spec.columns) h.push_back(c.header_zh);
  return h;
}

}  // namespace incunet::domain::io
