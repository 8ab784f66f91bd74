#pragma once
// The field catalogue of the annual return (STANDARDS.md §7.1–7.3) as data: code, Chinese and
// English names, unit and section. The console, the Excel export and the printable page all
// render from it, and values are validated against it.
//
// Codes: the carrier form uses the item codes of form GZ-007 (国统制[2008]134号) where that form
// has one (`official` = true); items the platform needs that the 2008 form does not carry use
// Tdf7x.. codes of our own (`official` = false). The incubatee form uses the item numbers of the
// 在孵(毕业)企业情况表 (I01 … I26), with letters for the sub-items of an item.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace incunet::domain::returns {

enum class FieldType {
  kText,   // free text, at most 200 characters
  kDate,   // YYYY-MM-DD
  kBool,   // "true" | "false"
  kMoney,  // integer fen; shown in 千元
  kArea,   // m², a non-negative decimal
  kCount,  // a non-negative integer (persons, firms, items)
};
std::string_view FieldTypeName(FieldType t);  // "text", "date", "bool", "money", "area", "count"

enum class Form { kCarrier, kIncubatee };
std::string_view FormName(Form f);  // "carrier" | "incubatee"

struct SectionDef {
  std::string_view id;
  std::string_view name_zh;
  std::string_view name_en;
};

struct FieldDef {
  std::string_view code;
  std::string_view name_zh;
  std::string_view name_en;
  FieldType type;
  std::string_view unit_zh;  // "千元", "m²", "人", "家", "件", "" for text/date/bool
  std::string_view unit_en;
  std::string_view section;      // a SectionDef id
  bool official = true;          // false: a platform item, not on the 2008/2016 forms
  bool may_be_negative = false;  // net profit may be a loss
};

std::span<const SectionDef> Sections(Form f);
std::span<const FieldDef> Fields(Form f);
// The field with `code` on form `f`, or nullptr.
const FieldDef* FindField(Form f, std::string_view code);

// Checks `text` against the field's type and returns its canonical text (e.g. "12.5" for an
// area, "true" for a bool, "120000" for money). Fails with kInvalid "invalid_value" naming the
// field code in details["field"].
core::Result<std::string> CanonicalValue(const FieldDef& f, std::string_view text);

// A canonical numeric value as a double (money in fen), or nullopt for non-numeric fields and
// absent or unparsable text.
std::optional<double> NumberOf(const FieldDef& f, std::string_view text);

// The value as printed on the paper form: money in 千元 with three decimals ("1234.500"),
// areas with up to two decimals, bools as 是/否 (Yes/No in English), others unchanged.
std::string DisplayValue(const FieldDef& f, std::string_view text, bool chinese = true);
// Money in fen as 千元 text with three decimals; negative amounts keep their sign.
std::string FenToThousandYuan(std::int64_t fen);

}  // namespace incunet::domain::returns
