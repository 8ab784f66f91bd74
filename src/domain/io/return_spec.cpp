#include "domain/io/return_spec.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <map>

namespace incunet::domain::io {
namespace {

namespace ret = returns;

constexpr double kMaxThousandYuan = 1e10;  // keeps fen below 2⁵³, where doubles are exact

std::optional<Problem> CodeShape(const std::string& v) {
  for (char c : v)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' &&
        c != '/')
      return Problem{"invalid_code", "编码只能包含字母、数字和 - _ . /",
                     "a code may hold only letters, digits and - _ . /"};
  return std::nullopt;
}

std::optional<Problem> Year(const std::string& v) {
  if (v.size() == 4) return std::nullopt;
  return Problem{"invalid_year", "应为四位年份", "must be a four-digit year"};
}

ColumnSpec Key(std::string key, std::string zh, ColumnType t, bool required,
               std::vector<std::string> aliases) {
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

std::string UnitZh(const ret::FieldDef& f) {
  if (f.unit_zh.empty()) return "";
  return "（" + std::string(f.unit_zh == "m²" ? "平方米" : f.unit_zh) + "）";
}

ColumnSpec ItemColumn(const ret::FieldDef& f, const std::string& header) {
  ColumnSpec c;
  c.key = std::string(f.code);
  c.header_zh = header;
  switch (f.type) {
    case ret::FieldType::kText:
      c.type = ColumnType::kText;
      c.max_chars = 200;  // the catalogue's bound for text items
      break;
    case ret::FieldType::kDate:
      c.type = ColumnType::kDate;
      break;
    case ret::FieldType::kBool:
      c.type = ColumnType::kBool;
      break;
    case ret::FieldType::kMoney:
      c.type = ColumnType::kDecimal;
      c.negative_ok = f.may_be_negative;
      break;
    case ret::FieldType::kArea:
      c.type = ColumnType::kDecimal;
      break;
    case ret::FieldType::kCount:
      c.type = ColumnType::kInt;
      break;
  }
  return c;
}

// Item columns with unique headers: "name（unit）"; an item whose name repeats on the form
// ("其中：发明专利" under applications, grants and holdings) is prefixed with the item it
// belongs to, the nearest one above it that is not a "其中" item.
void AddItems(ret::Form form, EntitySpec* s) {
  std::map<std::string_view, int> uses;
  for (const auto& f : ret::Fields(form)) ++uses[f.name_zh];
  std::string_view parent;
  for (const auto& f : ret::Fields(form)) {
    bool part = f.name_zh.starts_with("其中");
    if (!part) parent = f.name_zh;
    if (form == ret::Form::kIncubatee && f.code == "I02") continue;  // the key column
    std::string header = std::string(f.name_zh);
    if (uses[f.name_zh] > 1 && part && !parent.empty()) header = std::string(parent) + "—" + header;
    s->columns.push_back(ItemColumn(f, header + UnitZh(f)));
  }
}

EntitySpec Finish(EntitySpec s) {
  for (std::size_t i = 0; i < s.columns.size(); ++i)
    s.index[s.columns[i].key] = static_cast<int>(i);
  return s;
}

bool IsItem(const EntitySpec& s, std::size_t column) {
  return ret::FindField(ReturnForm(s.entity), s.columns[column].key) != nullptr;
}

}  // namespace

bool IsReturnEntity(std::string_view entity) {
  return entity == kReturnsEntity || entity == kReturnIncubateesEntity;
}

ret::Form ReturnForm(std::string_view entity) {
  return entity == kReturnIncubateesEntity ? ret::Form::kIncubatee : ret::Form::kCarrier;
}

void AppendReturnSpecs(std::vector<EntitySpec>* out) {
  EntitySpec r{kReturnsEntity,
               "年度统计报表",
               {Key("carrier_code", "载体编码", ColumnType::kCode, true, {"code"}),
                Key("year", "统计年度", ColumnType::kInt, true, {})},
               {}};
  r.columns[1].validator = Year;
  AddItems(ret::Form::kCarrier, &r);
  out->push_back(Finish(std::move(r)));

  EntitySpec i{kReturnIncubateesEntity,
               "在孵企业情况表",
               {Key("carrier_code", "载体编码", ColumnType::kCode, true, {"code"}),
                Key("year", "统计年度", ColumnType::kInt, true, {}),
                Key("uscc", "企业统一社会信用代码", ColumnType::kUscc, false,
                    {"enterprise_uscc", "统一社会信用代码", "I02"}),
                Key("team_name", "团队名称", ColumnType::kText, false, {})},
               {}};
  i.columns[1].validator = Year;
  AddItems(ret::Form::kIncubatee, &i);
  out->push_back(Finish(std::move(i)));
}

std::optional<std::int64_t> ThousandYuanToFen(std::string_view text) {
  double d = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), d);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || !std::isfinite(d) ||
      std::fabs(d) > kMaxThousandYuan)
    return std::nullopt;
  auto fen = static_cast<std::int64_t>(std::llround(d * 1e5));
  // Both sides are the double nearest to the same decimal only when the text had at most five
  // decimals (1 千元 = 100,000 fen).
  if (static_cast<double>(fen) / 1e5 != d) return std::nullopt;
  return fen;
}

std::string FenToThousandYuanExact(std::int64_t fen) {
  bool neg = fen < 0;
  std::uint64_t a = neg ? static_cast<std::uint64_t>(-(fen + 1)) + 1 : fen;
  std::string frac = fmt::format("{:05}", a % 100000);
  while (frac.size() > 3 && frac.back() == '0') frac.pop_back();
  return fmt::format("{}{}.{}", neg ? "-" : "", a / 100000, frac);
}

bool ToReturnItems(const EntitySpec& s, const Values& v, const std::vector<bool>& present,
                   const CsvRecord& rec, ItemValues* out, std::vector<RowError>* errors) {
  std::size_t before = errors->size();
  out->clear();
  ret::Form form = ReturnForm(s.entity);
  for (std::size_t c = 0; c < s.columns.size(); ++c) {
    const ColumnSpec& col = s.columns[c];
    const ret::FieldDef* f = ret::FindField(form, col.key);
    if (!f || (c < present.size() && !present[c])) continue;
    const std::string& text = v[c];
    if (text.empty()) {
      out->push_back({col.key, std::nullopt});
      continue;
    }
    std::string raw = text;
    if (f->type == ret::FieldType::kMoney) {
      auto fen = ThousandYuanToFen(text);
      if (!fen) {
        errors->push_back(MakeRowError(
            s, rec, col.key, text, "invalid_amount",
            "「" + col.header_zh +
                "」金额以千元填写，最多五位小数（精确到分），绝对值不超过 100 亿千元",
            col.key + ": amounts are in thousand yuan with at most five decimals (one fen) and "
                      "at most 10¹⁰"));
        continue;
      }
      raw = std::to_string(*fen);
    } else if (f->type == ret::FieldType::kBool) {
      raw = text == "1" ? "true" : "false";
    }
    auto canon = ret::CanonicalValue(*f, raw);
    if (!canon) {
      errors->push_back(MakeRowError(s, rec, col.key, text, canon.error().id,
                                     canon.error().message_zh, canon.error().message_en));
      continue;
    }
    out->push_back({col.key, *canon});
  }
  return errors->size() == before;
}

void FromReturnItems(const EntitySpec& s, const ret::Values& values, Values* row) {
  ret::Form form = ReturnForm(s.entity);
  row->resize(s.columns.size());
  for (std::size_t c = 0; c < s.columns.size(); ++c) {
    if (!IsItem(s, c)) continue;
    const ret::FieldDef* f = ret::FindField(form, s.columns[c].key);
    auto it = values.find(s.columns[c].key);
    if (it == values.end() || it->second.empty()) {
      (*row)[c].clear();
      continue;
    }
    const std::string& v = it->second;
    switch (f->type) {
      case ret::FieldType::kMoney: {
        std::int64_t fen = 0;
        auto r = std::from_chars(v.data(), v.data() + v.size(), fen);
        (*row)[c] = r.ec == std::errc() ? FenToThousandYuanExact(fen) : v;
        break;
      }
      case ret::FieldType::kBool:
        (*row)[c] = v == "true" ? "1" : v == "false" ? "0" : v;
        break;
      default:
        (*row)[c] = v;
    }
  }
}

}  // namespace incunet::domain::io
